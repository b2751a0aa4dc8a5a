// SPDX-License-Identifier: MIT
#include "session/preferences.h"

#include "figures/figure.h"

#include <QSettings>

namespace qkview::ui {

Preferences Preferences::load() {
    const QSettings settings;
    Preferences p;
    p.colormap = Colormap::fromName(settings.value(QStringLiteral("preferences/colormap")).toString()).value_or(p.colormap);
    p.numbersInCells = settings.value(QStringLiteral("preferences/numbers"), p.numbersInCells).toBool();
    const double size = settings.value(QStringLiteral("preferences/figureFontSize"), 0.0).toDouble();
    p.figureFontSize = size >= kMinFontPoints && size <= kMaxFontPoints ? size : 0; // anything else: automatic
    return p;
}

void Preferences::save() const {
    QSettings settings;
    settings.setValue(QStringLiteral("preferences/colormap"), Colormap::get(colormap).name());
    settings.setValue(QStringLiteral("preferences/numbers"), numbersInCells);
    settings.setValue(QStringLiteral("preferences/figureFontSize"), figureFontSize);
}

} // namespace qkview::ui
