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

} // namespace

Gpt2Model::Gpt2Model(Gpt2Config config, Gpt2Weights weights, std::shared_ptr<const Gpt2Tokenizer> tokenizer)
    : m_gpt2(std::move(config)), m_weights(std::move(weights)), m_tokenizer(std::move(tokenizer)) {
    if (!m_tokenizer) throw Error(Error::Kind::InvalidArgument, "Gpt2Model needs a tokenizer");
    keepFreedMemoryForReuse(); // each pass allocates a whole trace: reuse memory instead of faulting it in
    m_config.name = m_gpt2.name;
    m_config.layers = m_gpt2.layers;
    m_config.heads = m_gpt2.heads;
    m_config.kvHeads = m_gpt2.heads;
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

    const PrefixCache::Reuse reuse = m_prefix.take(tokens, options);
    const int T = static_cast<int>(tokens.size());
    const int P = reuse.rows;                                     // rows reused
    std::vector<int> ids;                                         // (R) the tokens computed now
    for (int t = P; t < T; ++t) ids.push_back(tokens[static_cast<size_t>(t)].id);

    const double eps = m_gpt2.layerNormEpsilon;
    const Eigen::Index C = m_gpt2.channels;
    auto rows = std::make_shared<TraceRows>();                    // what the trace keeps of the new rows
    rows->first = P;
    rows->layers.resize(static_cast<size_t>(m_gpt2.layers));
    Matrix x;                                                     // (R, C) residual stream of the new rows
    encoderForward(x, ids, P, m_weights.wte, m_weights.wpe);
    Matrix a, y, qkv, heads, hidden;                              // (R, C), (R, C), (R, 3C), (R, C), (R, I)
    for (int l = 0; l < m_gpt2.layers; ++l) {
        const Gpt2BlockWeights& w = m_weights.blocks[static_cast<size_t>(l)];
        LayerRows& layer = rows->layers[static_cast<size_t>(l)];
        layer.input = x;

        layernormForward(a, x, w.ln1Weight, w.ln1Bias, eps);
        matmulForward(qkv, a, w.attnWeight, w.attnBias);
        layer.q = qkv.leftCols(C);                                // (R, C): NH heads of hs, side by side
        layer.k = qkv.middleCols(C, C);
        layer.v = qkv.rightCols(C);
        multiHeadAttention(heads, layer.q, P, keyValueBlocks(reuse.blocks, l, layer, P), m_gpt2.heads, m_gpt2.heads,
                           m_gpt2.headSize(), options);
        matmulForward(y, heads, w.attnProjWeight, w.attnProjBias);
        x += y; // residual

        layernormForward(a, x, w.ln2Weight, w.ln2Bias, eps);
        matmulForward(hidden, a, w.fcWeight, w.fcBias);
        geluForward(hidden);
        matmulForward(y, hidden, w.mlpProjWeight, w.mlpProjBias);
        x += y; // residual
    }
    rows->output = x;

    auto trace = std::make_shared<AttentionTrace>();
    trace->config = m_config;
    trace->options = options;
    trace->text = text;
    trace->tokens = tokens;
    trace->blocks = appendBlock(reuse.blocks, std::move(rows));

    // The next token after the last one: final layer norm, then the tied output matrix wte.
    layernormForward(a, x.bottomRows(1), m_weights.lnfWeight, m_weights.lnfBias, eps); // (1, C)
    for (const TokenProbability& t : topTokensForward(a, m_weights.wte, kPredictions))
        trace->nextTokens.push_back({m_tokenizer->decode(t.id), t.id, t.p});

    m_prefix.store(trace, P);
    return trace;
}

Gpt2Model::~Gpt2Model() {
    m_prefix.clear();
    releaseFreedMemory();
}

int Gpt2Model::lastReusedRows() const { return m_prefix.lastReusedRows(); }

} // namespace qkview
