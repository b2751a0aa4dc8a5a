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
