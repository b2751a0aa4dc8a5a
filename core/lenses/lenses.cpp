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

std::vector<Matrix> attentionRollout(const AttentionTrace& trace, int lastLayer) {
    if (lastLayer < 0 || lastLayer >= trace.layerCount())
        throw Error(Error::Kind::InvalidArgument, QStringLiteral("layer %1 does not exist (the model has layers 0–%2)")
                                                      .arg(lastLayer).arg(trace.layerCount() - 1).toStdString());
    const Eigen::Index T = trace.tokenCount();
    std::vector<Matrix> rollout;
    for (int l = 0; l <= lastLayer; ++l) {
        Matrix mixed = Matrix::Zero(T, T); // (T, T) ½·mean of the heads + ½·I: the residual stream carries half
        for (int h = 0; h < trace.headCount(); ++h) mixed += trace.head(l, h)->weights;
        mixed *= 0.5f / static_cast<float>(trace.headCount());
        mixed.diagonal().array() += 0.5f;
        const Eigen::VectorXf sums = mixed.rowwise().sum();
        mixed = sums.cwiseInverse().asDiagonal() * mixed;
        rollout.push_back(rollout.empty() ? mixed : Matrix(mixed * rollout.back()));
    }
    return rollout;
}

HeadScores headScores(const AttentionTrace& trace, int layer, int head) {
    const Matrix& w = trace.head(layer, head)->weights;
    const int T = trace.tokenCount();
    HeadScores s;
    if (T < 2) return s;
    for (int i = 1; i < T; ++i) {
        s.previousToken += w(i, i - 1);
        s.firstToken += w(i, 0);
        s.self += w(i, i);
    }
    s.previousToken /= T - 1;
    s.firstToken /= T - 1;
    s.self /= T - 1;

    std::unordered_map<int, int> lastSeen; // token id → its latest position so far
    double induction = 0;
    int counted = 0;
    for (int i = 0; i < T; ++i) {
        const int id = trace.tokens[static_cast<size_t>(i)].id;
        if (const auto seen = lastSeen.find(id); seen != lastSeen.end()) {
            induction += w(i, seen->second + 1);
            ++counted;
        }
        lastSeen[id] = i;
    }
    if (counted > 0) s.induction = induction / counted;
    return s;
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
