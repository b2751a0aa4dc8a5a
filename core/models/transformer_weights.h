// SPDX-License-Identifier: MIT
#pragma once
// The parameters of a transformer (models/transformer_config.h), one field per kind of checkpoint tensor,
// as float32 views (weights/tensor_table.h). Fields a family does not have stay empty.
// Shapes: C = channels, V = vocabulary, P = positions, I = MLP width, NH/NKV = heads, hs = head size.
#include "weights/tensor_table.h"

#include <vector>

namespace qkview {

// y = x·Wᵀ + b. PyTorch's Linear stores W as (out, in); Hugging Face's GPT-2 Conv1D stores it as (in, out)
// and computes y = x·W + b: storedInOut says which, so neither is transposed in memory.
struct LinearWeights {
    WeightView weight; // (out, in), or (in, out) when storedInOut
    WeightView bias;   // (out), may be empty
    bool storedInOut = false;

    Eigen::Index outputs() const { return storedInOut ? weight.cols : weight.rows; }
};

struct NormWeights {
    WeightView weight; // (C)
    WeightView bias;   // (C); empty for RMSNorm
};

struct TransformerBlockWeights {
    NormWeights attentionNorm;
    LinearWeights qkv;           // GPT-2: fused (C, 3C) in-out, columns q | k | v; else empty
    LinearWeights q, k, v;       // (NH·hs, C), (NKV·hs, C), (NKV·hs, C) when not fused
    WeightView qNorm, kNorm;     // (hs): Qwen 3's per-head RMSNorm of q and k
    LinearWeights attentionOut;  // (C, NH·hs)
    NormWeights mlpNorm;
    LinearWeights up, gate, down; // up (I, C), gate (I, C) for SwiGLU only, down (C, I)
};

struct TransformerWeights {
    WeightView tokenEmbedding;    // (V, C)
    WeightView positionEmbedding; // (P, C) learned positions; empty with rotary ones
    WeightView tokenTypeEmbedding; // (types, C): BERT's sentence A / B; empty without token types
    NormWeights embeddingNorm;     // encoders: LayerNorm of the summed embeddings
    std::vector<TransformerBlockWeights> blocks; // L
    NormWeights finalNorm;
    WeightView output;            // (V, C): the token embedding when tied, else lm_head.weight
    // Masked-LM head (encoders): logits = output · norm(gelu(transform(x))) + outputBias.
    LinearWeights headTransform;  // (C, C)
    NormWeights headNorm;
    WeightView outputBias;        // (V)
    LoadedTensors storage;        // what the views point into
};

} // namespace qkview
