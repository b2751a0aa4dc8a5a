// SPDX-License-Identifier: MIT
#include "painters/math_painter.h"

#include "painters/label_text.h"

#include <QCoreApplication>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <optional>

namespace qkview::ui {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("qkview", text); }

// The first `shown` dims of v, then an ellipsis naming the length when some are left out.
QString vectorText(const RowVector& v, Eigen::Index shown) {
    QStringList parts;
    for (Eigen::Index i = 0; i < std::min(v.size(), shown); ++i) parts << QString::number(static_cast<double>(v[i]), 'f', 2);
    if (v.size() > shown) parts << QStringLiteral("… (%1 dims)").arg(v.size());
    return QStringLiteral("[") + parts.join(QStringLiteral(", ")) + QStringLiteral("]");
}

QString number(double v, int decimals = 3) { return QString::number(v, 'f', decimals); }

// One line of the panel: a step's name, its formula with the numbers, and whether it is a heading.
struct Line {
    Line(QString l, QString b, bool h = false, std::optional<RowVector> v = std::nullopt)
        : label(std::move(l)), body(std::move(b)), heading(h), vector(std::move(v)) {}
    QString label;
    QString body; // with %v where the vector goes
    bool heading;
    std::optional<RowVector> vector; // shown with as many dims as the width allows
};

Line vectorLine(const QString& label, const QString& body, const RowVector& v) { return {label, body, false, v}; }

std::vector<Line> linesOf(const MathScene& s) {
    std::vector<Line> lines;
    const QString q = QStringLiteral("“%1”").arg(tokenLabel(s.query));
    const QString k = QStringLiteral("“%1”").arg(tokenLabel(s.key));
    if (s.weight) {
        const WeightSteps& w = *s.weight;
        QString head = s.headName;
        if (s.headsPerKv > 1) head += tr(" · keys and values of KV head %1, shared by %2 query heads").arg(w.kvHead).arg(s.headsPerKv);
        lines.push_back({tr("How much does %1 attend to %2?").arg(q, k), head, true});
        if (w.rotated) {
            // Rotary positions: the projections are turned by each token's position before the dot product,
            // so the score depends on how far apart the two tokens are.
            lines.push_back(vectorLine(tr("1. query q"), tr("what %1 asks: %v").arg(q), w.qBeforeRotation));
            lines.push_back(vectorLine(tr("   turned by %1").arg(s.queryIndex), tr("q at position %1: %v").arg(s.queryIndex), w.q));
            lines.push_back(vectorLine(tr("2. key k"), tr("what %1 offers: %v").arg(k), w.kBeforeRotation));
            lines.push_back(vectorLine(tr("   turned by %1").arg(s.keyIndex), tr("k at position %1: %v").arg(s.keyIndex), w.k));
        } else {
            lines.push_back(vectorLine(tr("1. query q"), tr("what %1 asks: %v").arg(q), w.q));
            lines.push_back(vectorLine(tr("2. key k"), tr("what %1 offers: %v").arg(k), w.k));
        }
        lines.push_back(vectorLine(tr("3. q ∘ k"), QStringLiteral("%v"), w.products));
        lines.push_back({tr("4. score q·k"), tr("sum of the products = %1").arg(number(w.dot))});
        QString scaling = s.scaled ? tr("÷ √%1 (= %2)").arg(s.dHead).arg(number(std::sqrt(s.dHead), 2)) : tr("no scaling");
        if (s.temperature != 1.0f) scaling += tr(", ÷ temperature %1").arg(static_cast<double>(s.temperature));
        lines.push_back({tr("5. scale"), tr("%1 %2 → %3").arg(number(w.dot), scaling, number(w.scaled))});
        if (w.masked) {
            lines.push_back({tr("6. mask"), tr("%1 comes after %2: hidden, weight 0").arg(k, q)});
        } else {
            lines.push_back({tr("6. exp"), tr("exp(%1 − row max %2) = %3")
                                                .arg(number(w.scaled), number(w.rowMax), number(w.expShifted, 4))});
            lines.push_back({tr("7. row sum"), tr("Σ over %1's keys of exp(…) = %2").arg(q, number(w.rowSum, 4))});
            lines.push_back({tr("8. weight"), tr("%1 ÷ %2 = %3").arg(number(w.expShifted, 4), number(w.rowSum, 4),
                                                                    number(w.weight, 4))});
        }
    }
    if (s.output) {
        // Long texts: the strongest keys only, in text order, and what the rest add up to.
        constexpr size_t kShownKeys = 8;
        std::vector<const Contribution*> shown;
        for (const Contribution& c : s.output->contributions) shown.push_back(&c);
        const size_t total = shown.size();
        if (total > kShownKeys) {
            std::partial_sort(shown.begin(), shown.begin() + kShownKeys, shown.end(),
                              [](const Contribution* a, const Contribution* b) { return a->weight > b->weight; });
            shown.resize(kShownKeys);
            std::sort(shown.begin(), shown.end(), [](const Contribution* a, const Contribution* b) { return a->key < b->key; });
        }
        lines.push_back({tr("What does %1 pull in?").arg(q),
                         total > kShownKeys ? tr("weights × values, summed (the %1 strongest of %2 keys)").arg(kShownKeys).arg(total)
                                            : tr("weights × values, summed"),
                         true});
        double shownWeight = 0;
        for (const Contribution* c : shown) {
            const QString who = tokenLabel(s.keyTokens.value(c->key));
            lines.push_back(vectorLine(QStringLiteral("%1 × v(%2)").arg(number(c->weight, 2), who), QStringLiteral("%v"),
                                       c->contribution));
            shownWeight += c->weight;
        }
        if (total > kShownKeys) // the rest's weight, never "-0.000" from rounding when it is all but nothing
            lines.push_back({tr("+ %1 more").arg(total - kShownKeys),
                             tr("keys with weight %1 in all").arg(number(std::max(0.0, 1.0 - shownWeight), 3))});
        lines.push_back(vectorLine(tr("= output"), QStringLiteral("%v"), s.output->output));
    }
    return lines;
}

