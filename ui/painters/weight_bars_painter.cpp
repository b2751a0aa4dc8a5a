// SPDX-License-Identifier: MIT
#include "painters/weight_bars_painter.h"

#include "painters/heatmap_painter.h"
#include "painters/label_text.h"

#include <QCoreApplication>
#include <QPainter>

#include <algorithm>
#include <numeric>

namespace qkview::ui {

namespace {
constexpr double kRowLines = 1.3; // a bar row is at least this many text lines tall
constexpr int kComfortableRows = 14;

QString tr(const char* text) { return QCoreApplication::translate("qkview", text); }

// The keys shown, in sentence order when they all fit, else the strongest ones by weight.
std::vector<int> shownKeys(const MatrixData& row, int fits, int selectedKey) {
    std::vector<int> keys(static_cast<size_t>(row.columns()));
    std::iota(keys.begin(), keys.end(), 0);
    if (row.columns() <= fits) return keys;
    std::stable_sort(keys.begin(), keys.end(), [&](int a, int b) { return row.values(0, a) > row.values(0, b); });
    keys.resize(static_cast<size_t>(std::max(1, fits - 1))); // the last row sums up the rest
    if (selectedKey >= 0 && std::find(keys.begin(), keys.end(), selectedKey) == keys.end()) keys.back() = selectedKey;
    return keys;
}
} // namespace

WeightBarsScene weightBarsScene(const AttentionTrace& trace, int layer, int head, int query, int key) {
    WeightBarsScene s;
    if (query < 0 || query >= trace.tokenCount()) return s;
    const MatrixData all = matrixData(trace, layer, head, MatrixKind::Weights);
    s.query = trace.tokens[static_cast<size_t>(query)].text;
    s.row.columnLabels = all.columnLabels;
    s.row.rowLabels = QStringList{all.rowLabels.value(query)};
    s.row.values = all.values.row(query);
    s.row.masked = all.masked.row(query);
    s.row.valueName = all.valueName;
    s.selectedKey = key;
    return s;
}

double preferredWeightBarsHeight(const WeightBarsScene& scene, const FigureStyle& style) {
    const double line = QFontMetricsF(style.font).height();
    return line * (1.6 + 1.9 * std::min(scene.row.columns(), kComfortableRows));
}

double minimumWeightBarsHeight(double line) { return line * (1.3 + 0.3 + 2 * kRowLines); }

void renderWeightBars(QPainter& p, const WeightBarsScene& s, const QRectF& bounds, const FigureStyle& style) {
    p.save();
    p.fillRect(bounds, style.background);
    p.setRenderHint(QPainter::Antialiasing);
    p.setFont(style.font);
    QFontMetricsF fm = p.fontMetrics();
    const double line = fm.height();
    QFont bold = style.font;
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(style.foreground);
    const QRectF titleRect(bounds.left(), bounds.top(), bounds.width(), line * 1.3);
    const QString title = tr("Where “%1” looks: its row of weights (sums to 1)").arg(tokenLabel(s.query));
    p.drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter, QFontMetricsF(bold).elidedText(title, Qt::ElideRight, bounds.width()));
    const int n = s.row.columns();
    if (n == 0) {
        p.restore();
        return;
    }
    const QRectF area = bounds.adjusted(0, titleRect.height() + line * 0.3, 0, 0);
    const int fits = std::max(2, static_cast<int>(area.height() / (line * kRowLines)));
    const std::vector<int> keys = shownKeys(s.row, fits, s.selectedKey);
    const bool summed = static_cast<int>(keys.size()) < n;
    const int rows = static_cast<int>(keys.size()) + (summed ? 1 : 0);
    const double rowHeight = std::min(area.height() / rows, line * 2.0);
    const QFontMetricsF boldMetrics(bold); // the selected key's label is bold
    double labelWidth = 0;
    for (int k : keys) labelWidth = std::max(labelWidth, boldMetrics.horizontalAdvance(tokenLabel(s.row.columnLabels[k])));
    const int others = n - static_cast<int>(keys.size());
    const QString restLabel = !summed ? QString() : others == 1 ? tr("1 other key") : tr("%1 other keys").arg(others);
    labelWidth = std::min(std::max(labelWidth, fm.horizontalAdvance(restLabel)) + line * 0.3, area.width() * 0.35);
    const double valueWidth = fm.horizontalAdvance(QStringLiteral("0.00")) + line * 0.5;
    const double barLeft = area.left() + labelWidth + line * 0.5;
    const double barWidth = std::max(1.0, area.right() - valueWidth - barLeft);
    const double barHeight = std::max(1.0, rowHeight * 0.7);

    const auto drawRow = [&](int r, const QString& label, double weight, const QColor& fill, bool selected) {
        const double y = area.top() + r * rowHeight;
        QFont f = style.font;
        f.setBold(selected);
        p.setFont(f);
        p.setPen(selected ? style.accent : style.foreground);
        p.drawText(QRectF(area.left(), y, labelWidth, rowHeight), Qt::AlignRight | Qt::AlignVCenter,
                   QFontMetricsF(f).elidedText(label, Qt::ElideRight, labelWidth));
        const QRectF bar(barLeft, y + (rowHeight - barHeight) / 2, std::max(0.0, weight) * barWidth, barHeight);
        p.setPen(Qt::NoPen);
        p.setBrush(fill);
        p.drawRect(bar);
        p.setPen(QPen(style.muted, 0.6));
        p.drawLine(QPointF(barLeft, y), QPointF(barLeft, y + rowHeight)); // the axis at 0
        if (selected) {
            p.setPen(QPen(style.accent, 2));
            p.setBrush(Qt::NoBrush);
            p.drawRect(bar.adjusted(-1, -1, 1, 1));
        }
        p.setFont(style.font);
        p.setPen(style.foreground);
        p.drawText(QRectF(bar.right() + line * 0.25, y, valueWidth + barWidth, rowHeight), Qt::AlignLeft | Qt::AlignVCenter,
                   formatValue(weight, true));
    };
    double rest = 0;
    for (int k = 0; k < n; ++k)
        if (std::find(keys.begin(), keys.end(), k) == keys.end()) rest += s.row.values(0, k);
    for (int r = 0; r < static_cast<int>(keys.size()); ++r) {
        const int k = keys[static_cast<size_t>(r)];
        const double w = s.row.values(0, k);
        drawRow(r, tokenLabel(s.row.columnLabels[k]), w, s.row.masked(0, k) ? style.masked : cellColor(s.row, w, style),
                k == s.selectedKey);
    }
    if (summed) drawRow(rows - 1, restLabel, rest, style.muted, false);
    p.restore();
}

} // namespace qkview::ui
