// SPDX-License-Identifier: MIT
#include "models/teaching_model.h"

#include "base/error.h"

#include <QObject>

#include <array>
#include <cmath>
#include <numbers>

namespace qkview {

namespace {
// Embedding layout (C = 32). Features sit in their own dimensions so every weight has a meaning.
constexpr int kBias = 0;          // always 1
constexpr int kClass = 1;         // 10 dims: one-hot word class
constexpr int kPosition = 11;     // 6 dims: (cos iθ, sin iθ) for the three frequencies below
constexpr int kIdentity = 17;     // 7 dims: a unit vector hashed from the lower-case word
constexpr int kIdentityDims = 7;
constexpr int kScratch = 24;      // 8 dims: layer 1 writes its summary here; layer 2 reads features only
constexpr int kModelWidth = 32;   // C
constexpr int kHeadSize = 8;      // hs
constexpr int kHeads = 4;         // NH
constexpr std::array<double, 3> kTheta = {0.9, 0.3, 0.02}; // radians per position
constexpr int kContext = 256;     // below half the slowest period (2π/0.02 ≈ 314), positions stay distinct

// Within a head (hs = 8): dim 0 matches word classes, dims 2..7 compare positions (one pair per frequency).
constexpr int kGateDim = 0;
constexpr int kPositionDim = 2;

// Strengths, chosen so each role wins clearly on simple sentences (see tests/core/teaching_model_test.cpp).
constexpr double kClassMatch = 10.0;   // a query class meeting its key class
constexpr double kNearness = 4.0;      // prefer the token one step away (middle frequency only)
constexpr double kDirection = 7.0;     // prefer keys on one side of the query (slow frequency)
constexpr double kPrevious = 8.0;      // previous-token head, all frequencies
constexpr double kSameWord = 8.0;
constexpr double kFirstToken = 12.0;

using Block = Eigen::Matrix2d;
Block rotation(double angle) {
    Block r;
    r << std::cos(angle), -std::sin(angle), std::sin(angle), std::cos(angle);
    return r;
}

struct PositionPreference {
    std::array<double, 3> nearness{}; // per frequency: weight of cos((i + offset - j)θ)
    int offset = 0;                   // the key position preferred, relative to the query
    double direction = 0.0;           // weight of sin((j - i)θ_slow): > 0 prefers later keys
};

// Writes q·k = Σ_f nearness_f cos((i+offset-j)θ_f) + direction sin((j-i)θ_2) into a head.
// The position features of token i are p_i = (cos iθ, sin iθ); rotating the query's copy by
// offset·θ moves the peak to key i+offset, and a quarter turn turns cos into sin.
void addPositionPreference(HeadWeights& head, const PositionPreference& pref) {
    for (int f = 0; f < 3; ++f) {
        Block m = pref.nearness[f] * rotation(pref.offset * kTheta[f]);
        if (f == 2) m += pref.direction * rotation(std::numbers::pi / 2);
        const int in = kPosition + 2 * f, out = kPositionDim + 2 * f;
        head.wq.block<2, 2>(in, out) = m.transpose().cast<float>(); // row-vector convention: q = x·W
        head.wk.block<2, 2>(in, out).setIdentity();
    }
}

void addClassMatch(HeadWeights& head, WordClass queryClass, std::initializer_list<WordClass> keyClasses) {
    head.wq(kClass + static_cast<int>(queryClass), kGateDim) = static_cast<float>(kClassMatch);
    for (WordClass k : keyClasses) head.wk(kClass + static_cast<int>(k), kGateDim) = 1.0f;
}

HeadWeights emptyHead() {
    HeadWeights head{Matrix::Zero(kModelWidth, kHeadSize), Matrix::Zero(kModelWidth, kHeadSize),
                     Matrix::Zero(kModelWidth, kHeadSize)};
    // Every head passes on what a token is: its identity, and whether it is a noun.
    for (int d = 0; d < kIdentityDims; ++d) head.wv(kIdentity + d, d) = 1.0f;
    head.wv(kClass + static_cast<int>(WordClass::Noun), kIdentityDims) = 1.0f;
    return head;
}

HeadWeights previousTokenHead() {
    HeadWeights head = emptyHead();
    addPositionPreference(head, {{kPrevious, kPrevious, kPrevious}, -1, 0.0});
    return head;
}

HeadWeights forwardLinkHead(WordClass from, std::initializer_list<WordClass> to) {
    HeadWeights head = emptyHead();
    addClassMatch(head, from, to);
    addPositionPreference(head, {{0.0, kNearness, 0.0}, +1, kDirection});
    return head;
}

HeadWeights backwardLinkHead(WordClass from, std::initializer_list<WordClass> to) {
    HeadWeights head = emptyHead();
    addClassMatch(head, from, to);
    addPositionPreference(head, {{0.0, kNearness, 0.0}, -1, -kDirection});
    return head;
}

HeadWeights sameWordHead() {
    HeadWeights head = emptyHead();
    for (int d = 0; d < kIdentityDims; ++d) {
        head.wq(kIdentity + d, d) = static_cast<float>(kSameWord);
        head.wk(kIdentity + d, d) = 1.0f;
    }
    return head;
}

HeadWeights firstTokenHead() {
    HeadWeights head = emptyHead();
    // A constant query (from the bias) against the keys' positions peaks at position 0.
    head.wk.block(kPosition, kPositionDim, 6, 6).setIdentity();
    head.wq(kBias, kPositionDim + 0) = static_cast<float>(kFirstToken);
    head.wq(kBias, kPositionDim + 2) = static_cast<float>(kFirstToken);
    return head;
}

HeadWeights broadContextHead() { return emptyHead(); } // all scores 0: an even average

Matrix summaryProjection() {
    // Head h's first two output dims go to scratch dims 24+2h, 25+2h.
    Matrix wo = Matrix::Zero(kHeads * kHeadSize, kModelWidth); // (NH·hs, C)
    for (int h = 0; h < kHeads; ++h)
        for (int d = 0; d < 2; ++d) wo(h * kHeadSize + d, kScratch + 2 * h + d) = 1.0f;
    return wo;
}

// FNV-1a over the lower-case word, then splitmix64 to spread it over the identity dims.
std::array<float, kIdentityDims> identityOf(const QString& word) {
    uint64_t h = 1469598103934665603ull;
    for (QChar c : word.toLower()) h = (h ^ c.unicode()) * 1099511628211ull;
    std::array<float, kIdentityDims> v{};
    double norm = 0.0;
    for (auto& x : v) {
        h += 0x9E3779B97F4A7C15ull;
        uint64_t z = h;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        z ^= z >> 31;
        x = static_cast<float>(static_cast<double>(z >> 11) / static_cast<double>(1ull << 53) * 2.0 - 1.0);
        norm += static_cast<double>(x) * x;
    }
    for (auto& x : v) x = static_cast<float>(x / std::sqrt(norm));
    return v;
}

HeadInfo info(const char* name, const char* description) {
    return {QObject::tr(name), QObject::tr(description)};
}
} // namespace

TeachingModel::Layer TeachingModel::stackHeads(const std::vector<HeadWeights>& heads, Matrix wo) {
    Layer layer{Matrix(kModelWidth, kHeads * kHeadSize), Matrix(kModelWidth, kHeads * kHeadSize),
                Matrix(kModelWidth, kHeads * kHeadSize), std::move(wo)};
    for (int h = 0; h < kHeads; ++h) {
        layer.wq.middleCols(h * kHeadSize, kHeadSize) = heads[static_cast<size_t>(h)].wq;
        layer.wk.middleCols(h * kHeadSize, kHeadSize) = heads[static_cast<size_t>(h)].wk;
        layer.wv.middleCols(h * kHeadSize, kHeadSize) = heads[static_cast<size_t>(h)].wv;
    }
    return layer;
}

TeachingModel::TeachingModel()
    : m_lexicon(Lexicon::builtIn()), m_tokenizer([this](QStringView w) { return m_lexicon.idOf(w); }) {
    using WC = WordClass;
    m_layers.push_back(stackHeads({previousTokenHead(), forwardLinkHead(WC::Determiner, {WC::Noun}),
                                   backwardLinkHead(WC::Verb, {WC::Noun, WC::Pronoun}), sameWordHead()},
                                  summaryProjection()));
    m_layers.push_back(stackHeads({forwardLinkHead(WC::Adjective, {WC::Noun}),
                                   forwardLinkHead(WC::Verb, {WC::Noun, WC::Pronoun}), firstTokenHead(),
                                   broadContextHead()},
                                  summaryProjection()));

    m_config.name = QStringLiteral("qkview teaching model");
    m_config.layers = static_cast<int>(m_layers.size());
    m_config.heads = kHeads;
    m_config.kvHeads = kHeads;
    m_config.dModel = kModelWidth;
    m_config.dHead = kHeadSize;
    m_config.contextLength = kContext;
    m_config.vocabSize = m_lexicon.vocabularySize();
    m_config.parameterCount = static_cast<long long>(m_layers.size()) * (kHeads * 3 + kHeads) * kModelWidth * kHeadSize;
    m_config.headInfo = {
        {info("previous token", "Every token looks at the token just before it: its query asks 'who is one step behind me?'"),
         info("determiner → noun", "Determiners (the, a, my) look ahead to the nearest noun they introduce."),
         info("subject finder", "Verbs look back to the nearest noun or pronoun: who is doing it?"),
         info("same word", "Each token looks for tokens with the same spelling, itself included.")},
        {info("adjective → noun", "Adjectives look ahead to the noun they describe."),
         info("verb → object", "Verbs look ahead to the nearest noun or pronoun: what is it done to?"),
         info("first token", "Every query rests on the first token, like the 'attention sink' of real models."),
         info("broad context", "No query matches any key better than another, so each token takes an even average.")}};
}

Matrix TeachingModel::embed(const TokenList& tokens) const {
    Matrix x = Matrix::Zero(static_cast<Eigen::Index>(tokens.size()), kModelWidth); // (T, C)
    for (size_t i = 0; i < tokens.size(); ++i) {
        const auto row = static_cast<Eigen::Index>(i);
        x(row, kBias) = 1.0f;
        x(row, kClass + static_cast<int>(m_lexicon.classify(tokens[i].text))) = 1.0f;
        for (int f = 0; f < 3; ++f) {
            x(row, kPosition + 2 * f) = static_cast<float>(std::cos(static_cast<double>(i) * kTheta[f]));
            x(row, kPosition + 2 * f + 1) = static_cast<float>(std::sin(static_cast<double>(i) * kTheta[f]));
        }
        const auto identity = identityOf(tokens[i].text);
        for (int d = 0; d < kIdentityDims; ++d) x(row, kIdentity + d) = identity[d];
    }
    return x;
}

TracePtr TeachingModel::forward(const QString& text, const TokenList& tokens, const AttentionOptions& options) const {
    validate(options);
    if (tokens.empty()) throw Error(Error::Kind::InvalidInput, "the text has no tokens: type a sentence");
    if (tokens.size() > static_cast<size_t>(kContext))
        throw Error(Error::Kind::InvalidInput, "the teaching model reads at most " + std::to_string(kContext) +
                                                   " tokens, the text has " + std::to_string(tokens.size()));
    for (const Token& t : tokens)
        if (t.id < 0 || t.id >= m_config.vocabSize)
            throw Error(Error::Kind::InvalidInput, "token id " + std::to_string(t.id) + " is outside the vocabulary");

    const int T = static_cast<int>(tokens.size());
    auto rows = std::make_shared<TraceRows>();
    Matrix x = embed(tokens); // (T, C)
    Matrix heads;             // (T, NH·hs)
    for (const Layer& layer : m_layers) {
        LayerRows& lr = rows->layers.emplace_back();
        lr.input = x;
        lr.q = x * layer.wq; // (T, NH·hs) each
        lr.k = x * layer.wk;
        lr.v = x * layer.wv;
        multiHeadAttention(heads, lr.q, 0, {{&lr.k, &lr.v, 0, T}}, kHeads, kHeads, kHeadSize, options);
        x += heads * layer.wo; // residual: (T, C)
    }
    rows->output = x;

    auto trace = std::make_shared<AttentionTrace>();
    trace->config = m_config;
    trace->options = options;
    trace->text = text;
    trace->tokens = tokens;
    trace->blocks = {{std::move(rows), T}};
    return trace;
}

} // namespace qkview
