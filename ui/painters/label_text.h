// SPDX-License-Identifier: MIT
#pragma once
#include <QFontMetricsF>
#include <QHash>
#include <QString>

#include <vector>

namespace qkview::ui {

// A token as a label: visible white space (GPT-2's leading space becomes '␣'), newlines, tabs and other
// control characters shown as symbols (NUL as "⟨00⟩"), at most maxChars characters with an ellipsis. The full
// text belongs in a tooltip.
QString tokenLabel(const QString& token, int maxChars = 14);
// text with its control characters as their codes (NUL → "⟨00⟩", ESC → "⟨1B⟩") and U+FFFE/U+FFFF as '�':
// what XML (and so SVG) can hold, and what a reader can see.
QString withVisibleControls(QString text);
// A text for a title or caption: white space runs as one space, controls visible, at most maxChars
// characters with an ellipsis.
QString textExcerpt(const QString& text, int maxChars);

// Widths of texts at one font, by text: views keep one across traces, so typing measures only new tokens.
// Clear it when the font changes.
using LabelWidthCache = QHash<QString, double>;
// text's horizontal advance at fm, measured once per cache.
double cachedWidth(const QFontMetricsF& fm, const QString& text, LabelWidthCache& cache);

// A number as views show it: weights with 2 decimals, other values with up to 3 significant digits.
QString formatValue(double value, bool isWeight);

// One precision for every number of a figure: enough decimals to show the largest magnitude with two
// significant digits (weights keep at least 2, nothing gets more than 3).
int valueDecimals(double maxAbs, bool isWeight);
// value with that many decimals and a true minus sign, never "−0.00"; compact drops a leading zero (".25").
QString formatFixed(double value, int decimals, bool compact = false);

// Round tick values covering [low, high]: steps of 1, 2, 2.5 or 5 × 10ⁿ, at most maxTicks of them, 0 among
// them when the range spans it.
std::vector<double> niceTicks(double low, double high, int maxTicks = 6);
// Their step: the smallest of 1, 2, 2.5 or 5 × 10ⁿ that spans high − low in maxTicks − 1 steps.
double niceStep(double low, double high, int maxTicks = 6);

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
