// SPDX-License-Identifier: MIT
#pragma once
// Shared by the libFuzzer targets: inputs in several parts, files the loaders read, and the invariants
// every tokenizer keeps. A target may throw qkview::Error (that is a clear message, the expected answer
// to a bad file); anything else (a crash, a sanitizer report, another exception, a hang) is a finding.
#include "base/error.h"
#include "tokenizers/tokenizer.h"

#include <QByteArray>
#include <QFile>
#include <QString>
#include <QTemporaryDir>

#include <cstdint>
#include <cstdlib>
#include <vector>

namespace qkview::fuzz {

// The parts of one input, separated by lines "=====" (seeds stay readable; a mutated separator simply
// leaves fewer parts). Missing parts are empty.
inline std::vector<QByteArray> parts(const uint8_t* data, size_t size, size_t count) {
    const QByteArray all = QByteArray::fromRawData(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    std::vector<QByteArray> out;
    qsizetype from = 0;
    while (out.size() + 1 < count) {
        const qsizetype at = all.indexOf("\n=====\n", from);
        if (at < 0) break;
        out.push_back(all.mid(from, at - from));
        from = at + 7;
    }
    out.push_back(all.mid(from));
    out.resize(count);
    return out;
}

// A folder for the files a loader reads by path; one per process, reused by every input.
inline QString writeFile(const QString& name, const QByteArray& bytes) {
    static QTemporaryDir dir;
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size()) std::abort();
    return path;
}

// What every tokenizer promises for any text: spans inside the text, in order, both offset pairs agreeing.
inline void checkTokens(const TokenList& tokens, const QString& text) {
    int lastStart = 0;
    for (const Token& t : tokens) {
        if (t.utf16Start < 0 || t.utf16End < t.utf16Start || t.utf16End > text.size()) std::abort();
        if (t.start < 0 || t.end < t.start || t.end > t.utf16End || t.utf16Start < lastStart) std::abort();
        lastStart = t.utf16Start;
    }
}

// The text part of an input through a tokenizer that loaded: tokens checked, each decoded, types asked for.
inline void encodeText(const Tokenizer& tokenizer, const QByteArray& utf8) {
    const QString text = QString::fromUtf8(utf8);
    const TokenList tokens = tokenizer.encode(text);
    checkTokens(tokens, text);
    for (const Token& t : tokens) (void)tokenizer.decode(t.id);
    (void)tokenizer.tokenTypes(tokens);
}

// tokenizer_config.json when the input has one.
inline QString optionalConfig(const QByteArray& bytes) {
    return bytes.isEmpty() ? QString() : writeFile(QStringLiteral("tokenizer_config.json"), bytes);
}

} // namespace qkview::fuzz
