// SPDX-License-Identifier: MIT
// The first window on a common laptop screen (1366 × 768) and a larger one: every side tab's name whole,
// the math panel's lines neither overlapping nor cut with "…", the head box's name whole and no empty
// band under the token chips.
#include "views/controls_panel.h"
#include "views/math_view.h"
#include "views/token_chips.h"
#include "widget_test_support.h"

#include <QComboBox>
#include <QStyleOptionComboBox>
#include <QTabBar>
#include <QTabWidget>
#include <QToolButton>

using namespace qkview;
using namespace qkview::ui;

namespace {
const QSize kScreens[] = {{1366, 768}, {1920, 1080}};

struct Window : test::ShownWindow {
    explicit Window(QSize size) {
        window.resize(size);
        QCoreApplication::processEvents();
    }
};

QString describe(const MathText& t) {
    return QStringLiteral("“%1” at %2,%3 %4×%5")
        .arg(t.text)
        .arg(t.ink.x())
        .arg(t.ink.y())
        .arg(t.ink.width())
        .arg(t.ink.height());
}
} // namespace

TEST(FirstLook, EveryTabTitleFitsItsTab) {
    for (const QSize size : kScreens) {
        Window w(size);
        const QTabBar* bar = w.window.sideTabs()->tabBar();
        ASSERT_EQ(bar->count(), 8);
        for (int i = 0; i < bar->count(); ++i) {
            const QString title = bar->tabText(i).remove(u'&'); // the mnemonic's marker is not drawn
            const QRect tab = bar->tabRect(i);
            EXPECT_GT(tab.width(), bar->fontMetrics().horizontalAdvance(title))
                << title.toStdString() << " is cut";
            EXPECT_TRUE(bar->rect().contains(tab)) << title.toStdString() << " is scrolled out of the bar at "
                                                   << size.width() << "×" << size.height();
        }
        for (const QToolButton* arrow : bar->findChildren<QToolButton*>())
            EXPECT_FALSE(arrow->isVisible()) << "the tab bar needs its scroll arrows";
    }
}

TEST(FirstLook, MathLinesNeitherOverlapNorEndInAnEllipsis) {
    for (const QSize size : kScreens) {
        Window w(size);
        ASSERT_TRUE(w.window.showSideTab(QStringLiteral("math")));
        QCoreApplication::processEvents();
        MathView* math = w.window.mathView();
        ASSERT_LE(math->width(), math->parentWidget()->width()) << "the panel is wider than its scroll area";
        const MathLayout layout = math->currentLayout();
        ASSERT_GT(layout.texts.size(), 10u) << "the first window shows the math of sat → cat";
        for (const MathText& t : layout.texts) {
            EXPECT_FALSE(t.elided) << describe(t).toStdString() << " was cut";
            EXPECT_FALSE(t.text.endsWith(u'…')) << describe(t).toStdString();
            EXPECT_TRUE(QRectF(math->rect()).contains(t.ink))
                << describe(t).toStdString() << " leaves the panel";
        }
        for (size_t i = 0; i < layout.texts.size(); ++i)
            for (size_t j = i + 1; j < layout.texts.size(); ++j)
                EXPECT_FALSE(layout.texts[i].ink.intersects(layout.texts[j].ink))
                    << describe(layout.texts[i]).toStdString() << " overlaps "
                    << describe(layout.texts[j]).toStdString();
        EXPECT_LE(layout.height, math->height()) << "the panel is as tall as its lines";
    }
}

TEST(FirstLook, TheHeadBoxShowsTheWholeHeadName) {
    for (const QSize size : kScreens) {
        Window w(size);
        const QComboBox* head = w.window.controls()->headBox();
        ASSERT_EQ(head->currentText(), QStringLiteral("2 · verb → noun before"));
        QStyleOptionComboBox option;
        option.initFrom(head);
        option.currentText = head->currentText();
        const QRect field =
            head->style()->subControlRect(QStyle::CC_ComboBox, &option, QStyle::SC_ComboBoxEditField, head);
        EXPECT_GE(field.width(), head->fontMetrics().horizontalAdvance(head->currentText()))
            << "the head's name is cut";
    }
}

TEST(FirstLook, NoEmptyBandUnderTheTokenChips) {
    Window w(kScreens[0]);
    const auto* chips = w.window.findChild<TokenChips*>();
    ASSERT_NE(chips, nullptr);
    double bottom = 0;
    for (const QRectF& chip : chips->chipRects())
        bottom = std::max(bottom, chip.bottom());
    EXPECT_EQ(chips->rowCount(), 1);
    EXPECT_LE(chips->height() - bottom, 4.0) << "the strip keeps room for rows it does not have";
}
