// SPDX-License-Identifier: MIT
#pragma once
#include "views/painted_view.h"
#include "painters/vector_painter.h"

namespace qkview::ui {

// Q, K and V of the selected query token.
class VectorView : public PaintedView {
    Q_OBJECT
public:
    explicit VectorView(Session* session, QWidget* parent = nullptr);

protected:
    void updateScene() override;
    void draw(QPainter& painter, const QRectF& bounds, const FigureStyle& style) override;

private:
    VectorScene m_scene;
};

} // namespace qkview::ui
