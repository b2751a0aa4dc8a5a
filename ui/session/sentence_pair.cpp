// SPDX-License-Identifier: MIT
#include "session/sentence_pair.h"

#include <QCoreApplication>

#include <algorithm>

namespace qkview::ui {

QStringList pairFilterLabels() {
    const auto tr = [](const char* text) { return QCoreApplication::translate("qkview", text); };
    return {tr("All pairs"), tr("Within A"), tr("Within B"), tr("A → B"), tr("B → A")};
}

QStringList pairFilterNames() {
    return {QStringLiteral("all"), QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("a_to_b"), QStringLiteral("b_to_a")};
}

QString pairFilterName(PairFilter filter) { return pairFilterNames().value(static_cast<int>(filter)); }

std::optional<PairFilter> pairFilterFromName(const QString& name) {
    const auto index = pairFilterNames().indexOf(name);
    if (index < 0) return std::nullopt;
    return static_cast<PairFilter>(index);
}

bool hasSentencePair(const std::vector<int>& tokenTypes) {
    return std::find(tokenTypes.begin(), tokenTypes.end(), 0) != tokenTypes.end() &&
           std::find(tokenTypes.begin(), tokenTypes.end(), 1) != tokenTypes.end();
}

bool pairFilterShows(PairFilter filter, int queryType, int keyType) {
    switch (filter) {
    case PairFilter::WithinA: return queryType == 0 && keyType == 0;
    case PairFilter::WithinB: return queryType == 1 && keyType == 1;
    case PairFilter::AToB: return queryType == 0 && keyType == 1;
    case PairFilter::BToA: return queryType == 1 && keyType == 0;
    case PairFilter::All: break;
    }
    return true;
}

} // namespace qkview::ui
