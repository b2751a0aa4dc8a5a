// SPDX-License-Identifier: MIT
#include "views/heatmap_view.h"

#include "painters/label_text.h"

#include <QAction>
#include <QApplication>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>

#include <cmath>

namespace qkview::ui {

namespace {
constexpr double kZoomStep = 1.25; // one key press or wheel notch
constexpr double kMaxCell = 96.0;  // the largest zoom: numbers fit comfortably

// Masks the cells of query → key pairs the sentence-pair filter leaves out (drawn like causally masked cells).
void hideOtherPairs(MatrixData& data, const std::vector<int>& tokenTypes, PairFilter filter) {
    if (filter == PairFilter::All || static_cast<int>(tokenTypes.size()) != data.rows()) return;
    if (data.masked.rows() != data.rows()) data.masked.setConstant(data.rows(), data.columns(), false);
    for (int i = 0; i < data.rows(); ++i)
        for (int j = 0; j < data.columns(); ++j)
            if (!pairFilterShows(filter, tokenTypes[static_cast<size_t>(i)], tokenTypes[static_cast<size_t>(j)])) data.masked(i, j) = true;
    data.strongest = strongestCell(data); // among the cells still shown
}
} // namespace

HeatmapView::HeatmapView(Session* session, QWidget* parent)
    : PaintedView(session, parent), m_hbar(new QScrollBar(Qt::Horizontal, this)), m_vbar(new QScrollBar(Qt::Vertical, this)) {
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("Attention heatmap"));
    // No static tooltip: hovering a cell shows that cell's value.
    setAccessibleDescription(tr("One row per query, one column per key. Arrow keys move the selected cell, "
                                "Ctrl++ and Ctrl+− zoom, Ctrl+0 fits."));
    setMinimumSize(200, 150);
    m_hbar->hide();
    m_vbar->hide();
    m_hbar->setCursor(Qt::ArrowCursor);
    m_vbar->setCursor(Qt::ArrowCursor);
    connect(session, &Session::noticeChanged, this, &HeatmapView::invalidate);
    connect(m_hbar, &QScrollBar::valueChanged, this, [this](int x) {
        if (m_relayouting || std::abs(x - m_frame.scroll.x()) < 0.5) return;
        m_frame.scroll.setX(x);
        invalidate();
    });
    connect(m_vbar, &QScrollBar::valueChanged, this, [this](int y) {
        if (m_relayouting || std::abs(y - m_frame.scroll.y()) < 0.5) return;
        m_frame.scroll.setY(y);
        invalidate();
    });
    const auto action = [this](const QString& text, const QList<QKeySequence>& keys, void (HeatmapView::*slot)()) {
        auto* a = new QAction(text, this);
        a->setShortcuts(keys);
        a->setShortcutContext(Qt::WindowShortcut);
        connect(a, &QAction::triggered, this, slot);
        addAction(a);
        m_zoomActions << a;
    };
    action(tr("Zoom &In"), {QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)}, &HeatmapView::zoomIn);
    action(tr("Zoom &Out"), {QKeySequence::ZoomOut}, &HeatmapView::zoomOut);
    action(tr("&Fit Heatmap"), {QKeySequence(Qt::CTRL | Qt::Key_0)}, &HeatmapView::fit);
    m_zoomActions[0]->setToolTip(tr("Zoom in (Ctrl++, Ctrl+wheel)"));
    m_zoomActions[1]->setToolTip(tr("Zoom out (Ctrl+−, Ctrl+wheel)"));
    m_zoomActions[2]->setToolTip(tr("Fit the whole matrix in the view (Ctrl+0)"));
}

FigureStyle HeatmapView::heatmapStyle(FigureStyle s) const {
    s.rasterCells = true; // the screen draws the cached cell image
    return s;
}

