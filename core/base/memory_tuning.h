// SPDX-License-Identifier: MIT
#pragma once
// A model's forward pass allocates its whole trace anew each time (GPT-2 small at 1024 tokens: 1.7 GB in
// 4 MB matrices) plus scratch buffers of a few MB. By default glibc serves such blocks with fresh
// mmaps and hands freed memory back to the system, so every pass page-faults (and zero-fills) all of it
// again: up to half the time of a pass in our measurements (bench/gpt2_bench.py).

namespace qkview {

// Process-wide and idempotent: glibc keeps freed blocks up to 32 MB for reuse instead of returning
// them. A no-op on other C libraries and under sanitizers.
void keepFreedMemoryForReuse();

// Returns the memory kept for reuse to the system (e.g. when a large model is closed).
void releaseFreedMemory();

} // namespace qkview
