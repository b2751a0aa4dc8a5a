// SPDX-License-Identifier: MIT
#include "painters/colormap.h"

#include "painters/colormap_data.h"

#include <QCoreApplication>

#include <cmath>

namespace qkview::ui {

namespace {
constexpr int kPlainCount = static_cast<int>(ColormapId::Diverging) + 1;
const QString kReversedSuffix = QStringLiteral("_r");
} // namespace

Colormap::Colormap(QString name, const std::array<unsigned, 256>& table, bool diverging, bool reversed)
    : m_name(std::move(name)), m_table(table), m_diverging(diverging), m_reversed(reversed) {}

ColormapId Colormap::plain(ColormapId id) { return static_cast<ColormapId>(static_cast<int>(id) % kPlainCount); }

ColormapId Colormap::reversed(ColormapId id, bool reverse) {
    return static_cast<ColormapId>(static_cast<int>(plain(id)) + (reverse ? kPlainCount : 0));
}

const Colormap& Colormap::get(ColormapId id) {
    // kGreys is matplotlib's Greys_r (black → white): read backwards, greys puts black at 1.
    static const std::array<Colormap, kColormapCount> maps = {
        Colormap(QStringLiteral("viridis"), detail::kViridis, false, false),
        Colormap(QStringLiteral("cividis"), detail::kCividis, false, false),
        Colormap(QStringLiteral("magma"), detail::kMagma, false, false),
        Colormap(QStringLiteral("greys"), detail::kGreys, false, true),
        Colormap(QStringLiteral("blue-red"), detail::kDiverging, true, false),
        Colormap(QStringLiteral("viridis_r"), detail::kViridis, false, true),
        Colormap(QStringLiteral("cividis_r"), detail::kCividis, false, true),
        Colormap(QStringLiteral("magma_r"), detail::kMagma, false, true),
        Colormap(QStringLiteral("greys_r"), detail::kGreys, false, false),
        Colormap(QStringLiteral("blue-red_r"), detail::kDiverging, true, true),
    };
    return maps[static_cast<size_t>(id)];
}

QStringList Colormap::names() {
    QStringList out;
    for (int i = 0; i < kColormapCount; ++i) out << get(static_cast<ColormapId>(i)).name();
    return out;
}

std::optional<ColormapId> Colormap::fromName(const QString& name) {
    QString n = name.trimmed().toLower();
    const bool reverse = n.endsWith(kReversedSuffix);
    if (reverse) n.chop(kReversedSuffix.size());
    if (n == u"diverging") n = get(ColormapId::Diverging).name();
    const int index = static_cast<int>(names().indexOf(n));
    if (index < 0 || index >= kPlainCount) return std::nullopt;
    return reversed(static_cast<ColormapId>(index), reverse);
}

QString Colormap::displayName(ColormapId id) {
    const auto tr = [](const char* text) { return QCoreApplication::translate("qkview", text); };
    QString base = get(plain(id)).name();
    if (plain(id) == ColormapId::Diverging) base = isReversed(id) ? tr("red-blue (blue positive)") : tr("blue-red (red positive)");
    else if (plain(id) == ColormapId::Greys) base = isReversed(id) ? tr("greys, reversed (black 0 → white 1)") : tr("greys (white 0 → black 1)");
    else if (isReversed(id)) base = tr("%1, reversed").arg(base);
    return base;
}

QColor Colormap::at(double t) const {
    if (!(t > 0.0)) t = 0.0; // also catches NaN
    if (t > 1.0) t = 1.0;
    if (m_reversed) t = 1.0 - t;
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
