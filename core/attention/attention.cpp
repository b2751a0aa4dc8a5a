// SPDX-License-Identifier: MIT
#include "attention/attention.h"

#include "base/error.h"
#include "base/parallel_for.h"

#include <exception>

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
    Eigen::ArrayXd logits(cols);               // one row in double, where float would overflow
    const auto f = static_cast<float>(factor);
    for (Eigen::Index i = 0; i < rows; ++i) {
        const Eigen::Index visible = causal ? std::clamp<Eigen::Index>(i + keyOffset + 1, 0, cols) : cols;
        if (visible == 0) continue;
        const auto scoresRow = scores.row(i).head(visible).array();
        // Pass 1: the row's maximum, so exp never overflows (factor > 0, so the largest score gives the largest logit).
        const float maxScore = scoresRow.maxCoeff();
        if (std::isfinite(f) && std::isfinite(maxScore * f)) {
            // Pass 2: exponentials relative to the maximum, in float (8 or 16 at a time); pass 3: normalise,
            // summing in double.
            const Eigen::ArrayXf shifted = ((scoresRow - maxScore) * f).exp().transpose();
            weights.row(i).head(visible) = (shifted.cast<double>() / shifted.cast<double>().sum()).cast<float>().transpose();
            continue;
        }
        // A factor too large for float (a temperature near 0): the same passes in double, and where even
        // double overflows, the one-hot limit: the weight is shared among the entries equal to the maximum.
        auto row = logits.head(visible);
        row = scoresRow.cast<double>().transpose() * factor;
        const double maxLogit = row.maxCoeff();
        if (std::isinf(maxLogit))
            row = (row == maxLogit).cast<double>();
        else
            row = (row - maxLogit).exp();
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
    const Eigen::Index Tq = head.q.rows(), Tk = head.k.rows();
    head.scores.resize(Tq, Tk);                                // (Tq, Tk)
    head.scaledScores.resize(Tq, Tk);                          // (Tq, Tk)
    head.weights.resize(Tq, Tk);                               // (Tq, Tk)
    head.output.resize(Tq, head.v.cols());                     // (Tq, hs)
    // Blocks of query rows are independent, so they are spread over the cores: a view derives a
    // 1,000-token head after every keystroke.
    constexpr Eigen::Index kBlock = 64;
    const auto blocks = static_cast<int>((Tq + kBlock - 1) / kBlock);
    parallelFor(blocks, [&](int b) {
        const Eigen::Index first = b * kBlock, rows = std::min(kBlock, Tq - first);
        auto scores = head.scores.middleRows(first, rows);     // (rows, Tk)
        scores.noalias() = head.q.middleRows(first, rows) * head.k.transpose();
        head.scaledScores.middleRows(first, rows) = (scores.cast<double>() * factor).cast<float>();
        head.weights.middleRows(first, rows) = softmaxRows(scores, factor, options.causal, keyOffset + static_cast<int>(first));
        // Causal rows weigh no key after their last query: those columns are zero and skipped.
        const Eigen::Index visible = options.causal ? std::clamp<Eigen::Index>(keyOffset + first + rows, 0, Tk) : Tk;
        head.output.middleRows(first, rows).noalias() =
            head.weights.block(first, 0, rows, visible) * head.v.topRows(visible);
    }, Tq * Tk >= 64 * 256);
    return head;
}

HeadTrace attentionHead(const Matrix& x, const HeadWeights& w, const AttentionOptions& options) {
    if (w.wq.rows() != x.cols() || w.wk.rows() != x.cols() || w.wv.rows() != x.cols() ||
        w.wq.cols() != w.wk.cols())
        throw Error(Error::Kind::InvalidArgument, "attention: weight shapes do not match the input width");
    return attendProjected(x * w.wq, x * w.wk, x * w.wv, options);
}

void attendRuns(MatrixRef out, const ConstMatrixRef& q, const std::vector<KeyValueRun>& runs, int qFirst,
                const AttentionOptions& options) {
    const Eigen::Index R = q.rows();
    const int Tk = runs.empty() ? 0 : runs.back().first + static_cast<int>(runs.back().k.rows());
    const double factor = logitFactor(static_cast<int>(q.cols()), options);
    constexpr Eigen::Index kBlock = 64; // query rows per pass
    for (Eigen::Index b = 0; b < R; b += kBlock) {
        const Eigen::Index rows = std::min(kBlock, R - b);
        // Causal queries see keys up to their own position only: skip the columns none of them sees.
        const int visible = options.causal ? std::min<int>(Tk, qFirst + static_cast<int>(b + rows)) : Tk;
        Matrix scores(rows, visible); // (rows, visible)
        for (const KeyValueRun& run : runs) {
            const int count = std::min<int>(static_cast<int>(run.k.rows()), visible - run.first);
            if (count <= 0) break;
            scores.middleCols(run.first, count).noalias() = q.middleRows(b, rows) * run.k.topRows(count).transpose();
        }
        const Matrix weights = softmaxRows(scores, factor, options.causal, qFirst + static_cast<int>(b)); // (rows, visible)
        auto o = out.middleRows(b, rows); // (rows, hs)
        o.setZero();
        for (const KeyValueRun& run : runs) {
            const int count = std::min<int>(static_cast<int>(run.v.rows()), visible - run.first);
            if (count <= 0) break;
            o.noalias() += weights.middleCols(run.first, count) * run.v.topRows(count);
        }
    }
}

void multiHeadAttention(Matrix& out, const Matrix& q, int qFirst, const std::vector<KeyValueBlock>& blocks, int heads,
                        int kvHeads, int headSize, const AttentionOptions& options) {
    if (heads <= 0 || kvHeads <= 0 || heads % kvHeads != 0 || q.cols() != heads * headSize)
        throw Error(Error::Kind::InvalidArgument, "attention: " + std::to_string(heads) + " query heads of " +
                                                      std::to_string(headSize) + " do not fit " +
                                                      std::to_string(kvHeads) + " key/value heads or the query width");
    validate(options); // before the parallel loop, so nothing inside it throws for bad options
    const int group = heads / kvHeads;
    out.resize(q.rows(), q.cols()); // (R, NH·hs)
    std::vector<std::exception_ptr> failures(static_cast<size_t>(heads)); // rethrown here, not on a helper
    const auto attend = [&](int h) {
        try {
            const Eigen::Index kvCol = static_cast<Eigen::Index>(h / group) * headSize;
            std::vector<KeyValueRun> runs;
            for (const KeyValueBlock& b : blocks)
                runs.push_back({b.k->block(0, kvCol, b.count, headSize), b.v->block(0, kvCol, b.count, headSize), b.first});
            attendRuns(out.middleCols(static_cast<Eigen::Index>(h) * headSize, headSize),
                       q.middleCols(static_cast<Eigen::Index>(h) * headSize, headSize), runs, qFirst, options);
        } catch (...) {
            failures[static_cast<size_t>(h)] = std::current_exception();
        }
    };
    const double work = static_cast<double>(q.rows()) * (blocks.empty() ? 0 : blocks.back().first + blocks.back().count) *
                        static_cast<double>(q.cols());
    parallelFor(heads, attend, work >= (1 << 18));
    for (const auto& failure : failures)
        if (failure) std::rethrow_exception(failure);
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
