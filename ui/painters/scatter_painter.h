// SPDX-License-Identifier: MIT
#pragma once
// Queries and keys as points (lenses/qk_geometry.h): one head's queries (filled circles) and keys (hollow
// squares) on the first two principal axes of all of them, labelled with their tokens, the selected query
// joined to the selected key. Close in this plane reads as "high score".
#include "figures/figure_style.h"
#include "lenses/qk_geometry.h"

#include <QStringList>

class QPainter;

namespace qkview::ui {

struct ScatterScene {
    QkProjection projection;
    QStringList tokens;
    int query = -1, key = -1; // drawn larger and joined; -1: none
};

ScatterScene scatterScene(const AttentionTrace& trace, int layer, int head, int query, int key);
void renderScatter(QPainter& painter, const ScatterScene& scene, const QRectF& bounds, const FigureStyle& style);

// Where point i of the queries (or keys) is drawn in bounds, for tests and hit testing.
QPointF scatterPoint(const ScatterScene& scene, const QRectF& bounds, const FigureStyle& style, int index, bool isKey);

} // namespace qkview::ui
