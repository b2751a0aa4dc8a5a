// SPDX-License-Identifier: MIT
#pragma once
// BertViz "model view": every layer × head of a trace as a thumbnail heatmap, the selected head
// outlined. One routine for the screen and every export.
// Shapes: L = layers, NH = heads, T = tokens.
#include "figures/figure_style.h"
#include "lenses/lenses.h"
#include "painters/head_grid_geometry.h"
#include "painters/matrix_data.h"

#include <QImage>

#include <functional>
#include <vector>

class QPainter;

namespace qkview::ui {

struct HeadGridScene {
    int layers = 0, heads = 0;
    std::vector<MatrixData> matrices; // L × NH by layer, each at most kHeadGridCells square (longer texts pooled)
    std::vector<QImage> thumbnails;   // the same, coloured: built once per trace and style, drawn at every paint
    QStringList headNames;            // L × NH
    std::vector<HeadScores> scores;   // L × NH: each head scored on this text (lenses/lenses.h)
    QStringList measuredTypes;        // L × NH: "previous 0.91" when the head's scores give it a type, else empty
    bool colorByType = false;         // frame each head in its type's colour, with a legend
    int selectedLayer = -1, selectedHead = -1;
    int headsPerKv = 1; // query heads sharing one key/value head (grouped-query attention): marked as groups
    bool colorBar = false; // a colour bar right of the grid (figures)
    double maxThumbAspect = 1; // figures: thumbnails may stretch this much to fill the page (HeadGridLayoutInput)

    int index(int layer, int head) const { return layer * heads + head; }
};

inline constexpr int kHeadGridCells = 64;

// "previous 0.91", "first 0.95", "self 0.44" or "induction 0.52" for a head with a clear type, else empty.
QString measuredTypeLabel(const HeadScores& scores);
// The colour a head type (headType's names) is framed in: colour-blind-safe (Okabe–Ito); invalid for "mixed".
QColor headTypeColor(const QString& type);
// The label a head type is shown with: "previous token", "first token", "self", "induction", "mixed".
QString headTypeLabel(const QString& type);

// The matrices of every head (weights max-pooled beyond kHeadGridCells tokens) with their thumbnails.
HeadGridScene headGridScene(const AttentionTrace& trace, MatrixKind kind, const FigureStyle& style, int layer, int head);
// The same without colouring the thumbnails (safe on any thread); stops early, returning an incomplete scene,
// when stop() turns true between heads.
HeadGridScene headGridData(const AttentionTrace& trace, MatrixKind kind, int layer, int head,
                           const std::function<bool()>& stop = {});
// Recolours the thumbnails (after a colour map or palette change).
void colorThumbnails(HeadGridScene& scene, const FigureStyle& style);

HeadGridGeometry headGridGeometry(QPainter& painter, const HeadGridScene& scene, const QRectF& bounds,
                                  const FigureStyle& style, double minThumb = 0);
// Thumbnails are vector cells unless style.rasterCells or the grid is too large for one shape per cell.
void renderHeadGrid(QPainter& painter, const HeadGridScene& scene, const QRectF& bounds, const FigureStyle& style,
                    double minThumb = 0);

} // namespace qkview::ui
