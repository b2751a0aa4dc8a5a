// SPDX-License-Identifier: MIT
// The Heads tab: a sortable table of every head's scores on the text, a row that selects its head, frames
// in each type's colour, and "Repeat to probe", which doubles the text so induction heads can show.
#include "views/heads_panel.h"
#include "views/sentence_edit.h"
#include "window/main_window.h"
#include "widget_test_support.h"

#include <QCheckBox>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>

#include <gtest/gtest.h>

using namespace qkview;
using namespace qkview::ui;

namespace {
HeadsPanel* showHeads(test::ShownWindow& w) {
    EXPECT_TRUE(w.window.showSideTab(QStringLiteral("Heads")));
    auto* panel = w.window.findChild<HeadsPanel*>();
    QCoreApplication::processEvents();
    return panel;
}

double number(const QTableWidget* table, int row, int column) { return table->item(row, column)->data(Qt::UserRole).toDouble(); }
} // namespace

TEST(HeadsPanel, TheTableListsEveryHeadsScoresAndSortsByAnyOfThem) {
    test::ShownWindow w;
    w.window.sentenceEdit()->setPlainText(QStringLiteral("the cat sat on the mat . the cat sat on the mat ."));
    ASSERT_TRUE(test::waitForTrace(w.session()));
    HeadsPanel* panel = showHeads(w);
    ASSERT_NE(panel, nullptr);
    QTableWidget* table = panel->table();
    const TracePtr trace = w.session().trace();
    ASSERT_EQ(table->rowCount(), trace->layerCount() * trace->headCount());
    for (int row = 0; row < table->rowCount(); ++row) {
        const int l = table->item(row, HeadsPanel::Layer)->text().toInt(), h = table->item(row, HeadsPanel::Head)->text().toInt();
        const HeadScores s = headScores(*trace, l, h);
        EXPECT_NEAR(number(table, row, HeadsPanel::Previous), s.previousToken, 1e-6);
        EXPECT_NEAR(number(table, row, HeadsPanel::First), s.firstToken, 1e-6);
        EXPECT_NEAR(number(table, row, HeadsPanel::Self), s.self, 1e-6);
        EXPECT_NEAR(number(table, row, HeadsPanel::Induction), s.induction.value_or(-1), 1e-6);
        EXPECT_EQ(table->item(row, HeadsPanel::Type)->text(), headTypeLabel(headType(s)));
    }
    table->sortByColumn(HeadsPanel::Previous, Qt::DescendingOrder);
    for (int row = 1; row < table->rowCount(); ++row)
        EXPECT_GE(number(table, row - 1, HeadsPanel::Previous), number(table, row, HeadsPanel::Previous)) << "sorted by number";
    EXPECT_EQ(table->item(0, HeadsPanel::Type)->text(), headTypeLabel(QStringLiteral("previous_token")));

    // A row selects its head, and selecting a head elsewhere selects its row.
    const int l = table->item(2, HeadsPanel::Layer)->text().toInt(), h = table->item(2, HeadsPanel::Head)->text().toInt();
    table->selectRow(2);
    EXPECT_EQ(w.session().selection().layer, l);
    EXPECT_EQ(w.session().selection().head, h);
    Selection sel = w.session().selection();
    sel.layer = 1;
    sel.head = 3;
    w.session().setSelection(sel);
    const QList<QTableWidgetItem*> chosen = table->selectedItems();
    ASSERT_FALSE(chosen.isEmpty());
    EXPECT_EQ(table->item(chosen.front()->row(), HeadsPanel::Layer)->text(), QStringLiteral("1"));
    EXPECT_EQ(table->item(chosen.front()->row(), HeadsPanel::Head)->text(), QStringLiteral("3"));
}

TEST(HeadsPanel, RepeatToProbeDoublesTheTextInOneUndoStepAndGivesInductionScores) {
    test::ShownWindow w;
    w.window.sentenceEdit()->setPlainText(QStringLiteral("a cat sat on my mat"));
    ASSERT_TRUE(test::waitForTrace(w.session()));
    HeadsPanel* panel = showHeads(w);
    ASSERT_NE(panel, nullptr);
    EXPECT_EQ(panel->table()->item(0, HeadsPanel::Induction)->text(), QStringLiteral("—")) << "nothing repeats yet";
    panel->repeatButton()->click();
    EXPECT_EQ(w.window.sentenceEdit()->toPlainText(), QStringLiteral("a cat sat on my mat a cat sat on my mat"));
    ASSERT_TRUE(test::waitForTrace(w.session()));
    QCoreApplication::processEvents();
    EXPECT_NE(panel->table()->item(0, HeadsPanel::Induction)->text(), QStringLiteral("—"));
    w.window.sentenceEdit()->undo();
    EXPECT_EQ(w.window.sentenceEdit()->toPlainText(), QStringLiteral("a cat sat on my mat")) << "one undo step";
}

TEST(HeadsPanel, ColourByTypeFramesTheGridsHeads) {
    test::ShownWindow w;
    HeadsPanel* panel = showHeads(w);
    ASSERT_NE(panel, nullptr);
    EXPECT_FALSE(panel->grid()->scene().colorByType);
    panel->colorByType()->setChecked(true);
    EXPECT_TRUE(panel->grid()->colorsByType());
    EXPECT_TRUE(panel->grid()->scene().colorByType);
    w.window.sentenceEdit()->setPlainText(QStringLiteral("a new text"));
    ASSERT_TRUE(test::waitForTrace(w.session()));
    QCoreApplication::processEvents();
    EXPECT_TRUE(panel->grid()->scene().colorByType) << "kept for the next trace";
}
