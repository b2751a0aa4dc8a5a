// SPDX-License-Identifier: MIT
#pragma once
// A figure for slides and papers: a title, one view (or the lesson composite), a caption. Painted by
// the same routines as the screen, into any QPainter at any rectangle.
#include "figures/figure_style.h"
#include "session/view_state.h"

#include "trace/attention_trace.h"

#include <QSizeF>
#include <QStringList>

#include <optional>

class QPainter;

namespace qkview::ui {

enum class FigureView { Heatmap, Lines, Values, Math, Grid, Lesson, Scatter, Compare };

QStringList figureViewNames(); // in FigureView order: heatmap, lines, values, math, grid, lesson, scatter, compare
QString figureViewName(FigureView view);
std::optional<FigureView> figureViewFromName(const QString& name);
// Values, math and the lesson are about one query; the others show every query.
bool needsQuery(FigureView view);

// Figures are laid out in units of 1/96 inch (CSS pixels) on every device, so a label has the same
// physical size on screen, in a PNG at any DPI, in SVG and in PDF.
inline constexpr double kFigureUnitsPerInch = 96.0;

struct FigureRequest {
    FigureView view = FigureView::Heatmap;
    int layer = 0, head = 0;
    int query = -1; // -1: none (views that need one take the query that attends most sharply)
    int key = -1;   // -1: none (views that need one take that query's strongest key)
    MatrixKind what = MatrixKind::Weights;
    ColormapId colormap = ColormapId::Viridis;
    bool numbers = false;
    bool selection = true; // outline (and highlight) the selected query, key or head
    bool gridTokens = false; // grid only: the selected head's matrix with its tokens beside (or below) the grid
    bool headTypes = false;  // grid only: each head framed in the colour of its measured type, with a legend
    TracePtr compareWith;    // compare only: the second text's trace (the same model), shown beside the first
    double fontSize = 0;   // points; 0: sized for the figure (autoFontSize)
    ColorScaleMode scale = ColorScaleMode::Fixed; // heatmap colours: fixed range, per-row maximum, log
    std::optional<QString> title;   // nullopt: one naming the head and what it shows; empty: no title
    std::optional<QString> caption; // nullopt: one naming the model, the text and the options; empty: none
    QSizeF size{1024, 576};         // in figure units (1/96 inch)
};

inline constexpr double kMinFontPoints = 5; // no text of a figure is smaller
inline constexpr double kMaxFontPoints = 72;
// The type size a figure of this size (figure units) gets by default: 8 pt at column width (8.5 cm),
// 9 pt at double-column width (17 cm), growing to 12–14 pt for slides.
double autoFontSize(QSizeF size);

// Throws Error(InvalidArgument) naming the valid range when layer, head, query or key is outside the trace,
// for gridTokens or headTypes with another view than the grid, and for compare without a second trace.
void checkFigureRequest(const FigureRequest& request, const AttentionTrace& trace);
// The request with a view's missing query and key chosen from the trace.
FigureRequest resolvedRequest(FigureRequest request, const AttentionTrace& trace);
// "layer 3, head 2", with the head's name when it has one of its own.
QString headLabel(const AttentionTrace& trace, int layer, int head);
QString defaultTitle(const FigureRequest& request, const AttentionTrace& trace);
QString defaultCaption(const FigureRequest& request, const AttentionTrace& trace);

// base (the print style unless the screen's is wanted) with the request's colour map and numbers, the
// font at the request's size in points (text shrinks to fit down to 5 pt), and one vector shape per cell.
FigureStyle figureStyle(const FigureRequest& request, FigureStyle base = FigureStyle::print());

// Lays the figure out at request.size and scales it to fill target. Throws like checkFigureRequest.
// Returns what it could not do as asked (e.g. numbers that do not fit), for the user to be told.
QStringList renderFigure(QPainter& painter, const FigureRequest& request, const AttentionTrace& trace, const QRectF& target,
                  const FigureStyle& base = FigureStyle::print());

} // namespace qkview::ui
