// SPDX-License-Identifier: MIT
#pragma once
// Checks shared by the model tests: a trace against a reference case written by a PyTorch script
// (tests/data/*/make_*_fixtures.py: "layers": [{"input", "output", "heads": [{"q", "k", ...}]}],
// "next_tokens"), and two traces against each other.
#include "models/transformer_model.h"
#include "test_matrices.h"
#include "weights/model_folder.h"

#include <QJsonArray>

#include <cmath>
#include <memory>

namespace qkview::test {

inline std::unique_ptr<TransformerModel> loadTransformer(const QString& folder) {
    std::unique_ptr<Model> model = loadModelFolder(folder);
    auto* transformer = dynamic_cast<TransformerModel*>(model.get());
    EXPECT_NE(transformer, nullptr) << folder.toStdString();
    if (transformer) model.release();
    return std::unique_ptr<TransformerModel>(transformer);
}

inline TokenList tokensOf(const std::vector<int>& ids) {
    TokenList tokens;
    for (int id : ids) tokens.push_back(Token{QString(), id});
    return tokens;
}

inline std::vector<int> idsOf(const QJsonArray& array) {
    std::vector<int> ids;
    for (const QJsonValue& v : array) ids.push_back(v.toInt());
    return ids;
}

inline double maxDifference(const Matrix& a, const Matrix& b) {
    if (a.rows() != b.rows() || a.cols() != b.cols()) return INFINITY;
    return a.size() ? static_cast<double>((a - b).cwiseAbs().maxCoeff()) : 0.0;
}

// The largest difference of a from b relative to b's largest magnitude (at least 1).
inline double relativeDifference(const Matrix& a, const Matrix& b) {
    const double scale = b.size() ? std::max(1.0, static_cast<double>(b.cwiseAbs().maxCoeff())) : 1.0;
    return maxDifference(a, b) / scale;
}

struct ReferenceCheck {
    int compared = 0;   // matrices compared
    double worst = 0.0; // their largest absolute difference
};

// Every layer's residual stream, every head's matrices the case has (q, k, v, scores, scaled_scores,
// weights, output) and the next tokens, within tolerance. A case that extends another holds only the rows
// of its new tokens, from "rows_from" on.
inline void expectMatchesReference(const AttentionTrace& trace, const QJsonObject& reference, double tolerance,
                                   ReferenceCheck& check) {
    const auto rowsFrom = static_cast<Eigen::Index>(reference[u"rows_from"].toInt(0));
    const auto newRows = [rowsFrom](const Matrix& m) -> Matrix { return m.bottomRows(m.rows() - rowsFrom); };
    const QJsonArray layers = reference[u"layers"].toArray();
    ASSERT_EQ(trace.layerCount(), layers.size());
    for (int l = 0; l < trace.layerCount(); ++l) {
        SCOPED_TRACE("layer " + std::to_string(l));
        const std::vector<std::pair<Matrix, QJsonValue>> pairs = {{newRows(trace.layerInput(l)), layers[l][u"input"]},
                                                                  {newRows(trace.layerOutput(l)), layers[l][u"output"]}};
        for (const auto& [actual, expected] : pairs) {
            EXPECT_TRUE(matricesNear(actual, matrixFromJson(expected), tolerance));
            check.worst = std::max(check.worst, maxDifference(actual, matrixFromJson(expected)));
            ++check.compared;
        }
        const QJsonArray heads = layers[l][u"heads"].toArray();
        ASSERT_EQ(trace.headCount(), heads.size());
        for (int h = 0; h < trace.headCount(); ++h) {
            SCOPED_TRACE("head " + std::to_string(h));
            const HeadPtr head = trace.head(l, h);
            if (heads[h].toObject().contains(u"kv_head")) {
                EXPECT_EQ(trace.config.kvHeadOf(h), heads[h][u"kv_head"].toInt());
            }
            const std::vector<std::pair<const char*, const Matrix*>> parts = {
                {"q", &head->q},           {"k", &head->k},       {"v", &head->v},
                {"scores", &head->scores}, {"scaled_scores", &head->scaledScores},
                {"weights", &head->weights}, {"output", &head->output}};
            for (const auto& [name, actual] : parts) {
                if (!heads[h].toObject().contains(QLatin1StringView(name))) continue;
                const Matrix expected = matrixFromJson(heads[h][QLatin1StringView(name)]);
                EXPECT_TRUE(matricesNear(newRows(*actual), expected, tolerance)) << name;
                check.worst = std::max(check.worst, maxDifference(newRows(*actual), expected));
                ++check.compared;
            }
        }
    }
    const QJsonArray next = reference[u"next_tokens"].toArray();
    ASSERT_EQ(trace.nextTokens().size(), static_cast<size_t>(next.size()));
    for (qsizetype i = 0; i < next.size(); ++i) {
        EXPECT_EQ(trace.nextTokens()[static_cast<size_t>(i)].id, next[i][u"id"].toInt()) << "rank " << i;
        EXPECT_NEAR(trace.nextTokens()[static_cast<size_t>(i)].p, next[i][u"p"].toDouble(), tolerance);
        check.worst = std::max(check.worst, std::abs(trace.nextTokens()[static_cast<size_t>(i)].p - next[i][u"p"].toDouble()));
    }
}

// Every number of two traces: the largest relative difference.
inline double traceDifference(const AttentionTrace& a, const AttentionTrace& b) {
    EXPECT_EQ(a.tokenCount(), b.tokenCount());
    EXPECT_EQ(a.layerCount(), b.layerCount());
    double worst = 0.0;
    for (int l = 0; l < a.layerCount() && l < b.layerCount(); ++l) {
        worst = std::max({worst, relativeDifference(a.layerInput(l), b.layerInput(l)),
                          relativeDifference(a.layerOutput(l), b.layerOutput(l))});
        for (int h = 0; h < a.headCount(); ++h) {
            const HeadPtr hx = a.head(l, h), hy = b.head(l, h);
            const HeadTrace &x = *hx, &y = *hy;
            worst = std::max({worst, relativeDifference(x.q, y.q), relativeDifference(x.k, y.k), relativeDifference(x.v, y.v),
                              relativeDifference(x.scores, y.scores), relativeDifference(x.scaledScores, y.scaledScores),
                              relativeDifference(x.weights, y.weights), relativeDifference(x.output, y.output)});
        }
    }
    EXPECT_EQ(a.nextTokens().size(), b.nextTokens().size());
    for (size_t i = 0; i < a.nextTokens().size() && i < b.nextTokens().size(); ++i) {
        EXPECT_EQ(a.nextTokens()[i].id, b.nextTokens()[i].id);
        worst = std::max(worst, static_cast<double>(std::abs(a.nextTokens()[i].p - b.nextTokens()[i].p)));
    }
    return worst;
}

} // namespace qkview::test
