// SPDX-License-Identifier: MIT
#include "views/math_view.h"

#include <QPainter>

namespace qkview::ui {

MathView::MathView(Session* session, QWidget* parent) : PaintedView(session, parent) {}

void MathView::updateScene() {
    const TracePtr& trace = session()->trace();
    const Selection& sel = session()->selection();
    m_scene = trace ? mathScene(*trace, sel.layer, sel.head, sel.query, sel.key) : MathScene{};
    QPixmap probe(1, 1);
    QPainter measure(&probe);
    setMinimumHeight(static_cast<int>(mathHeight(measure, m_scene, width(), style())));
}

void MathView::draw(QPainter& painter, const QRectF& bounds, const FigureStyle& style) {
    renderMath(painter, m_scene, bounds, style);
}

} // namespace qkview::ui
