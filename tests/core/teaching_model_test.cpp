// SPDX-License-Identifier: MIT
// The teaching model's heads do what their names say, on sentences annotated by hand.
#include "base/error.h"
#include "models/teaching_model.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <map>

using namespace qkview;

namespace {
struct Link {
    const char* role; // head name
    int query;
    int key;
};
struct Annotated {
    const char* text;
    std::vector<Link> links;
};

// Token indices written by hand from each sentence's grammar, not from the lexicon.
const std::vector<Annotated>& sentences() {
    static const std::vector<Annotated> all = {
        {"The cat sat on the mat", {{"determiner → noun", 0, 1}, {"determiner → noun", 4, 5}, {"subject finder", 2, 1}}},
        {"A dog chased the ball",
         {{"determiner → noun", 0, 1}, {"determiner → noun", 3, 4}, {"subject finder", 2, 1}, {"verb → object", 2, 4}}},
        {"The old man reads a book",
         {{"determiner → noun", 0, 2}, {"determiner → noun", 4, 5}, {"subject finder", 3, 2},
          {"adjective → noun", 1, 2}, {"verb → object", 3, 5}}},
        {"My sister writes long letters",
         {{"determiner → noun", 0, 1}, {"subject finder", 2, 1}, {"adjective → noun", 3, 4}, {"verb → object", 2, 4}}},
        {"The children played in the park",
         {{"determiner → noun", 0, 1}, {"determiner → noun", 4, 5}, {"subject finder", 2, 1}}},
        {"A small bird sang a sweet song",
         {{"determiner → noun", 0, 2}, {"determiner → noun", 4, 6}, {"subject finder", 3, 2},
          {"adjective → noun", 1, 2}, {"adjective → noun", 5, 6}, {"verb → object", 3, 6}}},
        {"The teacher gave the students a test",
         {{"determiner → noun", 0, 1}, {"determiner → noun", 3, 4}, {"determiner → noun", 5, 6},
          {"subject finder", 2, 1}, {"verb → object", 2, 4}}},
        {"Every student loves the new library",
         {{"determiner → noun", 0, 1}, {"determiner → noun", 3, 5}, {"subject finder", 2, 1},
          {"adjective → noun", 4, 5}, {"verb → object", 2, 5}}},
        {"The quick brown fox jumps over the lazy dog",
         {{"determiner → noun", 0, 3}, {"determiner → noun", 6, 8}, {"subject finder", 4, 3},
          {"adjective → noun", 1, 3}, {"adjective → noun", 2, 3}, {"adjective → noun", 7, 8}}},
        {"She opened the heavy door",
         {{"determiner → noun", 2, 4}, {"subject finder", 1, 0}, {"adjective → noun", 3, 4}, {"verb → object", 1, 4}}},
        {"The baby slept", {{"determiner → noun", 0, 1}, {"subject finder", 2, 1}}},
        {"Two cats watched a tiny mouse",
         {{"determiner → noun", 3, 5}, {"subject finder", 2, 1}, {"adjective → noun", 4, 5}, {"verb → object", 2, 5}}},
    };
    return all;
}

std::pair<int, int> headNamed(const ModelConfig& config, const QString& name) {
    for (int l = 0; l < config.layers; ++l)
        for (int h = 0; h < config.heads; ++h)
            if (config.headName(l, h) == name) return {l, h};
    ADD_FAILURE() << "no head named " << name.toStdString();
    return {0, 0};
}

int argmaxOfRow(const Matrix& weights, int row) {
    Eigen::Index col = 0;
    weights.row(row).maxCoeff(&col);
    return static_cast<int>(col);
}

const TeachingModel& model() {
    static const TeachingModel m;
    return m;
}
} // namespace

TEST(TeachingModel, IsSmallAndNamesEveryHead) {
    const ModelConfig& c = model().config();
    EXPECT_LE(c.dModel, 32);
    EXPECT_EQ(c.dHead * c.heads, c.dModel);
    ASSERT_EQ(static_cast<int>(c.headInfo.size()), c.layers);
    for (const auto& layer : c.headInfo) {
        ASSERT_EQ(static_cast<int>(layer.size()), c.heads);
        for (const HeadInfo& h : layer) {
            EXPECT_FALSE(h.name.isEmpty());
            EXPECT_FALSE(h.description.isEmpty());
        }
    }
}

TEST(TeachingModel, RolesHoldOnHandAnnotatedSentences) {
    std::map<std::string, std::pair<int, int>> held; // role → (held, total)
    for (const Annotated& s : sentences()) {
        const TracePtr trace = traceText(model(), QString::fromUtf8(s.text), {});
        for (const Link& link : s.links) {
            const auto [l, h] = headNamed(trace->config, QString::fromUtf8(link.role));
            const int got = argmaxOfRow(trace->head(l, h)->weights, link.query);
            auto& [ok, total] = held[link.role];
            ++total;
            ok += got == link.key;
            EXPECT_EQ(got, link.key) << link.role << " in '" << s.text << "': query "
                                     << trace->tokens[link.query].text.toStdString() << " chose "
                                     << trace->tokens[got].text.toStdString();
        }
        // Previous token: every token after the first.
        const auto [pl, ph] = headNamed(trace->config, QStringLiteral("previous token"));
        auto& [ok, total] = held["previous token"];
        for (int i = 1; i < trace->tokenCount(); ++i, ++total) {
            ok += argmaxOfRow(trace->head(pl, ph)->weights, i) == i - 1;
            EXPECT_EQ(argmaxOfRow(trace->head(pl, ph)->weights, i), i - 1) << s.text << " token " << i;
        }
    }
    for (const auto& [role, counts] : held)
        std::printf("role %-20s holds on %d of %d links\n", role.c_str(), counts.first, counts.second);
}

