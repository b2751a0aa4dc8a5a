// SPDX-License-Identifier: MIT
#pragma once
// The selected query's weights over the keys (top), and how each key's weight × value adds up
// to the query's output vector (bottom). Drawn with Qt Charts into any QPainter.
#include "attention_trace.h"
#include "figure_style.h"
#include "step_by_step.h"

#include <QStringList>

#include <optional>

class QPainter;

namespace qkview::ui {

struct ValuesScene {
    QString query;
    QStringList keys;              // every token
    std::optional<OutputSteps> steps; // absent without a selected query
};

ValuesScene valuesScene(const AttentionTrace& trace, int layer, int head, int query);
void renderValues(QPainter& painter, const ValuesScene& scene, const QRectF& bounds, const FigureStyle& style);

} // namespace qkview::ui
