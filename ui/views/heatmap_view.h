// SPDX-License-Identifier: MIT
#pragma once
// The centre of the window: the selected head's matrix. Hover shows the exact value, a click
// selects the (query, key) pair, arrow keys move the selection.
#include "painters/heatmap_painter.h"
#include "views/painted_view.h"

#include <optional>

namespace qkview::ui {

class HeatmapView : public PaintedView {
    Q_OBJECT
public:
    explicit HeatmapView(Session* session, QWidget* parent = nullptr);

    const HeatmapScene& scene() const { return m_scene; }
    // Where the cell (query, key) was last drawn, in widget coordinates; empty before the first paint.
    QRectF cellRect(int query, int key) const;
    QSize sizeHint() const override { return {640, 560}; }

protected:
    void updateScene() override;
    void draw(QPainter& painter, const QRectF& bounds, const FigureStyle& style) override;
    void drawOverlay(QPainter& painter) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    FigureStyle heatmapStyle(FigureStyle style) const;
    std::optional<QPoint> cellAt(const QPointF& p) const;

    HeatmapScene m_scene;
    std::optional<HeatmapGeometry> m_geometry; // of the cached picture
    std::optional<QPoint> m_hover;
};

} // namespace qkview::ui
