// SPDX-License-Identifier: MIT
// Value-weighted attention and rollout as what a heatmap shows: the lens's own numbers, a scale that
// reaches them, and titles that say what they are.
#include "figures/figure.h"
#include "lenses/lenses.h"
#include "models/builtin_models.h"
#include "painters/color_scale.h"
#include "painters/compare_painter.h"
#include "painters/head_grid_painter.h"
#include "painters/matrix_data.h"
#include "painters/scatter_painter.h"
#include "painters/values_painter.h"
#include "base/error.h"

#include <QImage>
#include <QPainter>

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
    const MatrixData data = matrixData(*trace, 1, 0, MatrixKind::Rollout);
    EXPECT_EQ(data.values, attentionRollout(*trace, 1).back());
    EXPECT_EQ(matrixData(*trace, 1, 3, MatrixKind::Rollout).values, data.values) << "every head of a layer";
    EXPECT_EQ(data.high, 1.0);
    const HeadGridScene grid = headGridData(*trace, MatrixKind::Rollout, -1, -1);
    EXPECT_EQ(grid.matrices.front().values, matrixData(*trace, 0, 0, MatrixKind::Weights).values);

    FigureRequest r;
    r.what = MatrixKind::Rollout;
    r.layer = 1;
    EXPECT_EQ(defaultTitle(r, *trace), QStringLiteral("Attention rollout — layers 0 to 1"));
    r.what = MatrixKind::ValueWeighted;
    EXPECT_TRUE(defaultTitle(r, *trace).startsWith(QStringLiteral("Value-weighted attention"))) << defaultTitle(r, *trace).toStdString();
}

