// SPDX-License-Identifier: MIT
#pragma once
// Help → Examples: sentences that each make one point, with the built-in model, head, query token and
// side tab that show it. Read from resources/help/examples.json:
//   [{"title": "…", "point": "…", "model": "teaching"|"tiny", "text": "…", "layer": 0, "head": 1,
//     "query": "mat", "occurrence": 1, "tab": "math"}, …]
// "query" (optional) is a piece of the text; the query token is the one where its occurrence-th
// appearance starts (default the first).
#include "trace/token.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace qkview::ui {

struct Example {
    QString title;
    QString point; // the sentence a teacher would say about it
    QString model; // a built-in model's name
    QString text;
    int layer = 0;
    int head = 0;
    QString query;
    int occurrence = 1;
    QString tab;
};

// Throws qkview::Error(InvalidInput) naming the entry and field that are wrong.
std::vector<Example> parseExamples(const QByteArray& json);
// The examples that ship in the resources.
const std::vector<Example>& builtInExamples();

// The token of tokens where the example's query starts in text, or -1 when it has none or it is not there.
int exampleQueryToken(const Example& example, const QString& text, const TokenList& tokens);

} // namespace qkview::ui
