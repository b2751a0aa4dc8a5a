// SPDX-License-Identifier: MIT
// The Compare tab: a second text through the same model, options and head as the sentence above.
#include "views/compare_view.h"
#include "views/sentence_edit.h"
#include "window/main_window.h"
#include "widget_test_support.h"

#include <QLineEdit>

#include <gtest/gtest.h>

using namespace qkview;
using namespace qkview::ui;

TEST(ComparePanel, TheSecondTextStartsAsTheFirstAndFollowsItsOwnEdits) {
    test::ShownWindow w;
    w.window.sentenceEdit()->setPlainText(QStringLiteral("the cat sat on the mat"));
    ASSERT_TRUE(test::waitForTrace(w.session()));
    ASSERT_TRUE(w.window.showSideTab(QStringLiteral("compare")));
    auto* panel = w.window.findChild<ComparePanel*>();
    ASSERT_NE(panel, nullptr);
    EXPECT_EQ(panel->secondText()->text(), QStringLiteral("the cat sat on the mat")) << "B starts as a copy of A";
    panel->secondText()->setText(QStringLiteral("the dog sat on the mat"));
    Session* b = w.session().comparison();
    ASSERT_TRUE(test::waitFor([&] { return b->trace() && b->trace()->text == QStringLiteral("the dog sat on the mat"); }));
    QCoreApplication::processEvents();
    ASSERT_TRUE(panel->view()->scene().has_value());
    const Selection& sel = w.session().selection();
    const Matrix expected = b->trace()->head(sel.layer, sel.head)->weights - w.session().trace()->head(sel.layer, sel.head)->weights;
    ASSERT_TRUE(panel->view()->scene()->difference.has_value());
    EXPECT_TRUE(panel->view()->scene()->difference->data.values.isApprox(expected));
    // The comparison follows the window's model options.
    AttentionOptions options = w.session().options();
    options.causal = !options.causal;
    w.session().setOptions(options);
    EXPECT_EQ(b->options(), options);
}
