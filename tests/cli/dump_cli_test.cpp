// SPDX-License-Identifier: MIT
// `qkview dump` run as a user would: exit codes, messages, and the JSON parsed back.
#include "cli_runner.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

using qkview::test::runQkview;

TEST(DumpCli, HelpAndVersionNeedNoDisplay) {
    const auto help = runQkview({QStringLiteral("--help")});
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_TRUE(help.out.contains("dump"));
    const auto version = runQkview({QStringLiteral("--version")});
    EXPECT_EQ(version.exitCode, 0);
    EXPECT_TRUE(version.out.startsWith("qkview "));
    const auto dumpHelp = runQkview({QStringLiteral("dump"), QStringLiteral("--help")});
    EXPECT_EQ(dumpHelp.exitCode, 0);
    EXPECT_TRUE(dumpHelp.out.contains("--temperature"));
}

TEST(DumpCli, JsonParsesBackAndFollowsTheContract) {
    const auto r = runQkview({QStringLiteral("dump"), QStringLiteral("--text"), QStringLiteral("The cat sat on the mat")});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    QJsonParseError error;
    const QJsonObject root = QJsonDocument::fromJson(r.out, &error).object();
    ASSERT_EQ(error.error, QJsonParseError::NoError);
    const QJsonObject model = root[u"model"].toObject();
    EXPECT_EQ(model[u"layers"].toInt(), 2);
    EXPECT_EQ(model[u"heads"].toInt(), 4);
    EXPECT_EQ(model[u"head_names"].toArray().size(), 2);
    EXPECT_EQ(root[u"options"][u"scale"].toBool(), true);
    EXPECT_EQ(root[u"options"][u"temperature"].toDouble(), 1.0);
    const QJsonArray tokens = root[u"tokens"].toArray();
    ASSERT_EQ(tokens.size(), 6);
    EXPECT_EQ(tokens[2][u"text"].toString(), QStringLiteral("sat"));
    EXPECT_EQ(tokens[2][u"start"].toInt(), 8);
    EXPECT_EQ(tokens[2][u"end"].toInt(), 11);
    const QJsonArray weights = root[u"layers"][0][u"heads"][2][u"weights"].toArray();
    ASSERT_EQ(weights.size(), 6);
    double rowSum = 0;
    for (const auto& w : weights[2].toArray()) rowSum += w.toDouble();
    EXPECT_NEAR(rowSum, 1.0, 1e-6);
    EXPECT_GT(weights[2][1].toDouble(), 0.5) << "verb → noun before: sat → cat";
}

TEST(DumpCli, OptionsReachTheTrace) {
    const auto r = runQkview({QStringLiteral("dump"), QStringLiteral("--text"), QStringLiteral("a b c"),
                              QStringLiteral("--no-scale"), QStringLiteral("--temperature"), QStringLiteral("2.5"),
                              QStringLiteral("--causal"), QStringLiteral("--layer"), QStringLiteral("1"),
                              QStringLiteral("--head"), QStringLiteral("3")});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QJsonObject root = QJsonDocument::fromJson(r.out).object();
    EXPECT_EQ(root[u"options"][u"scale"].toBool(), false);
    EXPECT_EQ(root[u"options"][u"temperature"].toDouble(), 2.5);
    EXPECT_EQ(root[u"options"][u"causal"].toBool(), true);
    ASSERT_EQ(root[u"layers"].toArray().size(), 1);
    const QJsonArray heads = root[u"layers"][0][u"heads"].toArray();
    ASSERT_EQ(heads.size(), 1);
    EXPECT_EQ(heads[0][u"name"].toString(), QStringLiteral("broad context"));
    EXPECT_EQ(heads[0][u"weights"][0][1].toDouble(), 0.0) << "causal mask";
    EXPECT_DOUBLE_EQ(heads[0][u"weights"][1][0].toDouble(), 0.5);
}

TEST(DumpCli, TextFormatIsReadable) {
    const auto r = runQkview({QStringLiteral("dump"), QStringLiteral("--text"), QStringLiteral("The cat sat"),
                              QStringLiteral("--format"), QStringLiteral("text")});
    ASSERT_EQ(r.exitCode, 0);
    EXPECT_TRUE(r.out.contains("verb → noun before"));
    EXPECT_TRUE(r.out.contains("cat"));
}

struct BadUsage {
    const char* why;
    QStringList arguments;
    int exitCode;
    const char* message;
};

void PrintTo(const BadUsage& c, std::ostream* os) { *os << c.why; }

class DumpCliErrors : public ::testing::TestWithParam<BadUsage> {};

TEST_P(DumpCliErrors, SayWhatIsWrongInOneLine) {
    const BadUsage& c = GetParam();
    const auto r = runQkview(c.arguments);
    EXPECT_EQ(r.exitCode, c.exitCode) << c.why;
    EXPECT_TRUE(r.out.isEmpty()) << c.why;
    EXPECT_TRUE(r.err.contains(c.message)) << c.why << ": " << r.err.toStdString();
    EXPECT_EQ(r.err.count('\n'), 1) << c.why << ": " << r.err.toStdString();
}

