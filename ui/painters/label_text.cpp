// SPDX-License-Identifier: MIT
#include "painters/label_text.h"

#include <cmath>

namespace qkview::ui {

QString tokenLabel(const QString& token, int maxChars) {
    QString s = token;
    s.replace(u'\n', QStringLiteral("⏎")).replace(u'\t', QStringLiteral("⇥")).replace(u' ', QStringLiteral("␣"));
    if (s.isEmpty()) s = QStringLiteral("∅");
    if (s.size() > maxChars) {
        qsizetype cut = maxChars - 1;
        if (s.at(cut - 1).isHighSurrogate()) --cut; // never split a surrogate pair
        s = s.left(cut) + QStringLiteral("…");
    }
    return s;
}

QString formatValue(double value, bool isWeight) {
    if (!std::isfinite(value)) return QStringLiteral("–");
    if (isWeight) return QString::number(value, 'f', 2);
    return std::abs(value) >= 100 ? QString::number(value, 'f', 0) : QString::number(value, 'g', 3);
}

} // namespace qkview::ui
