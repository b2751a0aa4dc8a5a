// SPDX-License-Identifier: MIT
#pragma once
// GPT-2's byte-level alphabet: every byte has a printable stand-in character (bytes_to_unicode in
// OpenAI's encoder.py), so vocabulary entries are plain strings. Plus the UTF-8 bytes of a word with
// the character each byte came from, which is how BPE pieces get spans in the typed text.
#include <QByteArray>
#include <QString>
#include <QStringView>

#include <vector>

namespace qkview::gpt2 {

// encoder.py's pre-tokenization (also Hugging Face's ByteLevel pre-tokenizer with use_regex): English
// contractions, then letters, digits or other symbols each with one optional leading space, then white
// space (a run before a word leaves its last space to the word).
inline constexpr const char* kPreTokenPattern =
    R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";

// The stand-in character of a byte: the byte itself when it is printable Latin-1, else U+0100 + n.
char16_t byteToSymbol(unsigned char byte);
// The byte a stand-in character stands for, or -1 when it stands for none.
int symbolToByte(char16_t symbol);
// The bytes a vocabulary entry stands for; a character outside the alphabet stands for its own UTF-8.
QByteArray symbolsToBytes(QStringView symbols);

// A word's UTF-8 bytes and, per byte, where (within the word) the character it encodes is.
struct WordBytes {
    QByteArray bytes;
    std::vector<int> charStart; // (bytes) first UTF-16 unit of the byte's character
    std::vector<int> charEnd;   // (bytes) one past its last UTF-16 unit
    std::vector<int> charIndex; // (bytes) the character's index in code points
    int codePoints = 0;         // in the whole word
};
// word should be valid UTF-16; a lone surrogate gets the one byte Qt writes for it.
WordBytes utf8WithCharSpans(QStringView word);

} // namespace qkview::gpt2
