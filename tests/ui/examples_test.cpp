// SPDX-License-Identifier: MIT
// Help → Examples: the shipped list is valid and each entry opens its model, text, head and query.
#include "base/error.h"
#include "window/examples.h"
#include "window/examples_dialog.h"
#include "widget_test_support.h"

#include <QListWidget>
#include <QTabWidget>

using namespace qkview;
using namespace qkview::ui;


TEST(Examples, TheShippedListNamesBothBuiltInModels) {
    const std::vector<Example>& examples = builtInExamples();
    ASSERT_GE(examples.size(), 8u);
    bool teaching = false, tiny = false;
    for (const Example& e : examples) {
        teaching |= e.model == u"teaching";
        tiny |= e.model == u"tiny";
    }
    EXPECT_TRUE(teaching && tiny);
}

TEST(Examples, BrokenEntriesAreRefusedWithTheirIndexAndField) {
    const std::vector<std::pair<const char*, const char*>> cases = {
        {"{}", "expected a JSON list"},
        {R"([{"title": "t", "point": "p", "model": "gpt5", "text": "x"}])", "\"model\" must be one of teaching, tiny"},
        {R"([{"title": "t", "point": "p", "model": "tiny", "text": " "}])", "example 0: \"text\""},
        {R"([{"title": "t", "point": "p", "model": "tiny", "text": "x", "layer": -1}])", "\"layer\" must be a whole number"},
        {R"([{"title": "t", "point": "p", "model": "tiny", "text": "x", "occurrence": 0.5}])", "\"occurrence\""},
    };
    for (const auto& [json, expected] : cases) {
        try {
            parseExamples(json);
            ADD_FAILURE() << "accepted " << json;
        } catch (const Error& e) {
            EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
        }
    }
}

TEST(Examples, TheQueryIsTheTokenWhereItsOccurrenceStarts) {
    const QString text = QStringLiteral("the cat and the cat");
    TokenList tokens;
    for (const auto& [s, e] : std::vector<std::pair<int, int>>{{0, 3}, {3, 7}, {7, 11}, {11, 15}, {15, 19}})
        tokens.push_back({text.mid(s, e - s), 0, s, e, s, e}); // GPT-2 style: the space belongs to the next token
    Example e;
    e.query = QStringLiteral("cat");
    EXPECT_EQ(exampleQueryToken(e, text, tokens), 1);
    e.occurrence = 2;
    EXPECT_EQ(exampleQueryToken(e, text, tokens), 4);
    e.occurrence = 3;
    EXPECT_EQ(exampleQueryToken(e, text, tokens), -1);
}

TEST(Examples, OpeningEachExampleShowsItsModelTextHeadAndQuery) {
    MainWindow window(test::teachingModel(), false);
    window.resize(1366, 768);
    window.show();
    ASSERT_TRUE(test::waitForTrace(*window.session()));
    ExamplesDialog dialog(builtInExamples(), &window);
    QObject::connect(&dialog, &ExamplesDialog::exampleChosen, &window, &MainWindow::openExample);
    for (int row = 0; row < dialog.list()->count(); ++row) {
        const Example& example = builtInExamples()[static_cast<size_t>(row)];
        dialog.list()->setCurrentRow(row);
        Q_EMIT dialog.list()->itemActivated(dialog.list()->currentItem());
        Session& session = *window.session();
        ASSERT_TRUE(test::waitFor([&] {
            return session.trace() && session.trace()->text == example.text && !session.isBusy() &&
                   session.selection().layer == example.layer && session.selection().head == example.head;
        })) << example.title.toStdString();
        EXPECT_EQ(session.trace()->config.family.isEmpty(), example.model == u"teaching") << example.title.toStdString();
        if (!example.query.isEmpty()) {
            const int q = session.selection().query;
            ASSERT_GE(q, 0) << example.title.toStdString() << ": its query is among the tokens";
            EXPECT_TRUE(session.trace()->tokens[static_cast<size_t>(q)].text.contains(example.query.left(3)))
                << example.title.toStdString();
        }
        if (!example.tab.isEmpty()) {
            const QString shown = window.sideTabs()->tabText(window.sideTabs()->currentIndex()).remove(u'&');
            EXPECT_TRUE(shown.startsWith(example.tab, Qt::CaseInsensitive)) << example.title.toStdString();
        }
    }
}
