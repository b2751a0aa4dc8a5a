// SPDX-License-Identifier: MIT
#pragma once
// The lesson figure for a 16:9 slide: the sentence with the query highlighted, the chosen head's
// heatmap, the query's row of weights as bars, and the formula with this head's numbers.
#include "painters/heatmap_painter.h"
#include "painters/weight_bars_painter.h"

#include <QFontMetricsF>
#include <QStringList>

class QPainter;

namespace qkview::ui {

struct LessonScene {
    QStringList tokens;
    int query = 0, key = -1;
    HeatmapScene heatmap;
    WeightBarsScene bars;
    int dHead = 0;
    AttentionOptions options;
};

LessonScene lessonScene(const AttentionTrace& trace, int layer, int head, int query, int key, MatrixKind kind);
void renderLesson(QPainter& painter, const LessonScene& scene, const QRectF& bounds, const FigureStyle& style);

// The token chips of the sentence strip, wrapped into lines within width; a window around the query
// with "…" at the cut ends when the whole sentence would need more than maxLines.
struct ChipLayout {
    std::vector<int> tokens;    // index into the sentence, or -1 for an ellipsis chip
    std::vector<QRectF> rects;  // relative to the strip's top-left
    int lines = 0;
    double height = 0;
};
ChipLayout layoutChips(const QFontMetricsF& fm, const QStringList& tokens, int query, double width, int maxLines);

} // namespace qkview::ui
