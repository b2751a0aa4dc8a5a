// SPDX-License-Identifier: MIT
// core attention against PyTorch (tests/data/make_attention_reference.py), tolerance 1e-5.
#include "attention/attention.h"
#include "test_matrices.h"

#include <cstdio>

using namespace qkview;

namespace {
constexpr double kTolerance = 1e-5;
}

TEST(AttentionReference, EveryIntermediateMatchesPyTorch) {
    const QJsonObject fixture = test::readJsonFixture(QStringLiteral("attention_reference.json"));
    const Matrix x = test::matrixFromJson(fixture[u"x"]);
    const Matrix wo = test::matrixFromJson(fixture[u"wo"]);
    std::vector<HeadWeights> weights;
    for (const auto& h : fixture[u"heads"].toArray()) {
        const QJsonObject o = h.toObject();
        weights.push_back({test::matrixFromJson(o[u"wq"]), test::matrixFromJson(o[u"wk"]), test::matrixFromJson(o[u"wv"])});
    }
    const QJsonArray cases = fixture[u"cases"].toArray();
    ASSERT_EQ(cases.size(), 4);
    ASSERT_EQ(weights.size(), 3u);
    double worst = 0.0;
    for (const auto& c : cases) {
        const QJsonObject o = c.toObject();
        const QJsonObject opt = o[u"options"].toObject();
        AttentionOptions options;
        options.scale = opt[u"scale"].toBool();
        options.temperature = static_cast<float>(opt[u"temperature"].toDouble());
        options.causal = opt[u"causal"].toBool();
        std::vector<HeadTrace> heads;
        const QJsonArray expectedHeads = o[u"heads"].toArray();
        for (size_t h = 0; h < weights.size(); ++h) {
            heads.push_back(attentionHead(x, weights[h], options));
            const QJsonObject e = expectedHeads[static_cast<qsizetype>(h)].toObject();
            const std::pair<const char*, const Matrix*> fields[] = {
                {"q", &heads[h].q}, {"k", &heads[h].k}, {"v", &heads[h].v}, {"scores", &heads[h].scores},
                {"scaled_scores", &heads[h].scaledScores}, {"weights", &heads[h].weights}, {"output", &heads[h].output}};
            for (const auto& [name, actual] : fields) {
                const Matrix expected = test::matrixFromJson(e[QLatin1String(name)]);
                EXPECT_TRUE(test::matricesNear(*actual, expected, kTolerance)) << name << " head " << h;
                worst = std::max(worst, static_cast<double>((*actual - expected).cwiseAbs().maxCoeff()));
            }
        }
        const Matrix combined = combineHeads(heads, wo);
        EXPECT_TRUE(test::matricesNear(combined, test::matrixFromJson(o[u"combined"]), kTolerance));
    }
    std::printf("attention vs PyTorch: max difference %.3g (tolerance %.0e)\n", worst, kTolerance);
}
