// SPDX-License-Identifier: MIT
#include "session/selection_follow.h"

#include <algorithm>

namespace qkview::ui {

int followToken(const TokenList& oldTokens, const QString& oldText, const TokenList& newTokens, const QString& newText,
                int index) {
    if (index < 0 || newTokens.empty()) return -1;
    const int last = static_cast<int>(newTokens.size()) - 1;
    if (index >= static_cast<int>(oldTokens.size())) return std::min(index, last);
    // The edit: what the texts share at the start and at the end (not overlapping).
    const auto oldLength = static_cast<int>(oldText.size()), newLength = static_cast<int>(newText.size());
    int prefix = 0;
    while (prefix < std::min(oldLength, newLength) && oldText[prefix] == newText[prefix]) ++prefix;
    int suffix = 0;
    while (suffix < std::min(oldLength, newLength) - prefix &&
           oldText[oldLength - 1 - suffix] == newText[newLength - 1 - suffix])
        ++suffix;
    const Token& t = oldTokens[static_cast<size_t>(index)];
    const auto moved = [&](int offset) {
        if (offset <= prefix) return offset;                                       // before the edit
        if (offset >= oldLength - suffix) return offset + newLength - oldLength;   // after it
        return prefix;                                                             // inside it
    };
    const int start = moved(t.utf16Start), end = std::max(start, moved(t.utf16End));
    // The token with exactly that span, else the one covering its start, else the nearest before it.
    int best = -1;
    for (int i = 0; i <= last; ++i) {
        const Token& n = newTokens[static_cast<size_t>(i)];
        if (n.utf16Start == start && n.utf16End == end) return i;
        if (n.utf16Start <= start && (start < n.utf16End || n.utf16Start == start)) best = best < 0 ? i : best;
    }
    if (best >= 0) return best;
    for (int i = last; i >= 0; --i)
        if (newTokens[static_cast<size_t>(i)].utf16Start <= start) return i;
    return 0;
}

} // namespace qkview::ui
