// SPDX-License-Identifier: MIT
#include "views/lines_view.h"

#include <QMouseEvent>
#include <QPainter>

namespace qkview::ui {

LinesView::LinesView(Session* session, QWidget* parent) : PaintedView(session, parent) {
    setMouseTracking(true);
    setMinimumSize(240, 200);
    setToolTip(tr("Hover a token to see only its lines; click a query on the left to select it."));
    setAccessibleName(tr("Lines"));
    setAccessibleDescription(tr("A line from each query to each key, thicker and darker where the weight is larger"));
}

void LinesView::updateScene() {
    const TracePtr& trace = session()->trace();
    const Selection& sel = session()->selection();
    m_scene = trace ? linesScene(*trace, sel.layer, sel.head, sel.query, sel.key) : LinesScene{};
    if (m_hoverSide == 0) m_scene.focusQuery = m_hoverToken;
    if (m_hoverSide == 1) {
        m_scene.focusQuery = -1;
        m_scene.focusKey = m_hoverToken;
    }
}

void LinesView::draw(QPainter& painter, const QRectF& bounds, const FigureStyle& style) {
    renderLines(painter, m_scene, bounds, style);
}

int LinesView::tokenAt(const QPointF& p, int* side) {
    QPixmap probe(1, 1);
    QPainter measure(&probe);
    const LinesLayout l = linesLayout(measure, m_scene, QRectF(rect()), style());
    return l.tokenAt(p, static_cast<int>(m_scene.tokens.size()), side);
}

void LinesView::mouseMoveEvent(QMouseEvent* event) {
    int side = -1;
    const int token = tokenAt(event->position(), &side);
    if (token == m_hoverToken && side == m_hoverSide) return;
    m_hoverToken = token;
    m_hoverSide = token < 0 ? -1 : side;
    updateScene();
    invalidate();
}

void LinesView::mousePressEvent(QMouseEvent* event) {
    int side = -1;
    const int token = tokenAt(event->position(), &side);
    if (token < 0) return;
    Selection sel = session()->selection();
    (side == 0 ? sel.query : sel.key) = token;
    session()->setSelection(sel);
}

void LinesView::leaveEvent(QEvent* event) {
    m_hoverToken = m_hoverSide = -1;
    updateScene();
    invalidate();
    PaintedView::leaveEvent(event);
}

} // namespace qkview::ui
