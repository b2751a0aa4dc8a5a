// SPDX-License-Identifier: MIT
#include "widget_test_support.h"

using namespace qkview;
using namespace qkview::ui;

TEST(Session, ComputesOnTheWorkerAndKeepsTheNewestText) {
    Session session(test::teachingModel());
    int traces = 0;
    QObject::connect(&session, &Session::traceChanged, [&] { ++traces; });
    // A burst of keystrokes: only the newest text matters, stale results are dropped.
    QString text;
    for (QChar c : QStringLiteral("The dog barked")) {
        text += c;
        session.setText(text);
    }
    ASSERT_TRUE(test::waitForTrace(session));
    ASSERT_TRUE(session.trace());
    EXPECT_EQ(session.trace()->text, QStringLiteral("The dog barked"));
    EXPECT_EQ(session.trace()->tokenCount(), 3);
    EXPECT_LE(traces, 2) << "keystrokes are coalesced";
}

TEST(Session, SelectionIsClampedToTheTrace) {
    Session session(test::teachingModel());
    session.setText(QStringLiteral("one two three"));
    ASSERT_TRUE(test::waitForTrace(session));
    session.setSelection({5, 9, 10, 1});
    EXPECT_EQ(session.selection().layer, 1);
    EXPECT_EQ(session.selection().head, 3);
    EXPECT_EQ(session.selection().query, 2);
    session.setText(QStringLiteral("one"));
    ASSERT_TRUE(test::waitForTrace(session));
    EXPECT_EQ(session.selection().query, 0);
    EXPECT_EQ(session.selection().key, 0);
}

TEST(Session, LongTextIsCutToTheContextWithANotice) {
    Session session(test::teachingModel());
    QString text;
    for (int i = 0; i < 300; ++i) text += QStringLiteral("w ");
    session.setText(text);
    ASSERT_TRUE(test::waitForTrace(session));
    ASSERT_TRUE(session.trace());
    EXPECT_EQ(session.trace()->tokenCount(), test::teachingModel()->config().contextLength);
    EXPECT_TRUE(session.notice().contains(QStringLiteral("300")));
}
