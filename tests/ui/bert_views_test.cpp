// SPDX-License-Identifier: MIT
// What a BERT-family folder adds to the window: fill-in-the-blank guesses that go into the text when
// clicked, and the sentence-pair filter for "A [SEP] B".
#include "views/controls_panel.h"
#include "views/heatmap_view.h"
#include "views/next_token_view.h"
#include "views/sentence_edit.h"
#include "weights/model_folder.h"
#include "widget_test_support.h"

#include <QComboBox>
#include <QTabWidget>
#include <QTest>

using namespace qkview;
using namespace qkview::ui;

namespace {
std::shared_ptr<const Model> bertModel() {
    static const std::shared_ptr<const Model> model = loadModelFolder(QStringLiteral(QKVIEW_TEST_DATA "/bert/bert_prefixed_f32"));
    return model;
}

// The Next token tab, shown (a hidden view catches up only when shown).
NextTokenView* shownPredictions(MainWindow& window) {
    if (!window.showSideTab(QStringLiteral("next"))) return nullptr;
    QCoreApplication::processEvents();
    for (int i = 0; i < window.sideTabs()->count(); ++i)
        if (auto* view = qobject_cast<NextTokenView*>(window.sideTabs()->widget(i))) return view;
    return nullptr;
}

struct BertWindow {
    MainWindow window{bertModel(), false};
    explicit BertWindow(const QString& text) {
        window.resize(1366, 768);
        window.show();
        window.sentenceEdit()->setPlainText(text);
        EXPECT_TRUE(test::waitForTrace(*window.session()));
    }
};
} // namespace

TEST(BertViews, EachMaskShowsItsGuessesAndAClickPutsOneIntoTheText) {
    BertWindow w(QStringLiteral("the cat sat on the [MASK] ."));
    NextTokenView* view = shownPredictions(w.window);
    ASSERT_TRUE(view);
    const TracePtr trace = w.window.session()->trace();
    ASSERT_EQ(trace->fillMask().size(), 1u);
    ASSERT_EQ(view->sections().size(), 1u);
    const NextTokenView::Section& section = view->sections().front();
    EXPECT_EQ(section.maskPosition, trace->fillMask()[0].position);
    ASSERT_EQ(section.predictions.size(), 10u);
    EXPECT_EQ(section.predictions[0].id, trace->fillMask()[0].predictions[0].id) << "the trace's own guesses, best first";

    // The third guess, clicked: it replaces [MASK] and the rest of the text stays.
    const Prediction third = section.predictions[2];
    QString piece = third.text.startsWith(QStringLiteral("##")) ? third.text.mid(2) : third.text.trimmed();
    const QRectF row = view->predictionRect(0, 2, QRectF(view->rect()));
    QTest::mouseClick(view, Qt::LeftButton, {}, row.center().toPoint());
    EXPECT_EQ(w.window.sentenceEdit()->toPlainText(), QStringLiteral("the cat sat on the %1 .").arg(piece));
    w.window.sentenceEdit()->undo();
    EXPECT_EQ(w.window.sentenceEdit()->toPlainText(), QStringLiteral("the cat sat on the [MASK] .")) << "one undo step";
}

// Guesses read the whole vocabulary matrix: the worker computes them with each trace only while the Next
// token tab is shown; otherwise they wait until something asks.
TEST(BertViews, GuessesAreComputedWithTheTraceOnlyWhileTheirTabIsShown) {
    BertWindow w(QStringLiteral("the cat sat on the [MASK] ."));
    ASSERT_TRUE(w.window.showSideTab(QStringLiteral("math")));
    w.window.sentenceEdit()->setPlainText(QStringLiteral("the dog sat on the [MASK] ."));
    ASSERT_TRUE(test::waitFor([&] { return w.window.session()->trace()->text.startsWith(QStringLiteral("the dog")); }));
    QCoreApplication::processEvents();
    EXPECT_FALSE(w.window.session()->trace()->guesses.isComputed()) << "computed with no view showing them";

    ASSERT_TRUE(shownPredictions(w.window));
    w.window.sentenceEdit()->setPlainText(QStringLiteral("the cow sat on the [MASK] ."));
    ASSERT_TRUE(test::waitFor([&] { return w.window.session()->trace()->text.startsWith(QStringLiteral("the cow")); }));
    EXPECT_TRUE(w.window.session()->trace()->guesses.isComputed()) << "not computed by the worker";
    EXPECT_EQ(w.window.session()->trace()->fillMask().size(), 1u);
}