QFont roleFont(MathText::Role role, const FigureStyle& style) {
    QFont f = style.font;
    if (role == MathText::Role::Heading) f.setBold(true);
    if (role == MathText::Role::Body) {
        f.setFamilies({QStringLiteral("DejaVu Sans Mono"), QStringLiteral("monospace")});
        f.setStyleHint(QFont::Monospace);
    }
    return f;
}

bool wraps(MathText::Role role) { return role == MathText::Role::Heading || role == MathText::Role::Note; }

// A formula with as many of its vector's dims as fit the width, never a cut number.
QString fitted(const Line& l, const QFontMetricsF& fm, double width) {
    QString text = l.body;
    if (!l.vector) return text;
    const auto fits = [&](Eigen::Index n) {
        return fm.horizontalAdvance(QString(l.body).replace(QStringLiteral("%v"), vectorText(*l.vector, n))) <= width;
    };
    // The width grows with the dims shown: a binary search measures a few strings, not one per dim
    // (a 64- or 128-dim head, on every repaint).
    Eigen::Index shown = 1, tooMany = l.vector->size() + 1;
    if (fits(l.vector->size())) shown = l.vector->size();
    else
        while (tooMany - shown > 1) {
            const Eigen::Index mid = (shown + tooMany) / 2;
            (fits(mid) ? shown : tooMany) = mid;
        }
    return text.replace(QStringLiteral("%v"), vectorText(*l.vector, shown));
}
} // namespace

MathScene mathScene(const AttentionTrace& trace, int layer, int head, int query, int key) {
    MathScene s;
    s.headName = trace.config.headName(layer, head);
    s.queryIndex = query;
    s.keyIndex = key;
    s.headsPerKv = trace.config.heads / trace.config.keyValueHeads();
    s.dHead = trace.config.dHead;
    s.temperature = trace.options.temperature;
    s.scaled = trace.options.scale;
    for (const Token& t : trace.tokens) s.keyTokens << t.text;
    if (query >= 0 && query < trace.tokenCount()) {
        s.query = trace.tokens[query].text;
        s.output = explainOutput(trace, layer, head, query);
        if (key >= 0 && key < trace.tokenCount()) {
            s.key = trace.tokens[key].text;
            s.weight = explainWeight(trace, layer, head, query, key);
        }
    }
    return s;
}

