// SPDX-License-Identifier: MIT
#pragma once
// What a forward pass keeps for a run of consecutive tokens: only what grows linearly with T.
// A trace is a list of such runs; typing at the end shares the unchanged runs with the previous trace.
// Shapes: R = rows of the run, C = channels, NH = query heads, NKV = key/value heads, hs = head size.
#include "base/matrix.h"

#include <memory>
#include <vector>

namespace qkview {

struct LayerRows {
    Matrix input; // (R, C) residual stream entering the layer
    Matrix q;     // (R, NH·hs) queries as the dot product sees them (after any rotation), head h in cols h·hs..
    Matrix k;     // (R, NKV·hs) keys, likewise
    Matrix v;     // (R, NKV·hs) values
};

struct TraceRows {
    int first = 0;                 // position of the first row among the trace's tokens
    std::vector<LayerRows> layers; // L
    Matrix output;                 // (R, C) residual stream leaving the last layer

    int rowCount() const { return static_cast<int>(output.rows()); }
};

// The first `count` rows of a (shared, immutable) run.
struct RowBlock {
    std::shared_ptr<const TraceRows> rows;
    int count = 0;

    int first() const { return rows->first; }
    int end() const { return rows->first + count; }
};

// The blocks of `blocks` that cover positions [0, keep), the last one cut short where needed (no copy).
std::vector<RowBlock> prefixBlocks(const std::vector<RowBlock>& blocks, int keep);

// Appends `fresh` after `blocks` and merges trailing blocks of comparable size (each block at least twice the
// next), so a trace typed one token at a time has O(log T) blocks and every row is copied O(log T) times.
std::vector<RowBlock> appendBlock(std::vector<RowBlock> blocks, std::shared_ptr<const TraceRows> fresh);

} // namespace qkview
