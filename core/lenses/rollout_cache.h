// SPDX-License-Identifier: MIT
#pragma once
// Attention rollout while the user types: under the causal mask a rollout row depends only on the rows before
// it, so when a trace continues the text of the previous one through the same model run and options (typing
// at the end), the rows both share are kept and only the new ones are computed: O(new rows · T²) a layer
// instead of O(T³).
#include "lenses/lenses.h"

#include <memory>
#include <mutex>

namespace qkview {

class RolloutCache {
public:
    // The layers' rollouts are kept only while they fit in budgetBytes; longer texts are computed whole.
    explicit RolloutCache(size_t budgetBytes = size_t{256} << 20) : m_budgetBytes(budgetBytes) {}

    // attentionRollout(trace, lastLayer).back() (T × T); throws as it does for a layer that does not exist.
    Matrix rollout(const AttentionTrace& trace, int lastLayer);
    // How many leading rows the last call took from the result before it (0: computed whole).
    int lastReusedRows() const;

private:
    int reusableRows(const AttentionTrace& trace, int lastLayer) const;

    const size_t m_budgetBytes;
    mutable std::mutex m_mutex;
    std::weak_ptr<const TraceRows> m_firstRows; // the model run the cached rows came from (not kept alive)
    AttentionOptions m_options;
    std::vector<int> m_ids;       // token ids of the cached rows
    std::vector<Matrix> m_layers; // rollout at layers 0 … (T × T each)
    int m_reused = 0;
};

} // namespace qkview
