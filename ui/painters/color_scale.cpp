// SPDX-License-Identifier: MIT
#include "painters/color_scale.h"

#include "painters/label_text.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace qkview::ui {

namespace {
QString tr(const char* text) { return QCoreApplication::translate("qkview", text); }
double clamp01(double t) { return std::isfinite(t) ? std::clamp(t, 0.0, 1.0) : 0.0; }
} // namespace

QStringList colorScaleNames() { return {QStringLiteral("fixed"), QStringLiteral("row"), QStringLiteral("log")}; }

QString colorScaleName(ColorScaleMode mode) { return colorScaleNames().value(static_cast<int>(mode)); }

std::optional<ColorScaleMode> colorScaleFromName(const QString& name) {
    const auto index = colorScaleNames().indexOf(name.trimmed().toLower());
    if (index < 0) return std::nullopt;
    return static_cast<ColorScaleMode>(index);
}

ColorScale::ColorScale(const MatrixData& data, ColorScaleMode mode)
    : m_mode(mode), m_diverging(data.diverging), m_low(data.low), m_high(data.high) {
    if (mode != ColorScaleMode::RowMax) return;
    m_rowMax.assign(static_cast<size_t>(data.rows()), 0.0);
    for (int i = 0; i < data.rows(); ++i) {
        double m = 0;
        for (int j = 0; j < data.columns(); ++j) {
            if (data.masked(i, j)) continue;
            const double v = data.values(i, j);
            if (std::isfinite(v)) m = std::max(m, m_diverging ? std::abs(v) : v);
        }
        m_rowMax[static_cast<size_t>(i)] = m;
    }
}

double ColorScale::position(int row, double v) const {
    switch (m_mode) {
    case ColorScaleMode::RowMax: {
        const double m = row >= 0 && row < static_cast<int>(m_rowMax.size()) ? m_rowMax[static_cast<size_t>(row)] : 0.0;
        if (m <= 0) return m_diverging ? 0.5 : 0.0;
        return clamp01(m_diverging ? 0.5 + 0.5 * v / m : v / m);
    }
    case ColorScaleMode::Log: {
        if (m_diverging) { // symmetric log: sign(v) · log(1 + |v|), centred on 0
            const double m = std::max(std::abs(m_low), std::abs(m_high));
            if (m <= 0) return 0.5;
            return clamp01(0.5 + 0.5 * std::copysign(std::log1p(std::abs(v)), v) / std::log1p(m));
        }
        if (m_high <= 0) return 0.0;
        const double floor = m_high * std::pow(10.0, -kLogDecades);
        return clamp01((std::log10(std::max(v, floor)) - std::log10(floor)) / kLogDecades);
    }
    case ColorScaleMode::Fixed: break;
    }
    return clamp01(m_high > m_low ? (v - m_low) / (m_high - m_low) : 0.5);
}

void ColorScale::positions(int row, const float* values, int n, float* out) const {
    if (m_mode != ColorScaleMode::Fixed) { // log and row scales: the general path
        for (int j = 0; j < n; ++j) out[j] = static_cast<float>(position(row, values[j]));
        return;
    }
    // Fixed: one linear map for the whole row, as position() computes it.
    const double span = m_high - m_low;
    for (int j = 0; j < n; ++j) out[j] = static_cast<float>(clamp01(span > 0 ? (values[j] - m_low) / span : 0.5));
}

std::vector<ColorScale::Tick> ColorScale::ticks() const {
    std::vector<Tick> out;
    switch (m_mode) {
    case ColorScaleMode::RowMax:
        if (m_diverging) return {{0.0, tr("−max")}, {0.5, QStringLiteral("0")}, {1.0, tr("+max")}};
        return {{0.0, QStringLiteral("0")}, {0.5, tr("max/2")}, {1.0, tr("row max")}};
    case ColorScaleMode::Log:
        if (m_diverging) {
            for (double v : {m_low, m_low / 10, 0.0, m_high / 10, m_high}) out.push_back({position(0, v), formatValue(v, false)});
            return out;
        }
        for (int d = static_cast<int>(kLogDecades); d >= 0; --d) {
            const double v = m_high * std::pow(10.0, -d);
            out.push_back({position(0, v), QString::number(v, 'g', 2)});
        }
        return out;
    case ColorScaleMode::Fixed: break;
    }
    if (!m_diverging && m_low == 0.0 && m_high == 1.0) {
        for (double v : {0.0, 0.25, 0.5, 0.75, 1.0}) out.push_back({position(0, v), formatValue(v, true)});
        return out;
    }
    // Round values (±5, ±10 …, or 0 to 6 for value-weighted attention), all with one precision, rather than
    // the range's own odd ends.
    const std::vector<double> values = niceTicks(m_low, m_high, 6);
    const double step = values.size() > 1 ? values[1] - values[0] : 1.0;
    const int decimals = std::clamp(static_cast<int>(std::ceil(-std::log10(step) - 1e-9)), 0, 3);
    for (double v : values) out.push_back({position(0, v), formatFixed(v, decimals)});
    return out;
}

QString ColorScale::description() const {
    switch (m_mode) {
    case ColorScaleMode::RowMax: return tr("colours: each row ÷ its maximum");
    case ColorScaleMode::Log:
        return m_diverging ? tr("colours: symmetric log scale") : tr("colours: log scale, 10⁻⁴ to 1");
    case ColorScaleMode::Fixed: break;
    }
    return m_diverging ? tr("colours: fixed range centred on 0") : tr("colours: fixed 0–1");
}

} // namespace qkview::ui
