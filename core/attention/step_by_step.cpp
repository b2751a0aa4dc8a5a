// SPDX-License-Identifier: MIT
#include "attention/step_by_step.h"

#include "attention/rotary.h"
#include "base/error.h"

#include <cmath>
#include <string>

namespace qkview {

namespace {
void checkToken(const AttentionTrace& trace, int index, const char* what) {
    if (index < 0 || index >= trace.tokenCount())
        throw Error(Error::Kind::InvalidArgument, std::string(what) + " " + std::to_string(index) +
                                                      " is out of range 0.." + std::to_string(trace.tokenCount() - 1));
}
} // namespace

WeightSteps explainWeight(const AttentionTrace& trace, int layer, int head, int query, int key) {
    const HeadPtr derived = trace.head(layer, head);
    const HeadTrace& h = *derived;
    checkToken(trace, query, "query");
    checkToken(trace, key, "key");
    WeightSteps s;
    s.q = h.q.row(query);
    s.k = h.k.row(key);
    s.products = s.q.cwiseProduct(s.k);
    s.dot = h.scores(query, key);
    s.factor = logitFactor(static_cast<int>(h.q.cols()), trace.options);
    s.scaled = h.scaledScores(query, key);
    s.masked = trace.isMasked(query, key);
    s.rowMax = -INFINITY;
    for (int j = 0; j < trace.tokenCount(); ++j)
        if (!trace.isMasked(query, j)) s.rowMax = std::max(s.rowMax, static_cast<double>(h.scores(query, j)) * s.factor);
    for (int j = 0; j < trace.tokenCount(); ++j)
        if (!trace.isMasked(query, j)) s.rowSum += std::exp(static_cast<double>(h.scores(query, j)) * s.factor - s.rowMax);
    s.expShifted = s.masked ? 0.0 : std::exp(static_cast<double>(s.dot) * s.factor - s.rowMax);
    s.weight = h.weights(query, key);
    s.kvHead = trace.config.kvHeadOf(head);
    s.rotated = trace.config.rotary();
    if (s.rotated) {
        s.qBeforeRotation = unrotated(s.q, trace.config.rotaryFrequencies, query);
        s.kBeforeRotation = unrotated(s.k, trace.config.rotaryFrequencies, key);
    }
    return s;
}

OutputSteps explainOutput(const AttentionTrace& trace, int layer, int head, int query) {
    const HeadPtr derived = trace.head(layer, head);
    const HeadTrace& h = *derived;
    checkToken(trace, query, "query");
    OutputSteps s;
    for (int j = 0; j < trace.tokenCount(); ++j) {
        if (trace.isMasked(query, j)) continue;
        Contribution c;
        c.key = j;
        c.weight = h.weights(query, j);
        c.value = h.v.row(j);
        c.contribution = c.value * c.weight;
        s.contributions.push_back(std::move(c));
    }
    s.output = h.output.row(query);
    return s;
}

} // namespace qkview
