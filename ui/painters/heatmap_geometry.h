// SPDX-License-Identifier: MIT
#pragma once
// Where every part of a heatmap goes inside a rectangle: a pure value type, tested without painting.
#include <QPoint>
#include <QRectF>

#include <optional>

namespace qkview::ui {

struct HeatmapLayoutInput {
    QRectF bounds;
    int rows = 0;    // queries
    int columns = 0; // keys
    double rowLabelWidth = 0;    // widest query label at the base font
    double columnLabelWidth = 0; // widest key label at the base font
    double textHeight = 12;      // line height at the base font
    double colorBarLabelWidth = 0; // widest tick label; 0 for no colour bar
    double minCellSize = 0;        // the screen scrolls rather than shrinking cells below this
};

class HeatmapGeometry {
public:
    explicit HeatmapGeometry(const HeatmapLayoutInput& input);

    double cellSize() const { return m_cell; }
    // Labels are drawn at fontScale × the base font so that they never overlap.
    double fontScale() const { return m_scale; }
    double textHeight() const { return m_input.textHeight * m_scale; }
    bool columnLabelsRotated() const { return m_rotated; }
    // Draw every labelStep()-th label when even the smallest font is taller than a cell.
    int labelStep() const { return m_labelStep; }

    QRectF matrixRect() const;
    QRectF cellRect(int row, int column) const;
    std::optional<QPoint> cellAt(const QPointF& p) const; // x = column (key), y = row (query)
    QRectF rowLabelRect(int row) const;                   // right-aligned text left of the row
    QRectF columnLabelRect(int column) const;             // unrotated: the box above the column
    QPointF columnLabelAnchor(int column) const;          // rotated: the text starts here and runs upward
    QRectF columnAxisTitleRect() const;
    QRectF rowAxisTitleRect() const;                      // to be drawn rotated
    QRectF colorBarRect() const;                          // empty without a colour bar
    double colorBarLabelLeft() const;
    // The smallest size that fits everything with cells of minCellSize (for scroll areas).
    QSizeF minimumSize() const;

private:
    void layout();
    double gap() const { return textHeight() * 0.4; }
    double leftWidth() const;
    double topHeight() const;
    double colorBarWidth() const;

    HeatmapLayoutInput m_input;
    double m_cell = 0;
    double m_scale = 1;
    bool m_rotated = false;
    int m_labelStep = 1;
    QPointF m_origin; // top-left of the matrix
};

} // namespace qkview::ui
