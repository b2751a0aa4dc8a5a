// SPDX-License-Identifier: MIT
#include "models/gpt2_config.h"

#include "base/error.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <limits>
#include <optional>

namespace qkview {

namespace {

[[noreturn]] void fail(const QString& fileName, const QString& problem) {
    throw Error(Error::Kind::InvalidModel, (fileName + QStringLiteral(": ") + problem).toStdString());
}

QString shown(const QJsonValue& value) {
    switch (value.type()) {
    case QJsonValue::Undefined: return QStringLiteral("nothing");
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: return QString::number(value.toDouble(), 'g', 17);
    case QJsonValue::String: return u'"' + value.toString().left(40) + u'"';
    case QJsonValue::Array: return QStringLiteral("an array");
    case QJsonValue::Object: return QStringLiteral("an object");
    }
    return {};
}

// An integer field in [low, high]; absent fields are refused unless optional.
std::optional<int> integerField(const QJsonObject& config, const QString& key, int low, int high,
                                const QString& fileName, bool optional = false) {
    const QJsonValue value = config.value(key);
    if ((value.isUndefined() || value.isNull()) && optional) return std::nullopt;
    const qint64 i = value.toInteger(std::numeric_limits<qint64>::min());
    if (!value.isDouble() || i < low || i > high)
        fail(fileName, QStringLiteral("%1 must be an integer from %2 to %3, got %4").arg(key).arg(low).arg(high).arg(
                           shown(value)));
    return static_cast<int>(i);
}

} // namespace

Gpt2Config parseGpt2Config(const QByteArray& json, const QString& fileName) {
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        fail(fileName, QStringLiteral("not valid JSON: %1 at byte %2").arg(error.errorString()).arg(error.offset));
    if (!document.isObject()) fail(fileName, QStringLiteral("expected a JSON object"));
    const QJsonObject config = document.object();

    const QJsonValue type = config.value(u"model_type");
    if (!type.isUndefined() && type.toString() != u"gpt2")
        fail(fileName, QStringLiteral("model_type is %1; qkview reads GPT-2 family models (model_type \"gpt2\")")
                           .arg(shown(type)));
    const QJsonValue activation = config.value(u"activation_function");
    if (!activation.isUndefined() && activation.toString() != u"gelu_new" &&
        activation.toString() != u"gelu_pytorch_tanh")
        fail(fileName, QStringLiteral("activation_function is %1; qkview implements GPT-2's tanh GELU "
                                      "(\"gelu_new\")")
                           .arg(shown(activation)));
    for (const char* flag : {"scale_attn_by_inverse_layer_idx", "reorder_and_upcast_attn"})
        if (config.value(QLatin1StringView(flag)).toBool())
            fail(fileName, QStringLiteral("%1 is true; qkview implements the original GPT-2 attention")
                               .arg(QLatin1StringView(flag)));
    if (config.contains(u"scale_attn_weights") && !config.value(u"scale_attn_weights").toBool(true))
        fail(fileName, QStringLiteral("scale_attn_weights is false; qkview implements the original GPT-2 attention "
                                      "(turn scaling off in the options instead)"));

    // Limits well above any published GPT-2 (1600 wide, 48 layers, 25 heads, 50257 tokens, 1024 positions)
    // yet small enough that every product of them fits in 64 bits.
    Gpt2Config c;
    c.name = config.value(u"_name_or_path").toString();
    c.layers = *integerField(config, QStringLiteral("n_layer"), 1, 1024, fileName);
    c.heads = *integerField(config, QStringLiteral("n_head"), 1, 1024, fileName);
    c.channels = *integerField(config, QStringLiteral("n_embd"), 1, 1 << 16, fileName);
    if (c.channels % c.heads != 0)
        fail(fileName, QStringLiteral("n_embd (%1) must be divisible by n_head (%2)").arg(c.channels).arg(c.heads));
    c.inner = integerField(config, QStringLiteral("n_inner"), 1, 1 << 18, fileName, true).value_or(4 * c.channels);
    const auto positions = integerField(config, QStringLiteral("n_positions"), 1, 1 << 20, fileName, true);
    c.positions = positions ? *positions : *integerField(config, QStringLiteral("n_ctx"), 1, 1 << 20, fileName);
    c.vocabSize = *integerField(config, QStringLiteral("vocab_size"), 1, 1 << 24, fileName);
    const QJsonValue epsilon = config.value(u"layer_norm_epsilon");
    if (!epsilon.isUndefined()) {
        c.layerNormEpsilon = epsilon.toDouble(-1.0);
        if (!epsilon.isDouble() || !std::isfinite(c.layerNormEpsilon) || c.layerNormEpsilon <= 0.0 ||
            c.layerNormEpsilon > 0.1)
            fail(fileName, QStringLiteral("layer_norm_epsilon must be a number in (0, 0.1], got %1").arg(shown(epsilon)));
    }
    return c;
}

} // namespace qkview
