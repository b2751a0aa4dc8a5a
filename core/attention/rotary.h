// SPDX-License-Identifier: MIT
#pragma once
// Rotary positions (RoPE): before the dot product, each query and key is turned by an angle that grows
// with its position, so q·k depends on how far apart the two tokens are.
// Shapes: R = rows, hs = head size.
#include "base/matrix.h"

#include <vector>

namespace qkview {

// Rotary position embeddings in Hugging Face's rotate-half layout: dimension i pairs with i + hs/2 and
// turns by position · θ^(−2i/hs), the frequencies optionally rescaled for long contexts.
struct RopeConfig {
    enum class Scaling { None, Linear, Llama3 };
    double theta = 10000.0;
    Scaling scaling = Scaling::None;
    double factor = 1.0;          // linear: positions ÷ factor; llama3: low frequencies ÷ factor
    double lowFreqFactor = 1.0;   // llama3: wavelengths above original / low are divided by factor
    double highFreqFactor = 4.0;  // llama3: wavelengths below original / high are kept
    int originalContext = 8192;   // llama3: original_max_position_embeddings
};

// The rotary inverse frequencies (hs/2) of a config: θ^(−2i/hs), rescaled as rope.scaling says.
std::vector<double> rotaryFrequencies(const RopeConfig& rope, int headSize);

// In place, every head of x (R, heads·hs) turned by its row's position (first + r) in the rotate-half
// layout: dimension i pairs with i + hs/2 and turns by position · frequency[i].
void rotaryForward(Matrix& x, const std::vector<double>& frequencies, int first, int heads);

// v (hs) as it was before rotaryForward turned it at position: the same turn backwards.
RowVector unrotated(const RowVector& v, const std::vector<double>& frequencies, int position);

} // namespace qkview
