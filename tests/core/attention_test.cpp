// SPDX-License-Identifier: MIT
// Properties of attention that hold for any input.
#include "attention/attention.h"
#include "base/error.h"
#include "test_matrices.h"

#include <cmath>
#include <numeric>
#include <random>

using namespace qkview;

namespace {
Matrix randomMatrix(Eigen::Index rows, Eigen::Index cols, unsigned seed, float spread = 1.0f) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal(0.0f, spread);
    Matrix m(rows, cols);
    for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = normal(rng);
    return m;
}

HeadWeights randomHead(Eigen::Index c, Eigen::Index hs, unsigned seed) {
    return {randomMatrix(c, hs, seed), randomMatrix(c, hs, seed + 1), randomMatrix(c, hs, seed + 2)};
}
} // namespace

TEST(Attention, WeightRowsSumToOne) {
    for (bool causal : {false, true}) {
        AttentionOptions options;
        options.causal = causal;
        const HeadTrace head = attentionHead(randomMatrix(9, 16, 1), randomHead(16, 4, 2), options);
        for (Eigen::Index i = 0; i < head.weights.rows(); ++i)
            EXPECT_NEAR(head.weights.row(i).sum(), 1.0f, 1e-6f) << "row " << i;
    }
}

TEST(Attention, CausalMaskZeroesFutureKeysExactly) {
    AttentionOptions options;
    options.causal = true;
    const HeadTrace head = attentionHead(randomMatrix(7, 8, 3), randomHead(8, 4, 4), options);
    for (Eigen::Index i = 0; i < 7; ++i)
        for (Eigen::Index j = 0; j < 7; ++j) {
            if (j > i) {
                EXPECT_EQ(head.weights(i, j), 0.0f) << i << "," << j;
            } else {
                EXPECT_GT(head.weights(i, j), 0.0f) << i << "," << j;
            }
        }
    EXPECT_EQ(head.weights(0, 0), 1.0f);
}

TEST(Attention, ShiftingAScoreRowLeavesWeightsUnchanged) {
    const Matrix scores = randomMatrix(5, 5, 5, 3.0f);
    Matrix shifted = scores;
    for (Eigen::Index i = 0; i < shifted.rows(); ++i) shifted.row(i).array() += static_cast<float>(i * 37 - 50);
    EXPECT_TRUE(test::matricesNear(softmaxRows(shifted, 1.0, false), softmaxRows(scores, 1.0, false), 1e-5));
}

TEST(Attention, LowTemperatureApproachesOneHotAtTheArgmax) {
    const Matrix scores = randomMatrix(6, 6, 6);
    for (float temperature : {1e-2f, 1e-3f, 1e-30f}) {
        AttentionOptions options;
        options.temperature = temperature;
        const Matrix w = softmaxRows(scores, logitFactor(4, options), false);
        for (Eigen::Index i = 0; i < 6; ++i) {
            Eigen::Index argmax = 0;
            scores.row(i).maxCoeff(&argmax);
            EXPECT_GT(w(i, argmax), 0.99f) << "temperature " << temperature << " row " << i;
            EXPECT_TRUE(w.row(i).allFinite());
        }
    }
}

TEST(Attention, HigherTemperatureFlattensTheRow) {
    const Matrix scores = randomMatrix(1, 8, 7, 2.0f);
    AttentionOptions hot;
    hot.temperature = 10.0f;
    const Matrix sharp = softmaxRows(scores, logitFactor(4, AttentionOptions{}), false);
    const Matrix flat = softmaxRows(scores, logitFactor(4, hot), false);
    EXPECT_LT(flat.maxCoeff(), sharp.maxCoeff());
    EXPECT_GT(flat.minCoeff(), sharp.minCoeff());
}

TEST(Attention, HugeScoresGiveFiniteWeights) {
    Matrix scores(2, 3);
    scores << 1e4f, -1e4f, 1e4f, 3e38f, -3e38f, 0.0f;
    const Matrix w = softmaxRows(scores, 1.0, false);
    ASSERT_TRUE(w.allFinite());
    EXPECT_NEAR(w(0, 0), 0.5f, 1e-6f);
    EXPECT_NEAR(w(0, 2), 0.5f, 1e-6f);
    EXPECT_EQ(w(0, 1), 0.0f);
    EXPECT_NEAR(w(1, 0), 1.0f, 1e-6f);
}

TEST(Attention, ScalingDividesByTheSquareRootOfTheHeadSize) {
    AttentionOptions off;
    off.scale = false;
    const Matrix x = randomMatrix(4, 8, 8);
    const HeadWeights w = randomHead(8, 16, 9);
    const HeadTrace scaled = attentionHead(x, w, AttentionOptions{});
    const HeadTrace raw = attentionHead(x, w, off);
    EXPECT_TRUE(test::matricesNear(scaled.scores, raw.scores, 0.0));
    EXPECT_TRUE(test::matricesNear(scaled.scaledScores, raw.scores / 4.0f, 1e-5));
    EXPECT_TRUE(test::matricesNear(raw.scaledScores, raw.scores, 0.0));
}

TEST(Attention, PermutingTokensPermutesTheTrace) {
    // Without position features, attention is permutation-equivariant.
    const Matrix x = randomMatrix(6, 8, 10);
    const HeadWeights w = randomHead(8, 4, 11);
    std::vector<int> order(6);
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), std::mt19937(12));
    Eigen::PermutationMatrix<Eigen::Dynamic> p(6);
    for (int i = 0; i < 6; ++i) p.indices()[i] = order[i];
    const Matrix xp = p.transpose() * x; // row i of xp is row order[i] of x
    const HeadTrace a = attentionHead(x, w, AttentionOptions{});
    const HeadTrace b = attentionHead(xp, w, AttentionOptions{});
    EXPECT_TRUE(test::matricesNear(b.weights, p.transpose() * a.weights * p, 1e-6));
    EXPECT_TRUE(test::matricesNear(b.output, p.transpose() * a.output, 1e-5));
}

TEST(Attention, RejectsBadTemperatureAndShapes) {
    for (float t : {0.0f, -1.0f, std::nanf(""), INFINITY}) {
        AttentionOptions options;
        options.temperature = t;
        EXPECT_THROW(validate(options), Error) << t;
    }
    EXPECT_THROW(attentionHead(randomMatrix(3, 5, 1), randomHead(4, 2, 2), AttentionOptions{}), Error);
    EXPECT_THROW(combineHeads({}, Matrix::Zero(2, 2)), Error);
}

TEST(Attention, CombineHeadsConcatenatesThenProjects) {
    HeadTrace a, b;
    a.output = Matrix::Constant(2, 2, 1.0f);
    b.output = Matrix::Constant(2, 2, 2.0f);
    Matrix wo = Matrix::Zero(4, 3);
    wo(0, 0) = 1.0f; // a's first dim → out 0
    wo(3, 2) = 1.0f; // b's second dim → out 2
    const Matrix out = combineHeads({a, b}, wo);
    EXPECT_EQ(out(1, 0), 1.0f);
    EXPECT_EQ(out(1, 1), 0.0f);
    EXPECT_EQ(out(1, 2), 2.0f);
    EXPECT_THROW(combineHeads({a}, wo), Error);
}
