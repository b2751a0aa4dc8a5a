// SPDX-License-Identifier: MIT
// Figures that go into a paper as they are: type in points whatever the format and DPI, every label
// that fits, numbers that shrink with the cells or are reported, no overlapping text, maps that print,
// cells without seams, round colour-bar ticks.
#include "figure_test_support.h"
#include "figures/figure_exporter.h"
#include "figures/figure_layout.h"
#include "painters/color_scale.h"
#include "painters/label_text.h"
#include "widget_test_support.h"

#include <QImage>
#include <QPainter>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include <gtest/gtest.h>

#include <set>

using namespace qkview;
using namespace qkview::ui;
using qkview::test::words;

namespace {
const QString kTen = QStringLiteral("The cat sat on the mat and the dog ran");

TracePtr trace(const QString& text) { return traceText(*test::teachingModel(), text, {}); }


FigureSize cm(double w, double h) { return FigureSize::from(QSizeF(w, h), SizeUnit::Centimetres, 300); }

struct SvgText {
    QString text;
    double points; // font size converted through the SVG's physical size
};

// Every <text> with its size in points: font-size (user units) × the document's mm per user unit.
std::vector<SvgText> svgTexts(const QByteArray& svg) {
    std::vector<SvgText> out;
    QXmlStreamReader xml(svg);
    double ptPerUnit = 0;
    std::vector<double> sizes{0};
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto a = xml.attributes();
            if (xml.name() == u"svg") {
                const double mm = a.value(QStringLiteral("width")).toString().remove(QStringLiteral("mm")).toDouble();
                const QStringList box = a.value(QStringLiteral("viewBox")).toString().split(u' ');
                ptPerUnit = mm / 25.4 * 72 / box.value(2).toDouble();
            }
            sizes.push_back(a.hasAttribute(QStringLiteral("font-size")) ? a.value(QStringLiteral("font-size")).toDouble()
                                                                         : sizes.back());
            if (xml.name() == u"text") {
                const double size = sizes.back();
                out.push_back({xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed(), size * ptPerUnit});
                sizes.pop_back();
            }
        } else if (xml.isEndElement()) {
            sizes.pop_back();
        }
    }
    EXPECT_FALSE(xml.hasError()) << xml.errorString().toStdString();
    return out;
}

struct Measured {
    QImage device{1, 1, QImage::Format_RGB32};
    QPainter painter{&device};
};

FigureLayout layoutOf(Measured& m, const FigureRequest& request, const AttentionTrace& t) {
    const FigureRequest r = resolvedRequest(request, t);
    const FigureStyle style = deviceStyle(figureStyle(r), &m.device);
    return layoutFigure(m.painter, r, t, figureScenes(r, t, style), style, QRectF(QPointF(0, 0), r.size));
}
} // namespace

TEST(FigureType, AutoSizeIsEightPointsAtColumnWidthAndLargerForSlides) {
    EXPECT_DOUBLE_EQ(autoFontSize(cm(8.5, 7).units()), 8.0);
    EXPECT_DOUBLE_EQ(autoFontSize(cm(17, 10).units()), 9.0);
    const double slide = autoFontSize(FigureSize{}.units());
    EXPECT_GE(slide, 11.0);
    EXPECT_LE(slide, 14.0);
}

TEST(FigureType, TokenLabelsAreTextInTheAskedPointsInSvg) {
    const TracePtr t = trace(kTen);
    for (double asked : {8.0, 10.0}) {
        FigureRequest r;
        r.fontSize = asked;
        const QByteArray svg = FigureExporter(t, r).encode(FigureFormat::Svg, cm(17, 14));
        const std::vector<SvgText> texts = svgTexts(svg);
        for (const Token& token : t->tokens) {
            int found = 0;
            for (const SvgText& s : texts)
                if (s.text == tokenLabel(token.text)) {
                    ++found;
                    EXPECT_NEAR(s.points, asked, 0.02) << token.text.toStdString();
                }
            EXPECT_GE(found, 2) << "row and column label of " << token.text.toStdString();
        }
    }
}

TEST(FigureType, NothingIsSmallerThanFivePoints) {
    for (int n : {10, 30, 60}) {
        const std::vector<SvgText> texts = svgTexts(FigureExporter(trace(words(n)), FigureRequest{}).encode(FigureFormat::Svg, cm(8.5, 7)));
        ASSERT_FALSE(texts.empty());
        for (const SvgText& s : texts) EXPECT_GE(s.points, kMinFontPoints - 0.02) << s.text.toStdString() << " at " << n << " tokens";
    }
}

