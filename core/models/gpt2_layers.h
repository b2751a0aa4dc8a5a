// SPDX-License-Identifier: MIT
#pragma once
// GPT-2's layers as short functions in llm.c's style: outputs first, then inputs, then sizes.
// Shapes: R = rows computed in this pass (the new tokens), P = rows reused from the previous pass,
//   T = P + R tokens, C = channels, NH = heads, hs = C / NH, I = MLP width, V = vocabulary.
#include "attention/attention.h"
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

// Causal self-attention of one layer, keeping every head's intermediates (HeadTrace, all T rows) for
// the views. qkv (R, 3C) is c_attn's output for the new rows: columns q | k | v, each NH heads of hs.
// cached holds this layer's heads from a previous pass whose first P rows are still valid (nullptr when
// P == 0). New queries go through attendProjected against all T keys; the cached rows keep their weights
// and outputs (a causal query never sees later keys) and gain their raw scores against the new keys.
// The result equals a full recomputation. options.causal must be true when P > 0.
std::vector<HeadTrace> attentionForward(const Matrix& qkv, const std::vector<HeadTrace>* cached, int P, int heads,
                                        const AttentionOptions& options);

// (R, C): rows P.. of every head's output side by side, head 0 first: the input of attn.c_proj.
Matrix concatHeadRows(const std::vector<HeadTrace>& heads, int P);

struct TokenProbability {
    int id = -1;
    float p = 0.0f;
};

// The k most likely next tokens for the final hidden row x (1, C), already through ln_f:
// softmax over the logits wte (V, C) · xᵀ, most likely first.
std::vector<TokenProbability> topTokensForward(const RowVector& x, const WeightView& wte, int k);

} // namespace qkview
