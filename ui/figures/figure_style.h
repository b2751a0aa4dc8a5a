// SPDX-License-Identifier: MIT
#pragma once
// How a picture is drawn, apart from what it shows: the screen derives one from the palette,
// exports use the light print style.
#include "painters/colormap.h"

#include <QColor>
#include <QFont>
#include <QPalette>

namespace qkview::ui {

struct FigureStyle {
    QColor background;
    QColor foreground;      // text and axes
    QColor muted;           // secondary text, grid lines
    QColor accent;          // selection outline
    QColor masked;          // cells hidden by the causal mask
    QFont font;
    ColormapId colormap = ColormapId::Viridis;
    bool numbersInCells = false;
    bool rasterCells = false; // screen shortcut for large matrices; vector exports keep one shape per cell
    bool smoothCharts = true; // antialiased Qt Charts; the screen turns it off to keep typing fast (≈2 ms)
    // Labels and numbers shrink to fit down to this fraction of font, then thin or go (figures: 5 pt).
    double minFontScale = 0.6;

    static FigureStyle fromPalette(const QPalette& palette, const QFont& font);
    static FigureStyle print(); // white background, black text, sized for slides and papers
};

// The font at factor × its size, whether its size is in pixels or points.
QFont scaledFont(const QFont& font, double factor);

} // namespace qkview::ui
