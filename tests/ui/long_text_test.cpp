// SPDX-License-Identifier: MIT
// Views made for 1,000+ tokens: zoom, fit and pooling geometry (pure, no painting), colour scales,
// the label thinning rule, the chip strip, the lines and values rules, and figures of long texts
// (one embedded image in SVG, a caption that states the thinning).
#include "figures/figure_exporter.h"
#include "painters/color_scale.h"
#include "painters/heatmap_geometry.h"
#include "painters/heatmap_painter.h"
#include "painters/heatmap_raster.h"
#include "painters/label_text.h"
#include "painters/lines_painter.h"
#include "painters/values_painter.h"
#include "views/heatmap_panel.h"
#include "views/heatmap_view.h"
#include "views/sentence_edit.h"
#include "views/token_chips.h"
#include "widget_test_support.h"

#include <QBuffer>
#include <QComboBox>
#include <QPainter>
#include <QSvgGenerator>
#include <QSvgRenderer>
#include <QTest>
#include <QWheelEvent>

#include <limits>
#include <random>

using namespace qkview;
using namespace qkview::ui;

namespace {
HeatmapLayoutInput input(int n, QSizeF size, double cellSize = 0, QPointF scroll = {}) {
    HeatmapLayoutInput in;
    in.bounds = QRectF(QPointF(0, 0), size);
    in.rows = in.columns = n;
    in.rowLabelWidth = in.columnLabelWidth = 40;
    in.textHeight = 14;
    in.colorBarLabelWidth = 30;
    in.cellSize = cellSize;
    in.scroll = scroll;
    return in;
}

// T tokens of random softmax rows, causal; `peak` puts one 1.0 at (row, column) in an all-zero matrix instead.
MatrixData longMatrix(int t, std::optional<QPoint> peak = std::nullopt) {
    MatrixData d;
    std::mt19937 rng(3);
    std::uniform_real_distribution<float> u(0.0f, 1.0f);
    d.values = Matrix::Zero(t, t);
    d.masked.setConstant(t, t, false);
    for (int i = 0; i < t; ++i) {
        d.rowLabels << QStringLiteral("tok%1").arg(i);
        if (peak) continue;
        for (int j = 0; j <= i; ++j) d.values(i, j) = u(rng);
        d.values.row(i) /= d.values.row(i).sum();
        for (int j = i + 1; j < t; ++j) d.masked(i, j) = true;
    }
    if (peak) d.values(peak->y(), peak->x()) = 1.0f;
    d.columnLabels = d.rowLabels;
    d.valueName = QStringLiteral("weight");
    return d;
}

QString sentence(int words) {
    QStringList w;
    for (int i = 0; i < words; ++i) w << QStringLiteral("word%1").arg(i);
    return w.join(u' ');
}
} // namespace

// ---- geometry: fit, zoom, scroll, frozen labels -------------------------------------------------

TEST(HeatmapZoom, ZoomedMatrixScrollsUnderFrozenLabelsAndColourBar) {
    const HeatmapGeometry top(input(200, {600, 500}, 20));
    EXPECT_EQ(top.cellSize(), 20);
    ASSERT_TRUE(top.scrollable());
    EXPECT_NEAR(top.maxScroll().width(), 200 * 20 - top.viewportRect().width(), 1e-6);
    const HeatmapGeometry moved(input(200, {600, 500}, 20, QPointF(1000, 2000)));
    EXPECT_EQ(moved.scroll(), QPointF(1000, 2000));
    EXPECT_EQ(moved.viewportRect(), top.viewportRect()) << "the viewport does not move";
    EXPECT_EQ(moved.colorBarRect(), top.colorBarRect()) << "the colour bar stays";
    EXPECT_EQ(moved.rowLabelRect(100).left(), top.rowLabelRect(100).left()) << "row labels stay at the left";
    EXPECT_EQ(moved.columnLabelRect(60).top(), top.columnLabelRect(60).top()) << "column labels stay on top";
    EXPECT_EQ(moved.visibleColumns().first, 50);
    EXPECT_EQ(moved.visibleRows().first, 100);
    // Every visible cell hits back to itself; cells scrolled away are not hit.
    for (int r = moved.visibleRows().first; r <= moved.visibleRows().second; r += 3)
        for (int c = moved.visibleColumns().first; c <= moved.visibleColumns().second; c += 3) {
            const QPointF p = moved.cellRect(r, c).center();
            if (!moved.viewportRect().contains(p)) continue;
            ASSERT_EQ(moved.cellAt(p), QPoint(c, r));
        }
    EXPECT_FALSE(moved.cellAt(moved.rowLabelRect(120).center()).has_value()) << "labels are not cells";
    // Scrolling is clamped.
    const HeatmapGeometry far(input(200, {600, 500}, 20, QPointF(1e9, -5)));
    EXPECT_EQ(far.scroll(), QPointF(far.maxScroll().width(), 0));
    EXPECT_EQ(far.visibleColumns().second, 199);
}

