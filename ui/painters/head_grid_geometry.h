// SPDX-License-Identifier: MIT
#pragma once
// Where every thumbnail of the head grid (layers × heads) and its labels go: a pure value type.
#include <QPoint>
#include <QRectF>

#include <algorithm>
#include <optional>

namespace qkview::ui {

struct HeadGridLayoutInput {
    QRectF bounds;
    int layers = 0;           // rows
    int heads = 0;            // columns
    double rowLabelWidth = 0; // widest layer label
    double columnLabelWidth = 0; // widest head label
    double textHeight = 12;   // line height of the label font
    double minThumb = 0;      // the screen scrolls rather than shrinking thumbnails below this
    bool names = false;       // leave a line under each thumbnail for the head's name when there is room
    double colorBarLabelWidth = 0; // widest tick label of a colour bar right of the grid; 0 for none
    // Thumbnails may be up to this many times taller or wider than square (figures: the grid fills the
    // page instead of leaving bands beside or above it); 1 keeps them square (the screen).
    double maxThumbAspect = 1;
};

class HeadGridGeometry {
public:
    explicit HeadGridGeometry(const HeadGridLayoutInput& input);

    double thumbSize() const { return std::min(m_thumbW, m_thumbH); } // the shorter side
    double thumbWidth() const { return m_thumbW; }
    double thumbHeight() const { return m_thumbH; }
    double spacing() const { return m_spacing; }
    bool showsNames() const { return m_names; }
    // Draw every step-th label when labels are wider or taller than a thumbnail.
    int rowLabelStep() const { return m_rowStep; }
    int columnLabelStep() const { return m_columnStep; }

    QRectF thumbRect(int layer, int head) const;
    QRectF nameRect(int layer, int head) const; // empty when names are not shown
    QRectF rowLabelRect(int layer) const;
    QRectF columnLabelRect(int head) const;
    QRectF columnTitleRect() const;
    QRectF rowTitleRect() const; // to be drawn rotated
    QRectF gridRect() const;
    QRectF colorBarRect() const; // empty without a colour bar
    double colorBarLabelLeft() const { return colorBarRect().right() + gap(); }
    // Everything drawn: titles, labels, thumbnails and the colour bar with its labels.
    QRectF usedRect() const;
    // x = head, y = layer; the whole pitch cell around a thumbnail counts.
    std::optional<QPoint> headAt(const QPointF& p) const;
    // The smallest size that fits everything with thumbnails of minThumb (for scroll areas).
    QSizeF minimumSize() const;

private:
    double gap() const { return m_input.textHeight * 0.4; }
    double leftWidth() const { return m_input.textHeight + gap() + m_input.rowLabelWidth + gap(); }
    double topHeight() const { return 2 * m_input.textHeight + 2 * gap(); }
    double colorBarWidth() const {
        return m_input.colorBarLabelWidth > 0 ? 2 * gap() + m_input.textHeight + gap() + m_input.colorBarLabelWidth : 0;
    }
    double bottomHeight() const { return m_input.colorBarLabelWidth > 0 ? m_input.textHeight * 0.5 : 0; }
    double nameHeight() const { return m_names ? m_input.textHeight * 0.9 + nameGap() : 0; }
    double nameGap() const { return 3.0; } // clear of the selection outline
    double pitchX() const { return m_thumbW + m_spacing; }
    double pitchY() const { return m_thumbH + m_spacing + nameHeight(); }

    HeadGridLayoutInput m_input;
    double m_thumbW = 1, m_thumbH = 1, m_spacing = 2;
    bool m_names = false;
    int m_rowStep = 1, m_columnStep = 1;
    QPointF m_origin; // top-left of the first thumbnail
};

} // namespace qkview::ui
