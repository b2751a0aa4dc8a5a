// SPDX-License-Identifier: MIT
#include "token.h"

namespace qkview {

namespace {
int codePointsBefore(const QString& source, int utf16Offset) {
    int count = 0;
    for (int i = 0; i < utf16Offset && i < source.size(); ++i)
        if (!source.at(i).isLowSurrogate()) ++count;
    return count;
}
} // namespace

void setSpan(Token& token, const QString& source, int utf16Start, int utf16End) {
    token.utf16Start = utf16Start;
    token.utf16End = utf16End;
    token.start = codePointsBefore(source, utf16Start);
    token.end = token.start + codePointsBefore(source.mid(utf16Start, utf16End - utf16Start), utf16End - utf16Start);
}

} // namespace qkview
