// SPDX-License-Identifier: MIT
#include "models/families/families.h"

#include "models/families/config_fields.h"

#include <QJsonArray>

namespace qkview {

namespace {
// model_type values and the architectures that name them when model_type is absent.
const QStringList kLlamaTypes = {QStringLiteral("llama"), QStringLiteral("mistral"), QStringLiteral("qwen2"),
                                 QStringLiteral("qwen3")};
const QStringList kBertTypes = {QStringLiteral("bert"), QStringLiteral("distilbert"), QStringLiteral("roberta")};

bool isEncoder(const TransformerConfig& config) { return !config.causal; }

QString modelTypeOf(const QJsonObject& config) {
    if (config.contains(u"model_type")) return config.value(u"model_type").toString();
    const QString architecture = config.value(u"architectures").toArray().first().toString();
    for (const QString& type : kLlamaTypes + kBertTypes)
        if (architecture.startsWith(type, Qt::CaseInsensitive)) return type;
    return QStringLiteral("gpt2"); // the oldest GPT-2 configs name neither
}
} // namespace

TransformerConfig parseTransformerConfig(const QByteArray& json, const QString& fileName) {
    const QJsonObject config = config::parseObject(json, fileName);
    const QString type = modelTypeOf(config);
    if (type == u"gpt2") return gpt2::parseConfig(config, fileName);
    if (kLlamaTypes.contains(type)) return llama::parseConfig(config, type, fileName);
    if (kBertTypes.contains(type)) return bert::parseConfig(config, type, fileName);
    config::fail(fileName, QStringLiteral("model_type is %1; qkview reads GPT-2 (\"gpt2\"), Llama (\"llama\": Llama 2 and 3, "
                                          "SmolLM, TinyLlama), Mistral (\"mistral\"), Qwen2/2.5 (\"qwen2\"), Qwen3 "
                                          "(\"qwen3\"), BERT (\"bert\"), DistilBERT (\"distilbert\") and RoBERTa "
                                          "(\"roberta\") models")
                               .arg(config::shown(config.value(u"model_type"))));
}

std::vector<ExpectedTensor> transformerTensors(const TransformerConfig& config, TransformerWeights& weights) {
    if (config.family == u"GPT-2") return gpt2::tensors(config, weights);
    return isEncoder(config) ? bert::tensors(config, weights) : llama::tensors(config, weights);
}

TensorRules transformerTensorRules(const TransformerConfig& config) {
    if (config.family == u"GPT-2") return gpt2::tensorRules(config);
    return isEncoder(config) ? bert::tensorRules(config) : llama::tensorRules(config);
}

} // namespace qkview
