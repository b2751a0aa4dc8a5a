// SPDX-License-Identifier: MIT
#pragma once
// One query's weights over the keys as horizontal bars, coloured like the heatmap's cells. Long texts
// show the strongest keys and sum up the rest, so the bars stay readable for any number of tokens.
#include "figures/figure_style.h"
#include "painters/matrix_data.h"

class QPainter;

namespace qkview::ui {

struct WeightBarsScene {
    QString query;       // token text
    MatrixData row;      // (1, T) the query's weights, with the key labels as column labels
    int selectedKey = -1;
};

WeightBarsScene weightBarsScene(const AttentionTrace& trace, int layer, int head, int query, int key);
// The height that shows every bar comfortably (a dozen or so; longer rows are summed up).
double preferredWeightBarsHeight(const WeightBarsScene& scene, const FigureStyle& style);
// The least height that shows the title and two bars, for a line of the given height.
double minimumWeightBarsHeight(double line);
void renderWeightBars(QPainter& painter, const WeightBarsScene& scene, const QRectF& bounds, const FigureStyle& style);

} // namespace qkview::ui
