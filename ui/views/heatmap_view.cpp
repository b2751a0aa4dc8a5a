// SPDX-License-Identifier: MIT
#include "views/heatmap_view.h"

#include "painters/label_text.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

namespace qkview::ui {

namespace {
constexpr double kMinCell = 16.0; // below this the view grows and its scroll area scrolls
constexpr int kRasterFrom = 48;   // tokens; bigger matrices draw their cells as one image on screen
} // namespace

HeatmapView::HeatmapView(Session* session, QWidget* parent) : PaintedView(session, parent) {
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("Attention heatmap"));
    connect(session, &Session::noticeChanged, this, &HeatmapView::invalidate);
}

FigureStyle HeatmapView::heatmapStyle(FigureStyle s) const {
    s.rasterCells = m_scene.data.rows() >= kRasterFrom;
    return s;
}

void HeatmapView::updateScene() {
    const TracePtr& trace = session()->trace();
    const Selection& sel = session()->selection();
    m_scene = {};
    m_geometry.reset();
    if (!trace) {
        setMinimumSize(200, 150);
        return;
    }
    m_scene.data = matrixData(*trace, sel.layer, sel.head, session()->viewOptions().kind);
    m_scene.selectedRow = sel.query;
    m_scene.selectedColumn = sel.key;
    QPixmap probe(1, 1); // font metrics for the minimum size
    QPainter measure(&probe);
    const HeatmapGeometry g = heatmapGeometry(measure, m_scene, QRectF(0, 0, 1, 1), heatmapStyle(style()), kMinCell);
    setMinimumSize(g.minimumSize().toSize() + QSize(8, 8));
}

void HeatmapView::draw(QPainter& p, const QRectF& bounds, const FigureStyle& base) {
    const FigureStyle s = heatmapStyle(base);
    if (m_scene.data.rows() == 0) {
        p.fillRect(bounds, s.background);
        p.setPen(s.muted);
        const QString notice = session()->notice().isEmpty() ? tr("Computing…") : session()->notice();
        p.drawText(bounds.adjusted(24, 24, -24, -24), Qt::AlignCenter | Qt::TextWordWrap, notice);
        return;
    }
    renderHeatmap(p, m_scene, bounds, s, kMinCell);
    m_geometry = heatmapGeometry(p, m_scene, bounds, s, kMinCell);
}

void HeatmapView::drawOverlay(QPainter& p) {
    if (!m_hover || !m_geometry) return;
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(palette().color(QPalette::Text), 1.5, Qt::DashLine));
    p.setBrush(Qt::NoBrush);
    p.drawRect(m_geometry->cellRect(m_hover->y(), m_hover->x()).adjusted(1, 1, -1, -1));
}

QRectF HeatmapView::cellRect(int query, int key) const {
    return m_geometry ? m_geometry->cellRect(query, key) : QRectF();
}

std::optional<QPoint> HeatmapView::cellAt(const QPointF& p) const {
    if (!m_geometry) return std::nullopt;
    return m_geometry->cellAt(p);
}

void HeatmapView::mouseMoveEvent(QMouseEvent* event) {
    const auto cell = cellAt(event->position());
    if (cell != m_hover) {
        m_hover = cell;
        update();
    }
    if (!cell) {
        QToolTip::hideText();
        return;
    }
    const MatrixData& d = m_scene.data;
    const int q = cell->y(), k = cell->x();
    const QString value = d.masked(q, k) ? tr("masked (a query cannot see later keys)")
                                         : formatValue(d.values(q, k), !d.diverging);
    QToolTip::showText(event->globalPosition().toPoint(),
                       tr("%1 → %2: %3").arg(d.rowLabels[q], d.columnLabels[k], value) + u'\n' +
                           tr("the %1 of query “%2” for key “%3”").arg(d.valueName, d.rowLabels[q], d.columnLabels[k]),
                       this);
}

void HeatmapView::leaveEvent(QEvent* event) {
    m_hover.reset();
    update();
    PaintedView::leaveEvent(event);
}

void HeatmapView::mousePressEvent(QMouseEvent* event) {
    if (const auto cell = cellAt(event->position())) {
        Selection sel = session()->selection();
        sel.query = cell->y();
        sel.key = cell->x();
        session()->setSelection(sel);
    }
    setFocus();
}

void HeatmapView::keyPressEvent(QKeyEvent* event) {
    Selection sel = session()->selection();
    const int n = m_scene.data.rows();
    if (n == 0) return PaintedView::keyPressEvent(event);
    sel.query = std::max(sel.query, 0);
    sel.key = std::max(sel.key, 0);
    switch (event->key()) {
    case Qt::Key_Up: sel.query = std::max(0, sel.query - 1); break;
    case Qt::Key_Down: sel.query = std::min(n - 1, sel.query + 1); break;
    case Qt::Key_Left: sel.key = std::max(0, sel.key - 1); break;
    case Qt::Key_Right: sel.key = std::min(n - 1, sel.key + 1); break;
    default: return PaintedView::keyPressEvent(event);
    }
    session()->setSelection(sel);
}

} // namespace qkview::ui
