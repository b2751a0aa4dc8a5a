// SPDX-License-Identifier: MIT
#pragma once
#include "painters/math_painter.h"
#include "views/painted_view.h"

namespace qkview::ui {

// The numbers of the selected (query, key) pair, step by step, and the query's weighted sum of values.
class MathView : public PaintedView {
    Q_OBJECT
public:
    explicit MathView(Session* session, QWidget* parent = nullptr);
    const MathScene& scene() const { return m_scene; }
    // Where each piece of text is drawn at the view's size.
    MathLayout currentLayout() const;

protected:
    void updateScene() override;
    void draw(QPainter& painter, const QRectF& bounds, const FigureStyle& style) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void updateHeight();

    MathScene m_scene;
};

} // namespace qkview::ui