void HeatmapView::updateScene() {
    const TracePtr& trace = session()->trace();
    const Selection& sel = session()->selection();
    const MatrixKind kind = session()->viewOptions().kind;
    const PairFilter pairs = hasSentencePair(trace ? trace->tokenTypes : std::vector<int>{}) ? session()->viewOptions().pairs
                                                                                             : PairFilter::All;
    if (!trace) {
        m_scene = {};
        m_sourceTrace = nullptr;
        m_geometry.reset();
        m_raster.invalidate();
        m_labelWidths.reset();
        relayout();
        return;
    }
    if (trace.get() != m_sourceTrace || sel.layer != m_sourceLayer || sel.head != m_sourceHead || kind != m_sourceKind ||
        pairs != m_sourcePairs) {
        m_scene.data = matrixData(*trace, sel.layer, sel.head, kind);
        hideOtherPairs(m_scene.data, trace->tokenTypes, pairs);
        m_sourceTrace = trace.get();
        m_sourceLayer = sel.layer;
        m_sourceHead = sel.head;
        m_sourceKind = kind;
        m_sourcePairs = pairs;
        m_raster.invalidate();
        m_geometry.reset();
        m_labelWidths.reset();
    }
    m_scene.selectedRow = sel.query;
    m_scene.selectedColumn = sel.key;
    m_scene.scale = session()->viewOptions().colorScale;
    relayout();
    if (sel.query != m_lastSelection.query || sel.key != m_lastSelection.key) ensureVisible(sel.query, sel.key);
    m_lastSelection = sel;
}

HeatmapGeometry HeatmapView::geometryFor(const HeatmapFrame& frame) const {
    QPixmap probe(1, 1); // font metrics
    QPainter measure(&probe);
    HeatmapFrame f = frame;
    const FigureStyle s = heatmapStyle(style());
    // Labels are measured once per matrix and font, not at every layout.
    if (!m_labelWidths || m_labelFont != s.font) {
        if (m_labelFont != s.font) m_labelWidthCache.clear();
        m_labelWidths = heatmapLabelWidths(measure, m_scene, s, &m_labelWidthCache);
        m_labelFont = s.font;
    }
    f.labelWidths = m_labelWidths;
    return heatmapGeometry(measure, m_scene, paintBounds(), s, f);
}

HeatmapGeometry HeatmapView::currentGeometry() const { return geometryFor(m_frame); }

QRectF HeatmapView::paintBounds() const {
    QRectF r(rect());
    if (m_vbar->isVisibleTo(this)) r.setRight(r.right() - m_vbar->sizeHint().width());
    if (m_hbar->isVisibleTo(this)) r.setBottom(r.bottom() - m_hbar->sizeHint().height());
    return r;
}

void HeatmapView::relayout() {
    m_relayouting = true;
    const bool hasData = m_scene.data.rows() > 0;
    // Scroll bars take room that changes the layout: settle in a few rounds.
    for (int round = 0; round < 3; ++round) {
        bool needH = false, needV = false;
        if (hasData) {
            const HeatmapGeometry g = currentGeometry();
            needH = g.maxScroll().width() > 0.5;
            needV = g.maxScroll().height() > 0.5;
        }
        if (needH == m_hbar->isVisibleTo(this) && needV == m_vbar->isVisibleTo(this)) break;
        m_hbar->setVisible(needH);
        m_vbar->setVisible(needV);
    }
    const int hh = m_hbar->sizeHint().height(), vw = m_vbar->sizeHint().width();
    m_hbar->setGeometry(0, height() - hh, width() - (m_vbar->isVisibleTo(this) ? vw : 0), hh);
    m_vbar->setGeometry(width() - vw, 0, vw, height() - (m_hbar->isVisibleTo(this) ? hh : 0));
    if (hasData) {
        const HeatmapGeometry g = currentGeometry();
        m_frame.scroll = g.scroll(); // clamped
        const QSizeF max = g.maxScroll();
        m_hbar->setRange(0, static_cast<int>(std::ceil(max.width())));
        m_hbar->setPageStep(std::max(1, static_cast<int>(g.viewportRect().width())));
        m_hbar->setSingleStep(std::max(1, static_cast<int>(g.cellSize())));
        m_hbar->setValue(static_cast<int>(std::lround(m_frame.scroll.x())));
        m_vbar->setRange(0, static_cast<int>(std::ceil(max.height())));
        m_vbar->setPageStep(std::max(1, static_cast<int>(g.viewportRect().height())));
        m_vbar->setSingleStep(std::max(1, static_cast<int>(g.cellSize())));
        m_vbar->setValue(static_cast<int>(std::lround(m_frame.scroll.y())));
    }
    m_relayouting = false;
}

void HeatmapView::setScrollPosition(const QPointF& scroll) {
    m_frame.scroll = scroll;
    relayout();
    invalidate();
}

