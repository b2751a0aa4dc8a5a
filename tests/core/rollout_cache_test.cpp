// SPDX-License-Identifier: MIT
// Rollout kept while typing: the rows a trace shares with the one before come from the cache, the new ones
// are computed, and the result equals the rollout computed whole.
#include "lenses/rollout_cache.h"
#include "models/builtin_models.h"
#include "base/error.h"
#include "models/model.h"

#include <gtest/gtest.h>

namespace qkview {
namespace {

constexpr float kTolerance = 1e-5f; // rows reused by the model are not bit-equal to recomputed ones

void expectWholeRollout(RolloutCache& cache, const AttentionTrace& trace, int layer) {
    const Matrix whole = attentionRollout(trace, layer).back();
    const Matrix cached = cache.rollout(trace, layer);
    ASSERT_EQ(cached.rows(), whole.rows());
    ASSERT_EQ(cached.cols(), whole.cols());
    EXPECT_TRUE(cached.isApprox(whole, kTolerance)) << "largest difference " << (cached - whole).cwiseAbs().maxCoeff();
}

TEST(RolloutCache, TypingAtTheEndComputesOnlyTheNewRows) {
    const auto model = loadModel(QStringLiteral("tiny"));
    const int last = model->config().layers - 1;
    const QString text = QStringLiteral("a dog is a domesticated animal that barks");
    const TracePtr a = traceText(*model, text, {});
    ASSERT_TRUE(a->options.causal) << "a GPT-2 trace is causal";
    RolloutCache cache;
    expectWholeRollout(cache, *a, last);
    EXPECT_EQ(cache.lastReusedRows(), 0) << "nothing before it";

    const TracePtr b = traceText(*model, text + QStringLiteral(" at strangers"), {});
    expectWholeRollout(cache, *b, last);
    EXPECT_EQ(cache.lastReusedRows(), a->tokenCount());

    const QString pastedText = b->text + QStringLiteral(" at strangers").repeated(8);
    const TracePtr pasted = traceText(*model, pastedText, {});
    expectWholeRollout(cache, *pasted, last);
    EXPECT_EQ(cache.lastReusedRows(), 0) << "a long paste is computed whole";
    const TracePtr typed = traceText(*model, pastedText + QStringLiteral(" again"), {});
    expectWholeRollout(cache, *typed, last);
    EXPECT_EQ(cache.lastReusedRows(), pasted->tokenCount()) << "typing after the paste";

    const TracePtr c = traceText(*model, QStringLiteral("a dog is a cat"), {}); // deleted and retyped
    expectWholeRollout(cache, *c, last);
    EXPECT_EQ(cache.lastReusedRows(), 4) << "\"a dog is a\" is shared";

    expectWholeRollout(cache, *c, 0); // a lower layer: its rows are cached too
    EXPECT_EQ(cache.lastReusedRows(), c->tokenCount());
    expectWholeRollout(cache, *c, last); // the upper layers were dropped with the lower layer's call
    EXPECT_EQ(cache.lastReusedRows(), 0);
}

TEST(RolloutCache, OtherOptionsModelsOrTextsAreComputedWhole) {
    const auto model = loadModel(QStringLiteral("tiny"));
    const QString text = QStringLiteral("the act of moving something from one place to another");
    RolloutCache cache;
    expectWholeRollout(cache, *traceText(*model, text, {}), 1);

    AttentionOptions warmer;
    warmer.causal = true;
    warmer.temperature = 2.0f;
    expectWholeRollout(cache, *traceText(*model, text, warmer), 1);
    EXPECT_EQ(cache.lastReusedRows(), 0) << "other weights from the same rows";

    const auto other = loadModel(QStringLiteral("tiny")); // another run of the same weights: its own rows
    expectWholeRollout(cache, *traceText(*other, text, warmer), 1);
    EXPECT_EQ(cache.lastReusedRows(), 0);

    expectWholeRollout(cache, *traceText(*other, QStringLiteral("something else"), warmer), 1);
    EXPECT_EQ(cache.lastReusedRows(), 0) << "no token in common";

    AttentionOptions seeAll; // the teaching model without the causal mask: every row depends on every token
    const auto teaching = loadModel(QStringLiteral("teaching"));
    expectWholeRollout(cache, *traceText(*teaching, QStringLiteral("the cat sat"), seeAll), 1);
    expectWholeRollout(cache, *traceText(*teaching, QStringLiteral("the cat sat on the mat"), seeAll), 1);
    EXPECT_EQ(cache.lastReusedRows(), 0);

    EXPECT_THROW(cache.rollout(*traceText(*model, text, {}), 9), Error);
}

TEST(RolloutCache, KeepsNothingBeyondItsBudget) {
    const auto model = loadModel(QStringLiteral("tiny"));
    const QString text = QStringLiteral("a dog is a domesticated animal that barks");
    const TracePtr a = traceText(*model, text, {}), b = traceText(*model, text + QStringLiteral(" loudly"), {});
    const size_t oneLayer = static_cast<size_t>(a->tokenCount()) * static_cast<size_t>(a->tokenCount()) * sizeof(float);
    RolloutCache small(2 * oneLayer - 1); // less than layers 0 and 1 of the first text
    expectWholeRollout(small, *a, 1);
    expectWholeRollout(small, *b, 1);
    EXPECT_EQ(small.lastReusedRows(), 0);
    RolloutCache enough(2 * oneLayer);
    expectWholeRollout(enough, *a, 1);
    expectWholeRollout(enough, *b, 1);
    EXPECT_EQ(enough.lastReusedRows(), a->tokenCount());
}

} // namespace
} // namespace qkview
