// SPDX-License-Identifier: MIT
// Opening a GPT-2 folder from the main window: loading off the GUI thread, text kept, errors shown.
#include "views/controls_panel.h"
#include "views/heatmap_view.h"
#include "widget_test_support.h"

#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QMessageBox>

using namespace qkview;
using namespace qkview::ui;

namespace {
const QString kTinyModel = QStringLiteral(QKVIEW_TEST_DATA "/gpt2/tiny_prefixed_f32");

} // namespace

TEST(ModelSwitch, OpeningAFolderKeepsTheTextAndShowsEveryHead) {
    MainWindow window(test::teachingModel(), false);
    window.resize(1366, 768);
    window.show();
    ASSERT_TRUE(test::waitForTrace(*window.session()));
    window.openModelFolder(kTinyModel);
    ASSERT_TRUE(test::waitFor([&] { return window.session()->model()->config().name != test::teachingModel()->config().name; }));
    ASSERT_TRUE(test::waitForTrace(*window.session()));
    const TracePtr trace = window.session()->trace();
    ASSERT_TRUE(trace);
    EXPECT_EQ(trace->text, MainWindow::defaultSentence()) << "the text survives a model switch";
    EXPECT_EQ(trace->config.layers, 2);
    EXPECT_EQ(window.controls()->layerBox()->count(), 2);
    EXPECT_EQ(window.controls()->headBox()->count(), 2);
    EXPECT_TRUE(window.controls()->causalBox()->isChecked());
    EXPECT_FALSE(window.controls()->causalBox()->isEnabled()) << "GPT-2's mask is fixed";
    EXPECT_FALSE(trace->nextTokens().empty());
    EXPECT_EQ(window.heatmap()->scene().data.rows(), trace->tokenCount());

    window.useBuiltInModel();
    ASSERT_TRUE(test::waitFor([&] { return window.session()->trace() && window.session()->trace()->config.layers == 2 &&
                                     window.session()->trace()->config.heads == 4; }));
    EXPECT_TRUE(window.controls()->causalBox()->isEnabled());
}

TEST(ModelSwitch, ABrokenFolderSaysWhyAndKeepsTheCurrentModel) {
    MainWindow window(test::teachingModel(), false);
    window.show();
    ASSERT_TRUE(test::waitForTrace(*window.session()));
    window.openModelFolder(QStringLiteral(QKVIEW_TEST_DATA)); // a folder without config.json
    QMessageBox* box = nullptr;
    ASSERT_TRUE(test::waitFor([&] { return (box = window.findChild<QMessageBox*>(QStringLiteral("modelError"))) != nullptr; }));
    EXPECT_TRUE(box->text().contains(QStringLiteral("config.json"))) << box->text().toStdString();
    box->close();
    EXPECT_EQ(window.session()->model(), test::teachingModel());
    EXPECT_TRUE(window.session()->trace());
}

TEST(ModelSwitch, TheBuiltInTrainedModelOpensByNameWithNamedHeads) {
    MainWindow window(test::teachingModel(), false);
    window.resize(1366, 768);
    window.show();
    ASSERT_TRUE(test::waitForTrace(*window.session()));
    window.openModelFolder(QStringLiteral("tiny"));
    ASSERT_TRUE(test::waitFor([&] { return window.session()->model()->config().family == u"GPT-2"; }));
    ASSERT_TRUE(test::waitForTrace(*window.session()));
    const ModelConfig& c = window.session()->model()->config();
    EXPECT_EQ(c.weightDtype, QStringLiteral("F16"));
    EXPECT_EQ(window.controls()->headBox()->itemText(0), QStringLiteral("0 · %1").arg(c.headName(window.session()->selection().layer, 0)))
        << "heads are named from heads.json";
    EXPECT_FALSE(window.session()->trace()->nextTokens().empty());
    EXPECT_FALSE(window.findChild<QMessageBox*>(QStringLiteral("modelError")));
}
