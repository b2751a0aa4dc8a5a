// SPDX-License-Identifier: MIT
#include "figures/figure_layout.h"

#include "painters/color_scale.h"

#include <QCoreApplication>
#include <QImage>
#include <QPaintDevice>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace qkview::ui {

namespace {
constexpr double kMarginLines = 0.5; // page margin, in lines of the base font
constexpr double kGapLines = 0.5;    // between title, view and caption
constexpr double kFitCellLines = 1.6; // --size fit without a width: cells this many lines tall
constexpr double kFitMaxMatrix = 17 / 2.54 * kFigureUnitsPerInch; // … but no matrix wider than a page (17 cm)
// Heatmap cells may be this much wider than tall: a wide page is filled (no empty bands beside the
// matrix) and numbers get room, while the matrix still reads as rows and columns.
constexpr double kMaxCellAspect = 3;
// Grid thumbnails may be up to this much taller or wider than square, for the same reason; beyond it the
// page keeps even bands around the grid rather than thumbnails that no longer read as matrices.
constexpr double kMaxThumbAspect = 2;

QString tr(const char* text) { return QCoreApplication::translate("qkview", text); }

double wrappedHeight(const QPaintDevice* device, const QFont& font, const QString& text, double width) {
    if (text.isEmpty()) return 0;
    return QFontMetricsF(font, device).boundingRect(QRectF(0, 0, width, 1e7), Qt::TextWordWrap, text).height();
}

// What the view draws inside area: tight for the heatmap and the grid, the whole area otherwise.
QRectF viewContent(QPainter& p, const FigureRequest& r, const FigureScenes& scenes, const QRectF& area,
                   const FigureStyle& style, std::optional<HeatmapDrawing>* heatmap,
                   std::optional<GridTokensLayout>* gridTokens) {
    if (r.gridTokens) {
        *gridTokens = gridTokensLayout(p, scenes.grid, scenes.heatmap, scenes.heatmapFrame, scenes.headTitle, area, style);
        *heatmap = (*gridTokens)->heatmap;
        return (*gridTokens)->usedRect().intersected(area);
    }
    if (r.view == FigureView::Heatmap) {
        *heatmap = heatmapDrawing(p, scenes.heatmap, area, style, scenes.heatmapFrame);
        return (*heatmap)->geometry.usedRect().intersected(area);
    }
    if (r.view == FigureView::Grid) return headGridGeometry(p, scenes.grid, area, style).usedRect().intersected(area);
    return area;
}

double points(double units) { return units * 72.0 / kFigureUnitsPerInch; }

// Why the drawing has no numbers although they were asked for; empty when it has them.
QString numbersWarning(const HeatmapDrawing& d, const FigureStyle& style, const QPaintDevice* device) {
    if (d.numberScale > 0) return {};
    // style's points are the device's (deviceStyle): convert back to the points the reader sees.
    const double toPoints = device && device->logicalDpiY() > 0 ? device->logicalDpiY() / kFigureUnitsPerInch : 1.0;
    return tr("--numbers: cells of %1 × %2 pt are too small for numbers of %3 pt or more; the figure has none "
              "(a larger size, a smaller --font-size or fewer tokens make room)")
        .arg(points(d.geometry.cellWidth()), 0, 'f', 1)
        .arg(points(d.geometry.cellHeight()), 0, 'f', 1)
        .arg(style.font.pointSizeF() * std::min(1.0, style.minFontScale) * toPoints, 0, 'f', 1);
}
} // namespace

FigureScenes figureScenes(const FigureRequest& r, const AttentionTrace& trace, const FigureStyle& style) {
    FigureScenes s;
    if (r.view == FigureView::Heatmap || r.gridTokens) {
        s.heatmap.data = matrixData(trace, r.layer, r.head, r.what);
        s.heatmap.selectedRow = r.selection ? r.query : -1;
        s.heatmap.selectedColumn = r.selection ? r.key : -1;
        s.heatmap.scale = r.scale;
        s.heatmapFrame.maxCellAspect = kMaxCellAspect;
    }
    if (r.view == FigureView::Grid) {
        // With its tokens beside it the selected head is always outlined: the outline links the two.
        const bool outline = r.selection || r.gridTokens;
        s.grid = headGridScene(trace, r.what, style, outline ? r.layer : -1, outline ? r.head : -1);
        // Scores have a range per head: no one bar fits all. Beside a fixed-scale heatmap its bar serves both.
        s.grid.colorBar = (r.what == MatrixKind::Weights || r.what == MatrixKind::Rollout) &&
                          !(r.gridTokens && r.scale == ColorScaleMode::Fixed);
        if (r.gridTokens) s.headTitle = headLabel(trace, r.layer, r.head);
        s.grid.colorByType = r.headTypes;
        s.grid.maxThumbAspect = kMaxThumbAspect;
    }
    if (r.view == FigureView::Lesson) {
        s.lesson = lessonScene(trace, r.layer, r.head, r.query, r.key, r.what);
        if (!r.selection) s.lesson.heatmap.selectedRow = s.lesson.heatmap.selectedColumn = -1; // the chips still name the query
    }
    return s;
}

FigureStyle deviceStyle(FigureStyle style, const QPaintDevice* device) {
    const int dpi = device ? device->logicalDpiY() : 0;
    if (dpi > 0 && style.font.pointSizeF() > 0) style.font.setPointSizeF(style.font.pointSizeF() * kFigureUnitsPerInch / dpi);
    return style;
}

