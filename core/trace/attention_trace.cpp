// SPDX-License-Identifier: MIT
#include "trace/attention_trace.h"

#include "base/error.h"

#include <string>

namespace qkview {

namespace {
size_t matrixBytes(const HeadTrace& h) {
    return sizeof(float) * static_cast<size_t>(h.scores.size() + h.scaledScores.size() + h.weights.size());
}

void checkIndex(int index, int count, const char* what) {
    if (index < 0 || index >= count)
        throw Error(Error::Kind::InvalidArgument, std::string(what) + " " + std::to_string(index) +
                                                      " is out of range 0.." + std::to_string(count - 1));
}
} // namespace

HeadPtr HeadCache::find(int layer, int head) const {
    const std::lock_guard lock(m_mutex);
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it)
        if (it->layer == layer && it->head == head) {
            m_entries.splice(m_entries.begin(), m_entries, it); // most recently used first
            return it->trace;
        }
    return nullptr;
}

void HeadCache::insert(int layer, int head, HeadPtr trace) const {
    const std::lock_guard lock(m_mutex);
    m_entries.push_front({layer, head, std::move(trace)});
    size_t bytes = 0;
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        bytes += matrixBytes(*it->trace);
        if (bytes > kBudgetBytes && it != m_entries.begin()) {
            m_entries.erase(it, m_entries.end());
            break;
        }
    }
}

void AttentionTrace::checkHead(int layer, int headIndex) const {
    checkIndex(layer, config.layers, "layer");
    checkIndex(headIndex, config.heads, "head");
}

Matrix AttentionTrace::gather(int layer, Matrix LayerRows::*part, int col, int width) const {
    Matrix out(tokenCount(), width); // (T, width)
    for (const RowBlock& b : blocks)
        out.middleRows(b.first(), b.count) = (b.rows->layers[static_cast<size_t>(layer)].*part).block(0, col, b.count, width);
    return out;
}

Matrix AttentionTrace::queries(int layer, int headIndex) const {
    checkHead(layer, headIndex);
    return gather(layer, &LayerRows::q, headIndex * config.dHead, config.dHead);
}

Matrix AttentionTrace::keys(int layer, int headIndex) const {
    checkHead(layer, headIndex);
    return gather(layer, &LayerRows::k, config.kvHeadOf(headIndex) * config.dHead, config.dHead);
}

Matrix AttentionTrace::values(int layer, int headIndex) const {
    checkHead(layer, headIndex);
    return gather(layer, &LayerRows::v, config.kvHeadOf(headIndex) * config.dHead, config.dHead);
}

Matrix AttentionTrace::layerInput(int layer) const {
    checkIndex(layer, config.layers, "layer");
    return gather(layer, &LayerRows::input, 0, config.dModel);
}

Matrix AttentionTrace::layerOutput(int layer) const {
    checkIndex(layer, config.layers, "layer");
    if (layer + 1 < config.layers) return layerInput(layer + 1);
    Matrix out(tokenCount(), config.dModel); // (T, C)
    for (const RowBlock& b : blocks) out.middleRows(b.first(), b.count) = b.rows->output.topRows(b.count);
    return out;
}

size_t AttentionTrace::storedBytes() const {
    size_t floats = 0;
    for (const RowBlock& b : blocks) {
        for (const LayerRows& l : b.rows->layers)
            floats += static_cast<size_t>(l.input.size() + l.q.size() + l.k.size() + l.v.size());
        floats += static_cast<size_t>(b.rows->output.size());
    }
    return floats * sizeof(float);
}

HeadPtr AttentionTrace::head(int layer, int headIndex) const {
    checkHead(layer, headIndex);
    if (HeadPtr cached = m_cache.find(layer, headIndex)) return cached;
    auto derived = std::make_shared<const HeadTrace>(
        attendProjected(queries(layer, headIndex), keys(layer, headIndex), values(layer, headIndex), options));
    m_cache.insert(layer, headIndex, derived);
    return derived;
}

RowVector AttentionTrace::weightRow(int layer, int headIndex, int query) const {
    checkHead(layer, headIndex);
    checkIndex(query, tokenCount(), "query");
    if (HeadPtr cached = m_cache.find(layer, headIndex)) return cached->weights.row(query);
    const Matrix q = queries(layer, headIndex).row(query);                 // (1, hs)
    const Matrix scores = q * keys(layer, headIndex).transpose();          // (1, T)
    return softmaxRows(scores, logitFactor(config.dHead, options), options.causal, query);
}

void AttentionTrace::forEachWeightBlock(int layer, int headIndex,
                                        const std::function<void(int firstQuery, const Matrix& weights)>& visit) const {
    checkHead(layer, headIndex);
    if (HeadPtr cached = m_cache.find(layer, headIndex)) return visit(0, cached->weights); // derived already
    const int T = tokenCount();
    const Matrix q = queries(layer, headIndex), k = keys(layer, headIndex); // (T, hs) each
    const double factor = logitFactor(config.dHead, options);
    constexpr int kBlock = 64; // query rows per pass: (64, T) scores at a time
    for (int first = 0; first < T; first += kBlock) {
        const int count = std::min(kBlock, T - first);
        // Under the causal mask no query of the block sees a key after its last: those scores are not computed
        // (half the products of a whole head), and their weights stay 0.
        const int seen = options.causal ? first + count : T;
        const Matrix scores = q.middleRows(first, count) * k.topRows(seen).transpose(); // (count, seen)
        if (seen == T) {
            visit(first, softmaxRows(scores, factor, options.causal, first));
            continue;
        }
        Matrix weights = Matrix::Zero(count, T); // (count, T)
        weights.leftCols(seen) = softmaxRows(scores, factor, options.causal, first);
        visit(first, weights);
    }
}

Matrix AttentionTrace::pooledWeights(int layer, int headIndex, int rows, int cols) const {
    checkHead(layer, headIndex);
    WeightPooler pooler(tokenCount(), rows, cols);
    forEachWeightBlock(layer, headIndex, [&](int first, const Matrix& w) { pooler.add(first, w); });
    return pooler.pooled();
}

WeightPooler::WeightPooler(int tokens, int rows, int cols)
    : m_tokens(std::max(1, tokens)), m_pooled(Matrix::Zero(std::clamp(rows, 1, m_tokens), std::clamp(cols, 1, m_tokens))) {}

void WeightPooler::add(int firstQuery, const Matrix& weights) {
    const long long rows = m_pooled.rows(), cols = m_pooled.cols();
    for (Eigen::Index i = 0; i < weights.rows(); ++i) {
        const auto r = static_cast<Eigen::Index>((firstQuery + i) * rows / m_tokens);
        for (Eigen::Index j = 0; j < weights.cols(); ++j) {
            const auto c = static_cast<Eigen::Index>(j * cols / m_tokens);
            m_pooled(r, c) = std::max(m_pooled(r, c), weights(i, j));
        }
    }
}

} // namespace qkview
