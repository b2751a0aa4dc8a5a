// SPDX-License-Identifier: MIT
#pragma once
// The numbers one heatmap shows, taken from a trace: no formatting, no colours.
#include "trace/attention_trace.h"
#include "session/view_state.h"

#include <QPoint>
#include <QStringList>

namespace qkview::ui {

struct MatrixData {
    QStringList rowLabels;    // queries
    QStringList columnLabels; // keys
    Matrix values;            // (T, T)
    Eigen::Matrix<bool, Eigen::Dynamic, Eigen::Dynamic> masked; // (T, T) hidden by the causal mask
    bool diverging = false;   // signed values centred on 0
    double low = 0.0, high = 1.0; // the colour scale's range
    QString valueName;        // "weight", "score", "scaled score"
    QPoint strongest{-1, -1}; // strongestCell(), kept by matrixData() so a repaint does not search T² cells

    int rows() const { return static_cast<int>(values.rows()); }
    int columns() const { return static_cast<int>(values.cols()); }
    // Position of value v on the colour scale, 0..1.
    double normalized(double v) const { return high > low ? (v - low) / (high - low) : 0.5; }
};

// Weights use the fixed range [0, 1] so heads compare; scores a symmetric range around 0.
MatrixData matrixData(const AttentionTrace& trace, int layer, int head, MatrixKind kind);
// The (T, T) numbers of that kind alone: what the heatmap shows and what data exports write.
Matrix shownMatrix(const AttentionTrace& trace, int layer, int head, MatrixKind kind);
// A head's own matrix of that kind (weights, scores, scaled scores); lenses are not a head's own: use shownMatrix.
const Matrix& matrixOf(const HeadTrace& head, MatrixKind kind);
// The largest |value| of the cells not masked, 0 when none: the reach of a signed colour scale.
double largestMagnitude(const MatrixData& data);
// The cell with the largest value (by magnitude for signed data), unmasked, as (column, row); (-1, -1) when none.
QPoint strongestCell(const MatrixData& data);

} // namespace qkview::ui
