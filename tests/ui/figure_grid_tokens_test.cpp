// SPDX-License-Identifier: MIT
// The grid figure with the selected head's tokens: its labels are real text only when asked for, and
// its parts (grid, head title, matrix, figure title and caption) never overlap and stay on the page.
#include "figure_test_support.h"
#include "base/error.h"
#include "figures/figure_exporter.h"
#include "figures/figure_layout.h"
#include "painters/label_text.h"
#include "widget_test_support.h"

#include <QImage>
#include <QPainter>
#include <QXmlStreamReader>

#include <gtest/gtest.h>

using namespace qkview;
using namespace qkview::ui;
using qkview::test::svgTexts;
using qkview::test::words;

namespace {
const QString kTen = QStringLiteral("The cat sat on the mat and the dog ran");

TracePtr trace(const QString& text) {
    return traceText(*test::teachingModel(), text, {});
}


QSizeF cm(double w, double h) {
    return FigureSize::from(QSizeF(w, h), SizeUnit::Centimetres, 300).units();
}

FigureRequest gridRequest(bool tokens, QSizeF size) {
    FigureRequest r;
    r.view = FigureView::Grid;
    r.layer = 1;
    r.head = 2;
    r.gridTokens = tokens;
    r.size = size;
    return r;
}


struct Measured {
    QImage device{1, 1, QImage::Format_RGB32};
    QPainter painter{&device};
};
} // namespace

TEST(FigureGridTokens, EveryTokenIsTextOnlyWithTheOption) {
    const TracePtr t = trace(kTen);
    const FigureSize size = FigureSize::from(QSizeF(17, 10), SizeUnit::Centimetres, 300);
    const QStringList with =
        svgTexts(FigureExporter(t, gridRequest(true, {})).encode(FigureFormat::Svg, size));
    const QStringList without =
        svgTexts(FigureExporter(t, gridRequest(false, {})).encode(FigureFormat::Svg, size));
    ASSERT_FALSE(without.isEmpty()) << "the grid alone still has its layer and head labels";
    for (const Token& token : t->tokens) {
        const QString label = tokenLabel(token.text);
        EXPECT_GE(with.count(label), 2) << "row and column label of " << label.toStdString();
        EXPECT_FALSE(without.contains(label)) << label.toStdString() << " without --grid-tokens";
    }
    EXPECT_TRUE(with.contains(headLabel(*t, 1, 2))) << "the matrix is titled with its head";
}

TEST(FigureGridTokens, PartsDoNotOverlapAndStayOnThePageAtEverySize) {
    Measured m;
    for (int n : {10, 30}) {
        const TracePtr t = trace(words(n));
        for (const QSizeF& size : {cm(8.5, 7), cm(17, 10), FigureSize{}.units()}) {
            const FigureRequest r = resolvedRequest(gridRequest(true, size), *t);
            const FigureStyle style = deviceStyle(figureStyle(r), &m.device);
            const FigureScenes scenes = figureScenes(r, *t, style);
            const FigureLayout layout =
                layoutFigure(m.painter, r, *t, scenes, style, QRectF(QPointF(0, 0), size));
            const auto where = [&] {
                return QStringLiteral("%1 tokens at %2 × %3")
                    .arg(n)
                    .arg(size.width())
                    .arg(size.height())
                    .toStdString();
            };
            ASSERT_TRUE(layout.gridTokens.has_value()) << where();
            const GridTokensLayout& g = *layout.gridTokens;
            // The painters lay out again in the rectangles handed to them: what they draw is measured there.
            const QRectF grid = headGridGeometry(m.painter, scenes.grid, g.grid, style).usedRect();
            const QRectF matrix =
                heatmapGeometry(m.painter, scenes.heatmap, g.heatmapArea, style, scenes.heatmapFrame)
                    .usedRect();
            EXPECT_TRUE(g.grid.adjusted(-0.5, -0.5, 0.5, 0.5).contains(grid))
                << "the grid stays in its rectangle, " << where();
            EXPECT_TRUE(g.heatmapArea.adjusted(-0.5, -0.5, 0.5, 0.5).contains(matrix))
                << "the matrix too, " << where();
            const std::vector<std::pair<const char*, QRectF>> boxes{{"title", layout.titleRect},
                                                                    {"caption", layout.captionRect},
                                                                    {"grid", grid},
                                                                    {"head title", g.title},
                                                                    {"matrix", matrix}};
            const QRectF page = layout.page.adjusted(-0.01, -0.01, 0.01, 0.01);
            for (const auto& [name, box] : boxes) {
                EXPECT_FALSE(box.isEmpty()) << name << ", " << where();
                EXPECT_TRUE(page.contains(box)) << name << " leaves the page, " << where();
            }
            for (size_t a = 0; a < boxes.size(); ++a)
                for (size_t b = a + 1; b < boxes.size(); ++b)
                    EXPECT_FALSE(boxes[a].second.intersects(boxes[b].second))
                        << boxes[a].first << " overlaps " << boxes[b].first << ", " << where();
            // Even margins around the block, and the matrix below the grid only on a narrow page.
            const QRectF used = g.usedRect();
            EXPECT_NEAR(layout.titleRect.top() - page.top(), page.bottom() - layout.captionRect.bottom(), 1.0)
                << where();
            EXPECT_NEAR(used.left() - page.left(), page.right() - used.right(), 1.0) << where();
            EXPECT_EQ(g.stacked, size.width() < cm(10, 7).width()) << where();
            if (g.stacked)
                EXPECT_GE(matrix.top(), grid.bottom()) << where();
            else
                EXPECT_GE(matrix.left(), grid.right()) << where();
            // The grid outlines the head whose matrix is shown.
            EXPECT_EQ(scenes.grid.selectedLayer, 1);
            EXPECT_EQ(scenes.grid.selectedHead, 2);
            EXPECT_EQ(scenes.heatmap.data.rows(), n);
        }
    }
}

TEST(FigureGridTokens, OutlineStaysWithoutSelectionAndOnlyTheGridTakesTokens) {
    const TracePtr t = trace(kTen);
    FigureRequest r = gridRequest(true, cm(17, 10));
    r.selection = false;
    const FigureScenes scenes = figureScenes(r, *t, figureStyle(r));
    EXPECT_EQ(scenes.grid.selectedHead, 2) << "the outline links the grid to the matrix";
    EXPECT_EQ(scenes.heatmap.selectedRow, -1);
    r.view = FigureView::Heatmap;
    EXPECT_THROW(checkFigureRequest(r, *t), Error);
    r.gridTokens = false;
    EXPECT_NO_THROW(checkFigureRequest(r, *t));
}
