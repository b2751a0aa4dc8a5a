// SPDX-License-Identifier: MIT
#pragma once
// Reading tokenizer files, shared by every tokenizer loader: bounded reads, JSON objects, vocabularies
// (string → id, checked), merge lists (merges.txt lines, "a b" strings or ["a", "b"] pairs) resolved
// against a vocabulary. Every problem is an Error(InvalidModel) naming the file and what is wrong.
#include "tokenizers/bpe_merges.h"

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <vector>

namespace qkview::tokfiles {

[[noreturn]] void fail(const QString& file, const QString& problem);
// A vocabulary string for a message: quoted and cut short, since the file is untrusted.
QString quoted(const QString& s);

QByteArray readFile(const QString& path); // at most 256 MiB
QJsonObject readJsonObject(const QString& path);

// A merge rule as read, before its symbols are checked against the vocabulary.
struct RawMerge {
    QString left;
    QString right;
    QString where; // "line 7", "model.merges[6]"
};
std::vector<RawMerge> parseMergesTxt(const QString& path);
std::vector<RawMerge> parseJsonMerges(const QString& path, const QJsonArray& array); // model.merges

// A vocabulary whose ids are exactly 0..size-1, each once.
struct Vocab {
    QHash<QString, int> idOf;
    std::vector<QString> pieceOf; // (V)
};
Vocab readVocab(const QString& file, const QJsonObject& vocab);
// A WordPiece vocab.txt: one piece per line, id = line number (from 0); "\n" or "\r\n" line ends. An empty
// file, an empty line or a piece on two lines is an error.
Vocab readVocabTxt(const QString& path);

// The merges as rules between vocabulary ids; every symbol and every merged symbol must be in it.
BpeMerges resolveMerges(const QString& file, const std::vector<RawMerge>& merges, const Vocab& vocab);

} // namespace qkview::tokfiles
