// SPDX-License-Identifier: MIT
#pragma once
#include "tokenizers/tokenizer.h"

#include <QRegularExpression>
#include <QStringView>

#include <functional>

namespace qkview {

// Splits text as a reader would: words (letters, digits, combining marks, inner apostrophes
// as in "don't") and every other visible grapheme cluster (punctuation, emoji) on its own.
// "The cat sat on the mat." gives 7 tokens. Never splits inside a code point or a grapheme.
class WordTokenizer : public Tokenizer {
public:
    using IdOf = std::function<int(QStringView word)>;
    explicit WordTokenizer(IdOf idOf = {});
    TokenList encode(const QString& text) const override;

private:
    IdOf m_idOf;
    QRegularExpression m_pattern;
};

} // namespace qkview
