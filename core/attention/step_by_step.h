// SPDX-License-Identifier: MIT
#pragma once
// The arithmetic behind one attention weight and one head output, spelled out step by step
// for the math panel. Every number is taken from, or checked against, the trace.
// Shapes: T = tokens, hs = head size.
#include "trace/attention_trace.h"

#include <vector>

namespace qkview {

struct WeightSteps {
    RowVector q;        // (hs) the query's vector
    RowVector k;        // (hs) the key's vector
    RowVector products; // (hs) q ∘ k, elementwise
    float dot = 0;      // Σ products = the raw score (trace.scores)
    double factor = 1;  // (1/√hs if scaling) / temperature
    float scaled = 0;   // dot × factor (trace.scaledScores)
    double rowMax = 0;  // the largest visible scaled score of the query's row (subtracted for stability)
    double expShifted = 0; // exp(scaled − rowMax)
    double rowSum = 0;     // Σ over visible keys of exp(scaled − rowMax)
    float weight = 0;      // expShifted / rowSum (trace.weights)
    bool masked = false;   // the causal mask hides this key from this query
    // Rotary positions: q and k above are as the dot product sees them, turned by their positions.
    bool rotated = false;
    RowVector qBeforeRotation; // (hs) q as the projection made it, before the turn
    RowVector kBeforeRotation; // (hs)
    int kvHead = 0;            // the key/value head this query head reads (its own without grouping)
};

struct Contribution {
    int key = 0;
    float weight = 0;
    RowVector value;        // (hs) v of the key
    RowVector contribution; // (hs) weight × value
};

struct OutputSteps {
    std::vector<Contribution> contributions; // every visible key, in token order
    RowVector output;                        // (hs) Σ contributions (trace output row)
};

// Throw Error(InvalidArgument) for indices out of range.
WeightSteps explainWeight(const AttentionTrace& trace, int layer, int head, int query, int key);
OutputSteps explainOutput(const AttentionTrace& trace, int layer, int head, int query);

} // namespace qkview
