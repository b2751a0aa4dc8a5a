// SPDX-License-Identifier: MIT
#pragma once
// What the user is looking at: the selection inside a trace and how matrices are shown.
#include "painters/colormap.h"
#include "session/sentence_pair.h"

#include <QMetaType>

namespace qkview::ui {

// What the heatmap shows: a head's softmax weights, its raw or scaled scores, its weights times each key's
// value norm ‖v_j W_O^h‖ (value-weighted attention), or the attention rollout up to its layer (lenses/lenses.h).
enum class MatrixKind { Weights, Scores, ScaledScores, ValueWeighted, Rollout };
inline bool isSigned(MatrixKind kind) { return kind == MatrixKind::Scores || kind == MatrixKind::ScaledScores; }

// How a heatmap maps values to colours: the matrix's fixed range (0–1 for weights), each row
// divided by its own maximum, or a logarithmic scale (so rows of weights near 0.001 are not flat).
enum class ColorScaleMode { Fixed, RowMax, Log };

struct Selection {
    int layer = 0;
    int head = 0;
    int query = -1; // -1: none
    int key = -1;

    bool operator==(const Selection&) const = default;
};

struct ViewOptions {
    MatrixKind kind = MatrixKind::Weights;
    ColormapId colormap = ColormapId::Viridis;
    bool numbersInCells = false;
    ColorScaleMode colorScale = ColorScaleMode::Fixed;
    PairFilter pairs = PairFilter::All; // for sentence pairs: which query → key attention the heatmap shows

    bool operator==(const ViewOptions&) const = default;
};

QString matrixKindName(MatrixKind kind); // "weights", "scores", "scaled_scores", "value_norms", "rollout"
std::optional<MatrixKind> matrixKindFromName(const QString& name);
QStringList colorScaleNames();           // in ColorScaleMode order: "fixed", "row", "log"
QString colorScaleName(ColorScaleMode mode);
std::optional<ColorScaleMode> colorScaleFromName(const QString& name);

} // namespace qkview::ui

Q_DECLARE_METATYPE(qkview::ui::Selection)
