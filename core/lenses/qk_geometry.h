// SPDX-License-Identifier: MIT
#pragma once
// Queries and keys as points (after AttentionViz): one head's T queries and T keys projected together onto
// the first two principal axes of the 2T vectors, so "close in this plane" reads as "high score" for a
// student. Both sets share one centre and one pair of axes; each axis is signed so that its largest
// component is positive (the same picture every time).
#include "trace/attention_trace.h"

namespace qkview {

struct QkProjection {
    Matrix queries;       // (T, 2) coordinates on the two axes
    Matrix keys;          // (T, 2)
    Matrix axes;          // (hs, 2) unit principal axes, the first explaining the most
    double explained[2]{}; // share of the 2T vectors' variance along each axis, 0–1
};

// Throws Error(InvalidArgument) for a head that does not exist.
QkProjection projectQueriesAndKeys(const AttentionTrace& trace, int layer, int head);

} // namespace qkview
