// SPDX-License-Identifier: MIT
#pragma once
// Every layer × head of the trace as thumbnails; hover names the head, a click selects it. Thumbnails
// are coloured once per trace and style; a selection change only redraws the cached images.
#include "painters/head_grid_painter.h"
#include "session/thumbnail_worker.h"
#include "views/painted_view.h"

#include <QThread>

#include <atomic>
#include <optional>

namespace qkview::ui {

class HeadGridView : public PaintedView {
    Q_OBJECT
public:
    explicit HeadGridView(Session* session, QWidget* parent = nullptr);
    ~HeadGridView() override;
    // True while thumbnails for the newest trace are being made in the background.
    bool isUpdating() const { return m_pending; }

    const HeadGridScene& scene() const { return m_scene; }
    // Where the head's thumbnail was last drawn, in widget coordinates; empty before the first paint.
    QRectF thumbRect(int layer, int head) const;
    // How many times the thumbnails were coloured (they must not be on every paint).
    int thumbnailBuilds() const { return m_builds; }
    QSize sizeHint() const override { return {420, 360}; }
    // Frames each head in the colour of its measured type (head_grid_painter.h).
    void setColorByType(bool on);
    bool colorsByType() const { return m_colorByType; }

protected:
    void updateScene() override;
    void draw(QPainter& painter, const QRectF& bounds, const FigureStyle& style) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

Q_SIGNALS:
    void requestThumbnails(quint64 generation, const qkview::TracePtr& trace, int kind, int layer, int head);
    void scoresChanged(); // the scene has every head's scores for a new trace

private:
    std::optional<QPoint> headAt(const QPointF& p) const;
    void onThumbnails(quint64 generation, const HeadGridScenePtr& scene);
    void finishScene(const FigureStyle& style);

    HeadGridScene m_scene;
    TracePtr m_sceneTrace; // what the thumbnails were built from (held, so a new trace never reuses its address)
    MatrixKind m_sceneKind = MatrixKind::Weights;
    ColormapId m_sceneColormap = ColormapId::Viridis;
    QRgb m_sceneMasked = 0;
    std::optional<HeadGridGeometry> m_geometry; // of the cached picture
    int m_builds = 0;
    bool m_colorByType = false;

    // Large traces: thumbnails from a worker thread, the newest request winning.
    QThread m_thread;
    std::shared_ptr<std::atomic<quint64>> m_latest = std::make_shared<std::atomic<quint64>>(0);
    bool m_pending = false;
};

} // namespace qkview::ui
