// SPDX-License-Identifier: MIT
#pragma once
#include "trace/token.h"

namespace qkview {

class Tokenizer {
public:
    virtual ~Tokenizer() = default;
    // Splits text into tokens with ids and source spans. Never throws for any valid QString.
    virtual TokenList encode(const QString& text) const = 0;
    // The text of one vocabulary id, for predictions. Tokenizers without a vocabulary of their own (the
    // teaching model's words) have nothing to predict and return an empty string.
    virtual QString decode(int /*id*/) const { return {}; }
};

} // namespace qkview