INSTANTIATE_TEST_SUITE_P(
    Cases, DumpCliErrors,
    ::testing::Values(
        BadUsage{"unknown option", {"dump", "--text", "hi", "--bogus"}, 2, "bogus"},
        BadUsage{"missing text", {"dump"}, 2, "--text"},
        BadUsage{"empty text", {"dump", "--text", ""}, 1, "no tokens"},
        BadUsage{"blank text", {"dump", "--text", "   "}, 1, "no tokens"},
        BadUsage{"bad format", {"dump", "--text", "hi", "--format", "xml"}, 2, "--format"},
        BadUsage{"zero temperature", {"dump", "--text", "hi", "--temperature", "0"}, 2, "temperature"},
        BadUsage{"text temperature", {"dump", "--text", "hi", "--temperature", "warm"}, 2, "temperature"},
        BadUsage{"layer out of range", {"dump", "--text", "hi", "--layer", "9"}, 2, "layer 9"},
        BadUsage{"negative head", {"dump", "--text", "hi", "--head", "-1"}, 2, "--head"},
        BadUsage{"unknown command", {"frobnicate"}, 2, "frobnicate"}),
    [](const auto& info) {
        std::string name = info.param.why;
        std::replace(name.begin(), name.end(), ' ', '_');
        return name;
    });

TEST(DumpCli, EncodersFillInTheirMasks) {
    const auto r = runQkview({QStringLiteral("dump"), QStringLiteral("--model"),
                              QStringLiteral(QKVIEW_TEST_DATA "/bert/bert_prefixed_f32"), QStringLiteral("--text"),
                              QStringLiteral("the cat sat on the [MASK] ."), QStringLiteral("--layer"), QStringLiteral("0"),
                              QStringLiteral("--head"), QStringLiteral("0")});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QJsonObject root = QJsonDocument::fromJson(r.out).object();
    const QJsonArray tokens = root[u"tokens"].toArray();
    ASSERT_GE(tokens.size(), 3);
    EXPECT_EQ(tokens.first()[u"text"].toString(), QStringLiteral("[CLS]"));
    EXPECT_EQ(tokens.last()[u"text"].toString(), QStringLiteral("[SEP]"));
    const QJsonArray fill = root[u"fill_mask"].toArray();
    ASSERT_EQ(fill.size(), 1);
    EXPECT_EQ(tokens[fill[0][u"position"].toInt()][u"text"].toString(), QStringLiteral("[MASK]"));
    const QJsonArray predictions = fill[0][u"predictions"].toArray();
    ASSERT_EQ(predictions.size(), 10);
    EXPECT_GT(predictions[0][u"p"].toDouble(), predictions[9][u"p"].toDouble());
    EXPECT_FALSE(root.contains(u"next_tokens")) << "an encoder predicts no next token";
}

TEST(DumpCli, DecoderFamiliesTraceAndPredict) {
    for (const char* folder : {"llama/llama3_gqa_bf16", "llama/qwen3_qknorm_bf16", "gpt2/tiny_prefixed_f32"}) {
        SCOPED_TRACE(folder);
        const auto r = runQkview({QStringLiteral("dump"), QStringLiteral("--model"),
                                  QStringLiteral(QKVIEW_TEST_DATA "/") + QLatin1StringView(folder), QStringLiteral("--text"),
                                  QStringLiteral("the cat sat"), QStringLiteral("--layer"), QStringLiteral("1")});
        ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
        const QJsonObject root = QJsonDocument::fromJson(r.out).object();
        EXPECT_EQ(root[u"next_tokens"].toArray().size(), 10);
        EXPECT_FALSE(root.contains(u"fill_mask"));
    }
}

TEST(DumpCli, TextBeyondTheContextIsCutWithANotice) {
    QString text;
    for (int i = 0; i < 300; ++i) text += QStringLiteral("cat ");
    const auto r = runQkview({QStringLiteral("dump"), QStringLiteral("--text"), text, QStringLiteral("--layer"),
                              QStringLiteral("0"), QStringLiteral("--head"), QStringLiteral("0")});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains("300 tokens")) << r.err.toStdString();
    EXPECT_EQ(QJsonDocument::fromJson(r.out).object()[u"tokens"].toArray().size(), 256);
}

TEST(DumpCli, ModelTakesABuiltInNameOrAFolder) {
    const auto tiny = runQkview({QStringLiteral("dump"), QStringLiteral("--model"), QStringLiteral("tiny"),
                                 QStringLiteral("--text"), QStringLiteral("a dog is an animal"), QStringLiteral("--layer"),
                                 QStringLiteral("0"), QStringLiteral("--head"), QStringLiteral("0")});
    ASSERT_EQ(tiny.exitCode, 0) << tiny.err.toStdString();
    const QJsonObject root = QJsonDocument::fromJson(tiny.out).object();
    QFile measured(QStringLiteral(QKVIEW_TEST_DATA "/tiny/measured.json")); // written with the model by its script
    ASSERT_TRUE(measured.open(QIODevice::ReadOnly));
    const int layers = QJsonDocument::fromJson(measured.readAll()).object()[u"config"][u"n_layer"].toInt();
    EXPECT_GE(layers, 2);
    EXPECT_EQ(root[u"model"][u"layers"].toInt(), layers) << tiny.out.left(300).toStdString();
    EXPECT_EQ(root[u"next_tokens"].toArray().size(), 10) << "the trained model predicts";
    const auto teaching = runQkview({QStringLiteral("dump"), QStringLiteral("--model"), QStringLiteral("teaching"),
                                     QStringLiteral("--text"), QStringLiteral("the cat sat")});
    EXPECT_EQ(teaching.exitCode, 0) << teaching.err.toStdString();
    const auto folder = runQkview({QStringLiteral("dump"), QStringLiteral("--model"), QStringLiteral("./tiny"),
                                   QStringLiteral("--text"), QStringLiteral("the cat sat")});
    EXPECT_EQ(folder.exitCode, 1) << "a path with '/' is a folder, and there is none";
    EXPECT_TRUE(folder.err.contains("./tiny")) << folder.err.toStdString();
}
