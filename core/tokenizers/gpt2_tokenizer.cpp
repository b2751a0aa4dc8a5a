// SPDX-License-Identifier: MIT
#include "tokenizers/gpt2_tokenizer.h"

#include "base/error.h"
#include "tokenizers/gpt2_bytes.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <array>
#include <cmath>
#include <functional>
#include <mutex>
#include <optional>
#include <queue>
#include <unordered_map>

namespace qkview {

namespace {
// encoder.py's pre-tokenization: English contractions, then letters, digits or other symbols each with
// one optional leading space, then white space (a run before a word leaves its last space to the word).
constexpr auto kPattern = R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";

constexpr qint64 kMaxFileBytes = qint64(256) << 20; // GPT-2's files are 1–2 MB; refuse absurd ones unread
constexpr qsizetype kCacheLimit = 1 << 16;          // words; the cache starts over when full
constexpr qsizetype kCacheWordBytes = 256;          // longer words are rare and not worth keeping

// A merge rule as read, before its symbols are checked against the vocabulary.
struct RawMerge {
    QString left;
    QString right;
    QString where; // "line 7", "model.merges[6]"
};

[[noreturn]] void fail(const QString& file, const QString& problem) {
    throw Error(Error::Kind::InvalidModel, (file + QStringLiteral(": ") + problem).toStdString());
}

// A vocabulary string for a message: quoted and cut short, since the file is untrusted.
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

// "a b" → {a, b}, as Python's str.split(); nullopt unless there are exactly two symbols.
std::optional<std::pair<QString, QString>> splitMerge(const QString& line) {
    const QStringList parts = line.simplified().split(u' ', Qt::SkipEmptyParts);
    if (parts.size() != 2) return std::nullopt;
    return std::pair{parts[0], parts[1]};
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
        if (entry.isString()) { // older files: "a b"
            const auto pair = splitMerge(entry.toString());
            if (!pair)
                fail(path, where + QStringLiteral(" is not two symbols separated by a space: ") +
                               quoted(entry.toString()));
            merges.push_back({pair->first, pair->second, where});
        } else if (const QJsonArray two = entry.toArray();
                   two.size() == 2 && two[0].isString() && two[1].isString()) {
            merges.push_back({two[0].toString(), two[1].toString(), where}); // newer files: ["a", "b"]
        } else {
            fail(path, where + QStringLiteral(" is neither \"a b\" nor [\"a\", \"b\"]"));
        }
    }
    return merges;
}
} // namespace

struct Gpt2Tokenizer::Data {
    struct Merge {
        int rank; // line of the rule: lower merges first
        int id;   // the merged symbol
    };
    // One BPE piece of a word: its id and where its bytes end in the word.
    struct Piece {
        int id;
        int byteEnd;
    };

    std::vector<QByteArray> bytesOf;           // (V) the bytes each id stands for
    std::array<int, 256> byteId{};             // the id of each single byte
    std::unordered_map<quint64, Merge> merges; // (left id, right id) → rule
    QRegularExpression pattern;
    mutable std::mutex cacheMutex;                    // encode() is const and may run on several threads
    mutable QHash<QString, std::vector<Piece>> cache; // pre-token → its pieces

    static quint64 pairKey(int left, int right) { return quint64(quint32(left)) << 32 | quint32(right); }
    const Merge* findMerge(int left, int right) const {
        const auto it = merges.find(pairKey(left, right));
        return it == merges.end() ? nullptr : &it->second;
    }
    std::vector<Piece> bpe(const QByteArray& bytes) const;
    std::vector<Piece> cachedBpe(const QString& word, const QByteArray& bytes) const;
};

