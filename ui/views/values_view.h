// SPDX-License-Identifier: MIT
#pragma once
#include "views/painted_view.h"
#include "painters/values_painter.h"

namespace qkview::ui {

// Qt Charts of the selected query's weights and of each key's contribution to its output.
class ValuesView : public PaintedView {
    Q_OBJECT
public:
    explicit ValuesView(Session* session, QWidget* parent = nullptr);

protected:
    void updateScene() override;
    void draw(QPainter& painter, const QRectF& bounds, const FigureStyle& style) override;

private:
    ValuesScene m_scene;
    ValuesCharts m_charts;
};

} // namespace qkview::ui
