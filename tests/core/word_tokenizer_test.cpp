// SPDX-License-Identifier: MIT
#include "tokenizers/word_tokenizer.h"

#include <gtest/gtest.h>

using namespace qkview;

namespace {
QStringList texts(const TokenList& tokens) {
    QStringList out;
    for (const Token& t : tokens) out << t.text;
    return out;
}
} // namespace

TEST(WordTokenizer, SplitsWordsAndPunctuationAsAReaderWould) {
    const TokenList tokens = WordTokenizer().encode(QStringLiteral("The cat sat on the mat."));
    EXPECT_EQ(texts(tokens), (QStringList{"The", "cat", "sat", "on", "the", "mat", "."}));
    EXPECT_EQ(tokens[1].start, 4);
    EXPECT_EQ(tokens[1].end, 7);
    EXPECT_EQ(tokens[6].start, 22);
}

TEST(WordTokenizer, KeepsContractionsAndSplitsPunctuationRuns) {
    EXPECT_EQ(texts(WordTokenizer().encode(QStringLiteral("Don't stop—it's 3.5 km!?"))),
              (QStringList{"Don't", "stop", "—", "it's", "3", ".", "5", "km", "!", "?"}));
}

TEST(WordTokenizer, OffsetsCountCodePointsNotUtf16Units) {
    // "😀" is two UTF-16 units but one code point.
    const QString text = QStringLiteral("😀 café");
    const TokenList tokens = WordTokenizer().encode(text);
    ASSERT_EQ(tokens.size(), 2u);
    EXPECT_EQ(tokens[0].text, QStringLiteral("😀"));
    EXPECT_EQ(tokens[0].start, 0);
    EXPECT_EQ(tokens[0].end, 1);
    EXPECT_EQ(tokens[0].utf16End, 2);
    EXPECT_EQ(tokens[1].start, 2);
    EXPECT_EQ(tokens[1].end, 6);
    EXPECT_EQ(text.mid(tokens[1].utf16Start, tokens[1].utf16End - tokens[1].utf16Start), QStringLiteral("café"));
}

TEST(WordTokenizer, KeepsCombiningMarksAndEmojiSequencesWhole) {
    // "e" + combining acute, a family emoji joined with ZWJ, and a flag (two regional indicators).
    const QString text = QStringLiteral("cafe\u0301 👩\u200D👩\u200D👧 🇫🇷");
    const TokenList tokens = WordTokenizer().encode(text);
    EXPECT_EQ(texts(tokens), (QStringList{QStringLiteral("cafe\u0301"), QStringLiteral("👩\u200D👩\u200D👧"),
                                          QStringLiteral("🇫🇷")}));
}

TEST(WordTokenizer, HandlesCjkAndOtherScripts) {
    const TokenList tokens = WordTokenizer().encode(QStringLiteral("東京は大きい。Привет, мир"));
    EXPECT_EQ(texts(tokens), (QStringList{"東京は大きい", "。", "Привет", ",", "мир"}));
}

TEST(WordTokenizer, EmptyAndBlankTextGiveNoTokens) {
    EXPECT_TRUE(WordTokenizer().encode(QString()).empty());
    EXPECT_TRUE(WordTokenizer().encode(QStringLiteral(" \t\n\u00A0")).empty());
}

TEST(WordTokenizer, NeverSplitsASurrogatePairEvenWhenUnpaired) {
    QString text = QStringLiteral("a");
    text += QChar(0xD83D); // a lone high surrogate: invalid UTF-16 the user may paste
    text += QStringLiteral(" b");
    const TokenList tokens = WordTokenizer().encode(text);
    for (const Token& t : tokens) {
        EXPECT_LE(t.start, t.end);
        EXPECT_LE(t.utf16End, text.size());
    }
    EXPECT_EQ(tokens.back().text, QStringLiteral("b"));
}

TEST(WordTokenizer, UsesTheIdFunction) {
    const TokenList tokens = WordTokenizer([](QStringView w) { return static_cast<int>(w.size()); })
                                 .encode(QStringLiteral("ab cde"));
    EXPECT_EQ(tokens[0].id, 2);
    EXPECT_EQ(tokens[1].id, 3);
}
