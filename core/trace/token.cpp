// SPDX-License-Identifier: MIT
#include "trace/token.h"

namespace qkview {

int SpanCursor::codePointsTo(int utf16Offset) {
    for (; m_utf16 < utf16Offset && m_utf16 < m_source.size(); ++m_utf16)
        if (!m_source.at(m_utf16).isLowSurrogate()) ++m_codePoints;
    return m_codePoints;
}

void SpanCursor::setSpan(Token& token, int utf16Start, int utf16End) {
    token.utf16Start = utf16Start;
    token.utf16End = utf16End;
    token.start = codePointsTo(utf16Start);
    token.end = codePointsTo(utf16End);
}

QString withoutLoneSurrogates(const QString& text) {
    if (text.isValidUtf16()) return text;
    QString valid = text;
    for (qsizetype i = 0; i < valid.size(); ++i) {
        const bool pairedHigh = valid[i].isHighSurrogate() && i + 1 < valid.size() && valid[i + 1].isLowSurrogate();
        if (pairedHigh)
            ++i;
        else if (valid[i].isSurrogate())
            valid[i] = QChar::ReplacementCharacter;
    }
    return valid;
}

} // namespace qkview
