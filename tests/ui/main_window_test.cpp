// SPDX-License-Identifier: MIT
// The main window as a user drives it, under the offscreen platform.
#include "views/controls_panel.h"
#include "views/heatmap_view.h"
#include "views/math_view.h"
#include "views/sentence_edit.h"
#include "widget_test_support.h"

#include <QCheckBox>
#include <QComboBox>
#include <QSlider>
#include <QTabWidget>
#include <QTest>

using namespace qkview;
using namespace qkview::ui;

namespace {
struct Window : test::ShownWindow {
    void type(const QString& text) {
        window.sentenceEdit()->setFocus();
        QTest::keyClicks(window.sentenceEdit(), text);
        EXPECT_TRUE(test::waitForTrace(session()));
    }
    QImage heatmapImage() { return window.heatmap()->grab().toImage(); }
};
} // namespace

TEST(MainWindow, StartsOnTheCatSentenceWithTheSubjectFinder) {
    Window w;
    ASSERT_TRUE(w.session().trace());
    EXPECT_EQ(w.session().trace()->tokenCount(), 6);
    EXPECT_EQ(w.window.controls()->headBox()->currentText(), QStringLiteral("2 · verb → noun before"));
    EXPECT_EQ(w.session().selection().query, 2);
}

TEST(MainWindow, TypingChangesTheTokensAndTheTrace) {
    Window w;
    w.window.sentenceEdit()->moveCursor(QTextCursor::End);
    w.type(QStringLiteral(" today"));
    ASSERT_TRUE(w.session().trace());
    EXPECT_EQ(w.session().trace()->text, QStringLiteral("The cat sat on the mat today"));
    EXPECT_EQ(w.session().trace()->tokenCount(), 7);
    EXPECT_EQ(w.window.heatmap()->scene().data.rows(), 7);
}

TEST(MainWindow, ClickingACellSelectsItAndTheMathShowsThatPair) {
    Window w;
    w.window.heatmap()->grab(); // lay out the picture
    const QRectF cell = w.window.heatmap()->cellRect(4, 5);
    ASSERT_FALSE(cell.isEmpty());
    QTest::mouseClick(w.window.heatmap(), Qt::LeftButton, {}, cell.center().toPoint());
    EXPECT_EQ(w.session().selection().query, 4);
    EXPECT_EQ(w.session().selection().key, 5);
    QCoreApplication::processEvents();
    const MathScene& math = w.window.mathView()->scene();
    ASSERT_TRUE(math.weight.has_value());
    const Selection& sel = w.session().selection();
    const HeadPtr derived = w.session().trace()->head(sel.layer, sel.head);
    const HeadTrace& head = *derived;
    EXPECT_EQ(math.query, QStringLiteral("the"));
    EXPECT_EQ(math.key, QStringLiteral("mat"));
    EXPECT_EQ(math.weight->weight, head.weights(4, 5));
    EXPECT_EQ(math.weight->dot, head.scores(4, 5));
    EXPECT_EQ(math.weight->q, RowVector(head.q.row(4)));
}

TEST(MainWindow, ArrowKeysMoveTheSelection) {
    Window w;
    w.window.heatmap()->setFocus();
    QTest::keyClick(w.window.heatmap(), Qt::Key_Down);
    QTest::keyClick(w.window.heatmap(), Qt::Key_Right);
    EXPECT_EQ(w.session().selection().query, 3);
    EXPECT_EQ(w.session().selection().key, 2);
}

