// SPDX-License-Identifier: MIT
#include "figures/figure_preview.h"

#include "base/error.h"

#include <QPainter>

namespace qkview::ui {

FigurePreview::FigurePreview(QWidget* parent) : QWidget(parent) {
    setMinimumSize(320, 200);
    setAccessibleName(tr("Figure preview"));
}

void FigurePreview::setFigure(TracePtr trace, const FigureRequest& request, const FigureStyle& base) {
    m_trace = std::move(trace);
    m_request = request;
    m_base = base;
    update();
}

void FigurePreview::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Mid));
    const QSizeF page = m_request.size;
    if (!m_trace || page.isEmpty()) return;
    const QRectF area = QRectF(rect()).adjusted(8, 8, -8, -8);
    const double scale = std::min(area.width() / page.width(), area.height() / page.height());
    m_page = QRectF(QPointF(0, 0), page * scale);
    m_page.moveCenter(area.center());
    try {
        renderFigure(p, m_request, *m_trace, m_page, m_base);
    } catch (const Error& e) {
        p.fillRect(m_page, Qt::white);
        p.setPen(Qt::darkRed);
        p.drawText(m_page.adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, QString::fromUtf8(e.what()));
    }
}

} // namespace qkview::ui
