// SPDX-License-Identifier: MIT
// Figures as files: SVG parsed as XML (labels as text, one shape per cell), PNG at the exact size and
// not blank, PDF one page of the figure's size, failed exports leave old files alone.
#include "base/error.h"
#include "figures/figure_exporter.h"
#include "file_size_limit.h"
#include "pdf_info.h"
#include "painters/heatmap_painter.h"
#include "painters/label_text.h"
#include "painters/lesson_painter.h"
#include "export/save_file.h"
#include "models/teaching_model.h"
#include "widget_test_support.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include <csignal>
#include <map>
#include <set>
#include <sys/resource.h>

using namespace qkview;
using namespace qkview::ui;

namespace {
TracePtr catTrace(const QString& text = QStringLiteral("The cat sat on the mat")) {
    return traceText(*test::teachingModel(), text, {});
}

struct SvgShapes {
    QStringList texts;
    std::map<QString, int> squaresBySize; // "w" → count of square rects of that width
    std::vector<std::pair<QRectF, QString>> rects; // rect and the fill it is painted with
};

// Rects with the fill of their enclosing group (QSvgGenerator writes state on <g>), and all text.
SvgShapes parseSvg(const QByteArray& svg) {
    SvgShapes out;
    QXmlStreamReader xml(svg);
    std::vector<QString> fills{QStringLiteral("none")};
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto a = xml.attributes();
            QString fill = a.hasAttribute(QStringLiteral("fill")) ? a.value(QStringLiteral("fill")).toString() : fills.back();
            fills.push_back(fill);
            if (xml.name() == u"rect") {
                const QRectF r(a.value(QStringLiteral("x")).toDouble(), a.value(QStringLiteral("y")).toDouble(),
                               a.value(QStringLiteral("width")).toDouble(), a.value(QStringLiteral("height")).toDouble());
                out.rects.emplace_back(r, fill);
                if (std::abs(r.width() - r.height()) < 1e-3) ++out.squaresBySize[QString::number(r.width(), 'f', 3)];
            } else if (xml.name() == u"text") {
                out.texts << xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed();
                fills.pop_back();
            }
        } else if (xml.isEndElement()) {
            fills.pop_back();
        }
    }
    EXPECT_FALSE(xml.hasError()) << xml.errorString().toStdString() << " at line " << xml.lineNumber();
    return out;
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

FigureSize pixels(int w, int h, int dpi = 96) { return FigureSize::from(QSizeF(w, h), SizeUnit::Pixels, dpi); }
} // namespace

TEST(FigureExport, SvgIsXmlWithLabelsAsTextAndOneShapePerCell) {
    for (const QString& text : {QStringLiteral("The cat sat on the mat"), QStringLiteral("cat sat")}) {
        const TracePtr trace = catTrace(text);
        FigureRequest request;
        request.layer = 0;
        request.head = 2;
        const QByteArray svg = FigureExporter(trace, request).encode(FigureFormat::Svg, pixels(1200, 800));
        const SvgShapes shapes = parseSvg(svg);
        for (const Token& t : trace->tokens)
            EXPECT_GE(shapes.texts.count(tokenLabel(t.text)), 2) << "row and column label " << t.text.toStdString();
        EXPECT_FALSE(svg.contains("<image")) << "cells must be vector shapes, not a bitmap";
        // The cells are the T² squares of one size, and their fills are the colours of the trace's weights.
        const int t = trace->tokenCount();
        const MatrixData data = matrixData(*trace, 0, 2, MatrixKind::Weights);
        std::map<QString, int> expected;
        for (int i = 0; i < t; ++i)
            for (int j = 0; j < t; ++j) ++expected[cellColor(data, data.values(i, j), figureStyle(request)).name()];
        QString cellSize;
        for (const auto& [size, count] : shapes.squaresBySize)
            if (count == t * t) cellSize = size;
        ASSERT_FALSE(cellSize.isEmpty()) << "no group of exactly " << t * t << " equal squares";
        std::map<QString, int> fills;
        for (const auto& [rect, fill] : shapes.rects)
            if (QString::number(rect.width(), 'f', 3) == cellSize && std::abs(rect.width() - rect.height()) < 1e-3) ++fills[fill];
        EXPECT_EQ(fills, expected);
    }
}

