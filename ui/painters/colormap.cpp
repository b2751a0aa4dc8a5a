// SPDX-License-Identifier: MIT
#include "painters/colormap.h"

#include "painters/colormap_data.h"

#include <cmath>

namespace qkview::ui {

Colormap::Colormap(QString name, const std::array<unsigned, 256>& table, bool diverging)
    : m_name(std::move(name)), m_table(table), m_diverging(diverging) {}

const Colormap& Colormap::get(ColormapId id) {
    static const std::array<Colormap, 5> maps = {
        Colormap(QStringLiteral("viridis"), detail::kViridis, false),
        Colormap(QStringLiteral("cividis"), detail::kCividis, false),
        Colormap(QStringLiteral("magma"), detail::kMagma, false),
        Colormap(QStringLiteral("greys"), detail::kGreys, false),
        Colormap(QStringLiteral("diverging"), detail::kDiverging, true),
    };
    return maps[static_cast<size_t>(id)];
}

QStringList Colormap::names() {
    QStringList out;
    for (int i = 0; i <= static_cast<int>(ColormapId::Diverging); ++i) out << get(static_cast<ColormapId>(i)).name();
    return out;
}

std::optional<ColormapId> Colormap::fromName(const QString& name) {
    const int index = static_cast<int>(names().indexOf(name.toLower()));
    if (index < 0) return std::nullopt;
    return static_cast<ColormapId>(index);
}

QColor Colormap::at(double t) const {
    if (!(t > 0.0)) t = 0.0; // also catches NaN
    if (t > 1.0) t = 1.0;
    const double x = t * 255.0;
    const auto i = static_cast<size_t>(std::floor(x));
    const auto j = std::min<size_t>(i + 1, 255);
    const double f = x - static_cast<double>(i);
    const auto channel = [&](int shift) {
        const double a = (m_table[i] >> shift) & 0xff, b = (m_table[j] >> shift) & 0xff;
        return static_cast<int>(std::lround(a + (b - a) * f));
    };
    return QColor(channel(16), channel(8), channel(0));
}

double Colormap::luminance(const QColor& c) { return 0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF(); }

QColor Colormap::textOn(const QColor& c) { return luminance(c) > 0.5 ? QColor(Qt::black) : QColor(Qt::white); }

} // namespace qkview::ui
