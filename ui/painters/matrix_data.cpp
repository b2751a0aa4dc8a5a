// SPDX-License-Identifier: MIT
#include "painters/matrix_data.h"

#include "lenses/lenses.h"
#include "lenses/rollout_cache.h"

#include <QCoreApplication>

#include <cmath>
#include <limits>

namespace qkview::ui {

QString matrixKindName(MatrixKind kind) {
    switch (kind) {
    case MatrixKind::Weights: return QStringLiteral("weights");
    case MatrixKind::Scores: return QStringLiteral("scores");
    case MatrixKind::ScaledScores: return QStringLiteral("scaled_scores");
    case MatrixKind::ValueWeighted: return QStringLiteral("value_norms");
    case MatrixKind::Rollout: return QStringLiteral("rollout");
    }
    return {};
}

std::optional<MatrixKind> matrixKindFromName(const QString& name) {
    for (MatrixKind kind : {MatrixKind::Weights, MatrixKind::Scores, MatrixKind::ScaledScores, MatrixKind::ValueWeighted,
                            MatrixKind::Rollout})
        if (matrixKindName(kind) == name) return kind;
    return std::nullopt;
}

const Matrix& matrixOf(const HeadTrace& head, MatrixKind kind) {
    switch (kind) {
    case MatrixKind::Scores: return head.scores;
    case MatrixKind::ScaledScores: return head.scaledScores;
    case MatrixKind::Weights: // value-weighted attention and rollout are not a head's own (shownMatrix)
    case MatrixKind::ValueWeighted:
    case MatrixKind::Rollout: break;
    }
    return head.weights;
}

Matrix shownMatrix(const AttentionTrace& trace, int layer, int head, MatrixKind kind) {
    if (kind == MatrixKind::ValueWeighted) return valueWeightedAttention(trace, layer, head);
    if (kind == MatrixKind::Rollout) {
        static RolloutCache typing; // typing at the end of a long text computes only the new rows
        return typing.rollout(trace, layer);
    }
    return matrixOf(*trace.head(layer, head), kind);
}

MatrixData matrixData(const AttentionTrace& trace, int layer, int head, MatrixKind kind) {
    MatrixData data;
    for (const Token& t : trace.tokens) data.rowLabels << t.text;
    data.columnLabels = data.rowLabels;
    data.values = shownMatrix(trace, layer, head, kind);
    const int n = trace.tokenCount();
    // The causal mask hides key j from the queries before it (AttentionTrace::isMasked): the head of each
    // column, contiguous in this column-major matrix.
    data.masked.setConstant(n, n, false);
    if (trace.options.causal)
        for (int j = 1; j < n; ++j) data.masked.col(j).head(j).setConstant(true);
    if (kind == MatrixKind::Weights || kind == MatrixKind::Rollout) {
        data.valueName = kind == MatrixKind::Weights ? QCoreApplication::translate("qkview", "weight")
                                                     : QCoreApplication::translate("qkview", "rollout");
    } else if (kind == MatrixKind::ValueWeighted) {
        // Weight × ‖v_j W_O‖ has no fixed ceiling: from 0 to the head's largest visible product.
        double top = 0.0;
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j)
                if (!data.masked(i, j) && std::isfinite(data.values(i, j))) top = std::max(top, static_cast<double>(data.values(i, j)));
        data.high = top > 0 ? top : 1.0;
        data.valueName = QCoreApplication::translate("qkview", "weight × ‖v W_O‖");
    } else {
        const double extent = largestMagnitude(data); // the largest |score| the colour scale must reach
        data.diverging = true;
        data.low = extent > 0 ? -extent : -1.0;
        data.high = -data.low;
        data.valueName = kind == MatrixKind::Scores ? QCoreApplication::translate("qkview", "score")
                                                    : QCoreApplication::translate("qkview", "scaled score");
    }
    data.strongest = strongestCell(data);
    return data;
}

QPoint strongestCell(const MatrixData& d) {
    QPoint best(-1, -1);
    double bestValue = -std::numeric_limits<double>::infinity();
    for (int i = 0; i < d.rows(); ++i)
        for (int j = 0; j < d.columns(); ++j) {
            const double v = d.diverging ? std::abs(static_cast<double>(d.values(i, j))) : d.values(i, j);
            if (!d.masked(i, j) && std::isfinite(v) && v > bestValue) {
                bestValue = v;
                best = QPoint(j, i);
            }
        }
    return best;
}


double largestMagnitude(const MatrixData& data) {
    double largest = 0.0;
    for (Eigen::Index i = 0; i < data.values.rows(); ++i)
        for (Eigen::Index j = 0; j < data.values.cols(); ++j)
            if ((data.masked.rows() == 0 || !data.masked(i, j)) && std::isfinite(data.values(i, j)))
                largest = std::max(largest, std::abs(static_cast<double>(data.values(i, j))));
    return largest;
}

} // namespace qkview::ui
