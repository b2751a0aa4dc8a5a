// SPDX-License-Identifier: MIT
#pragma once
#include "trace/attention_trace.h"
#include "tokenizers/tokenizer.h"

namespace qkview {

class Model {
public:
    virtual ~Model() = default;
    virtual const ModelConfig& config() const = 0;
    virtual const Tokenizer& tokenizer() const = 0;
    // Runs the model and returns every intermediate. Checks its inputs first (ids < V,
    // 1 <= T <= context length) and throws Error otherwise.
    virtual TracePtr forward(const QString& text, const TokenList& tokens, const AttentionOptions& options) const = 0;
};

// The tokens of text, cut at the model's context. When cut, *truncatedFrom (if given) is set to the
// number of tokens the whole text has; otherwise to 0.
TokenList tokensInContext(const Model& model, const QString& text, int* truncatedFrom = nullptr);

// Tokenizes text with the model's tokenizer (cut at its context, as tokensInContext) and runs it.
// Throws Error(InvalidInput) for text without tokens.
TracePtr traceText(const Model& model, const QString& text, const AttentionOptions& options,
                   int* truncatedFrom = nullptr);

} // namespace qkview
