// SPDX-License-Identifier: MIT
#include "views/vector_view.h"

namespace qkview::ui {

VectorView::VectorView(Session* session, QWidget* parent) : PaintedView(session, parent) {
    setMinimumHeight(150);
    setAccessibleName(tr("Vectors"));
    setAccessibleDescription(tr("The query, key and value vectors of the selected token, one cell per dimension"));
}

void VectorView::updateScene() {
    const TracePtr& trace = session()->trace();
    const Selection& sel = session()->selection();
    m_scene = trace ? vectorScene(*trace, sel.layer, sel.head, sel.query) : VectorScene{};
}

void VectorView::draw(QPainter& painter, const QRectF& bounds, const FigureStyle& style) {
    renderVectors(painter, m_scene, bounds, style);
}

} // namespace qkview::ui
