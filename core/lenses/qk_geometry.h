// SPDX-License-Identifier: MIT
#pragma once
// Queries and keys as points (after AttentionViz): one head's T queries and T keys projected together onto
// the first two principal axes of the 2T vectors, so "close in this plane" reads as "high score" for a
// student. As AttentionViz does, the keys are first moved so that their mean is the queries' mean, and the
// queries scaled by s and the keys by 1/s so that both have the same mean length: neither changes a single
// attention weight (q·(k + c) adds the same q·c to every key of a query's row, which the softmax ignores),
// but without them queries and keys sit in two far-apart clouds. Each axis is signed so that its largest
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