FigureLayout layoutFigure(QPainter& p, const FigureRequest& r, const AttentionTrace& trace, const FigureScenes& scenes,
                          const FigureStyle& style, const QRectF& page) {
    const QPaintDevice* device = p.device();
    FigureLayout out;
    out.style = style;
    out.page = page;
    const double line = QFontMetricsF(style.font, device).height();
    const QRectF inner = page.adjusted(line * kMarginLines, line * kMarginLines, -line * kMarginLines, -line * kMarginLines);
    const double gap = line * kGapLines;
    out.title = r.title.value_or(defaultTitle(r, trace));
    out.titleFont = scaledFont(style.font, 1.2);
    out.titleFont.setBold(true);
    // Captions are a little smaller than the labels, but never below the style's minimum.
    out.captionFont = scaledFont(style.font, std::max(0.9, std::min(1.0, style.minFontScale)));
    const QString given = r.caption.value_or(defaultCaption(r, trace));

    // Title and caption span the page: wrapped narrower they would take the height the cells need.
    const double textLeft = inner.left(), textWidth = inner.width();
    QRectF area;
    const double titleHeight = wrappedHeight(device, out.titleFont, out.title, textWidth);
    double captionHeight = 0;
    const double top = inner.top() + (titleHeight > 0 ? titleHeight + gap : 0);
    // A long heatmap's default caption says how it was thinned and pooled, which depends on the room
    // the caption leaves: lay out until the note stops changing.
    QString note;
    for (int round = 0; round < 4; ++round) {
        out.caption = note.isEmpty() ? given : given + QStringLiteral(" · ") + note;
        captionHeight = wrappedHeight(device, out.captionFont, out.caption, textWidth);
        area = QRectF(inner.left(), top, inner.width(),
                      std::max(1.0, inner.bottom() - top - (captionHeight > 0 ? captionHeight + gap : 0)));
        out.content = viewContent(p, r, scenes, area, style, &out.heatmap, &out.gridTokens);
        if (!out.heatmap || r.caption) break;
        QStringList notes;
        if (scenes.heatmap.scale != ColorScaleMode::Fixed) notes << ColorScale(scenes.heatmap.data, scenes.heatmap.scale).description();
        notes << heatmapDrawingNote(*out.heatmap, scenes.heatmap);
        notes.removeAll(QString());
        const QString next = notes.join(QStringLiteral("; "));
        if (next == note) break;
        note = next;
    }
    // Shrink-wrap: the view keeps only the height it draws in; the free height goes evenly above and below.
    out.slack = std::max(0.0, area.height() - out.content.height());
    const double shift = out.slack / 2;
    if (titleHeight > 0) out.titleRect = QRectF(textLeft, inner.top() + shift, textWidth, titleHeight);
    out.viewArea = out.slack > 0 ? QRectF(area.left(), out.content.top(), area.width(), out.content.height()) : area;
    // The grid with tokens lays itself out centred in area, which viewArea is centred in too: it stays.
    if (out.slack > 0 && out.heatmap && !out.gridTokens) out.heatmap = heatmapDrawing(p, scenes.heatmap, out.viewArea, style, scenes.heatmapFrame);
    if (captionHeight > 0) out.captionRect = QRectF(textLeft, out.viewArea.bottom() + gap, textWidth, captionHeight);

    if (r.view == FigureView::Lesson) out.lesson = lessonLayout(p, scenes.lesson, out.viewArea, style);
    if (r.numbers && out.heatmap) out.warnings << numbersWarning(*out.heatmap, style, device);
    if (r.numbers && out.lesson) out.warnings << numbersWarning(*out.lesson->heatmap, style, device);
    out.warnings.removeAll(QString());
    return out;
}

QSizeF fittedFigureSize(const FigureRequest& request, const AttentionTrace& trace, std::optional<double> width,
                        const FigureStyle& base) {
    checkFigureRequest(request, trace);
    FigureRequest r = resolvedRequest(request, trace);
    QImage probe(1, 1, QImage::Format_RGB32);
    probe.setDotsPerMeterX(static_cast<int>(std::lround(kFigureUnitsPerInch / 0.0254)));
    probe.setDotsPerMeterY(probe.dotsPerMeterX());
    QPainter p(&probe);
    const FigureStyle style = deviceStyle(figureStyle(r, base), &probe);
    FigureScenes scenes = figureScenes(r, trace, style);
    scenes.grid.maxThumbAspect = 1; // on the tall probe page thumbnails would stretch: fit square ones
    const double line = QFontMetricsF(style.font, &probe).height();
    double w = width.value_or(0);
    if (w <= 0) {
        const int t = trace.tokenCount();
        if (r.view == FigureView::Heatmap) {
            // The width at which cells come out kFitCellLines tall (numbers need a little more).
            const double cell = std::min(line * (r.numbers ? 2.4 : kFitCellLines), kFitMaxMatrix / std::max(1, t));
            HeatmapFrame frame;
            frame.cellSize = cell;
            const QRectF used = heatmapGeometry(p, scenes.heatmap, QRectF(0, 0, 1e5, 1e5), style, frame).usedRect();
            w = used.width() + 2 * line * kMarginLines + 1;
        } else if (r.view == FigureView::Grid) {
            w = std::min(kFitMaxMatrix, line * 4 * trace.config.heads) + line * 6;
            if (r.gridTokens) w = std::max(w, kFitMaxMatrix); // room for the matrix beside the grid
        } else {
            w = r.size.width();
        }
    }
    // Lay out on a page far taller than needed; what the content leaves unused is cut off.
    const QRectF tall(0, 0, w, std::max(w * 4, 2000.0));
    r.size = tall.size();
    const FigureLayout layout = layoutFigure(p, r, trace, scenes, style, tall);
    if (r.view != FigureView::Heatmap && r.view != FigureView::Grid) return {w, std::round(w * 9 / 16)};
    return {w, std::ceil(tall.height() - layout.slack)};
}

} // namespace qkview::ui
