// SPDX-License-Identifier: MIT
#include "painters/scatter_painter.h"

#include "painters/label_text.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>

namespace qkview::ui {

namespace {
QString tr(const char* text) { return QCoreApplication::translate("qkview", text); }

const QColor kQueryColour(230, 90, 20); // the selection's orange: queries ask
const QColor kKeyColour(40, 110, 200);  // blue: keys offer

// The plot area inside bounds: room for the legend above and the axis titles below and left.
QRectF plotArea(const QRectF& bounds, const FigureStyle& style) {
    const double line = QFontMetricsF(style.font).height();
    return bounds.adjusted(line * 1.6, line * 1.6, -line * 0.6, -line * 1.6);
}

// Where points go: the plot less room on the right for the labels beside the points.
QRectF pointArea(const QRectF& bounds, const FigureStyle& style) {
    const QRectF plot = plotArea(bounds, style);
    const double label = QFontMetricsF(style.font).horizontalAdvance(QStringLiteral("because"));
    return plot.adjusted(0, 0, -std::min(label, plot.width() / 4), 0);
}

// The second axis may be stretched up to kMaxStretch times the first (or the first the second), so a flat
// cloud still spreads out without distances losing all meaning.
constexpr double kMaxStretch = 4;

struct Frame {
    QPointF centre;                // data point drawn at the plot's centre
    double scaleX = 1, scaleY = 1; // pixels per unit
    QPointF plotCentre;

    QPointF map(double x, double y) const { return plotCentre + QPointF((x - centre.x()) * scaleX, -(y - centre.y()) * scaleY); }
};

Frame frameFor(const ScatterScene& s, const QRectF& plot) {
    double minX = 0, maxX = 0, minY = 0, maxY = 0;
    bool first = true;
    for (const Matrix* m : {&s.projection.queries, &s.projection.keys})
        for (Eigen::Index i = 0; i < m->rows(); ++i) {
            const double x = (*m)(i, 0), y = (*m)(i, 1);
            minX = first ? x : std::min(minX, x), maxX = first ? x : std::max(maxX, x);
            minY = first ? y : std::min(minY, y), maxY = first ? y : std::max(maxY, y);
            first = false;
        }
    Frame f;
    f.centre = QPointF((minX + maxX) / 2, (minY + maxY) / 2);
    const double spanX = std::max(maxX - minX, 1e-9), spanY = std::max(maxY - minY, 1e-9);
    f.scaleX = 0.9 * plot.width() / spanX;
    f.scaleY = std::min(0.9 * plot.height() / spanY, f.scaleX * kMaxStretch);
    f.scaleX = std::min(f.scaleX, f.scaleY * kMaxStretch);
    f.plotCentre = plot.center();
    return f;
}
} // namespace

ScatterScene scatterScene(const AttentionTrace& trace, int layer, int head, int query, int key) {
    ScatterScene s;
    s.projection = projectQueriesAndKeys(trace, layer, head);
    for (const Token& t : trace.tokens) s.tokens << t.text;
    s.query = query < trace.tokenCount() ? query : -1;
    s.key = key < trace.tokenCount() ? key : -1;
    return s;
}

QPointF scatterPoint(const ScatterScene& s, const QRectF& bounds, const FigureStyle& style, int index, bool isKey) {
    const Matrix& m = isKey ? s.projection.keys : s.projection.queries;
    return frameFor(s, pointArea(bounds, style)).map(m(index, 0), m(index, 1));
}

void renderScatter(QPainter& p, const ScatterScene& s, const QRectF& bounds, const FigureStyle& style) {
    p.save();
    p.fillRect(bounds, style.background);
    p.setRenderHint(QPainter::Antialiasing);
    p.setFont(style.font);
    const QFontMetricsF fm(style.font);
    const double line = fm.height();
    const QRectF plot = plotArea(bounds, style);
    const int T = static_cast<int>(s.tokens.size());

    // Legend and axis titles: which marker is which, and how much of the spread each axis holds.
    const double r = std::max(2.0, line * 0.22);
    p.setPen(QPen(kQueryColour, 1));
    p.setBrush(kQueryColour);
    p.drawEllipse(QPointF(bounds.left() + r, bounds.top() + line * 0.5), r, r);
    p.setPen(style.foreground);
    p.drawText(QPointF(bounds.left() + r * 3, bounds.top() + fm.ascent()), tr("query: what a token asks"));
    const double keyLegend = bounds.left() + r * 5 + fm.horizontalAdvance(tr("query: what a token asks"));
    p.setPen(QPen(kKeyColour, 1.5));
    p.setBrush(Qt::NoBrush);
    p.drawRect(QRectF(keyLegend - r, bounds.top() + line * 0.5 - r, 2 * r, 2 * r));
    p.setPen(style.foreground);
    p.drawText(QPointF(keyLegend + r * 2, bounds.top() + fm.ascent()), tr("key: what a token offers"));
    p.setPen(style.muted);
    p.drawText(QRectF(plot.left(), plot.bottom() + line * 0.3, plot.width(), line), Qt::AlignHCenter,
               tr("first principal axis (%1 % of the spread)").arg(s.projection.explained[0] * 100, 0, 'f', 0));
    p.save();
    p.translate(bounds.left() + line * 0.2, plot.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-plot.height() / 2, 0, plot.height(), line), Qt::AlignHCenter,
               tr("second axis (%1 %)").arg(s.projection.explained[1] * 100, 0, 'f', 0));
    p.restore();
    p.setPen(QPen(style.muted, 0.5));
    p.setBrush(Qt::NoBrush);
    p.drawRect(plot);
    if (T == 0) return p.restore();

    const Frame f = frameFor(s, pointArea(bounds, style));
    const auto at = [&](int i, bool isKey) {
        const Matrix& m = isKey ? s.projection.keys : s.projection.queries;
        return f.map(m(i, 0), m(i, 1));
    };
    if (s.query >= 0 && s.key >= 0) { // the pair whose score the Math tab spells out
        p.setPen(QPen(style.accent, std::max(1.0, r * 0.5), Qt::DashLine));
        p.drawLine(at(s.query, false), at(s.key, true));
    }
    // Labels only while they stay readable: every token up to 60, then the selected pair.
    const bool labelAll = T <= 60;
    for (int i = 0; i < T; ++i) {
        const bool selectedQuery = i == s.query, selectedKey = i == s.key;
        const QPointF q = at(i, false), k = at(i, true);
        p.setPen(QPen(kKeyColour, selectedKey ? 2.5 : 1.5));
        p.setBrush(Qt::NoBrush);
        const double rk = selectedKey ? r * 1.6 : r;
        p.drawRect(QRectF(k.x() - rk, k.y() - rk, 2 * rk, 2 * rk));
        p.setPen(QPen(kQueryColour, 1));
        p.setBrush(kQueryColour);
        const double rq = selectedQuery ? r * 1.6 : r;
        p.drawEllipse(q, rq, rq);
        p.setPen(style.foreground);
        const QString label = tokenLabel(s.tokens[i], 10);
        if (labelAll || selectedQuery) p.drawText(q + QPointF(rq + 2, -2), label);
        if (labelAll || selectedKey) {
            p.setPen(kKeyColour.darker(120));
            p.drawText(k + QPointF(rk + 2, fm.ascent() * 0.8), label);
        }
    }
    p.restore();
}

} // namespace qkview::ui