TEST(FigureExport, SvgKeepsTheFullTextOfElidedTokensAsTitles) {
    const TracePtr trace = catTrace(QStringLiteral("The extraordinarily enthusiastic cat sat"));
    const QString longToken = QStringLiteral("extraordinarily");
    ASSERT_NE(tokenLabel(longToken), longToken) << "the label must be elided for this test";
    const QByteArray svg = FigureExporter(trace, FigureRequest{}).encode(FigureFormat::Svg, pixels(1200, 800));
    QXmlStreamReader xml(svg);
    int titled = 0;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == u"text") {
            QString shown, title;
            while (!(xml.isEndElement() && xml.name() == u"text") && !xml.atEnd()) {
                xml.readNext();
                if (xml.isCharacters()) shown += xml.text();
                if (xml.isStartElement() && xml.name() == u"title") title = xml.readElementText();
            }
            if (shown.trimmed() == tokenLabel(longToken)) {
                EXPECT_EQ(title, longToken);
                ++titled;
            }
        }
    }
    EXPECT_FALSE(xml.hasError()) << xml.errorString().toStdString();
    EXPECT_EQ(titled, 2) << "the row and the column label";
}

TEST(FigureExport, SvgScoresUseTheDivergingMapAndKeepOneCellPerPair) {
    const TracePtr trace = catTrace();
    FigureRequest request;
    request.what = MatrixKind::Scores;
    request.numbers = true;
    const SvgShapes shapes = parseSvg(FigureExporter(trace, request).encode(FigureFormat::Svg, pixels(1600, 900)));
    int squares = 0;
    for (const auto& [size, count] : shapes.squaresBySize) squares = std::max(squares, count);
    EXPECT_EQ(squares, 36);
    const MatrixData data = matrixData(*trace, 0, 0, MatrixKind::Scores);
    // One precision for the figure, from the largest magnitude (the colour range's end).
    const QString cell = formatFixed(data.values(1, 2), valueDecimals(data.high, false));
    EXPECT_TRUE(shapes.texts.contains(cell)) << "numbers in cells are text: " << cell.toStdString();
}

TEST(FigureExport, PngHasTheExactSizeAndDpiAndIsNotBlank) {
    const TracePtr trace = catTrace();
    for (const FigureView view : {FigureView::Heatmap, FigureView::Lesson, FigureView::Grid, FigureView::Values}) {
        FigureRequest request;
        request.view = view;
        request.head = 2;
        const FigureSize size = pixels(1234, 567, 300);
        const QImage image = QImage::fromData(FigureExporter(trace, request).encode(FigureFormat::Png, size), "PNG");
        ASSERT_FALSE(image.isNull()) << figureViewName(view).toStdString();
        EXPECT_EQ(image.size(), QSize(1234, 567));
        EXPECT_NEAR(image.dotsPerMeterX() * 0.0254, 300, 0.5);
        // Not blank: many colours, and dark text on the white page.
        std::set<QRgb> colours;
        for (int y = 0; y < image.height(); y += 3)
            for (int x = 0; x < image.width(); x += 3) colours.insert(image.pixel(x, y));
        EXPECT_GT(colours.size(), 50u) << figureViewName(view).toStdString();
        EXPECT_EQ(image.pixel(0, 0), qRgb(255, 255, 255)) << "light print style";
    }
}

