// SPDX-License-Identifier: MIT
#include "views/values_view.h"

namespace qkview::ui {

ValuesView::ValuesView(Session* session, QWidget* parent) : PaintedView(session, parent) {
    setMinimumSize(320, 360);
    setAccessibleName(tr("Values"));
    setAccessibleDescription(tr("The query's weights over the keys, and each key's weight × value stacked into its output"));
}

void ValuesView::updateScene() {
    const TracePtr& trace = session()->trace();
    const Selection& sel = session()->selection();
    m_scene = trace ? valuesScene(*trace, sel.layer, sel.head, sel.query) : ValuesScene{};
}

void ValuesView::draw(QPainter& painter, const QRectF& bounds, const FigureStyle& style) {
    FigureStyle screen = style;
    screen.smoothCharts = false;
    m_charts.render(painter, m_scene, bounds, screen);
}

} // namespace qkview::ui
