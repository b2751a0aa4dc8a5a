// SPDX-License-Identifier: MIT
#pragma once
// Data parallelism for the heavy loops of core (GPT-2's products, heads, vocabulary).
// Items are claimed one at a time from a shared counter by the calling thread and by helper threads,
// and waiting blocks instead of spinning: when another program holds a core, the delayed thread takes
// fewer items and nobody burns the time slice it needs. (OpenMP teams and Eigen's parallel GEMM spin
// at every barrier and ran 5-20x slower than one thread on a busy machine.)
#include <functional>

namespace qkview {

// Runs body(i) for every i in [0, count), on the calling thread and up to (cores - 1) helpers, and
// returns when all are done. With parallel false, or count < 2, runs them in order on this thread.
// body must not throw (a throw terminates); items must be independent.
void parallelFor(int count, const std::function<void(int)>& body, bool parallel = true);

// The most threads parallelFor uses, the caller included (process-wide; default: every core).
// How work is split never depends on it, so results are identical for any setting.
void setParallelThreads(int threads);
int parallelThreads();

} // namespace qkview
