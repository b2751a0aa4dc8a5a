// SPDX-License-Identifier: MIT
#include "base/error.h"
#include "models/teaching_model.h"
#include "export/trace_json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

#include <cmath>

using namespace qkview;

namespace {
TracePtr sampleTrace() {
    static const TeachingModel model;
    return traceText(model, QStringLiteral("The \"cat\" sat\n😀"), {});
}
} // namespace

TEST(TraceJson, ParsesBackWithTheContractShape) {
    const TracePtr trace = sampleTrace();
    QJsonParseError error;
    const QJsonObject root = QJsonDocument::fromJson(traceToJson(*trace), &error).object();
    ASSERT_EQ(error.error, QJsonParseError::NoError) << error.errorString().toStdString();
    EXPECT_EQ(root[u"model"][u"layers"].toInt(), trace->config.layers);
    EXPECT_EQ(root[u"model"][u"head_names"][0][1].toString(), trace->config.headName(0, 1));
    EXPECT_EQ(root[u"tokens"].toArray().size(), trace->tokenCount());
    EXPECT_EQ(root[u"tokens"][1][u"text"].toString(), QStringLiteral("\""));
    EXPECT_EQ(root[u"tokens"][5][u"text"].toString(), QStringLiteral("😀"));
    EXPECT_EQ(root[u"tokens"][5][u"start"].toInt(), 14);
    const QJsonObject head = root[u"layers"][1][u"heads"][2].toObject();
    for (const char* key : {"name", "q", "k", "v", "scores", "scaled_scores", "weights", "output"})
        EXPECT_TRUE(head.contains(QLatin1String(key))) << key;
    const Matrix w = trace->head(1, 2)->weights;
    for (int i = 0; i < trace->tokenCount(); ++i)
        for (int j = 0; j < trace->tokenCount(); ++j)
            EXPECT_EQ(static_cast<float>(head[u"weights"][i][j].toDouble()), w(i, j)) << "round trip is exact";
    EXPECT_FALSE(root.contains(u"next_tokens"));
}

TEST(TraceJson, SelectionKeepsOnlyTheChosenHead) {
    const TracePtr trace = sampleTrace();
    const QJsonObject root = QJsonDocument::fromJson(traceToJson(*trace, {1, 3})).object();
    ASSERT_EQ(root[u"layers"].toArray().size(), 1);
    ASSERT_EQ(root[u"layers"][0][u"heads"].toArray().size(), 1);
    EXPECT_EQ(root[u"layers"][0][u"heads"][0][u"name"].toString(), trace->config.headName(1, 3));
    EXPECT_THROW(traceToJson(*trace, {7, std::nullopt}), Error);
    EXPECT_THROW(traceToText(*trace, {std::nullopt, 4}), Error);
}

TEST(TraceJson, NumbersAreShortestRoundTripAndNonFiniteIsNull) {
    QByteArray out;
    appendNumber(out, 0.1f);
    out += ' ';
    appendNumber(out, NAN);
    out += ' ';
    appendNumber(out, -INFINITY);
    EXPECT_EQ(out, QByteArray("0.1 null null"));
}

TEST(TraceJson, TextFormatListsTokensAndWeights) {
    const QString text = QString::fromUtf8(traceToText(*sampleTrace(), {0, 0}));
    EXPECT_TRUE(text.contains(QStringLiteral("previous token")));
    EXPECT_TRUE(text.contains(QStringLiteral("😀")));
    EXPECT_FALSE(text.contains(QStringLiteral("layer 1 head")));
}
