// SPDX-License-Identifier: MIT
#include "painters/heatmap_geometry.h"

#include "painters/label_text.h"

#include <algorithm>
#include <cmath>

namespace qkview::ui {

namespace {
constexpr double kLineFill = 0.9;      // a label may take this much of a cell's height
constexpr double kSmallestCell = 1e-3; // fit mode: a 1,000-token matrix in a thumbnail still lays out
constexpr double kSlack = 1e-6;        // content this much larger than the viewport still counts as fitting
} // namespace

HeatmapGeometry::HeatmapGeometry(const HeatmapLayoutInput& input) : m_input(input) { layout(); }

double HeatmapGeometry::leftWidth() const {
    return textHeight() + gap() + m_input.rowLabelWidth * m_scale + gap();
}

double HeatmapGeometry::topHeight() const {
    const double labels = m_rotated ? m_input.columnLabelWidth * m_scale : textHeight();
    return textHeight() + gap() + labels + gap();
}

// The colour bar's lowest tick label reaches half a line below the matrix.
double HeatmapGeometry::bottomHeight() const { return m_input.colorBarLabelWidth > 0 ? textHeight() * 0.5 : 0; }

double HeatmapGeometry::colorBarWidth() const {
    if (m_input.colorBarLabelWidth <= 0) return 0;
    return 2 * gap() + textHeight() + gap() + m_input.colorBarLabelWidth * m_scale + gap();
}

void HeatmapGeometry::layout() {
    const int rows = std::max(1, m_input.rows), cols = std::max(1, m_input.columns);
    const QRectF& b = m_input.bounds;
    // The font follows the cell height (rows of labels), the column labels' rotation the cell width.
    const auto fontFor = [&](double cellHeight) {
        return std::clamp(cellHeight * kLineFill / m_input.textHeight, std::min(1.0, m_input.minFontScale), 1.0);
    };
    const auto tooWide = [&](double cellWidth) { return m_input.columnLabelWidth * m_scale > cellWidth * 0.92; };
    if (m_input.cellSize > 0) { // zoom: the cell size is given, the font follows it
        m_cell = QSizeF(m_input.cellSize, m_input.cellSize);
        m_scale = fontFor(m_input.cellSize);
        m_rotated = tooWide(m_input.cellSize);
    } else {
        const auto placeCells = [&] {
            m_rotated = false;
            const auto cellFor = [&] {
                const double w = (b.width() - leftWidth() - colorBarWidth()) / cols;
                const double h = (b.height() - topHeight() - bottomHeight()) / rows;
                const double height = std::max({std::min(w, h), m_input.minCellSize, kSmallestCell});
                return QSizeF(std::max(height, std::min(w, height * std::max(1.0, m_input.maxCellAspect))), height);
            };
            m_cell = cellFor();
            if (tooWide(m_cell.width())) {
                m_rotated = true;
                m_cell = cellFor();
            }
        };
        // Shrinking the font changes the label areas, which changes the cells: a few rounds settle it.
        for (int round = 0; round < 6; ++round) {
            placeCells();
            const double wanted = fontFor(m_cell.height());
            if (std::abs(wanted - m_scale) < 1e-3) break;
            m_scale = wanted;
        }
        placeCells(); // the cells for the final font
        m_scale = std::min(m_scale, fontFor(m_cell.height())); // labels never taller than their cells (the rounds stop within 1e-3)
    }
    m_labelStep = qkview::ui::labelStep(m_cell.height() * kLineFill, textHeight());
    m_columnLabelStep = qkview::ui::labelStep(m_cell.width() * kLineFill, textHeight());
    place();
}

void HeatmapGeometry::place() {
    const QRectF& b = m_input.bounds;
    const double left = leftWidth(), top = topHeight(), right = colorBarWidth();
    const QSizeF content = contentSize();
    const double bottom = bottomHeight();
    const QSizeF frame(std::max(0.0, b.width() - left - right), std::max(0.0, b.height() - top - bottom));
    // One axis at a time: a matrix that fits is centred with its labels; one that does not fills
    // the frame and scrolls under the frozen labels.
    const auto axis = [](double start, double total, double before, double after, double size, double room,
                         double wanted, double* origin, double* scroll, double* viewStart, double* viewSize) {
        if (size <= room + kSlack) {
            *scroll = 0;
            *origin = start + std::max(0.0, (total - (before + size + after)) / 2) + before;
            *viewStart = *origin;
            *viewSize = size;
            return;
        }
        *scroll = std::clamp(wanted, 0.0, size - room);
        *viewStart = start + before;
        *viewSize = room;
        *origin = *viewStart - *scroll;
    };
    double ox = 0, oy = 0, sx = 0, sy = 0, vx = 0, vy = 0, vw = 0, vh = 0;
    axis(b.left(), b.width(), left, right, content.width(), frame.width(), m_input.scroll.x(), &ox, &sx, &vx, &vw);
    axis(b.top(), b.height(), top, bottom, content.height(), frame.height(), m_input.scroll.y(), &oy, &sy, &vy, &vh);
    m_origin = QPointF(ox, oy);
    m_scroll = QPointF(sx, sy);
    m_viewport = QRectF(vx, vy, vw, vh);
}

QSizeF HeatmapGeometry::contentSize() const { return {m_input.columns * m_cell.width(), m_input.rows * m_cell.height()}; }

QSizeF HeatmapGeometry::maxScroll() const {
    const QSizeF c = contentSize();
    return {std::max(0.0, c.width() - m_viewport.width()), std::max(0.0, c.height() - m_viewport.height())};
}

QRectF HeatmapGeometry::matrixRect() const { return {m_origin, contentSize()}; }

namespace {
std::pair<int, int> visibleRange(double viewStart, double viewEnd, double origin, double cell, int count) {
    if (count <= 0 || viewEnd <= viewStart) return {0, -1};
    const int first = std::clamp(static_cast<int>(std::floor((viewStart - origin) / cell + 1e-9)), 0, count - 1);
    const int last = std::clamp(static_cast<int>(std::ceil((viewEnd - origin) / cell - 1e-9)) - 1, 0, count - 1);
    return {first, last};
}
} // namespace

std::pair<int, int> HeatmapGeometry::visibleRows() const {
    return visibleRange(m_viewport.top(), m_viewport.bottom(), m_origin.y(), m_cell.height(), m_input.rows);
}

std::pair<int, int> HeatmapGeometry::visibleColumns() const {
    return visibleRange(m_viewport.left(), m_viewport.right(), m_origin.x(), m_cell.width(), m_input.columns);
}

QRectF HeatmapGeometry::cellRect(int row, int column) const {
    return {QPointF(m_origin.x() + column * m_cell.width(), m_origin.y() + row * m_cell.height()), m_cell};
}

std::optional<QPoint> HeatmapGeometry::cellAt(const QPointF& p) const {
    if (!m_viewport.contains(p) || !matrixRect().contains(p)) return std::nullopt;
    const int column = std::clamp(static_cast<int>((p.x() - m_origin.x()) / m_cell.width()), 0, m_input.columns - 1);
    const int row = std::clamp(static_cast<int>((p.y() - m_origin.y()) / m_cell.height()), 0, m_input.rows - 1);
    return QPoint(column, row);
}

QPointF HeatmapGeometry::cellsAt(const QPointF& p) const {
    return {(p.x() - m_origin.x()) / m_cell.width(), (p.y() - m_origin.y()) / m_cell.height()};
}

QRectF HeatmapGeometry::rowLabelRect(int row) const {
    const double width = m_input.rowLabelWidth * m_scale;
    return {m_viewport.left() - gap() - width, m_origin.y() + row * m_cell.height(), width, m_cell.height()};
}

QRectF HeatmapGeometry::columnLabelRect(int column) const {
    return {m_origin.x() + column * m_cell.width(), m_viewport.top() - gap() - textHeight(), m_cell.width(), textHeight()};
}

QPointF HeatmapGeometry::columnLabelAnchor(int column) const {
    return {m_origin.x() + (column + 0.5) * m_cell.width(), m_viewport.top() - gap()};
}

QRectF HeatmapGeometry::columnAxisTitleRect() const {
    return {m_viewport.left(), m_viewport.top() - topHeight(), m_viewport.width(), textHeight()};
}

QRectF HeatmapGeometry::rowAxisTitleRect() const {
    return {m_viewport.left() - leftWidth(), m_viewport.top(), textHeight(), m_viewport.height()};
}

QRectF HeatmapGeometry::colorBarRect() const {
    if (m_input.colorBarLabelWidth <= 0) return {};
    const double height = std::max(m_viewport.height(), 4 * textHeight());
    return {m_viewport.right() + 2 * gap(), m_viewport.top(), textHeight(), height};
}

double HeatmapGeometry::colorBarLabelLeft() const { return colorBarRect().right() + gap(); }

QSizeF HeatmapGeometry::minimumSize() const {
    return {leftWidth() + m_input.columns * m_input.minCellSize + colorBarWidth(),
            topHeight() + m_input.rows * m_input.minCellSize + bottomHeight()};
}

QRectF HeatmapGeometry::usedRect() const {
    const QRectF v = m_viewport;
    const double barBottom = colorBarRect().isEmpty() ? v.bottom() : colorBarRect().bottom();
    return QRectF(QPointF(v.left() - leftWidth(), v.top() - topHeight()),
                  QPointF(v.right() + colorBarWidth(), std::max(v.bottom(), barBottom) + bottomHeight()));
}

QPointF HeatmapGeometry::scrollToShow(int row, int column) const {
    QPointF s = m_scroll;
    const auto axis = [&](double& scroll, double start, double cell, double view) {
        const double end = start + cell;
        if (start < scroll) scroll = start;
        else if (end > scroll + view) scroll = end - view;
    };
    if (column >= 0) axis(s.rx(), column * m_cell.width(), m_cell.width(), m_viewport.width());
    if (row >= 0) axis(s.ry(), row * m_cell.height(), m_cell.height(), m_viewport.height());
    const QSizeF max = maxScroll();
    return {std::clamp(s.x(), 0.0, max.width()), std::clamp(s.y(), 0.0, max.height())};
}

QPointF HeatmapGeometry::scrollToPlace(const QPointF& cells, const QPointF& point) const {
    // With the scroll s, the matrix point c·cell lies at viewport.topLeft − s + c·cell.
    const QPointF s = QPointF(m_viewport.left() + cells.x() * m_cell.width(), m_viewport.top() + cells.y() * m_cell.height()) - point;
    const QSizeF max = maxScroll();
    return {std::clamp(s.x(), 0.0, max.width()), std::clamp(s.y(), 0.0, max.height())};
}

} // namespace qkview::ui
