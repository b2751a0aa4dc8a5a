// SPDX-License-Identifier: MIT
#include "tokenizers/tokenizer_files.h"

#include "base/error.h"

#include <QFile>
#include <QJsonDocument>
#include <QStringList>

#include <cmath>
#include <optional>

namespace qkview::tokfiles {

namespace {
constexpr qint64 kMaxFileBytes = qint64(256) << 20; // real files are 1–20 MB; refuse absurd ones unread

// "a b" → {a, b}, as Python's str.split(); nullopt unless there are exactly two symbols.
std::optional<std::pair<QString, QString>> splitMerge(const QString& line) {
    const QStringList parts = line.simplified().split(u' ', Qt::SkipEmptyParts);
    if (parts.size() != 2) return std::nullopt;
    return std::pair{parts[0], parts[1]};
}
} // namespace

void fail(const QString& file, const QString& problem) {
    throw Error(Error::Kind::InvalidModel, (file + QStringLiteral(": ") + problem).toStdString());
}

QString quoted(const QString& s) {
    constexpr qsizetype kMax = 40;
    return u'"' + (s.size() > kMax ? s.left(kMax) + QStringLiteral("…") : s) + u'"';
}

QByteArray readFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) fail(path, QStringLiteral("cannot open: ") + file.errorString());
    if (file.size() > kMaxFileBytes) fail(path, QStringLiteral("is larger than 256 MiB"));
    QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        fail(path, QStringLiteral("cannot read: ") + file.errorString());
    return bytes;
}

QJsonObject readJsonObject(const QString& path) {
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(readFile(path), &error);
    if (error.error != QJsonParseError::NoError)
        fail(path,
             QStringLiteral("is not valid JSON: %1 at byte %2").arg(error.errorString()).arg(error.offset));
    if (!doc.isObject()) fail(path, QStringLiteral("is not a JSON object"));
    return doc.object();
}

std::vector<RawMerge> parseMergesTxt(const QString& path) {
    const QStringList lines = QString::fromUtf8(readFile(path)).split(u'\n');
    std::vector<RawMerge> merges;
    merges.reserve(lines.size());
    for (qsizetype n = 0; n < lines.size(); ++n) {
        const QString& line = lines[n];
        if ((n == 0 && line.startsWith(u"#version")) || line.trimmed().isEmpty()) continue;
        const QString where = QStringLiteral("line %1").arg(n + 1);
        const auto pair = splitMerge(line);
        if (!pair)
            fail(path, where + QStringLiteral(" is not two symbols separated by a space: ") +
                           quoted(line.trimmed()));
        merges.push_back({pair->first, pair->second, where});
    }
    return merges;
}

std::vector<RawMerge> parseJsonMerges(const QString& path, const QJsonArray& array) {
    std::vector<RawMerge> merges;
    merges.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString where = QStringLiteral("model.merges[%1]").arg(i);
        const QJsonValue entry = array[i];
        if (entry.isString()) { // older files: "a b", split at the one space as Hugging Face does (a
                                // symbol may be other white space, such as a tab)
            const QStringList parts = entry.toString().split(u' ');
            if (parts.size() != 2 || parts[0].isEmpty() || parts[1].isEmpty())
                fail(path, where + QStringLiteral(" is not two symbols separated by a space: ") +
                               quoted(entry.toString()));
            merges.push_back({parts[0], parts[1], where});
        } else if (const QJsonArray two = entry.toArray();
                   two.size() == 2 && two[0].isString() && two[1].isString()) {
            merges.push_back({two[0].toString(), two[1].toString(), where}); // newer files: ["a", "b"]
        } else {
            fail(path, where + QStringLiteral(" is neither \"a b\" nor [\"a\", \"b\"]"));
        }
    }
    return merges;
}

Vocab readVocab(const QString& file, const QJsonObject& vocab) {
    Vocab out;
    const auto size = static_cast<int>(vocab.size());
    out.idOf.reserve(size);
    out.pieceOf.resize(size);
    std::vector<bool> taken(size, false);
    for (auto it = vocab.begin(); it != vocab.end(); ++it) {
        const double value = it.value().toDouble(-1.0);
        if (!it.value().isDouble() || value != std::floor(value))
            fail(file, QStringLiteral("the id of ") + quoted(it.key()) + QStringLiteral(" is not an integer"));
        if (value < 0 || value >= size)
            fail(file, QStringLiteral("id %1 of %2 is out of range 0..%3 (the vocabulary has %4 entries)")
                           .arg(value, 0, 'g', 17)
                           .arg(quoted(it.key()))
                           .arg(size - 1)
                           .arg(size));
        const int id = static_cast<int>(value);
        if (taken[id])
            fail(file, QStringLiteral("id %1 is given to both %2 and %3")
                           .arg(id)
                           .arg(quoted(out.pieceOf[id]), quoted(it.key())));
        taken[id] = true;
        out.pieceOf[id] = it.key();
        out.idOf.insert(it.key(), id);
    }
    return out;
}

Vocab readVocabTxt(const QString& path) {
    QStringList lines = QString::fromUtf8(readFile(path)).split(u'\n');
    if (!lines.isEmpty() && lines.back().isEmpty()) lines.removeLast(); // the last line's end
    if (lines.isEmpty()) fail(path, QStringLiteral("is empty: a vocab.txt has one token per line"));
    Vocab out;
    const auto size = static_cast<int>(lines.size());
    out.idOf.reserve(size);
    out.pieceOf.reserve(size);
    for (int id = 0; id < size; ++id) {
        QString piece = lines[id];
        if (piece.endsWith(u'\r')) piece.chop(1);
        if (piece.isEmpty()) fail(path, QStringLiteral("line %1 is empty").arg(id + 1));
        if (const int first = out.idOf.value(piece, -1); first >= 0)
            fail(path, QStringLiteral("line %1: %2 is already on line %3")
                           .arg(id + 1)
                           .arg(quoted(piece))
                           .arg(first + 1));
        out.idOf.insert(piece, id);
        out.pieceOf.push_back(piece);
    }
    return out;
}

BpeMerges resolveMerges(const QString& file, const std::vector<RawMerge>& merges, const Vocab& vocab) {
    BpeMerges rules;
    for (size_t rank = 0; rank < merges.size(); ++rank) {
        const RawMerge& m = merges[rank];
        const QString symbols[3] = {m.left, m.right, m.left + m.right};
        int ids[3];
        for (int k = 0; k < 3; ++k) {
            ids[k] = vocab.idOf.value(symbols[k], -1);
            if (ids[k] < 0)
                fail(file, m.where + QStringLiteral(": ") + quoted(symbols[k]) +
                               QStringLiteral(" is not in the vocabulary"));
        }
        rules.add(ids[0], ids[1], ids[2], static_cast<int>(rank));
    }
    return rules;
}

} // namespace qkview::tokfiles
