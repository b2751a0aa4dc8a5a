// SPDX-License-Identifier: MIT
// The trace stores O(T) rows and derives each head's T × T matrices; these tests hold the derived numbers
// to the plain computation (attendProjected on the gathered q, k, v) and the storage to its promises.
#include "attention/attention.h"
#include "base/error.h"
#include "synthetic_trace.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace qkview;

namespace {
Matrix randomRows(int rows, int cols, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    Matrix m(rows, cols);
    for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = normal(rng);
    return m;
}

float maxAbs(const Matrix& m) { return m.size() ? m.cwiseAbs().maxCoeff() : 0.0f; }
} // namespace

TEST(AttendRuns, KeysSplitInRunsGiveTheSameOutputAsOneMatrix) {
    const int T = 150, hs = 8; // more than one block of 64 query rows
    const Matrix q = randomRows(T, hs, 1), k = randomRows(T, hs, 2), v = randomRows(T, hs, 3);
    for (const bool causal : {false, true}) {
        AttentionOptions options;
        options.causal = causal;
        const HeadTrace whole = attendProjected(q, k, v, options);
        // Keys in three runs, the way a trace typed in pieces holds them.
        std::vector<KeyValueRun> runs = {{k.topRows(70), v.topRows(70), 0},
                                         {k.middleRows(70, 5), v.middleRows(70, 5), 70},
                                         {k.bottomRows(75), v.bottomRows(75), 75}};
        Matrix out(T, hs);
        attendRuns(out, q, runs, 0, options);
        EXPECT_LT(maxAbs(out - whole.output), 1e-5f) << "causal " << causal;
        if (!causal) continue;
        // Only the last 30 queries, at their positions: what typing at the end computes.
        Matrix tail(30, hs);
        attendRuns(tail, q.bottomRows(30), runs, T - 30, options);
        EXPECT_LT(maxAbs(tail - whole.output.bottomRows(30)), 1e-5f);
    }
}

TEST(MultiHeadAttention, GroupedQueryHeadsReadTheirSharedKeyValueHead) {
    const int T = 20, hs = 4, heads = 6, kvHeads = 2;
    const Matrix q = randomRows(T, heads * hs, 4), k = randomRows(T, kvHeads * hs, 5), v = randomRows(T, kvHeads * hs, 6);
    AttentionOptions options;
    options.causal = true;
    Matrix out;
    multiHeadAttention(out, q, 0, {{&k, &v, 0, T}}, heads, kvHeads, hs, options);
    ASSERT_EQ(out.cols(), heads * hs);
    for (int h = 0; h < heads; ++h) {
        const int g = h / (heads / kvHeads);
        const HeadTrace expected = attendProjected(q.middleCols(h * hs, hs), k.middleCols(g * hs, hs),
                                                   v.middleCols(g * hs, hs), options);
        EXPECT_LT(maxAbs(out.middleCols(h * hs, hs) - expected.output), 1e-5f) << "head " << h;
    }
    EXPECT_THROW(multiHeadAttention(out, q, 0, {{&k, &v, 0, T}}, heads, 4, hs, options), Error); // 6 % 4 != 0
}

TEST(AttentionTrace, DerivedHeadsRowsAndPoolsAgree) {
    const TracePtr trace = test::syntheticTrace(2, 3, 130, 8);
    const HeadPtr head = trace->head(1, 2);
    const HeadTrace expected = attendProjected(trace->queries(1, 2), trace->keys(1, 2), trace->values(1, 2), trace->options);
    EXPECT_EQ(head->weights, expected.weights);
    EXPECT_EQ(head->scores, expected.scores);
    EXPECT_EQ(trace->head(1, 2), head) << "a second request is served from the cache";
    for (int i : {0, 64, 129}) {
        const RowVector row = test::syntheticTrace(2, 3, 130, 8)->weightRow(1, 2, i); // a fresh trace: no cache
        EXPECT_LT((row - head->weights.row(i)).cwiseAbs().maxCoeff(), 1e-6f) << "row " << i;
        EXPECT_NEAR(row.sum(), 1.0f, 1e-5f);
    }
    // Max pooling into 13 × 10 cells of 10 × 13 tokens keeps every block's largest weight.
    const Matrix pooled = trace->pooledWeights(1, 2, 13, 10);
    Matrix expectedPool = Matrix::Zero(13, 10);
    for (int i = 0; i < 130; ++i)
        for (int j = 0; j < 130; ++j) {
            float& cell = expectedPool(i * 13 / 130, j * 10 / 130);
            cell = std::max(cell, head->weights(i, j));
        }
    EXPECT_LT(maxAbs(pooled - expectedPool), 1e-6f);
    EXPECT_THROW(trace->head(2, 0), Error);
    EXPECT_THROW(trace->head(0, 3), Error);
    EXPECT_THROW(trace->weightRow(0, 0, 130), Error);
}

TEST(AttentionTrace, CacheStaysWithinItsBudgetAndKeepsTheNewestHead) {
    // 8 heads of 2,000 tokens: three 16 MB matrices each, 48 MB a head, so the 256 MB budget holds five.
    const TracePtr trace = test::syntheticTrace(1, 8, 2000, 4);
    std::vector<HeadPtr> heads;
    for (int h = 0; h < 8; ++h) heads.push_back(trace->head(0, h));
    EXPECT_EQ(trace->head(0, 7), heads[7]);
    EXPECT_NE(trace->head(0, 0), heads[0]) << "the oldest head was evicted and derived again";
}

TEST(TraceRows, TypingOneTokenAtATimeKeepsFewBlocksAndTheRowsInOrder) {
    std::vector<RowBlock> blocks;
    int T = 0;
    for (int step = 0; step < 500; ++step) {
        const int keep = step % 7 == 3 ? T - 1 : T; // sometimes the last token is re-typed (BPE merges)
        auto rows = std::make_shared<TraceRows>();
        rows->first = keep;
        const int fresh = step == 0 ? 100 : 1 + step % 2;
        rows->layers.push_back({Matrix::Constant(fresh, 1, 0), Matrix(fresh, 1), Matrix(fresh, 1), Matrix(fresh, 1)});
        for (int r = 0; r < fresh; ++r) rows->layers[0].input(r, 0) = static_cast<float>(keep + r); // its position
        rows->output = rows->layers[0].input;
        blocks = appendBlock(prefixBlocks(blocks, keep), std::move(rows));
        T = keep + fresh;
        ASSERT_EQ(blocks.back().end(), T);
        EXPECT_LE(blocks.size(), static_cast<size_t>(2 * std::log2(T) + 2)) << "at " << T << " tokens";
    }
    int expected = 0;
    for (const RowBlock& b : blocks)
        for (int r = 0; r < b.count; ++r) EXPECT_EQ(b.rows->layers[0].input(r, 0), static_cast<float>(expected++));
    EXPECT_EQ(expected, T);
}

TEST(AttentionTrace, StoredBytesGrowLinearlyWithTokens) {
    const size_t small = test::syntheticTrace(12, 12, 250, 64)->storedBytes();
    const size_t large = test::syntheticTrace(12, 12, 1000, 64)->storedBytes();
    EXPECT_EQ(large, 4 * small);
    // GPT-2 small's shape at 1,000 tokens: q, k, v and the residual stream, well under 200 MB (was 1.7 GB).
    EXPECT_LT(large, size_t{200} << 20);
}
