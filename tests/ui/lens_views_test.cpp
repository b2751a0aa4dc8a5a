// SPDX-License-Identifier: MIT
// Value-weighted attention and rollout as what a heatmap shows: the lens's own numbers, a scale that
// reaches them, and titles that say what they are.
#include "figures/figure.h"
#include "lenses/lenses.h"
#include "models/builtin_models.h"
#include "painters/color_scale.h"
#include "painters/head_grid_painter.h"
#include "painters/matrix_data.h"

#include <gtest/gtest.h>

using namespace qkview;
using namespace qkview::ui;

namespace {
TracePtr tinyTrace() {
    static const auto model = loadModel(QStringLiteral("tiny"));
    return traceText(*model, QStringLiteral("the cat sat on the mat because the cat was tired"), {});
}
} // namespace

TEST(LensViews, ValueWeightedAttentionIsShownOnAScaleFromZeroToItsLargestValue) {
    const TracePtr trace = tinyTrace();
    const MatrixData data = matrixData(*trace, 1, 2, MatrixKind::ValueWeighted);
    EXPECT_EQ(data.values, valueWeightedAttention(*trace, 1, 2));
    EXPECT_FALSE(data.diverging);
    EXPECT_EQ(data.low, 0.0);
    EXPECT_FLOAT_EQ(static_cast<float>(data.high), data.values.maxCoeff());
    EXPECT_GT(data.high, 1.0) << "value norms of a trained model are not weights";
    const auto ticks = ColorScale(data, ColorScaleMode::Fixed).ticks();
    ASSERT_GE(ticks.size(), 3u);
    EXPECT_EQ(ticks.front().label.toDouble(), 0.0);
    EXPECT_GT(ticks.back().label.toDouble(), 1.0) << "the bar's labels reach the values shown";
    EXPECT_EQ(matrixKindFromName(QStringLiteral("value_norms")), MatrixKind::ValueWeighted);
}

TEST(LensViews, RolloutIsOnePerLayerWithWeightsInTheHeadGrid) {
    const TracePtr trace = tinyTrace();
    const MatrixData data = matrixData(*trace, 2, 0, MatrixKind::Rollout);
    EXPECT_EQ(data.values, attentionRollout(*trace, 2).back());
    EXPECT_EQ(matrixData(*trace, 2, 3, MatrixKind::Rollout).values, data.values) << "every head of a layer";
    EXPECT_EQ(data.high, 1.0);
    const HeadGridScene grid = headGridData(*trace, MatrixKind::Rollout, -1, -1);
    EXPECT_EQ(grid.matrices.front().values, matrixData(*trace, 0, 0, MatrixKind::Weights).values);

    FigureRequest r;
    r.what = MatrixKind::Rollout;
    r.layer = 2;
    EXPECT_EQ(defaultTitle(r, *trace), QStringLiteral("Attention rollout — layers 0 to 2"));
    r.what = MatrixKind::ValueWeighted;
    EXPECT_TRUE(defaultTitle(r, *trace).startsWith(QStringLiteral("Value-weighted attention"))) << defaultTitle(r, *trace).toStdString();
}
