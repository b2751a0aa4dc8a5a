// SPDX-License-Identifier: MIT
#pragma once
// GPT-2's layers as short functions in llm.c's style: outputs first, then inputs, then sizes.
// Shapes: R = rows computed in this pass (the new tokens), P = rows reused from the previous pass,
//   T = P + R tokens, C = channels, NH = heads, hs = C / NH, I = MLP width, V = vocabulary.
#include "base/matrix.h"
#include "weights/gpt2_weights.h"

#include <vector>

namespace qkview {

// out (R, C) = wte[ids[r]] + wpe[first + r]: what each token is plus where it stands.
void encoderForward(Matrix& out, const std::vector<int>& ids, int first, const WeightView& wte, const WeightView& wpe);

// out (R, C): each row of in (R, C) normalised to mean 0 and variance 1, then scaled and shifted
// by weight and bias (C).
void layernormForward(Matrix& out, const Matrix& in, const WeightView& weight, const WeightView& bias, double epsilon);

// out (R, OC) = in (R, IC) · weight (IC, OC) + bias (OC), in column blocks spread over the cores
// for any R (R = 1 when typing: a matrix-vector product that streams the weights).
void matmulForward(Matrix& out, const Matrix& in, const WeightView& weight, const WeightView& bias);

// In place, GPT-2's tanh form: x ← ½·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
void geluForward(Matrix& x);

struct TokenProbability {
    int id = -1;
    float p = 0.0f;
};

// The k most likely next tokens for the final hidden row x (1, C), already through ln_f:
// softmax over the logits wte (V, C) · xᵀ, most likely first.
std::vector<TokenProbability> topTokensForward(const RowVector& x, const WeightView& wte, int k);

} // namespace qkview