TEST(FigureLabels, EveryTokenIsLabelledAtColumnWidthAndOnTheDefaultSlide) {
    Measured m;
    for (const auto& [n, size] : {std::pair{10, cm(8.5, 7).units()}, std::pair{30, FigureSize{}.units()}}) {
        const TracePtr t = trace(words(n));
        FigureRequest r;
        r.size = size;
        const FigureLayout layout = layoutOf(m, r, *t);
        ASSERT_TRUE(layout.heatmap.has_value());
        EXPECT_EQ(layout.heatmap->geometry.labelStep(), 1) << n << " tokens";
        EXPECT_FALSE(layout.caption.contains(QStringLiteral("labels on every"))) << layout.caption.toStdString();
    }
}

TEST(FigureLabels, ThinnedLabelsAreStatedInTheCaption) {
    Measured m;
    const TracePtr t = trace(words(200));
    FigureRequest r;
    r.size = cm(8.5, 7).units();
    const FigureLayout layout = layoutOf(m, r, *t);
    ASSERT_GT(layout.heatmap->geometry.labelStep(), 1);
    EXPECT_TRUE(layout.caption.contains(QStringLiteral("the strongest"))) << layout.caption.toStdString();
}

TEST(FigureLayoutGeometry, TextBoxesDoNotOverlapAndStayOnThePage) {
    Measured m;
    for (int n : {10, 30}) {
        for (const QSizeF& size : {cm(8.5, 7).units(), cm(17, 10).units(), FigureSize{}.units()}) {
            const TracePtr t = trace(words(n));
            FigureRequest r;
            r.size = size;
            r.numbers = true;
            const FigureLayout layout = layoutOf(m, r, *t);
            const HeatmapGeometry& g = layout.heatmap->geometry;
            const QRectF page = layout.page.adjusted(-0.01, -0.01, 0.01, 0.01);
            std::vector<QRectF> boxes{layout.titleRect, layout.captionRect, g.usedRect()};
            for (const QRectF& b : boxes) EXPECT_TRUE(page.contains(b)) << n << " tokens";
            for (size_t a = 0; a < boxes.size(); ++a)
                for (size_t b = a + 1; b < boxes.size(); ++b)
                    EXPECT_FALSE(boxes[a].intersects(boxes[b])) << "parts " << a << " and " << b << " overlap";
            // The row labels drawn (every one, or the thinned ones): one text line each, none on another.
            const std::vector<int> drawn = thinnedLabels(0, n - 1, g.labelStep(), {strongestCell(matrixData(*t, 0, 0, MatrixKind::Weights)).y()});
            for (size_t k = 1; k < drawn.size(); ++k) {
                const double c0 = g.rowLabelRect(drawn[k - 1]).center().y(), c1 = g.rowLabelRect(drawn[k]).center().y();
                EXPECT_GE(c1 - c0, g.textHeight() - 1e-6) << "rows " << drawn[k - 1] << " and " << drawn[k];
            }
            // Even margins: as much free room above the title as below the caption.
            EXPECT_NEAR(layout.titleRect.top() - page.top(), page.bottom() - layout.captionRect.bottom(), 1.0);
        }
    }
}

TEST(FigureNumbers, AllHundredNumbersAtColumnWidth) {
    const TracePtr t = trace(kTen);
    ASSERT_EQ(t->tokenCount(), 10);
    FigureRequest r;
    r.numbers = true;
    QStringList warnings;
    const std::vector<SvgText> texts = svgTexts(FigureExporter(t, r).encode(FigureFormat::Svg, cm(8.5, 7), &warnings));
    EXPECT_TRUE(warnings.isEmpty()) << warnings.join(u'\n').toStdString();
    static const QRegularExpression number(QStringLiteral("^−?\\d*\\.\\d+$"));
    int numbers = 0;
    for (const SvgText& s : texts)
        if (number.match(s.text).hasMatch() && s.points >= kMinFontPoints - 0.02) ++numbers;
    EXPECT_GE(numbers, 100) << "100 cells plus the colour bar's ticks";
    for (const Token& token : t->tokens) {
        int labels = 0;
        for (const SvgText& s : texts) labels += s.text == tokenLabel(token.text) && s.points >= kMinFontPoints - 0.02;
        EXPECT_GE(labels, 2) << "row and column label of " << token.text.toStdString();
    }
}

