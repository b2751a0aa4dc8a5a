// SPDX-License-Identifier: MIT
#pragma once
// Where the parts of a figure go on its page, for every view: title and caption wrapped to the width,
// the view shrink-wrapped to what it draws, the whole block centred with even margins. Pure geometry
// from font metrics (no painting), so tests check that no two text boxes overlap.
#include "figures/figure.h"
#include "painters/grid_tokens_painter.h"
#include "painters/head_grid_painter.h"
#include "painters/heatmap_painter.h"
#include "painters/lesson_painter.h"

#include <optional>

class QPaintDevice;
class QPainter;

namespace qkview::ui {

struct FigureLayout {
    FigureStyle style; // fonts in points for the device measured on
    QRectF page;
    QString title, caption;
    QFont titleFont, captionFont;
    QRectF titleRect, captionRect; // empty when there is no title (caption)
    QRectF viewArea;               // the rectangle handed to the view's painter
    QRectF content;                // what the view draws inside it
    double slack = 0;              // unused page height (the fitted size removes it)
    std::optional<HeatmapDrawing> heatmap; // the heatmap's drawing (the heatmap view's, or the grid's head's)
    std::optional<GridTokensLayout> gridTokens; // the grid and its head's matrix, in viewArea (gridTokens)
    std::optional<LessonLayout> lesson;    // the lesson's parts, in viewArea
    QStringList warnings;          // what the figure could not do as asked (numbers that do not fit)
};

// The figure's scenes, built once per figure: the heatmap's, the grid's and the lesson's for their views
// (the grid with tokens has both the grid's and the selected head's heatmap).
struct FigureScenes {
    HeatmapScene heatmap;
    HeatmapFrame heatmapFrame; // fit, with cells wider than tall where the page is wide
    HeadGridScene grid;
    QString headTitle; // the grid with tokens: names the head whose matrix is shown
    LessonScene lesson;
};
FigureScenes figureScenes(const FigureRequest& resolved, const AttentionTrace& trace, const FigureStyle& style);

// The style with fonts converted so that their points hold on device (whose logical DPI may not be 96).
FigureStyle deviceStyle(FigureStyle style, const QPaintDevice* device);

// request must be resolved and checked; style from deviceStyle(); page in figure units. The painter
// is only measured with (its device's fonts, whether it is a vector device), never painted on.
FigureLayout layoutFigure(QPainter& painter, const FigureRequest& request, const AttentionTrace& trace,
                          const FigureScenes& scenes, const FigureStyle& style, const QRectF& page);

// The page size (figure units) that fits the content at request's font size: the height for the given
// width, or for the heatmap and the grid both sides from a natural cell size when width is not given.
QSizeF fittedFigureSize(const FigureRequest& request, const AttentionTrace& trace, std::optional<double> width,
                        const FigureStyle& base = FigureStyle::print());

} // namespace qkview::ui
