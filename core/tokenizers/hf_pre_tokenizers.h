// SPDX-License-Identifier: MIT
#pragma once
// Hugging Face tokenizer.json pre-tokenizers: they cut normalized text into the words BPE merges within.
#include "tokenizers/hf_normalizers.h"

#include <QJsonValue>
#include <QString>

#include <functional>
#include <vector>

namespace qkview::hf {

// Cuts one piece into pieces (or keeps it whole).
using PreTokenizerStep = std::function<std::vector<AlignedText>(const AlignedText&)>;

struct PreTokenizer {
    std::vector<PreTokenizerStep> steps; // applied in order to every piece
    bool byteLevel = false;              // a ByteLevel step: words are BPE'd over their UTF-8 bytes

    std::vector<AlignedText> apply(const AlignedText& text) const;
};

// tokenizer.json's "pre_tokenizer" (null for none). Throws Error(InvalidModel) naming file and where.
PreTokenizer preTokenizerFromJson(const QString& file, const QJsonValue& json, const QString& where);

// BERT's pre-tokenizer (Hugging Face's BertPreTokenizer): words end at white space, which is dropped, and
// every punctuation character (Unicode P*, and ASCII symbols such as $ + < = > ^ ` | ~) is a word of its own.
PreTokenizer bertPreTokenizer();

// How a Split keeps what its pattern matches ("the delimiters").
enum class SplitBehavior { Removed, Isolated, MergedWithPrevious, MergedWithNext, Contiguous };
std::vector<AlignedText> split(const AlignedText& text, const QRegularExpression& pattern,
                               SplitBehavior behavior, bool invert);

} // namespace qkview::hf
