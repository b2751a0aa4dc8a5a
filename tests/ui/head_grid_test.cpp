// SPDX-License-Identifier: MIT
// The head grid: geometry for 2×4, 12×12 and 48×25 heads, painting a synthetic 48×25 trace, and the
// Heads tab as a user drives it.
#include "synthetic_trace.h"
#include "painters/head_grid_painter.h"
#include "views/head_grid_view.h"
#include "widget_test_support.h"

#include <QPainter>
#include <QScrollArea>
#include <QTabWidget>
#include <QTest>

#include <random>

using namespace qkview;
using namespace qkview::ui;

namespace {
HeadGridLayoutInput input(int layers, int heads, QSizeF size, double minThumb = 0) {
    HeadGridLayoutInput in;
    in.bounds = QRectF(QPointF(0, 0), size);
    in.layers = layers;
    in.heads = heads;
    in.rowLabelWidth = in.columnLabelWidth = 16;
    in.textHeight = 14;
    in.minThumb = minThumb;
    in.names = true;
    return in;
}

using qkview::test::syntheticTrace;
} // namespace

TEST(HeadGridGeometry, FitsTeachingBaseAndXlModelsWithoutOverlap) {
    for (const auto& [layers, heads] : {std::pair{2, 4}, std::pair{12, 12}, std::pair{48, 25}}) {
        const QSizeF size(900, 700);
        const HeadGridGeometry g(input(layers, heads, size));
        const QRectF bounds(QPointF(0, 0), size);
        EXPECT_TRUE(bounds.contains(g.thumbRect(layers - 1, heads - 1))) << layers << "x" << heads;
        EXPECT_TRUE(bounds.contains(g.rowLabelRect(0)));
        EXPECT_GT(g.thumbSize(), 1.0);
        // Neighbours never overlap, and every thumbnail round-trips through hit testing.
        EXPECT_LE(g.thumbRect(0, 0).right(), g.thumbRect(0, 1).left() + 1e-9);
        EXPECT_LE(g.thumbRect(0, 0).bottom(), g.thumbRect(1, 0).top() + 1e-9);
        for (int l = 0; l < layers; l += std::max(1, layers / 5))
            for (int h = 0; h < heads; h += std::max(1, heads / 5)) {
                const auto hit = g.headAt(g.thumbRect(l, h).center());
                ASSERT_TRUE(hit.has_value());
                EXPECT_EQ(*hit, QPoint(h, l));
            }
        // Labels drawn every step never overlap.
        const double pitchY = g.thumbRect(1, 0).top() - g.thumbRect(0, 0).top();
        EXPECT_GE(g.rowLabelStep() * pitchY, 14 - 1e-9) << layers << "x" << heads;
    }
    EXPECT_TRUE(HeadGridGeometry(input(2, 4, {900, 700})).showsNames()) << "big thumbnails have room for names";
    EXPECT_FALSE(HeadGridGeometry(input(48, 25, {900, 700})).showsNames());
}

TEST(HeadGridGeometry, MinimumThumbnailsMakeRoomForScrolling) {
    const HeadGridGeometry g(input(48, 25, {400, 300}, 28));
    EXPECT_GE(g.thumbSize(), 28.0);
    const QSizeF min = g.minimumSize();
    EXPECT_GT(min.height(), 48 * 28.0);
    // Laid out at its minimum size, everything is inside.
    const HeadGridGeometry fitted(input(48, 25, min, 28));
    EXPECT_GE(fitted.thumbSize(), 28.0 - 1e-9);
    EXPECT_TRUE(QRectF(QPointF(0, 0), min).contains(fitted.thumbRect(47, 24))) << fitted.thumbRect(47, 24).bottomRight().y();
}

TEST(HeadGridPainter, DrawsEveryHeadOfALargeModelFromShrunkThumbnails) {
    const TracePtr trace = syntheticTrace(48, 25, 100); // longer than a thumbnail: pooled by max
    const FigureStyle style = FigureStyle::print();
    const HeadGridScene scene = headGridScene(*trace, MatrixKind::Weights, style, 47, 24);
    ASSERT_EQ(scene.thumbnails.size(), 48u * 25u);
    EXPECT_EQ(scene.thumbnails.front().size(), QSize(kHeadGridCells, kHeadGridCells));
    // Each cell is the largest weight of its block of queries and keys, so a sharp peak never vanishes.
    const Matrix weights = trace->head(0, 0)->weights; // (100, 100)
    Matrix expected = Matrix::Zero(kHeadGridCells, kHeadGridCells);
    for (int i = 0; i < 100; ++i)
        for (int j = 0; j < 100; ++j) {
            float& cell = expected(i * kHeadGridCells / 100, j * kHeadGridCells / 100);
            cell = std::max(cell, weights(i, j));
        }
    EXPECT_LT((scene.matrices.front().values - expected).cwiseAbs().maxCoeff(), 1e-6f);
    QImage image(1400, 2200, QImage::Format_RGB32);
    QPainter p(&image);
    renderHeadGrid(p, scene, QRectF(image.rect()), style, 28);
    p.end();
    QPainter measure(&image);
    const HeadGridGeometry g = headGridGeometry(measure, scene, QRectF(image.rect()), style, 28);
    measure.end();
    // The selected head is outlined in the accent colour.
    const QRectF sel = g.thumbRect(47, 24);
    EXPECT_EQ(QColor(image.pixel(QPoint(static_cast<int>(sel.center().x()), static_cast<int>(sel.top() - 1)))), style.accent);
    EXPECT_NE(image.pixel(g.thumbRect(10, 10).center().toPoint()), qRgb(255, 255, 255));
}

TEST(HeadGridView, HeadsTabShowsEveryHeadAndAClickSelectsIt) {
    MainWindow window(test::teachingModel(), false);
    window.resize(1366, 768);
    window.show();
    ASSERT_TRUE(test::waitForTrace(*window.session()));
    ASSERT_TRUE(window.showSideTab(QStringLiteral("Heads")));
    auto* view = window.findChild<HeadGridView*>();
    ASSERT_NE(view, nullptr);
    QCoreApplication::processEvents();
    view->grab(); // lay out the picture
    EXPECT_EQ(view->scene().layers, 2);
    EXPECT_EQ(view->scene().heads, 4);
    const int builds = view->thumbnailBuilds();
    const QRectF thumb = view->thumbRect(1, 3);
    ASSERT_FALSE(thumb.isEmpty());
    QTest::mouseClick(view, Qt::LeftButton, {}, thumb.center().toPoint());
    EXPECT_EQ(window.session()->selection().layer, 1);
    EXPECT_EQ(window.session()->selection().head, 3);
    view->grab();
    EXPECT_EQ(view->scene().selectedLayer, 1);
    EXPECT_EQ(view->thumbnailBuilds(), builds) << "a selection change redraws cached thumbnails, it does not rebuild them";
}
