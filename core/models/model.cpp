// SPDX-License-Identifier: MIT
#include "models/model.h"

#include "base/error.h"

namespace qkview {

TracePtr traceText(const Model& model, const QString& text, const AttentionOptions& options) {
    const TokenList tokens = model.tokenizer().encode(text);
    if (tokens.empty())
        throw Error(Error::Kind::InvalidInput, "the text has no tokens: type a sentence");
    return model.forward(text, tokens, options);
}

} // namespace qkview