TEST(TeachingModel, TheCatSatOnTheMat) {
    const TracePtr trace = traceText(model(), QStringLiteral("The cat sat on the mat"), {});
    ASSERT_EQ(trace->tokenCount(), 6);
    const Matrix subject = trace->head(0, 2)->weights;
    EXPECT_GT(subject(2, 1), 0.5f) << "sat → cat should be a clear majority";
    const Matrix det = trace->head(0, 1)->weights;
    EXPECT_GT(det(0, 1), 0.5f);
    EXPECT_GT(det(4, 5), 0.5f);
}

TEST(TeachingModel, OtherHeadsDoWhatTheirNamesSay) {
    const TracePtr trace = traceText(model(), QStringLiteral("the dog saw the other dog and a zorblax"), {});
    const int n = trace->tokenCount();
    const Matrix sameWord = trace->head(0, 3)->weights;
    EXPECT_NEAR(sameWord(5, 1), sameWord(5, 5), 1e-5f) << "the second 'dog' splits between both dogs";
    EXPECT_GT(sameWord(5, 1) + sameWord(5, 5), 0.9f);
    const Matrix first = trace->head(1, 2)->weights;
    for (int i = 0; i < n; ++i) EXPECT_EQ(argmaxOfRow(first, i), 0) << "row " << i;
    const Matrix broad = trace->head(1, 3)->weights;
    EXPECT_NEAR(broad.minCoeff(), 1.0f / n, 1e-6f);
    EXPECT_NEAR(broad.maxCoeff(), 1.0f / n, 1e-6f);
}

TEST(TeachingModel, IsDeterministicAndLayersChain) {
    const TracePtr a = traceText(model(), QStringLiteral("Zorblax gleeps the wug!"), {});
    const TracePtr b = traceText(TeachingModel(), QStringLiteral("Zorblax gleeps the wug!"), {});
    ASSERT_EQ(a->layerCount(), b->layerCount());
    for (int l = 0; l < a->layerCount(); ++l) {
        EXPECT_EQ(a->layerOutput(l), b->layerOutput(l));
        EXPECT_TRUE(a->layerOutput(l).allFinite());
    }
    EXPECT_EQ(a->layerInput(1), a->layerOutput(0));
    EXPECT_EQ(a->layerInput(0), model().embed(a->tokens));
}

TEST(TeachingModel, CausalOptionMasksEveryHead) {
    AttentionOptions options;
    options.causal = true;
    const TracePtr trace = traceText(model(), QStringLiteral("The cat sat on the mat"), options);
    for (int l = 0; l < trace->layerCount(); ++l)
        for (int h = 0; h < trace->headCount(); ++h) {
            const Matrix weights = trace->head(l, h)->weights;
            for (int i = 0; i < trace->tokenCount(); ++i)
                for (int j = i + 1; j < trace->tokenCount(); ++j) EXPECT_EQ(weights(i, j), 0.0f);
        }
}

TEST(TeachingModel, RejectsEmptyTooLongAndForeignIds) {
    EXPECT_THROW(traceText(model(), QStringLiteral("   "), {}), Error);
    QString tooLong;
    for (int i = 0; i <= model().config().contextLength; ++i) tooLong += QStringLiteral("cat ");
    EXPECT_THROW(model().forward(tooLong, model().tokenizer().encode(tooLong), {}), Error);
    TokenList tokens = model().tokenizer().encode(QStringLiteral("cat"));
    tokens[0].id = model().config().vocabSize;
    EXPECT_THROW(model().forward(QStringLiteral("cat"), tokens, {}), Error);
    AttentionOptions cold;
    cold.temperature = 0.0f;
    EXPECT_THROW(traceText(model(), QStringLiteral("cat"), cold), Error);
}

TEST(TeachingModel, AcceptsTheLongestText) {
    QString text;
    for (int i = 0; i < model().config().contextLength; ++i) text += QStringLiteral("w%1 ").arg(i);
    const TracePtr trace = traceText(model(), text, {});
    EXPECT_EQ(trace->tokenCount(), model().config().contextLength);
    EXPECT_TRUE(trace->layerOutput(trace->layerCount() - 1).allFinite());
}

TEST(TeachingModel, TextBeyondTheContextIsCutWithTheCountReported) {
    QString text;
    const int context = model().config().contextLength;
    for (int i = 0; i < context + 5; ++i) text += QStringLiteral("w%1 ").arg(i);
    int truncatedFrom = -1;
    const TracePtr trace = traceText(model(), text, {}, &truncatedFrom);
    EXPECT_EQ(trace->tokenCount(), context);
    EXPECT_EQ(truncatedFrom, context + 5);
    traceText(model(), QStringLiteral("The cat"), {}, &truncatedFrom);
    EXPECT_EQ(truncatedFrom, 0);
}
