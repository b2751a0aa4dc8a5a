// SPDX-License-Identifier: MIT
#include "models/teaching_model.h"

#include "base/error.h"

#include <QObject>

#include <array>
#include <cmath>

namespace qkview {

namespace {
// Embedding layout (C = 32). Features sit in their own dimensions so every weight has a meaning.
constexpr int kBias = 0;         // always 1
constexpr int kClass = 1;        // 10 dims: one-hot word class
constexpr int kPosition = 11;    // p = i / 256, the position as a fraction of the context
constexpr int kPositionSq = 12;  // p²: with p and the bias, a head can score minus a squared distance
constexpr int kIdentity = 13;    // 8 dims: a unit vector drawn from the word's hash (Lexicon::wordHash)
constexpr int kIdentityDims = 8;
constexpr int kScratch = 21;     // 11 dims: each head writes how much noun it found; layer 2 reads features only
constexpr int kModelWidth = 32;  // C
constexpr int kHeadSize = 8;     // hs
constexpr int kHeads = 4;        // NH
constexpr int kContext = 256;
constexpr double kPositionScale = kContext; // p = i / kPositionScale

// Within a head (hs = 8): dim 0 matches word classes, dims 1..3 compute a squared distance.
constexpr int kGateDim = 0;
constexpr int kDistanceDim = 1;

// Strengths in units of the scaled score (q·k / √hs), so e^strength is a ratio of weights.
const double kScale = std::sqrt(static_cast<double>(kHeadSize));
constexpr double kPreviousSharpness = 3.0; // previous token: −3 per squared step; a neighbour gets e^−3 ≈ 0.05 of the peak
constexpr double kLinkSharpness = 4.0;     // link heads: −4 per squared step from their centre
constexpr double kLinkCentre = 1.25;       // link heads look around 1¼ places after (or before) the query
constexpr double kLinkReach = 8.5;         // a matching class wins up to 8.5 places from the centre
constexpr double kSameWord = 64.0;         // same word: a perfect identity match scores 64, i.e. 22.6 scaled
constexpr double kFirstToken = 3.0;        // first token: −3 per position after the first

// Adds −sharpness·(j − i − centre)² (scaled) to a head's score for query i and key j, exactly:
// with p = i/256, (j − i − c)² = 256²·(p_j − p_i − c/256)², which expands into products of
// (1, p_i, p_i²) on the query side and (1, p_j, p_j²) on the key side: a bilinear form q·k.
void addDistancePenalty(HeadWeights& head, double sharpness, double centre) {
    const double a = sharpness * kScale * kPositionScale * kPositionScale; // raw weight per unit of p²
    const double c = centre / kPositionScale;                               // the centre in units of p
    const int kp = kDistanceDim, kp2 = kDistanceDim + 1, k1 = kDistanceDim + 2;
    head.wk(kPosition, kp) = 1.0f; // key: (p_j, p_j², 1)
    head.wk(kPositionSq, kp2) = 1.0f;
    head.wk(kBias, k1) = 1.0f;
    // query · key = 2a(p_i + c)·p_j − a·p_j² − a(p_i + c)² = −a(p_j − p_i − c)²
    head.wq(kPosition, kp) = static_cast<float>(2 * a);
    head.wq(kBias, kp) = static_cast<float>(2 * a * c);
    head.wq(kBias, kp2) = static_cast<float>(-a);
    head.wq(kPositionSq, k1) = static_cast<float>(-a);
    head.wq(kPosition, k1) = static_cast<float>(-2 * a * c);
    head.wq(kBias, k1) = static_cast<float>(-a * c * c);
}

void addClassMatch(HeadWeights& head, WordClass queryClass, std::initializer_list<WordClass> keyClasses,
                   double strength) {
    head.wq(kClass + static_cast<int>(queryClass), kGateDim) = static_cast<float>(strength * kScale);
    for (WordClass k : keyClasses) head.wk(kClass + static_cast<int>(k), kGateDim) = 1.0f;
}

HeadWeights emptyHead() {
    HeadWeights head{Matrix::Zero(kModelWidth, kHeadSize), Matrix::Zero(kModelWidth, kHeadSize),
                     Matrix::Zero(kModelWidth, kHeadSize)};
    // Every head passes on what a token is: its identity (first 7 dims), and whether it is a noun.
    for (int d = 0; d < kHeadSize - 1; ++d) head.wv(kIdentity + d, d) = 1.0f;
    head.wv(kClass + static_cast<int>(WordClass::Noun), kHeadSize - 1) = 1.0f;
    return head;
}

HeadWeights previousTokenHead() {
    HeadWeights head = emptyHead();
    addDistancePenalty(head, kPreviousSharpness, -1.0);
    return head;
}

// A query of one class looks for keys of other classes around a centre on one side of it.
HeadWeights linkHead(WordClass from, std::initializer_list<WordClass> to, double centre) {
    HeadWeights head = emptyHead();
    addClassMatch(head, from, to, kLinkSharpness * kLinkReach * kLinkReach);
    addDistancePenalty(head, kLinkSharpness, centre);
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
    // A constant query (from the bias) against the keys' p: −3 (scaled) per position.
    head.wk(kPosition, kDistanceDim) = 1.0f;
    head.wq(kBias, kDistanceDim) = static_cast<float>(-kFirstToken * kScale * kPositionScale);
    return head;
}

HeadWeights broadContextHead() { return emptyHead(); } // all scores 0: an even average

Matrix summaryProjection(int layer) {
    // Head h's last output dim (how much noun it found) goes to scratch dim 21 + 4·layer + h.
    Matrix wo = Matrix::Zero(kHeads * kHeadSize, kModelWidth); // (NH·hs, C)
    for (int h = 0; h < kHeads; ++h) wo(h * kHeadSize + kHeadSize - 1, kScratch + kHeads * layer + h) = 1.0f;
    return wo;
}

// splitmix64 over the word's hash spreads it over the identity dims; the vector has length 1.
std::array<float, kIdentityDims> identityOf(const QString& word) {
    uint64_t h = Lexicon::wordHash(word);
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
    m_layers.push_back(stackHeads({previousTokenHead(), linkHead(WC::Determiner, {WC::Noun}, +kLinkCentre),
                                   linkHead(WC::Verb, {WC::Noun, WC::Pronoun}, -kLinkCentre), sameWordHead()},
                                  summaryProjection(0)));
    m_layers.push_back(stackHeads({linkHead(WC::Adjective, {WC::Noun}, +kLinkCentre),
                                   linkHead(WC::Verb, {WC::Noun, WC::Pronoun}, +kLinkCentre), firstTokenHead(),
                                   broadContextHead()},
                                  summaryProjection(1)));

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
        {info("previous token", "Every token looks at the token just before it. Its score is minus 3 times the "
                                "squared distance from that spot, so only the previous token counts; the first "
                                "token looks at itself."),
         info("determiner → noun", "Determiners (the, a, my) look for a noun close to the word after them: the nearest "
                                   "noun up to three places after, else one just before. Other tokens only look "
                                   "about 1 place ahead."),
         info("verb → noun before", "Verbs look for a noun or pronoun close to the word before them: the nearest one "
                                    "up to three places back, else one just after. Only word classes and distance "
                                    "count, so it is often the subject but not always: in 'the keys to the cabinet "
                                    "are', 'are' finds 'cabinet'."),
         info("same word", "Each token looks for tokens spelled the same (ignoring case), itself included, and "
                           "shares its attention evenly among them.")},
        {info("adjective → noun", "Adjectives look for a noun close to the word after them: the nearest noun up to "
                                  "three places after, else one just before."),
         info("verb → noun after", "Verbs look for a noun or pronoun close to the word after them: the nearest one up "
                                   "to three places after, else one just before. Often the object, but a verb "
                                   "without an object finds a nearby noun anyway."),
         info("first token", "Every query rests on the first token (scores fall by 3 per position), like the "
                             "'attention sink' of real models."),
         info("broad context", "No query matches any key better than another, so each token takes an even average.")}};
}

Matrix TeachingModel::embed(const TokenList& tokens) const {
    Matrix x = Matrix::Zero(static_cast<Eigen::Index>(tokens.size()), kModelWidth); // (T, C)
    for (size_t i = 0; i < tokens.size(); ++i) {
        const auto row = static_cast<Eigen::Index>(i);
        x(row, kBias) = 1.0f;
        x(row, kClass + static_cast<int>(m_lexicon.classify(tokens[i].text))) = 1.0f;
        const double p = static_cast<double>(i) / kPositionScale;
        x(row, kPosition) = static_cast<float>(p);
        x(row, kPositionSq) = static_cast<float>(p * p);
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
