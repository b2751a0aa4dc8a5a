// SPDX-License-Identifier: MIT
#include "figures/figure_style.h"

#include <cmath>

namespace qkview::ui {

FigureStyle FigureStyle::fromPalette(const QPalette& palette, const QFont& font) {
    FigureStyle s;
    s.background = palette.color(QPalette::Base);
    s.foreground = palette.color(QPalette::Text);
    s.muted = palette.color(QPalette::PlaceholderText);
    s.accent = palette.color(QPalette::Highlight);
    const bool dark = s.background.lightnessF() < 0.5;
    s.masked = dark ? QColor(60, 60, 66) : QColor(226, 226, 230);
    s.font = font;
    return s;
}

FigureStyle FigureStyle::print() {
    FigureStyle s;
    s.background = Qt::white;
    s.foreground = QColor(20, 20, 20);
    s.muted = QColor(110, 110, 110);
    s.accent = QColor(230, 80, 20);
    s.masked = QColor(232, 232, 236);
    s.font = QFont(QStringLiteral("DejaVu Sans"), 10);
    return s;
}

QFont scaledFont(const QFont& font, double factor) {
    QFont f = font;
    if (f.pixelSize() > 0)
        f.setPixelSize(std::max(1, static_cast<int>(std::lround(f.pixelSize() * factor))));
    else
        f.setPointSizeF(std::max(1.0, f.pointSizeF() * factor));
    return f;
}

} // namespace qkview::ui
