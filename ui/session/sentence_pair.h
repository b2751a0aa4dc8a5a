// SPDX-License-Identifier: MIT
#pragma once
// BertViz's sentence-pair view: with "first sentence [SEP] second sentence", show only attention within
// sentence A, within B, from A to B, or from B to A. Pure functions, tested without painting.
#include <QStringList>

#include <optional>
#include <vector>

namespace qkview::ui {

enum class PairFilter { All, WithinA, WithinB, AToB, BToA };

QStringList pairFilterLabels(); // in PairFilter order, for people
QStringList pairFilterNames();  // in PairFilter order, for files: "all", "a", "b", "a_to_b", "b_to_a"
QString pairFilterName(PairFilter filter);
std::optional<PairFilter> pairFilterFromName(const QString& name);

// True when tokenTypes holds both sentences, so the filter means something.
bool hasSentencePair(const std::vector<int>& tokenTypes);

// Whether the filter shows the weight of a query in sentence queryType (0: A, 1: B) on a key in keyType.
bool pairFilterShows(PairFilter filter, int queryType, int keyType);

} // namespace qkview::ui
