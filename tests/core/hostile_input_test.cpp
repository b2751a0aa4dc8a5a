// SPDX-License-Identifier: MIT
// Hostile text and extreme options through every kind of model qkview reads: whatever a clipboard holds,
// tokens keep valid spans and a trace either comes with finite weights whose rows sum to 1, or the text
// is refused with a message (Error(InvalidInput)). A hang shows as the test's ctest timeout.
#include "attention/attention.h"
#include "base/error.h"
#include "models/builtin_models.h"
#include "models/model.h"
#include "trace/attention_trace.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

namespace qkview {
namespace {

struct HostileText {
    const char* label;
    QString text;
};

std::vector<HostileText> hostileTexts() {
    QString controls;
    for (char16_t c = 0; c < 0x20; ++c) controls += QChar(c); // NUL included
    controls += QStringLiteral("\u007f\u0085\u200b\u200e\u202e\u2028\ufeff");
    QString planes;
    for (char32_t c : {U'\u00e9', U'\u4e2d', U'\U00010348', U'\U0001F600', U'\U00020000', U'\U000E0001', U'\U0010FFFD'})
        planes += QString::fromUcs4(&c, 1);
    QString surrogates = QStringLiteral("a");
    surrogates += QChar(0xD83D); // a lone high surrogate, then a lone low one
    surrogates += QStringLiteral(" b ");
    surrogates += QChar(0xDE00);
    return {
        {"empty", QString()},
        {"only spaces", QStringLiteral("     \t\n  ")},
        {"100,000 characters", QStringLiteral("The cat sat on the mat, naïve 日本 😀! ").repeated(2800).left(100000)},
        {"one 10,000-character word", QStringLiteral("x").repeated(10000)},
        {"emoji ZWJ sequences and flags", QStringLiteral("👩‍👩‍👧‍👦 🏳️‍🌈 🇫🇷🇩🇪 👍🏽 x")},
        {"combining marks", QStringLiteral("e\u0301\u0302\u0303 Z\u0351\u0352\u0353\u0354\u0355\u0356 \u0301alone")},
        {"right to left", QStringLiteral("שלום עולם مرحبا بالعالم ok ١٢٣")},
        {"control characters and NUL", controls},
        {"every plane", planes},
        {"lone surrogates", surrogates},
        {"special tokens typed", QStringLiteral("[CLS][MASK][SEP] <mask></s><s> <|endoftext|><|begin_of_text|>")},
    };
}

std::vector<std::pair<QString, std::unique_ptr<Model>>> everyModelKind() {
    std::vector<std::pair<QString, std::unique_ptr<Model>>> models;
    for (const QString& spec : {QStringLiteral("teaching"), QStringLiteral("tiny"),
                                QStringLiteral(QKVIEW_TEST_DATA "/bert/bert_prefixed_f32"),
                                QStringLiteral(QKVIEW_TEST_DATA "/bert/roberta_bf16"),
                                QStringLiteral(QKVIEW_TEST_DATA "/llama/llama3_gqa_bf16"),
                                QStringLiteral(QKVIEW_TEST_DATA "/llama/mistral_mha_f16_sharded")})
        models.emplace_back(spec.section(u'/', -1), loadModel(spec));
    return models;
}

// Every head's weights finite, ≥ 0, each row summing to 1.
void expectProperWeights(const AttentionTrace& trace) {
    for (int l = 0; l < trace.layerCount(); ++l)
        for (int h = 0; h < trace.headCount(); ++h)
            for (int q = 0; q < trace.tokenCount(); ++q) {
                const RowVector w = trace.weightRow(l, h, q);
                ASSERT_TRUE(w.allFinite()) << "layer " << l << " head " << h << " query " << q;
                EXPECT_GE(w.minCoeff(), 0.0f);
                EXPECT_NEAR(w.cast<double>().sum(), 1.0, 1e-4) << "layer " << l << " head " << h << " query " << q;
            }
}

TEST(HostileText, EveryModelTokenizesAndTracesOrRefusesWithAMessage) {
    const auto models = everyModelKind();
    for (const HostileText& c : hostileTexts()) {
        for (const auto& [name, model] : models) {
            SCOPED_TRACE(std::string(c.label) + " / " + name.toStdString());
            int truncatedFrom = 0;
            const TokenList tokens = tokensInContext(*model, c.text, &truncatedFrom);
            for (const Token& t : tokens) {
                ASSERT_LE(0, t.utf16Start);
                ASSERT_LE(t.utf16Start, t.utf16End);
                ASSERT_LE(t.utf16End, c.text.size());
            }
            EXPECT_LE(static_cast<int>(tokens.size()), model->config().contextLength);
            if (truncatedFrom > 0) {
                EXPECT_GT(truncatedFrom, model->config().contextLength);
            }
            try {
                // The test models' contexts reach 32,768 tokens; passes that long are the benchmarks' business.
                const TokenList traced(tokens.begin(), tokens.begin() + std::min<size_t>(tokens.size(), 512));
                const TracePtr trace = model->forward(c.text, traced, {});
                expectProperWeights(*trace);
            } catch (const Error& e) {
                EXPECT_EQ(e.kind(), Error::Kind::InvalidInput) << e.what();
                EXPECT_TRUE(tokens.empty()) << "refused a text with tokens: " << e.what();
                EXPECT_NE(std::string(e.what()).find("type a sentence"), std::string::npos) << e.what();
            }
        }
    }
}

TEST(HostileText, LongTextsAreCutAtTheContextAndSaySo) {
    const auto models = everyModelKind();
    const QString text = QStringLiteral("The cat sat on the mat. ").repeated(4000);
    for (const auto& [name, model] : models) {
        SCOPED_TRACE(name.toStdString());
        int truncatedFrom = 0;
        const TokenList tokens = tokensInContext(*model, text, &truncatedFrom);
        EXPECT_EQ(static_cast<int>(tokens.size()), model->config().contextLength);
        EXPECT_GT(truncatedFrom, model->config().contextLength);
    }
}

TEST(ExtremeOptions, TemperaturesFromAThousandthToAThousandKeepRowsProper) {
    const auto models = everyModelKind();
    for (float temperature : {1e-3f, 1e3f}) {
        AttentionOptions options;
        options.temperature = temperature;
        for (const auto& [name, model] : models) {
            SCOPED_TRACE(name.toStdString() + " at temperature " + std::to_string(temperature));
            const TracePtr trace = traceText(*model, QStringLiteral("The cat sat on the [MASK] mat."), options);
            expectProperWeights(*trace);
        }
    }
}

TEST(ExtremeOptions, ScoresOfPlusMinusTenToTheThirtyGiveProperRows) {
    Matrix scores(3, 4);
    scores << 1e30f, -1e30f, 0.0f, 1e30f, //
        -1e30f, -1e30f, -1e30f, -1e30f,   //
        3e38f, -3e38f, 1e-30f, -1e-30f;
    for (double factor : {1e-3 / 8.0, 1.0 / 8.0, 1e3 / 8.0})
        for (bool causal : {false, true}) {
            const Matrix w = softmaxRows(scores, factor, causal);
            ASSERT_TRUE(w.allFinite()) << factor;
            for (Eigen::Index i = 0; i < w.rows(); ++i) EXPECT_NEAR(w.row(i).cast<double>().sum(), 1.0, 1e-5) << factor;
            // 2·10³⁰ below the maximum: 0, or a denormal where a vectorised exp clamps its argument (SSE2).
            EXPECT_LT(w(0, 1), std::numeric_limits<float>::min()) << factor;
        }
}

} // namespace
} // namespace qkview
