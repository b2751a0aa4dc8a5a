// SPDX-License-Identifier: MIT
#pragma once
// A decoder-only transformer of any family the core describes (models/transformer_config.h): embeddings,
// L blocks of norm → causal attention → residual → norm → MLP → residual, a final norm, and the
// next-token distribution. Shapes: T tokens, C channels, NH/NKV heads, hs head size.
#include "models/model.h"
#include "models/prefix_cache.h"
#include "models/transformer_config.h"
#include "models/transformer_weights.h"

#include <memory>

namespace qkview {

class TransformerModel : public Model {
public:
    static constexpr int kPredictions = 10; // next tokens in each trace

    // Also makes the C library keep freed memory for the next pass (memory_tuning.h); the destructor
    // hands it back.
    TransformerModel(TransformerConfig config, TransformerWeights weights, std::shared_ptr<const Tokenizer> tokenizer);
    ~TransformerModel() override;

    const ModelConfig& config() const override { return m_config; }
    const Tokenizer& tokenizer() const override { return *m_tokenizer; }
    const TransformerConfig& transformerConfig() const { return m_transformer; }

    // Decoders are always causal (each token was trained to see only itself and earlier tokens):
    // options.causal is ignored and the trace's options.causal is true. Encoders (BERT) see both ways
    // unless options.causal asks for the mask as a what-if; they fill in [MASK] tokens instead of
    // predicting the next one. Scaling and temperature act
    // inside every head. Checks first: 1 <= T <= positions and 0 <= id < V, else Error(InvalidInput).
    // Thread-safe. The previous call's rows are reused for the token ids it shares as a prefix
    // (typing at the end computes only the new tokens); the trace equals a full recomputation.
    TracePtr forward(const QString& text, const TokenList& tokens, const AttentionOptions& options) const override;
    // How many rows the latest forward() reused from the one before (0: computed everything).
    int lastReusedRows() const { return m_prefix.lastReusedRows(); }

private:
    TransformerConfig m_transformer;
    std::shared_ptr<const TransformerWeights> m_weights; // shared with the traces' guessing functions
    std::shared_ptr<const Tokenizer> m_tokenizer;
    ModelConfig m_config;
    PrefixCache m_prefix;         // the previous result: its rows are reused when the tokens share a prefix
};

} // namespace qkview
