// SPDX-License-Identifier: MIT
// `qkview heads` and `qkview dump --lens`, checked against the weights the same dump prints.
#include "cli_runner.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <cmath>

using qkview::test::runQkview;

namespace {
const QString kRepeated = QStringLiteral("the cat sat on the mat . the cat sat on the mat .");

QJsonObject json(const QByteArray& out) {
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(out, &error);
    EXPECT_EQ(error.error, QJsonParseError::NoError) << error.errorString().toStdString();
    return doc.object();
}

double at(const QJsonValue& matrix, int i, int j) { return matrix.toArray()[i].toArray()[j].toDouble(); }
} // namespace

TEST(HeadsCli, ScoresEveryHeadFromTheWeightsDumpPrints) {
    const auto heads = runQkview({QStringLiteral("heads"), QStringLiteral("--text"), kRepeated});
    ASSERT_EQ(heads.exitCode, 0) << heads.err.toStdString();
    const auto dump = runQkview({QStringLiteral("dump"), QStringLiteral("--text"), kRepeated});
    ASSERT_EQ(dump.exitCode, 0);
    const QJsonObject trace = json(dump.out);
    const QJsonArray tokens = trace[QStringLiteral("tokens")].toArray();
    const int T = static_cast<int>(tokens.size());
    const QJsonArray scored = json(heads.out)[QStringLiteral("heads")].toArray();
    const QJsonArray layers = trace[QStringLiteral("layers")].toArray();
    ASSERT_EQ(scored.size(), layers.size() * layers[0].toObject()[QStringLiteral("heads")].toArray().size());
    int previousTokenHeads = 0;
    for (int n = 0; n < scored.size(); ++n) {
        const QJsonObject s = scored[n].toObject();
        const int l = s[QStringLiteral("layer")].toInt(), h = s[QStringLiteral("head")].toInt();
        const QJsonValue weights = layers[l].toObject()[QStringLiteral("heads")].toArray()[h].toObject()[QStringLiteral("weights")];
        double previous = 0, first = 0;
        for (int i = 1; i < T; ++i) {
            previous += at(weights, i, i - 1);
            first += at(weights, i, 0);
        }
        EXPECT_NEAR(s[QStringLiteral("previous_token")].toDouble(), previous / (T - 1), 1e-6) << l << "." << h;
        EXPECT_NEAR(s[QStringLiteral("first_token")].toDouble(), first / (T - 1), 1e-6) << l << "." << h;
        EXPECT_TRUE(s[QStringLiteral("induction")].isDouble()) << "the text repeats";
        if (s[QStringLiteral("type")].toString() == u"previous_token") ++previousTokenHeads;
        if (n > 0) { // sorted by layer, then head
            const QJsonObject before = scored[n - 1].toObject();
            EXPECT_LT(before[QStringLiteral("layer")].toInt() * 100 + before[QStringLiteral("head")].toInt(), l * 100 + h);
        }
    }
    EXPECT_GE(previousTokenHeads, 1) << "the teaching model's previous-token head";

    const auto once = runQkview({QStringLiteral("heads"), QStringLiteral("--text"), QStringLiteral("one two three")});
    EXPECT_TRUE(json(once.out)[QStringLiteral("heads")].toArray()[0].toObject()[QStringLiteral("induction")].isNull());
    const auto text = runQkview({QStringLiteral("heads"), QStringLiteral("--text"), kRepeated, QStringLiteral("--format"), QStringLiteral("text")});
    EXPECT_TRUE(text.out.contains("previous_token")) << text.out.toStdString();
    EXPECT_EQ(runQkview({QStringLiteral("heads")}).exitCode, 2);
}

