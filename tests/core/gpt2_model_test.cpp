// SPDX-License-Identifier: MIT
// TransformerModel against the independent PyTorch reference (tests/data/gpt2/make_gpt2_fixtures.py):
// every layer's residual stream and every head's q, k, v, scores, scaled scores, weights and output,
// and the top-10 next tokens, within 1e-4; then prefix reuse against full recomputation within 1e-5.
#include "base/error.h"
#include "models/transformer_model.h"
#include "gpt2_test_folder.h"
#include "weights/model_folder.h"
#include "base/parallel_for.h"
#include "reference_trace.h"
#include "test_matrices.h"

#include <QJsonArray>
#include <QTemporaryDir>

#include <algorithm>
#include <thread>

namespace qkview {
namespace {

using namespace test;

constexpr double kReferenceTolerance = 1e-4;
// Reuse computes the same sums in other orders (matrix-vector instead of matrix-matrix products), so
// traces agree to float32 rounding: differences relative to each matrix's largest magnitude (at least 1;
// scores reach 50 in these checkpoints, as GPT-2's residual stream reaches hundreds).
constexpr double kReuseTolerance = 1e-5;

QString fixtureFolder(const QString& name) { return QStringLiteral(QKVIEW_TEST_DATA "/gpt2/") + name; }

// A fixture by name, or any folder by absolute path.
std::unique_ptr<TransformerModel> loadGpt2(const QString& folder) {
    return test::loadTransformer(QDir::isAbsolutePath(folder) ? folder : fixtureFolder(folder));
}


TEST(Gpt2ModelTest, EveryLayerAndHeadMatchesTheReference) {
    const QJsonArray models = test::readJsonFixture(QStringLiteral("gpt2/reference.json")).value(u"models").toArray();
    ASSERT_EQ(models.size(), 3);
    ReferenceCheck check;
    for (const QJsonValue& m : models) {
        const QString folder = m[u"folder"].toString();
        SCOPED_TRACE(folder.toStdString());
        const auto model = loadGpt2(folder);
        ASSERT_TRUE(model);
        for (const QJsonValue& c : m[u"cases"].toArray()) {
            const std::vector<int> ids = idsOf(c[u"ids"].toArray());
            AttentionOptions options;
            options.scale = c[u"options"][u"scale"].toBool();
            options.temperature = static_cast<float>(c[u"options"][u"temperature"].toDouble());
            options.causal = false; // GPT-2 ignores this: it is always causal
            const TracePtr trace = model->forward(QString(), tokensOf(ids), options);
            EXPECT_TRUE(trace->options.causal);
            expectMatchesReference(*trace, c.toObject(), kReferenceTolerance, check);
        }
    }
    std::printf("[          ] %d matrices against PyTorch, max difference %.3g\n", check.compared, check.worst);
    EXPECT_GT(check.compared, 200);
}

TEST(Gpt2ModelTest, ConfigDescribesTheCheckpoint) {
    const QJsonArray models = test::readJsonFixture(QStringLiteral("gpt2/reference.json")).value(u"models").toArray();
    for (const QJsonValue& m : models) {
        const QString folder = m[u"folder"].toString();
        SCOPED_TRACE(folder.toStdString());
        const auto model = loadGpt2(folder);
        const ModelConfig& c = model->config();
        const QJsonValue expected = m[u"config"];
        EXPECT_EQ(c.layers, expected[u"n_layer"].toInt());
        EXPECT_EQ(c.heads, expected[u"n_head"].toInt());
        EXPECT_EQ(c.dModel, expected[u"n_embd"].toInt());
        EXPECT_EQ(c.dHead, expected[u"n_embd"].toInt() / expected[u"n_head"].toInt());
        EXPECT_EQ(c.contextLength, expected[u"n_positions"].toInt());
        EXPECT_EQ(c.vocabSize, expected[u"vocab_size"].toInt());
        EXPECT_EQ(c.parameterCount, m[u"parameters"].toInteger());
        EXPECT_EQ(c.name, expected[u"_name_or_path"].toString(folder));
        EXPECT_EQ(c.headName(1, 1), QStringLiteral("L1.H1"));
    }
}

TEST(Gpt2ModelTest, ForwardChecksItsInputsFirst) {
    const auto model = loadGpt2(QStringLiteral("tiny_prefixed_f32")); // 32 positions, 297 tokens
    const auto kindOf = [&](const TokenList& tokens, const AttentionOptions& options = {}) {
        try {
            model->forward(QString(), tokens, options);
        } catch (const Error& e) {
            return e.kind();
        }
        ADD_FAILURE() << "accepted bad input";
        return Error::Kind::Io;
    };
    EXPECT_EQ(kindOf({}), Error::Kind::InvalidInput);
    EXPECT_EQ(kindOf(tokensOf(std::vector<int>(33, 1))), Error::Kind::InvalidInput);
    EXPECT_EQ(kindOf(tokensOf({1, 297})), Error::Kind::InvalidInput);
    EXPECT_EQ(kindOf(tokensOf({-1})), Error::Kind::InvalidInput);
    AttentionOptions frozen;
    frozen.temperature = 0.0f;
    EXPECT_EQ(kindOf(tokensOf({1, 2}), frozen), Error::Kind::InvalidArgument);
    EXPECT_NO_THROW(model->forward(QString(), tokensOf(std::vector<int>(32, 296)), {}));
}


TEST(Gpt2ModelTest, PrefixReuseEqualsFullRecomputation) {
    for (const char* folder : {"tiny_prefixed_f32", "small_f16_n_ctx"}) {
        SCOPED_TRACE(folder);
        const auto incremental = loadGpt2(QLatin1StringView(folder));
        const std::vector<int> base = {5, 101, 290, 17, 256, 33, 7, 44, 9, 120};
        struct Step {
            const char* what;
            std::vector<int> ids;
            AttentionOptions options;
            int reused; // rows the step may reuse from the one before
        };
        AttentionOptions hot;
        hot.temperature = 0.6f;
        std::vector<int> appended = base, more = base, edited = base, shrunk(base.begin(), base.begin() + 6);
        appended.push_back(64);
        more.insert(more.end(), {64, 3, 200, 1});
        edited[4] = 77;
        const std::vector<Step> steps = {
            {"first pass", base, {}, 0},
            {"append one token", appended, {}, 10},
            {"append three more", more, {}, 11},
            {"edit in the middle", edited, {}, 4},
            {"shrink", shrunk, {}, 4},
            {"same tokens again", shrunk, {}, 5},
            {"other options", shrunk, hot, 0},
            {"append under those options", appended, hot, 6},
        };
        double worst = 0.0;
        for (const Step& step : steps) {
            SCOPED_TRACE(step.what);
            const TracePtr reused = incremental->forward(QString(), tokensOf(step.ids), step.options);
            EXPECT_EQ(incremental->lastReusedRows(), step.reused);
            const TracePtr full = loadGpt2(QLatin1StringView(folder))->forward(QString(), tokensOf(step.ids), step.options);
            const double difference = traceDifference(*reused, *full);
            EXPECT_LE(difference, kReuseTolerance);
            worst = std::max(worst, difference);
        }
        std::printf("[          ] %s: reuse vs full recomputation, max relative difference %.3g\n", folder, worst);
    }
}

// A checkpoint wide enough that products, heads and the vocabulary are shared between threads
// (the fixtures are small enough to run on one).
TEST(Gpt2ModelTest, WideModelIsTheSameOnOneThreadAndOnAllAndWhenReused) {
    QTemporaryDir dir;
    test::writeRandomGpt2(dir.path(), fixtureFolder(QStringLiteral("tiny_prefixed_f32")), 2, 6, 384, 64, 297, 7);
    std::vector<int> ids;
    for (int i = 0; i < 40; ++i) ids.push_back((i * 37 + 11) % 297);
    const int saved = parallelThreads();
    setParallelThreads(1);
    const TracePtr serial = loadGpt2(dir.path())->forward(QString(), tokensOf(ids), {});
    setParallelThreads(std::max(2, saved));
    const auto model = loadGpt2(dir.path());
    const TracePtr parallel = model->forward(QString(), tokensOf(ids), {});
    setParallelThreads(saved);
    EXPECT_EQ(traceDifference(*serial, *parallel), 0.0) << "the split of the work must not depend on threads";

    ids.push_back(5); // one new row: the matrix-vector paths
    const TracePtr reused = model->forward(QString(), tokensOf(ids), {});
    EXPECT_EQ(model->lastReusedRows(), 40);
    const TracePtr full = loadGpt2(dir.path())->forward(QString(), tokensOf(ids), {});
    EXPECT_LE(traceDifference(*reused, *full), kReuseTolerance);
}

TEST(Gpt2ModelTest, ConcurrentCallsGiveTheSameTraces) {
    const auto shared = loadGpt2(QStringLiteral("tiny_prefixed_f32"));
    const std::vector<std::vector<int>> inputs = {{1, 2, 3, 4}, {1, 2, 3, 4, 5, 6}, {9, 8, 7}, {1, 2, 9}};
    std::vector<TracePtr> results(inputs.size() * 8);
    std::vector<std::thread> threads;
    for (int t = 0; t < 2; ++t)
        threads.emplace_back([&, t] {
            for (size_t i = static_cast<size_t>(t); i < results.size(); i += 2)
                results[i] = shared->forward(QString(), tokensOf(inputs[i % inputs.size()]), {});
        });
    for (auto& thread : threads) thread.join();
    for (size_t i = 0; i < results.size(); ++i) {
        const auto expected = loadGpt2(QStringLiteral("tiny_prefixed_f32"))->forward(QString(), tokensOf(inputs[i % inputs.size()]), {});
        EXPECT_LE(traceDifference(*results[i], *expected), kReuseTolerance) << "call " << i;
    }
}

TEST(Gpt2ModelTest, TextGoesThroughTheTokenizerToPredictions) {
    const auto model = loadGpt2(QStringLiteral("small_f16_n_ctx"));
    const QString text = QStringLiteral("the cat sat on the mat");
    const TracePtr trace = traceText(*model, text, {});
    ASSERT_GT(trace->tokenCount(), 0);
    EXPECT_EQ(trace->text, text);
    EXPECT_EQ(trace->tokens.back().utf16End, text.size());
    ASSERT_EQ(trace->nextTokens().size(), static_cast<size_t>(TransformerModel::kPredictions));
    double sum = 0.0;
    for (size_t i = 0; i < trace->nextTokens().size(); ++i) {
        const Prediction& p = trace->nextTokens()[i];
        EXPECT_EQ(p.text, model->tokenizer().decode(p.id));
        if (i > 0) {
            EXPECT_LE(p.p, trace->nextTokens()[i - 1].p);
        }
        sum += p.p;
    }
    EXPECT_GT(sum, 0.0);
    EXPECT_LE(sum, 1.0 + 1e-6);
}

} // namespace
// Typing at the end: each trace shares its unchanged rows with the one before (blocks merge now and then,
// so a row is copied O(log T) times in all, never on every keystroke), and equals a full recomputation.
TEST(Gpt2ModelTest, TypingAtTheEndSharesTheUnchangedRows) {
    QTemporaryDir dir;
    test::writeRandomGpt2(dir.path(), fixtureFolder(QStringLiteral("tiny_prefixed_f32")), 2, 2, 16, 300, 297, 5);
    const auto model = loadGpt2(dir.path());
    std::vector<int> ids;
    for (int i = 0; i < 100; ++i) ids.push_back((i * 31 + 7) % 297);
    TracePtr previous = model->forward(QString(), tokensOf(ids), {});
    int newRows = 0; // rows in blocks the previous trace did not have
    for (int step = 0; step < 150; ++step) {
        if (step % 5 == 4) ids.back() = (ids.back() + 1) % 297; // the last token changes, as BPE does while typing
        else ids.push_back((step * 13 + 3) % 297);
        const TracePtr trace = model->forward(QString(), tokensOf(ids), {});
        for (const RowBlock& b : trace->blocks) {
            const bool shared = std::any_of(previous->blocks.begin(), previous->blocks.end(),
                                            [&](const RowBlock& old) { return old.rows == b.rows; });
            if (!shared) newRows += b.count;
        }
        EXPECT_EQ(model->lastReusedRows(), static_cast<int>(ids.size()) - 1);
        EXPECT_LE(trace->blocks.size(), 2 * std::log2(ids.size()) + 2);
        previous = trace;
    }
    EXPECT_LE(newRows, 150 * 8) << "about " << newRows / 150 << " rows made per keystroke at 100-220 tokens";
    std::printf("[          ] %.1f rows made per keystroke on average\n", newRows / 150.0);
    const TracePtr full = loadGpt2(dir.path())->forward(QString(), tokensOf(ids), {});
    EXPECT_LE(traceDifference(*previous, *full), kReuseTolerance);
}

} // namespace qkview