TEST(FigureNumbers, ColumnWidthCellsAreWiderThanTallAndFillTheWidth) {
    Measured m;
    const TracePtr t = trace(kTen);
    FigureRequest r;
    r.numbers = true;
    r.size = cm(8.5, 7).units();
    const FigureLayout layout = layoutOf(m, r, *t);
    const HeatmapGeometry& g = layout.heatmap->geometry;
    EXPECT_GT(g.cellWidth(), g.cellHeight() * 1.2);
    EXPECT_LE(g.cellWidth(), g.cellHeight() * 3 + 1e-9) << "still reads as a matrix";
    EXPECT_EQ(g.labelStep(), 1) << "every label";
    // No empty bands at the sides: the drawing spans the page between even margins.
    const double left = g.usedRect().left() - layout.page.left(), right = layout.page.right() - g.usedRect().right();
    EXPECT_NEAR(left, right, 1.0);
    EXPECT_LT(left, 12.0) << "half a line of margin, not a band";
}

TEST(FigureLesson, PartsDoNotOverlapAndStayOnThePageAtEverySize) {
    Measured m;
    for (int n : {10, 30, 200}) {
        const TracePtr t = trace(words(n));
        for (const QSizeF& size : {cm(8.5, 7).units(), cm(17, 10).units(), FigureSize{}.units()}) {
            FigureRequest r;
            r.view = FigureView::Lesson;
            r.numbers = true;
            r.size = size;
            const FigureLayout layout = layoutOf(m, r, *t);
            ASSERT_TRUE(layout.lesson.has_value());
            const LessonLayout& l = *layout.lesson;
            const QRectF page = layout.page.adjusted(-0.01, -0.01, 0.01, 0.01);
            const std::vector<std::pair<const char*, QRectF>> boxes{
                {"title", layout.titleRect}, {"caption", layout.captionRect}, {"sentence", l.chips},
                {"heatmap", l.heatmap->geometry.usedRect()}, {"bars", l.bars}, {"formula", l.formula}};
            const auto where = [&] { return QStringLiteral("%1 tokens at %2 × %3").arg(n).arg(size.width()).arg(size.height()).toStdString(); };
            for (const auto& [name, box] : boxes) {
                if (box.isEmpty()) continue;
                EXPECT_TRUE(page.contains(box)) << name << " leaves the page, " << where();
            }
            for (size_t a = 0; a < boxes.size(); ++a)
                for (size_t b = a + 1; b < boxes.size(); ++b)
                    EXPECT_FALSE(boxes[a].second.intersects(boxes[b].second))
                        << boxes[a].first << " overlaps " << boxes[b].first << ", " << where();
            EXPECT_FALSE(l.formula.isEmpty()) << "the formula has room, " << where();
            EXPECT_FALSE(l.heatmap->geometry.usedRect().isEmpty());
            EXPECT_EQ(l.stacked, size.width() < cm(10, 7).units().width()) << "stacked on a column only, " << where();
        }
    }
}

TEST(FigureLesson, NumbersThatDoNotFitAreReported) {
    Measured m;
    const TracePtr t = trace(kTen);
    FigureRequest r;
    r.view = FigureView::Lesson;
    r.numbers = true;
    r.size = cm(8.5, 7).units();
    EXPECT_EQ(layoutOf(m, r, *t).warnings.size(), 1);
    r.size = FigureSize{}.units();
    EXPECT_TRUE(layoutOf(m, r, *t).warnings.isEmpty()) << "a slide has room for the numbers";
}

TEST(FigureNumbers, TooSmallCellsAreReportedNotSilentlyDropped) {
    FigureRequest r;
    r.numbers = true;
    QStringList warnings;
    FigureExporter(trace(words(60)), r).encode(FigureFormat::Png, cm(8.5, 7), &warnings);
    ASSERT_EQ(warnings.size(), 1);
    EXPECT_TRUE(warnings.first().contains(QStringLiteral("--numbers")));
}

TEST(FigureNumbers, OnePrecisionChosenFromTheRange) {
    EXPECT_EQ(valueDecimals(0.93, true), 2);
    EXPECT_EQ(valueDecimals(0.04, true), 3);
    EXPECT_EQ(valueDecimals(12.5, false), 0);
    EXPECT_EQ(valueDecimals(3.4, false), 1);
    EXPECT_EQ(formatFixed(-0.001, 2), QStringLiteral("0.00")) << "no negative zero";
    EXPECT_EQ(formatFixed(-0.25, 2, true), QStringLiteral("−.25"));
}