TEST(FigureExport, LabelsKeepTheirPhysicalSizeAtAnyDpi) {
    // The same figure at 96 and 192 DPI: the second is the first at twice the pixels.
    const TracePtr trace = catTrace();
    FigureRequest request;
    FigureExporter exporter(trace, request);
    const QImage low = exporter.image(FigureSize::from(QSizeF(6, 4), SizeUnit::Inches, 96));
    const QImage high = exporter.image(FigureSize::from(QSizeF(6, 4), SizeUnit::Inches, 192));
    EXPECT_EQ(high.size(), low.size() * 2);
    const QImage down = high.scaled(low.size(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    double diff = 0;
    for (int y = 0; y < low.height(); ++y)
        for (int x = 0; x < low.width(); ++x) diff += std::abs(qGray(low.pixel(x, y)) - qGray(down.pixel(x, y)));
    EXPECT_LT(diff / (low.width() * low.height()), 6.0) << "mean grey difference per pixel";
}

TEST(FigureExport, PdfIsOnePageOfTheFigureSizeWithEmbeddedFonts) {
    const TracePtr trace = catTrace();
    FigureRequest request;
    request.view = FigureView::Lesson;
    const QByteArray pdf = FigureExporter(trace, request).encode(FigureFormat::Pdf, FigureSize::from(QSizeF(16, 9), SizeUnit::Centimetres, 150));
    ASSERT_TRUE(pdf.startsWith("%PDF")) << pdf.left(16).toStdString();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("lesson.pdf"));
    saveFileAtomically(path, pdf);
    const auto info = test::pdfInfo(path);
    if (!info) GTEST_SKIP() << "pdfinfo (poppler-utils) is not installed: page count and size not checked";
    EXPECT_EQ(info->pages, 1) << info->raw.toStdString();
    EXPECT_NEAR(info->widthPt, 16 / 2.54 * 72, 1.0);
    EXPECT_NEAR(info->heightPt, 9 / 2.54 * 72, 1.0);
    const QString pdffonts = QStandardPaths::findExecutable(QStringLiteral("pdffonts"));
    if (pdffonts.isEmpty()) return;
    QProcess fonts;
    fonts.start(pdffonts, {path});
    ASSERT_TRUE(fonts.waitForFinished(30000));
    const QStringList lines = QString::fromUtf8(fonts.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts).mid(2);
    ASSERT_FALSE(lines.isEmpty());
    for (const QString& line : lines) EXPECT_TRUE(line.contains(QStringLiteral(" yes "))) << "not embedded: " << line.toStdString();
}

TEST(FigureExport, EveryViewPaintsIntoEveryFormat) {
    const TracePtr trace = catTrace();
    for (const QString& name : figureViewNames())
        for (const QString& format : figureFormatNames()) {
            FigureRequest request;
            request.view = *figureViewFromName(name);
            if (request.view == FigureView::Compare) request.compareWith = catTrace();
            const QByteArray bytes =
                FigureExporter(trace, request).encode(*figureFormatFromName(format), pixels(800, 450));
            EXPECT_GT(bytes.size(), 1000) << name.toStdString() << " as " << format.toStdString();
        }
}

TEST(FigureExport, BadRequestsThrowBeforeAnythingIsWritten) {
    const TracePtr trace = catTrace();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("keep.png"));
    saveFileAtomically(path, "old");
    FigureRequest request;
    request.head = 4;
    EXPECT_THROW(FigureExporter(trace, request).save(path, FigureFormat::Png, pixels(400, 300)), Error);
    request.head = 0;
    request.query = 6;
    EXPECT_THROW(FigureExporter(trace, request).save(path, FigureFormat::Svg, pixels(400, 300)), Error);
    request.query = -1;
    EXPECT_THROW(FigureExporter(trace, request).save(path, FigureFormat::Png, pixels(400, 300, 50)), Error) << "DPI below 72";
    EXPECT_THROW(FigureExporter(trace, request).save(path, FigureFormat::Png, pixels(40000, 300)), Error) << "too large";
    EXPECT_EQ(readAll(path), QByteArray("old"));
}

