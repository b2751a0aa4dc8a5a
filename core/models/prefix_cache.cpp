// SPDX-License-Identifier: MIT
#include "models/prefix_cache.h"

namespace qkview {

PrefixCache::Reuse PrefixCache::take(const TokenList& tokens, const AttentionOptions& options) const {
    const std::lock_guard lock(m_mutex);
    Reuse reuse;
    if (!m_last || m_last->options != options || !options.causal) {
        m_last.reset();
        return reuse;
    }
    const size_t limit = std::min(m_last->tokens.size(), tokens.size() - 1);
    size_t shared = 0;
    while (shared < limit && m_last->tokens[shared].id == tokens[shared].id) ++shared;
    reuse.rows = static_cast<int>(shared);
    reuse.blocks = prefixBlocks(m_last->blocks, reuse.rows);
    if (reuse.rows == 0) m_last.reset();
    return reuse;
}

void PrefixCache::store(TracePtr trace, int reusedRows) const {
    const std::lock_guard lock(m_mutex);
    m_last = std::move(trace);
    m_lastReused = reusedRows;
}

int PrefixCache::lastReusedRows() const {
    const std::lock_guard lock(m_mutex);
    return m_lastReused;
}

void PrefixCache::clear() const {
    const std::lock_guard lock(m_mutex);
    m_last.reset();
}

std::vector<KeyValueBlock> keyValueBlocks(const std::vector<RowBlock>& reused, int layer, const LayerRows& fresh,
                                          int first) {
    std::vector<KeyValueBlock> out;
    for (const RowBlock& b : reused) {
        const LayerRows& rows = b.rows->layers[static_cast<size_t>(layer)];
        out.push_back({&rows.k, &rows.v, b.first(), b.count});
    }
    out.push_back({&fresh.k, &fresh.v, first, static_cast<int>(fresh.k.rows())});
    return out;
}

} // namespace qkview