TEST(DumpCli, LensesAddValueNormsToHeadsAndRolloutToLayers) {
    const auto r = runQkview({QStringLiteral("dump"), QStringLiteral("--text"), kRepeated, QStringLiteral("--lens"),
                              QStringLiteral("value-norms,rollout")});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QJsonObject trace = json(r.out);
    const int T = static_cast<int>(trace[QStringLiteral("tokens")].toArray().size());
    const QJsonArray layers = trace[QStringLiteral("layers")].toArray();
    // Rollout at layer 0 is ½·(mean of the heads' weights) + ½·I, rows summing to 1 already.
    const QJsonArray heads0 = layers[0].toObject()[QStringLiteral("heads")].toArray();
    const QJsonValue rollout0 = layers[0].toObject()[QStringLiteral("rollout")];
    for (int i = 0; i < T; ++i)
        for (int j = 0; j < T; ++j) {
            double mean = 0;
            for (const QJsonValue& head : heads0) mean += at(head.toObject()[QStringLiteral("weights")], i, j);
            mean /= static_cast<double>(heads0.size());
            EXPECT_NEAR(at(rollout0, i, j), 0.5 * mean + (i == j ? 0.5 : 0.0), 1e-5) << i << ", " << j;
        }
    for (const QJsonValue& layer : layers) {
        const QJsonValue rollout = layer.toObject()[QStringLiteral("rollout")];
        for (int i = 0; i < T; ++i) {
            double sum = 0;
            for (int j = 0; j < T; ++j) sum += at(rollout, i, j);
            EXPECT_NEAR(sum, 1.0, 1e-5);
        }
        for (const QJsonValue& head : layer.toObject()[QStringLiteral("heads")].toArray()) {
            const QJsonObject h = head.toObject();
            ASSERT_EQ(h[QStringLiteral("value_norms")].toArray().size(), T);
            // Each column is the weight times one key's value norm: zero exactly where the weight is.
            for (int i = 0; i < T; ++i)
                for (int j = 0; j < T; ++j)
                    EXPECT_EQ(at(h[QStringLiteral("weights")], i, j) == 0, at(h[QStringLiteral("value_norms")], i, j) == 0);
        }
    }
    const auto plain = runQkview({QStringLiteral("dump"), QStringLiteral("--text"), kRepeated});
    EXPECT_FALSE(plain.out.contains("rollout"));
    EXPECT_FALSE(plain.out.contains("value_norms"));
    const auto bad = runQkview({QStringLiteral("dump"), QStringLiteral("--text"), kRepeated, QStringLiteral("--lens"), QStringLiteral("magic")});
    EXPECT_EQ(bad.exitCode, 2);
    EXPECT_TRUE(bad.err.contains("value-norms and rollout"));
}

TEST(CompareCli, WritesTheSideBySideFigureAndRefusesWhatCannotBeCompared) {
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("pair.png"));
    const auto ok = runQkview({QStringLiteral("export"), QStringLiteral("--model"), QStringLiteral("tiny"), QStringLiteral("--text"),
                               QStringLiteral("The keys to the cabinet are here"), QStringLiteral("--compare"),
                               QStringLiteral("The key to the cabinets is here"), QStringLiteral("--width"), QStringLiteral("8.5cm"),
                               QStringLiteral("-o"), png});
    ASSERT_EQ(ok.exitCode, 0) << ok.err.toStdString();
    const auto pngWidth = [&png] { // from the PNG's header (IHDR), 0 when it is not one
        QFile file(png);
        if (!file.open(QIODevice::ReadOnly)) return 0u;
        const QByteArray head = file.read(24);
        if (!head.startsWith("\x89PNG")) return 0u;
        const auto byte = [&head](int i) { return static_cast<unsigned>(static_cast<unsigned char>(head[i])); };
        return byte(16) << 24 | byte(17) << 16 | byte(18) << 8 | byte(19);
    };
    const unsigned width = pngWidth();
    EXPECT_GT(width, 0u) << "a PNG";

    const auto noSecond = runQkview({QStringLiteral("export"), QStringLiteral("--view"), QStringLiteral("compare"),
                                     QStringLiteral("--text"), QStringLiteral("a"), QStringLiteral("-o"), png});
    EXPECT_EQ(noSecond.exitCode, 2);
    EXPECT_TRUE(noSecond.err.contains("--compare")) << noSecond.err.toStdString();
    const auto otherView = runQkview({QStringLiteral("export"), QStringLiteral("--view"), QStringLiteral("lines"), QStringLiteral("--compare"),
                                      QStringLiteral("b"), QStringLiteral("--text"), QStringLiteral("a"), QStringLiteral("-o"), png});
    EXPECT_EQ(otherView.exitCode, 2);
    EXPECT_EQ(pngWidth(), width) << "a refused export leaves the file as it was";
}
