// SPDX-License-Identifier: MIT
#include "painters/lines_painter.h"

#include "painters/label_text.h"

#include <QCoreApplication>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace qkview::ui {

namespace {
constexpr double kMaxRowFactor = 3.0; // rows never taller than this many lines of text
constexpr double kMinWeightDrawn = 0.005;
constexpr double kMaxLineWidth = 7.8; // px, a weight of 1 on rows of full height
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

namespace {
// The `count` largest of weight(0..n-1) that reach kMinWeightDrawn, strongest first.
template <typename Weight>
std::vector<int> strongest(int n, int count, Weight weight) {
    std::vector<int> order(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) order[static_cast<size_t>(i)] = i;
    const auto stronger = [&](int a, int b) { return weight(a) > weight(b) || (weight(a) == weight(b) && a < b); };
    const auto keep = static_cast<size_t>(std::min(n, count));
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(keep), order.end(), stronger);
    order.resize(keep);
    while (!order.empty() && weight(order.back()) < kMinWeightDrawn) order.pop_back();
    return order;
}

QString tr(const char* text) { return QCoreApplication::translate("qkview", text); }

QString ordinal(int n) {
    const int tens = n % 100, ones = n % 10;
    const char* suffix = (tens >= 11 && tens <= 13) ? "th" : ones == 1 ? "st" : ones == 2 ? "nd" : ones == 3 ? "rd" : "th";
    return QStringLiteral("%1%2").arg(n).arg(QLatin1String(suffix));
}
} // namespace

std::vector<std::pair<int, int>> shownLines(const LinesScene& scene) {
    const int n = static_cast<int>(scene.tokens.size());
    std::vector<std::pair<int, int>> out;
    const auto w = [&](int i, int j) { return static_cast<double>(scene.weights(i, j)); };
    if (n <= kAllLinesUpTo) {
        for (int i = 0; i < n; ++i) {
            if (scene.focusQuery >= 0 && i != scene.focusQuery) continue;
            for (int j = 0; j < n; ++j)
                if ((scene.focusKey < 0 || j == scene.focusKey) && w(i, j) >= kMinWeightDrawn) out.emplace_back(i, j);
        }
        return out;
    }
    if (scene.focusKey >= 0) {
        for (int i : strongest(n, kLinesFocused, [&](int q) { return w(q, scene.focusKey); })) out.emplace_back(i, scene.focusKey);
        return out;
    }
    if (scene.focusQuery >= 0) {
        const int q = scene.focusQuery;
        for (int j : strongest(n, kLinesFocused, [&](int k) { return w(q, k); })) out.emplace_back(q, j);
        if (scene.selectedKey >= 0 && scene.selectedKey < n && w(q, scene.selectedKey) >= kMinWeightDrawn &&
            std::find(out.begin(), out.end(), std::pair{q, scene.selectedKey}) == out.end())
            out.emplace_back(q, scene.selectedKey);
        return out;
    }
    for (int i = 0; i < n; ++i)
        for (int j : strongest(n, linesPerQuery(n), [&](int k) { return w(i, k); })) out.emplace_back(i, j);
    return out;
}