TEST(FigureExport, AFailedWriteLeavesTheExistingFileUntouched) {
    const TracePtr trace = catTrace();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("figure.pdf"));
    saveFileAtomically(path, "old figure");
    QString message;
    try {
        const test::FileSizeLimit fullDisk(512);
        FigureExporter(trace, FigureRequest{}).save(path, FigureFormat::Pdf, pixels(800, 600));
    } catch (const Error& e) {
        message = QString::fromUtf8(e.what());
    }
    EXPECT_TRUE(message.contains(path)) << message.toStdString();
    EXPECT_EQ(readAll(path), QByteArray("old figure"));
    try {
        FigureExporter(trace, FigureRequest{}).save(dir.filePath(QStringLiteral("no/such/folder.svg")), FigureFormat::Svg,
                                                     pixels(800, 600));
        ADD_FAILURE() << "no error for a missing folder";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), Error::Kind::Io);
        EXPECT_TRUE(QString::fromUtf8(e.what()).contains(QStringLiteral("does not exist"))) << e.what();
    }
}

TEST(FigureExport, SizesConvertBetweenUnits) {
    const FigureSize px = FigureSize::from(QSizeF(1600, 900), SizeUnit::Pixels, 150);
    EXPECT_EQ(px.pixels(), QSize(1600, 900));
    EXPECT_NEAR(px.units().width(), 1600.0 / 150 * 96, 1e-9);
    const FigureSize cm = FigureSize::from(QSizeF(25.4, 12.7), SizeUnit::Centimetres, 300);
    EXPECT_EQ(cm.pixels(), QSize(3000, 1500));
    EXPECT_NEAR(cm.in(SizeUnit::Inches).width(), 10.0, 1e-12);
    EXPECT_EQ(figureFormatFromPath(QStringLiteral("/a/b.SVG")), FigureFormat::Svg);
    EXPECT_FALSE(figureFormatFromPath(QStringLiteral("/a/b.gif")).has_value());
}

TEST(FigureComposer, LessonDefaultsToTheSharpestQueryAndNamesIt) {
    const TracePtr trace = catTrace();
    FigureRequest request;
    request.view = FigureView::Lesson;
    request.head = 2; // verb → noun before: "sat" looks at "cat"
    const FigureRequest r = resolvedRequest(request, *trace);
    EXPECT_EQ(r.query, 2);
    EXPECT_EQ(r.key, 1);
    EXPECT_TRUE(defaultTitle(request, *trace).contains(QStringLiteral("“sat”")));
    EXPECT_TRUE(defaultCaption(request, *trace).contains(trace->config.name));
    request.view = FigureView::Heatmap;
    EXPECT_EQ(resolvedRequest(request, *trace).query, -1) << "the heatmap shows no selection unless asked";
}

TEST(FigureComposer, ChipsWrapAndWindowAroundTheQuery) {
    QStringList tokens;
    for (int i = 0; i < 60; ++i) tokens << QStringLiteral("token%1").arg(i);
    const QFont font(QStringLiteral("DejaVu Sans"), 10);
    const QFontMetricsF fm(font);
    const ChipLayout chips = layoutChips(fm, tokens, 40, 600, 2);
    EXPECT_LE(chips.lines, 2);
    EXPECT_NE(std::find(chips.tokens.begin(), chips.tokens.end(), 40), chips.tokens.end()) << "the query stays visible";
    EXPECT_EQ(chips.tokens.front(), -1) << "an ellipsis for the cut start";
    for (const QRectF& r : chips.rects) EXPECT_LE(r.right(), 600 + 1e-6);
    for (size_t i = 1; i < chips.rects.size(); ++i)
        if (std::abs(chips.rects[i].top() - chips.rects[i - 1].top()) < 1e-6) {
            EXPECT_GE(chips.rects[i].left(), chips.rects[i - 1].right()) << "chips never overlap";
        }
    EXPECT_EQ(layoutChips(fm, tokens.mid(0, 2), 0, 600, 2).tokens, (std::vector<int>{0, 1}));
}
