// SPDX-License-Identifier: MIT
#include "painters/lesson_painter.h"

#include "painters/label_text.h"

#include <QAbstractTextDocumentLayout>
#include <QCoreApplication>
#include <QFontInfo>
#include <QPainter>
#include <QTextDocument>

#include <cmath>

namespace qkview::ui {

namespace {
constexpr int kMaxChipLines = 2;
constexpr double kMaxCellLines = 8.0; // the lesson's heatmap cells are at most this many text lines wide
constexpr double kMinSideLines = 16;    // a formula column narrower than this many lines is a thin ribbon: stack
constexpr double kMinBarsWidthLines = 8; // stacked: bars narrower than this are left out
constexpr double kMaxFormulaShare = 0.45; // stacked: the formula sheds paragraphs rather than take more height

QString tr(const char* text) { return QCoreApplication::translate("qkview", text); }

struct ChipMetrics {
    double padX, height, gap, lineGap;
};

ChipMetrics chipMetrics(const QFontMetricsF& fm) {
    return {fm.height() * 0.45, fm.height() * 1.45, fm.height() * 0.35, fm.height() * 0.35};
}

// Flows chips for the given tokens (-1 = "…") into lines; returns the line count.
int flow(const QFontMetricsF& fm, const QStringList& tokens, const std::vector<int>& order, double width,
         std::vector<QRectF>& rects) {
    const ChipMetrics m = chipMetrics(fm);
    rects.clear();
    double x = 0, y = 0;
    int lines = 1;
    for (int t : order) {
        const QString label = t < 0 ? QStringLiteral("…") : tokenLabel(tokens[t]);
        const double w = std::min(width, fm.horizontalAdvance(label) + 2 * m.padX);
        if (x > 0 && x + w > width) {
            x = 0;
            y += m.height + m.lineGap;
            ++lines;
        }
        rects.emplace_back(x, y, w, m.height);
        x += w + m.gap;
    }
    return lines;
}

// detail: 2 every paragraph, 1 without the constants (d_k, τ, mask), 0 the equation alone.
QString formulaHtml(const LessonScene& s, const FigureStyle& style, int detail) {
    QString scale = s.options.scale ? QStringLiteral("&thinsp;/&thinsp;√<i>d</i><sub>k</sub>") : QString();
    if (s.options.temperature != 1.0f) scale += QStringLiteral("&thinsp;/&thinsp;<i>τ</i>");
    const QString mask = s.options.causal ? QStringLiteral(" + <i>M</i>") : QString();
    const QString accent = style.accent.name(), muted = style.muted.name();
    const QString q = tokenLabel(s.tokens.value(s.query)).toHtmlEscaped();
    const int large = static_cast<int>(std::lround(QFontInfo(style.font).pixelSize() * 1.3));
    QString html = QStringLiteral("<p style='font-size:%3px'><b>Attention</b>(<i>Q</i>, <i>K</i>, <i>V</i>) = "
                                  "softmax(<i>QK</i><sup>T</sup>%1%2)&thinsp;<i>V</i></p>")
                       .arg(scale, mask).arg(large);
    if (detail <= 0) return html;
    QStringList facts;
    if (s.options.scale) facts << tr("d<sub>k</sub> = %1, so scores are divided by √%1 = %2")
                                      .arg(s.dHead).arg(std::sqrt(static_cast<double>(s.dHead)), 0, 'f', 2);
    else facts << tr("scores are not scaled by √d<sub>k</sub>");
    if (s.options.temperature != 1.0f) facts << tr("temperature τ = %1").arg(static_cast<double>(s.options.temperature));
    if (s.options.causal) facts << tr("causal mask M hides later keys");
    if (detail >= 2) html += QStringLiteral("<p style='color:%1'>%2</p>").arg(muted, facts.join(QStringLiteral("; ")));
    QString row = tr("Row “<span style='color:%1'><b>%2</b></span>” of the heatmap is one softmax over the keys: "
                     "its weights sum to 1.").arg(accent, q);
    if (s.key >= 0 && s.key < s.bars.row.columns()) {
        const double w = s.bars.row.values(0, s.key);
        row += QLatin1Char(' ') + tr("“%1” gives <b>%2</b> of its attention to “%3”.")
                                      .arg(q, formatValue(w, true), tokenLabel(s.tokens.value(s.key)).toHtmlEscaped());
    }
    html += QStringLiteral("<p>%1</p>").arg(row);
    return html;
}

void setUpFormula(QTextDocument& doc, const LessonScene& s, const FigureStyle& style, double width, int detail) {
    doc.setDefaultFont(style.font);
    doc.setDocumentMargin(0);
    doc.setTextWidth(width);
    doc.setHtml(formulaHtml(s, style, detail));
}

double formulaHeight(const LessonScene& s, const FigureStyle& style, double width, int detail) {
    QTextDocument doc;
    setUpFormula(doc, s, style, width, detail);
    return doc.size().height();
}

// The heatmap's box in area: up to 1.2 × as wide as tall and maxWidth, shrunk until short sentences
// get slide-sized cells rather than giant ones, centred vertically.
QRectF heatmapBox(QPainter& p, const LessonScene& s, const QRectF& area, double maxWidth, const FigureStyle& style, double line) {
    QRectF box(area.topLeft(), QSizeF(std::min(area.height() * 1.2, maxWidth), area.height()));
    const double maxCell = line * kMaxCellLines;
    for (int round = 0; round < 3; ++round) {
        const double excess = (heatmapGeometry(p, s.heatmap, box, style).cellSize() - maxCell) * s.tokens.size();
        if (excess <= 0) break;
        box.setSize(QSizeF(box.width() - excess, box.height() - excess));
    }
    box.moveTop(area.top() + (area.height() - box.height()) / 2);
    return box;
}

void drawChips(QPainter& p, const LessonScene& s, const QRectF& strip, const FigureStyle& style) {
    const QFontMetricsF fm = p.fontMetrics();
    const ChipLayout chips = layoutChips(fm, s.tokens, s.query, strip.width(), kMaxChipLines);
    const ChipMetrics m = chipMetrics(fm);
    const QColor chipFill = style.masked;
    for (size_t i = 0; i < chips.tokens.size(); ++i) {
        const int t = chips.tokens[i];
        const QRectF r = chips.rects[i].translated(strip.topLeft());
        const bool query = t == s.query, key = t == s.key && t != s.query;
        p.setPen(key ? QPen(style.accent, 1.6) : QPen(Qt::NoPen));
        p.setBrush(query ? style.accent : (t < 0 ? style.background : chipFill));
        p.drawRoundedRect(r, m.height * 0.25, m.height * 0.25);
        p.setPen(query ? Colormap::textOn(style.accent) : (t < 0 ? style.muted : style.foreground));
        const QString label = t < 0 ? QStringLiteral("…") : tokenLabel(s.tokens[t]);
        p.drawText(r, Qt::AlignCenter, fm.elidedText(label, Qt::ElideRight, r.width() - m.padX));
    }
}
} // namespace

ChipLayout layoutChips(const QFontMetricsF& fm, const QStringList& tokens, int query, double width, int maxLines) {
    ChipLayout out;
    const int n = static_cast<int>(tokens.size());
    const auto tryWindow = [&](int first, int last) { // inclusive token range
        out.tokens.clear();
        if (first > 0) out.tokens.push_back(-1);
        for (int t = first; t <= last; ++t) out.tokens.push_back(t);
        if (last < n - 1) out.tokens.push_back(-1);
        out.lines = flow(fm, tokens, out.tokens, width, out.rects);
        return out.lines <= maxLines;
    };
    if (n == 0) return out;
    if (!tryWindow(0, n - 1)) {
        // The widest window around the query that fits; there is always one of a single token.
        const int q = std::clamp(query, 0, n - 1);
        int lo = 1, hi = n - 1;
        while (lo < hi) {
            const int k = (lo + hi + 1) / 2;
            const int first = std::clamp(q - k / 2, 0, n - k);
            if (tryWindow(first, first + k - 1)) lo = k;
            else hi = k - 1;
        }
        const int first = std::clamp(q - lo / 2, 0, n - lo);
        tryWindow(first, first + lo - 1);
    }
    const ChipMetrics m = chipMetrics(fm);
    out.height = out.lines * m.height + (out.lines - 1) * m.lineGap;
    return out;
}

LessonScene lessonScene(const AttentionTrace& trace, int layer, int head, int query, int key, MatrixKind kind) {
    LessonScene s;
    for (const Token& t : trace.tokens) s.tokens << t.text;
    s.query = query;
    s.key = key;
    s.heatmap.data = matrixData(trace, layer, head, kind);
    s.heatmap.selectedRow = query;
    s.heatmap.selectedColumn = key;
    s.bars = weightBarsScene(trace, layer, head, query, key);
    s.dHead = trace.config.dHead;
    s.options = trace.options;
    return s;
}

LessonLayout lessonLayout(QPainter& p, const LessonScene& s, const QRectF& bounds, const FigureStyle& style) {
    LessonLayout out;
    const QPaintDevice* device = p.device();
    // The sentence a little larger than the labels when it fits on one line.
    out.chipFont = scaledFont(style.font, 1.1);
    ChipLayout chips = layoutChips(QFontMetricsF(out.chipFont, device), s.tokens, s.query, bounds.width(), kMaxChipLines);
    if (chips.lines > 1) {
        out.chipFont = style.font;
        chips = layoutChips(QFontMetricsF(out.chipFont, device), s.tokens, s.query, bounds.width(), kMaxChipLines);
    }
    out.chips = QRectF(bounds.left(), bounds.top(), bounds.width(), chips.height);
    const double line = QFontMetricsF(style.font, device).height();
    const QRectF body = bounds.adjusted(0, chips.height + line * 0.8, 0, 0);
    const double gutter = line * 1.5, ruleGap = line * 1.8;
    const double minBars = minimumWeightBarsHeight(line), preferredBars = preferredWeightBarsHeight(s.bars, style);

    // A slide: the heatmap on the left; the bars over the formula on the right, centred as one block.
    QRectF heatmap = heatmapBox(p, s, body, body.width() * 0.5, style, line);
    const QRectF right(heatmap.right() + gutter, body.top(), body.right() - heatmap.right() - gutter, body.height());
    double formula = formulaHeight(s, style, right.width(), out.formulaDetail);
    out.stacked = right.width() < line * kMinSideLines || right.height() - ruleGap - formula < minBars;
    if (!out.stacked) {
        const double bars = std::min(preferredBars, right.height() - ruleGap - formula);
        const double top = right.top() + std::max(0.0, (right.height() - bars - ruleGap - formula) / 2);
        out.bars = QRectF(right.left(), top, right.width(), bars);
        out.formula = QRectF(right.left(), top + bars + ruleGap, right.width(), formula);
    } else {
        // A narrow page: the formula below, full width, shedding paragraphs to leave the heatmap room.
        formula = formulaHeight(s, style, body.width(), out.formulaDetail);
        while (out.formulaDetail > 0 && formula + ruleGap > body.height() * kMaxFormulaShare)
            formula = formulaHeight(s, style, body.width(), --out.formulaDetail);
        const bool withFormula = body.height() - ruleGap - formula >= line * 3;
        const QRectF band(body.topLeft(), QSizeF(body.width(), std::max(0.0, body.height() - (withFormula ? ruleGap + formula : 0))));
        heatmap = heatmapBox(p, s, band, band.width() * 0.5, style, line);
        const QRectF side(heatmap.right() + gutter, band.top(), band.right() - heatmap.right() - gutter, band.height());
        if (side.width() >= line * kMinBarsWidthLines && side.height() >= minBars) {
            const double bars = std::min(preferredBars, side.height());
            out.bars = QRectF(side.left(), side.top() + (side.height() - bars) / 2, side.width(), bars);
        }
        if (withFormula) out.formula = QRectF(body.left(), band.bottom() + ruleGap, body.width(), formula);
    }
    out.heatmapArea = heatmap;
    out.heatmap = heatmapDrawing(p, s.heatmap, heatmap, style);
    out.ruleY = out.formula.top() - line * 0.6;
    return out;
}

void renderLesson(QPainter& p, const LessonScene& s, const QRectF& bounds, const FigureStyle& style) {
    p.save();
    p.fillRect(bounds, style.background);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    const LessonLayout layout = lessonLayout(p, s, bounds, style);
    p.setFont(layout.chipFont);
    drawChips(p, s, layout.chips, style);
    renderHeatmap(p, s.heatmap, layout.heatmapArea, style);
    if (!layout.bars.isEmpty()) renderWeightBars(p, s.bars, layout.bars, style);
    if (!layout.formula.isEmpty()) {
        p.setPen(QPen(style.muted, 0.8));
        p.drawLine(QPointF(layout.formula.left(), layout.ruleY), QPointF(layout.formula.right(), layout.ruleY));
        QTextDocument doc;
        setUpFormula(doc, s, style, layout.formula.width(), layout.formulaDetail);
        p.save();
        p.translate(layout.formula.topLeft());
        QAbstractTextDocumentLayout::PaintContext context;
        context.palette.setColor(QPalette::Text, style.foreground);
        context.clip = QRectF(QPointF(0, 0), layout.formula.size());
        doc.documentLayout()->draw(&p, context);
        p.restore();
    }
    p.restore();
}

} // namespace qkview::ui
