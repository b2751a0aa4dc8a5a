// SPDX-License-Identifier: MIT
#include "views/vector_view.h"

#include <QPainter>

namespace qkview::ui {

VectorView::VectorView(Session* session, QWidget* parent) : PaintedView(session, parent) {
    setMinimumHeight(150);
    setAccessibleName(tr("Vectors"));
    setAccessibleDescription(tr("The query, key and value vectors of the selected token, one cell per dimension; then "
                                "every token's query and key as points on their two main axes"));
}

void VectorView::updateScene() {
    const TracePtr& trace = session()->trace();
    const Selection& sel = session()->selection();
    m_scene = trace ? vectorScene(*trace, sel.layer, sel.head, sel.query) : VectorScene{};
    m_points = trace ? scatterScene(*trace, sel.layer, sel.head, sel.query, sel.key) : ScatterScene{};
}

void VectorView::draw(QPainter& painter, const QRectF& bounds, const FigureStyle& style) {
    // The strips need a few lines; the points take the rest once there is room for them.
    painter.fillRect(bounds, style.background);
    const double strips = std::min(bounds.height(), std::max(150.0, bounds.height() * 0.32));
    renderVectors(painter, m_scene, QRectF(bounds.topLeft(), QSizeF(bounds.width(), strips)), style);
    if (bounds.height() - strips > 160 && !m_points.tokens.isEmpty())
        renderScatter(painter, m_points, bounds.adjusted(0, strips + 8, 0, 0), style);
}

} // namespace qkview::ui
