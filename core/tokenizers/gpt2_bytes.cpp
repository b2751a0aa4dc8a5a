// SPDX-License-Identifier: MIT
#include "tokenizers/gpt2_bytes.h"

#include <algorithm>
#include <array>

namespace qkview::gpt2 {

namespace {
constexpr bool isPrintable(int byte) {
    return (byte >= '!' && byte <= '~') || (byte >= 0xA1 && byte <= 0xAC) || (byte >= 0xAE && byte <= 0xFF);
}

// The 68 unprintable bytes, in increasing order, take U+0100, U+0101, ...
constexpr int kShifted = 68;

constexpr std::array<char16_t, 256> kByteToSymbol = [] {
    std::array<char16_t, 256> table{};
    int shifted = 0;
    for (int byte = 0; byte < 256; ++byte)
        table[byte] = static_cast<char16_t>(isPrintable(byte) ? byte : 0x100 + shifted++);
    return table;
}();

constexpr std::array<unsigned char, kShifted> kShiftedToByte = [] {
    std::array<unsigned char, kShifted> table{};
    for (int byte = 0; byte < 256; ++byte)
        if (!isPrintable(byte)) table[kByteToSymbol[byte] - 0x100] = static_cast<unsigned char>(byte);
    return table;
}();
static_assert(kByteToSymbol[' '] == u'Ġ' && kByteToSymbol['\n'] == u'Ċ' && kByteToSymbol[0xAD] == 0x143);
} // namespace

char16_t byteToSymbol(unsigned char byte) {
    return kByteToSymbol[byte];
}

int symbolToByte(char16_t symbol) {
    if (symbol < 0x100) return isPrintable(symbol) ? symbol : -1;
    return symbol < 0x100 + kShifted ? kShiftedToByte[symbol - 0x100] : -1;
}

QByteArray symbolsToBytes(QStringView symbols) {
    QByteArray bytes;
    bytes.reserve(symbols.size());
    for (qsizetype i = 0; i < symbols.size(); ++i) {
        const int byte = symbolToByte(symbols[i].unicode());
        if (byte >= 0) {
            bytes.append(static_cast<char>(byte));
            continue;
        }
        const qsizetype length = symbols[i].isHighSurrogate() && i + 1 < symbols.size() ? 2 : 1;
        bytes.append(symbols.mid(i, length).toUtf8());
        i += length - 1;
    }
    return bytes;
}

WordBytes utf8WithCharSpans(QStringView word) {
    WordBytes out;
    out.bytes = word.toUtf8();
    const auto size = static_cast<size_t>(out.bytes.size());
    out.charStart.reserve(size);
    out.charEnd.reserve(size);
    out.charIndex.reserve(size);
    for (qsizetype i = 0; i < word.size(); ++out.codePoints) {
        const bool pair = word[i].isHighSurrogate() && i + 1 < word.size() && word[i + 1].isLowSurrogate();
        const char16_t unit = word[i].unicode();
        // UTF-8 length: 4 for a surrogate pair, 1 below U+0080 or for a lone surrogate ('?'), 2 below U+0800.
        const int length = pair ? 4 : unit < 0x80 || word[i].isSurrogate() ? 1 : unit < 0x800 ? 2 : 3;
        const qsizetype end = i + (pair ? 2 : 1);
        for (int b = 0; b < length; ++b) {
            out.charStart.push_back(static_cast<int>(i));
            out.charEnd.push_back(static_cast<int>(end));
            out.charIndex.push_back(out.codePoints);
        }
        i = end;
    }
    // Should Qt ever encode differently, bytes past the table get the last character rather than an
    // index out of range.
    if (out.charStart.size() != size) {
        const int last =
            static_cast<int>(word.size()) - (word.size() > 1 && word.back().isLowSurrogate() ? 2 : 1);
        out.charStart.resize(size, std::max(last, 0));
        out.charEnd.resize(size, static_cast<int>(word.size()));
        out.charIndex.resize(size, std::max(out.codePoints - 1, 0));
    }
    return out;
}

} // namespace qkview::gpt2
