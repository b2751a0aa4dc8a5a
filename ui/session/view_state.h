// SPDX-License-Identifier: MIT
#pragma once
// What the user is looking at: the selection inside a trace and how matrices are shown.
#include "painters/colormap.h"

#include <QMetaType>

namespace qkview::ui {

enum class MatrixKind { Weights, Scores, ScaledScores };

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

    bool operator==(const ViewOptions&) const = default;
};

QString matrixKindName(MatrixKind kind); // "weights", "scores", "scaled_scores"

} // namespace qkview::ui

Q_DECLARE_METATYPE(qkview::ui::Selection)
