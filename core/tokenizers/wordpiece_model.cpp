// SPDX-License-Identifier: MIT
#include "tokenizers/wordpiece_model.h"

#include <algorithm>

namespace qkview {

WordPieceModel WordPieceModel::of(const tokfiles::Vocab& vocab, int unkId, QString continuingSubwordPrefix,
                                  int maxInputCharsPerWord) {
    WordPieceModel m;
    m.unkId = unkId;
    m.continuingSubwordPrefix = std::move(continuingSubwordPrefix);
    m.maxInputCharsPerWord = maxInputCharsPerWord;
    for (const QString& piece : vocab.pieceOf)
        m.longestPiece = std::max(m.longestPiece, piece.size());
    return m;
}

void WordPieceModel::encode(const tokfiles::Vocab& vocab, const hf::AlignedText& word, TokenList& out) const {
    // Where each character starts in word.text, and its end: pieces are cut between characters.
    std::vector<qsizetype> bounds;
    for (qsizetype i = 0; i < word.text.size(); i += hf::codePointLength(word.text, i))
        bounds.push_back(i);
    const size_t chars = bounds.size();
    bounds.push_back(word.text.size());
    const auto push = [&](int id, size_t from, size_t to) { // characters [from, to)
        int start = word.spans[bounds[from]].start, end = word.spans[bounds[from]].end;
        for (qsizetype i = bounds[from] + 1; i < bounds[to]; ++i) {
            start = std::min(start, word.spans[i].start);
            end = std::max(end, word.spans[i].end);
        }
        out.push_back({{}, id, 0, 0, start, end});
    };
    if (chars == 0) return;
    if (chars > static_cast<size_t>(maxInputCharsPerWord)) {
        push(unkId, 0, chars);
        return;
    }
    const size_t first = out.size();
    QString candidate;
    for (size_t start = 0; start < chars;) {
        const QString prefix = start > 0 ? continuingSubwordPrefix : QString();
        int id = -1;
        size_t end = chars;
        for (; end > start; --end) { // longest first
            const qsizetype units = bounds[end] - bounds[start];
            if (prefix.size() + units > longestPiece) continue;
            candidate = prefix;
            candidate.append(QStringView(word.text).mid(bounds[start], units));
            id = vocab.idOf.value(candidate, -1);
            if (id >= 0) break;
        }
        if (id < 0) { // no piece fits here: the whole word is unknown
            out.resize(first);
            push(unkId, 0, chars);
            return;
        }
        push(id, start, end);
        start = end;
    }
}

} // namespace qkview
