// SPDX-License-Identifier: MIT
// A tooltip on every control, an accessible name on every view, and the window usable from the keyboard:
// Tab goes from the sentence through the controls to the heatmap and on to the side tabs.
#include "figures/export_figure_dialog.h"
#include "views/controls_panel.h"
#include "views/heatmap_view.h"
#include "views/painted_view.h"
#include "views/sentence_edit.h"
#include "views/token_chips.h"
#include "widget_test_support.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QMenuBar>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>

using namespace qkview;
using namespace qkview::ui;

namespace {
bool isControl(const QWidget* w) {
    return qobject_cast<const QAbstractButton*>(w) || qobject_cast<const QComboBox*>(w) ||
           qobject_cast<const QSlider*>(w) || qobject_cast<const QAbstractSpinBox*>(w) ||
           qobject_cast<const QLineEdit*>(w);
}

// Parts Qt builds inside its own widgets (a spin box's line edit, a tab bar's scroll arrows, the menu bar's
// overflow button, a table's corner button, a line edit's clear button) are described by those widgets, not by us.
bool insideQtWidget(const QWidget* w, const QWidget* top) {
    for (const QWidget* p = w->parentWidget(); p && p != top; p = p->parentWidget())
        if (qobject_cast<const QTabBar*>(p) || qobject_cast<const QMenuBar*>(p) || qobject_cast<const QComboBox*>(p) ||
            qobject_cast<const QAbstractSpinBox*>(p) || qobject_cast<const QAbstractItemView*>(p) ||
            qobject_cast<const QLineEdit*>(p))
            return true;
    return false;
}

std::string describe(const QWidget* w) {
    QString text;
    if (const auto* b = qobject_cast<const QAbstractButton*>(w)) text = b->text();
    if (const auto* c = qobject_cast<const QComboBox*>(w)) text = c->currentText();
    return QStringLiteral("%1 “%2” (%3)")
        .arg(QString::fromLatin1(w->metaObject()->className()), text, w->objectName())
        .toStdString();
}

// Every control under top has a tooltip; returns how many were checked.
int expectToolTips(const QWidget& top) {
    int checked = 0;
    for (const QWidget* w : top.findChildren<QWidget*>()) {
        if (!isControl(w) || insideQtWidget(w, &top)) continue;
        ++checked;
        EXPECT_FALSE(w->toolTip().trimmed().isEmpty()) << describe(w) << " has no tooltip";
    }
    return checked;
}

QWidget* focused() {
    return QApplication::focusWidget();
}
} // namespace

TEST(Accessibility, EveryControlOfTheWindowHasATooltip) {
    test::ShownWindow w;
    EXPECT_GE(expectToolTips(w.window), 13) << "the controls, the heatmap's bar and the colour scale";
}

TEST(Accessibility, EveryControlOfTheExportDialogHasATooltip) {
    test::ShownWindow w;
    ExportFigureDialog dialog(&w.session(), &w.window);
    EXPECT_GE(expectToolTips(dialog), 20);
}

TEST(Accessibility, EveryViewHasAnAccessibleName) {
    test::ShownWindow w;
    const auto painted = w.window.findChildren<PaintedView*>();
    EXPECT_GE(painted.size(), 7) << "heatmap, lines, values, math, vectors, next token, heads";
    for (const PaintedView* v : painted)
        EXPECT_FALSE(v->accessibleName().isEmpty())
            << v->metaObject()->className() << " has no accessible name";
    const QTabWidget* tabs = w.window.sideTabs();
    for (int i = 0; i < tabs->count(); ++i) {
        QWidget* page = tabs->widget(i);
        if (auto* area = qobject_cast<QScrollArea*>(page)) page = area->widget(); // the view inside
        EXPECT_FALSE(page->accessibleName().isEmpty())
            << tabs->tabText(i).toStdString() << " has no accessible name";
        EXPECT_FALSE(page->accessibleDescription().isEmpty())
            << tabs->tabText(i).toStdString() << " is not described";
    }
    for (const QWidget* v : std::initializer_list<const QWidget*>{
             w.window.findChild<TokenChips*>(), w.window.heatmap(), w.window.sentenceEdit()}) {
        ASSERT_NE(v, nullptr);
        EXPECT_FALSE(v->accessibleName().isEmpty()) << v->metaObject()->className();
    }
}

TEST(Keyboard, TabGoesFromTheSentenceThroughTheControlsToTheHeatmapAndTheSideTabs) {
    test::ShownWindow w;
    w.window.activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(&w.window));
    w.window.sentenceEdit()->setFocus();
    ASSERT_EQ(focused(), w.window.sentenceEdit());
    std::vector<QWidget*> order;
    for (int i = 0; i < 40 && (order.empty() || order.back() != w.window.sentenceEdit()); ++i) {
        QTest::keyClick(focused(), Qt::Key_Tab);
        order.push_back(focused());
    }
    std::string visited;
    for (const QWidget* v : order)
        visited += describe(v) + "\n";
    SCOPED_TRACE("Tab visits:\n" + visited);
    const auto at = [&](const QWidget* target) {
        return std::find(order.begin(), order.end(), target) - order.begin();
    };
    const auto layer = at(w.window.controls()->layerBox()), heatmap = at(w.window.heatmap()),
               tabs = at(w.window.sideTabs()->tabBar());
    ASSERT_LT(heatmap, static_cast<std::ptrdiff_t>(order.size())) << "Tab never reaches the heatmap";
    EXPECT_EQ(layer, 0) << "the controls come right after the text";
    EXPECT_LT(layer, heatmap);
    EXPECT_LT(heatmap, tabs) << "the side tabs come after the heatmap";
    EXPECT_LT(tabs, static_cast<std::ptrdiff_t>(order.size()));
}

TEST(Keyboard, TheHeatmapShowsItHasTheFocus) {
    test::ShownWindow w;
    w.window.activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(&w.window));
    HeatmapView* heatmap = w.window.heatmap();
    EXPECT_EQ(heatmap->focusPolicy(), Qt::StrongFocus) << "Tab and a click both give it the keyboard";
    w.window.sentenceEdit()->setFocus();
    const QImage without = heatmap->grab().toImage();
    heatmap->setFocus();
    ASSERT_TRUE(heatmap->hasFocus());
    const QImage with = heatmap->grab().toImage();
    const QPoint edge(static_cast<int>(heatmap->devicePixelRatioF()),
                      with.height() / 2); // on the left border
    EXPECT_NE(with.pixel(edge), without.pixel(edge)) << "no focus frame";
    const int query = w.session().selection().query;
    QTest::keyClick(heatmap, Qt::Key_Down);
    EXPECT_EQ(w.session().selection().query, query + 1) << "the arrow keys move the selection";
}
