// SPDX-License-Identifier: MIT
#include "base/error.h"
#include "attention/step_by_step.h"
#include "models/teaching_model.h"

#include <gtest/gtest.h>

using namespace qkview;

namespace {
TracePtr sample(bool causal) {
    static const TeachingModel model;
    AttentionOptions options;
    options.causal = causal;
    options.temperature = 0.7f;
    return traceText(model, QStringLiteral("The cat sat on the mat"), options);
}
} // namespace

TEST(StepByStep, TheStepsReproduceTheTraceWeight) {
    for (bool causal : {false, true}) {
        const TracePtr trace = sample(causal);
        for (int q = 0; q < trace->tokenCount(); ++q)
            for (int k = 0; k < trace->tokenCount(); ++k) {
                const WeightSteps s = explainWeight(*trace, 0, 2, q, k);
                // Float sums of products are exact to a few ulps of the largest term; the teaching model's
                // position terms are large (±10⁵) and cancel to a small distance penalty.
                const float sumOfMagnitudes = s.products.cwiseAbs().sum();
                EXPECT_NEAR(s.products.sum(), s.dot, 1e-5f + 1e-7f * sumOfMagnitudes);
                EXPECT_NEAR(s.dot * s.factor, s.scaled, 1e-5 + 1e-7 * std::abs(s.scaled));
                EXPECT_NEAR(s.expShifted / s.rowSum, s.weight, 1e-6) << q << "," << k;
                EXPECT_EQ(s.masked, causal && k > q);
                EXPECT_LE(s.expShifted, 1.0 + 1e-12) << "the row maximum is subtracted first";
            }
    }
}

TEST(StepByStep, ContributionsAddUpToTheOutput) {
    const TracePtr trace = sample(true);
    const OutputSteps s = explainOutput(*trace, 1, 0, 3);
    ASSERT_EQ(s.contributions.size(), 4u) << "causal: keys 0..3 only";
    RowVector sum = RowVector::Zero(s.output.size());
    for (const Contribution& c : s.contributions) sum += c.contribution;
    EXPECT_LT((sum - s.output).cwiseAbs().maxCoeff(), 1e-5f);
}

TEST(StepByStep, RejectsIndicesOutOfRange) {
    const TracePtr trace = sample(false);
    EXPECT_THROW(explainWeight(*trace, 0, 0, 6, 0), Error);
    EXPECT_THROW(explainWeight(*trace, 0, 0, 0, -1), Error);
    EXPECT_THROW(explainOutput(*trace, 2, 0, 0), Error);
}
