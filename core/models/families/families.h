// SPDX-License-Identifier: MIT
#pragma once
// The families qkview reads, each a config parser and a weight-name table on the one transformer core:
// GPT-2 (gpt2_family.cpp), Llama, Mistral, Qwen2 and Qwen3 (llama_family.cpp), and the encoders BERT,
// DistilBERT and RoBERTa (bert_family.cpp).
#include "models/transformer_config.h"
#include "models/transformer_weights.h"

#include <QByteArray>

#include <vector>

namespace qkview {

// Picks the family from config.json's model_type (or architectures) and reads its hyperparameters.
// Throws Error(InvalidModel) naming the field, or the unsupported family with the list of supported ones.
TransformerConfig parseTransformerConfig(const QByteArray& json, const QString& fileName);

// The tensors the family's checkpoints hold for config, each pointing at its field of weights (which must
// outlive the table), and how stored names map to the table's.
std::vector<ExpectedTensor> transformerTensors(const TransformerConfig& config, TransformerWeights& weights);
TensorRules transformerTensorRules(const TransformerConfig& config);

namespace gpt2 {
TransformerConfig parseConfig(const QJsonObject& config, const QString& fileName);
std::vector<ExpectedTensor> tensors(const TransformerConfig& config, TransformerWeights& weights);
TensorRules tensorRules(const TransformerConfig& config);
} // namespace gpt2

namespace bert { // BERT, DistilBERT and RoBERTa
TransformerConfig parseConfig(const QJsonObject& config, const QString& modelType, const QString& fileName);
std::vector<ExpectedTensor> tensors(const TransformerConfig& config, TransformerWeights& weights);
TensorRules tensorRules(const TransformerConfig& config);
} // namespace bert

namespace llama { // Llama, Mistral, Qwen2 and Qwen3
TransformerConfig parseConfig(const QJsonObject& config, const QString& modelType, const QString& fileName);
std::vector<ExpectedTensor> tensors(const TransformerConfig& config, TransformerWeights& weights);
TensorRules tensorRules(const TransformerConfig& config);
} // namespace llama

} // namespace qkview
