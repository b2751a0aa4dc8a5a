// SPDX-License-Identifier: MIT
// BERT, DistilBERT and RoBERTa folders on the transformer core against the independent float64 PyTorch
// reference (tests/data/bert/make_bert_fixtures.py): prefixed and plain names, old gamma/beta names, F16
// and BF16, ignored pooler and next-sentence weights, sentence pairs with token types, RoBERTa's position
// offset; every layer and head within 1e-4, and the masked-LM head's top-10 for every [MASK].
#include "base/error.h"
#include "reference_trace.h"

#include <QJsonArray>

namespace qkview {
namespace {

using namespace test;

constexpr double kReferenceTolerance = 1e-4;

QString fixtureFolder(const QString& name) { return QStringLiteral(QKVIEW_TEST_DATA "/bert/") + name; }

TEST(BertFamilyTest, EveryLayerHeadAndMaskPredictionMatchesTheReference) {
    const QJsonArray models = readJsonFixture(QStringLiteral("bert/reference.json")).value(u"models").toArray();
    ASSERT_EQ(models.size(), 5);
    ReferenceCheck check;
    int masks = 0;
    for (const QJsonValue& m : models) {
        const QString folder = m[u"folder"].toString();
        SCOPED_TRACE(folder.toStdString());
        const auto model = loadTransformer(fixtureFolder(folder));
        ASSERT_TRUE(model);
        EXPECT_TRUE(model->config().bidirectional);
        for (const QJsonValue& c : m[u"cases"].toArray()) {
            const TokenList tokens = tokensOf(idsOf(c[u"ids"].toArray()));
            // The sentence of each token comes from the tokenizer: A up to the first separator, then B.
            std::vector<int> types = model->tokenizer().tokenTypes(tokens);
            types.resize(tokens.size(), 0);
            EXPECT_EQ(types, idsOf(c[u"token_type_ids"].toArray()));
            const TracePtr trace = model->forward(QString(), tokens, {});
            EXPECT_FALSE(trace->options.causal);
            if (folder.startsWith(u"distil")) {
                EXPECT_TRUE(trace->tokenTypes.empty()) << "DistilBERT has no token types";
            } else if (folder.startsWith(u"bert")) {
                EXPECT_EQ(trace->tokenTypes, types) << "the trace keeps each token's sentence for the pair filter";
            }
            expectMatchesReference(*trace, c.toObject(), kReferenceTolerance, check);
            const QJsonArray fill = c[u"fill_mask"].toArray();
            ASSERT_EQ(trace->fillMask().size(), static_cast<size_t>(fill.size()));
            for (qsizetype i = 0; i < fill.size(); ++i) {
                const MaskPredictions& ours = trace->fillMask()[static_cast<size_t>(i)];
                EXPECT_EQ(ours.position, fill[i][u"position"].toInt());
                const QJsonArray theirs = fill[i][u"predictions"].toArray();
                ASSERT_EQ(ours.predictions.size(), static_cast<size_t>(theirs.size()));
                for (qsizetype r = 0; r < theirs.size(); ++r) {
                    EXPECT_EQ(ours.predictions[static_cast<size_t>(r)].id, theirs[r][u"id"].toInt()) << "rank " << r;
                    EXPECT_NEAR(ours.predictions[static_cast<size_t>(r)].p, theirs[r][u"p"].toDouble(), kReferenceTolerance);
                }
                ++masks;
            }
        }
    }
    std::printf("[          ] %d matrices and %d masks against PyTorch, max difference %.3g\n", check.compared, masks,
                check.worst);
    EXPECT_GT(check.compared, 150);
    EXPECT_GT(masks, 4);
}

TEST(BertFamilyTest, TheCausalMaskIsAWhatIf) {
    const auto model = loadTransformer(fixtureFolder(QStringLiteral("bert_prefixed_f32")));
    const TokenList tokens = tokensOf({2, 10, 11, 12, 3});
    AttentionOptions masked;
    masked.causal = true;
    const TracePtr open = model->forward(QString(), tokens, {});
    const TracePtr closed = model->forward(QString(), tokens, masked);
    EXPECT_TRUE(closed->options.causal);
    EXPECT_GT(open->head(0, 0)->weights(0, 4), 0.0f) << "both ways by default";
    EXPECT_EQ(closed->head(0, 0)->weights(0, 4), 0.0f) << "hidden under the what-if mask";
    EXPECT_TRUE(open->nextTokens().empty()) << "an encoder predicts no next token";
}

TEST(BertFamilyTest, TextThroughTheTokenizerFindsItsMask) {
    const auto model = loadTransformer(fixtureFolder(QStringLiteral("bert_prefixed_f32")));
    const TracePtr trace = traceText(*model, QStringLiteral("the cat sat on the [MASK] ."), {});
    ASSERT_EQ(trace->fillMask().size(), 1u);
    EXPECT_EQ(trace->tokens[static_cast<size_t>(trace->fillMask()[0].position)].text, QStringLiteral("[MASK]"));
    EXPECT_EQ(trace->tokens.front().text, QStringLiteral("[CLS]"));
    EXPECT_EQ(trace->tokens.back().text, QStringLiteral("[SEP]"));
    EXPECT_EQ(trace->fillMask()[0].predictions.size(), 10u);
    const auto roberta = loadTransformer(fixtureFolder(QStringLiteral("roberta_bf16")));
    const TracePtr r = traceText(*roberta, QStringLiteral("the cat sat on the <mask>."), {});
    ASSERT_EQ(r->fillMask().size(), 1u);
    EXPECT_EQ(r->tokens.front().text, QStringLiteral("<s>"));
}

TEST(BertFamilyTest, AModelWithoutAHeadLoadsAndFillsNothing) {
    const auto model = loadTransformer(fixtureFolder(QStringLiteral("bert_no_head")));
    const TracePtr trace = traceText(*model, QStringLiteral("the [MASK] sat"), {});
    EXPECT_TRUE(trace->fillMask().empty());
}

} // namespace
} // namespace qkview
