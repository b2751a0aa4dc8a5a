// SPDX-License-Identifier: MIT
#pragma once
// The ids and texts of a token list, for comparing tokenizer output in tests.
#include "trace/token.h"

#include <QList>
#include <QStringList>

namespace qkview::testing {

inline QList<int> idsOf(const TokenList& tokens) {
    QList<int> ids;
    for (const Token& t : tokens)
        ids << t.id;
    return ids;
}

inline QStringList textsOf(const TokenList& tokens) {
    QStringList texts;
    for (const Token& t : tokens)
        texts << t.text;
    return texts;
}

} // namespace qkview::testing
