// SPDX-License-Identifier: MIT
#include "painters/grid_tokens_painter.h"

#include <QPainter>

#include <algorithm>

namespace qkview::ui {

namespace {
// Narrower than this many lines (8.5 cm at 8 pt is about 26) the matrix would be a sliver beside the
// grid: it goes below, at the page's full width.
constexpr double kSideBySideLines = 36;
// The grid's share of the width beside the matrix, of the height above it: the tokens need more.
constexpr double kMaxGridShare = 0.45, kMinGridShare = 0.35; // below it the grid is no longer legible
constexpr double kGapLines = 1.0;                            // between the grid and the head
constexpr double kTitleGapLines = 0.3;

QRectF movedTo(QRectF r, QPointF topLeft) {
    r.moveTopLeft(topLeft);
    return r;
}

// The parts with the grid in its share of the width (beside) or height (stacked), centred as one block.
GridTokensLayout arranged(QPainter& p, const HeadGridScene& grid, const HeatmapScene& heatmap,
                          const HeatmapFrame& frame, const QString& title, const QRectF& b,
                          const FigureStyle& style, double gridShare) {
    const QPaintDevice* device = p.device();
    const double line = QFontMetricsF(style.font, device).height();
    const double gap = line * kGapLines, titleGap = line * kTitleGapLines;
    GridTokensLayout out;
    out.stacked = b.width() < line * kSideBySideLines;
    out.titleFont = style.font;
    out.titleFont.setBold(true);

    // The grid takes its share, the head what the grid leaves of the rest.
    const QRectF gridBox = out.stacked ? QRectF(b.left(), b.top(), b.width(), (b.height() - gap) * gridShare)
                                       : QRectF(b.left(), b.top(), (b.width() - gap) * gridShare, b.height());
    const QRectF gridUsed = headGridGeometry(p, grid, gridBox, style).usedRect();
    const QRectF head = out.stacked ? QRectF(b.left(), b.top() + gridUsed.height() + gap, b.width(),
                                             b.height() - gridUsed.height() - gap)
                                    : QRectF(b.left() + gridUsed.width() + gap, b.top(),
                                             b.width() - gridUsed.width() - gap, b.height());
    const QRectF wrapped = QFontMetricsF(out.titleFont, device)
                               .boundingRect(QRectF(0, 0, head.width(), 1e7), Qt::TextWordWrap, title);
    const QRectF matrixBox = head.adjusted(0, wrapped.height() + titleGap, 0, 0);
    const QRectF matrix = heatmapGeometry(p, heatmap, matrixBox, style, frame).usedRect();
    const double titleWidth = std::min(head.width(), wrapped.width() + 1);
    const double headWidth = std::max(matrix.width(), titleWidth);
    const double headHeight = wrapped.height() + titleGap + matrix.height();

    // Stack or line up the tight parts, then centre them as one block (the figure's margins stay even).
    QPointF gridAt, headAt;
    if (out.stacked) {
        const double top = b.top() + (b.height() - gridUsed.height() - gap - headHeight) / 2;
        gridAt = {b.center().x() - gridUsed.width() / 2, top};
        headAt = {b.center().x() - headWidth / 2, top + gridUsed.height() + gap};
    } else {
        const double left = b.left() + (b.width() - gridUsed.width() - gap - headWidth) / 2;
        gridAt = {left, b.center().y() - gridUsed.height() / 2};
        headAt = {left + gridUsed.width() + gap, b.center().y() - headHeight / 2};
    }
    out.grid = movedTo(gridUsed, gridAt);
    out.title = QRectF(headAt.x() + (headWidth - titleWidth) / 2, headAt.y(), titleWidth, wrapped.height());
    out.heatmapArea = movedTo(
        matrix, QPointF(headAt.x() + (headWidth - matrix.width()) / 2, out.title.bottom() + titleGap));
    out.heatmap = heatmapDrawing(p, heatmap, out.heatmapArea, style, frame);
    return out;
}
} // namespace

GridTokensLayout gridTokensLayout(QPainter& p, const HeadGridScene& grid, const HeatmapScene& heatmap,
                                  const HeatmapFrame& frame, const QString& title, const QRectF& b,
                                  const FigureStyle& style) {
    HeatmapFrame measured = frame; // the labels are measured once for every attempt
    if (!measured.labelWidths) measured.labelWidths = heatmapLabelWidths(p, heatmap, style);
    // The grid gives up room, down to kMinGridShare, until every token is labelled.
    GridTokensLayout out;
    for (double share = kMaxGridShare; share >= kMinGridShare - 1e-9; share -= 0.05) {
        out = arranged(p, grid, heatmap, measured, title, b, style, share);
        const HeatmapGeometry& g = out.heatmap->geometry;
        if (g.labelStep() == 1 && (!g.columnLabelsRotated() || g.columnLabelStep() == 1)) break;
    }
    return out;
}

void renderGridTokens(QPainter& p, const HeadGridScene& grid, const HeatmapScene& heatmap,
                      const HeatmapFrame& frame, const QString& title, const GridTokensLayout& layout,
                      const FigureStyle& style) {
    renderHeadGrid(p, grid, layout.grid, style);
    renderHeatmap(p, heatmap, layout.heatmapArea, style, frame);
    p.save();
    p.setFont(layout.titleFont);
    p.setPen(style.accent); // the colour of the grid's outline around this head
    p.drawText(layout.title, Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, title);
    p.restore();
}

} // namespace qkview::ui
