// SPDX-License-Identifier: MIT
#pragma once
// The hyperparameters of a GPT-2 family model, read from a Hugging Face config.json.
#include <QByteArray>
#include <QString>

namespace qkview {

struct Gpt2Config {
    QString name;               // "_name_or_path" when the file has one
    int layers = 0;             // n_layer (L)
    int heads = 0;              // n_head (NH)
    int channels = 0;           // n_embd (C)
    int inner = 0;              // n_inner, or 4·C when null or absent: the MLP's width
    int positions = 0;          // n_positions, or n_ctx in older files: the context length
    int vocabSize = 0;          // vocab_size (V)
    double layerNormEpsilon = 1e-5; // layer_norm_epsilon

    int headSize() const { return channels / heads; } // hs
};

// Parses and validates config.json's bytes (ranges, n_embd % n_head == 0, a GPT-2 model type and the
// tanh GELU). fileName prefixes messages. Throws Error(InvalidModel) naming the field and what it holds.
Gpt2Config parseGpt2Config(const QByteArray& json, const QString& fileName);

} // namespace qkview
