// SPDX-License-Identifier: MIT
#pragma once
// Two texts through the same head, for minimal pairs ("The keys to the cabinet are" / "The key to the
// cabinets is"): each text's matrix side by side and, where the tokens align (both texts have as many),
// the difference second − first on a signed scale. One routine for the Compare tab and every export.
#include "figures/figure_style.h"
#include "painters/heatmap_painter.h"

#include <optional>

class QPainter;

namespace qkview::ui {

struct CompareScene {
    HeatmapScene first, second;
    std::optional<HeatmapScene> difference; // second − first, when the two texts have as many tokens
    QString firstTitle, secondTitle, differenceTitle;
};

// Throws Error(InvalidArgument) when the head is not in both traces.
CompareScene compareScene(const AttentionTrace& first, const AttentionTrace& second, int layer, int head, MatrixKind kind,
                          ColorScaleMode scale = ColorScaleMode::Fixed);
// second − first cell by cell, masked where either is; labelled with the second's tokens, starred where they differ.
MatrixData differenceData(const MatrixData& first, const MatrixData& second);

// Where each panel goes: in a row, in a column, or (with the difference) two above one, whichever draws
// the cells largest in bounds.
struct ComparePanels {
    std::vector<QRectF> titles, heatmaps; // one each per panel: first, second, then the difference
};
ComparePanels comparePanels(QPainter& painter, const CompareScene& scene, const QRectF& bounds, const FigureStyle& style);
void renderCompare(QPainter& painter, const CompareScene& scene, const QRectF& bounds, const FigureStyle& style);

} // namespace qkview::ui