LinesLayout linesLayout(QPainter& painter, const LinesScene& scene, const QRectF& bounds, const FigureStyle& style) {
    painter.save();
    painter.setFont(style.font);
    const QFontMetricsF fm = painter.fontMetrics();
    LinesLayout l;
    l.bounds = bounds;
    l.textHeight = fm.height();
    const int n = std::max<int>(1, static_cast<int>(scene.tokens.size()));
    const double titleHeight = fm.height() * 1.5;
    const bool limited = n > kAllLinesUpTo;
    const double noteHeight = limited ? fm.height() * 1.4 : 0;
    const double room = bounds.height() - titleHeight - noteHeight;
    l.rowHeight = std::min(room / n, fm.height() * kMaxRowFactor);
    l.top = bounds.top() + titleHeight + std::max(0.0, (room - n * l.rowHeight) / 2);
    l.labelStep = labelStep(l.rowHeight, fm.height());
    for (const QString& t : scene.tokens) l.labelWidth = std::max(l.labelWidth, fm.horizontalAdvance(tokenLabel(t)) * 1.15);
    l.labelWidth = std::min(l.labelWidth + fm.height() * 0.5, bounds.width() * 0.3);
    // The widest line's round cap reaches half its width past the line's end: keep it off the labels.
    const double gap = fm.height() * 0.3 + kMaxLineWidth / 2;
    l.leftX = bounds.left() + l.labelWidth + gap;
    l.rightX = bounds.right() - l.labelWidth - gap;
    if (limited) {
        const QString lines = scene.focusKey >= 0 ? tr("the %1 queries weighing this key most").arg(kLinesFocused)
                              : scene.focusQuery >= 0 ? tr("the query's %1 strongest keys").arg(kLinesFocused)
                                                      : linesPerQuery(n) == 1 ? tr("each query's strongest key")
                                                                              : tr("each query's %1 strongest keys").arg(linesPerQuery(n));
        l.note = tr("%1 tokens: %2").arg(n).arg(lines);
        if (l.labelStep > 1) l.note += tr("; labels: every %1 + selected").arg(ordinal(l.labelStep));
        l.noteRect = QRectF(bounds.left(), bounds.bottom() - noteHeight, bounds.width(), noteHeight);
    }
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
    const bool focused = scene.focusQuery >= 0 || scene.focusKey >= 0;
    const std::vector<std::pair<int, int>> lines = shownLines(scene);
    // Lines first, labels on top.
    for (const auto& [i, j] : lines) {
        const double w = scene.weights(i, j);
        QColor c = (j == scene.selectedKey && i == scene.focusQuery) ? style.accent : lineColor;
        c.setAlphaF(std::clamp(0.15 + 0.85 * w, 0.0, 1.0) * (focused ? 1.0 : 0.6));
        p.setPen(QPen(c, std::max(0.6, (0.8 + (kMaxLineWidth - 0.8) * w) * rowScale), Qt::SolidLine, Qt::RoundCap));
        QPainterPath path(QPointF(l.leftX, l.y(i)));
        const double mid = (l.leftX + l.rightX) / 2;
        path.cubicTo(QPointF(mid, l.y(i)), QPointF(mid, l.y(j)), QPointF(l.rightX, l.y(j)));
        p.drawPath(path);
    }
    // Labels: every labelStep-th, with the selection, the hovered token and (when focused) the lines' ends first.
    std::vector<int> leftFirst = {scene.focusQuery}, rightFirst = {scene.selectedKey, scene.focusKey};
    if (focused)
        for (const auto& [i, j] : lines) (scene.focusKey >= 0 ? leftFirst : rightFirst).push_back(scene.focusKey >= 0 ? i : j);
    const auto labelRect = [&](const QRectF& row) {
        return QRectF(row.left(), row.center().y() - l.textHeight / 2, row.width(), l.textHeight);
    };
    QFont font = style.font;
    for (int i : thinnedLabels(0, n - 1, l.labelStep, leftFirst)) {
        const bool q = i == scene.focusQuery;
        font.setBold(q);
        p.setFont(font);
        p.setPen(q ? style.accent : style.foreground);
        p.drawText(labelRect(l.queryLabelRect(i)), Qt::AlignRight | Qt::AlignVCenter, tokenLabel(scene.tokens[i]));
    }
    for (int j : thinnedLabels(0, n - 1, l.labelStep, rightFirst)) {
        const bool k = j == scene.selectedKey || j == scene.focusKey;
        font.setBold(k);
        p.setFont(font);
        p.setPen(k ? style.accent : style.foreground);
        p.drawText(labelRect(l.keyLabelRect(j)), Qt::AlignLeft | Qt::AlignVCenter, tokenLabel(scene.tokens[j]));
    }
    font.setBold(false);
    font.setItalic(true);
    p.setFont(font);
    p.setPen(style.muted);
    const double titleY = l.top - p.fontMetrics().height() * 1.4;
    // Inset: italic letters lean past their advance and would be clipped at the edges.
    const double inset = p.fontMetrics().height() * 0.3;
    const QRectF title(bounds.left() + inset, titleY, bounds.width() - 2 * inset, p.fontMetrics().height());
    p.drawText(title, Qt::AlignLeft, tr("queries"));
    p.drawText(title, Qt::AlignRight, tr("keys"));
    if (!l.note.isEmpty()) {
        p.setFont(scaledFont(font, 0.9));
        p.drawText(l.noteRect, Qt::AlignLeft | Qt::AlignBottom,
                   QFontMetricsF(p.font()).elidedText(l.note, Qt::ElideRight, l.noteRect.width()));
    }
    p.restore();
}

} // namespace qkview::ui
