// SPDX-License-Identifier: MIT
#include "tokenizers/bpe_merges.h"

#include <functional>
#include <queue>

namespace qkview {

namespace {
constexpr qsizetype kCacheLimit = 1 << 16; // words; the cache starts over when full
constexpr qsizetype kCacheWordUnits = 256; // longer words are rare and not worth keeping
} // namespace

void BpeMerges::add(int left, int right, int merged, int rank) {
    m_rules[pairKey(left, right)] = {rank, merged};
}

const BpeMerges::Rule* BpeMerges::find(int left, int right) const {
    if (left < 0 || right < 0) return nullptr;
    const auto it = m_rules.find(pairKey(left, right));
    return it == m_rules.end() ? nullptr : &it->second;
}

// A rank's occurrences are all merged before the pairs they create count; since every pair has its own
// rank this gives the same result as Hugging Face's one-merge-at-a-time queue.
std::vector<BpeMerges::Piece> BpeMerges::apply(const std::vector<int>& symbols) const {
    const auto n = static_cast<int>(symbols.size());
    // Symbols form a linked list over input positions; a symbol lives at the position of its first input.
    std::vector<int> id(symbols), next(n), prev(n); // (n) id of a position merged into its left: stale
    for (int i = 0; i < n; ++i) {
        next[i] = i + 1;
        prev[i] = i - 1;
    }
    struct Candidate {
        int rank, pos, left, right, merged;
        bool operator>(const Candidate& o) const { return rank != o.rank ? rank > o.rank : pos > o.pos; }
    };
    std::priority_queue<Candidate, std::vector<Candidate>, std::greater<>> heap;
    std::vector<bool> alive(n, true);
    const auto push = [&](int pos) {
        if (pos < 0 || next[pos] >= n) return;
        if (const Rule* r = find(id[pos], id[next[pos]]))
            heap.push({r->rank, pos, id[pos], id[next[pos]], r->merged});
    };
    for (int i = 0; i + 1 < n; ++i)
        push(i);
    std::vector<int> mergedAt;
    while (!heap.empty()) {
        const int rank = heap.top().rank;
        mergedAt.clear();
        for (; !heap.empty() && heap.top().rank == rank; heap.pop()) {
            const Candidate c = heap.top();
            // Stale when either symbol has changed since the pair was seen.
            if (!alive[c.pos] || id[c.pos] != c.left || next[c.pos] >= n || id[next[c.pos]] != c.right)
                continue;
            const int right = next[c.pos];
            id[c.pos] = c.merged;
            alive[right] = false;
            next[c.pos] = next[right];
            if (next[right] < n) prev[next[right]] = c.pos;
            mergedAt.push_back(c.pos);
        }
        for (const int pos : mergedAt) {
            push(prev[pos]);
            push(pos);
        }
    }
    std::vector<Piece> pieces;
    for (int pos = 0; pos < n; pos = next[pos])
        pieces.push_back({id[pos], next[pos]});
    return pieces;
}

void BpeWordCache::store(const QString& word, const std::vector<BpeMerges::Piece>& pieces) const {
    if (word.size() > kCacheWordUnits) return;
    const std::lock_guard lock(m_mutex);
    if (m_words.size() >= kCacheLimit) m_words.clear();
    m_words.insert(word, pieces);
}

} // namespace qkview
