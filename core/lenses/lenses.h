// SPDX-License-Identifier: MIT
#pragma once
// Lenses: what a head's weights alone do not tell, each derived from a trace on demand.
//   value-weighted attention  α_ij · ‖v_j W_O^h‖ (Kobayashi et al., 2020): how much of key j a head really
//                             moves into query i's residual stream (W_O^h: the head's rows of the output
//                             projection; the value bias is in v_j, the output bias is not)
//   attention rollout         Â_l = ½·mean over heads of A_l + ½·I, rows renormalised; rollout_l = Â_l ⋯ Â_0
//                             (Abnar & Zuidema, 2020): how information from each token spreads up the stack
//   head scores               the share of attention a head puts where well-known head types put it
#include "trace/attention_trace.h"

#include <QString>

#include <optional>
#include <vector>

namespace qkview {

// ‖v_j W_O^h‖ for every key j (T); ‖v_j‖ for models without an output projection (the teaching model).
RowVector valueNorms(const AttentionTrace& trace, int layer, int head);
// (T, T): each weight times its key's value norm. Throws Error(InvalidArgument) for a head that does not exist.
Matrix valueWeightedAttention(const AttentionTrace& trace, int layer, int head);

// Rollout at layers 0 … lastLayer (lastLayer + 1 matrices of T × T). Throws Error(InvalidArgument) for a layer
// that does not exist.
std::vector<Matrix> attentionRollout(const AttentionTrace& trace, int lastLayer);
// Turns the sum of a layer's heads' weights over the queries firstQuery … into those rows of Â_l, in place.
void mixRolloutRows(Matrix& headSum, int headCount, int firstQuery);

// Means over the queries i ≥ 1 (query 0 has no previous token, and a causal one can only see itself).
// Induction: over every query i whose token id occurred before, most recently at j, the weight on j + 1 —
// the token that followed it then; none when no token repeats.
struct HeadScores {
    double previousToken = 0; // weight on i − 1
    double firstToken = 0;    // weight on token 0
    double self = 0;          // weight on i itself
    std::optional<double> induction;
};
HeadScores headScores(const AttentionTrace& trace, int layer, int head);

// The same scores gathered from weight blocks as they are derived (AttentionTrace::forEachWeightBlock), so a
// caller that derives the weights for another purpose scores the head in the same pass.
class HeadScoring {
public:
    explicit HeadScoring(const TokenList& tokens);
    void add(int firstQuery, const Matrix& weights /* (rows of the block, T) */);
    HeadScores scores() const;

private:
    std::vector<int> m_inductionKey; // per query: the key after the token's previous occurrence, or −1
    int m_tokens = 0;
    int m_repeats = 0;
    double m_previous = 0, m_first = 0, m_self = 0, m_induction = 0;
};

// The type whose score is highest if it reaches kHeadTypeThreshold: "previous_token", "first_token", "self"
// or "induction"; else "mixed".
inline constexpr double kHeadTypeThreshold = 0.4;
QString headType(const HeadScores& scores);

} // namespace qkview
