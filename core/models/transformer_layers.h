// SPDX-License-Identifier: MIT
#pragma once
// A transformer's layers as short functions in llm.c's style: outputs first, then inputs, then sizes.
// Every family's forward pass (models/transformer_model.cpp) is a straight line of these.
// Shapes: R = rows computed in this pass (the new tokens), first = the position of row 0, C = channels,
//   NH/NKV = query/key-value heads, hs = head size, I = MLP width, V = vocabulary.
#include "base/matrix.h"
#include "models/transformer_config.h"
#include "models/transformer_weights.h"

#include <vector>

namespace qkview {

// out (R, C) = embedding[ids[r]] (+ positions[first + r] when learned positions are given).
void embeddingForward(Matrix& out, const std::vector<int>& ids, int first, const WeightView& embedding,
                      const WeightView& positions);

// In place, x (R, C) += types[types[r]]: which sentence (A or B) each token belongs to.
void tokenTypeForward(Matrix& x, const std::vector<int>& types, const WeightView& table);

// out (R, C): each row of in normalised. LayerNorm: mean 0, variance 1, then × weight + bias;
// RMSNorm: divided by its root mean square, then × weight.
void normForward(Matrix& out, const Matrix& in, const NormWeights& weights, NormKind kind, double epsilon);

// out (R, out) = in (R, in) · Wᵀ + b in column blocks spread over the cores, for any R (R = 1 when typing:
// a matrix-vector product that streams the weights), with W stored either way (LinearWeights).
void linearForward(Matrix& out, const Matrix& in, const LinearWeights& weights);

// In place, GPT-2's tanh form: x ← ½·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
void geluForward(Matrix& x);

// In place, the exact form: x ← ½·x·(1 + erf(x/√2)) (BERT).
void geluErfForward(Matrix& x);

// In place: gate ← silu(gate) · up = gate / (1 + e^(−gate)) · up, SwiGLU's gating.
void swigluForward(Matrix& gate, const Matrix& up);

// In place, each head's slice (hs) of x (R, heads·hs) divided by its root mean square and × weight (hs).
void headNormForward(Matrix& x, const WeightView& weight, int heads, double epsilon);

struct TokenProbability {
    int id = -1;
    float p = 0.0f;
};

// The k most likely tokens for a hidden row x (1, C), already through the final norm (or the masked-LM
// head's transform): softmax over the logits output (V, C) · xᵀ (+ bias (V) when given), most likely first.
std::vector<TokenProbability> topTokensForward(const RowVector& x, const WeightView& output, int k,
                                               const WeightView& bias = {});

} // namespace qkview
