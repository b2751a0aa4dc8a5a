// SPDX-License-Identifier: MIT
#pragma once
// The one contract between core and ui: the immutable result of one forward pass.
// Shapes: T = tokens, C = d_model, hs = head size.
#include "attention/attention.h"
#include "trace/model_config.h"
#include "trace/token.h"

#include <memory>
#include <vector>

namespace qkview {

struct LayerTrace {
    Matrix input;                // (T, C) residual stream entering the layer
    Matrix output;               // (T, C) residual stream leaving it
    std::vector<HeadTrace> heads; // NH
};

struct Prediction {
    QString text;
    int id = -1;
    float p = 0.0f;
};

struct AttentionTrace {
    ModelConfig config;
    AttentionOptions options;
    QString text; // the source the tokens point into
    TokenList tokens;
    std::vector<LayerTrace> layers;      // L
    std::vector<Prediction> nextTokens;  // most likely first; empty for models without a vocabulary head

    int tokenCount() const { return static_cast<int>(tokens.size()); }
    // Bounds-checked access; throws Error(InvalidArgument) naming the valid range.
    const HeadTrace& head(int layer, int head) const;
    bool isMasked(int query, int key) const { return options.causal && key > query; }
};

using TracePtr = std::shared_ptr<const AttentionTrace>;

} // namespace qkview