namespace {
// Checks the vocabulary and merges against each other and builds the tables encode() uses.
std::unique_ptr<const Gpt2Tokenizer::Data> buildData(const QString& vocabFile, const QJsonObject& vocab,
                                                     const QString& mergesFile,
                                                     const std::vector<RawMerge>& merges) {
    auto data = std::make_unique<Gpt2Tokenizer::Data>();
    const auto size = static_cast<int>(vocab.size());
    QHash<QString, int> idOf;
    idOf.reserve(size);
    std::vector<QString> symbolsOf(size);
    std::vector<bool> taken(size, false);
    for (auto it = vocab.begin(); it != vocab.end(); ++it) {
        const double value = it.value().toDouble(-1.0);
        if (!it.value().isDouble() || value != std::floor(value))
            fail(vocabFile,
                 QStringLiteral("the id of ") + quoted(it.key()) + QStringLiteral(" is not an integer"));
        if (value < 0 || value >= size)
            fail(vocabFile,
                 QStringLiteral("id %1 of %2 is out of range 0..%3 (the vocabulary has %4 entries)")
                     .arg(value, 0, 'g', 17)
                     .arg(quoted(it.key()))
                     .arg(size - 1)
                     .arg(size));
        const int id = static_cast<int>(value);
        if (taken[id])
            fail(vocabFile, QStringLiteral("id %1 is given to both %2 and %3")
                                .arg(id)
                                .arg(quoted(symbolsOf[id]), quoted(it.key())));
        taken[id] = true;
        symbolsOf[id] = it.key();
        idOf.insert(it.key(), id);
    }
    for (int byte = 0; byte < 256; ++byte) {
        const QString symbol(QChar(gpt2::byteToSymbol(static_cast<unsigned char>(byte))));
        data->byteId[byte] = idOf.value(symbol, -1);
        if (data->byteId[byte] < 0)
            fail(vocabFile, QStringLiteral("has no entry for byte 0x%1 (symbol %2); "
                                           "a byte-level vocabulary holds all 256 byte symbols")
                                .arg(byte, 2, 16, QChar(u'0'))
                                .arg(quoted(symbol)));
    }
    data->merges.reserve(merges.size());
    for (size_t rank = 0; rank < merges.size(); ++rank) {
        const RawMerge& m = merges[rank];
        const int ids[3] = {idOf.value(m.left, -1), idOf.value(m.right, -1),
                            idOf.value(m.left + m.right, -1)};
        const QString symbols[3] = {m.left, m.right, m.left + m.right};
        for (int k = 0; k < 3; ++k)
            if (ids[k] < 0)
                fail(mergesFile, m.where + QStringLiteral(": ") + quoted(symbols[k]) +
                                     QStringLiteral(" is not in the vocabulary"));
        // A repeated rule keeps its last rank, as dict(zip(merges, range(...))) in encoder.py does.
        data->merges[Gpt2Tokenizer::Data::pairKey(ids[0], ids[1])] = {static_cast<int>(rank), ids[2]};
    }
    data->bytesOf.reserve(size);
    for (const QString& symbols : symbolsOf)
        data->bytesOf.push_back(gpt2::symbolsToBytes(symbols));
    data->pattern =
        QRegularExpression(QString::fromUtf8(kPattern), QRegularExpression::UseUnicodePropertiesOption);
    data->pattern.optimize();
    return data;
}

} // namespace

// encoder.py's bpe(): repeatedly take the adjacent pair with the lowest rank and merge every occurrence
// of it, left to right, before looking again. Done with a heap of (rank, position) so that a long word
// costs O(n log n), not O(n²); a rank's occurrences are all merged before the pairs they create count.
std::vector<Gpt2Tokenizer::Data::Piece> Gpt2Tokenizer::Data::bpe(const QByteArray& bytes) const {
    const auto n = static_cast<int>(bytes.size());
    // Symbols form a linked list over byte positions; a symbol lives at the position of its first byte.
    std::vector<int> id(n), next(n), prev(n); // (n) id -1 marks a position merged into its left neighbour
    for (int i = 0; i < n; ++i) {
        id[i] = byteId[static_cast<unsigned char>(bytes[i])];
        next[i] = i + 1;
        prev[i] = i - 1;
    }
    struct Candidate {
        int rank, pos, left, right, merged;
        bool operator>(const Candidate& o) const { return rank != o.rank ? rank > o.rank : pos > o.pos; }
    };
    std::priority_queue<Candidate, std::vector<Candidate>, std::greater<>> heap;
    const auto push = [&](int pos) {
        if (pos < 0 || next[pos] >= n) return;
        if (const Merge* m = findMerge(id[pos], id[next[pos]]))
            heap.push({m->rank, pos, id[pos], id[next[pos]], m->id});
    };
    for (int i = 0; i + 1 < n; ++i)
        push(i);
    std::vector<int> mergedAt;
    while (!heap.empty()) {
        const int rank = heap.top().rank;
        mergedAt.clear();
        for (; !heap.empty() && heap.top().rank == rank; heap.pop()) {
            const Candidate c = heap.top();
            // Stale when either symbol has changed since the pair was seen.
            if (id[c.pos] != c.left || next[c.pos] >= n || id[next[c.pos]] != c.right) continue;
            const int right = next[c.pos];
            id[c.pos] = c.merged;
            id[right] = -1;
            next[c.pos] = next[right];
            if (next[right] < n) prev[next[right]] = c.pos;
            mergedAt.push_back(c.pos);
        }
        for (const int pos : mergedAt) {
            push(prev[pos]);
            push(pos);
        }
    }
    std::vector<Piece> pieces;
    for (int pos = 0; pos < n; pos = next[pos])
        pieces.push_back({id[pos], next[pos]});
    return pieces;
}