TEST(LensViews, TheScatterDrawsEachTokensQueryAndKeyWhereTheProjectionPutsThem) {
    const TracePtr trace = tinyTrace();
    const ScatterScene scene = scatterScene(*trace, 1, 2, 3, 1);
    ASSERT_EQ(scene.tokens.size(), trace->tokenCount());
    const QRectF bounds(0, 0, 600, 400);
    const FigureStyle style = FigureStyle::print();
    // The point furthest along the first axis is drawn furthest right, and likewise for the second axis upwards.
    Eigen::Index right = 0, top = 0;
    scene.projection.queries.col(0).maxCoeff(&right);
    scene.projection.queries.col(1).maxCoeff(&top);
    for (int i = 0; i < trace->tokenCount(); ++i) {
        const QPointF q = scatterPoint(scene, bounds, style, i, false), k = scatterPoint(scene, bounds, style, i, true);
        EXPECT_TRUE(bounds.contains(q) && bounds.contains(k)) << i;
        EXPECT_LE(q.x(), scatterPoint(scene, bounds, style, static_cast<int>(right), false).x() + 1e-6);
        EXPECT_GE(q.y(), scatterPoint(scene, bounds, style, static_cast<int>(top), false).y() - 1e-6);
    }
    QImage image(bounds.size().toSize(), QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    renderScatter(painter, scene, bounds, style);
    painter.end();
    const QPoint selected = scatterPoint(scene, bounds, style, 3, false).toPoint();
    EXPECT_NE(image.pixelColor(selected), QColor(Qt::white)) << "the selected query is drawn";
    EXPECT_EQ(figureViewFromName(QStringLiteral("scatter")), FigureView::Scatter);
}

TEST(LensViews, TheHeadGridNamesEachHeadsMeasuredType) {
    HeadScores s;
    EXPECT_EQ(measuredTypeLabel(s), QString()) << "no clear type: nothing added";
    s.induction = 0.52;
    EXPECT_EQ(measuredTypeLabel(s), QStringLiteral("induction 0.52"));

    const auto model = loadModel(QStringLiteral("teaching"));
    const TracePtr trace = traceText(*model, QStringLiteral("the cat sat on the mat . the cat sat on the mat ."), {});
    const HeadGridScene grid = headGridData(*trace, MatrixKind::Weights, 0, 0);
    ASSERT_EQ(grid.measuredTypes.size(), trace->layerCount() * trace->headCount());
    for (int l = 0; l < trace->layerCount(); ++l)
        for (int h = 0; h < trace->headCount(); ++h)
            EXPECT_EQ(grid.measuredTypes[grid.index(l, h)], measuredTypeLabel(headScores(*trace, l, h)));
    EXPECT_TRUE(grid.measuredTypes[grid.index(0, 0)].startsWith(QStringLiteral("previous"))) << "the previous-token head";
}

TEST(LensViews, LongTextThumbnailsAreScoredInTheSamePassAsTheyArePooled) {
    const auto model = loadModel(QStringLiteral("teaching"));
    QString text;
    for (int i = 0; i < 10; ++i) text += QStringLiteral("the cat sat on the mat . ");
    const TracePtr trace = traceText(*model, text, {});
    ASSERT_GT(trace->tokenCount(), kHeadGridCells) << "thumbnails are pooled";
    const HeadGridScene grid = headGridData(*trace, MatrixKind::Weights, 0, 0);
    ASSERT_EQ(grid.scores.size(), static_cast<size_t>(trace->layerCount() * trace->headCount()));
    for (int l = 0; l < trace->layerCount(); ++l)
        for (int h = 0; h < trace->headCount(); ++h) {
            const HeadScores& s = grid.scores[static_cast<size_t>(grid.index(l, h))];
            const HeadScores alone = headScores(*trace, l, h);
            EXPECT_NEAR(s.previousToken, alone.previousToken, 1e-6);
            EXPECT_NEAR(s.firstToken, alone.firstToken, 1e-6);
            EXPECT_NEAR(s.self, alone.self, 1e-6);
            EXPECT_NEAR(s.induction.value_or(-1), alone.induction.value_or(-1), 1e-6);
            EXPECT_EQ(grid.matrices[static_cast<size_t>(grid.index(l, h))].values, trace->pooledWeights(l, h, kHeadGridCells, kHeadGridCells));
        }
}

TEST(LensViews, HeadTypeFramesAreDrawnInTheirTypesColourOnlyWhenAsked) {
    const auto model = loadModel(QStringLiteral("teaching"));
    const TracePtr trace = traceText(*model, QStringLiteral("the cat sat on the mat . the cat sat on the mat ."), {});
    HeadGridScene grid = headGridScene(*trace, MatrixKind::Weights, FigureStyle::print(), -1, -1);
    const QString type = headType(grid.scores[static_cast<size_t>(grid.index(0, 0))]);
    ASSERT_EQ(type, QStringLiteral("previous_token"));
    const QColor frame = headTypeColor(type);
    ASSERT_TRUE(frame.isValid());
    EXPECT_FALSE(headTypeColor(QStringLiteral("mixed")).isValid());
    const auto frameSeen = [&](bool colorByType) {
        grid.colorByType = colorByType;
        QImage image(900, 600, QImage::Format_RGB32);
        QPainter p(&image);
        FigureStyle style = FigureStyle::print();
        style.rasterCells = true;
        renderHeadGrid(p, grid, QRectF(image.rect()), style);
        const QRectF thumb = headGridGeometry(p, grid, QRectF(image.rect()), style).thumbRect(0, 0);
        p.end();
        // A pixel just inside the thumbnail's top edge, midway along.
        return image.pixelColor(QPoint(static_cast<int>(thumb.center().x()), static_cast<int>(thumb.top() + 1))) == frame;
    };
    EXPECT_FALSE(frameSeen(false));
    EXPECT_TRUE(frameSeen(true));
}

TEST(LensViews, TheValuesChartGivesEachKeysShareOfWhatTheHeadMoves) {
    const TracePtr trace = tinyTrace();
    const int query = 7;
    const ValuesScene scene = valuesScene(*trace, 1, 2, query);
    ASSERT_TRUE(scene.steps.has_value());
    ASSERT_EQ(scene.moved.size(), scene.steps->contributions.size());
    const Matrix lens = valueWeightedAttention(*trace, 1, 2);
    const double total = lens.row(query).sum();
    double sum = 0;
    for (size_t i = 0; i < scene.moved.size(); ++i) {
        EXPECT_NEAR(scene.moved[i], lens(query, scene.steps->contributions[i].key) / total, 1e-6);
        sum += scene.moved[i];
    }
    EXPECT_NEAR(sum, 1.0, 1e-6);
    EXPECT_TRUE(valuesScene(*trace, 1, 2, -1).moved.empty()) << "no query, nothing moved";
}

TEST(LensViews, GridFiguresFrameHeadTypesOnlyInTheGridAndSaySo) {
    const TracePtr trace = tinyTrace();
    FigureRequest r;
    r.view = FigureView::Grid;
    r.headTypes = true;
    EXPECT_TRUE(defaultCaption(r, *trace).contains(QStringLiteral("frames: blue previous token")));
    QImage image(800, 500, QImage::Format_RGB32);
    QPainter p(&image);
    EXPECT_NO_THROW(renderFigure(p, r, *trace, QRectF(image.rect())));
    r.view = FigureView::Heatmap;
    EXPECT_THROW(renderFigure(p, r, *trace, QRectF(image.rect())), Error);
}

TEST(LensViews, TwoTextsAreComparedCellByCellWhereTheirTokensAlign) {
    const auto model = loadModel(QStringLiteral("tiny"));
    const TracePtr a = traceText(*model, QStringLiteral("The keys to the cabinet are here"), {});
    const TracePtr b = traceText(*model, QStringLiteral("The key to the cabinets is here"), {});
    ASSERT_EQ(a->tokenCount(), b->tokenCount()) << "a minimal pair of as many tokens";
    const CompareScene scene = compareScene(*a, *b, 1, 1, MatrixKind::Weights);
    ASSERT_TRUE(scene.difference.has_value());
    const MatrixData& d = scene.difference->data;
    const Matrix expected = b->head(1, 1)->weights - a->head(1, 1)->weights;
    EXPECT_TRUE(d.values.isApprox(expected, 1e-6f));
    EXPECT_TRUE(d.diverging);
    EXPECT_FLOAT_EQ(static_cast<float>(d.high), expected.cwiseAbs().maxCoeff()) << "the scale reaches the largest change";
    EXPECT_EQ(d.low, -d.high);
    for (int i = 0; i < a->tokenCount(); ++i) {
        const bool same = a->tokens[static_cast<size_t>(i)].text == b->tokens[static_cast<size_t>(i)].text;
        EXPECT_EQ(d.rowLabels[i].endsWith(u'*'), !same) << i;
        for (int j = 0; j < a->tokenCount(); ++j) EXPECT_EQ(d.masked(i, j), j > i) << "causal: masked in both";
    }
    EXPECT_EQ(scene.first.data.high, scene.second.data.high) << "one colour scale for both texts";

    const TracePtr longer = traceText(*model, QStringLiteral("Keys are here"), {});
    EXPECT_FALSE(compareScene(*a, *longer, 1, 1, MatrixKind::Weights).difference.has_value()) << "tokens do not align";
    EXPECT_THROW(compareScene(*a, *b, 9, 0, MatrixKind::Weights), Error);
}

TEST(LensViews, ComparePanelsChooseTheArrangementWithTheLargestCells) {
    const auto model = loadModel(QStringLiteral("tiny"));
    const TracePtr a = traceText(*model, QStringLiteral("The keys to the cabinet are here"), {});
    const TracePtr b = traceText(*model, QStringLiteral("The key to the cabinets is here"), {});
    const CompareScene scene = compareScene(*a, *b, 0, 0, MatrixKind::Weights);
    QImage image(10, 10, QImage::Format_RGB32);
    QPainter p(&image);
    const FigureStyle style = FigureStyle::print();
    const ComparePanels wide = comparePanels(p, scene, QRectF(0, 0, 1800, 500), style);
    const ComparePanels tall = comparePanels(p, scene, QRectF(0, 0, 400, 1500), style);
    ASSERT_EQ(wide.heatmaps.size(), 3u);
    EXPECT_EQ(wide.heatmaps[0].top(), wide.heatmaps[2].top()) << "a wide page: in a row";
    EXPECT_EQ(tall.heatmaps[0].left(), tall.heatmaps[2].left()) << "a tall page: in a column";
    for (const ComparePanels& panels : {wide, tall})
        for (size_t i = 0; i < panels.heatmaps.size(); ++i)
            for (size_t j = i + 1; j < panels.heatmaps.size(); ++j)
                EXPECT_FALSE(panels.heatmaps[i].intersects(panels.heatmaps[j])) << "panels never overlap";
}
