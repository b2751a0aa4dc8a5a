// SPDX-License-Identifier: MIT
#include "models/model.h"

#include "base/error.h"

namespace qkview {

TokenList tokensInContext(const Model& model, const QString& text, int* truncatedFrom) {
    TokenList tokens = model.tokenizer().encode(text);
    const int limit = model.config().contextLength;
    const int count = static_cast<int>(tokens.size());
    if (truncatedFrom) *truncatedFrom = limit > 0 && count > limit ? count : 0;
    if (limit > 0 && count > limit) tokens.resize(static_cast<size_t>(limit));
    return tokens;
}

TracePtr traceText(const Model& model, const QString& text, const AttentionOptions& options, int* truncatedFrom) {
    const TokenList tokens = tokensInContext(model, text, truncatedFrom);
    if (tokens.empty())
        throw Error(Error::Kind::InvalidInput, "the text has no tokens: type a sentence");
    return model.forward(text, tokens, options);
}

} // namespace qkview
