// SPDX-License-Identifier: MIT
#pragma once
// Hugging Face tokenizer.json normalizers, on text that remembers where each of its UTF-16 units came
// from in the typed text, so that tokens made from normalized text still point back into what was typed.
#include <QJsonValue>
#include <QRegularExpression>
#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace qkview::hf {

// A span of the typed text in UTF-16 units; empty for inserted text (a prepended "▁").
struct Span {
    int start = 0;
    int end = 0;
};

// Text derived from the typed text: per UTF-16 unit, the span of the typed text it stands for.
struct AlignedText {
    QString text;
    std::vector<Span> spans; // (text.size())

    // The typed text [start, end) as it is.
    static AlignedText of(const QString& source, int start, int end);
    AlignedText mid(qsizetype pos, qsizetype length) const;
    void append(const AlignedText& other);
    void append(const QString& inserted, Span span); // every unit of inserted gets span
    // Where inserted text at the start or end goes: an empty span at the first or last unit's edge.
    int firstStart() const { return spans.empty() ? 0 : spans.front().start; }
};

using Normalizer = std::function<AlignedText(const AlignedText&)>;

// The UTF-16 length (1 or 2) and the code point of the character at unit i of s.
qsizetype codePointLength(const QString& s, qsizetype i);
char32_t codePointAt(const QString& s, qsizetype i);

// BERT's normalizer (Hugging Face's BertNormalizer; BertTokenizer's basic tokenizer), steps in this order:
// cleanText: drop U+0000, U+FFFD and Unicode "other" characters (controls, formats, private use,
// unassigned; tab, newline and return are white space), and make every white space a space;
// handleChineseChars: a space either side of each CJK ideograph, so that each becomes a word of its own;
// stripAccents (unset: as lowercase): NFD, then drop the non-spacing marks (Mn); lowercase.
// Every character that remains keeps the span of the typed character it came from ("é" → "e").
struct BertNormalizerOptions {
    bool cleanText = true;
    bool handleChineseChars = true;
    std::optional<bool> stripAccents;
    bool lowercase = true;
};
Normalizer bertNormalizer(const BertNormalizerOptions& options);

// The normalizer described by json (tokenizer.json's "normalizer", null for none), one function for a
// Sequence. Throws Error(InvalidModel) naming file and where for unknown types and bad patterns.
Normalizer normalizerFromJson(const QString& file, const QJsonValue& json, const QString& where);

// A {"String": s} or {"Regex": r} pattern of Replace or Split. Oniguruma syntax (what Hugging Face's
// tokenizers compile) is translated where PCRE2 differs: \h and \H mean hex digits there, horizontal
// space here. A pattern that does not compile is an Error(InvalidModel) naming file and where.
// QRegularExpression has no timeout: a pathological pattern relies on PCRE2's match limit, after which
// the match fails (the rest of the text is then treated as not matching).
QRegularExpression patternFromJson(const QString& file, const QJsonValue& json, const QString& where);

} // namespace qkview::hf
