// SPDX-License-Identifier: MIT
// The lenses against PyTorch (tests/data/lenses/make_lens_reference.py): value norms, value-weighted
// attention, rollout and head scores of a GPT-2 and a grouped-query Llama checkpoint, every layer and head.
#include "base/error.h"
#include "lenses/lenses.h"
#include "lenses/qk_geometry.h"
#include "models/teaching_model.h"
#include "reference_trace.h"

#include <QJsonObject>

#include <gtest/gtest.h>

using namespace qkview;

namespace {
constexpr double kTolerance = 1e-4; // relative to each matrix's largest value (at least 1)

QJsonObject reference() { return test::readJsonFixture(QStringLiteral("lenses/reference.json"))[QStringLiteral("models")].toObject(); }

Matrix rowOf(const QJsonValue& values) { return test::matrixFromJson(QJsonArray{values}); }

double relative(double a, double b) { return std::abs(a - b) / std::max(1.0, std::abs(b)); }
} // namespace

TEST(Lenses, MatchPyTorchOnEveryLayerAndHead) {
    const QJsonObject models = reference();
    ASSERT_EQ(models.size(), 2);
    for (const QString& name : models.keys()) {
        SCOPED_TRACE(name.toStdString());
        const QJsonObject expected = models[name].toObject();
        const auto model = test::loadTransformer(QStringLiteral(QKVIEW_TEST_DATA "/") + name);
        ASSERT_TRUE(model);
        const TracePtr trace = model->forward(QString(), test::tokensOf(test::idsOf(expected[QStringLiteral("ids")].toArray())), {});
        const QJsonArray layers = expected[QStringLiteral("layers")].toArray();
        ASSERT_EQ(layers.size(), trace->layerCount());
        const std::vector<Matrix> rollout = attentionRollout(*trace, trace->layerCount() - 1);
        ASSERT_EQ(rollout.size(), static_cast<size_t>(layers.size()));
        int compared = 0;
        for (int l = 0; l < trace->layerCount(); ++l) {
            const QJsonObject layer = layers[l].toObject();
            EXPECT_LE(test::relativeDifference(rollout[l], test::matrixFromJson(layer[QStringLiteral("rollout")])), kTolerance)
                << "rollout at layer " << l;
            EXPECT_EQ(attentionRollout(*trace, l).back(), rollout[l]) << "a shorter stack ends where the longer passes";
            const QJsonArray heads = layer[QStringLiteral("heads")].toArray();
            ASSERT_EQ(heads.size(), trace->headCount());
            for (int h = 0; h < trace->headCount(); ++h) {
                SCOPED_TRACE(QStringLiteral("layer %1 head %2").arg(l).arg(h).toStdString());
                const QJsonObject head = heads[h].toObject();
                EXPECT_LE(test::relativeDifference(valueNorms(*trace, l, h), rowOf(head[QStringLiteral("value_norms")])), kTolerance);
                EXPECT_LE(test::relativeDifference(valueWeightedAttention(*trace, l, h),
                                                   test::matrixFromJson(head[QStringLiteral("value_weighted")])),
                          kTolerance);
                const QJsonObject scores = head[QStringLiteral("scores")].toObject();
                const HeadScores s = headScores(*trace, l, h);
                EXPECT_LE(relative(s.previousToken, scores[QStringLiteral("previous_token")].toDouble()), kTolerance);
                EXPECT_LE(relative(s.firstToken, scores[QStringLiteral("first_token")].toDouble()), kTolerance);
                EXPECT_LE(relative(s.self, scores[QStringLiteral("self")].toDouble()), kTolerance);
                ASSERT_TRUE(s.induction.has_value()) << "the ids repeat";
                EXPECT_LE(relative(*s.induction, scores[QStringLiteral("induction")].toDouble()), kTolerance);
                // Principal axes as NumPy's SVD finds them, each up to its sign, and the points with them.
                const QkProjection p = projectQueriesAndKeys(*trace, l, h);
                const Matrix axes = test::matrixFromJson(head[QStringLiteral("qk_axes")]);
                const Matrix points = test::matrixFromJson(head[QStringLiteral("qk_points")]);
                const int T = trace->tokenCount();
                for (int a = 0; a < 2; ++a) {
                    const float sign = p.axes.col(a).dot(axes.col(a)) < 0 ? -1.0f : 1.0f;
                    EXPECT_LE(test::relativeDifference(Matrix(p.axes.col(a) * sign), Matrix(axes.col(a))), kTolerance) << "axis " << a;
                    EXPECT_LE(test::relativeDifference(Matrix(p.queries.col(a) * sign), Matrix(points.col(a).head(T))), kTolerance);
                    EXPECT_LE(test::relativeDifference(Matrix(p.keys.col(a) * sign), Matrix(points.col(a).tail(T))), kTolerance);
                }
                EXPECT_GE(p.explained[0], p.explained[1]);
                EXPECT_LE(p.explained[0] + p.explained[1], 1.0 + 1e-9);
                ++compared;
            }
        }
        EXPECT_EQ(compared, trace->layerCount() * trace->headCount());
    }
}

