// SPDX-License-Identifier: MIT
#include "painters/head_grid_geometry.h"

#include <algorithm>
#include <cmath>

namespace qkview::ui {

namespace {
constexpr double kSpacingFraction = 0.1; // of a pitch, between thumbnails
constexpr double kNamesFromLines = 4.0;  // names need thumbnails at least this many text lines tall
} // namespace

HeadGridGeometry::HeadGridGeometry(const HeadGridLayoutInput& input) : m_input(input) {
    const int rows = std::max(1, input.layers), cols = std::max(1, input.heads);
    const QRectF& b = input.bounds;
    const auto fit = [&] {
        const double pitchW = (b.width() - leftWidth() - colorBarWidth()) / cols;
        const double pitchH = (b.height() - topHeight() - bottomHeight()) / rows - nameHeight();
        // Each side may exceed the other by maxThumbAspect at most: square by default.
        const double aspect = std::max(1.0, input.maxThumbAspect);
        const double across = std::min(pitchW, pitchH * aspect), down = std::min(pitchH, pitchW * aspect);
        m_spacing = std::max(2.0, std::min(across, down) * kSpacingFraction);
        m_thumbW = std::max({across - m_spacing, input.minThumb, 1.0});
        m_thumbH = std::max({down - m_spacing, input.minThumb, 1.0});
    };
    m_names = input.names;
    fit();
    if (m_names && thumbSize() < kNamesFromLines * input.textHeight) {
        m_names = false;
        fit();
    }
    m_rowStep = std::max(1, static_cast<int>(std::ceil(input.textHeight / pitchY() - 1e-9)));
    m_columnStep = std::max(1, static_cast<int>(std::ceil(input.columnLabelWidth * 1.2 / pitchX() - 1e-9)));
    const double width = leftWidth() + cols * pitchX() + colorBarWidth();
    const double height = topHeight() + rows * pitchY() + bottomHeight();
    m_origin = QPointF(b.left() + std::max(0.0, (b.width() - width) / 2) + leftWidth() + m_spacing / 2,
                       b.top() + std::max(0.0, (b.height() - height) / 2) + topHeight() + m_spacing / 2);
}

QRectF HeadGridGeometry::thumbRect(int layer, int head) const {
    return {m_origin.x() + head * pitchX(), m_origin.y() + layer * pitchY(), m_thumbW, m_thumbH};
}

QRectF HeadGridGeometry::nameRect(int layer, int head) const {
    if (!m_names) return {};
    const QRectF t = thumbRect(layer, head);
    return {t.left() - m_spacing / 2, t.bottom() + nameGap(), pitchX(), nameHeight() - nameGap()};
}

QRectF HeadGridGeometry::rowLabelRect(int layer) const {
    const QRectF t = thumbRect(layer, 0);
    return {t.left() - m_spacing / 2 - gap() - m_input.rowLabelWidth, t.top(), m_input.rowLabelWidth, t.height()};
}

QRectF HeadGridGeometry::columnLabelRect(int head) const {
    const QRectF t = thumbRect(0, head);
    return {t.left() - m_spacing / 2, t.top() - m_spacing / 2 - gap() - m_input.textHeight, pitchX(), m_input.textHeight};
}

QRectF HeadGridGeometry::gridRect() const {
    const int rows = std::max(1, m_input.layers), cols = std::max(1, m_input.heads);
    return {m_origin - QPointF(m_spacing / 2, m_spacing / 2), QSizeF(cols * pitchX(), rows * pitchY())};
}

QRectF HeadGridGeometry::columnTitleRect() const {
    const QRectF g = gridRect();
    return {g.left(), g.top() - topHeight(), g.width(), m_input.textHeight};
}

QRectF HeadGridGeometry::rowTitleRect() const {
    const QRectF g = gridRect();
    return {g.left() - leftWidth(), g.top(), m_input.textHeight, g.height()};
}

QRectF HeadGridGeometry::colorBarRect() const {
    if (m_input.colorBarLabelWidth <= 0) return {};
    const QRectF g = gridRect();
    return {g.right() + 2 * gap(), g.top(), m_input.textHeight, std::max(g.height(), 4 * m_input.textHeight)};
}

QRectF HeadGridGeometry::usedRect() const {
    const QRectF g = gridRect();
    const double bottom = std::max(g.bottom(), colorBarRect().isEmpty() ? g.bottom() : colorBarRect().bottom()) + bottomHeight();
    return QRectF(QPointF(g.left() - leftWidth(), g.top() - topHeight()), QPointF(g.right() + colorBarWidth(), bottom));
}

std::optional<QPoint> HeadGridGeometry::headAt(const QPointF& p) const {
    const QRectF g = gridRect();
    if (!g.contains(p) || m_input.layers <= 0 || m_input.heads <= 0) return std::nullopt;
    const int head = std::min(m_input.heads - 1, static_cast<int>((p.x() - g.left()) / pitchX()));
    const int layer = std::min(m_input.layers - 1, static_cast<int>((p.y() - g.top()) / pitchY()));
    return QPoint(head, layer);
}

QSizeF HeadGridGeometry::minimumSize() const {
    // The pitch whose thumbnail, after spacing, is exactly minThumb.
    const double pitch = std::max(m_input.minThumb + 2.0, m_input.minThumb / (1.0 - kSpacingFraction));
    return {leftWidth() + std::max(1, m_input.heads) * pitch + 1, topHeight() + std::max(1, m_input.layers) * pitch + 1};
}

} // namespace qkview::ui
