// SPDX-License-Identifier: MIT
#include "attention/attention.h"

#include "base/error.h"

#include <cmath>
#include <limits>
#include <string>

namespace qkview {

void validate(const AttentionOptions& options) {
    if (!std::isfinite(options.temperature) || options.temperature <= 0.0f)
        throw Error(Error::Kind::InvalidArgument,
                    "temperature must be a finite number greater than 0, got " +
                        std::to_string(options.temperature));
}

double logitFactor(int headSize, const AttentionOptions& options) {
    const double scale = options.scale ? 1.0 / std::sqrt(static_cast<double>(headSize)) : 1.0;
    return scale / static_cast<double>(options.temperature);
}

Matrix softmaxRows(const Matrix& scores, double factor, bool causal, int keyOffset) {
    const Eigen::Index rows = scores.rows(), cols = scores.cols();
    Matrix weights = Matrix::Zero(rows, cols); // (Tq, Tk)
    Eigen::ArrayXd logits(cols);               // one row, in double so huge factors cannot overflow
    for (Eigen::Index i = 0; i < rows; ++i) {
        const Eigen::Index visible = causal ? std::clamp<Eigen::Index>(i + keyOffset + 1, 0, cols) : cols;
        if (visible == 0) continue;
        auto row = logits.head(visible);
        // Pass 1: logits and their maximum, so exp never overflows.
        row = scores.row(i).head(visible).cast<double>().transpose().array() * factor;
        const double maxLogit = row.maxCoeff();
        // Pass 2: exponentials relative to the maximum (vectorised). An infinite maximum (the factor
        // overflowed) has the one-hot limit: the weight is shared among the entries equal to it.
        if (std::isinf(maxLogit))
            row = (row == maxLogit).cast<double>();
        else
            row = (row - maxLogit).exp();
        // Pass 3: normalise.
        weights.row(i).head(visible) = (row / row.sum()).cast<float>().transpose();
    }
    return weights;
}

HeadTrace attendProjected(Matrix q, Matrix k, Matrix v, const AttentionOptions& options, int keyOffset) {
    validate(options);
    HeadTrace head;
    head.q = std::move(q);                                     // (Tq, hs)
    head.k = std::move(k);                                     // (Tk, hs)
    head.v = std::move(v);                                     // (Tk, hs)
    const double factor = logitFactor(static_cast<int>(head.q.cols()), options);
    head.scores.noalias() = head.q * head.k.transpose();       // (Tq, Tk)
    head.scaledScores = (head.scores.cast<double>() * factor).cast<float>(); // (Tq, Tk)
    head.weights = softmaxRows(head.scores, factor, options.causal, keyOffset); // (Tq, Tk)
    head.output.noalias() = head.weights * head.v;             // (Tq, hs)
    return head;
}

HeadTrace attentionHead(const Matrix& x, const HeadWeights& w, const AttentionOptions& options) {
    if (w.wq.rows() != x.cols() || w.wk.rows() != x.cols() || w.wv.rows() != x.cols() ||
        w.wq.cols() != w.wk.cols())
        throw Error(Error::Kind::InvalidArgument, "attention: weight shapes do not match the input width");
    return attendProjected(x * w.wq, x * w.wk, x * w.wv, options);
}

Matrix combineHeads(const std::vector<HeadTrace>& heads, const Matrix& wo) {
    if (heads.empty()) throw Error(Error::Kind::InvalidArgument, "combineHeads: no heads");
    const Eigen::Index rows = heads.front().output.rows();
    const Eigen::Index hs = heads.front().output.cols();
    Matrix concat(rows, hs * static_cast<Eigen::Index>(heads.size())); // (T, NH·hs)
    for (size_t h = 0; h < heads.size(); ++h)
        concat.middleCols(static_cast<Eigen::Index>(h) * hs, hs) = heads[h].output;
    if (wo.rows() != concat.cols())
        throw Error(Error::Kind::InvalidArgument, "combineHeads: W_O has " + std::to_string(wo.rows()) +
                                                      " rows, the heads give " + std::to_string(concat.cols()));
    return concat * wo; // (T, C)
}

} // namespace qkview
