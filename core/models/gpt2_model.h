// SPDX-License-Identifier: MIT
#pragma once
// A GPT-2 family model (Hugging Face checkpoints): token and position embeddings, L blocks of
// LN → causal attention → residual → LN → MLP (tanh GELU) → residual, a final LN, and the next-token
// distribution from the tied token embedding. Shapes: T tokens, C channels, NH heads, hs head size.
#include "models/gpt2_config.h"
#include "tokenizers/gpt2_tokenizer.h"
#include "weights/gpt2_weights.h"
#include "models/model.h"
#include "models/prefix_cache.h"

#include <memory>

namespace qkview {

class Gpt2Model : public Model {
public:
    static constexpr int kPredictions = 10; // next tokens in each trace

    // Also makes the C library keep freed memory for the next pass (memory_tuning.h); the destructor
    // hands it back.
    Gpt2Model(Gpt2Config config, Gpt2Weights weights, std::shared_ptr<const Gpt2Tokenizer> tokenizer);
    ~Gpt2Model() override;

    const ModelConfig& config() const override { return m_config; }
    const Tokenizer& tokenizer() const override { return *m_tokenizer; }
    const Gpt2Config& gpt2Config() const { return m_gpt2; }

    // GPT-2 is always causal (it was trained so each token sees only itself and earlier tokens):
    // options.causal is ignored and the trace's options.causal is true. Scaling and temperature act
    // inside every head. Checks first: 1 <= T <= n_positions and 0 <= id < V, else Error(InvalidInput).
    // Thread-safe. The previous call's rows are reused for the token ids it shares as a prefix
    // (typing at the end recomputes only the new tokens); the trace equals a full recomputation.
    TracePtr forward(const QString& text, const TokenList& tokens, const AttentionOptions& options) const override;
    // How many rows the latest forward() reused from the one before (0: computed everything).
    int lastReusedRows() const;

private:
    Gpt2Config m_gpt2;
    Gpt2Weights m_weights;
    std::shared_ptr<const Gpt2Tokenizer> m_tokenizer;
    ModelConfig m_config;

    PrefixCache m_prefix; // the previous result: its rows are reused when the tokens share a prefix
};

} // namespace qkview
