// SPDX-License-Identifier: MIT
#pragma once
// Where every part of a heatmap goes inside a rectangle: a pure value type, tested without painting.
// Two modes: fit (cellSize 0: the whole matrix in the rectangle, cells may be smaller than a pixel)
// and zoom (a given cell size; the matrix scrolls inside a viewport while the row and column labels
// and the colour bar stay put around it, like frozen panes). Fit mode may make cells wider than tall
// (maxCellAspect > 1, figures: room for numbers and no empty bands beside the matrix); zoom cells are square.
#include <QPoint>
#include <QRectF>
#include <QSizeF>

#include <optional>
#include <utility>

namespace qkview::ui {

struct HeatmapLayoutInput {
    QRectF bounds;
    int rows = 0;    // queries
    int columns = 0; // keys
    double rowLabelWidth = 0;    // widest query label at the base font
    double columnLabelWidth = 0; // widest key label at the base font
    double textHeight = 12;      // line height at the base font
    double colorBarLabelWidth = 0; // widest tick label; 0 for no colour bar
    double minCellSize = 0;        // fit mode never shrinks cells below this (the matrix scrolls instead)
    double minFontScale = 0.6;     // labels shrink to fit cells down to this fraction of the base font, then thin
    double cellSize = 0;           // 0: fit; else the zoomed cell size
    double maxCellAspect = 1;      // fit mode: cells may be up to this many times wider than tall (1: square)
    QPointF scroll;                // how far the matrix is scrolled (content pixels), clamped by the layout
};

class HeatmapGeometry {
public:
    explicit HeatmapGeometry(const HeatmapLayoutInput& input);

    const HeatmapLayoutInput& input() const { return m_input; }
    // Cells are never taller than wide: cellSize() is the height, the side of square cells.
    double cellSize() const { return m_cell.height(); }
    double cellWidth() const { return m_cell.width(); }
    double cellHeight() const { return m_cell.height(); }
    // Labels are drawn at fontScale × the base font so that they never overlap.
    double fontScale() const { return m_scale; }
    double textHeight() const { return m_input.textHeight * m_scale; }
    bool columnLabelsRotated() const { return m_rotated; }
    // Draw every labelStep()-th label when even the smallest font is taller than a cell.
    int labelStep() const { return m_labelStep; }
    // The same for rotated column labels, which stand side by side across the (maybe wider) cells.
    int columnLabelStep() const { return m_columnLabelStep; }

    // The whole matrix where it is drawn (scrolled; may reach outside the viewport).
    QRectF matrixRect() const;
    // The part of the matrix on screen: cells are clipped to it, labels follow its rows and columns.
    QRectF viewportRect() const { return m_viewport; }
    QSizeF contentSize() const;
    QPointF scroll() const { return m_scroll; }  // clamped
    QSizeF maxScroll() const;                    // 0 × 0 when everything is visible
    bool scrollable() const { return maxScroll().width() > 0 || maxScroll().height() > 0; }
    // First and last row (column) with any part in the viewport; first > last when none.
    std::pair<int, int> visibleRows() const;
    std::pair<int, int> visibleColumns() const;

    QRectF cellRect(int row, int column) const;
    std::optional<QPoint> cellAt(const QPointF& p) const; // x = column (key), y = row (query); only in the viewport
    QRectF rowLabelRect(int row) const;                   // right-aligned text left of the row
    QRectF columnLabelRect(int column) const;             // unrotated: the box above the column
    QPointF columnLabelAnchor(int column) const;          // rotated: the text starts here and runs upward
    QRectF columnAxisTitleRect() const;
    QRectF rowAxisTitleRect() const;                      // to be drawn rotated
    QRectF colorBarRect() const;                          // empty without a colour bar
    double colorBarLabelLeft() const;
    // The smallest size that fits everything with cells of minCellSize.
    QSizeF minimumSize() const;
    // Everything drawn: axis titles, labels, matrix (its visible part), colour bar and its labels.
    QRectF usedRect() const;

    // The scroll that brings cell (row, column) fully into view, moving as little as possible.
    QPointF scrollToShow(int row, int column) const;
    // The scroll that puts the matrix point `cells` (in cell units, fractional) under `point`.
    QPointF scrollToPlace(const QPointF& cells, const QPointF& point) const;
    // Where p is in the matrix, in cell units (fractional; may be outside 0..rows).
    QPointF cellsAt(const QPointF& p) const;

private:
    void layout();
    void place();
    double gap() const { return textHeight() * 0.4; }
    double bottomHeight() const;
    double leftWidth() const;
    double topHeight() const;
    double colorBarWidth() const;

    HeatmapLayoutInput m_input;
    QSizeF m_cell;
    double m_scale = 1;
    bool m_rotated = false;
    int m_labelStep = 1;
    int m_columnLabelStep = 1;
    QPointF m_origin; // top-left of the (scrolled) matrix
    QPointF m_scroll;
    QRectF m_viewport;
};

} // namespace qkview::ui