void HeatmapView::ensureVisible(int query, int key) {
    if (m_scene.data.rows() == 0 || (query < 0 && key < 0)) return;
    const HeatmapGeometry g = currentGeometry();
    if (!g.scrollable()) return;
    const QPointF s = g.scrollToShow(query, key);
    if (s != m_frame.scroll) setScrollPosition(s);
}

void HeatmapView::zoomBy(double factor, const QPointF& anchor) {
    if (m_scene.data.rows() == 0) return;
    const HeatmapGeometry now = currentGeometry();
    const double fitCell = geometryFor(HeatmapFrame{}).cellSize();
    const double to = std::min(kMaxCell, now.cellSize() * factor);
    if (to <= fitCell * 1.001) return fit();
    if (std::abs(to - now.cellSize()) < 1e-9) return;
    const QPointF at = now.viewportRect().contains(anchor) ? anchor : now.viewportRect().center();
    const QPointF cells = now.cellsAt(at);
    m_frame.cellSize = to;
    m_frame.scroll = {};
    m_frame.scroll = currentGeometry().scrollToPlace(cells, at);
    relayout();
    // The scroll bars may have changed the viewport: place the point once more.
    m_frame.scroll = currentGeometry().scrollToPlace(cells, at);
    relayout();
    invalidate();
    Q_EMIT zoomChanged();
}

void HeatmapView::zoomIn() { zoomBy(kZoomStep, mapFromGlobal(QCursor::pos())); }
void HeatmapView::zoomOut() { zoomBy(1 / kZoomStep, mapFromGlobal(QCursor::pos())); }

void HeatmapView::fit() {
    m_frame.cellSize = 0;
    m_frame.scroll = {};
    relayout();
    invalidate();
    Q_EMIT zoomChanged();
}

void HeatmapView::setCellSize(double cellSize) {
    if (m_scene.data.rows() == 0 || !(cellSize > 0)) return fit();
    zoomBy(cellSize / currentGeometry().cellSize(), QPointF(-1, -1)); // outside the view: about its centre
}

QString HeatmapView::zoomText() const {
    if (m_scene.data.rows() == 0) return isFit() ? tr("fit") : QString();
    const double cell = currentGeometry().cellSize();
    const QString size = cell >= 1 ? tr("%1 px per token").arg(cell, 0, 'f', cell >= 10 ? 0 : 1)
                                   : tr("%1 tokens per px").arg(1 / cell, 0, 'f', 1);
    return isFit() ? tr("fit · %1").arg(size) : size;
}

void HeatmapView::draw(QPainter& p, const QRectF&, const FigureStyle& base) {
    const FigureStyle s = heatmapStyle(base);
    p.fillRect(rect(), s.background);
    const QRectF bounds = paintBounds();
    if (m_scene.data.rows() == 0) {
        p.setPen(s.muted);
        const QString notice = session()->notice().isEmpty() ? tr("Computing…") : session()->notice();
        p.drawText(bounds.adjusted(24, 24, -24, -24), Qt::AlignCenter | Qt::TextWordWrap, notice);
        return;
    }
    currentGeometry(); // measures the labels if the matrix or font changed
    HeatmapFrame frame = m_frame;
    frame.labelWidths = m_labelWidths;
    renderHeatmap(p, m_scene, bounds, s, frame, &m_raster);
    m_geometry = heatmapGeometry(p, m_scene, bounds, s, frame);
}

void HeatmapView::drawOverlay(QPainter& p) {
    if (hasFocus()) { // the arrow keys move the selection: show where the keyboard is
        p.save();
        p.setPen(QPen(palette().color(QPalette::Highlight), 2));
        p.setBrush(Qt::NoBrush);
        p.drawRect(QRectF(rect()).adjusted(1, 1, -1, -1));
        p.restore();
    }
    if (!m_hover || !m_geometry) return;
    p.setClipRect(m_geometry->viewportRect().adjusted(-1, -1, 1, 1));
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(palette().color(QPalette::Text), 1.5, Qt::DashLine));
    p.setBrush(Qt::NoBrush);
    const QRectF cell = m_geometry->cellRect(m_hover->y(), m_hover->x());
    // Cells smaller than the pen still get a visible mark around them.
    const double grow = std::max(0.0, (6 - cell.width()) / 2);
    p.drawRect(cell.adjusted(1 - grow, 1 - grow, grow - 1, grow - 1));
}

void HeatmapView::focusInEvent(QFocusEvent* event) {
    PaintedView::focusInEvent(event);
    update(); // the focus frame is an overlay: the cached picture stays
}

