// SPDX-License-Identifier: MIT
#pragma once
// The one contract between core and ui: the immutable result of one forward pass.
// It stores what grows linearly with T (each layer's residual stream, q, k and v of every head, in row
// blocks shared with earlier traces) and derives a head's T × T matrices on demand, keeping a few
// recently used heads. Shapes: T = tokens, C = d_model, hs = head size.
#include "attention/attention.h"
#include "trace/guesses.h"
#include "trace/model_config.h"
#include "trace/token.h"
#include "trace/trace_rows.h"

#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <vector>

namespace qkview {

using HeadPtr = std::shared_ptr<const HeadTrace>;

// Recently derived heads, bounded by the bytes of their T × T matrices. Copying a trace starts an empty cache.
class HeadCache {
public:
    HeadCache() = default;
    HeadCache(const HeadCache&) {}
    HeadCache& operator=(const HeadCache&) { return *this; }

    static constexpr size_t kBudgetBytes = size_t{256} << 20; // always keeps at least the newest head

    HeadPtr find(int layer, int head) const;
    void insert(int layer, int head, HeadPtr trace) const;

private:
    struct Entry {
        int layer, head;
        HeadPtr trace;
    };
    mutable std::mutex m_mutex;
    mutable std::list<Entry> m_entries; // most recently used first
};

struct AttentionTrace {
    ModelConfig config;
    AttentionOptions options;
    QString text; // the source the tokens point into
    TokenList tokens;
    std::vector<int> tokenTypes;        // (T) sentence A (0) or B (1) of each token, for models with token types (BERT); else empty
    std::vector<RowBlock> blocks;       // cover positions 0..T-1 in order
    LazyGuesses guesses;                // set by the model; computed when first asked for (guesses.h)
    // Head h's rows of the layer's output projection, (hs, C): what its weighted sum of values becomes in the
    // residual stream (lenses/lenses.h). Set by models that have one; the function keeps the weights alive.
    // Empty: the values are the output (the teaching model).
    std::function<Matrix(int layer, int head)> outputProjection;

    // The model's guesses (computed on the first call): most likely next tokens, empty for models without a
    // vocabulary head; one list per [MASK] token for encoders with a masked-LM head.
    const std::vector<Prediction>& nextTokens() const { return guesses.get().nextTokens; }
    const std::vector<MaskPredictions>& fillMask() const { return guesses.get().fillMask; }

    int tokenCount() const { return static_cast<int>(tokens.size()); }
    int layerCount() const { return config.layers; }
    int headCount() const { return config.heads; }
    bool isMasked(int query, int key) const { return options.causal && key > query; }

    // Head (layer, head) with every intermediate, its T × T matrices derived from q and k (cached).
    // Bounds-checked; throws Error(InvalidArgument) naming the valid range.
    HeadPtr head(int layer, int head) const;
    // One query's weights against every key (T): O(T·hs), without the head's whole matrix.
    RowVector weightRow(int layer, int head, int query) const;
    // Max-pooled weights of a head in (rows, cols) cells, block by block: never the whole T × T at once.
    Matrix pooledWeights(int layer, int head, int rows, int cols) const;
    // Derives the head's weights in blocks of query rows, first to last, handing each (rows, T) block with its
    // first query to visit: what pooling and scoring need, in O(T) memory and one pass. A head already
    // derived (cached) is handed over whole, as one block.
    void forEachWeightBlock(int layer, int head, const std::function<void(int firstQuery, const Matrix& weights)>& visit) const;

    Matrix layerInput(int layer) const;  // (T, C) residual stream entering the layer
    Matrix layerOutput(int layer) const; // (T, C) residual stream leaving it
    Matrix queries(int layer, int head) const; // (T, hs)
    Matrix keys(int layer, int head) const;    // (T, hs) of the key/value head this query head reads
    Matrix values(int layer, int head) const;  // (T, hs)

    // Bytes of the stored rows (what grows with T), counting a block shared by several traces once here.
    size_t storedBytes() const;

    // Throws Error(InvalidArgument) naming the valid range unless layer and head exist.
    void checkHead(int layer, int head) const;

private:
    // (T, hs): columns [col, col + hs) of one per-layer matrix, gathered from every block.
    Matrix gather(int layer, Matrix LayerRows::*part, int col, int width) const;
    HeadCache m_cache;
};

using TracePtr = std::shared_ptr<const AttentionTrace>;

// Max-pools weight blocks (AttentionTrace::forEachWeightBlock) of a T-token head into (rows, cols) cells, so
// a sharp peak never vanishes from a thumbnail.
class WeightPooler {
public:
    WeightPooler(int tokens, int rows, int cols); // rows and cols clamped to 1..tokens
    void add(int firstQuery, const Matrix& weights /* (rows of the block, T) */);
    const Matrix& pooled() const { return m_pooled; }

private:
    int m_tokens;
    Matrix m_pooled;
};

} // namespace qkview
