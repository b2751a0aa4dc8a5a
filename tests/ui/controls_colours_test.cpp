// SPDX-License-Identifier: MIT
// The main window's Colours box: the base maps and a "reversed" check box, and the map actually in use
// (scores are always blue-red) rather than the one chosen.
#include "views/controls_panel.h"
#include "widget_test_support.h"

#include <QCheckBox>
#include <QComboBox>

using namespace qkview;
using namespace qkview::ui;

TEST(ControlsColours, BaseMapsAndAReversedBoxMakeEveryMap) {
    test::ShownWindow w;
    ControlsPanel* c = w.window.controls();
    EXPECT_EQ(c->colourBox()->count(), 5) << "viridis, cividis, magma, greys, blue-red; no _r twins";
    for (int i = 0; i < c->colourBox()->count(); ++i)
        EXPECT_FALSE(c->colourBox()->itemText(i).contains(QStringLiteral("_r")));
    c->colourBox()->setCurrentIndex(static_cast<int>(ColormapId::Greys));
    EXPECT_EQ(w.session().viewOptions().colormap, ColormapId::Greys);
    c->reversedBox()->setChecked(true);
    EXPECT_EQ(w.session().viewOptions().colormap, ColormapId::GreysR);
    c->colourBox()->setCurrentIndex(static_cast<int>(ColormapId::Magma));
    EXPECT_EQ(w.session().viewOptions().colormap, ColormapId::MagmaR)
        << "the reversal stays with the next map";
}

TEST(ControlsColours, ScoresSayTheyAreDrawnWithBlueRed) {
    test::ShownWindow w;
    ControlsPanel* c = w.window.controls();
    c->colourBox()->setCurrentIndex(static_cast<int>(ColormapId::Greys));
    EXPECT_TRUE(c->colourBox()->isEnabled());
    EXPECT_TRUE(c->colourBox()->currentText().startsWith(QStringLiteral("greys")));
    c->kindBox()->setCurrentIndex(static_cast<int>(MatrixKind::Scores));
    EXPECT_FALSE(c->colourBox()->isEnabled()) << "the choice does not apply to scores";
    EXPECT_TRUE(c->colourBox()->currentText().startsWith(QStringLiteral("blue-red")))
        << c->colourBox()->currentText().toStdString();
    EXPECT_TRUE(c->colourBox()->currentText().contains(QStringLiteral("scores")));
    EXPECT_TRUE(c->colourBox()->toolTip().contains(QStringLiteral("greys")))
        << "and says what the chosen map is for";
    EXPECT_EQ(w.session().viewOptions().colormap, ColormapId::Greys) << "the choice is kept for weights";
    c->kindBox()->setCurrentIndex(static_cast<int>(MatrixKind::Weights));
    EXPECT_TRUE(c->colourBox()->isEnabled());
    EXPECT_TRUE(c->colourBox()->currentText().startsWith(QStringLiteral("greys")));
}

TEST(ControlsColours, BlueRedChosenForWeightsNamesTheMapUsed) {
    test::ShownWindow w;
    ControlsPanel* c = w.window.controls();
    c->colourBox()->setCurrentIndex(static_cast<int>(ColormapId::Diverging));
    EXPECT_TRUE(c->colourBox()->isEnabled()) << "the user can choose another map";
    EXPECT_TRUE(c->colourBox()->currentText().contains(QStringLiteral("viridis")))
        << c->colourBox()->currentText().toStdString();
    c->kindBox()->setCurrentIndex(static_cast<int>(MatrixKind::Scores));
    EXPECT_TRUE(c->colourBox()->isEnabled()) << "blue-red is what scores use";
    EXPECT_FALSE(c->colourBox()->currentText().contains(QStringLiteral("viridis")));
}
