// SPDX-License-Identifier: MIT
#include "painters/compare_painter.h"

#include "base/error.h"
#include "painters/label_text.h"
#include "painters/matrix_data.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>

#include <cmath>

namespace qkview::ui {

namespace {
QString tr(const char* text) { return QCoreApplication::translate("qkview", text); }

HeatmapScene sceneOf(MatrixData data, ColorScaleMode scale) {
    HeatmapScene s;
    s.data = std::move(data);
    s.scale = scale;
    return s;
}
} // namespace

MatrixData differenceData(const MatrixData& first, const MatrixData& second) {
    MatrixData d;
    d.values = second.values - first.values;
    d.masked = first.masked.rows() == d.rows() && second.masked.rows() == d.rows()
                   ? Eigen::Matrix<bool, Eigen::Dynamic, Eigen::Dynamic>(first.masked.array() || second.masked.array())
                   : (first.masked.rows() == d.rows() ? first.masked : second.masked);
    const auto labels = [](const QStringList& a, const QStringList& b) {
        QStringList out;
        for (qsizetype i = 0; i < a.size(); ++i) out << (a[i] == b.value(i) ? a[i] : b.value(i) + u'*'); // short: labels are room
        return out;
    };
    d.rowLabels = labels(first.rowLabels, second.rowLabels);
    d.columnLabels = labels(first.columnLabels, second.columnLabels);
    const double largest = largestMagnitude(d);
    d.diverging = true;
    d.high = largest > 0 ? largest : 1.0;
    d.low = -d.high;
    d.valueName = tr("difference");
    d.strongest = strongestCell(d);
    return d;
}

CompareScene compareScene(const AttentionTrace& first, const AttentionTrace& second, int layer, int head, MatrixKind kind,
                          ColorScaleMode scale) {
    first.checkHead(layer, head);
    second.checkHead(layer, head);
    CompareScene s;
    s.first = sceneOf(matrixData(first, layer, head, kind), scale);
    s.second = sceneOf(matrixData(second, layer, head, kind), scale);
    // One colour scale for both, so that the same colour means the same number on each side.
    const double low = std::min(s.first.data.low, s.second.data.low), high = std::max(s.first.data.high, s.second.data.high);
    for (HeatmapScene* side : {&s.first, &s.second}) side->data.low = low, side->data.high = high;
    s.firstTitle = tr("A: “%1”").arg(textExcerpt(first.text, 48));
    s.secondTitle = tr("B: “%1”").arg(textExcerpt(second.text, 48));
    if (first.tokenCount() == second.tokenCount() && first.tokenCount() > 0) {
        s.difference = sceneOf(differenceData(s.first.data, s.second.data), ColorScaleMode::Fixed);
        s.differenceTitle = tr("B − A");
    }
    return s;
}

ComparePanels comparePanels(QPainter& p, const CompareScene& scene, const QRectF& bounds, const FigureStyle& style) {
    const int n = scene.difference ? 3 : 2;
    const double line = QFontMetricsF(style.font, p.device()).height() * 1.3;
    const double gap = line;
    const auto arranged = [&](int columns) {
        const int rows = (n + columns - 1) / columns;
        const double w = (bounds.width() - gap * (columns - 1)) / columns, h = (bounds.height() - gap * (rows - 1)) / rows;
        ComparePanels out;
        for (int i = 0; i < n; ++i) {
            const QRectF panel(bounds.left() + (i % columns) * (w + gap), bounds.top() + (i / columns) * (h + gap), w, h);
            out.titles.push_back(QRectF(panel.topLeft(), QSizeF(panel.width(), line)));
            out.heatmaps.push_back(panel.adjusted(0, line, 0, 0));
        }
        return out;
    };
    const auto cell = [&](const ComparePanels& panels) {
        const QRectF r = panels.heatmaps.front();
        if (r.width() < 1 || r.height() < 1) return 0.0;
        return heatmapGeometry(p, scene.first, r, style).cellSize();
    };
    ComparePanels best = arranged(n);
    for (int columns : {1, 2}) {
        if (columns >= n) continue;
        ComparePanels candidate = arranged(columns);
        if (cell(candidate) > cell(best) * 1.05) best = std::move(candidate);
    }
    return best;
}

void renderCompare(QPainter& p, const CompareScene& scene, const QRectF& bounds, const FigureStyle& style) {
    p.save();
    p.fillRect(bounds, style.background);
    const ComparePanels panels = comparePanels(p, scene, bounds, style);
    const HeatmapScene* scenes[] = {&scene.first, &scene.second, scene.difference ? &*scene.difference : nullptr};
    const QString titles[] = {scene.firstTitle, scene.secondTitle, scene.differenceTitle};
    for (size_t i = 0; i < panels.heatmaps.size(); ++i) {
        QFont font = style.font;
        font.setBold(true);
        p.setFont(font);
        p.setPen(style.foreground);
        const QRectF t = panels.titles[i];
        p.drawText(t, Qt::AlignLeft | Qt::AlignVCenter, p.fontMetrics().elidedText(titles[i], Qt::ElideRight, static_cast<int>(t.width())));
        renderHeatmap(p, *scenes[i], panels.heatmaps[i], style); // signed differences get the blue-red map
    }
    p.restore();
}

} // namespace qkview::ui
