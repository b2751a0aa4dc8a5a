// SPDX-License-Identifier: MIT
// Llama, Mistral, Qwen2 and Qwen3 folders on the transformer core against the independent float64 PyTorch
// reference (tests/data/llama/make_llama_fixtures.py): GQA and MQA, llama3 and linear rope scaling, Qwen2
// biases, Qwen3 q/k norms with an odd head size, tied and untied outputs, F32/F16/BF16, sharded files.
// Every layer's residual stream, every head's q and k (after the rotation), v, weights and output, and the
// top-10 next tokens within 1e-4; typing at the end equals the reference and a full recomputation.
#include "base/error.h"
#include "models/transformer_layers.h"
#include "reference_trace.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>

namespace qkview {
namespace {

using namespace test;

constexpr double kReferenceTolerance = 1e-4;
constexpr double kReuseTolerance = 1e-5;

QString fixtureFolder(const QString& name) { return QStringLiteral(QKVIEW_TEST_DATA "/llama/") + name; }
QJsonArray referenceModels() { return readJsonFixture(QStringLiteral("llama/reference.json")).value(u"models").toArray(); }

TEST(LlamaFamilyTest, EveryLayerAndHeadMatchesTheReference) {
    const QJsonArray models = referenceModels();
    ASSERT_EQ(models.size(), 4);
    ReferenceCheck check;
    for (const QJsonValue& m : models) {
        const QString folder = m[u"folder"].toString();
        SCOPED_TRACE(folder.toStdString());
        const auto model = loadTransformer(fixtureFolder(folder));
        ASSERT_TRUE(model);
        const QJsonArray cases = m[u"cases"].toArray();
        for (const QJsonValue& c : cases) {
            const std::vector<int> ids = idsOf(c[u"ids"].toArray());
            const TracePtr trace = model->forward(QString(), tokensOf(ids), {});
            EXPECT_TRUE(trace->options.causal);
            // A case that extends the one before is typed at its end: only the new rows are computed.
            EXPECT_EQ(model->lastReusedRows(), c[u"rows_from"].toInt());
            expectMatchesReference(*trace, c.toObject(), kReferenceTolerance, check);
            if (c[u"rows_from"].toInt() > 0) {
                const TracePtr full = loadTransformer(fixtureFolder(folder))->forward(QString(), tokensOf(ids), {});
                EXPECT_LE(traceDifference(*trace, *full), kReuseTolerance);
            }
        }
    }
    std::printf("[          ] %d matrices against PyTorch, max difference %.3g\n", check.compared, check.worst);
    EXPECT_GT(check.compared, 300);
}

TEST(LlamaFamilyTest, ConfigDescribesTheCheckpoint) {
    const std::map<QString, QString> families = {{QStringLiteral("llama"), QStringLiteral("Llama")},
                                                 {QStringLiteral("mistral"), QStringLiteral("Mistral")},
                                                 {QStringLiteral("qwen2"), QStringLiteral("Qwen2")},
                                                 {QStringLiteral("qwen3"), QStringLiteral("Qwen3")}};
    for (const QJsonValue& m : referenceModels()) {
        SCOPED_TRACE(m[u"folder"].toString().toStdString());
        const auto model = loadTransformer(fixtureFolder(m[u"folder"].toString()));
        const ModelConfig& c = model->config();
        EXPECT_EQ(c.family, families.at(m[u"family"].toString()));
        EXPECT_EQ(c.dHead, m[u"head_dim"].toInt());
        EXPECT_EQ(c.kvHeads, m[u"num_key_value_heads"].toInt());
        EXPECT_EQ(c.weightDtype, m[u"dtype"].toString());
        EXPECT_TRUE(c.rotary());
        EXPECT_EQ(c.parameterCount, m[u"parameters"].toInteger());
        // The rotary frequencies (with the checkpoint's scaling) equal the reference's.
        const std::vector<double> ours = rotaryFrequencies(model->transformerConfig().rope, c.dHead);
        const QJsonArray theirs = m[u"rope_inverse_frequencies"].toArray();
        ASSERT_EQ(ours.size(), static_cast<size_t>(theirs.size()));
        for (size_t i = 0; i < ours.size(); ++i)
            EXPECT_NEAR(ours[i], theirs[static_cast<qsizetype>(i)].toDouble(), 1e-9 * std::max(1.0, ours[i])) << i;
    }
}

// A copy of a fixture folder with config.json edited.
QString editedCopy(const QTemporaryDir& dir, const QString& fixture, const std::function<void(QJsonObject&)>& edit) {
    const QDir source(fixtureFolder(fixture));
    for (const QString& name : source.entryList(QDir::Files)) QFile::copy(source.filePath(name), dir.filePath(name));
    QFile file(dir.filePath(QStringLiteral("config.json")));
    EXPECT_TRUE(file.open(QIODevice::ReadOnly));
    QJsonObject config = QJsonDocument::fromJson(file.readAll()).object();
    file.close();
    edit(config);
    EXPECT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(QJsonDocument(config).toJson());
    return dir.path();
}

TEST(LlamaFamilyTest, UnsupportedPartsAreNamed) {
    struct Case {
        const char* what;
        const char* fixture;
        std::function<void(QJsonObject&)> edit;
        std::vector<const char*> parts; // in the message
    };
    const std::vector<Case> cases = {
        {"a family qkview does not read", "llama3_gqa_bf16", [](QJsonObject& c) { c[QStringLiteral("model_type")] = QStringLiteral("gemma"); },
         {"model_type is \"gemma\"", "Llama", "Qwen3", "Mistral"}},
        {"another rope scaling", "llama3_gqa_bf16",
         [](QJsonObject& c) { c[QStringLiteral("rope_scaling")] = QJsonObject{{QStringLiteral("rope_type"), QStringLiteral("yarn")}, {QStringLiteral("factor"), 4}}; },
         {"rope_scaling of type \"yarn\"", "llama3"}},
        {"heads that do not share key/value heads evenly", "llama3_gqa_bf16",
         [](QJsonObject& c) { c[QStringLiteral("num_key_value_heads")] = 3; }, {"num_key_value_heads (3)"}},
        {"another activation", "qwen2_bias_f32", [](QJsonObject& c) { c[QStringLiteral("hidden_act")] = QStringLiteral("gelu"); },
         {"hidden_act is \"gelu\""}},
        {"sliding-window layers", "qwen2_bias_f32", [](QJsonObject& c) { c[QStringLiteral("use_sliding_window")] = true; },
         {"use_sliding_window"}},
        {"a Qwen3 checkpoint read as Qwen2 has q/k norms it does not expect", "qwen3_qknorm_bf16",
         [](QJsonObject& c) { c[QStringLiteral("model_type")] = QStringLiteral("qwen2"); }, {"q_norm.weight"}},
        {"a Llama checkpoint read as Qwen2 lacks the q/k/v biases", "llama3_gqa_bf16",
         [](QJsonObject& c) { c[QStringLiteral("model_type")] = QStringLiteral("qwen2"); }, {"missing tensors", "q_proj.bias"}},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.what);
        QTemporaryDir dir;
        try {
            loadModelFolder(editedCopy(dir, QLatin1StringView(c.fixture), c.edit));
            ADD_FAILURE() << "loaded";
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), Error::Kind::InvalidModel);
            for (const char* part : c.parts) EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
        }
    }
}

TEST(LlamaFamilyTest, MistralSlidingWindowCapsTheContext) {
    QTemporaryDir dir;
    const auto model = loadTransformer(editedCopy(dir, QStringLiteral("mistral_mha_f16_sharded"),
                                                  [](QJsonObject& c) { c[QStringLiteral("sliding_window")] = 20; }));
    EXPECT_EQ(model->config().contextLength, 20);
}

} // namespace
} // namespace qkview
