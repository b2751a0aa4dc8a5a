// SPDX-License-Identifier: MIT
#include "painters/heatmap_geometry.h"

#include <algorithm>
#include <cmath>

namespace qkview::ui {

namespace {
constexpr double kMinFontScale = 0.6;  // labels below ~60% of the base font are no longer legible
constexpr double kLineFill = 0.9;      // a label may take this much of a cell's height
} // namespace

HeatmapGeometry::HeatmapGeometry(const HeatmapLayoutInput& input) : m_input(input) { layout(); }

double HeatmapGeometry::leftWidth() const {
    return textHeight() + gap() + m_input.rowLabelWidth * m_scale + gap();
}

double HeatmapGeometry::topHeight() const {
    const double labels = m_rotated ? m_input.columnLabelWidth * m_scale : textHeight();
    return textHeight() + gap() + labels + gap();
}

double HeatmapGeometry::colorBarWidth() const {
    if (m_input.colorBarLabelWidth <= 0) return 0;
    return 2 * gap() + textHeight() + gap() + m_input.colorBarLabelWidth * m_scale + gap();
}

void HeatmapGeometry::layout() {
    const int rows = std::max(1, m_input.rows), cols = std::max(1, m_input.columns);
    const QRectF& b = m_input.bounds;
    const auto placeCells = [&] {
        m_rotated = false;
        const auto cellFor = [&] {
            return std::min((b.width() - leftWidth() - colorBarWidth()) / cols, (b.height() - topHeight()) / rows);
        };
        m_cell = cellFor();
        if (m_input.columnLabelWidth * m_scale > m_cell * 0.92) {
            m_rotated = true;
            m_cell = cellFor();
        }
        m_cell = std::max({m_cell, m_input.minCellSize, 1.0});
    };
    // Shrinking the font changes the label areas, which changes the cells: a few rounds settle it.
    for (int round = 0; round < 6; ++round) {
        placeCells();
        const double wanted = std::clamp(m_cell * kLineFill / m_input.textHeight, kMinFontScale, 1.0);
        if (std::abs(wanted - m_scale) < 1e-3) break;
        m_scale = wanted;
    }
    placeCells(); // the cells for the final font
    m_labelStep = std::max(1, static_cast<int>(std::ceil(textHeight() / (m_cell * kLineFill) - 1e-9)));
    const double width = leftWidth() + cols * m_cell + colorBarWidth();
    const double height = topHeight() + rows * m_cell;
    m_origin = QPointF(b.left() + std::max(0.0, (b.width() - width) / 2) + leftWidth(),
                       b.top() + std::max(0.0, (b.height() - height) / 2) + topHeight());
}

QRectF HeatmapGeometry::matrixRect() const {
    return {m_origin, QSizeF(m_input.columns * m_cell, m_input.rows * m_cell)};
}

QRectF HeatmapGeometry::cellRect(int row, int column) const {
    return {m_origin.x() + column * m_cell, m_origin.y() + row * m_cell, m_cell, m_cell};
}

std::optional<QPoint> HeatmapGeometry::cellAt(const QPointF& p) const {
    if (!matrixRect().contains(p)) return std::nullopt;
    const int column = std::min(m_input.columns - 1, static_cast<int>((p.x() - m_origin.x()) / m_cell));
    const int row = std::min(m_input.rows - 1, static_cast<int>((p.y() - m_origin.y()) / m_cell));
    return QPoint(column, row);
}

QRectF HeatmapGeometry::rowLabelRect(int row) const {
    const double width = m_input.rowLabelWidth * m_scale;
    return {m_origin.x() - gap() - width, m_origin.y() + row * m_cell, width, m_cell};
}

QRectF HeatmapGeometry::columnLabelRect(int column) const {
    return {m_origin.x() + column * m_cell, m_origin.y() - gap() - textHeight(), m_cell, textHeight()};
}

QPointF HeatmapGeometry::columnLabelAnchor(int column) const {
    return {m_origin.x() + (column + 0.5) * m_cell, m_origin.y() - gap()};
}

QRectF HeatmapGeometry::columnAxisTitleRect() const {
    return {m_origin.x(), m_origin.y() - topHeight(), m_input.columns * m_cell, textHeight()};
}

QRectF HeatmapGeometry::rowAxisTitleRect() const {
    return {m_origin.x() - leftWidth(), m_origin.y(), textHeight(), m_input.rows * m_cell};
}

QRectF HeatmapGeometry::colorBarRect() const {
    if (m_input.colorBarLabelWidth <= 0) return {};
    const QRectF m = matrixRect();
    const double height = std::max(m.height(), 4 * textHeight());
    return {m.right() + 2 * gap(), m.top(), textHeight(), height};
}

double HeatmapGeometry::colorBarLabelLeft() const { return colorBarRect().right() + gap(); }

QSizeF HeatmapGeometry::minimumSize() const {
    return {leftWidth() + m_input.columns * m_input.minCellSize + colorBarWidth(),
            topHeight() + m_input.rows * m_input.minCellSize};
}

} // namespace qkview::ui
