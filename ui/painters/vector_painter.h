// SPDX-License-Identifier: MIT
#pragma once
// Q, K and V of one token as strips of coloured cells, one cell per dimension.
#include "trace/attention_trace.h"
#include "figures/figure_style.h"

class QPainter;

namespace qkview::ui {

struct VectorScene {
    QString token;
    RowVector q, k, v; // (hs)
};

VectorScene vectorScene(const AttentionTrace& trace, int layer, int head, int token);
void renderVectors(QPainter& painter, const VectorScene& scene, const QRectF& bounds, const FigureStyle& style);

} // namespace qkview::ui
