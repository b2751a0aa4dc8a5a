// SPDX-License-Identifier: MIT
#include "painters/label_text.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace qkview::ui {

QString textExcerpt(const QString& text, int maxChars) {
    const QString t = withVisibleControls(text.simplified());
    return t.size() > maxChars ? t.left(maxChars - 1) + QStringLiteral("…") : t;
}

QString withVisibleControls(QString text) {
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        // As bytes are shown elsewhere (⟨E2 80⟩): the Control Pictures (␀) are missing from common fonts.
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            out += QStringLiteral("⟨%1⟩").arg(c.unicode(), 2, 16, QLatin1Char('0')).toUpper();
        else
            out += c.unicode() >= 0xfffe ? QChar(QChar::ReplacementCharacter) : c; // not characters in XML either
    }
    return out;
}

QString tokenLabel(const QString& token, int maxChars) {
    QString s = token;
    s.replace(u'\n', QStringLiteral("⏎")).replace(u'\t', QStringLiteral("⇥")).replace(u' ', QStringLiteral("␣"));
    s = withVisibleControls(s);
    if (s.isEmpty()) s = QStringLiteral("∅");
    if (s.size() > maxChars) {
        qsizetype cut = maxChars - 1;
        if (s.at(cut - 1).isHighSurrogate()) --cut; // never split a surrogate pair
        s = s.left(cut) + QStringLiteral("…");
    }
    return s;
}

double cachedWidth(const QFontMetricsF& fm, const QString& text, LabelWidthCache& cache) {
    auto it = cache.constFind(text);
    if (it == cache.cend()) it = cache.insert(text, fm.horizontalAdvance(text));
    return *it;
}

QString formatValue(double value, bool isWeight) {
    if (!std::isfinite(value)) return QStringLiteral("–");
    if (isWeight) return QString::number(value, 'f', 2);
    return std::abs(value) >= 100 ? QString::number(value, 'f', 0) : QString::number(value, 'g', 3);
}

int valueDecimals(double maxAbs, bool isWeight) {
    const int decimals = maxAbs > 0 && std::isfinite(maxAbs) ? 1 - static_cast<int>(std::floor(std::log10(maxAbs))) : 2;
    return std::clamp(decimals, isWeight ? 2 : 0, 3);
}

QString formatFixed(double value, int decimals, bool compact) {
    if (!std::isfinite(value)) return QStringLiteral("–");
    QString s = QString::number(std::abs(value), 'f', decimals);
    const bool zero = s.count(u'0') + s.count(u'.') == s.size();
    if (compact && s.startsWith(QStringLiteral("0.")) && s.size() > 2) s.remove(0, 1);
    return value < 0 && !zero ? QStringLiteral("−") + s : s;
}

double niceStep(double low, double high, int maxTicks) {
    const double raw = (high - low) / std::max(1, maxTicks - 1);
    const double decade = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 2.5, 5.0})
        if (m * decade >= raw * (1 - 1e-9)) return m * decade;
    return 10 * decade;
}

std::vector<double> niceTicks(double low, double high, int maxTicks) {
    if (!(high > low) || !std::isfinite(low) || !std::isfinite(high)) return {low};
    const double step = niceStep(low, high, maxTicks);
    std::vector<double> out;
    for (double k = std::ceil(low / step - 1e-9); k * step <= high + step * 1e-9; k += 1) out.push_back(k == 0 ? 0.0 : k * step);
    return out;
}

} // namespace qkview::ui

namespace qkview::ui {

int labelStep(double pitch, double extent) {
    if (!(pitch > 0)) return 1;
    // A relative tolerance: a label that fits its slot up to rounding must not halve the labels.
    return std::max(1, static_cast<int>(std::ceil(extent / pitch - 1e-6 * std::max(1.0, extent / pitch))));
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