TEST(HeatmapZoom, ScrollToShowAndZoomAroundAPoint) {
    const HeatmapGeometry g(input(300, {600, 500}, 16));
    const QPointF s = g.scrollToShow(250, 120);
    const HeatmapGeometry shown(input(300, {600, 500}, 16, s));
    EXPECT_TRUE(shown.viewportRect().adjusted(-1e-6, -1e-6, 1e-6, 1e-6).contains(shown.cellRect(250, 120)))
        << "the selected cell comes into view: " << shown.cellRect(250, 120).x() << ", " << shown.cellRect(250, 120).y()
        << " in " << shown.viewportRect().x() << ", " << shown.viewportRect().y() << " " << shown.viewportRect().width()
        << " × " << shown.viewportRect().height();
    // Zooming keeps the matrix point under the cursor where it was.
    const QPointF cursor = g.viewportRect().center() + QPointF(37, -21);
    const QPointF cells = shown.cellsAt(cursor);
    HeatmapGeometry zoomed(input(300, {600, 500}, 40));
    zoomed = HeatmapGeometry(input(300, {600, 500}, 40, zoomed.scrollToPlace(cells, cursor)));
    EXPECT_NEAR(zoomed.cellsAt(cursor).x(), cells.x(), 1e-6);
    EXPECT_NEAR(zoomed.cellsAt(cursor).y(), cells.y(), 1e-6);
}

TEST(HeatmapZoom, FitShowsEveryCellOfAThousandTokens) {
    const HeatmapGeometry g(input(1000, {300, 300}));
    EXPECT_LT(g.cellSize(), 1.0);
    EXPECT_FALSE(g.scrollable());
    EXPECT_TRUE(QRectF(0, 0, 300, 300).contains(g.matrixRect()));
    EXPECT_EQ(g.visibleRows(), std::make_pair(0, 999));
    EXPECT_GT(g.labelStep(), 10) << "labels are thinned, not stacked";
}

// ---- pooling -----------------------------------------------------------------------------------

TEST(HeatmapPooling, MaxPoolingKeepsASinglePeakAtAThousandTokensInA300PixelFit) {
    const MatrixData d = longMatrix(1000, QPoint(263, 517));
    const HeatmapGeometry g(input(1000, {300, 300}));
    const int factor = poolFactor(1000, 1000 * g.cellSize());
    EXPECT_GE(factor, 4);
    const CellPositions pooled = poolMax(cellPositions(d, ColorScale(d, ColorScaleMode::Fixed)), factor, false);
    EXPECT_LE(pooled.columns * g.cellSize() * factor, 1000 * g.cellSize() + factor * g.cellSize());
    EXPECT_LE(pooled.columns, static_cast<int>(std::ceil(1000 * g.cellSize())) + 1) << "one pixel or more per image pixel";
    int peaks = 0;
    for (float t : pooled.t) peaks += t == 1.0f;
    EXPECT_EQ(peaks, 1);
    EXPECT_EQ(pooled.at(517 / factor, 263 / factor), 1.0f);
    // The image shows it in the colour of 1.0.
    const QImage image = cellImage(pooled, ColormapId::Viridis, Qt::gray);
    EXPECT_EQ(QColor(image.pixel(263 / factor, 517 / factor)), Colormap::get(ColormapId::Viridis).at(1.0));
    // Sampling every factor-th cell, as plain scaling does, would have lost it.
    bool sampled = false;
    for (int i = 0; i < 1000; i += factor)
        for (int j = 0; j < 1000; j += factor) sampled |= d.values(i, j) == 1.0f;
    EXPECT_FALSE(sampled);
}

