// SPDX-License-Identifier: MIT
#pragma once
// A heatmap's cells as an image: one pixel per cell, or f × f cells pooled into one pixel by their
// maximum so that a sharp peak never vanishes when a long text is shown whole. The pooling is pure
// (numbers in, numbers out) and tested without painting; HeatmapRaster caches the images.
#include "figures/figure_style.h"
#include "painters/color_scale.h"
#include "painters/matrix_data.h"

#include <QImage>

#include <map>
#include <vector>

namespace qkview::ui {

// Every cell's position on the colour bar, row-major (rows × columns); NaN for a masked cell.
struct CellPositions {
    int rows = 0, columns = 0;
    std::vector<float> t;

    float at(int row, int column) const { return t[static_cast<size_t>(row) * static_cast<size_t>(columns) + static_cast<size_t>(column)]; }
};

CellPositions cellPositions(const MatrixData& data, const ColorScale& scale);

// The smallest pooling factor that puts `cells` cells into at most `devicePixels` pixels (≥ 1).
int poolFactor(int cells, double devicePixels);

// Blocks of factor × factor cells (the last ones may be smaller) reduced to one value: the maximum,
// or for a diverging scale the value farthest from the centre 0.5, so peaks of either sign stay.
// A block whose cells are all masked stays NaN.
CellPositions poolMax(const CellPositions& cells, int factor, bool diverging);

QImage cellImage(const CellPositions& cells, ColormapId colormap, const QColor& masked);

// The screen's cache: positions are computed when the data or the scale change, pooled images when
// the pooling factor changes; painting only draws them.
class HeatmapRaster {
public:
    // The image for `factor`, rebuilt only when the data (by address), mode, colours or factor change.
    const QImage& image(const MatrixData& data, ColorScaleMode mode, const FigureStyle& style, int factor);
    // Call when the data object's contents change (a new matrix in the same place).
    void invalidate();

private:
    const MatrixData* m_data = nullptr;
    ColorScaleMode m_mode = ColorScaleMode::Fixed;
    ColormapId m_colormap = ColormapId::Viridis;
    QRgb m_masked = 0;
    CellPositions m_positions;
    std::map<int, QImage> m_images; // by pooling factor
};

} // namespace qkview::ui
