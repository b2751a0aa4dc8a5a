// SPDX-License-Identifier: MIT
#pragma once
#include "trace/token.h"

#include <optional>
#include <vector>

namespace qkview {

class Tokenizer {
public:
    virtual ~Tokenizer() = default;
    // Splits text into tokens with ids and source spans. Never throws for any valid QString.
    virtual TokenList encode(const QString& text) const = 0;
    // The text of one vocabulary id, for predictions. Tokenizers without a vocabulary of their own (the
    // teaching model's words) have nothing to predict and return an empty string.
    virtual QString decode(int /*id*/) const { return {}; }
    // The id of the token a masked language model fills in ([MASK], <mask>), if the vocabulary has one.
    virtual std::optional<int> maskId() const { return std::nullopt; }
    // The sentence (0 or 1) each token belongs to, for models with token types (BERT's "A [SEP] B");
    // empty when the tokenizer knows no sentence pairs.
    virtual std::vector<int> tokenTypes(const TokenList& /*tokens*/) const { return {}; }
};

} // namespace qkview
