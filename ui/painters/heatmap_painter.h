// SPDX-License-Identifier: MIT
#pragma once
// Draws a query × key heatmap with labels and a colour bar. The one routine behind the screen
// view and every export format.
#include "figures/figure_style.h"
#include "painters/heatmap_geometry.h"
#include "painters/matrix_data.h"

class QPainter;

namespace qkview::ui {

struct HeatmapScene {
    MatrixData data;
    int selectedRow = -1;    // query
    int selectedColumn = -1; // key
};

HeatmapGeometry heatmapGeometry(QPainter& painter, const HeatmapScene& scene, const QRectF& bounds,
                                const FigureStyle& style, double minCellSize = 0);
void renderHeatmap(QPainter& painter, const HeatmapScene& scene, const QRectF& bounds, const FigureStyle& style,
                   double minCellSize = 0);
// The colour of one value under the scene's scale and the style's colour map.
QColor cellColor(const MatrixData& data, double value, const FigureStyle& style);

} // namespace qkview::ui