TEST(HeatmapPooling, MaskedBlocksStayMaskedAndDivergingKeepsBothSigns) {
    CellPositions c{4, 4, std::vector<float>(16, std::numeric_limits<float>::quiet_NaN())};
    c.t[0] = 0.5f;
    c.t[5] = 0.05f; // a strong negative score
    c.t[10] = 0.6f;
    const CellPositions p = poolMax(c, 2, true);
    ASSERT_EQ(p.rows, 2);
    EXPECT_EQ(p.at(0, 0), 0.05f) << "the value farthest from the centre wins";
    EXPECT_TRUE(std::isnan(p.at(0, 1))) << "all masked stays masked";
    EXPECT_EQ(p.at(1, 1), 0.6f);
    EXPECT_EQ(poolFactor(1000, 300), 4);
    EXPECT_EQ(poolFactor(200, 400), 1);
}

// ---- colour scales -----------------------------------------------------------------------------

TEST(ColorScaleModes, FixedRowMaxAndLogMapFaintRowsDifferently) {
    MatrixData d;
    d.values.resize(2, 3);
    d.values << 0.001f, 0.002f, 0.004f, //  a faint row, as in a long text
        0.1f, 0.3f, 0.6f;
    d.masked.setConstant(2, 3, false);
    const ColorScale fixed(d, ColorScaleMode::Fixed), row(d, ColorScaleMode::RowMax), log(d, ColorScaleMode::Log);
    EXPECT_NEAR(fixed.position(0, 0.004), 0.004, 1e-9) << "fixed: a faint row is a flat dark field";
    EXPECT_NEAR(row.position(0, 0.004), 1.0, 1e-6) << "row max: each row's strongest key is the top colour";
    EXPECT_NEAR(row.position(0, 0.002), 0.5, 1e-6);
    EXPECT_NEAR(row.position(1, 0.3), 0.5, 1e-6);
    EXPECT_NEAR(log.position(0, 0.001), 0.25, 1e-9) << "log: 10⁻⁴…1 over four decades";
    EXPECT_NEAR(log.position(0, 0.01), 0.5, 1e-9);
    EXPECT_NEAR(log.position(0, 1.0), 1.0, 1e-9);
    EXPECT_EQ(log.position(0, 0.0), 0.0);
    for (const ColorScale* s : {&fixed, &row, &log}) {
        const auto ticks = s->ticks();
        ASSERT_GE(ticks.size(), 3u);
        for (size_t i = 1; i < ticks.size(); ++i) EXPECT_GT(ticks[i].position, ticks[i - 1].position);
        EXPECT_FALSE(s->description().isEmpty());
    }
    EXPECT_EQ(log.ticks().front().label, QStringLiteral("0.0001"));
    EXPECT_EQ(colorScaleFromName(QStringLiteral("row")), ColorScaleMode::RowMax);
    EXPECT_EQ(colorScaleName(ColorScaleMode::Log), QStringLiteral("log"));
}

TEST(ColorScaleModes, ARowAtOnceGivesWhatEachCellGives) {
    MatrixData weights, scores;
    weights.values.resize(2, 5);
    weights.values << 0.0f, 0.25f, 1.0f, 0.001f, std::numeric_limits<float>::quiet_NaN(), 0.5f, 0.2f, 0.3f, 0.0f, 0.0f;
    scores = weights;
    scores.values.row(1) << -4.0f, 2.0f, 0.0f, 8.0f, -8.0f;
    scores.diverging = true;
    scores.low = -8.0;
    scores.high = 8.0;
    for (const MatrixData* d : {&weights, &scores}) {
        MatrixData data = *d;
        data.masked.setConstant(2, 5, false);
        for (ColorScaleMode mode : {ColorScaleMode::Fixed, ColorScaleMode::RowMax, ColorScaleMode::Log}) {
            const ColorScale scale(data, mode);
            for (int i = 0; i < 2; ++i) {
                float row[5];
                scale.positions(i, data.values.row(i).data(), 5, row);
                for (int j = 0; j < 5; ++j)
                    EXPECT_EQ(row[j], static_cast<float>(scale.position(i, data.values(i, j)))) << colorScaleName(mode).toStdString() << " " << i << "," << j;
            }
        }
    }
}

TEST(ColorScaleModes, ChosenInTheBarAboveTheHeatmapAndStoredInViewOptions) {
    test::ShownWindow w;
    auto* panel = w.window.findChild<HeatmapPanel*>();
    ASSERT_NE(panel, nullptr);
    panel->scaleBox()->setCurrentIndex(static_cast<int>(ColorScaleMode::Log));
    EXPECT_EQ(w.session().viewOptions().colorScale, ColorScaleMode::Log);
    QCoreApplication::processEvents();
    EXPECT_EQ(w.window.heatmap()->scene().scale, ColorScaleMode::Log);
    ViewOptions v = w.session().viewOptions();
    v.colorScale = ColorScaleMode::RowMax;
    w.session().setViewOptions(v);
    EXPECT_EQ(panel->scaleBox()->currentIndex(), static_cast<int>(ColorScaleMode::RowMax)) << "the bar follows the session";
}

