// SPDX-License-Identifier: MIT
#include "tokenizers/gpt2_tokenizer.h"

#include "base/error.h"
#include "tokenizers/bpe_merges.h"
#include "tokenizers/gpt2_bytes.h"
#include "tokenizers/tokenizer_files.h"

#include <QJsonObject>
#include <QRegularExpression>

#include <array>

namespace qkview {

namespace {
using tokfiles::fail;
using tokfiles::quoted;
} // namespace

struct Gpt2Tokenizer::Data {
    std::vector<QByteArray> bytesOf; // (V) the bytes each id stands for
    std::array<int, 256> byteId{};   // the id of each single byte
    BpeMerges merges;
    QRegularExpression pattern;
    BpeWordCache cache; // pre-token → its pieces, over its bytes
};

namespace {
// Checks the vocabulary and merges against each other and builds the tables encode() uses.
std::unique_ptr<const Gpt2Tokenizer::Data> buildData(const QString& vocabFile, const QJsonObject& vocabJson,
                                                     const QString& mergesFile,
                                                     const std::vector<tokfiles::RawMerge>& merges) {
    auto data = std::make_unique<Gpt2Tokenizer::Data>();
    const tokfiles::Vocab vocab = tokfiles::readVocab(vocabFile, vocabJson);
    for (int byte = 0; byte < 256; ++byte) {
        const QString symbol(QChar(gpt2::byteToSymbol(static_cast<unsigned char>(byte))));
        data->byteId[byte] = vocab.idOf.value(symbol, -1);
        if (data->byteId[byte] < 0)
            fail(vocabFile, QStringLiteral("has no entry for byte 0x%1 (symbol %2); "
                                           "a byte-level vocabulary holds all 256 byte symbols")
                                .arg(byte, 2, 16, QChar(u'0'))
                                .arg(quoted(symbol)));
    }
    data->merges = tokfiles::resolveMerges(mergesFile, merges, vocab);
    data->bytesOf.reserve(vocab.pieceOf.size());
    for (const QString& symbols : vocab.pieceOf)
        data->bytesOf.push_back(gpt2::symbolsToBytes(symbols));
    data->pattern = QRegularExpression(QString::fromUtf8(gpt2::kPreTokenPattern),
                                       QRegularExpression::UseUnicodePropertiesOption);
    data->pattern.optimize();
    return data;
}

} // namespace

Gpt2Tokenizer::Gpt2Tokenizer(std::unique_ptr<const Data> data) : m_data(std::move(data)) {}
Gpt2Tokenizer::~Gpt2Tokenizer() = default;

std::shared_ptr<const Gpt2Tokenizer> Gpt2Tokenizer::fromFiles(const QString& vocabJsonPath,
                                                              const QString& mergesTxtPath) {
    const QJsonObject vocab = tokfiles::readJsonObject(vocabJsonPath);
    const std::vector<tokfiles::RawMerge> merges = tokfiles::parseMergesTxt(mergesTxtPath);
    return std::make_shared<const Gpt2Tokenizer>(buildData(vocabJsonPath, vocab, mergesTxtPath, merges));
}

std::shared_ptr<const Gpt2Tokenizer> Gpt2Tokenizer::fromTokenizerJson(const QString& tokenizerJsonPath) {
    const QString& path = tokenizerJsonPath;
    const QJsonObject root = tokfiles::readJsonObject(path);
    if (!root.value(u"model").isObject()) fail(path, QStringLiteral("has no \"model\" object"));
    const QJsonObject model = root.value(u"model").toObject();
    if (const QJsonValue type = model.value(u"type"); !type.isUndefined() && type.toString() != u"BPE")
        fail(path, QStringLiteral("model.type is ") + quoted(type.toString()) +
                       QStringLiteral(", expected \"BPE\""));
    if (!model.value(u"vocab").isObject())
        fail(path, QStringLiteral("model.vocab is missing or not an object"));
    if (!model.value(u"merges").isArray())
        fail(path, QStringLiteral("model.merges is missing or not an array"));
    const std::vector<tokfiles::RawMerge> merges =
        tokfiles::parseJsonMerges(path, model.value(u"merges").toArray());
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
        const auto pieces = m_data->cache.get(word, [&] {
            std::vector<int> symbols(wordBytes.bytes.size());
            for (qsizetype i = 0; i < wordBytes.bytes.size(); ++i)
                symbols[i] = m_data->byteId[static_cast<unsigned char>(wordBytes.bytes[i])];
            return m_data->merges.apply(symbols);
        });
        for (const BpeMerges::Piece& piece : pieces) {
            const int byteLast = piece.end - 1;
            Token token;
            token.id = piece.id;
            token.text = QString::fromUtf8(wordBytes.bytes.mid(byteStart, piece.end - byteStart));
            // A piece holding part of a character gets the whole character's span. Offsets are counted
            // here, per byte, rather than from the text's start, which would cost O(n²).
            token.utf16Start = wordStart + wordBytes.charStart[byteStart];
            token.utf16End = wordStart + wordBytes.charEnd[byteLast];
            token.start = wordCodePoint + wordBytes.charIndex[byteStart];
            token.end = wordCodePoint + wordBytes.charIndex[byteLast] + 1;
            tokens.push_back(std::move(token));
            byteStart = piece.end;
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
