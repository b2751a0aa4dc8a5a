// SPDX-License-Identifier: MIT
#include "painters/heatmap_painter.h"

#include "painters/label_text.h"

#include <QCoreApplication>
#include <QImage>
#include <QPainter>

#include <cmath>

namespace qkview::ui {

namespace {
struct Ticks {
    std::vector<double> values;
    bool isWeight;
};

Ticks colorBarTicks(const MatrixData& data) {
    if (!data.diverging) return {{0.0, 0.25, 0.5, 0.75, 1.0}, true};
    return {{data.low, data.low / 2, 0.0, data.high / 2, data.high}, false};
}

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

void drawCells(QPainter& p, const HeatmapScene& scene, const HeatmapGeometry& g, const FigureStyle& style) {
    const MatrixData& d = scene.data;
    if (style.rasterCells) {
        QImage image(d.columns(), d.rows(), QImage::Format_RGB32);
        for (int i = 0; i < d.rows(); ++i)
            for (int j = 0; j < d.columns(); ++j)
                image.setPixelColor(j, i, d.masked(i, j) ? style.masked : cellColor(d, d.values(i, j), style));
        p.drawImage(g.matrixRect(), image);
        return;
    }
    p.setPen(Qt::NoPen);
    for (int i = 0; i < d.rows(); ++i)
        for (int j = 0; j < d.columns(); ++j) {
            p.setBrush(d.masked(i, j) ? style.masked : cellColor(d, d.values(i, j), style));
            p.drawRect(g.cellRect(i, j));
        }
}

void drawNumbers(QPainter& p, const HeatmapScene& scene, const HeatmapGeometry& g, const FigureStyle& style) {
    const MatrixData& d = scene.data;
    const bool isWeight = !d.diverging;
    p.setFont(scaledFont(style.font, g.fontScale() * 0.85));
    const QFontMetricsF fm = p.fontMetrics();
    if (fm.horizontalAdvance(QStringLiteral("-0.00")) > g.cellSize() * 0.95 || fm.height() > g.cellSize()) return;
    for (int i = 0; i < d.rows(); ++i)
        for (int j = 0; j < d.columns(); ++j) {
            if (d.masked(i, j)) continue;
            p.setPen(Colormap::textOn(cellColor(d, d.values(i, j), style)));
            p.drawText(g.cellRect(i, j), Qt::AlignCenter, formatValue(d.values(i, j), isWeight));
        }
}

void drawLabels(QPainter& p, const HeatmapScene& scene, const HeatmapGeometry& g, const FigureStyle& style) {
    const MatrixData& d = scene.data;
    QFont font = scaledFont(style.font, g.fontScale());
    const int step = g.labelStep();
    for (int i = 0; i < d.rows(); i += step) {
        font.setBold(i == scene.selectedRow);
        p.setFont(font);
        p.setPen(i == scene.selectedRow ? style.accent : style.foreground);
        p.drawText(g.rowLabelRect(i), Qt::AlignRight | Qt::AlignVCenter | Qt::TextDontClip, tokenLabel(d.rowLabels[i]));
    }
    for (int j = 0; j < d.columns(); j += step) {
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
    const MatrixData& d = scene.data;
    QLinearGradient gradient(bar.bottomLeft(), bar.topLeft());
    for (int s = 0; s <= 32; ++s) {
        const double t = s / 32.0;
        gradient.setColorAt(t, cellColor(d, d.low + t * (d.high - d.low), style));
    }
    p.setPen(QPen(style.muted, 0.5));
    p.setBrush(gradient);
    p.drawRect(bar);
    p.setFont(scaledFont(style.font, g.fontScale()));
    const Ticks ticks = colorBarTicks(d);
    const double h = g.textHeight();
    for (double v : ticks.values) {
        const double y = bar.bottom() - d.normalized(v) * bar.height();
        p.setPen(QPen(style.foreground, 0.8));
        p.drawLine(QPointF(bar.right(), y), QPointF(bar.right() + h * 0.25, y));
        p.drawText(QRectF(g.colorBarLabelLeft(), y - h / 2, 1000, h), Qt::AlignLeft | Qt::AlignVCenter,
                   formatValue(v, ticks.isWeight));
    }
}

void drawSelection(QPainter& p, const HeatmapScene& scene, const HeatmapGeometry& g, const FigureStyle& style) {
    const int row = scene.selectedRow, column = scene.selectedColumn;
    p.setBrush(Qt::NoBrush);
    if (row >= 0 && row < scene.data.rows()) {
        p.setPen(QPen(style.accent, std::clamp(g.cellSize() * 0.04, 1.0, 2.5)));
        p.drawRect(g.cellRect(row, 0).united(g.cellRect(row, scene.data.columns() - 1)));
    }
    if (row >= 0 && column >= 0 && row < scene.data.rows() && column < scene.data.columns()) {
        p.setPen(QPen(style.accent, std::clamp(g.cellSize() * 0.1, 2.0, 4.0), Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin));
        p.drawRect(g.cellRect(row, column));
    }
}
} // namespace

QColor cellColor(const MatrixData& data, double value, const FigureStyle& style) {
    return Colormap::get(effectiveMap(data, style)).at(data.normalized(value));
}

HeatmapGeometry heatmapGeometry(QPainter& painter, const HeatmapScene& scene, const QRectF& bounds,
                                const FigureStyle& style, double minCellSize) {
    painter.save();
    painter.setFont(style.font);
    const QFontMetricsF fm = painter.fontMetrics();
    HeatmapLayoutInput in;
    in.bounds = bounds;
    in.rows = scene.data.rows();
    in.columns = scene.data.columns();
    // Bold selected labels are a little wider: measure with room to spare.
    in.rowLabelWidth = widestLabel(fm, scene.data.rowLabels) * 1.1;
    in.columnLabelWidth = widestLabel(fm, scene.data.columnLabels) * 1.1;
    in.textHeight = fm.height();
    in.colorBarLabelWidth = fm.horizontalAdvance(QStringLiteral("-000.0"));
    in.minCellSize = minCellSize;
    painter.restore();
    return HeatmapGeometry(in);
}

void renderHeatmap(QPainter& painter, const HeatmapScene& scene, const QRectF& bounds, const FigureStyle& style,
                   double minCellSize) {
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.fillRect(bounds, style.background);
    if (scene.data.rows() > 0) {
        const HeatmapGeometry g = heatmapGeometry(painter, scene, bounds, style, minCellSize);
        drawCells(painter, scene, g, style);
        painter.setRenderHint(QPainter::Antialiasing, true);
        painter.setRenderHint(QPainter::TextAntialiasing, true);
        if (style.numbersInCells) drawNumbers(painter, scene, g, style);
        drawSelection(painter, scene, g, style);
        drawLabels(painter, scene, g, style);
        drawColorBar(painter, scene, g, style);
    }
    painter.restore();
}

} // namespace qkview::ui
