// SPDX-License-Identifier: MIT
#pragma once
// GPT-2's parameters, one field per checkpoint tensor, as float32 views into memory this struct owns:
// the memory maps of F32 files (used in place when aligned) or converted copies (F16, BF16, unaligned).
// Shapes: C = channels, V = vocabulary, P = positions, I = MLP width (4·C in GPT-2).
#include "models/gpt2_config.h"
#include "base/matrix.h"
#include "weights/model_folder.h"
#include "weights/safetensors.h"

#include <memory>
#include <vector>

namespace qkview {

// A row-major float32 tensor seen as a matrix; vectors are one row.
struct WeightView {
    const float* data = nullptr;
    Eigen::Index rows = 0;
    Eigen::Index cols = 0;

    Eigen::Map<const Matrix> matrix() const { return {data, rows, cols}; }
    Eigen::Map<const RowVector> vector() const { return {data, rows * cols}; }
};

// Hugging Face's Conv1D stores its weight as (in, out) and computes y = x·W + b, which is already our
// row-vector convention: the (C, 3C), (C, C), (C, I) and (I, C) weights are used as stored, untransposed.
struct Gpt2BlockWeights {                     // h.<l>.
    WeightView ln1Weight, ln1Bias;            // ln_1.weight, ln_1.bias: (C)
    WeightView attnWeight, attnBias;          // attn.c_attn: (C, 3C), (3C); columns q | k | v, head-major
    WeightView attnProjWeight, attnProjBias;  // attn.c_proj: (C, C), (C)
    WeightView ln2Weight, ln2Bias;            // ln_2: (C)
    WeightView fcWeight, fcBias;              // mlp.c_fc: (C, I), (I)
    WeightView mlpProjWeight, mlpProjBias;    // mlp.c_proj: (I, C), (C)
};

struct Gpt2Weights {
    WeightView wte;                       // wte.weight: (V, C); also the output matrix (lm_head is tied to it)
    WeightView wpe;                       // wpe.weight: (P, C)
    std::vector<Gpt2BlockWeights> blocks; // L
    WeightView lnfWeight, lnfBias;        // ln_f: (C)
    long long parameterCount = 0;         // elements of all the tensors above

    // What the views point into; moving the struct keeps every pointer valid.
    std::vector<std::shared_ptr<const SafetensorsFile>> mappedFiles;
    std::vector<std::unique_ptr<float[]>> converted;
};

// Checks the files' tensors against GPT-2's expected table before reading anything: names with or
// without "transformer.", exact shapes, readable dtypes; the legacy buffers h.<l>.attn.bias and
// h.<l>.attn.masked_bias and a (V, C) lm_head.weight are ignored. Every missing, misshapen, unreadable,
// duplicated or unknown tensor is named in one Error(InvalidModel). Then reads the tensors, reporting
// progress from firstFraction to lastFraction.
Gpt2Weights loadGpt2Weights(const Gpt2Config& config, const std::vector<std::shared_ptr<const SafetensorsFile>>& files,
                            const LoadProgress& progress = {}, double firstFraction = 0.0, double lastFraction = 1.0);

} // namespace qkview
