// SPDX-License-Identifier: MIT
#include "views/painted_view.h"

#include <QEvent>
#include <QPainter>
#include <QTimer>

namespace qkview::ui {

PaintedView::PaintedView(Session* session, QWidget* parent) : QWidget(parent), m_session(session) {
    setAttribute(Qt::WA_OpaquePaintEvent);
    connect(session, &Session::traceChanged, this, &PaintedView::refresh);
    connect(session, &Session::selectionChanged, this, &PaintedView::refresh);
    connect(session, &Session::viewOptionsChanged, this, &PaintedView::refresh);
    // Subclasses are not constructed yet: take the first scene once the event loop runs.
    QTimer::singleShot(0, this, &PaintedView::refresh);
}

void PaintedView::refresh() {
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    m_stale = false;
    updateScene();
    invalidate();
}

void PaintedView::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (m_stale) refresh();
}

FigureStyle PaintedView::style() const {
    FigureStyle s = FigureStyle::fromPalette(palette(), font());
    s.colormap = m_session->viewOptions().colormap;
    s.numbersInCells = m_session->viewOptions().numbersInCells;
    return s;
}

void PaintedView::invalidate() {
    m_cache = QPixmap();
    update();
}

void PaintedView::paintEvent(QPaintEvent*) {
    if (m_cache.isNull()) {
        const qreal dpr = devicePixelRatioF();
        m_cache = QPixmap((QSizeF(size()) * dpr).toSize());
        m_cache.setDevicePixelRatio(dpr);
        QPainter cp(&m_cache);
        draw(cp, QRectF(rect()), style());
    }
    QPainter p(this);
    p.drawPixmap(0, 0, m_cache);
    drawOverlay(p);
}

void PaintedView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    invalidate();
}

void PaintedView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) invalidate();
    QWidget::changeEvent(event);
}

} // namespace qkview::ui
