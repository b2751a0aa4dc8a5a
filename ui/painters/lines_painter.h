// SPDX-License-Identifier: MIT
#pragma once
// BertViz "head view": tokens in two columns, queries left and keys right, a line from a query to
// each key with thickness and opacity by weight.
#include "trace/attention_trace.h"
#include "figures/figure_style.h"

#include <QStringList>

#include <algorithm>
#include <utility>
#include <vector>

class QPainter;

namespace qkview::ui {

struct LinesScene {
    QStringList tokens;
    Matrix weights; // (T, T)
    int focusQuery = -1; // only this query's lines; -1 for every query's
    int focusKey = -1;   // only the lines into this key (hovered on the right)
    int selectedKey = -1;
};

// Long texts stay readable: above kAllLinesUpTo tokens each query draws only its linesPerQuery(T)
// strongest keys (a focused query or key its kLinesFocused strongest), and labels are thinned to
// every labelStep-th token plus the selected and hovered ones and the focused lines' ends. A note
// under the lines states the rule.
inline constexpr int kAllLinesUpTo = 40;
inline constexpr int kLinesPerQuery = 3; // up to 200 tokens; 2 up to 300, then 1 (about 600 lines at most)
inline int linesPerQuery(int tokens) { return std::clamp(600 / std::max(1, tokens), 1, kLinesPerQuery); }
inline constexpr int kLinesFocused = 12;

struct LinesLayout {
    QRectF bounds;
    double rowHeight = 0;
    double textHeight = 0;
    int labelStep = 1; // every labelStep-th label clears its neighbour
    QString note;      // the thinning rule, empty when every line and label is drawn
    QRectF noteRect;
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

// The lines drawn, as (query, key) pairs: every pair above the weight threshold for short texts,
// else the strongest keys of each query (or of the focused query, or into the focused key).
std::vector<std::pair<int, int>> shownLines(const LinesScene& scene);

LinesScene linesScene(const AttentionTrace& trace, int layer, int head, int query, int key);
LinesLayout linesLayout(QPainter& painter, const LinesScene& scene, const QRectF& bounds, const FigureStyle& style);
void renderLines(QPainter& painter, const LinesScene& scene, const QRectF& bounds, const FigureStyle& style);

} // namespace qkview::ui
