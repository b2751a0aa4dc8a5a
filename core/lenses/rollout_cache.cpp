// SPDX-License-Identifier: MIT
#include "lenses/rollout_cache.h"

#include <algorithm>

namespace qkview {

int RolloutCache::reusableRows(const AttentionTrace& trace, int lastLayer) const {
    // The same first block means the same model produced both traces, so equal leading tokens have equal rows.
    if (!trace.options.causal || trace.options != m_options || trace.blocks.empty() ||
        trace.blocks.front().rows != m_firstRows.lock() || m_layers.size() <= static_cast<size_t>(lastLayer))
        return 0;
    const int shared = std::min(trace.tokenCount(), static_cast<int>(m_ids.size()));
    int same = 0;
    while (same < shared && trace.tokens[static_cast<size_t>(same)].id == m_ids[static_cast<size_t>(same)]) ++same;
    return same;
}

Matrix RolloutCache::rollout(const AttentionTrace& trace, int lastLayer) {
    std::lock_guard lock(m_mutex);
    int from = lastLayer >= 0 && lastLayer < trace.layerCount() ? reusableRows(trace, lastLayer) : 0;
    // Each new row gathers every head's queries and keys (AttentionTrace::weightRow): a paste of more rows
    // than this is cheaper computed whole, block by block.
    constexpr int kMostNewRows = 16;
    if (trace.tokenCount() - from > kMostNewRows) from = 0;
    if (from == 0) {
        m_layers = attentionRollout(trace, lastLayer); // throws for a layer that does not exist
    } else { // in place: the kept rows stay where they are
        const int T = trace.tokenCount(), fresh = T - from;
        m_layers.resize(static_cast<size_t>(lastLayer) + 1);
        for (int l = 0; l <= lastLayer; ++l) {
            Matrix& rollout = m_layers[static_cast<size_t>(l)]; // lower triangular: row i has keys 0 … i only
            rollout.conservativeResize(T, T);
            rollout.topRightCorner(from, fresh).setZero();
            if (fresh == 0) continue;
            Matrix mixed = Matrix::Zero(fresh, T); // the new queries' rows of Â_l
            for (int h = 0; h < trace.headCount(); ++h)
                for (int r = 0; r < fresh; ++r) mixed.row(r) += trace.weightRow(l, h, from + r);
            mixRolloutRows(mixed, trace.headCount(), from);
            rollout.bottomRows(fresh) = l == 0 ? mixed : Matrix(mixed * m_layers[static_cast<size_t>(l) - 1]);
        }
    }
    m_firstRows = trace.blocks.empty() ? nullptr : trace.blocks.front().rows;
    m_options = trace.options;
    m_ids.clear();
    for (const Token& t : trace.tokens) m_ids.push_back(t.id);
    m_reused = from;
    Matrix result = m_layers[static_cast<size_t>(lastLayer)];
    const size_t bytes = m_layers.size() * static_cast<size_t>(result.size()) * sizeof(float);
    if (bytes > m_budgetBytes) m_layers.clear(); // too long to keep: the next call computes whole
    return result;
}

int RolloutCache::lastReusedRows() const {
    std::lock_guard lock(m_mutex);
    return m_reused;
}

} // namespace qkview