TEST(Lenses, HeadScoresFindTheTeachingModelsPreviousTokenHead) {
    const TeachingModel model;
    const TracePtr trace = traceText(model, QStringLiteral("the cat sat on the mat and the dog ran to the door"), {});
    const HeadScores previous = headScores(*trace, 0, 0); // the teaching model's "previous token" head
    EXPECT_GT(previous.previousToken, 0.8);
    EXPECT_EQ(headType(previous), QStringLiteral("previous_token"));
    EXPECT_LE(previous.self + previous.previousToken, 1.0 + 1e-6);
}

TEST(Lenses, HeadTypesNeedAClearScoreAndInductionNeedsARepeat) {
    HeadScores s;
    s.previousToken = 0.3;
    s.self = 0.35;
    EXPECT_EQ(headType(s), QStringLiteral("mixed"));
    s.induction = 0.6;
    EXPECT_EQ(headType(s), QStringLiteral("induction"));
    s.firstToken = 0.9;
    EXPECT_EQ(headType(s), QStringLiteral("first_token"));

    const TeachingModel model;
    const TracePtr once = traceText(model, QStringLiteral("one two three"), {});
    EXPECT_FALSE(headScores(*once, 0, 0).induction.has_value()) << "nothing repeats";
    EXPECT_THROW(attentionRollout(*once, once->layerCount()), Error);
    EXPECT_THROW(valueNorms(*once, 0, once->headCount()), Error);
}

TEST(Lenses, WithoutAnOutputProjectionTheValueNormIsTheValuesOwn) {
    const TeachingModel model;
    const TracePtr trace = traceText(model, QStringLiteral("the cat sat"), {});
    ASSERT_FALSE(trace->outputProjection);
    EXPECT_EQ(valueNorms(*trace, 1, 2), RowVector(trace->values(1, 2).rowwise().norm().transpose()));
}

TEST(Lenses, HeadScoresGatheredBlockByBlockEqualThoseOfTheWholeMatrix) {
    const TeachingModel model;
    QString text;
    for (int i = 0; i < 16; ++i) text += QStringLiteral("the cat sat on the mat and the dog ran ");
    const TracePtr trace = traceText(model, text, {}); // over 64 tokens: several blocks of rows, many repeats
    ASSERT_GT(trace->tokenCount(), 2 * 64);
    for (int l = 0; l < trace->layerCount(); ++l)
        for (int h = 0; h < trace->headCount(); ++h) {
            const HeadScores blocks = headScores(*trace, l, h); // before the head is derived and cached
            // The definitions, written out on the whole matrix.
            const Matrix& w = trace->head(l, h)->weights;
            const int T = trace->tokenCount();
            double previous = 0, first = 0, self = 0, induction = 0;
            int repeats = 0;
            for (int i = 1; i < T; ++i) previous += w(i, i - 1), first += w(i, 0), self += w(i, i);
            for (int i = 1; i < T; ++i)
                for (int j = i - 1; j >= 0; --j)
                    if (trace->tokens[static_cast<size_t>(j)].id == trace->tokens[static_cast<size_t>(i)].id) {
                        induction += w(i, j + 1);
                        ++repeats;
                        break;
                    }
            EXPECT_NEAR(blocks.previousToken, previous / (T - 1), 1e-6) << l << "," << h;
            EXPECT_NEAR(blocks.firstToken, first / (T - 1), 1e-6) << l << "," << h;
            EXPECT_NEAR(blocks.self, self / (T - 1), 1e-6) << l << "," << h;
            ASSERT_TRUE(blocks.induction.has_value());
            EXPECT_NEAR(*blocks.induction, induction / repeats, 1e-6) << l << "," << h;
        }
}
