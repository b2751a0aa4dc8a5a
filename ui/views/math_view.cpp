// SPDX-License-Identifier: MIT
#include "views/math_view.h"

#include <QPainter>
#include <QResizeEvent>

#include <cmath>

namespace qkview::ui {

MathView::MathView(Session* session, QWidget* parent) : PaintedView(session, parent) {
    setAccessibleName(tr("Math"));
    setAccessibleDescription(
        tr("The arithmetic of the selected query and key, step by step, and what the query pulls in"));
}

void MathView::updateScene() {
    const TracePtr& trace = session()->trace();
    const Selection& sel = session()->selection();
    m_scene = trace ? mathScene(*trace, sel.layer, sel.head, sel.query, sel.key) : MathScene{};
    updateHeight();
}

void MathView::updateHeight() {
    QPixmap probe(1, 1);
    QPainter measure(&probe);
    setMinimumHeight(static_cast<int>(std::ceil(mathHeight(measure, m_scene, width(), style()))));
}

MathLayout MathView::currentLayout() const {
    QPixmap probe(1, 1);
    QPainter measure(&probe);
    return mathLayout(measure, m_scene, QRectF(rect()), style());
}

void MathView::resizeEvent(QResizeEvent* event) {
    PaintedView::resizeEvent(event);
    // Headings and notes wrap: a new width can need a new height.
    if (event->size().width() != event->oldSize().width()) updateHeight();
}

void MathView::draw(QPainter& painter, const QRectF& bounds, const FigureStyle& style) {
    renderMath(painter, m_scene, bounds, style);
}

} // namespace qkview::ui
