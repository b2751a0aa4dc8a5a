// SPDX-License-Identifier: MIT
#pragma once
// Every layer × head of the trace as thumbnails; hover names the head, a click selects it. Thumbnails
// are coloured once per trace and style; a selection change only redraws the cached images.
#include "painters/head_grid_painter.h"
#include "views/painted_view.h"

#include <optional>

namespace qkview::ui {

class HeadGridView : public PaintedView {
    Q_OBJECT
public:
    explicit HeadGridView(Session* session, QWidget* parent = nullptr);

    const HeadGridScene& scene() const { return m_scene; }
    // Where the head's thumbnail was last drawn, in widget coordinates; empty before the first paint.
    QRectF thumbRect(int layer, int head) const;
    // How many times the thumbnails were coloured (they must not be on every paint).
    int thumbnailBuilds() const { return m_builds; }
    QSize sizeHint() const override { return {420, 360}; }

protected:
    void updateScene() override;
    void showEvent(QShowEvent* event) override;
    void draw(QPainter& painter, const QRectF& bounds, const FigureStyle& style) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    std::optional<QPoint> headAt(const QPointF& p) const;

    HeadGridScene m_scene;
    TracePtr m_sceneTrace; // what the thumbnails were built from (held, so a new trace never reuses its address)
    MatrixKind m_sceneKind = MatrixKind::Weights;
    ColormapId m_sceneColormap = ColormapId::Viridis;
    QRgb m_sceneMasked = 0;
    std::optional<HeadGridGeometry> m_geometry; // of the cached picture
    int m_builds = 0;
};

} // namespace qkview::ui