TEST(BertViews, GuessesFollowTheMasksOfTheText) {
    BertWindow w(QStringLiteral("the [MASK] sat on the [MASK] ."));
    NextTokenView* view = shownPredictions(w.window);
    ASSERT_TRUE(view);
    EXPECT_EQ(view->sections().size(), 2u) << "one list of guesses per mask";
    w.window.sentenceEdit()->setPlainText(QStringLiteral("the cat sat on the mat ."));
    ASSERT_TRUE(test::waitForTrace(*w.window.session()));
    EXPECT_TRUE(view->sections().empty()) << "no mask, no guesses: the tab says how to ask for them";
}

TEST(BertViews, TheSentencePairFilterHidesTheOtherPairsOfTokens) {
    BertWindow w(QStringLiteral("the cat sat [SEP] it was warm"));
    const TracePtr trace = w.window.session()->trace();
    ASSERT_TRUE(trace);
    std::vector<int> types = trace->tokenTypes;
    ASSERT_EQ(types.size(), static_cast<size_t>(trace->tokenCount()));
    ASSERT_EQ(types.front(), 0);
    ASSERT_EQ(types.back(), 1);
    QComboBox* pairs = w.window.controls()->pairBox();
    EXPECT_TRUE(pairs->isVisibleTo(&w.window)) << "a pair: the filter is offered";
    pairs->setCurrentIndex(static_cast<int>(PairFilter::AToB));
    QCoreApplication::processEvents();
    const MatrixData& data = w.window.heatmap()->scene().data;
    ASSERT_EQ(data.rows(), trace->tokenCount());
    int shown = 0;
    for (int i = 0; i < data.rows(); ++i)
        for (int j = 0; j < data.columns(); ++j) {
            const bool aToB = types[static_cast<size_t>(i)] == 0 && types[static_cast<size_t>(j)] == 1;
            EXPECT_EQ(data.masked.rows() > 0 && data.masked(i, j), !aToB) << i << " → " << j;
            shown += aToB;
        }
    EXPECT_GT(shown, 0);

    w.window.sentenceEdit()->setPlainText(QStringLiteral("the cat sat on the mat"));
    ASSERT_TRUE(test::waitForTrace(*w.window.session()));
    EXPECT_FALSE(pairs->isVisibleTo(&w.window)) << "one sentence: no filter";
    const MatrixData& single = w.window.heatmap()->scene().data;
    for (int i = 0; i < single.rows(); ++i)
        for (int j = 0; j < single.columns(); ++j) EXPECT_FALSE(single.masked.rows() > 0 && single.masked(i, j));
}

TEST(SentencePair, TheFilterKeepsExactlyItsQuadrant) {
    EXPECT_FALSE(hasSentencePair({0, 0, 0}));
    EXPECT_TRUE(hasSentencePair({0, 0, 1}));
    for (int q = 0; q < 2; ++q)
        for (int k = 0; k < 2; ++k) {
            EXPECT_TRUE(pairFilterShows(PairFilter::All, q, k));
            EXPECT_EQ(pairFilterShows(PairFilter::WithinA, q, k), q == 0 && k == 0);
            EXPECT_EQ(pairFilterShows(PairFilter::WithinB, q, k), q == 1 && k == 1);
            EXPECT_EQ(pairFilterShows(PairFilter::AToB, q, k), q == 0 && k == 1);
            EXPECT_EQ(pairFilterShows(PairFilter::BToA, q, k), q == 1 && k == 0);
        }
}
