// SPDX-License-Identifier: MIT
#pragma once
#include "views/painted_view.h"
#include "painters/scatter_painter.h"
#include "painters/vector_painter.h"

namespace qkview::ui {

// Q, K and V of the selected query token as strips, and below them every token's query and key as points on
// their first two principal axes (scatter_painter.h).
class VectorView : public PaintedView {
    Q_OBJECT
public:
    explicit VectorView(Session* session, QWidget* parent = nullptr);

protected:
    void updateScene() override;
    void draw(QPainter& painter, const QRectF& bounds, const FigureStyle& style) override;

private:
    VectorScene m_scene;
    ScatterScene m_points;
};

} // namespace qkview::ui