MathLayout mathLayout(QPainter& p, const MathScene& scene, const QRectF& bounds, const FigureStyle& style) {
    MathLayout out;
    const auto lines = linesOf(scene);
    if (lines.empty()) return out;
    p.save();
    p.setFont(style.font);
    const QFontMetricsF fm = p.fontMetrics();
    const double lineHeight = fm.height() * 1.45;
    double labelWidth = 0;
    for (const Line& l : lines)
        if (!l.heading) labelWidth = std::max(labelWidth, fm.horizontalAdvance(l.label));
    labelWidth += fm.height();
    const double pad = lineHeight * 0.4;
    const double left = bounds.left() + pad, width = std::max(1.0, bounds.width() - 2 * pad);
    double y = bounds.top() + pad;
    // Places one text at y in [x, x + w) and returns its height: one line, or as many as a wrapped text needs.
    const auto place = [&](MathText::Role role, const QString& text, double x, double w) {
        p.setFont(roleFont(role, style));
        const QFontMetricsF m = p.fontMetrics();
        MathText t;
        t.role = role;
        t.text = text;
        QSizeF ink(m.horizontalAdvance(text), m.height());
        if (wraps(role)) {
            ink = m.boundingRect(QRectF(x, y, w, 1e6), Qt::AlignLeft | Qt::TextWordWrap, text).size();
        } else if (ink.width() > w) {
            t.text = m.elidedText(text, Qt::ElideRight, w);
            t.elided = true;
            ink.setWidth(m.horizontalAdvance(t.text));
        }
        const double h = std::max(lineHeight, ink.height() + lineHeight - m.height());
        t.box = QRectF(x, y, w, h);
        t.ink = QRectF(x, y + (h - ink.height()) / 2, ink.width(), ink.height());
        out.texts.push_back(t);
        return h;
    };
    for (const Line& l : lines) {
        if (l.heading) {
            y += lineHeight * 0.25;
            y += place(MathText::Role::Heading, l.label, left, width);
            // The heading's note (the head, what the sum shows) on lines of its own, so neither is cut.
            if (!l.body.isEmpty()) y += place(MathText::Role::Note, l.body, left, width);
            continue;
        }
        const double bodyWidth = std::max(1.0, width - labelWidth);
        place(MathText::Role::Label, l.label, left, labelWidth);
        p.setFont(roleFont(MathText::Role::Body, style));
        y += place(MathText::Role::Body, fitted(l, p.fontMetrics(), bodyWidth), left + labelWidth, bodyWidth);
    }
    out.height = y - bounds.top() + pad;
    p.restore();
    return out;
}

double mathHeight(QPainter& painter, const MathScene& scene, double width, const FigureStyle& style) {
    return mathLayout(painter, scene, QRectF(0, 0, width, 1e6), style).height;
}

void renderMath(QPainter& p, const MathScene& scene, const QRectF& bounds, const FigureStyle& style) {
    p.save();
    p.fillRect(bounds, style.background);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    const MathLayout layout = mathLayout(p, scene, bounds, style);
    if (layout.texts.empty()) {
        p.setPen(style.muted);
        p.setFont(style.font);
        p.drawText(bounds, Qt::AlignCenter | Qt::TextWordWrap, tr("Click a cell of the heatmap to follow its math."));
        p.restore();
        return;
    }
    for (const MathText& t : layout.texts) {
        p.setFont(roleFont(t.role, style));
        const bool strong = t.role == MathText::Role::Heading || t.role == MathText::Role::Body;
        p.setPen(strong ? style.foreground : style.muted);
        const int flags = Qt::AlignLeft | Qt::AlignVCenter | (wraps(t.role) ? int(Qt::TextWordWrap) : 0);
        p.drawText(t.box, flags, t.text);
    }
    p.restore();
}

} // namespace qkview::ui
