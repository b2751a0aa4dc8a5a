// SPDX-License-Identifier: MIT
#pragma once
// A trace of any shape with random queries and keys (and so random softmax rows), without a model:
// GPT-2 XL has 48 layers × 25 heads. Header-only, for tests and benchmarks.
#include "trace/attention_trace.h"

#include <random>

namespace qkview::test {

inline TracePtr syntheticTrace(int layers, int heads, int tokens, int headSize = 4, unsigned seed = 7) {
    auto trace = std::make_shared<AttentionTrace>();
    trace->config.name = QStringLiteral("synthetic");
    trace->config.layers = layers;
    trace->config.heads = trace->config.kvHeads = heads;
    trace->config.dHead = headSize;
    trace->config.dModel = heads * headSize;
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal(0.0f, 1.5f);
    const auto random = [&](int rows, int cols) {
        Matrix m(rows, cols);
        for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = normal(rng);
        return m;
    };
    for (int t = 0; t < tokens; ++t) {
        Token token;
        token.text = QStringLiteral("t%1").arg(t);
        trace->tokens.push_back(token);
    }
    auto rows = std::make_shared<TraceRows>();
    const int width = heads * headSize;
    for (int l = 0; l < layers; ++l)
        rows->layers.push_back({Matrix::Zero(tokens, width), random(tokens, width), random(tokens, width),
                                random(tokens, width)});
    rows->output = Matrix::Zero(tokens, width);
    trace->blocks = {{std::move(rows), tokens}};
    return trace;
}

} // namespace qkview::test
