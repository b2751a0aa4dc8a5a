// SPDX-License-Identifier: MIT
#include "tokenizers/word_tokenizer.h"

namespace qkview {

namespace {
// A word starts with a letter, digit or underscore and goes on through letters, marks and digits;
// an apostrophe (ASCII or typographic) followed by more letters stays inside it.
// Anything else that is not white space is one grapheme cluster (\X keeps emoji sequences whole).
constexpr auto kPattern = R"([\p{L}\p{N}_][\p{L}\p{M}\p{N}_]*(?:['’][\p{L}\p{M}\p{N}_]+)*|(?![\s\p{Z}])\X)";
} // namespace

WordTokenizer::WordTokenizer(IdOf idOf)
    : m_idOf(std::move(idOf)),
      m_pattern(QString::fromUtf8(kPattern), QRegularExpression::UseUnicodePropertiesOption) {}

TokenList WordTokenizer::encode(const QString& text) const {
    TokenList tokens;
    const QString valid = withoutLoneSurrogates(text);
    auto it = m_pattern.globalMatch(valid);
    SpanCursor spans(valid);
    while (it.hasNext()) {
        const auto match = it.next();
        Token token;
        token.text = match.captured();
        spans.setSpan(token, static_cast<int>(match.capturedStart()), static_cast<int>(match.capturedEnd()));
        token.id = m_idOf ? m_idOf(token.text) : -1;
        tokens.push_back(std::move(token));
    }
    return tokens;
}

} // namespace qkview
