// SPDX-License-Identifier: MIT
#pragma once
// How much memory the system can give a model before it starts swapping or the kernel kills us:
// a model that needs more is refused before a weight is read.
#include <QtGlobal>

namespace qkview {

// MemAvailable from /proc/meminfo, in bytes; -1 where that is unknown (then nothing is refused).
// QKVIEW_AVAILABLE_MEMORY (bytes) overrides it: to test the refusal, or to cap what qkview may take.
qint64 availableMemoryBytes();

} // namespace qkview
