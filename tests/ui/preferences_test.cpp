// SPDX-License-Identifier: MIT
// Edit → Preferences: what is chosen shows at once, is what figures use, and is what a fresh start shows.
#include "figures/export_actions.h"
#include "window/preferences_dialog.h"
#include "widget_test_support.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>

using namespace qkview;
using namespace qkview::ui;

namespace {

// Opens Edit → Preferences…, lets choose() set the dialog's controls, and presses OK.
void choosePreferences(MainWindow& window, const std::function<void(PreferencesDialog&)>& choose) {
    QTimer::singleShot(0, &window, [&] {
        auto* dialog = window.findChild<PreferencesDialog*>(QStringLiteral("preferences"));
        ASSERT_TRUE(dialog);
        choose(*dialog);
        dialog->accept();
    });
    auto* action = window.findChild<QAction*>(QStringLiteral("preferencesAction"));
    ASSERT_TRUE(action);
    action->trigger();
}
} // namespace

TEST(Preferences, TheDialogGivesBackWhatItWasGiven) {
    Preferences p;
    p.colormap = ColormapId::Cividis;
    p.numbersInCells = true;
    p.figureFontSize = 11.5;
    PreferencesDialog dialog(Theme::Dark, p);
    EXPECT_EQ(dialog.theme(), Theme::Dark);
    EXPECT_EQ(dialog.preferences(), p);
    dialog.fontSizeBox()->setValue(dialog.fontSizeBox()->minimum());
    EXPECT_EQ(dialog.preferences().figureFontSize, 0) << "the lowest value reads 'automatic'";
}

TEST(Preferences, ChosenOnesShowAtOnceReachFiguresAndOutliveTheWindow) {
    test::TemporarySettings settings;
    {
        MainWindow window(test::teachingModel(), true); // keeps its settings
        window.show();
        ASSERT_TRUE(test::waitForTrace(*window.session()));
        choosePreferences(window, [](PreferencesDialog& d) {
            d.themeBox()->setCurrentIndex(2); // dark
            d.colormapBox()->setCurrentIndex(static_cast<int>(ColormapId::Magma));
            d.numbersBox()->setChecked(true);
            d.fontSizeBox()->setValue(10);
        });
        EXPECT_EQ((*window.session()).viewOptions().colormap, ColormapId::Magma);
        EXPECT_TRUE((*window.session()).viewOptions().numbersInCells);
        EXPECT_LT(QApplication::palette().color(QPalette::Window).lightness(), 128) << "the dark theme";
        EXPECT_EQ(requestFromSession((*window.session()), FigureView::Heatmap).fontSize, 10);
        window.setTheme(Theme::Light); // the other tests expect light colours
    }
    const Preferences kept = Preferences::load();
    EXPECT_EQ(kept.colormap, ColormapId::Magma);
    EXPECT_TRUE(kept.numbersInCells);
    EXPECT_EQ(kept.figureFontSize, 10);

    MainWindow fresh(test::teachingModel(), true); // settings without a last session: the preferences show
    EXPECT_EQ(fresh.session()->viewOptions().colormap, ColormapId::Magma);
    fresh.setTheme(Theme::Light);
}
