// SPDX-License-Identifier: MIT
#pragma once
// The math panel: the numbers of one (query, key) weight and of the query's output, step by step.
#include "figures/figure_style.h"
#include "attention/step_by_step.h"

#include <QRectF>
#include <QString>

#include <optional>
#include <vector>

class QPainter;

namespace qkview::ui {

struct MathScene {
    QString query, key;   // token texts
    QString headName;
    int queryIndex = -1, keyIndex = -1; // token positions (rotary positions turn q and k by them)
    int headsPerKv = 1;                 // query heads sharing this head's keys and values (grouped-query attention)
    int dHead = 0;
    float temperature = 1;
    bool scaled = true;
    std::optional<WeightSteps> weight; // absent without a selected key
    std::optional<OutputSteps> output; // absent without a selected query
    QStringList keyTokens;             // all tokens, for naming contributions
};

MathScene mathScene(const AttentionTrace& trace, int layer, int head, int query, int key);

// One piece of the panel's text where it is drawn. Painting, the view's height and the tests share it, so a
// test can see that no two pieces overlap and that none had to be cut.
struct MathText {
    enum class Role { Heading, Note, Label, Body };
    Role role = Role::Body;
    QString text;        // as drawn: a vector shows as many dims as fit
    QRectF box;          // where it is drawn (left-aligned, vertically centred)
    QRectF ink;          // the part of box the text covers
    bool elided = false; // cut with "…" because even one dim or word did not fit
};
struct MathLayout {
    std::vector<MathText> texts; // empty when nothing is selected
    double height = 0;           // from bounds.top() to below the last line
};
// Headings and notes wrap at word boundaries; formulas stay on one line.
MathLayout mathLayout(QPainter& painter, const MathScene& scene, const QRectF& bounds, const FigureStyle& style);
// The height the scene needs at the style's font for a given width (for scroll areas).
double mathHeight(QPainter& painter, const MathScene& scene, double width, const FigureStyle& style);
void renderMath(QPainter& painter, const MathScene& scene, const QRectF& bounds, const FigureStyle& style);

} // namespace qkview::ui
