// SPDX-License-Identifier: MIT
#include "painters/heatmap_painter.h"

#include "painters/color_scale.h"
#include "painters/heatmap_raster.h"
#include "painters/label_text.h"

#include <QCoreApplication>
#include <QImage>
#include <QPaintEngine>
#include <QPainter>

#include <cmath>
#include <limits>

namespace qkview::ui {

namespace {
QString tr(const char* text) { return QCoreApplication::translate("qkview", text); }

ColormapId effectiveMap(const MatrixData& data, const FigureStyle& style) {
    return effectiveColormap(data.diverging, style.colormap);
}

// Each distinct label is measured once (a text repeats its words; rows and columns share their labels).
double widestLabel(const QFontMetricsF& fm, const QStringList& labels, LabelWidthCache& widths) {
    double widest = 0;
    for (const QString& l : labels) widest = std::max(widest, cachedWidth(fm, tokenLabel(l), widths));
    return widest;
}

bool isVectorDevice(const QPainter& p) {
    const QPaintEngine* engine = p.paintEngine();
    return engine && (engine->type() == QPaintEngine::SVG || engine->type() == QPaintEngine::Pdf);
}

// Device pixels per layout unit (the screen's device pixel ratio, a PNG's scale).
double deviceScale(const QPainter& p) {
    const QTransform t = p.deviceTransform();
    return std::max(1e-6, std::hypot(t.m11(), t.m12()));
}

void drawCellImage(QPainter& p, const HeatmapScene& scene, const HeatmapDrawing& d, const FigureStyle& style,
                   HeatmapRaster* cache) {
    HeatmapRaster local;
    HeatmapRaster& raster = cache ? *cache : local;
    const QImage& image = raster.image(scene.data, scene.scale, style, d.poolFactor);
    const HeatmapGeometry& g = d.geometry;
    // The viewport's part of the matrix, in image pixels (f cells each).
    const QRectF view = g.viewportRect();
    const double perPixelX = g.cellWidth() * d.poolFactor, perPixelY = g.cellHeight() * d.poolFactor;
    const QRectF source((view.left() - g.matrixRect().left()) / perPixelX, (view.top() - g.matrixRect().top()) / perPixelY,
                        view.width() / perPixelX, view.height() / perPixelY);
    p.save();
    p.setRenderHint(QPainter::SmoothPixmapTransform, false); // nearest pixel: cells keep hard edges
    p.drawImage(view, image, source);
    p.restore();
}

void drawCells(QPainter& p, const HeatmapScene& scene, const HeatmapDrawing& d, const FigureStyle& style,
               HeatmapRaster* raster) {
    if (d.raster) return drawCellImage(p, scene, d, style, raster);
    const MatrixData& m = scene.data;
    const ColorScale scale(m, scene.scale);
    const Colormap& map = Colormap::get(effectiveMap(m, style));
    p.save();
    if (d.geometry.scrollable()) p.setClipRect(d.geometry.viewportRect());
    p.setPen(Qt::NoPen);
    // In cell units: every cell is the unit square at whole-number coordinates, so SVG and PDF write
    // neighbours with exactly shared edges and no hairline seams open between them.
    p.translate(d.geometry.matrixRect().topLeft());
    p.scale(d.geometry.cellWidth(), d.geometry.cellHeight());
    for (int i = 0; i < m.rows(); ++i)
        for (int j = 0; j < m.columns(); ++j) {
            p.setBrush(m.masked(i, j) ? style.masked : map.at(scale.position(i, m.values(i, j))));
            p.drawRect(QRectF(j, i, 1, 1));
        }
    p.restore();
}

void drawNumbers(QPainter& p, const HeatmapScene& scene, const HeatmapDrawing& dr, const FigureStyle& style) {
    if (dr.numberScale <= 0) return;
    const HeatmapGeometry& g = dr.geometry;
    const MatrixData& d = scene.data;
    p.setFont(scaledFont(style.font, dr.numberScale));
    const ColorScale scale(d, scene.scale);
    const Colormap& map = Colormap::get(effectiveMap(d, style));
    const auto [r0, r1] = g.visibleRows();
    const auto [c0, c1] = g.visibleColumns();
    for (int i = r0; i <= r1; ++i)
        for (int j = c0; j <= c1; ++j) {
            if (d.masked(i, j)) continue;
            p.setPen(Colormap::textOn(map.at(scale.position(i, d.values(i, j)))));
            p.drawText(g.cellRect(i, j), Qt::AlignCenter | Qt::TextDontClip,
                       formatFixed(d.values(i, j), dr.decimals, dr.compactNumbers));
        }
}

// Fits the numbers' font to the cells: as large as the labels, shrinking with the cells to the style's
// minimum; a shorter form (".25") before giving up.
void fitNumbers(QPainter& p, const HeatmapScene& scene, const FigureStyle& style, HeatmapDrawing& dr) {
    const MatrixData& d = scene.data;
    const double largest = largestMagnitude(d);
    dr.decimals = valueDecimals(largest, !d.diverging);
    const QFontMetricsF fm(style.font, p.device());
    const double minScale = std::min(1.0, style.minFontScale);
    for (bool compact : {false, true}) {
        double widest = 0;
        // Digits are of equal width in the fonts used: the longest strings are those of the extremes.
        for (double v : {largest, d.diverging ? -largest : 0.0, 0.0})
            widest = std::max(widest, fm.horizontalAdvance(formatFixed(v, dr.decimals, compact)));
        const double fit = std::min(dr.geometry.cellWidth() * 0.88 / std::max(widest, 1e-9), dr.geometry.cellHeight() * 0.95 / fm.height());
        const double wanted = std::min(dr.geometry.fontScale(), fit);
        if (wanted >= minScale - 1e-9) {
            dr.numberScale = wanted;
            dr.compactNumbers = compact;
            return;
        }
    }
    dr.numberScale = 0;
}

void drawLabels(QPainter& p, const HeatmapScene& scene, const HeatmapGeometry& g, const FigureStyle& style) {
    const MatrixData& d = scene.data;
    QFont font = scaledFont(style.font, g.fontScale());
    const QRectF view = g.viewportRect();
    const QRectF bounds = g.input().bounds;
    const bool clip = g.scrollable();
    const auto [r0, r1] = g.visibleRows();
    p.save();
    if (clip) p.setClipRect(QRectF(bounds.left(), view.top(), view.left() - bounds.left(), view.height()));
    const QPoint strongest = d.strongest.x() >= 0 ? d.strongest : strongestCell(d);
    for (int i : thinnedLabels(r0, r1, g.labelStep(), {scene.selectedRow, strongest.y()})) {
        font.setBold(i == scene.selectedRow);
        p.setFont(font);
        p.setPen(i == scene.selectedRow ? style.accent : style.foreground);
        p.drawText(g.rowLabelRect(i), Qt::AlignRight | Qt::AlignVCenter | Qt::TextDontClip, tokenLabel(d.rowLabels[i]));
    }
    p.restore();
    const auto [c0, c1] = g.visibleColumns();
    p.save();
    if (clip) p.setClipRect(QRectF(view.left(), bounds.top(), view.width(), view.top() - bounds.top()));
    for (int j : thinnedLabels(c0, c1, g.columnLabelsRotated() ? g.columnLabelStep() : 1, {scene.selectedColumn, strongest.x()})) {
        font.setBold(j == scene.selectedColumn);
        p.setFont(font);
        p.setPen(j == scene.selectedColumn ? style.accent : style.foreground);
        const QString label = tokenLabel(d.columnLabels[j]);
        if (!g.columnLabelsRotated()) {
            p.drawText(g.columnLabelRect(j), Qt::AlignHCenter | Qt::AlignBottom | Qt::TextDontClip, label);
            continue;
        }
        p.save();
        p.translate(g.columnLabelAnchor(j));
        p.rotate(-90);
        const double h = g.textHeight();
        p.drawText(QRectF(0, -h / 2, 1000, h), Qt::AlignLeft | Qt::AlignVCenter, label);
        p.restore();
    }
    p.restore();
    // Axis titles say which way to read the matrix.
    font.setBold(false);
    font.setItalic(true);
    p.setFont(font);
    p.setPen(style.muted);
    // Small matrices get the short titles rather than clipped long ones; a title longer than its axis
    // runs on past it (never off the picture) rather than being cut.
    const QFontMetricsF fm(font, p.device());
    const auto fitting = [&](const char* longText, const char* shortText, double length) {
        const QString text = QCoreApplication::translate("qkview", longText);
        return fm.horizontalAdvance(text) <= length ? text : QCoreApplication::translate("qkview", shortText);
    };
    const auto along = [&](double start, double length, double limit, const QString& text) {
        const double needed = fm.horizontalAdvance(text) + 1;
        return std::pair{std::max(0.0, std::min(start, limit - needed)), std::max(length, needed)};
    };
    const QRectF c = g.columnAxisTitleRect();
    const QString keys = fitting("keys → (what each token offers)", "keys →", c.width());
    const auto [cx, cw] = along(c.left(), c.width(), bounds.right(), keys);
    p.drawText(QRectF(cx, c.top(), cw, c.height()), Qt::AlignLeft | Qt::AlignVCenter, keys);
    const QRectF r = g.rowAxisTitleRect();
    const QString queries = fitting("queries → (what each token asks)", "queries →", r.height());
    const auto [ry, rh] = along(r.top(), r.height(), bounds.bottom(), queries);
    p.save();
    p.translate(r.left(), ry);
    p.rotate(90);
    p.drawText(QRectF(0, -r.width(), rh, r.width()), Qt::AlignLeft | Qt::AlignVCenter, queries);
    p.restore();
}

void drawColorBar(QPainter& p, const HeatmapScene& scene, const HeatmapGeometry& g, const FigureStyle& style) {
    renderColorBar(p, g.colorBarRect(), g.colorBarLabelLeft(), scene.data, scene.scale, style, g.fontScale());
}

void drawSelection(QPainter& p, const HeatmapScene& scene, const HeatmapGeometry& g, const FigureStyle& style) {
    const int row = scene.selectedRow, column = scene.selectedColumn;
    p.save();
    if (g.scrollable()) p.setClipRect(g.viewportRect().adjusted(-3, -3, 3, 3));
    p.setBrush(Qt::NoBrush);
    if (row >= 0 && row < scene.data.rows()) {
        p.setPen(QPen(style.accent, std::clamp(g.cellSize() * 0.04, 1.0, 2.5)));
        p.drawRect(g.cellRect(row, 0).united(g.cellRect(row, scene.data.columns() - 1)));
    }
    if (row >= 0 && column >= 0 && row < scene.data.rows() && column < scene.data.columns()) {
        p.setPen(QPen(style.accent, std::clamp(g.cellSize() * 0.1, 2.0, 4.0), Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin));
        p.drawRect(g.cellRect(row, column));
    }
    p.restore();
}

QString ordinal(int n) {
    const int tens = n % 100, ones = n % 10;
    const char* suffix = (tens >= 11 && tens <= 13) ? "th" : ones == 1 ? "st" : ones == 2 ? "nd" : ones == 3 ? "rd" : "th";
    return QStringLiteral("%1%2").arg(n).arg(QLatin1String(suffix));
}
} // namespace

ColormapId effectiveColormap(bool divergingData, ColormapId chosen) {
    const bool divergingMap = Colormap::plain(chosen) == ColormapId::Diverging;
    // Signed scores always use a diverging map so 0 stays neutral.
    if (divergingData) return divergingMap ? chosen : ColormapId::Diverging;
    return divergingMap ? Colormap::reversed(ColormapId::Viridis, Colormap::isReversed(chosen)) : chosen;
}

void renderColorBar(QPainter& p, const QRectF& bar, double labelLeft, const MatrixData& data, ColorScaleMode mode,
                    const FigureStyle& style, double fontScale) {
    if (bar.isEmpty()) return;
    p.save();
    const Colormap& map = Colormap::get(effectiveMap(data, style));
    QLinearGradient gradient(bar.bottomLeft(), bar.topLeft());
    for (int s = 0; s <= 32; ++s) gradient.setColorAt(s / 32.0, map.at(s / 32.0));
    p.setPen(QPen(style.muted, 0.5));
    p.setBrush(gradient);
    p.drawRect(bar);
    const QFont font = scaledFont(style.font, fontScale);
    p.setFont(font);
    const double h = QFontMetricsF(font, p.device()).height();
    for (const ColorScale::Tick& tick : ColorScale(data, mode).ticks()) {
        const double y = bar.bottom() - tick.position * bar.height();
        p.setPen(QPen(style.foreground, 0.8));
        p.drawLine(QPointF(bar.right(), y), QPointF(bar.right() + h * 0.25, y));
        p.drawText(QRectF(labelLeft, y - h / 2, 1000, h), Qt::AlignLeft | Qt::AlignVCenter, tick.label);
    }
    p.restore();
}

double colorBarLabelWidth(QPainter& painter, const MatrixData& data, ColorScaleMode scale, const FigureStyle& style) {
    const QFontMetricsF fm(style.font, painter.device());
    double ticks = fm.horizontalAdvance(QStringLiteral("0.00"));
    for (const ColorScale::Tick& t : ColorScale(data, scale).ticks()) ticks = std::max(ticks, fm.horizontalAdvance(t.label));
    return ticks * 1.05;
}

QColor cellColor(const MatrixData& data, double value, const FigureStyle& style) {
    return Colormap::get(effectiveMap(data, style)).at(data.normalized(value));
}

QSizeF heatmapLabelWidths(QPainter& painter, const HeatmapScene& scene, const FigureStyle& style, LabelWidthCache* cache) {
    const QFontMetricsF fm(style.font, painter.device());
    LabelWidthCache local;
    LabelWidthCache& widths = cache ? *cache : local;
    // Bold selected labels are a little wider: measure with room to spare.
    return {widestLabel(fm, scene.data.rowLabels, widths) * 1.1, widestLabel(fm, scene.data.columnLabels, widths) * 1.1};
}

HeatmapGeometry heatmapGeometry(QPainter& painter, const HeatmapScene& scene, const QRectF& bounds,
                                const FigureStyle& style, const HeatmapFrame& frame) {
    const QFontMetricsF fm(style.font, painter.device());
    HeatmapLayoutInput in;
    in.bounds = bounds;
    in.rows = scene.data.rows();
    in.columns = scene.data.columns();
    const QSizeF labels = frame.labelWidths ? *frame.labelWidths : heatmapLabelWidths(painter, scene, style);
    in.rowLabelWidth = labels.width();
    in.columnLabelWidth = labels.height();
    in.textHeight = fm.height();
    in.colorBarLabelWidth = colorBarLabelWidth(painter, scene.data, scene.scale, style);
    in.minCellSize = frame.minCellSize;
    in.minFontScale = style.minFontScale;
    in.cellSize = frame.cellSize;
    in.maxCellAspect = frame.maxCellAspect;
    in.scroll = frame.scroll;
    return HeatmapGeometry(in);
}

HeatmapDrawing heatmapDrawing(QPainter& painter, const HeatmapScene& scene, const QRectF& bounds,
                              const FigureStyle& style, const HeatmapFrame& frame) {
    HeatmapDrawing d{heatmapGeometry(painter, scene, bounds, style, frame)};
    const int cells = scene.data.rows() * scene.data.columns();
    const double scale = deviceScale(painter);
    const bool vector = isVectorDevice(painter);
    // Vector cells while they are few and each is at least a device pixel; one image otherwise.
    d.raster = style.rasterCells || cells > kMaxHeatmapVectorCells || (!vector && d.geometry.cellSize() * scale < 1.0);
    if (d.raster) {
        const int side = std::max(scene.data.rows(), scene.data.columns());
        // A vector file gets the image at one pixel per cell (up to kMaxImageSide); a pixel device as many as it has.
        const double pixels = vector ? kMaxImageSide : side * d.geometry.cellSize() * scale;
        d.poolFactor = poolFactor(side, pixels);
    }
    if (style.numbersInCells) fitNumbers(painter, scene, style, d);
    return d;
}

QString heatmapDrawingNote(const HeatmapDrawing& d, const HeatmapScene& scene) {
    QStringList parts;
    // Rows are thinned by the cell height, upright column labels by the cell width: say each axis's rule.
    const HeatmapGeometry& g = d.geometry;
    const int rows = g.labelStep(), columns = g.columnLabelsRotated() ? g.columnLabelStep() : 1;
    const QString kept = scene.selectedRow >= 0 || scene.selectedColumn >= 0 ? tr(", the selected one and the strongest")
                                                                             : tr(" and the strongest");
    if (rows > 1 && rows == columns)
        parts << tr("labels on every %1 token").arg(ordinal(rows)) + kept;
    else if (rows > 1 && columns > 1)
        parts << tr("row labels on every %1 token, column labels on every %2").arg(ordinal(rows), ordinal(columns)) + kept;
    else if (rows > 1)
        parts << tr("row labels on every %1 token").arg(ordinal(rows)) + kept + tr(", every column labelled");
    else if (columns > 1)
        parts << tr("column labels on every %1 token").arg(ordinal(columns)) + kept + tr(", every row labelled");
    if (d.raster && d.poolFactor > 1)
        parts << tr("each pixel the maximum of %1 × %1 cells").arg(d.poolFactor);
    return parts.join(QStringLiteral("; "));
}

void renderHeatmap(QPainter& painter, const HeatmapScene& scene, const QRectF& bounds, const FigureStyle& style,
                   const HeatmapFrame& frame, HeatmapRaster* raster) {
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.fillRect(bounds, style.background);
    if (scene.data.rows() > 0) {
        const HeatmapDrawing d = heatmapDrawing(painter, scene, bounds, style, frame);
        drawCells(painter, scene, d, style, raster);
        painter.setRenderHint(QPainter::Antialiasing, true);
        painter.setRenderHint(QPainter::TextAntialiasing, true);
        drawNumbers(painter, scene, d, style);
        drawSelection(painter, scene, d.geometry, style);
        drawLabels(painter, scene, d.geometry, style);
        drawColorBar(painter, scene, d.geometry, style);
    }
    painter.restore();
}

} // namespace qkview::ui
