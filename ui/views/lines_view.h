// SPDX-License-Identifier: MIT
#pragma once
#include "painters/lines_painter.h"
#include "views/painted_view.h"

namespace qkview::ui {

// Token-to-token lines of the selected head; hovering a token shows only its lines.
class LinesView : public PaintedView {
    Q_OBJECT
public:
    explicit LinesView(Session* session, QWidget* parent = nullptr);
    const LinesScene& scene() const { return m_scene; }

protected:
    void updateScene() override;
    void draw(QPainter& painter, const QRectF& bounds, const FigureStyle& style) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    int tokenAt(const QPointF& p, int* side);
    LinesScene m_scene;
    int m_hoverSide = -1, m_hoverToken = -1;
};

} // namespace qkview::ui
