// SPDX-License-Identifier: MIT
#include "painters/vector_painter.h"

#include "painters/label_text.h"

#include <QCoreApplication>
#include <QPainter>

#include <utility>

namespace qkview::ui {

VectorScene vectorScene(const AttentionTrace& trace, int layer, int head, int token) {
    VectorScene s;
    if (token < 0 || token >= trace.tokenCount()) return s;
    const HeadPtr derived = trace.head(layer, head);
    const HeadTrace& h = *derived;
    s.token = trace.tokens[token].text;
    s.q = h.q.row(token);
    s.k = h.k.row(token);
    s.v = h.v.row(token);
    return s;
}

void renderVectors(QPainter& p, const VectorScene& s, const QRectF& bounds, const FigureStyle& style) {
    p.save();
    p.fillRect(bounds, style.background);
    p.setFont(style.font);
    const QFontMetricsF fm = p.fontMetrics();
    if (s.q.size() == 0) {
        p.setPen(style.muted);
        p.drawText(bounds, Qt::AlignCenter, QCoreApplication::translate("qkview", "Select a token to see its vectors."));
        p.restore();
        return;
    }
    const std::pair<QString, const RowVector*> rows[] = {
        {QCoreApplication::translate("qkview", "query q: what it asks"), &s.q},
        {QCoreApplication::translate("qkview", "key k: what it offers"), &s.k},
        {QCoreApplication::translate("qkview", "value v: what it carries"), &s.v}};
    double extent = 1e-6;
    for (const auto& [name, v] : rows) extent = std::max(extent, static_cast<double>(v->cwiseAbs().maxCoeff()));
    const double pad = fm.height() * 0.5;
    const double rowHeight = std::min((bounds.height() - 2 * pad - fm.height() * 1.5) / 3.0, fm.height() * 3.2);
    const auto dims = static_cast<int>(s.q.size());
    const double cell = (bounds.width() - 2 * pad) / dims;
    const Colormap& map = Colormap::get(ColormapId::Diverging);
    double y = bounds.top() + pad;
    p.setPen(style.foreground);
    p.drawText(QRectF(bounds.left() + pad, y, bounds.width() - 2 * pad, fm.height()), Qt::AlignLeft,
               QCoreApplication::translate("qkview", "Vectors of “%1” (%2 dims, colour: −%3 … +%3)")
                   .arg(tokenLabel(s.token)).arg(dims).arg(extent, 0, 'f', 2));
    y += fm.height() * 1.5;
    for (const auto& [name, v] : rows) {
        p.setPen(style.muted);
        p.drawText(QRectF(bounds.left() + pad, y, bounds.width(), fm.height()), Qt::AlignLeft, name);
        const double top = y + fm.height() * 1.1, h = rowHeight - fm.height() * 1.5;
        p.setPen(Qt::NoPen);
        for (int d = 0; d < dims; ++d) {
            const double value = (*v)[d];
            p.setBrush(map.at(0.5 + 0.5 * value / extent));
            p.drawRect(QRectF(bounds.left() + pad + d * cell, top, cell, h));
            // Numbers when the cells are wide enough for them; a large one too wide for two decimals gets fewer
            // (-741455), or none if even -7.4e+05 does not fit: never a cut number.
            static constexpr std::pair<char, int> kFormats[] = {{'f', 2}, {'f', 1}, {'f', 0}, {'g', 2}};
            QString number;
            for (const auto& [format, digits] : kFormats) {
                number = QString::number(value, format, digits);
                if (fm.horizontalAdvance(number) <= cell * 0.92) break;
            }
            if (cell > fm.horizontalAdvance(QStringLiteral("-0.00")) * 1.05 && fm.horizontalAdvance(number) <= cell * 0.92) {
                p.setPen(Colormap::textOn(map.at(0.5 + 0.5 * value / extent)));
                p.drawText(QRectF(bounds.left() + pad + d * cell, top, cell, h), Qt::AlignCenter, number);
                p.setPen(Qt::NoPen);
            }
        }
        y += rowHeight;
    }
    p.restore();
}

} // namespace qkview::ui
