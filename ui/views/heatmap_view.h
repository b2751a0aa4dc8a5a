// SPDX-License-Identifier: MIT
#pragma once
// The centre of the window: the selected head's matrix. Fits the whole matrix by default (cells
// smaller than a pixel are pooled by maximum); Ctrl+wheel, Ctrl++ and Ctrl+− zoom, Ctrl+0 fits again;
// scroll bars, the wheel and dragging pan while the labels and the colour bar stay in place.
// Hover shows the exact value, a click selects the (query, key) pair, arrow keys move the selection.
#include "painters/heatmap_painter.h"
#include "painters/heatmap_raster.h"
#include "views/painted_view.h"

#include <optional>

class QAction;
class QScrollBar;

namespace qkview::ui {

class HeatmapView : public PaintedView {
    Q_OBJECT
public:
    explicit HeatmapView(Session* session, QWidget* parent = nullptr);

    const HeatmapScene& scene() const { return m_scene; }
    // Where the cell (query, key) was last drawn, in widget coordinates; empty before the first paint.
    QRectF cellRect(int query, int key) const;
    // The layout of the current frame at the current size (not waiting for a paint).
    HeatmapGeometry currentGeometry() const;
    QSize sizeHint() const override { return {640, 560}; }

    bool isFit() const { return m_frame.cellSize <= 0; }
    double cellSize() const { return currentGeometry().cellSize(); }
    QPointF scrollPosition() const { return m_frame.scroll; }
    void zoomIn();
    void zoomOut();
    void fit();
    // Zooms to cellSize pixels per token about the centre (as a lesson restores it); fits when that is smaller.
    void setCellSize(double cellSize);
    // Multiplies the cell size by factor keeping the matrix point under anchor (widget coordinates) in place.
    void zoomBy(double factor, const QPointF& anchor);
    void setScrollPosition(const QPointF& scroll);
    // Zoom in, zoom out, fit: window-wide shortcuts, for menus and tool buttons.
    QList<QAction*> zoomActions() const { return m_zoomActions; }
    // "fit", or the cell size, for the zoom label.
    QString zoomText() const;

Q_SIGNALS:
    void zoomChanged();

protected:
    void updateScene() override;
    void draw(QPainter& painter, const QRectF& bounds, const FigureStyle& style) override;
    void drawOverlay(QPainter& painter) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    FigureStyle heatmapStyle(FigureStyle style) const;
    HeatmapGeometry geometryFor(const HeatmapFrame& frame) const;
    QRectF paintBounds() const; // the widget without its visible scroll bars
    void relayout();            // scroll bars for the current frame and size
    void ensureVisible(int query, int key);
    void showToolTip(const QPoint& cell, const QPoint& globalPos);

    HeatmapScene m_scene;
    HeatmapFrame m_frame;
    HeatmapRaster m_raster;
    mutable std::optional<QSizeF> m_labelWidths; // widest row and column label of the matrix, at m_labelFont
    mutable QFont m_labelFont;
    mutable LabelWidthCache m_labelWidthCache;     // every label measured at m_labelFont, across traces
    std::optional<HeatmapGeometry> m_geometry; // of the cached picture
    std::optional<QPoint> m_hover;
    QScrollBar* m_hbar;
    QScrollBar* m_vbar;
    QList<QAction*> m_zoomActions;
    // What the scene was made from: a new matrix only when one of these changes.
    const void* m_sourceTrace = nullptr;
    int m_sourceLayer = -1, m_sourceHead = -1;
    MatrixKind m_sourceKind = MatrixKind::Weights;
    PairFilter m_sourcePairs = PairFilter::All;
    Selection m_lastSelection;
    // Dragging pans; a press released without moving selects.
    std::optional<QPointF> m_pressPos;
    QPointF m_pressScroll;
    bool m_dragging = false;
    bool m_relayouting = false;
};

} // namespace qkview::ui
