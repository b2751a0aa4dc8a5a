// SPDX-License-Identifier: MIT
#pragma once
// Where a matrix value sits on the colour bar (0..1) under one of the colour-scale modes: a pure
// value type, tested without painting.
#include "painters/matrix_data.h"
#include "session/view_state.h"

#include <QString>

#include <vector>

namespace qkview::ui {

class ColorScale {
public:
    ColorScale(const MatrixData& data, ColorScaleMode mode);

    ColorScaleMode mode() const { return m_mode; }
    // Position of value v of row `row` on the colour bar, 0..1 (clamped).
    double position(int row, double value) const;
    // The same for n values of one row at once (a heatmap image asks for T² of them): out[j] = position(row, values[j]).
    void positions(int row, const float* values, int n, float* out) const;

    struct Tick {
        double position; // 0..1 along the bar, bottom to top
        QString label;
    };
    std::vector<Tick> ticks() const;
    // One phrase for captions and tooltips, e.g. "colours: each row ÷ its maximum".
    QString description() const;

    // Weights below this share the log scale's lowest colour.
    static constexpr double kLogDecades = 4; // the log scale spans high × 10⁻⁴ … high

private:
    ColorScaleMode m_mode;
    bool m_diverging;
    double m_low, m_high;
    std::vector<double> m_rowMax; // (T) largest unmasked value (|value| when diverging), RowMax only
};

} // namespace qkview::ui
