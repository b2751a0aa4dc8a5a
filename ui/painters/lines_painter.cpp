// SPDX-License-Identifier: MIT
#include "painters/lines_painter.h"

#include "painters/label_text.h"

#include <QCoreApplication>
#include <QPainter>
#include <QPainterPath>

namespace qkview::ui {

namespace {
constexpr double kMaxRowFactor = 3.0; // rows never taller than this many lines of text
constexpr double kMinWeightDrawn = 0.005;
} // namespace

int LinesLayout::tokenAt(const QPointF& p, int count, int* side) const {
    for (int s = 0; s < 2; ++s)
        for (int i = 0; i < count; ++i)
            if ((s == 0 ? queryLabelRect(i) : keyLabelRect(i)).contains(p)) {
                *side = s;
                return i;
            }
    return -1;
}

LinesScene linesScene(const AttentionTrace& trace, int layer, int head, int query, int key) {
    LinesScene scene;
    for (const Token& t : trace.tokens) scene.tokens << t.text;
    scene.weights = trace.head(layer, head)->weights;
    scene.focusQuery = query;
    scene.selectedKey = key;
    return scene;
}

LinesLayout linesLayout(QPainter& painter, const LinesScene& scene, const QRectF& bounds, const FigureStyle& style) {
    painter.save();
    painter.setFont(style.font);
    const QFontMetricsF fm = painter.fontMetrics();
    LinesLayout l;
    l.bounds = bounds;
    const int n = std::max<int>(1, static_cast<int>(scene.tokens.size()));
    const double titleHeight = fm.height() * 1.5;
    l.rowHeight = std::min((bounds.height() - titleHeight) / n, fm.height() * kMaxRowFactor);
    l.top = bounds.top() + titleHeight + std::max(0.0, (bounds.height() - titleHeight - n * l.rowHeight) / 2);
    for (const QString& t : scene.tokens) l.labelWidth = std::max(l.labelWidth, fm.horizontalAdvance(tokenLabel(t)) * 1.15);
    l.labelWidth = std::min(l.labelWidth + fm.height() * 0.5, bounds.width() * 0.3);
    l.leftX = bounds.left() + l.labelWidth + fm.height() * 0.3;
    l.rightX = bounds.right() - l.labelWidth - fm.height() * 0.3;
    painter.restore();
    return l;
}

void renderLines(QPainter& p, const LinesScene& scene, const QRectF& bounds, const FigureStyle& style) {
    p.save();
    p.fillRect(bounds, style.background);
    const int n = static_cast<int>(scene.tokens.size());
    if (n == 0) {
        p.restore();
        return;
    }
    const LinesLayout l = linesLayout(p, scene, bounds, style);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor lineColor = Colormap::get(ColormapId::Viridis).at(0.3);
    const double rowScale = std::min(1.0, l.rowHeight / 14.0);
    // Lines first, labels on top.
    for (int i = 0; i < n; ++i) {
        if (scene.focusQuery >= 0 && i != scene.focusQuery) continue;
        for (int j = 0; j < n; ++j) {
            if (scene.focusKey >= 0 && j != scene.focusKey) continue;
            const double w = scene.weights(i, j);
            if (w < kMinWeightDrawn) continue;
            QColor c = (j == scene.selectedKey && i == scene.focusQuery) ? style.accent : lineColor;
            c.setAlphaF(std::clamp(0.15 + 0.85 * w, 0.0, 1.0) * (scene.focusQuery < 0 && scene.focusKey < 0 ? 0.6 : 1.0));
            p.setPen(QPen(c, (0.8 + 7.0 * w) * rowScale, Qt::SolidLine, Qt::RoundCap));
            QPainterPath path(QPointF(l.leftX, l.y(i)));
            const double mid = (l.leftX + l.rightX) / 2;
            path.cubicTo(QPointF(mid, l.y(i)), QPointF(mid, l.y(j)), QPointF(l.rightX, l.y(j)));
            p.drawPath(path);
        }
    }
    QFont font = style.font;
    for (int i = 0; i < n; ++i) {
        const QString label = tokenLabel(scene.tokens[i]);
        const bool q = i == scene.focusQuery, k = i == scene.selectedKey || i == scene.focusKey;
        font.setBold(q);
        p.setFont(font);
        p.setPen(q ? style.accent : style.foreground);
        p.drawText(l.queryLabelRect(i), Qt::AlignRight | Qt::AlignVCenter, label);
        font.setBold(k);
        p.setFont(font);
        p.setPen(k ? style.accent : style.foreground);
        p.drawText(l.keyLabelRect(i), Qt::AlignLeft | Qt::AlignVCenter, label);
    }
    font.setBold(false);
    font.setItalic(true);
    p.setFont(font);
    p.setPen(style.muted);
    const double titleY = l.top - p.fontMetrics().height() * 1.4;
    const QRectF title(bounds.left(), titleY, bounds.width(), p.fontMetrics().height());
    p.drawText(title, Qt::AlignLeft, QCoreApplication::translate("qkview", "queries"));
    p.drawText(title, Qt::AlignRight, QCoreApplication::translate("qkview", "keys"));
    p.restore();
}

} // namespace qkview::ui
