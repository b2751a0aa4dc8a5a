// SPDX-License-Identifier: MIT
#pragma once
// Draws a query × key heatmap with labels and a colour bar. The one routine behind the screen
// view and every export format. Small matrices are one shape per cell; large ones (or the screen)
// one image, pooled by maximum when cells are smaller than a device pixel, while labels and the
// colour bar stay vector text.
#include "figures/figure_style.h"
#include "painters/heatmap_geometry.h"
#include "painters/label_text.h"
#include "painters/matrix_data.h"
#include "session/view_state.h"

#include <optional>

class QPainter;

namespace qkview::ui {

class HeatmapRaster;

struct HeatmapScene {
    MatrixData data;
    int selectedRow = -1;    // query
    int selectedColumn = -1; // key
    ColorScaleMode scale = ColorScaleMode::Fixed;
};

// How the matrix is framed: fit (cellSize 0) or zoomed to a cell size and scrolled.
struct HeatmapFrame {
    double cellSize = 0;
    QPointF scroll;
    double minCellSize = 0; // fit never goes below this
    double maxCellAspect = 1; // fit may make cells up to this many times wider than tall (figures)
    // The widest row and column label at the style's font (heatmapLabelWidths), when the caller keeps
    // them: measuring 2,000 labels is most of a repaint's time.
    std::optional<QSizeF> labelWidths;
};

// Above this many cells vector outputs (SVG, PDF) embed the matrix as one image, like imshow.
inline constexpr int kMaxHeatmapVectorCells = 4096;
// The embedded image has at most this many pixels per side; larger matrices are pooled.
inline constexpr int kMaxImageSide = 2048;

// How one heatmap is drawn on one device: the layout, whether cells are one image, and its pooling.
struct HeatmapDrawing {
    HeatmapGeometry geometry;
    bool raster = false;
    int poolFactor = 1; // f × f cells per image pixel
    // Numbers in cells (style.numbersInCells): their font as a fraction of the style's, 0 when even the
    // smallest allowed size does not fit a cell; one precision for all, ".25" when "0.25" does not fit.
    double numberScale = 0;
    int decimals = 2;
    bool compactNumbers = false;
};

// The widest row and column label (with room for bold); cache (label_text.h) keeps widths across calls.
QSizeF heatmapLabelWidths(QPainter& painter, const HeatmapScene& scene, const FigureStyle& style,
                          LabelWidthCache* cache = nullptr);
HeatmapGeometry heatmapGeometry(QPainter& painter, const HeatmapScene& scene, const QRectF& bounds,
                                const FigureStyle& style, const HeatmapFrame& frame = {});
HeatmapDrawing heatmapDrawing(QPainter& painter, const HeatmapScene& scene, const QRectF& bounds,
                              const FigureStyle& style, const HeatmapFrame& frame = {});
// raster caches the cell images between calls (the screen); without it they are built for this call.
void renderHeatmap(QPainter& painter, const HeatmapScene& scene, const QRectF& bounds, const FigureStyle& style,
                   const HeatmapFrame& frame = {}, HeatmapRaster* raster = nullptr);
// What a reader must know about a long matrix's drawing, for captions: the label thinning rule and the
// pooling. Empty when every label and cell is shown.
QString heatmapDrawingNote(const HeatmapDrawing& drawing, const HeatmapScene& scene);
// The map a matrix is drawn with: signed values always get the blue-red map (reversed if the chosen map
// is), unsigned ones viridis instead of it.
ColormapId effectiveColormap(bool divergingData, ColormapId chosen);
// A vertical colour bar in bar with round tick values labelled from labelLeft, text at fontScale × the style's font.
void renderColorBar(QPainter& painter, const QRectF& bar, double labelLeft, const MatrixData& data, ColorScaleMode scale,
                    const FigureStyle& style, double fontScale = 1.0);
// The widest tick label of that colour bar at the painter's device and the style's font.
double colorBarLabelWidth(QPainter& painter, const MatrixData& data, ColorScaleMode scale, const FigureStyle& style);
// The colour of one value under the data's fixed scale and the style's colour map.
QColor cellColor(const MatrixData& data, double value, const FigureStyle& style);

} // namespace qkview::ui
