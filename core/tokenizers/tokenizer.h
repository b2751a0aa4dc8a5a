// SPDX-License-Identifier: MIT
#pragma once
#include "trace/token.h"

namespace qkview {

class Tokenizer {
public:
    virtual ~Tokenizer() = default;
    // Splits text into tokens with ids and source spans. Never throws for any valid QString.
    virtual TokenList encode(const QString& text) const = 0;
};

} // namespace qkview
