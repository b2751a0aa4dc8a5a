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

namespace qkview::ui {

namespace {
QString tr(const char* text) { return QCoreApplication::translate("qkview", text); }

ColormapId effectiveMap(const MatrixData& data, const FigureStyle& style) {
    // Signed scores always use the diverging map so 0 stays neutral.
    return data.diverging ? ColormapId::Diverging
                          : (style.colormap == ColormapId::Diverging ? ColormapId::Viridis : style.colormap);
}

double widestLabel(const QFontMetricsF& fm, const QStringList& labels) {
    double widest = 0;
    for (const QString& l : labels) widest = std::max(widest, fm.horizontalAdvance(tokenLabel(l)));
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
    const double perPixel = g.cellSize() * d.poolFactor;
    const QRectF source((view.left() - g.matrixRect().left()) / perPixel, (view.top() - g.matrixRect().top()) / perPixel,
                        view.width() / perPixel, view.height() / perPixel);
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
    p.setPen(Qt::NoPen);
    for (int i = 0; i < m.rows(); ++i)
        for (int j = 0; j < m.columns(); ++j) {
            p.setBrush(m.masked(i, j) ? style.masked : map.at(scale.position(i, m.values(i, j))));
            p.drawRect(d.geometry.cellRect(i, j));
        }
}

void drawNumbers(QPainter& p, const HeatmapScene& scene, const HeatmapGeometry& g, const FigureStyle& style) {
    const MatrixData& d = scene.data;
    const bool isWeight = !d.diverging;
    p.setFont(scaledFont(style.font, g.fontScale() * 0.85));
    const QFontMetricsF fm = p.fontMetrics();
    if (fm.horizontalAdvance(QStringLiteral("-0.00")) > g.cellSize() * 0.95 || fm.height() > g.cellSize()) return;
    const ColorScale scale(d, scene.scale);
    const Colormap& map = Colormap::get(effectiveMap(d, style));
    const auto [r0, r1] = g.visibleRows();
    const auto [c0, c1] = g.visibleColumns();
    for (int i = r0; i <= r1; ++i)
        for (int j = c0; j <= c1; ++j) {
            if (d.masked(i, j)) continue;
            p.setPen(Colormap::textOn(map.at(scale.position(i, d.values(i, j)))));
            p.drawText(g.cellRect(i, j), Qt::AlignCenter, formatValue(d.values(i, j), isWeight));
        }
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
    for (int i : thinnedLabels(r0, r1, g.labelStep(), {scene.selectedRow})) {
        font.setBold(i == scene.selectedRow);
        p.setFont(font);
        p.setPen(i == scene.selectedRow ? style.accent : style.foreground);
        p.drawText(g.rowLabelRect(i), Qt::AlignRight | Qt::AlignVCenter | Qt::TextDontClip, tokenLabel(d.rowLabels[i]));
    }
    p.restore();
    const auto [c0, c1] = g.visibleColumns();
    p.save();
    if (clip) p.setClipRect(QRectF(view.left(), bounds.top(), view.width(), view.top() - bounds.top()));
    for (int j : thinnedLabels(c0, c1, g.columnLabelsRotated() ? g.labelStep() : 1, {scene.selectedColumn})) {
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
    // Small matrices get the short titles rather than clipped long ones.
    const auto fitting = [&](const char* longText, const char* shortText, double width) {
        const QString text = QCoreApplication::translate("qkview", longText);
        return p.fontMetrics().horizontalAdvance(text) <= width ? text : QCoreApplication::translate("qkview", shortText);
    };
    p.drawText(g.columnAxisTitleRect(), Qt::AlignLeft | Qt::AlignVCenter | Qt::TextDontClip,
               fitting("keys → (what each token offers)", "keys →", g.columnAxisTitleRect().width()));
    const QRectF r = g.rowAxisTitleRect();
    p.save();
    p.translate(r.left(), r.top());
    p.rotate(90);
    p.drawText(QRectF(0, -r.width(), r.height(), r.width()), Qt::AlignLeft | Qt::AlignVCenter | Qt::TextDontClip,
               fitting("queries → (what each token asks)", "queries →", r.height()));
    p.restore();
}

void drawColorBar(QPainter& p, const HeatmapScene& scene, const HeatmapGeometry& g, const FigureStyle& style) {
    const QRectF bar = g.colorBarRect();
    if (bar.isEmpty()) return;
    const Colormap& map = Colormap::get(effectiveMap(scene.data, style));
    QLinearGradient gradient(bar.bottomLeft(), bar.topLeft());
    for (int s = 0; s <= 32; ++s) gradient.setColorAt(s / 32.0, map.at(s / 32.0));
    p.setPen(QPen(style.muted, 0.5));
    p.setBrush(gradient);
    p.drawRect(bar);
    p.setFont(scaledFont(style.font, g.fontScale()));
    const double h = g.textHeight();
    for (const ColorScale::Tick& tick : ColorScale(scene.data, scene.scale).ticks()) {
        const double y = bar.bottom() - tick.position * bar.height();
        p.setPen(QPen(style.foreground, 0.8));
        p.drawLine(QPointF(bar.right(), y), QPointF(bar.right() + h * 0.25, y));
        p.drawText(QRectF(g.colorBarLabelLeft(), y - h / 2, 1000, h), Qt::AlignLeft | Qt::AlignVCenter, tick.label);
    }
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

QColor cellColor(const MatrixData& data, double value, const FigureStyle& style) {
    return Colormap::get(effectiveMap(data, style)).at(data.normalized(value));
}

QSizeF heatmapLabelWidths(QPainter& painter, const HeatmapScene& scene, const FigureStyle& style) {
    painter.save();
    painter.setFont(style.font);
    const QFontMetricsF fm = painter.fontMetrics();
    painter.restore();
    // Bold selected labels are a little wider: measure with room to spare.
    return {widestLabel(fm, scene.data.rowLabels) * 1.1, widestLabel(fm, scene.data.columnLabels) * 1.1};
}

HeatmapGeometry heatmapGeometry(QPainter& painter, const HeatmapScene& scene, const QRectF& bounds,
                                const FigureStyle& style, const HeatmapFrame& frame) {
    painter.save();
    painter.setFont(style.font);
    const QFontMetricsF fm = painter.fontMetrics();
    HeatmapLayoutInput in;
    in.bounds = bounds;
    in.rows = scene.data.rows();
    in.columns = scene.data.columns();
    const QSizeF labels = frame.labelWidths ? *frame.labelWidths : heatmapLabelWidths(painter, scene, style);
    in.rowLabelWidth = labels.width();
    in.columnLabelWidth = labels.height();
    in.textHeight = fm.height();
    double ticks = fm.horizontalAdvance(QStringLiteral("0.00"));
    for (const ColorScale::Tick& t : ColorScale(scene.data, scene.scale).ticks())
        ticks = std::max(ticks, fm.horizontalAdvance(t.label));
    in.colorBarLabelWidth = ticks * 1.05;
    in.minCellSize = frame.minCellSize;
    in.cellSize = frame.cellSize;
    in.scroll = frame.scroll;
    painter.restore();
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
    return d;
}

QString heatmapDrawingNote(const HeatmapDrawing& d, const HeatmapScene& scene) {
    QStringList parts;
    const int step = d.geometry.labelStep();
    if (step > 1)
        parts << (scene.selectedRow >= 0 || scene.selectedColumn >= 0
                      ? tr("labels on every %1 token and the selected one").arg(ordinal(step))
                      : tr("labels on every %1 token").arg(ordinal(step)));
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
        if (style.numbersInCells) drawNumbers(painter, scene, d.geometry, style);
        drawSelection(painter, scene, d.geometry, style);
        drawLabels(painter, scene, d.geometry, style);
        drawColorBar(painter, scene, d.geometry, style);
    }
    painter.restore();
}

} // namespace qkview::ui
