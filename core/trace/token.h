// SPDX-License-Identifier: MIT
#pragma once
#include <QString>

#include <vector>

namespace qkview {

// One token with its place in the source text, so views can highlight it.
struct Token {
    QString text;      // as it appears in the source (GPT-2: the decoded bytes)
    int id = -1;       // vocabulary id
    int start = 0;     // offset in Unicode code points of the source text
    int end = 0;       // one past the last code point
    int utf16Start = 0; // the same span in QString (UTF-16) units, for highlighting
    int utf16End = 0;

    bool operator==(const Token&) const = default;
};

using TokenList = std::vector<Token>;

// Sets both pairs of offsets of a text's tokens (code points from UTF-16 spans) in one pass over the text,
// for spans that come in increasing order: counting each from the text's start would be quadratic.
class SpanCursor {
public:
    explicit SpanCursor(const QString& source) : m_source(source) {}
    void setSpan(Token& token, int utf16Start, int utf16End);

private:
    int codePointsTo(int utf16Offset); // offsets never decrease between calls
    const QString& m_source;
    int m_utf16 = 0;
    int m_codePoints = 0;
};

// text with every lone surrogate replaced by U+FFFD: the same length, so offsets hold. PCRE2 (behind
// QRegularExpression) refuses invalid UTF-16, and GPT-2's reference encoder makes the same replacement.
QString withoutLoneSurrogates(const QString& text);

} // namespace qkview
