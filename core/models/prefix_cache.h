// SPDX-License-Identifier: MIT
#pragma once
// The previous trace of a causal model, kept so that typing at the end computes only the new tokens:
// rows of a causal model depend only on the tokens at or before them, so a shared prefix of token ids
// keeps its rows. Shapes: T = tokens, P = reused rows, R = T - P new rows.
#include "attention/attention.h"
#include "trace/attention_trace.h"

#include <mutex>

namespace qkview {

class PrefixCache {
public:
    // How many leading rows of the cached trace stay valid for these tokens and options (at least one row is
    // left to compute, for the prediction), and those rows as blocks. Drops the cached trace when nothing is
    // reusable, so its memory is free before the new trace is built.
    struct Reuse {
        int rows = 0;
        std::vector<RowBlock> blocks; // cover positions 0..rows-1
    };
    Reuse take(const TokenList& tokens, const AttentionOptions& options) const;
    void store(TracePtr trace, int reusedRows) const;
    int lastReusedRows() const;
    void clear() const;

private:
    mutable std::mutex m_mutex;
    mutable TracePtr m_last;
    mutable int m_lastReused = 0;
};

// The key/value blocks of one layer: the reused blocks, then the fresh rows at positions first...
std::vector<KeyValueBlock> keyValueBlocks(const std::vector<RowBlock>& reused, int layer, const LayerRows& fresh,
                                          int first);

} // namespace qkview
