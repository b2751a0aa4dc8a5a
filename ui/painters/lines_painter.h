// SPDX-License-Identifier: MIT
#pragma once
// BertViz "head view": tokens in two columns, queries left and keys right, a line from a query to
// each key with thickness and opacity by weight.
#include "trace/attention_trace.h"
#include "figures/figure_style.h"

#include <QStringList>

class QPainter;

namespace qkview::ui {

struct LinesScene {
    QStringList tokens;
    Matrix weights; // (T, T)
    int focusQuery = -1; // only this query's lines; -1 for every query's
    int focusKey = -1;   // only the lines into this key (hovered on the right)
    int selectedKey = -1;
};

struct LinesLayout {
    QRectF bounds;
    double rowHeight = 0;
    double labelWidth = 0;
    double top = 0;
    double leftX = 0;  // where query lines start
    double rightX = 0; // where key lines end

    QRectF queryLabelRect(int i) const { return {bounds.left(), top + i * rowHeight, labelWidth, rowHeight}; }
    QRectF keyLabelRect(int j) const { return {bounds.right() - labelWidth, top + j * rowHeight, labelWidth, rowHeight}; }
    double y(int i) const { return top + (i + 0.5) * rowHeight; }
    // -1 when p is on no label; side is 0 for queries, 1 for keys.
    int tokenAt(const QPointF& p, int count, int* side) const;
};

LinesScene linesScene(const AttentionTrace& trace, int layer, int head, int query, int key);
LinesLayout linesLayout(QPainter& painter, const LinesScene& scene, const QRectF& bounds, const FigureStyle& style);
void renderLines(QPainter& painter, const LinesScene& scene, const QRectF& bounds, const FigureStyle& style);

} // namespace qkview::ui
