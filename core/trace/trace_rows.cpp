// SPDX-License-Identifier: MIT
#include "trace/trace_rows.h"

#include "base/error.h"

namespace qkview {

namespace {

// Rows of a stacked above rows of b, each cut to its block's count.
Matrix stacked(const Matrix& a, int countA, const Matrix& b, int countB) {
    Matrix out(countA + countB, a.cols());
    out.topRows(countA) = a.topRows(countA);
    out.bottomRows(countB) = b.topRows(countB);
    return out;
}

RowBlock merged(const RowBlock& a, const RowBlock& b) {
    if (a.end() != b.first() || a.rows->layers.size() != b.rows->layers.size())
        throw Error(Error::Kind::InvalidArgument, "trace rows: merging blocks that do not follow each other");
    auto rows = std::make_shared<TraceRows>();
    rows->first = a.first();
    rows->layers.resize(a.rows->layers.size());
    for (size_t l = 0; l < rows->layers.size(); ++l) {
        const LayerRows &x = a.rows->layers[l], &y = b.rows->layers[l];
        rows->layers[l] = {stacked(x.input, a.count, y.input, b.count), stacked(x.q, a.count, y.q, b.count),
                           stacked(x.k, a.count, y.k, b.count), stacked(x.v, a.count, y.v, b.count)};
    }
    rows->output = stacked(a.rows->output, a.count, b.rows->output, b.count);
    return {std::move(rows), a.count + b.count};
}

} // namespace

std::vector<RowBlock> prefixBlocks(const std::vector<RowBlock>& blocks, int keep) {
    std::vector<RowBlock> out;
    for (const RowBlock& b : blocks) {
        if (b.first() >= keep) break;
        out.push_back({b.rows, std::min(b.count, keep - b.first())});
    }
    return out;
}

std::vector<RowBlock> appendBlock(std::vector<RowBlock> blocks, std::shared_ptr<const TraceRows> fresh) {
    const int count = fresh->rowCount();
    blocks.push_back({std::move(fresh), count});
    while (blocks.size() >= 2 && blocks[blocks.size() - 2].count <= 2 * blocks.back().count) {
        RowBlock last = merged(blocks[blocks.size() - 2], blocks.back());
        blocks.pop_back();
        blocks.back() = std::move(last);
    }
    return blocks;
}

} // namespace qkview
