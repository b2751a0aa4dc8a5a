// SPDX-License-Identifier: MIT
#pragma once
#include <QPalette>
#include <QString>

#include <optional>

namespace qkview::ui {

enum class Theme { System, Light, Dark };

QPalette paletteFor(Theme theme);
// Sets the Fusion style and the theme's palette on the running QApplication.
void applyTheme(Theme theme);
QString themeName(Theme theme); // "system", "light", "dark"
std::optional<Theme> themeFromName(const QString& name);

} // namespace qkview::ui
