// SPDX-License-Identifier: MIT
#include "views/head_grid_view.h"

#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

namespace qkview::ui {

namespace {
constexpr double kMinThumb = 28.0;           // below this the view grows and its scroll area scrolls
constexpr double kBackgroundCells = 4'000'000; // L·NH·T² above which thumbnails are made off the GUI thread
} // namespace

HeadGridView::HeadGridView(Session* session, QWidget* parent) : PaintedView(session, parent) {
    setMouseTracking(true);
    setAccessibleName(tr("Head grid: every layer and head"));
    setAccessibleDescription(tr("A thumbnail of every head's attention, one row per layer; click one to select that head"));
    setMinimumSize(200, 150);
    qRegisterMetaType<HeadGridScenePtr>();
    auto* worker = new ThumbnailWorker(m_latest);
    worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, worker, &QObject::deleteLater);
    connect(this, &HeadGridView::requestThumbnails, worker, &ThumbnailWorker::compute, Qt::QueuedConnection);
    connect(worker, &ThumbnailWorker::ready, this, &HeadGridView::onThumbnails, Qt::QueuedConnection);
    m_thread.setObjectName(QStringLiteral("qkview thumbnails"));
    m_thread.start(QThread::LowPriority);
}

HeadGridView::~HeadGridView() {
    m_latest->fetch_add(1); // a request still running stops at its next head
    m_thread.quit();
    m_thread.wait();
}

void HeadGridView::onThumbnails(quint64 generation, const HeadGridScenePtr& scene) {
    if (generation != m_latest->load()) return;
    m_pending = false;
    m_scene = *scene;
    m_scene.colorByType = m_colorByType;
    const Selection& sel = session()->selection();
    m_scene.selectedLayer = sel.layer;
    m_scene.selectedHead = sel.head;
    finishScene(style());
    invalidate();
    Q_EMIT scoresChanged();
}

void HeadGridView::setColorByType(bool on) {
    m_colorByType = on;
    m_scene.colorByType = on;
    invalidate();
}

void HeadGridView::updateScene() {
    const TracePtr& trace = session()->trace();
    const Selection& sel = session()->selection();
    if (!trace) {
        m_scene = {};
        m_scene.colorByType = m_colorByType;
        m_sceneTrace.reset();
        m_geometry.reset();
        Q_EMIT scoresChanged();
        return;
    }
    const FigureStyle s = style();
    const MatrixKind kind = session()->viewOptions().kind;
    if (trace != m_sceneTrace || kind != m_sceneKind) {
        m_sceneTrace = trace;
        m_sceneKind = kind;
        const double cells = static_cast<double>(trace->layerCount()) * trace->headCount() *
                             static_cast<double>(trace->tokenCount()) * trace->tokenCount();
        if (cells > kBackgroundCells) {
            // The grid keeps showing the previous thumbnails until the new ones arrive.
            m_pending = true;
            Q_EMIT requestThumbnails(m_latest->fetch_add(1) + 1, trace, static_cast<int>(kind), sel.layer, sel.head);
            m_scene.selectedLayer = sel.layer;
            m_scene.selectedHead = sel.head;
            return;
        }
        m_latest->fetch_add(1); // a background request for an older trace is no longer wanted
        m_pending = false;
        m_scene = headGridData(*trace, kind, sel.layer, sel.head);
        m_scene.colorByType = m_colorByType;
        finishScene(s);
        Q_EMIT scoresChanged();
        return;
    }
    m_scene.selectedLayer = sel.layer;
    m_scene.selectedHead = sel.head;
    finishScene(s);
}

void HeadGridView::finishScene(const FigureStyle& s) {
    if (s.colormap != m_sceneColormap || s.masked.rgb() != m_sceneMasked ||
        m_scene.thumbnails.size() != m_scene.matrices.size()) {
        colorThumbnails(m_scene, s);
        ++m_builds;
    }
    m_sceneColormap = s.colormap;
    m_sceneMasked = s.masked.rgb();
    QPixmap probe(1, 1); // font metrics for the minimum size
    QPainter measure(&probe);
    const HeadGridGeometry g = headGridGeometry(measure, m_scene, QRectF(0, 0, 1, 1), s, kMinThumb);
    setMinimumSize(g.minimumSize().toSize() + QSize(8, 8));
}

void HeadGridView::draw(QPainter& p, const QRectF& bounds, const FigureStyle& s) {
    if (m_scene.layers == 0) {
        p.fillRect(bounds, s.background);
        p.setPen(s.muted);
        p.drawText(bounds.adjusted(24, 24, -24, -24), Qt::AlignCenter | Qt::TextWordWrap,
                   m_pending || session()->notice().isEmpty() ? tr("Drawing and scoring every head…") : session()->notice());
        return;
    }
    FigureStyle raster = s;
    raster.rasterCells = true; // the screen draws the cached thumbnails
    renderHeadGrid(p, m_scene, bounds, raster, kMinThumb);
    m_geometry = headGridGeometry(p, m_scene, bounds, raster, kMinThumb);
}

QRectF HeadGridView::thumbRect(int layer, int head) const {
    return m_geometry ? m_geometry->thumbRect(layer, head) : QRectF();
}

std::optional<QPoint> HeadGridView::headAt(const QPointF& p) const {
    if (!m_geometry) return std::nullopt;
    return m_geometry->headAt(p);
}

void HeadGridView::mouseMoveEvent(QMouseEvent* event) {
    const auto at = headAt(event->position());
    const TracePtr& trace = session()->trace();
    if (!at || !trace) {
        QToolTip::hideText();
        return;
    }
    const int layer = at->y(), head = at->x();
    QString text = tr("Layer %1, head %2: %3").arg(layer).arg(head).arg(trace->config.headName(layer, head));
    const auto& info = trace->config.headInfo;
    if (layer < static_cast<int>(info.size()) && head < static_cast<int>(info[layer].size()) &&
        !info[layer][head].description.isEmpty())
        text += u'\n' + info[layer][head].description;
    QToolTip::showText(event->globalPosition().toPoint(), text, this);
}

void HeadGridView::mousePressEvent(QMouseEvent* event) {
    if (const auto at = headAt(event->position())) {
        Selection sel = session()->selection();
        sel.layer = at->y();
        sel.head = at->x();
        session()->setSelection(sel);
    }
}

} // namespace qkview::ui