// ---- label thinning ----------------------------------------------------------------------------

TEST(LabelThinning, EveryNthPlusTheSelectedNeverOverlapping) {
    EXPECT_EQ(labelStep(0.5, 12), 24);
    EXPECT_EQ(labelStep(20, 12), 1);
    const std::vector<int> kept = thinnedLabels(0, 99, 10, {37});
    EXPECT_NE(std::find(kept.begin(), kept.end(), 37), kept.end()) << "the selected label is always there";
    for (int i : {0, 10, 20, 50, 60, 90}) EXPECT_NE(std::find(kept.begin(), kept.end(), i), kept.end()) << i;
    for (int i : {30, 40}) EXPECT_EQ(std::find(kept.begin(), kept.end(), i), kept.end()) << i << " would touch 37";
    for (size_t i = 1; i < kept.size(); ++i) EXPECT_GE(kept[i] - kept[i - 1], 10);
    EXPECT_EQ(thinnedLabels(0, 9, 1).size(), 10u) << "short axes keep every label";
    EXPECT_EQ(thinnedLabels(40, 60, 10, {}), (std::vector<int>{40, 50, 60})) << "the same labels whatever the scroll";
}

// ---- the window --------------------------------------------------------------------------------

TEST(LongTextWindow, ThirtyTokensFitAt1366x768WithWholeColourBarLabels) {
    test::ShownWindow w;
    w.window.sentenceEdit()->setPlainText(sentence(30));
    ASSERT_TRUE(test::waitForTrace(w.session()));
    HeatmapView* heatmap = w.window.heatmap();
    heatmap->grab();
    const HeatmapGeometry g = heatmap->currentGeometry();
    EXPECT_EQ(g.maxScroll().width(), 0) << "no horizontal scrolling";
    EXPECT_EQ(g.labelStep(), 1) << "every token labelled";
    QPixmap probe(1, 1);
    QPainter p(&probe);
    p.setFont(scaledFont(heatmap->font(), g.fontScale()));
    for (const QString& label : {QStringLiteral("0.00"), QStringLiteral("1.00")})
        EXPECT_LE(g.colorBarLabelLeft() + p.fontMetrics().horizontalAdvance(label), heatmap->width()) << "labels are whole";
    EXPECT_LE(g.colorBarRect().bottom() + g.textHeight() / 2, heatmap->height());
}

