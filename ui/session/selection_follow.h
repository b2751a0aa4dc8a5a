// SPDX-License-Identifier: MIT
#pragma once
// Keeping the selected query and key on their tokens while the text is edited: a token is followed by
// its place in the text (its span), not by its index, so typing before it does not move the selection
// to another word.
#include "trace/token.h"

namespace qkview::ui {

// The index in newTokens of the token that was oldTokens[index] when oldText became newText: the token at
// the same span after the edit (spans before the edit stay, spans after it move by the change in length).
// A token inside the edited part maps to the token now at its start. -1 for index -1; at most the last token.
int followToken(const TokenList& oldTokens, const QString& oldText, const TokenList& newTokens, const QString& newText,
                int index);

} // namespace qkview::ui
