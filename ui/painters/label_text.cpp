// SPDX-License-Identifier: MIT
#include "painters/label_text.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

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

namespace qkview::ui {

int labelStep(double pitch, double extent) {
    if (!(pitch > 0)) return 1;
    return std::max(1, static_cast<int>(std::ceil(extent / pitch - 1e-9)));
}

std::vector<int> thinnedLabels(int first, int last, int step, const std::vector<int>& priority) {
    step = std::max(1, step);
    std::vector<int> kept;
    const auto clears = [&](int i, size_t upTo) {
        for (size_t k = 0; k < upTo; ++k)
            if (std::abs(kept[k] - i) < step) return false;
        return true;
    };
    for (int p : priority)
        if (p >= first && p <= last && clears(p, kept.size())) kept.push_back(p);
    const size_t pinned = kept.size();
    for (int i = (std::max(first, 0) + step - 1) / step * step; i <= last; i += step)
        if (clears(i, pinned)) kept.push_back(i);
    std::sort(kept.begin(), kept.end());
    return kept;
}

} // namespace qkview::ui
