// SPDX-License-Identifier: MIT
#include "lenses/lenses.h"

#include "base/error.h"

#include <unordered_map>

namespace qkview {

RowVector valueNorms(const AttentionTrace& trace, int layer, int head) {
    trace.checkHead(layer, head);
    const Matrix v = trace.values(layer, head); // (T, hs)
    if (!trace.outputProjection) return v.rowwise().norm().transpose();
    const Matrix moved = v * trace.outputProjection(layer, head); // (T, C): what each value adds to the stream
    return moved.rowwise().norm().transpose();
}

Matrix valueWeightedAttention(const AttentionTrace& trace, int layer, int head) {
    const RowVector norms = valueNorms(trace, layer, head);
    return trace.head(layer, head)->weights.array().rowwise() * norms.array();
}

void mixRolloutRows(Matrix& headSum, int headCount, int firstQuery) {
    headSum *= 0.5f / static_cast<float>(headCount);
    for (Eigen::Index r = 0; r < headSum.rows(); ++r) headSum(r, firstQuery + r) += 0.5f;
    const Eigen::VectorXf sums = headSum.rowwise().sum();
    headSum = sums.cwiseInverse().asDiagonal() * headSum;
}

std::vector<Matrix> attentionRollout(const AttentionTrace& trace, int lastLayer) {
    if (lastLayer < 0 || lastLayer >= trace.layerCount())
        throw Error(Error::Kind::InvalidArgument, QStringLiteral("layer %1 does not exist (the model has layers 0–%2)")
                                                      .arg(lastLayer).arg(trace.layerCount() - 1).toStdString());
    const Eigen::Index T = trace.tokenCount();
    std::vector<Matrix> rollout;
    for (int l = 0; l <= lastLayer; ++l) {
        Matrix mixed = Matrix::Zero(T, T); // (T, T) ½·mean of the heads + ½·I: the residual stream carries half
        // Summed block by block as the weights are derived: no head's other T × T matrices are made or cached.
        for (int h = 0; h < trace.headCount(); ++h)
            trace.forEachWeightBlock(l, h, [&](int first, const Matrix& w) { mixed.middleRows(first, w.rows()) += w; });
        mixRolloutRows(mixed, trace.headCount(), 0);
        rollout.push_back(rollout.empty() ? mixed : Matrix(mixed * rollout.back()));
    }
    return rollout;
}

HeadScoring::HeadScoring(const TokenList& tokens) : m_inductionKey(tokens.size(), -1), m_tokens(static_cast<int>(tokens.size())) {
    std::unordered_map<int, int> lastSeen; // token id → its latest position so far
    for (int i = 0; i < m_tokens; ++i) {
        const int id = tokens[static_cast<size_t>(i)].id;
        if (const auto seen = lastSeen.find(id); seen != lastSeen.end()) {
            m_inductionKey[static_cast<size_t>(i)] = seen->second + 1;
            ++m_repeats;
        }
        lastSeen[id] = i;
    }
}

void HeadScoring::add(int firstQuery, const Matrix& w) {
    for (Eigen::Index r = 0; r < w.rows(); ++r) {
        const int i = firstQuery + static_cast<int>(r);
        if (const int key = m_inductionKey[static_cast<size_t>(i)]; key >= 0) m_induction += w(r, key);
        if (i == 0) continue; // query 0 has no previous token
        m_previous += w(r, i - 1);
        m_first += w(r, 0);
        m_self += w(r, i);
    }
}

HeadScores HeadScoring::scores() const {
    HeadScores s;
    if (m_repeats > 0) s.induction = m_induction / m_repeats;
    if (m_tokens < 2) return s;
    s.previousToken = m_previous / (m_tokens - 1);
    s.firstToken = m_first / (m_tokens - 1);
    s.self = m_self / (m_tokens - 1);
    return s;
}

HeadScores headScores(const AttentionTrace& trace, int layer, int head) {
    HeadScoring scoring(trace.tokens);
    trace.forEachWeightBlock(layer, head, [&](int first, const Matrix& w) { scoring.add(first, w); });
    return scoring.scores();
}

QString headType(const HeadScores& scores) {
    const std::pair<double, const char*> candidates[] = {{scores.previousToken, "previous_token"},
                                                         {scores.firstToken, "first_token"},
                                                         {scores.self, "self"},
                                                         {scores.induction.value_or(0), "induction"}};
    const auto* best = &candidates[0];
    for (const auto& c : candidates)
        if (c.first > best->first) best = &c;
    return best->first >= kHeadTypeThreshold ? QString::fromLatin1(best->second) : QStringLiteral("mixed");
}

} // namespace qkview
