// SPDX-License-Identifier: MIT
#include "window/model_summary.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

namespace qkview::ui {

QString parameterCountText(long long count) {
    const auto scaled = [](double value, const char* unit) {
        // Three significant digits: 1.24 B, 12.4 M, 124 M.
        const int decimals = value < 10 ? 2 : value < 100 ? 1 : 0;
        return QStringLiteral("%1 %2").arg(QLocale().toString(value, 'f', decimals), QLatin1StringView(unit));
    };
    if (count >= 1'000'000'000) return scaled(static_cast<double>(count) / 1e9, "B");
    if (count >= 1'000'000) return scaled(static_cast<double>(count) / 1e6, "M");
    return QLocale().toString(count);
}

QString modelSummary(const ModelConfig& c) {
    const auto tr = [](const char* text) { return QCoreApplication::translate("qkview", text); };
    QStringList parts;
    if (!c.family.isEmpty()) parts << c.family;
    if (!c.name.isEmpty() && c.name != c.family) parts << c.name;
    QString shape = tr("%1 layers × %2 heads").arg(c.layers).arg(c.heads);
    if (c.kvHeads > 0 && c.kvHeads != c.heads) shape += tr(" (%1 KV)").arg(c.kvHeads);
    parts << shape << tr("%1 parameters").arg(parameterCountText(c.parameterCount));
    if (!c.weightDtype.isEmpty()) parts << c.weightDtype;
    return parts.join(QStringLiteral(" · "));
}

} // namespace qkview::ui
