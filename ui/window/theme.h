// SPDX-License-Identifier: MIT
#pragma once
#include <QPalette>
#include <QString>

namespace qkview::ui {

enum class Theme { System, Light, Dark };

QPalette paletteFor(Theme theme);
// Sets the Fusion style and the theme's palette on the running QApplication.
void applyTheme(Theme theme);
QString themeName(Theme theme);

} // namespace qkview::ui
