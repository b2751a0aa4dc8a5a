// SPDX-License-Identifier: MIT
#pragma once
// The head grid with the selected head's matrix and its tokens beside it, or below it on a narrow page:
// the grid painter and the heatmap painter composed, linked by the grid's outline and the head's title.
#include "painters/head_grid_painter.h"
#include "painters/heatmap_painter.h"

#include <QFont>

#include <optional>

namespace qkview::ui {

struct GridTokensLayout {
    bool stacked = false; // the head below the grid (a paper's column) instead of beside it
    QRectF grid;          // handed to the grid painter: exactly what it draws
    QFont titleFont;
    QRectF title;                          // the head's title, just above its matrix
    QRectF heatmapArea;                    // handed to the heatmap painter: exactly what it draws
    std::optional<HeatmapDrawing> heatmap; // its drawing in heatmapArea

    QRectF usedRect() const { return grid.united(title).united(heatmapArea); }
};

// The parts centred as one block in bounds. title names the head whose matrix heatmap is.
GridTokensLayout gridTokensLayout(QPainter& painter, const HeadGridScene& grid, const HeatmapScene& heatmap,
                                  const HeatmapFrame& frame, const QString& title, const QRectF& bounds,
                                  const FigureStyle& style);
void renderGridTokens(QPainter& painter, const HeadGridScene& grid, const HeatmapScene& heatmap,
                      const HeatmapFrame& frame, const QString& title, const GridTokensLayout& layout,
                      const FigureStyle& style);

} // namespace qkview::ui