void HeatmapView::focusOutEvent(QFocusEvent* event) {
    PaintedView::focusOutEvent(event);
    update();
}

QRectF HeatmapView::cellRect(int query, int key) const {
    return m_geometry ? m_geometry->cellRect(query, key) : QRectF();
}

void HeatmapView::showToolTip(const QPoint& cell, const QPoint& globalPos) {
    const MatrixData& d = m_scene.data;
    const int q = cell.y(), k = cell.x();
    const QString value = d.masked(q, k) ? tr("masked (a query cannot see later keys)")
                                         : formatValue(d.values(q, k), !d.diverging);
    QToolTip::showText(globalPos,
                       tr("%1 → %2: %3").arg(d.rowLabels[q], d.columnLabels[k], value) + u'\n' +
                           tr("the %1 of query %2 “%3” for key %4 “%5”")
                               .arg(d.valueName).arg(q).arg(d.rowLabels[q]).arg(k).arg(d.columnLabels[k]),
                       this);
}

void HeatmapView::mouseMoveEvent(QMouseEvent* event) {
    if (m_pressPos && (event->buttons() & Qt::LeftButton)) {
        const QPointF delta = event->position() - *m_pressPos;
        if (!m_dragging && delta.manhattanLength() >= QApplication::startDragDistance() && currentGeometry().scrollable()) {
            m_dragging = true;
            setCursor(Qt::ClosedHandCursor);
        }
        if (m_dragging) {
            setScrollPosition(m_pressScroll - delta);
            return;
        }
    }
    const auto cell = m_geometry ? m_geometry->cellAt(event->position()) : std::nullopt;
    if (cell != m_hover) {
        m_hover = cell;
        update();
    }
    if (!cell) {
        QToolTip::hideText();
        return;
    }
    showToolTip(*cell, event->globalPosition().toPoint());
}

void HeatmapView::leaveEvent(QEvent* event) {
    m_hover.reset();
    update();
    PaintedView::leaveEvent(event);
}

void HeatmapView::mousePressEvent(QMouseEvent* event) {
    setFocus();
    if (event->button() != Qt::LeftButton) return;
    m_pressPos = event->position();
    m_pressScroll = m_frame.scroll;
    m_dragging = false;
}

void HeatmapView::mouseReleaseEvent(QMouseEvent* event) {
    const bool click = m_pressPos && !m_dragging && event->button() == Qt::LeftButton;
    m_pressPos.reset();
    if (m_dragging) {
        m_dragging = false;
        unsetCursor();
        return;
    }
    if (!click) return;
    if (const auto cell = m_geometry ? m_geometry->cellAt(event->position()) : std::nullopt) {
        Selection sel = session()->selection();
        sel.query = cell->y();
        sel.key = cell->x();
        session()->setSelection(sel);
    }
}

void HeatmapView::wheelEvent(QWheelEvent* event) {
    const QPoint delta = event->angleDelta();
    if (event->modifiers() & Qt::ControlModifier) {
        if (delta.y() != 0) zoomBy(std::pow(kZoomStep, delta.y() / 120.0), event->position());
        event->accept();
        return;
    }
    const HeatmapGeometry g = currentGeometry();
    if (!g.scrollable()) return event->ignore();
    // The wheel scrolls down; with Shift (or a sideways wheel, or nothing to scroll down) across.
    QPointF step(-delta.x(), -delta.y());
    if ((event->modifiers() & Qt::ShiftModifier) || g.maxScroll().height() <= 0) step = QPointF(-delta.y() - delta.x(), 0);
    setScrollPosition(m_frame.scroll + step * (std::max(g.cellSize(), 8.0) * 3 / 120.0));
    event->accept();
}

void HeatmapView::resizeEvent(QResizeEvent* event) {
    PaintedView::resizeEvent(event);
    relayout();
}

void HeatmapView::keyPressEvent(QKeyEvent* event) {
    // The zoom keys also work where the window's shortcuts do not reach (an inactive window).
    if (event->matches(QKeySequence::ZoomIn) || event->keyCombination() == QKeyCombination(Qt::CTRL, Qt::Key_Equal))
        return zoomIn();
    if (event->matches(QKeySequence::ZoomOut)) return zoomOut();
    if (event->keyCombination() == QKeyCombination(Qt::CTRL, Qt::Key_0)) return fit();
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
