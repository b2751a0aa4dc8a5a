// SPDX-License-Identifier: MIT
#pragma once
// Edit → Preferences: the choices that outlast a session, kept in QSettings. The theme is the window's
// (MainWindow::setTheme keeps it); these are the defaults of what the views and figures show.
#include "painters/colormap.h"

namespace qkview::ui {

struct Preferences {
    ColormapId colormap = ColormapId::Viridis; // for a fresh start, and set on the view when changed
    bool numbersInCells = false;               // likewise
    double figureFontSize = 0;                 // points for exported and copied figures; 0: sized for the figure

    static Preferences load();
    void save() const;
    bool operator==(const Preferences&) const = default;
};

} // namespace qkview::ui
