// SPDX-License-Identifier: MIT
#pragma once
#include <QString>

namespace qkview::ui {

// A token as a label: visible white space (GPT-2's leading space becomes '␣'), newlines and tabs
// shown as symbols, at most maxChars characters with an ellipsis. The full text belongs in a tooltip.
QString tokenLabel(const QString& token, int maxChars = 14);

// A number as views show it: weights with 2 decimals, other values with up to 3 significant digits.
QString formatValue(double value, bool isWeight);

} // namespace qkview::ui

#include <vector>

namespace qkview::ui {

// Labels along an axis sit `pitch` apart and are `extent` tall: every labelStep()-th one clears its
// neighbour (1 when each fits its own slot).
int labelStep(double pitch, double extent);

// The thinning rule of every long axis: which of the slots first..last get a label. The `priority`
// slots (the selection, a hovered token, the strongest keys) come first, each kept if it clears those
// already kept; then every step-th slot (0, step, 2·step, …) that clears them all. Ascending order.
std::vector<int> thinnedLabels(int first, int last, int step, const std::vector<int>& priority = {});

} // namespace qkview::ui
