// SPDX-License-Identifier: MIT
#pragma once
// WordPiece, BERT's subword model, as Hugging Face's tokenizers runs it: a word is cut from its start into
// the longest vocabulary pieces, every piece after the first looked up with the continuation prefix
// ("##ing"); a word of more than maxInputCharsPerWord characters, or one with a part that no piece matches,
// becomes a single unknown token.
#include "tokenizers/hf_normalizers.h"
#include "tokenizers/tokenizer_files.h"
#include "trace/token.h"

#include <QString>

namespace qkview {

struct WordPieceModel {
    int unkId = -1;
    QString continuingSubwordPrefix;
    int maxInputCharsPerWord = 100;
    qsizetype longestPiece = 0; // UTF-16 units of the longest vocabulary piece: longer candidates can't match

    static WordPieceModel of(const tokfiles::Vocab& vocab, int unkId, QString continuingSubwordPrefix,
                             int maxInputCharsPerWord);

    // Appends the pieces of one normalized, pre-tokenized word to out: ids and UTF-16 spans in the typed
    // text (each piece covers the typed characters its normalized characters came from).
    void encode(const tokfiles::Vocab& vocab, const hf::AlignedText& word, TokenList& out) const;
};

} // namespace qkview
