// SPDX-License-Identifier: MIT
#include "views/next_token_view.h"

#include "painters/label_text.h"

#include <QPainter>

namespace qkview::ui {

NextTokenView::NextTokenView(Session* session, QWidget* parent) : PaintedView(session, parent) {
    setMinimumHeight(160);
}

void NextTokenView::updateScene() {
    const TracePtr& trace = session()->trace();
    m_hasTrace = static_cast<bool>(trace);
    m_predictions = trace ? trace->nextTokens : std::vector<Prediction>{};
}

void NextTokenView::draw(QPainter& p, const QRectF& bounds, const FigureStyle& style) {
    p.fillRect(bounds, style.background);
    p.setFont(style.font);
    const QFontMetricsF fm = p.fontMetrics();
    const double pad = fm.height() * 0.6;
    if (m_predictions.empty()) {
        p.setPen(style.muted);
        p.drawText(bounds.adjusted(pad, pad, -pad, -pad), Qt::AlignCenter | Qt::TextWordWrap,
                   m_hasTrace ? tr("This model has no vocabulary head: it does not predict next tokens. "
                                   "Open a GPT-2 model (Model → Open Model Folder…) to see its predictions.")
                              : QString());
        return;
    }
    p.setPen(style.foreground);
    p.drawText(QRectF(bounds.left() + pad, bounds.top() + pad, bounds.width() - 2 * pad, fm.height()), Qt::AlignLeft,
               tr("Most likely next tokens"));
    double labelWidth = 0;
    for (const Prediction& pr : m_predictions) labelWidth = std::max(labelWidth, fm.horizontalAdvance(tokenLabel(pr.text, 18)));
    const double row = fm.height() * 1.5, top = bounds.top() + pad + fm.height() * 1.6;
    const double barLeft = bounds.left() + pad + labelWidth + pad;
    const double barMax = bounds.right() - pad - fm.horizontalAdvance(QStringLiteral("100.0%")) - pad - barLeft;
    const QColor bar = Colormap::get(style.colormap == ColormapId::Diverging ? ColormapId::Viridis : style.colormap).at(0.55);
    for (size_t i = 0; i < m_predictions.size(); ++i) {
        const Prediction& pr = m_predictions[i];
        const double y = top + static_cast<double>(i) * row;
        p.setPen(style.foreground);
        p.drawText(QRectF(bounds.left() + pad, y, labelWidth, row), Qt::AlignRight | Qt::AlignVCenter, tokenLabel(pr.text, 18));
        const double w = std::max(1.0, barMax * static_cast<double>(pr.p));
        p.fillRect(QRectF(barLeft, y + row * 0.2, w, row * 0.6), bar);
        p.drawText(QRectF(barLeft + w + pad * 0.5, y, 200, row), Qt::AlignLeft | Qt::AlignVCenter,
                   QStringLiteral("%1%").arg(100.0 * static_cast<double>(pr.p), 0, 'f', 1));
    }
}

} // namespace qkview::ui
