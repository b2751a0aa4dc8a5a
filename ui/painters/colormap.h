// SPDX-License-Identifier: MIT
#pragma once
#include <QColor>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>

namespace qkview::ui {

// Perceptually uniform maps (matplotlib's tables). Viridis and cividis are colour-blind safe; greys
// runs from white (0) to black (1) so strong attention prints dark; "blue-red" (matplotlib's RdBu_r:
// blue negative, white 0, red positive) is for signed scores. Every map has a reversed twin "NAME_r".
// Reversed ids follow the plain ones so stored indices of the plain maps stay valid.
enum class ColormapId { Viridis, Cividis, Magma, Greys, Diverging, ViridisR, CividisR, MagmaR, GreysR, DivergingR };

inline constexpr int kColormapCount = 10;

class Colormap {
public:
    static const Colormap& get(ColormapId id);
    static QStringList names(); // in ColormapId order
    // Also accepts "diverging" (the old name of blue-red), any case, with or without "_r".
    static std::optional<ColormapId> fromName(const QString& name);
    // What a person reads in a menu, e.g. "blue-red (red positive)".
    static QString displayName(ColormapId id);
    static bool isReversed(ColormapId id) { return static_cast<int>(id) > static_cast<int>(ColormapId::Diverging); }
    static ColormapId plain(ColormapId id); // without the reversal
    static ColormapId reversed(ColormapId id, bool reverse = true);

    // t in [0, 1], clamped; NaN maps to the low end.
    QColor at(double t) const;
    QString name() const { return m_name; }
    bool isDiverging() const { return m_diverging; }
    // A legible text colour on top of colour c (black or white by luminance).
    static QColor textOn(const QColor& c);
    // Relative luminance (sRGB weights), 0 for black to 1 for white.
    static double luminance(const QColor& c);

private:
    Colormap(QString name, const std::array<unsigned, 256>& table, bool diverging, bool reversed);
    QString m_name;
    const std::array<unsigned, 256>& m_table;
    bool m_diverging;
    bool m_reversed; // read the table from its end
};

} // namespace qkview::ui