TEST(LongTextWindow, ZoomedHeatmapStillHoversAndSelects) {
    test::ShownWindow w;
    w.window.sentenceEdit()->setPlainText(sentence(200));
    ASSERT_TRUE(test::waitForTrace(w.session()));
    HeatmapView* heatmap = w.window.heatmap();
    heatmap->zoomBy(10, heatmap->rect().center());
    heatmap->grab();
    ASSERT_TRUE(heatmap->currentGeometry().scrollable());
    const auto [r0, r1] = heatmap->currentGeometry().visibleRows();
    const auto [c0, c1] = heatmap->currentGeometry().visibleColumns();
    const int q = (r0 + r1) / 2, k = (c0 + c1) / 2;
    QTest::mouseClick(heatmap, Qt::LeftButton, {}, heatmap->cellRect(q, k).center().toPoint());
    EXPECT_EQ(w.session().selection().query, q);
    EXPECT_EQ(w.session().selection().key, k);
    // Ctrl + wheel zooms around the mouse, keeping the cell under it in place.
    const QPointF at = heatmap->currentGeometry().viewportRect().center();
    const QPointF cellsBefore = heatmap->currentGeometry().cellsAt(at);
    const double cellBefore = heatmap->cellSize();
    QWheelEvent wheel(at, heatmap->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::ControlModifier,
                      Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(heatmap, &wheel);
    EXPECT_GT(heatmap->cellSize(), cellBefore);
    EXPECT_NEAR(heatmap->currentGeometry().cellsAt(at).x(), cellsBefore.x(), 0.05);
    EXPECT_NEAR(heatmap->currentGeometry().cellsAt(at).y(), cellsBefore.y(), 0.05);
    // Arrow keys past the edge scroll the selection back into view.
    heatmap->setFocus();
    for (int i = 0; i < 40; ++i) QTest::keyClick(heatmap, Qt::Key_Down);
    heatmap->grab();
    EXPECT_EQ(w.session().selection().query, std::min(199, q + 40));
    // Scrolled just far enough, the cell lies flush with the viewport's edge: allow for rounding in the last bit.
    const QRectF viewport = heatmap->currentGeometry().viewportRect().adjusted(-1e-6, -1e-6, 1e-6, 1e-6);
    EXPECT_TRUE(viewport.contains(heatmap->cellRect(w.session().selection().query, k)))
        << "viewport " << viewport.top() << "–" << viewport.bottom() << ", cell "
        << heatmap->cellRect(w.session().selection().query, k).top() << "–" << heatmap->cellRect(w.session().selection().query, k).bottom();
    // Dragging pans.
    const QPointF before = heatmap->scrollPosition();
    const QPoint from = heatmap->currentGeometry().viewportRect().center().toPoint();
    QTest::mousePress(heatmap, Qt::LeftButton, {}, from);
    QMouseEvent move(QEvent::MouseMove, QPointF(from + QPoint(-60, -60)), heatmap->mapToGlobal(QPointF(from + QPoint(-60, -60))),
                     Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(heatmap, &move);
    QTest::mouseRelease(heatmap, Qt::LeftButton, {}, from + QPoint(-60, -60));
    EXPECT_NEAR(heatmap->scrollPosition().x(), before.x() + 60, 1.0);
    EXPECT_EQ(w.session().selection().query, std::min(199, q + 40)) << "a drag does not select";
}

TEST(LongTextWindow, ChipStripKeepsTheSelectedQueryInView) {
    // Pure layout first.
    const std::vector<double> widths(100, 50.0);
    const ChipLayout l = layoutChips(widths, 420, 20, 4);
    EXPECT_EQ(l.rows, 15); // 7 chips of 50 px with 4 px gaps per 420 px row
    EXPECT_EQ(firstRowShowing(10, 0, 3, l.rows), 8);
    EXPECT_EQ(firstRowShowing(9, 8, 3, l.rows), 8) << "no move while visible";
    EXPECT_EQ(firstRowShowing(2, 8, 3, l.rows), 2);
    // The widget: as tall as its rows up to kChipRows, then the same height for any text; the selected chip visible.
    test::ShownWindow w;
    auto* chips = w.window.findChild<TokenChips*>();
    ASSERT_NE(chips, nullptr);
    const int oneRow = chips->height();
    w.window.sentenceEdit()->setPlainText(sentence(200));
    ASSERT_TRUE(test::waitForTrace(w.session()));
    QCoreApplication::processEvents();
    const int height = chips->height();
    EXPECT_GT(height, 2 * oneRow) << "a long text gets kChipRows rows";
    w.window.sentenceEdit()->setPlainText(sentence(400));
    ASSERT_TRUE(test::waitForTrace(w.session()));
    QCoreApplication::processEvents();
    EXPECT_EQ(chips->height(), height) << "the layout does not jump as a long text grows";
    EXPECT_GT(chips->rowCount(), kChipRows);
    Selection sel = w.session().selection();
    sel.query = 180;
    w.session().setSelection(sel);
    const QRectF chip = chips->chipRects()[180];
    EXPECT_TRUE(QRectF(chips->rect()).contains(chip)) << "scrolled to the selected query";
    QTest::mouseClick(chips, Qt::LeftButton, {}, chips->chipRects()[181].center().toPoint());
    EXPECT_EQ(w.session().selection().query, 181);
}

// ---- lines and values --------------------------------------------------------------------------

TEST(LongTextViews, LinesDrawTheStrongestKeysAndThinnedLabels) {
    const MatrixData d = longMatrix(1000);
    LinesScene scene;
    scene.tokens = d.rowLabels;
    scene.weights = d.values;
    EXPECT_EQ(linesPerQuery(200), 3);
    EXPECT_EQ(linesPerQuery(1000), 1);
    EXPECT_LE(shownLines(scene).size(), 1000u) << "each query's strongest key";
    scene.focusQuery = 500;
    const auto focused = shownLines(scene);
    EXPECT_LE(focused.size(), static_cast<size_t>(kLinesFocused));
    for (const auto& [q, k] : focused) EXPECT_EQ(q, 500);
    QImage image(480, 700, QImage::Format_RGB32);
    QPainter p(&image);
    const LinesLayout l = linesLayout(p, scene, QRectF(image.rect()), FigureStyle::print());
    EXPECT_GE(l.rowHeight * l.labelStep, l.textHeight - 1e-6) << "labels never on top of each other";
    EXPECT_TRUE(l.note.contains(QStringLiteral("1000 tokens"))) << l.note.toStdString();
    // Short texts keep every line and label.
    LinesScene cat;
    cat.tokens = QStringList{QStringLiteral("a"), QStringLiteral("b")};
    cat.weights = Matrix::Constant(2, 2, 0.5f);
    EXPECT_EQ(shownLines(cat).size(), 4u);
    EXPECT_TRUE(linesLayout(p, cat, QRectF(image.rect()), FigureStyle::print()).note.isEmpty());
}

TEST(LongTextViews, ValuesChartShowsTheStrongestKeysWithWholeLabels) {
    std::vector<double> weights(60), widths(60, 40.0);
    for (int i = 0; i < 60; ++i) weights[static_cast<size_t>(i)] = (i % 10) / 100.0;
    const WeightChartKeys keys = weightChartKeys(weights, widths, 400, 12);
    EXPECT_TRUE(keys.upright);
    EXPECT_LT(keys.shown.size(), 60u);
    EXPECT_GE(400 / static_cast<double>(keys.shown.size()), 12 * 1.5 - 1e-9) << "each upright label has a line of room";
    EXPECT_TRUE(std::is_sorted(keys.shown.begin(), keys.shown.end())) << "text order";
    for (int i : keys.shown) EXPECT_GE(weights[static_cast<size_t>(i)], 0.05) << "only strong keys";
    const WeightChartKeys few = weightChartKeys({0.5, 0.5}, {40, 40}, 400, 12);
    EXPECT_FALSE(few.upright);
    EXPECT_EQ(few.shown.size(), 2u);
}

// ---- figures -----------------------------------------------------------------------------------

TEST(LongTextFigures, ThousandTokenSvgEmbedsOneImageAndStaysSmall) {
    HeatmapScene scene{longMatrix(1000), 500, 498};
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(QSize(1024, 576));
    svg.setViewBox(QRectF(0, 0, 1024, 576));
    QPainter p(&svg);
    renderHeatmap(p, scene, QRectF(0, 0, 1024, 576), figureStyle(FigureRequest{}));
    p.end();
    EXPECT_LT(bytes.size(), 4 * 1024 * 1024) << "a few MB at most (one <rect> per cell made 206 MB)";
    EXPECT_EQ(bytes.count("<image"), 1);
    EXPECT_LT(bytes.count("<rect"), 100);
    EXPECT_GT(bytes.count("<text"), 20) << "labels stay vector text";
    EXPECT_TRUE(bytes.contains(">tok500<")) << "the selected query is labelled";
    EXPECT_TRUE(QSvgRenderer(bytes).isValid()) << "it opens";
}

TEST(LongTextFigures, HeatmapFigureOfALongTextFitsItsPageAndSaysHowItWasThinned) {
    const TracePtr trace = traceText(*test::teachingModel(), sentence(256), {});
    ASSERT_EQ(trace->tokenCount(), 256);
    FigureRequest request;
    request.query = 100;
    request.key = 99;
    const FigureExporter exporter(trace, request);
    const FigureSize size = FigureSize::from({1600, 900}, SizeUnit::Pixels, 150);
    const QByteArray svg = exporter.encode(FigureFormat::Svg, size);
    EXPECT_EQ(svg.count("<image"), 1) << "65,536 cells are one image";
    EXPECT_LT(svg.count("<rect"), 100);
    EXPECT_TRUE(svg.contains("labels on every")) << "the caption states the thinning rule";
    EXPECT_TRUE(svg.contains(">word100<")) << "the selected query is labelled";
    const QImage png = exporter.image(size);
    EXPECT_EQ(png.size(), size.pixels());
    // Small matrices keep one shape per cell.
    const FigureExporter small(traceText(*test::teachingModel(), sentence(12), {}), FigureRequest{});
    const QByteArray smallSvg = small.encode(FigureFormat::Svg, size);
    EXPECT_EQ(smallSvg.count("<image"), 0);
    EXPECT_GE(smallSvg.count("<rect"), 144);
    EXPECT_FALSE(smallSvg.contains("labels on every"));
}