TEST(FigureColours, GreysPrintsStrongAttentionDarkAndEveryMapReverses) {
    EXPECT_EQ(Colormap::get(ColormapId::Greys).at(0).name(), QStringLiteral("#ffffff"));
    EXPECT_EQ(Colormap::get(ColormapId::Greys).at(1).name(), QStringLiteral("#000000"));
    for (const QString& name : {QStringLiteral("viridis"), QStringLiteral("greys"), QStringLiteral("blue-red")}) {
        const auto plain = Colormap::fromName(name), reversed = Colormap::fromName(name + QStringLiteral("_r"));
        ASSERT_TRUE(plain && reversed) << name.toStdString();
        EXPECT_NE(*plain, *reversed);
        EXPECT_EQ(Colormap::get(*plain).at(0.2), Colormap::get(*reversed).at(0.8));
    }
    EXPECT_EQ(Colormap::fromName(QStringLiteral("diverging")), ColormapId::Diverging) << "the old name still works";
    EXPECT_GT(Colormap::get(ColormapId::Diverging).at(1).red(), Colormap::get(ColormapId::Diverging).at(1).blue()) << "red positive";
}

TEST(FigureColours, ColourBarTicksAreRound) {
    EXPECT_EQ(niceTicks(-12.3, 12.3, 6), (std::vector<double>{-10, -5, 0, 5, 10}));
    EXPECT_EQ(niceTicks(0, 1, 5), (std::vector<double>{0, 0.25, 0.5, 0.75, 1}));
    MatrixData d;
    d.diverging = true;
    d.low = -7.7;
    d.high = 7.7;
    QStringList labels;
    for (const ColorScale::Tick& tick : ColorScale(d, ColorScaleMode::Fixed).ticks()) labels << tick.label;
    EXPECT_EQ(labels, (QStringList{QStringLiteral("−5"), QStringLiteral("0"), QStringLiteral("5")}));
}

TEST(FigureVectors, CellsAreUnitSquaresSoNeighboursShareEdgesExactly) {
    const TracePtr t = trace(kTen);
    const QByteArray svg = FigureExporter(t, FigureRequest{}).encode(FigureFormat::Svg, cm(8.5, 7));
    QXmlStreamReader xml(svg);
    std::set<std::pair<int, int>> cells;
    while (!xml.atEnd())
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == u"rect") {
            const auto a = xml.attributes();
            if (a.value(QStringLiteral("width")) != u"1" || a.value(QStringLiteral("height")) != u"1") continue;
            bool okX = false, okY = false;
            const int x = a.value(QStringLiteral("x")).toInt(&okX), y = a.value(QStringLiteral("y")).toInt(&okY);
            EXPECT_TRUE(okX && okY) << "cell corners at whole cell units";
            cells.insert({x, y});
        }
    EXPECT_EQ(cells.size(), 100u) << "10 × 10 unit cells tiling the matrix";
    ASSERT_FALSE(cells.empty());
    EXPECT_EQ(*cells.rbegin(), (std::pair{9, 9}));
}

TEST(FigureSelection, OutlineIsOptional) {
    const TracePtr t = trace(kTen);
    FigureRequest r;
    r.query = 2;
    r.key = 1;
    const QByteArray with = FigureExporter(t, r).encode(FigureFormat::Svg, cm(8.5, 7));
    r.selection = false;
    const QByteArray without = FigureExporter(t, r).encode(FigureFormat::Svg, cm(8.5, 7));
    const QByteArray accent = FigureStyle::print().accent.name().toUtf8();
    EXPECT_TRUE(with.contains(accent));
    EXPECT_FALSE(without.contains(accent));
}

TEST(FigureFit, FittedHeightLeavesNoSlack) {
    const TracePtr t = trace(kTen);
    FigureRequest r;
    r.fontSize = 8;
    const QSizeF fitted = fittedFigureSize(r, *t, cm(8.5, 7).units().width());
    EXPECT_DOUBLE_EQ(fitted.width(), cm(8.5, 7).units().width());
    Measured m;
    r.size = fitted;
    EXPECT_LT(layoutOf(m, r, *t).slack, 2.0) << "the fitted page is as tall as its content";
}

TEST(FigurePdf, PdftotextFindsEveryLabel) {
    const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
    if (pdftotext.isEmpty()) GTEST_SKIP() << "pdftotext (poppler-utils) is not installed";
    const TracePtr t = trace(kTen);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("h.pdf"));
    FigureRequest r;
    r.numbers = true;
    FigureExporter(t, r).save(path, FigureFormat::Pdf, cm(8.5, 7));
    QProcess p;
    p.start(pdftotext, {QStringLiteral("-raw"), path, QStringLiteral("-")});
    ASSERT_TRUE(p.waitForFinished(30000));
    const QString text = QString::fromUtf8(p.readAllStandardOutput());
    for (const Token& token : t->tokens) EXPECT_TRUE(text.contains(tokenLabel(token.text))) << token.text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("Attention weights"))) << "the title, whole";
}

