// SPDX-License-Identifier: MIT
#include "models/transformer_model.h"

#include "base/error.h"
#include "base/memory_tuning.h"
#include "models/transformer_layers.h"

#include <algorithm>
#include <string>

namespace qkview {

namespace {

void checkTokens(const TokenList& tokens, const TransformerConfig& config) {
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

// What the guessing functions own: the model's weights and tokenizer stay alive while a trace may guess.
struct GuessingParts {
    std::shared_ptr<const TransformerWeights> weights;
    std::shared_ptr<const Tokenizer> tokenizer;
    TransformerConfig config;
};

std::vector<Prediction> decoded(const std::vector<TokenProbability>& top, const Tokenizer& tokenizer) {
    std::vector<Prediction> out;
    for (const TokenProbability& t : top) out.push_back({tokenizer.decode(t.id), t.id, t.p});
    return out;
}

// The next token after the last one, from its final row of the residual stream (1, C): final norm, then
// the output matrix.
Guesses nextTokenGuesses(const GuessingParts& m, const Matrix& lastRow) {
    Matrix a;
    normForward(a, lastRow, m.weights->finalNorm, m.config.norm, m.config.normEpsilon); // (1, C)
    return {decoded(topTokensForward(a, m.weights->output, TransformerModel::kPredictions), *m.tokenizer), {}};
}

// For each [MASK] token (positions, and their final rows (count, C)): the masked-LM head's transform, gelu,
// norm, then the tied output matrix and its bias.
Guesses fillMaskGuesses(const GuessingParts& m, const std::vector<int>& positions, const Matrix& rows) {
    Guesses out;
    Matrix h, a; // (1, C)
    for (size_t i = 0; i < positions.size(); ++i) {
        linearForward(h, rows.row(static_cast<Eigen::Index>(i)), m.weights->headTransform);
        geluErfForward(h);
        normForward(a, h, m.weights->headNorm, m.config.norm, m.config.normEpsilon);
        out.fillMask.push_back({positions[i], decoded(topTokensForward(a, m.weights->output, TransformerModel::kPredictions,
                                                                       m.weights->outputBias),
                                                      *m.tokenizer)});
    }
    return out;
}

} // namespace

TransformerModel::TransformerModel(TransformerConfig config, TransformerWeights weights,
                                   std::shared_ptr<const Tokenizer> tokenizer)
    : m_transformer(std::move(config)), m_weights(std::make_shared<const TransformerWeights>(std::move(weights))),
      m_tokenizer(std::move(tokenizer)) {
    if (!m_tokenizer) throw Error(Error::Kind::InvalidArgument, "TransformerModel needs a tokenizer");
    keepFreedMemoryForReuse(); // each pass allocates new rows: reuse memory instead of faulting it in
    const TransformerConfig& t = m_transformer;
    m_config.name = t.name;
    m_config.family = t.family;
    m_config.layers = t.layers;
    m_config.heads = t.heads;
    m_config.kvHeads = t.kvHeads;
    m_config.dModel = t.channels;
    m_config.dHead = t.headSize;
    m_config.contextLength = t.positions;
    m_config.vocabSize = t.vocabSize;
    m_config.parameterCount = m_weights->storage.parameterCount;
    m_config.weightDtype = m_weights->storage.dtype;
    m_config.bidirectional = !t.causal;
    m_config.fillsMasks = !t.causal && t.maskedLmHead;
    if (t.positionKind == PositionKind::Rotary) m_config.rotaryFrequencies = rotaryFrequencies(t.rope, t.headSize);
    // Learned heads have no names unless the folder gives them (heads.json); headName() then gives "L0.H0".
    m_config.headInfo = t.headInfo;
}

TransformerModel::~TransformerModel() {
    m_prefix.clear();
    releaseFreedMemory();
}

TracePtr TransformerModel::forward(const QString& text, const TokenList& tokens, const AttentionOptions& requested) const {
    const TransformerConfig& cfg = m_transformer;
    AttentionOptions options = requested;
    if (cfg.causal) options.causal = true; // decoders were trained so; for encoders the mask is a what-if
    validate(options);
    checkTokens(tokens, cfg);

    const PrefixCache::Reuse reuse = m_prefix.take(tokens, options);
    const int T = static_cast<int>(tokens.size());
    const int P = reuse.rows;                                     // rows reused
    std::vector<int> ids;                                         // (R) the tokens computed now
    for (int t = P; t < T; ++t) ids.push_back(tokens[static_cast<size_t>(t)].id);

    const Eigen::Index qWidth = static_cast<Eigen::Index>(cfg.heads) * cfg.headSize;    // NH·hs
    const Eigen::Index kvWidth = static_cast<Eigen::Index>(cfg.kvHeads) * cfg.headSize; // NKV·hs
    auto rows = std::make_shared<TraceRows>();                    // what the trace keeps of the new rows
    rows->first = P;
    rows->layers.resize(static_cast<size_t>(cfg.layers));
    Matrix x;                                                     // (R, C) residual stream of the new rows
    embeddingForward(x, ids, P + cfg.positionOffset, m_weights->tokenEmbedding, m_weights->positionEmbedding);
    Matrix a, y, qkv, heads, hidden, up;                          // (R, C), (R, C), (R, 3C), (R, NH·hs), (R, I), (R, I)
    std::vector<int> types;                                       // (T): sentence A or B
    if (m_weights->tokenTypeEmbedding) {
        types = m_tokenizer->tokenTypes(tokens);
        types.resize(tokens.size(), 0);
        for (int& t : types) t = std::clamp(t, 0, cfg.tokenTypes - 1);
        tokenTypeForward(x, std::vector<int>(types.begin() + P, types.end()), m_weights->tokenTypeEmbedding);
    }
    if (cfg.embeddingNorm) {
        normForward(a, x, m_weights->embeddingNorm, cfg.norm, cfg.normEpsilon);
        x.swap(a);
    }
    for (int l = 0; l < cfg.layers; ++l) {
        const TransformerBlockWeights& w = m_weights->blocks[static_cast<size_t>(l)];
        LayerRows& layer = rows->layers[static_cast<size_t>(l)];
        layer.input = x;

        // Attention: q, k, v as the dot product sees them (normalised and rotated where the family does).
        if (cfg.postNorm) a = x; // post-norm blocks read the residual stream as it is
        else normForward(a, x, w.attentionNorm, cfg.norm, cfg.normEpsilon);
        if (w.qkv.weight) {
            linearForward(qkv, a, w.qkv);                         // (R, NH·hs + 2·NKV·hs): q | k | v
            layer.q = qkv.leftCols(qWidth);
            layer.k = qkv.middleCols(qWidth, kvWidth);
            layer.v = qkv.rightCols(kvWidth);
        } else {
            linearForward(layer.q, a, w.q);                       // (R, NH·hs)
            linearForward(layer.k, a, w.k);                       // (R, NKV·hs)
            linearForward(layer.v, a, w.v);                       // (R, NKV·hs)
        }
        if (cfg.qkNorm) {
            headNormForward(layer.q, w.qNorm, cfg.heads, cfg.normEpsilon);
            headNormForward(layer.k, w.kNorm, cfg.kvHeads, cfg.normEpsilon);
        }
        if (m_config.rotary()) {
            rotaryForward(layer.q, m_config.rotaryFrequencies, P, cfg.heads);
            rotaryForward(layer.k, m_config.rotaryFrequencies, P, cfg.kvHeads);
        }
        multiHeadAttention(heads, layer.q, P, keyValueBlocks(reuse.blocks, l, layer, P), cfg.heads, cfg.kvHeads,
                           cfg.headSize, options);
        linearForward(y, heads, w.attentionOut);
        x += y; // residual
        if (cfg.postNorm) {
            normForward(a, x, w.attentionNorm, cfg.norm, cfg.normEpsilon);
            x.swap(a);
            a = x;
        } else {
            normForward(a, x, w.mlpNorm, cfg.norm, cfg.normEpsilon);
        }

        linearForward(hidden, a, w.up);
        if (cfg.mlp == MlpKind::SwiGlu) {
            up.swap(hidden);
            linearForward(hidden, a, w.gate);
            swigluForward(hidden, up);
        } else if (cfg.mlp == MlpKind::GeluErf) {
            geluErfForward(hidden);
        } else {
            geluForward(hidden);
        }
        linearForward(y, hidden, w.down);
        x += y; // residual
        if (cfg.postNorm) {
            normForward(a, x, w.mlpNorm, cfg.norm, cfg.normEpsilon);
            x.swap(a);
        }
    }
    rows->output = x;

    auto trace = std::make_shared<AttentionTrace>();
    trace->config = m_config;
    trace->options = options;
    trace->text = text;
    trace->tokens = tokens;
    trace->tokenTypes = std::move(types);
    trace->blocks = appendBlock(reuse.blocks, std::move(rows));

    trace->outputProjection = [weights = m_weights, hs = m_config.dHead](int layer, int head) -> Matrix {
        const LinearWeights& out = weights->blocks[static_cast<size_t>(layer)].attentionOut; // NH·hs → C
        const auto w = out.weight.matrix();
        return out.storedInOut ? Matrix(w.middleRows(head * hs, hs)) : Matrix(w.middleCols(head * hs, hs).transpose());
    };
    // Guesses wait until a view asks: the function keeps copies of the rows it needs (a C-wide row each).
    const GuessingParts parts{m_weights, m_tokenizer, m_transformer};
    if (cfg.causal) {
        trace->guesses = LazyGuesses([parts, lastRow = Matrix(x.bottomRows(1))] { return nextTokenGuesses(parts, lastRow); });
    } else if (cfg.maskedLmHead) {
        std::vector<int> positions;
        if (const std::optional<int> mask = m_tokenizer->maskId())
            for (size_t i = 0; i < tokens.size(); ++i)
                if (tokens[i].id == *mask) positions.push_back(static_cast<int>(i));
        Matrix rows(static_cast<Eigen::Index>(positions.size()), x.cols());
        for (size_t i = 0; i < positions.size(); ++i) rows.row(static_cast<Eigen::Index>(i)) = x.row(positions[i]);
        trace->guesses = LazyGuesses([parts, positions, rows] { return fillMaskGuesses(parts, positions, rows); });
    }

    m_prefix.store(trace, P);
    return trace;
}

} // namespace qkview
