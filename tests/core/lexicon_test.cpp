// SPDX-License-Identifier: MIT
#include "base/error.h"
#include "models/lexicon.h"

#include <gtest/gtest.h>

using namespace qkview;

TEST(Lexicon, BuiltInKnowsCommonWords) {
    const Lexicon& lex = Lexicon::builtIn();
    EXPECT_EQ(lex.classify(u"The"), WordClass::Determiner);
    EXPECT_EQ(lex.classify(u"cat"), WordClass::Noun);
    EXPECT_EQ(lex.classify(u"sat"), WordClass::Verb);
    EXPECT_EQ(lex.classify(u"on"), WordClass::Preposition);
    EXPECT_EQ(lex.classify(u"old"), WordClass::Adjective);
    EXPECT_EQ(lex.classify(u"she"), WordClass::Pronoun);
}

TEST(Lexicon, InflectionsKeepTheStemsClass) {
    const Lexicon& lex = Lexicon::builtIn();
    EXPECT_EQ(lex.classify(u"chased"), WordClass::Verb);
    EXPECT_EQ(lex.classify(u"reads"), WordClass::Verb);
    EXPECT_EQ(lex.classify(u"watches"), WordClass::Verb);
    EXPECT_EQ(lex.classify(u"stopped"), WordClass::Verb);
    EXPECT_EQ(lex.classify(u"running"), WordClass::Verb);
    EXPECT_EQ(lex.classify(u"parks"), WordClass::Noun);
    EXPECT_EQ(lex.classify(u"cities"), WordClass::Noun);
}

TEST(Lexicon, UnknownWordsGetAClassByRule) {
    const Lexicon& lex = Lexicon::builtIn();
    EXPECT_EQ(lex.classify(u"gracefully"), WordClass::Adverb);
    EXPECT_EQ(lex.classify(u"zorbled"), WordClass::Verb);
    EXPECT_EQ(lex.classify(u"famous"), WordClass::Adjective);
    EXPECT_EQ(lex.classify(u"Zanzibar"), WordClass::Noun);
    EXPECT_EQ(lex.classify(u"."), WordClass::Punctuation);
    EXPECT_EQ(lex.classify(u"42"), WordClass::Other);
    EXPECT_EQ(lex.classify(u"😀"), WordClass::Other);
}

TEST(Lexicon, IdsAreStableAndInsideTheVocabulary) {
    const Lexicon& lex = Lexicon::builtIn();
    EXPECT_EQ(lex.idOf(u"the"), lex.idOf(u"The"));
    EXPECT_NE(lex.idOf(u"cat"), lex.idOf(u"dog"));
    for (auto w : {u"the", u"Zanzibar", u"😀", u"."}) {
        EXPECT_GE(lex.idOf(w), 0);
        EXPECT_LT(lex.idOf(w), lex.vocabularySize());
    }
}

TEST(Lexicon, RejectsMalformedLines) {
    EXPECT_NO_THROW(Lexicon::parse(QStringLiteral("# comment\ncat\tNOUN\n")));
    EXPECT_THROW(Lexicon::parse(QStringLiteral("cat NOUN\n")), Error);
    EXPECT_THROW(Lexicon::parse(QStringLiteral("cat\tANIMAL\n")), Error);
}