TEST(FigureGrid, FillsThePageWithEvenMarginsAtEverySize) {
    Measured m;
    for (int n : {10, 30}) {
        const TracePtr t = trace(words(n));
        for (const QSizeF& size : {cm(8.5, 7).units(), cm(17, 10).units(), FigureSize{}.units()}) {
            FigureRequest r;
            r.view = FigureView::Grid;
            r.size = size;
            const FigureLayout layout = layoutOf(m, r, *t);
            const FigureStyle style = deviceStyle(figureStyle(r), &m.device);
            const HeadGridGeometry g = headGridGeometry(m.painter, figureScenes(r, *t, style).grid, layout.viewArea, style);
            const QRectF used = g.usedRect(), page = layout.page;
            const auto where = [&] { return QStringLiteral("%1 tokens at %2 × %3").arg(n).arg(size.width()).arg(size.height()).toStdString(); };
            const double line = QFontMetricsF(style.font, &m.device).height();
            // No bands: the page's height and width are used up to half a line of margin.
            EXPECT_LT(layout.slack, 1.0) << where();
            EXPECT_NEAR(layout.titleRect.top() - page.top(), page.bottom() - layout.captionRect.bottom(), 1.0) << where();
            EXPECT_NEAR(used.left() - page.left(), page.right() - used.right(), 1.0) << where();
            EXPECT_LE(used.left() - page.left(), line * 0.5 + 1.0) << where();
            // Thumbnails stretch at most 2:1 to do it, and nothing leaves the page or covers the title or caption.
            EXPECT_LE(std::max(g.thumbWidth() / g.thumbHeight(), g.thumbHeight() / g.thumbWidth()), 2.0 + 1e-9) << where();
            EXPECT_TRUE(page.contains(used)) << where();
            EXPECT_FALSE(used.intersects(layout.titleRect)) << where();
            EXPECT_FALSE(used.intersects(layout.captionRect)) << where();
        }
    }
}

TEST(FigureGrid, FittedSizeKeepsSquareThumbnails) {
    const TracePtr t = trace(kTen);
    FigureRequest r;
    r.view = FigureView::Grid;
    r.fontSize = 8;
    r.size = fittedFigureSize(r, *t, cm(8.5, 7).units().width());
    Measured m;
    const FigureLayout layout = layoutOf(m, r, *t);
    const FigureStyle style = deviceStyle(figureStyle(r), &m.device);
    const HeadGridGeometry g = headGridGeometry(m.painter, figureScenes(r, *t, style).grid, layout.viewArea, style);
    EXPECT_NEAR(g.thumbWidth(), g.thumbHeight(), 1.0);
    EXPECT_LT(layout.slack, 2.0);
}

TEST(FigureLabels, CaptionStatesTheThinningOfEachAxis) {
    Measured m;
    const auto nth = [](int n) { return QString::number(n) + (n % 10 == 1 && n % 100 != 11 ? "st" : n % 10 == 2 && n % 100 != 12 ? "nd" : n % 10 == 3 && n % 100 != 13 ? "rd" : "th"); };
    int differing = 0;
    for (int n : {60, 200})
        for (const QSizeF& size : {cm(8.5, 7).units(), cm(17, 7).units(), FigureSize{}.units()}) {
            FigureRequest r;
            r.size = size;
            const FigureLayout layout = layoutOf(m, r, *trace(words(n)));
            const HeatmapGeometry& g = layout.heatmap->geometry;
            const int rows = g.labelStep(), columns = g.columnLabelsRotated() ? g.columnLabelStep() : 1;
            const std::string where = layout.caption.toStdString();
            const QString rowRule = rows > 1 ? QStringLiteral("row labels on every %1 token").arg(nth(rows)) : QStringLiteral("every row labelled");
            const QString columnRule = columns > 1 ? QStringLiteral("column labels on every %1").arg(nth(columns)) : QStringLiteral("every column labelled");
            if (rows == columns && rows > 1) {
                EXPECT_TRUE(layout.caption.contains(QStringLiteral("labels on every %1 token").arg(nth(rows)))) << where;
            } else if (rows != columns) {
                ++differing;
                EXPECT_TRUE(layout.caption.contains(rowRule)) << where;
                EXPECT_TRUE(layout.caption.contains(columnRule)) << where;
            } else {
                EXPECT_FALSE(layout.caption.contains(QStringLiteral("labels"))) << where;
            }
        }
    EXPECT_GT(differing, 0) << "wide cells thin their columns less than their rows somewhere";
}
