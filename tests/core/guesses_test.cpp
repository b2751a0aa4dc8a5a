// SPDX-License-Identifier: MIT
// Guesses are computed once, when first asked for, from any thread; a trace's guesses outlive its model.
#include "models/builtin_models.h"
#include "models/model.h"
#include "trace/attention_trace.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace qkview {
namespace {

TEST(LazyGuesses, ComputedOnceOnFirstUseFromAnyThread) {
    std::atomic<int> calls = 0;
    const LazyGuesses guesses([&] {
        ++calls;
        return Guesses{{{QStringLiteral(" mat"), 7, 0.5f}}, {}};
    });
    EXPECT_EQ(calls, 0) << "nothing is computed before a view asks";
    std::vector<std::thread> readers;
    for (int i = 0; i < 4; ++i) readers.emplace_back([&] { EXPECT_EQ(guesses.get().nextTokens.at(0).id, 7); });
    for (std::thread& t : readers) t.join();
    EXPECT_EQ(calls, 1);

    const LazyGuesses copy = guesses; // copies the function, not the result
    EXPECT_EQ(copy.get().nextTokens.size(), 1u);
    EXPECT_EQ(calls, 2);
    EXPECT_TRUE(LazyGuesses().get().nextTokens.empty());
}

TEST(LazyGuesses, ATracesGuessesOutliveItsModel) {
    auto model = loadModel(QStringLiteral("tiny"));
    const QString text = QStringLiteral("A cat is a small");
    const std::vector<Prediction> expected = traceText(*model, text, {})->nextTokens();
    ASSERT_EQ(expected.size(), 10u);
    const TracePtr trace = traceText(*model, text + QStringLiteral(" "), {});
    const TracePtr same = traceText(*model, text, {});
    model.reset(); // closed before any view asked (ASan would see a read of freed weights)
    ASSERT_EQ(same->nextTokens().size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(same->nextTokens()[i].id, expected[i].id);
        EXPECT_EQ(same->nextTokens()[i].text, expected[i].text);
        EXPECT_NEAR(same->nextTokens()[i].p, expected[i].p, 1e-5); // rows reused from the trace before: not bit-equal
    }
    EXPECT_FALSE(trace->nextTokens().empty());
}

} // namespace
} // namespace qkview
