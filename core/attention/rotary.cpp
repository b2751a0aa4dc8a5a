// SPDX-License-Identifier: MIT
#include "attention/rotary.h"

#include <cmath>

namespace qkview {

std::vector<double> rotaryFrequencies(const RopeConfig& rope, int headSize) {
    constexpr double kPi = 3.14159265358979323846;
    std::vector<double> frequencies(static_cast<size_t>(headSize / 2));
    for (size_t i = 0; i < frequencies.size(); ++i) {
        double f = std::pow(rope.theta, -2.0 * static_cast<double>(i) / headSize);
        if (rope.scaling == RopeConfig::Scaling::Linear) {
            f /= rope.factor; // the same as dividing every position by factor
        } else if (rope.scaling == RopeConfig::Scaling::Llama3) {
            // Long wavelengths (low frequencies) are slowed by factor, short ones kept, and the band between
            // blended smoothly (Llama 3.1's scheme).
            const double wavelength = 2 * kPi / f;
            const double lowWavelength = rope.originalContext / rope.lowFreqFactor;
            const double highWavelength = rope.originalContext / rope.highFreqFactor;
            if (wavelength > lowWavelength) {
                f /= rope.factor;
            } else if (wavelength >= highWavelength) {
                const double smooth = (rope.originalContext / wavelength - rope.lowFreqFactor) /
                                      (rope.highFreqFactor - rope.lowFreqFactor);
                f = (1 - smooth) * f / rope.factor + smooth * f;
            }
        }
        frequencies[i] = f;
    }
    return frequencies;
}

void rotaryForward(Matrix& x, const std::vector<double>& frequencies, int first, int heads) {
    const Eigen::Index hs = x.cols() / heads, half = hs / 2;
    for (Eigen::Index r = 0; r < x.rows(); ++r) {
        const double position = static_cast<double>(first + r);
        for (Eigen::Index i = 0; i < half; ++i) {
            const double angle = position * frequencies[static_cast<size_t>(i)];
            const float c = static_cast<float>(std::cos(angle)), s = static_cast<float>(std::sin(angle));
            for (Eigen::Index h = 0; h < heads; ++h) {
                float& a = x(r, h * hs + i);
                float& b = x(r, h * hs + i + half);
                const float x1 = a, x2 = b;
                a = x1 * c - x2 * s;
                b = x2 * c + x1 * s;
            }
        }
    }
}

RowVector unrotated(const RowVector& v, const std::vector<double>& frequencies, int position) {
    Matrix x = v; // (1, hs)
    rotaryForward(x, frequencies, -position, 1);
    return x.row(0);
}

} // namespace qkview
