// SPDX-License-Identifier: MIT
#pragma once
// The merge step of byte-pair encoding, shared by GPT-2's tokenizer and Hugging Face tokenizer.json BPE:
// a table of merge rules (left id, right id) → (rank, merged id), the merge loop over one word, and a
// bounded, thread-safe cache of words already merged.
#include <QHash>
#include <QString>

#include <mutex>
#include <unordered_map>
#include <vector>

namespace qkview {

class BpeMerges {
public:
    // One piece of a merged word: its id and one past the last input symbol it covers.
    struct Piece {
        int id;
        int end;
    };

    // A rule merging left and right into merged; lower ranks merge first. A repeated pair keeps its last
    // rank, as both OpenAI's encoder.py and Hugging Face's tokenizers do.
    void add(int left, int right, int merged, int rank);
    bool empty() const { return m_rules.empty(); }

    // Repeatedly merges the adjacent pair with the lowest rank, every occurrence of it left to right,
    // before looking again. A heap of (rank, position) keeps a long word O(n log n). Symbols < 0 never
    // merge (an unknown character).
    std::vector<Piece> apply(const std::vector<int>& symbols) const;

private:
    struct Rule {
        int rank;
        int merged;
    };
    static quint64 pairKey(int left, int right) { return quint64(quint32(left)) << 32 | quint32(right); }
    const Rule* find(int left, int right) const;

    std::unordered_map<quint64, Rule> m_rules;
};

// Words already merged, keyed by their text. encode() is const and may run on several threads.
class BpeWordCache {
public:
    // The cached pieces of word, or compute() stored (when the word is short) and returned.
    template <typename Compute>
    std::vector<BpeMerges::Piece> get(const QString& word, Compute&& compute) const {
        {
            const std::lock_guard lock(m_mutex);
            if (const auto it = m_words.constFind(word); it != m_words.constEnd()) return it.value();
        }
        std::vector<BpeMerges::Piece> pieces = compute();
        store(word, pieces);
        return pieces;
    }

private:
    void store(const QString& word, const std::vector<BpeMerges::Piece>& pieces) const;

    mutable std::mutex m_mutex;
    mutable QHash<QString, std::vector<BpeMerges::Piece>> m_words;
};

} // namespace qkview