std::vector<Gpt2Tokenizer::Data::Piece> Gpt2Tokenizer::Data::cachedBpe(const QString& word,
                                                                       const QByteArray& bytes) const {
    {
        const std::lock_guard lock(cacheMutex);
        if (const auto it = cache.constFind(word); it != cache.constEnd()) return it.value();
    }
    std::vector<Piece> pieces = bpe(bytes);
    if (bytes.size() > kCacheWordBytes) return pieces;
    const std::lock_guard lock(cacheMutex);
    if (cache.size() >= kCacheLimit) cache.clear();
    cache.insert(word, pieces);
    return pieces;
}

Gpt2Tokenizer::Gpt2Tokenizer(std::unique_ptr<const Data> data) : m_data(std::move(data)) {}
Gpt2Tokenizer::~Gpt2Tokenizer() = default;

std::shared_ptr<const Gpt2Tokenizer> Gpt2Tokenizer::fromFiles(const QString& vocabJsonPath,
                                                              const QString& mergesTxtPath) {
    const QJsonObject vocab = readJsonObject(vocabJsonPath);
    const std::vector<RawMerge> merges = parseMergesTxt(mergesTxtPath);
    return std::make_shared<const Gpt2Tokenizer>(buildData(vocabJsonPath, vocab, mergesTxtPath, merges));
}

std::shared_ptr<const Gpt2Tokenizer> Gpt2Tokenizer::fromTokenizerJson(const QString& tokenizerJsonPath) {
    const QString& path = tokenizerJsonPath;
    const QJsonObject root = readJsonObject(path);
    if (!root.value(u"model").isObject()) fail(path, QStringLiteral("has no \"model\" object"));
    const QJsonObject model = root.value(u"model").toObject();
    if (const QJsonValue type = model.value(u"type"); !type.isUndefined() && type.toString() != u"BPE")
        fail(path, QStringLiteral("model.type is ") + quoted(type.toString()) +
                       QStringLiteral(", expected \"BPE\""));
    if (!model.value(u"vocab").isObject())
        fail(path, QStringLiteral("model.vocab is missing or not an object"));
    if (!model.value(u"merges").isArray())
        fail(path, QStringLiteral("model.merges is missing or not an array"));
    const std::vector<RawMerge> merges = parseJsonMerges(path, model.value(u"merges").toArray());
    return std::make_shared<const Gpt2Tokenizer>(
        buildData(path, model.value(u"vocab").toObject(), path, merges));
}

TokenList Gpt2Tokenizer::encode(const QString& text) const {
    const QString valid = withoutLoneSurrogates(text);
    TokenList tokens;
    int wordCodePoint = 0; // code points before the current pre-token
    int previousEnd = 0;
    auto it = m_data->pattern.globalMatch(valid);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        const auto wordStart = static_cast<int>(match.capturedStart());
        if (wordStart > previousEnd) // the pattern matches every character, but count any gap all the same
            wordCodePoint +=
                gpt2::utf8WithCharSpans(QStringView(valid).mid(previousEnd, wordStart - previousEnd))
                    .codePoints;
        previousEnd = static_cast<int>(match.capturedEnd());
        const QString word = match.captured();
        const gpt2::WordBytes wordBytes = gpt2::utf8WithCharSpans(word);
        int byteStart = 0;
        for (const Data::Piece& piece : m_data->cachedBpe(word, wordBytes.bytes)) {
            const int byteLast = piece.byteEnd - 1;
            Token token;
            token.id = piece.id;
            token.text = QString::fromUtf8(wordBytes.bytes.mid(byteStart, piece.byteEnd - byteStart));
            // A piece holding part of a character gets the whole character's span. Offsets are counted
            // here, per byte, rather than by setSpan() from the text's start, which would cost O(n²).
            token.utf16Start = wordStart + wordBytes.charStart[byteStart];
            token.utf16End = wordStart + wordBytes.charEnd[byteLast];
            token.start = wordCodePoint + wordBytes.charIndex[byteStart];
            token.end = wordCodePoint + wordBytes.charIndex[byteLast] + 1;
            tokens.push_back(std::move(token));
            byteStart = piece.byteEnd;
        }
        wordCodePoint += wordBytes.codePoints;
    }
    return tokens;
}

QString Gpt2Tokenizer::decode(int id) const {
    if (id < 0 || id >= vocabSize()) return {};
    return QString::fromUtf8(m_data->bytesOf[id]);
}

int Gpt2Tokenizer::vocabSize() const {
    return static_cast<int>(m_data->bytesOf.size());
}

} // namespace qkview
