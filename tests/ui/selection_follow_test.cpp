// SPDX-License-Identifier: MIT
// The selected query and key follow their words through edits (by span, not by index).
#include "models/teaching_model.h"
#include "session/selection_follow.h"
#include "session/session.h"
#include "widget_test_support.h"

#include <gtest/gtest.h>

using namespace qkview;
using namespace qkview::ui;

namespace {
TokenList tokensOf(const QString& text) { return TeachingModel().tokenizer().encode(text); }

int follow(const QString& before, const QString& after, int index) {
    return followToken(tokensOf(before), before, tokensOf(after), after, index);
}
} // namespace

TEST(SelectionFollow, ATokenKeepsItsWordWhenTextIsEditedBeforeOrAfterIt) {
    const QString text = QStringLiteral("The cat sat on the mat");
    EXPECT_EQ(follow(text, QStringLiteral("Yesterday the big cat sat on the mat"), 2), 4) << "sat, after two words typed before it";
    EXPECT_EQ(follow(text, QStringLiteral("The cat sat on the mat today"), 2), 2) << "typing after it";
    EXPECT_EQ(follow(text, QStringLiteral("cat sat on the mat"), 2), 1) << "a word deleted before it";
    EXPECT_EQ(follow(text, QStringLiteral("The cat sat on the mat"), 5), 5);
    EXPECT_EQ(follow(text, text, -1), -1);
    // A word that was itself edited: the token now at its start.
    EXPECT_EQ(follow(text, QStringLiteral("The cat sits on the mat"), 2), 2);
    // A text that lost its tail: at most the last token.
    EXPECT_EQ(follow(text, QStringLiteral("The cat"), 5), 1);
}

TEST(SelectionFollow, TheSessionKeepsTheSelectedQueryOnItsWord) {
    Session session(test::teachingModel());
    session.setText(QStringLiteral("The cat sat on the mat"));
    ASSERT_TRUE(test::waitForTrace(session));
    Selection s = session.selection();
    s.query = 2; // sat
    s.key = 1;   // cat
    session.setSelection(s);
    session.setText(QStringLiteral("Yesterday the big cat sat on the mat"));
    ASSERT_TRUE(test::waitForTrace(session));
    ASSERT_EQ(session.trace()->tokenCount(), 8);
    EXPECT_EQ(session.trace()->tokens[static_cast<size_t>(session.selection().query)].text, QStringLiteral("sat"));
    EXPECT_EQ(session.trace()->tokens[static_cast<size_t>(session.selection().key)].text, QStringLiteral("cat"));
}
