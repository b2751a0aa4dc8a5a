// SPDX-License-Identifier: MIT
#pragma once
// Scaled dot-product attention for one head, keeping every intermediate for the views.
// Shapes: T = tokens, C = d_model, hs = head size.
#include "base/matrix.h"

#include <vector>

namespace qkview {

struct AttentionOptions {
    bool scale = true;        // multiply scores by 1/sqrt(hs)
    float temperature = 1.0f; // divides the scores; must be finite and > 0
    bool causal = false;      // a query sees only keys at or before its position

    bool operator==(const AttentionOptions&) const = default;
};

// Throws Error(InvalidArgument) for a temperature that is not finite and positive.
void validate(const AttentionOptions& options);

// The factor applied to raw scores before the softmax: (1/sqrt(hs) if scaling) / temperature.
double logitFactor(int headSize, const AttentionOptions& options);

struct HeadWeights {
    Matrix wq, wk, wv; // (C, hs) each
};

struct HeadTrace {
    Matrix q, k, v;       // (T, hs)
    Matrix scores;        // (T, T) raw q·kᵀ
    Matrix scaledScores;  // (T, T) scores × logitFactor: what the softmax sees (mask not applied)
    Matrix weights;       // (T, T) softmax rows; masked entries exactly 0
    Matrix output;        // (T, hs) weights · v
};

// Row-wise softmax of logits * factor (factor > 0), relative to each row's maximum: exponentials in float,
// sums in double; in double where float would overflow; stable for any finite input and for factors that
// overflow even double (the limit, one-hot on the row's maximum, is returned).
// With causal, entry (i, j) for j > i + keyOffset is masked to exactly 0.
Matrix softmaxRows(const Matrix& scores, double factor, bool causal, int keyOffset = 0);

// Attention from already projected q (Tq, hs), k and v (Tk, hs). Query row i sits at
// position keyOffset + i among the keys (keyOffset > 0 when earlier keys are cached).
HeadTrace attendProjected(Matrix q, Matrix k, Matrix v, const AttentionOptions& options, int keyOffset = 0);

// One head over the input x (T, C): Q = x·W_Q, K = x·W_K, V = x·W_V, then attendProjected.
HeadTrace attentionHead(const Matrix& x, const HeadWeights& weights, const AttentionOptions& options);

// Row-major views with any row stride: blocks of columns (one head's slice) of a (T, NH·hs) matrix.
using ConstMatrixRef = Eigen::Ref<const Matrix, 0, Eigen::OuterStride<>>;
using MatrixRef = Eigen::Ref<Matrix, 0, Eigen::OuterStride<>>;

// Keys and values (count, ·) of the positions [first, first + count), in one block of rows of a trace.
struct KeyValueRun {
    ConstMatrixRef k; // (count, hs)
    ConstMatrixRef v; // (count, hs)
    int first = 0;
};

// out (R, hs) = softmax(q·kᵀ × logitFactor, masked) · v for queries q (R, hs) at positions qFirst.., over keys
// and values given as runs covering positions 0..Tk-1 in order. Query rows go in blocks, so at most
// (64, Tk) scores exist at once; the numbers equal attendProjected's output rows.
void attendRuns(MatrixRef out, const ConstMatrixRef& q, const std::vector<KeyValueRun>& runs, int qFirst,
                const AttentionOptions& options);

// The k and v rows (count, NKV·hs) that one block of a trace holds for one layer.
struct KeyValueBlock {
    const Matrix* k = nullptr;
    const Matrix* v = nullptr;
    int first = 0; // position of row 0
    int count = 0; // rows used
};

// out (R, NH·hs): every head's output for the queries q (R, NH·hs) at positions qFirst.., against the keys
// and values of `blocks` (in position order, covering 0..Tk-1). Query head h reads key/value head
// h / (NH / NKV) (grouped-query attention; NKV = NH is ordinary multi-head attention). Heads run in parallel.
void multiHeadAttention(Matrix& out, const Matrix& q, int qFirst, const std::vector<KeyValueBlock>& blocks, int heads,
                        int kvHeads, int headSize, const AttentionOptions& options);

// Concatenates the heads' outputs (T, NH·hs) and projects with wo (NH·hs, C): the layer's attention output.
Matrix combineHeads(const std::vector<HeadTrace>& heads, const Matrix& wo);

} // namespace qkview