TEST(MainWindow, ControlsChangeTheHeatmapAsTheTraceDoes) {
    Window w;
    const Matrix before = w.window.heatmap()->scene().data.values;
    w.window.controls()->headBox()->setCurrentIndex(0);
    QCoreApplication::processEvents();
    EXPECT_EQ(w.session().selection().head, 0);
    const Matrix previousToken = w.window.heatmap()->scene().data.values;
    EXPECT_EQ(previousToken, w.session().trace()->head(0, 0)->weights);
    EXPECT_NE(previousToken, before);

    w.window.controls()->scaleBox()->setChecked(false);
    ASSERT_TRUE(test::waitForTrace(w.session()));
    EXPECT_FALSE(w.session().trace()->options.scale);
    EXPECT_EQ(w.window.heatmap()->scene().data.values, w.session().trace()->head(0, 0)->weights);
    EXPECT_NE(w.window.heatmap()->scene().data.values, previousToken);

    w.window.controls()->temperatureSlider()->setValue(100); // temperature 10
    ASSERT_TRUE(test::waitForTrace(w.session()));
    EXPECT_NEAR(w.session().trace()->options.temperature, 10.0f, 1e-4f);
    EXPECT_LT(w.window.heatmap()->scene().data.values.maxCoeff(), previousToken.maxCoeff());

    w.window.controls()->kindBox()->setCurrentIndex(1); // raw scores
    QCoreApplication::processEvents();
    EXPECT_TRUE(w.window.heatmap()->scene().data.diverging);
    EXPECT_EQ(w.window.heatmap()->scene().data.values, w.session().trace()->head(0, 0)->scores);
}

TEST(MainWindow, EmptySentenceShowsAFriendlyEmptyState) {
    Window w;
    w.window.sentenceEdit()->clear();
    ASSERT_TRUE(test::waitForTrace(w.session()));
    EXPECT_FALSE(w.session().trace());
    EXPECT_TRUE(w.session().notice().contains(QStringLiteral("Type a sentence")));
    EXPECT_EQ(w.window.heatmap()->scene().data.rows(), 0);
    const QImage image = w.heatmapImage();
    EXPECT_FALSE(image.isNull());
    w.type(QStringLiteral("Hello"));
    EXPECT_EQ(w.session().trace()->tokenCount(), 1);
}

TEST(MainWindow, RenderedCellsFollowTheWeights) {
    Window w;
    const QImage window = w.window.grab().toImage();
    QSet<QRgb> colours;
    for (int y = 0; y < window.height(); y += 7)
        for (int x = 0; x < window.width(); x += 7) colours.insert(window.pixel(x, y));
    EXPECT_GT(colours.size(), 20) << "the window is not blank";

    const QImage image = w.heatmapImage();
    const Matrix weights = w.session().trace()->head(0, 2)->weights;
    const qreal dpr = w.window.heatmap()->devicePixelRatioF();
    for (int q = 0; q < weights.rows(); ++q) {
        Eigen::Index hi = 0, lo = 0;
        weights.row(q).maxCoeff(&hi);
        weights.row(q).minCoeff(&lo);
        const auto lightness = [&](Eigen::Index k) {
            const QPointF c = w.window.heatmap()->cellRect(q, static_cast<int>(k)).center() * dpr;
            return Colormap::luminance(QColor(image.pixel(c.toPoint())));
        };
        EXPECT_GT(lightness(hi), lightness(lo)) << "row " << q << ": viridis draws higher weights brighter";
    }
}

TEST(MainWindow, LongInputStaysUsable) {
    Window w;
    QString text;
    for (int i = 0; i < 200; ++i) text += QStringLiteral("word%1 ").arg(i);
    w.window.sentenceEdit()->setPlainText(text);
    ASSERT_TRUE(test::waitForTrace(w.session()));
    EXPECT_EQ(w.session().trace()->tokenCount(), 200);
    HeatmapView* heatmap = w.window.heatmap();
    heatmap->grab();
    EXPECT_TRUE(heatmap->isFit()) << "a long text opens whole";
    EXPECT_FALSE(heatmap->currentGeometry().scrollable());
    EXPECT_TRUE(heatmap->rect().contains(heatmap->cellRect(199, 199).toRect())) << "the last cell is on screen";
    // Ctrl++ zooms in until a label fits every row; the matrix scrolls under frozen labels.
    for (int i = 0; i < 12; ++i) QTest::keyClick(heatmap, Qt::Key_Plus, Qt::ControlModifier);
    EXPECT_FALSE(heatmap->isFit());
    EXPECT_GE(heatmap->cellSize(), 16);
    EXPECT_TRUE(heatmap->currentGeometry().scrollable());
    EXPECT_EQ(heatmap->currentGeometry().labelStep(), 1);
    QTest::keyClick(heatmap, Qt::Key_0, Qt::ControlModifier);
    EXPECT_TRUE(heatmap->isFit()) << "Ctrl+0 fits again";
}
