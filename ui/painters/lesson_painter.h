// SPDX-License-Identifier: MIT
#pragma once
// The lesson figure: the sentence with the query highlighted, the chosen head's heatmap, the query's
// row of weights as bars, and the formula with this head's numbers. On a slide the bars and the formula
// stand beside the heatmap; on a narrow page (a paper's column) the formula goes below, full width.
#include "painters/heatmap_painter.h"
#include "painters/weight_bars_painter.h"

#include <QFontMetricsF>
#include <QStringList>

#include <optional>

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

// Where the lesson's parts go inside bounds: pure geometry from the painter's font metrics, so tests
// check that no part overlaps another. Parts without room are empty rectangles.
struct LessonLayout {
    bool stacked = false;   // the formula below the heatmap and bars instead of beside them
    QFont chipFont;
    QRectF chips;           // the sentence strip
    QRectF heatmapArea;     // handed to the heatmap painter
    std::optional<HeatmapDrawing> heatmap; // the heatmap's drawing in heatmapArea
    QRectF bars;            // the query's row of weights
    QRectF formula;         // the formula's text block
    int formulaDetail = 2;  // paragraphs kept after the equation: 2 all, 1 without the constants, 0 none
    double ruleY = 0;       // the rule above the formula
};
LessonLayout lessonLayout(QPainter& painter, const LessonScene& scene, const QRectF& bounds, const FigureStyle& style);
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
