// SPDX-License-Identifier: MIT
#pragma once
#include <QColor>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>

namespace qkview::ui {

// Perceptually uniform maps (matplotlib's tables). Viridis and cividis are colour-blind safe;
// "diverging" (red-blue) is for signed scores, centred on 0.
enum class ColormapId { Viridis, Cividis, Magma, Greys, Diverging };

class Colormap {
public:
    static const Colormap& get(ColormapId id);
    static QStringList names(); // in ColormapId order
    static std::optional<ColormapId> fromName(const QString& name);

    // t in [0, 1], clamped; NaN maps to the low end.
    QColor at(double t) const;
    QString name() const { return m_name; }
    bool isDiverging() const { return m_diverging; }
    // A legible text colour on top of colour c (black or white by luminance).
    static QColor textOn(const QColor& c);
    // Relative luminance (sRGB weights), 0 for black to 1 for white.
    static double luminance(const QColor& c);

private:
    Colormap(QString name, const std::array<unsigned, 256>& table, bool diverging);
    QString m_name;
    const std::array<unsigned, 256>& m_table;
    bool m_diverging;
};

} // namespace qkview::ui
