// SPDX-License-Identifier: MIT
#include "models/gpt2_model.h"

#include "base/error.h"
#include "models/gpt2_layers.h"
#include "base/memory_tuning.h"

#include <string>

namespace qkview {

namespace {

void checkTokens(const TokenList& tokens, const Gpt2Config& config) {
    if (tokens.empty()) throw Error(Error::Kind::InvalidInput, "the text has no tokens: type a sentence");
    if (tokens.size() > static_cast<size_t>(config.positions))
        throw Error(Error::Kind::InvalidInput, "this model reads at most " + std::to_string(config.positions) +
                                                   " tokens, the text has " + std::to_string(tokens.size()));
    for (size_t i = 0; i < tokens.size(); ++i)
        if (tokens[i].id < 0 || tokens[i].id >= config.vocabSize)
            throw Error(Error::Kind::InvalidInput, "token " + std::to_string(i) + " has id " +
                                                       std::to_string(tokens[i].id) + ", outside the vocabulary 0.." +
                                                       std::to_string(config.vocabSize - 1));
}

// How many leading rows of the previous trace are still valid for these tokens and options:
// the shared prefix of ids, leaving at least one row to compute (the prediction needs the last).
int reusableRows(const AttentionTrace* previous, const TokenList& tokens, const AttentionOptions& options) {
    if (!previous || previous->options != options) return 0;
    const size_t limit = std::min(previous->tokens.size(), tokens.size() - 1);
    size_t shared = 0;
    while (shared < limit && previous->tokens[shared].id == tokens[shared].id) ++shared;
    return static_cast<int>(shared);
}

// (T, C): the first P rows of cached above fresh (R, C).
Matrix stackRows(const Matrix* cached, int P, const Matrix& fresh) {
    if (P == 0) return fresh;
    Matrix all(P + fresh.rows(), fresh.cols());
    all.topRows(P) = cached->topRows(P);
    all.bottomRows(fresh.rows()) = fresh;
    return all;
}

} // namespace

Gpt2Model::Gpt2Model(Gpt2Config config, Gpt2Weights weights, std::shared_ptr<const Gpt2Tokenizer> tokenizer)
    : m_gpt2(std::move(config)), m_weights(std::move(weights)), m_tokenizer(std::move(tokenizer)) {
    if (!m_tokenizer) throw Error(Error::Kind::InvalidArgument, "Gpt2Model needs a tokenizer");
    keepFreedMemoryForReuse(); // each pass allocates a whole trace: reuse memory instead of faulting it in
    m_config.name = m_gpt2.name;
    m_config.layers = m_gpt2.layers;
    m_config.heads = m_gpt2.heads;
    m_config.dModel = m_gpt2.channels;
    m_config.dHead = m_gpt2.headSize();
    m_config.contextLength = m_gpt2.positions;
    m_config.vocabSize = m_gpt2.vocabSize;
    m_config.parameterCount = m_weights.parameterCount;
    // headInfo stays empty: learned heads have no given names, so headName() gives "L0.H0".
}

TracePtr Gpt2Model::forward(const QString& text, const TokenList& tokens, const AttentionOptions& requested) const {
    AttentionOptions options = requested;
    options.causal = true;
    validate(options);
    checkTokens(tokens, m_gpt2);

    TracePtr previous;
    {
        const std::lock_guard lock(m_cacheMutex);
        previous = m_lastTrace;
    }
    const int T = static_cast<int>(tokens.size());
    const int P = reusableRows(previous.get(), tokens, options); // rows reused
    if (P == 0 && previous) {
        // Nothing to reuse: let the old trace go before the new one is built, so its memory (1.7 GB
        // for GPT-2 small at 1024 tokens) can be reused instead of doubling the peak.
        const std::lock_guard lock(m_cacheMutex);
        if (m_lastTrace == previous) m_lastTrace.reset();
        previous.reset();
    }
    std::vector<int> ids;                                         // (R) the tokens computed now
    for (int t = P; t < T; ++t) ids.push_back(tokens[static_cast<size_t>(t)].id);

    auto trace = std::make_shared<AttentionTrace>();
    trace->config = m_config;
    trace->options = options;
    trace->text = text;
    trace->tokens = tokens;
    trace->layers.reserve(static_cast<size_t>(m_gpt2.layers));

    const double eps = m_gpt2.layerNormEpsilon;
    Matrix x;                                                     // (R, C) residual stream of the new rows
    encoderForward(x, ids, P, m_weights.wte, m_weights.wpe);
    Matrix a, y, hidden;                                          // (R, C), (R, C), (R, I) scratch
    for (int l = 0; l < m_gpt2.layers; ++l) {
        const Gpt2BlockWeights& w = m_weights.blocks[static_cast<size_t>(l)];
        const LayerTrace* old = P > 0 ? &previous->layers[static_cast<size_t>(l)] : nullptr;
        LayerTrace& layer = trace->layers.emplace_back();
        layer.input = stackRows(old ? &old->input : nullptr, P, x); // (T, C)

        layernormForward(a, x, w.ln1Weight, w.ln1Bias, eps);
        Matrix qkv;                                                  // (R, 3C)
        matmulForward(qkv, a, w.attnWeight, w.attnBias);
        layer.heads = attentionForward(qkv, old ? &old->heads : nullptr, P, m_gpt2.heads, options);
        matmulForward(y, concatHeadRows(layer.heads, P), w.attnProjWeight, w.attnProjBias);
        x += y; // residual

        layernormForward(a, x, w.ln2Weight, w.ln2Bias, eps);
        matmulForward(hidden, a, w.fcWeight, w.fcBias);
        geluForward(hidden);
        matmulForward(y, hidden, w.mlpProjWeight, w.mlpProjBias);
        x += y; // residual
        layer.output = stackRows(old ? &old->output : nullptr, P, x); // (T, C)
    }

    // The next token after the last one: final layer norm, then the tied output matrix wte.
    layernormForward(a, x.bottomRows(1), m_weights.lnfWeight, m_weights.lnfBias, eps); // (1, C)
    for (const TokenProbability& t : topTokensForward(a, m_weights.wte, kPredictions))
        trace->nextTokens.push_back({m_tokenizer->decode(t.id), t.id, t.p});

    {
        const std::lock_guard lock(m_cacheMutex);
        m_lastTrace = trace;
        m_lastReusedRows = P;
    }
    return trace;
}

Gpt2Model::~Gpt2Model() {
    m_lastTrace.reset();
    releaseFreedMemory();
}

int Gpt2Model::lastReusedRows() const {
    const std::lock_guard lock(m_cacheMutex);
    return m_lastReusedRows;
}

} // namespace qkview
