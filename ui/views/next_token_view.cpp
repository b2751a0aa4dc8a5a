// SPDX-License-Identifier: MIT
#include "views/next_token_view.h"

#include "painters/label_text.h"

#include <QMouseEvent>
#include <QPainter>

namespace qkview::ui {

namespace {
constexpr int kLabelChars = 18;
double padding(const QFontMetricsF& fm) { return fm.height() * 0.6; }
} // namespace

NextTokenView::NextTokenView(Session* session, QWidget* parent) : PaintedView(session, parent) {
    setMinimumHeight(160);
    setMouseTracking(true);
    setAccessibleName(tr("Predictions"));
    setAccessibleDescription(tr("The model's most likely next tokens, or its guesses for each mask; click one to put it in the text"));
    setToolTip(tr("Click a prediction to put it in the text"));
}

void NextTokenView::updateScene() {
    const TracePtr& trace = session()->trace();
    m_hasTrace = static_cast<bool>(trace);
    m_fillsMasks = trace && trace->config.fillsMasks;
    m_sections.clear();
    if (!trace) return;
    if (!trace->nextTokens().empty()) m_sections.push_back({tr("Most likely next tokens (click one to add it)"), -1, trace->nextTokens()});
    for (const MaskPredictions& m : trace->fillMask())
        m_sections.push_back({tr("Fill in “%1” (token %2): click a guess to put it in")
                                  .arg(tokenLabel(trace->tokens[static_cast<size_t>(m.position)].text, kLabelChars))
                                  .arg(m.position),
                              m.position, m.predictions});
}

double NextTokenView::rowHeight() const { return QFontMetricsF(font()).height() * 1.5; }

double NextTokenView::sectionTop(size_t section, const QRectF& bounds) const {
    const QFontMetricsF fm(font());
    double top = bounds.top() + padding(fm);
    for (size_t s = 0; s < section; ++s)
        top += fm.height() * 1.6 + static_cast<double>(m_sections[s].predictions.size()) * rowHeight() + fm.height();
    return top;
}

QRectF NextTokenView::predictionRect(size_t section, size_t rank, const QRectF& bounds) const {
    const QFontMetricsF fm(font());
    const double pad = padding(fm);
    const double y = sectionTop(section, bounds) + fm.height() * 1.6 + static_cast<double>(rank) * rowHeight();
    return {bounds.left() + pad, y, bounds.width() - 2 * pad, rowHeight()};
}

std::pair<int, int> NextTokenView::predictionAt(const QPointF& pos) const {
    for (size_t s = 0; s < m_sections.size(); ++s)
        for (size_t r = 0; r < m_sections[s].predictions.size(); ++r)
            if (predictionRect(s, r, QRectF(rect())).contains(pos)) return {static_cast<int>(s), static_cast<int>(r)};
    return {-1, -1};
}

void NextTokenView::mousePressEvent(QMouseEvent* event) {
    const auto [s, r] = predictionAt(event->position());
    if (s < 0 || event->button() != Qt::LeftButton) return PaintedView::mousePressEvent(event);
    const Section& section = m_sections[static_cast<size_t>(s)];
    Q_EMIT predictionChosen(section.maskPosition, section.predictions[static_cast<size_t>(r)].text);
}

void NextTokenView::mouseMoveEvent(QMouseEvent* event) {
    setCursor(predictionAt(event->position()).first >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
    PaintedView::mouseMoveEvent(event);
}

void NextTokenView::draw(QPainter& p, const QRectF& bounds, const FigureStyle& style) {
    p.fillRect(bounds, style.background);
    p.setFont(style.font);
    const QFontMetricsF fm = p.fontMetrics();
    const double pad = padding(fm);
    if (m_sections.empty()) {
        p.setPen(style.muted);
        const QString message =
            !m_hasTrace ? QString()
            : m_fillsMasks ? tr("Type [MASK] where a word is missing (<mask> for RoBERTa): the model's ten best "
                                "guesses for it appear here. For example: “The cat sat on the [MASK].”")
                           : tr("This model has no vocabulary head: it predicts nothing. Open a GPT-2, Llama, Qwen or "
                                "BERT model folder (Model → Open Model Folder…) or the built-in trained model.");
        p.drawText(bounds.adjusted(pad, pad, -pad, -pad), Qt::AlignCenter | Qt::TextWordWrap, message);
        return;
    }
    const QColor bar = Colormap::get(style.colormap == ColormapId::Diverging ? ColormapId::Viridis : style.colormap).at(0.55);
    for (size_t s = 0; s < m_sections.size(); ++s) {
        const Section& section = m_sections[s];
        p.setPen(style.foreground);
        p.drawText(QRectF(bounds.left() + pad, sectionTop(s, bounds), bounds.width() - 2 * pad, fm.height()),
                   Qt::AlignLeft, fm.elidedText(section.title, Qt::ElideRight, bounds.width() - 2 * pad));
        double labelWidth = 0;
        for (const Prediction& pr : section.predictions)
            labelWidth = std::max(labelWidth, fm.horizontalAdvance(tokenLabel(pr.text, kLabelChars)));
        for (size_t r = 0; r < section.predictions.size(); ++r) {
            const Prediction& pr = section.predictions[r];
            const QRectF row = predictionRect(s, r, bounds);
            const double barLeft = row.left() + labelWidth + pad;
            const double barMax = row.right() - fm.horizontalAdvance(QStringLiteral("100.0%")) - pad - barLeft;
            p.setPen(style.foreground);
            p.drawText(QRectF(row.left(), row.top(), labelWidth, row.height()), Qt::AlignRight | Qt::AlignVCenter,
                       tokenLabel(pr.text, kLabelChars));
            const double w = std::max(1.0, barMax * static_cast<double>(pr.p));
            p.fillRect(QRectF(barLeft, row.top() + row.height() * 0.2, w, row.height() * 0.6), bar);
            p.drawText(QRectF(barLeft + w + pad * 0.5, row.top(), 200, row.height()), Qt::AlignLeft | Qt::AlignVCenter,
                       QStringLiteral("%1%").arg(100.0 * static_cast<double>(pr.p), 0, 'f', 1));
        }
    }
}

} // namespace qkview::ui
