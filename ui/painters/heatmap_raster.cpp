// SPDX-License-Identifier: MIT
#include "painters/heatmap_raster.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace qkview::ui {

CellPositions cellPositions(const MatrixData& data, const ColorScale& scale) {
    CellPositions out;
    out.rows = data.rows();
    out.columns = data.columns();
    out.t.resize(static_cast<size_t>(out.rows) * static_cast<size_t>(out.columns));
    const bool hasMask = data.masked.rows() == data.values.rows() && data.masked.cols() == data.values.cols();
    for (int i = 0; i < out.rows; ++i) { // values are row-major: a row at a time
        float* row = out.t.data() + static_cast<size_t>(i) * static_cast<size_t>(out.columns);
        scale.positions(i, data.values.row(i).data(), out.columns, row);
        if (hasMask)
            for (int j = 0; j < out.columns; ++j)
                if (data.masked(i, j)) row[j] = std::numeric_limits<float>::quiet_NaN();
    }
    return out;
}

int poolFactor(int cells, double devicePixels) {
    if (cells <= 0 || !(devicePixels > 0)) return 1;
    return std::max(1, static_cast<int>(std::ceil(cells / devicePixels - 1e-9)));
}

CellPositions poolMax(const CellPositions& cells, int factor, bool diverging) {
    factor = std::max(1, factor);
    if (factor == 1) return cells;
    CellPositions out;
    out.rows = (cells.rows + factor - 1) / factor;
    out.columns = (cells.columns + factor - 1) / factor;
    out.t.assign(static_cast<size_t>(out.rows) * static_cast<size_t>(out.columns), std::numeric_limits<float>::quiet_NaN());
    // Row by row, so the source is read in order; a block of columns at a time, so no cell pays a division.
    for (int i = 0; i < cells.rows; ++i) {
        float* dst = out.t.data() + static_cast<size_t>(i / factor) * static_cast<size_t>(out.columns);
        const float* src = cells.t.data() + static_cast<size_t>(i) * static_cast<size_t>(cells.columns);
        for (int block = 0; block < out.columns; ++block) {
            float& d = dst[block];
            const int end = std::min(cells.columns, (block + 1) * factor);
            if (!diverging) { // a select, not a branch, per cell: a NaN (masked) v never wins; a NaN d always loses
                for (int j = block * factor; j < end; ++j) d = (src[j] > d || std::isnan(d)) ? src[j] : d;
                continue;
            }
            for (int j = block * factor; j < end; ++j) {
                const float v = src[j];
                if (!std::isnan(v) && (std::isnan(d) || std::abs(v - 0.5f) > std::abs(d - 0.5f))) d = v;
            }
        }
    }
    return out;
}

QImage cellImage(const CellPositions& cells, ColormapId colormap, const QColor& masked) {
    QImage image(cells.columns, cells.rows, QImage::Format_RGB32);
    if (image.isNull()) return image;
    const Colormap& map = Colormap::get(colormap);
    std::array<QRgb, 256> lut{};
    for (int i = 0; i < 256; ++i) lut[static_cast<size_t>(i)] = map.at(i / 255.0).rgb();
    const QRgb hidden = masked.rgb();
    for (int i = 0; i < cells.rows; ++i) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(i));
        const float* src = cells.t.data() + static_cast<size_t>(i) * static_cast<size_t>(cells.columns);
        for (int j = 0; j < cells.columns; ++j)
            line[j] = std::isnan(src[j]) ? hidden : lut[static_cast<size_t>(std::lround(std::clamp(src[j], 0.0f, 1.0f) * 255.0f))];
    }
    return image;
}

void HeatmapRaster::invalidate() {
    m_data = nullptr;
    m_images.clear();
}

const QImage& HeatmapRaster::image(const MatrixData& data, ColorScaleMode mode, const FigureStyle& style, int factor) {
    const ColormapId map = data.diverging ? ColormapId::Diverging
                                          : (style.colormap == ColormapId::Diverging ? ColormapId::Viridis : style.colormap);
    if (m_data != &data || m_mode != mode || m_positions.rows != data.rows() || m_positions.columns != data.columns()) {
        m_data = &data;
        m_mode = mode;
        m_positions = cellPositions(data, ColorScale(data, mode));
        m_images.clear();
    }
    if (m_colormap != map || m_masked != style.masked.rgb()) {
        m_colormap = map;
        m_masked = style.masked.rgb();
        m_images.clear();
    }
    auto it = m_images.find(factor);
    if (it == m_images.end()) {
        if (m_images.size() > 3) m_images.clear(); // a few zoom levels are enough
        it = m_images.emplace(factor, cellImage(poolMax(m_positions, factor, data.diverging), map, style.masked)).first;
    }
    return it->second;
}

} // namespace qkview::ui
