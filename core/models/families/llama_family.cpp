// SPDX-License-Identifier: MIT
// Llama (Llama 2, 3, 3.1, 3.2, SmolLM, TinyLlama), Mistral, Qwen2/2.5 and Qwen3: RMSNorm, rotary positions
// (rotate-half, optional linear or llama3 scaling), grouped-query attention, SwiGLU MLP, PyTorch Linear
// layout (out, in). Qwen2 adds q/k/v biases; Qwen3 normalises each head's q and k and may set head_dim.
#include "models/families/config_fields.h"
#include "models/families/families.h"

#include <QRegularExpression>

namespace qkview::llama {

namespace {

QString familyName(const QString& modelType) {
    if (modelType == u"mistral") return QStringLiteral("Mistral");
    if (modelType == u"qwen2") return QStringLiteral("Qwen2");
    if (modelType == u"qwen3") return QStringLiteral("Qwen3");
    return QStringLiteral("Llama");
}

RopeConfig parseRope(const QJsonObject& config, const QString& fileName) {
    RopeConfig rope;
    rope.theta = config::number(config, QStringLiteral("rope_theta"), 0.0, 1e12, 10000.0, fileName);
    const QJsonValue scalingValue = config.value(u"rope_scaling");
    if (scalingValue.isUndefined() || scalingValue.isNull()) return rope;
    if (!scalingValue.isObject()) config::fail(fileName, QStringLiteral("rope_scaling must be an object or null"));
    const QJsonObject scaling = scalingValue.toObject();
    const QString type = scaling.contains(u"rope_type") ? scaling.value(u"rope_type").toString()
                                                        : scaling.value(u"type").toString();
    if (type == u"default") return rope;
    if (type != u"linear" && type != u"llama3")
        config::fail(fileName, QStringLiteral("rope_scaling of type %1 is not supported; qkview implements \"linear\" "
                                              "and \"llama3\"")
                                   .arg(config::shown(scaling.value(scaling.contains(u"rope_type") ? u"rope_type" : u"type"))));
    rope.factor = config::number(scaling, QStringLiteral("factor"), 0.0, 1e6, 1.0, fileName + QStringLiteral(" rope_scaling"));
    if (type == u"linear") {
        rope.scaling = RopeConfig::Scaling::Linear;
        return rope;
    }
    rope.scaling = RopeConfig::Scaling::Llama3;
    const QString where = fileName + QStringLiteral(" rope_scaling");
    rope.lowFreqFactor = config::number(scaling, QStringLiteral("low_freq_factor"), 0.0, 1e6, 1.0, where);
    rope.highFreqFactor = config::number(scaling, QStringLiteral("high_freq_factor"), 0.0, 1e6, 4.0, where);
    if (rope.highFreqFactor <= rope.lowFreqFactor)
        config::fail(where, QStringLiteral("high_freq_factor (%1) must be larger than low_freq_factor (%2)")
                                .arg(rope.highFreqFactor).arg(rope.lowFreqFactor));
    rope.originalContext = *config::integer(scaling, QStringLiteral("original_max_position_embeddings"), 1, 1 << 24, where);
    return rope;
}

} // namespace

TransformerConfig parseConfig(const QJsonObject& config, const QString& modelType, const QString& fileName) {
    TransformerConfig c;
    c.family = familyName(modelType);
    c.name = config.value(u"_name_or_path").toString();
    const QString activation = config.value(u"hidden_act").toString(QStringLiteral("silu"));
    if (activation != u"silu")
        config::fail(fileName, QStringLiteral("hidden_act is %1; qkview implements the SwiGLU MLP with \"silu\"")
                                   .arg(config::shown(config.value(u"hidden_act"))));
    if (config.value(u"mlp_bias").toBool(false))
        config::fail(fileName, QStringLiteral("mlp_bias is true; qkview implements MLPs without biases"));
    if (config.value(u"use_sliding_window").toBool(false))
        config::fail(fileName, QStringLiteral("use_sliding_window is true; qkview implements full attention only"));

    c.layers = *config::integer(config, QStringLiteral("num_hidden_layers"), 1, 1024, fileName);
    c.heads = *config::integer(config, QStringLiteral("num_attention_heads"), 1, 1024, fileName);
    c.kvHeads = config::integer(config, QStringLiteral("num_key_value_heads"), 1, 1024, fileName, true).value_or(c.heads);
    if (c.heads % c.kvHeads != 0)
        config::fail(fileName, QStringLiteral("num_attention_heads (%1) must be a multiple of num_key_value_heads (%2)")
                                   .arg(c.heads).arg(c.kvHeads));
    c.channels = *config::integer(config, QStringLiteral("hidden_size"), 1, 1 << 16, fileName);
    const auto headDim = config::integer(config, QStringLiteral("head_dim"), 2, 1 << 12, fileName, true);
    if (!headDim && c.channels % c.heads != 0)
        config::fail(fileName, QStringLiteral("hidden_size (%1) must be divisible by num_attention_heads (%2)")
                                   .arg(c.channels).arg(c.heads));
    c.headSize = headDim.value_or(c.channels / c.heads);
    if (c.headSize % 2 != 0)
        config::fail(fileName, QStringLiteral("the head size (%1) must be even for rotary positions").arg(c.headSize));
    c.inner = *config::integer(config, QStringLiteral("intermediate_size"), 1, 1 << 20, fileName);
    c.positions = *config::integer(config, QStringLiteral("max_position_embeddings"), 1, 1 << 24, fileName);
    // Mistral's sliding window only matters beyond its width: qkview runs at most that many tokens.
    if (const auto window = config::integer(config, QStringLiteral("sliding_window"), 1, 1 << 24, fileName, true))
        c.positions = std::min(c.positions, *window);
    c.vocabSize = *config::integer(config, QStringLiteral("vocab_size"), 1, 1 << 24, fileName);
    c.normEpsilon = config::number(config, QStringLiteral("rms_norm_eps"), 0.0, 0.1, 1e-6, fileName);
    c.norm = NormKind::RmsNorm;
    c.positionKind = PositionKind::Rotary;
    c.rope = parseRope(config, fileName);
    c.mlp = MlpKind::SwiGlu;
    c.qkNorm = c.family == u"Qwen3";
    // Biases on q, k and v: always in Qwen2; with Llama's attention_bias also on the output projection.
    const bool attentionBias = config.value(u"attention_bias").toBool(false);
    c.attentionBias = c.family == u"Qwen2" || attentionBias;
    c.outputBias = attentionBias && c.family != u"Qwen2";
    c.tiedEmbeddings = config.value(u"tie_word_embeddings").toBool(false);
    return c;
}

std::vector<ExpectedTensor> tensors(const TransformerConfig& c, TransformerWeights& w) {
    const qint64 C = c.channels, I = c.inner, hs = c.headSize, Q = static_cast<qint64>(c.heads) * hs,
                 KV = static_cast<qint64>(c.kvHeads) * hs;
    std::vector<ExpectedTensor> table = {{QStringLiteral("model.embed_tokens.weight"), {c.vocabSize, C}, &w.tokenEmbedding}};
    w.blocks.resize(static_cast<size_t>(c.layers));
    for (int l = 0; l < c.layers; ++l) {
        TransformerBlockWeights& b = w.blocks[static_cast<size_t>(l)];
        const QString p = QStringLiteral("model.layers.%1.").arg(l);
        table.insert(table.end(), {{p + QStringLiteral("input_layernorm.weight"), {C}, &b.attentionNorm.weight},
                                   {p + QStringLiteral("self_attn.q_proj.weight"), {Q, C}, &b.q.weight},
                                   {p + QStringLiteral("self_attn.k_proj.weight"), {KV, C}, &b.k.weight},
                                   {p + QStringLiteral("self_attn.v_proj.weight"), {KV, C}, &b.v.weight},
                                   {p + QStringLiteral("self_attn.o_proj.weight"), {C, Q}, &b.attentionOut.weight},
                                   {p + QStringLiteral("post_attention_layernorm.weight"), {C}, &b.mlpNorm.weight},
                                   {p + QStringLiteral("mlp.gate_proj.weight"), {I, C}, &b.gate.weight},
                                   {p + QStringLiteral("mlp.up_proj.weight"), {I, C}, &b.up.weight},
                                   {p + QStringLiteral("mlp.down_proj.weight"), {C, I}, &b.down.weight}});
        if (c.attentionBias)
            table.insert(table.end(), {{p + QStringLiteral("self_attn.q_proj.bias"), {Q}, &b.q.bias},
                                       {p + QStringLiteral("self_attn.k_proj.bias"), {KV}, &b.k.bias},
                                       {p + QStringLiteral("self_attn.v_proj.bias"), {KV}, &b.v.bias}});
        if (c.outputBias) table.push_back({p + QStringLiteral("self_attn.o_proj.bias"), {C}, &b.attentionOut.bias});
        if (c.qkNorm)
            table.insert(table.end(), {{p + QStringLiteral("self_attn.q_norm.weight"), {hs}, &b.qNorm},
                                       {p + QStringLiteral("self_attn.k_norm.weight"), {hs}, &b.kNorm}});
    }
    table.push_back({QStringLiteral("model.norm.weight"), {C}, &w.finalNorm.weight});
    if (!c.tiedEmbeddings) table.push_back({QStringLiteral("lm_head.weight"), {c.vocabSize, C}, &w.output});
    return table;
}

TensorRules tensorRules(const TransformerConfig& c) {
    TensorRules rules;
    rules.family = c.family;
    rules.model = QStringLiteral("%1 with num_hidden_layers=%2, hidden_size=%3, num_attention_heads=%4, "
                                 "num_key_value_heads=%5, vocab_size=%6")
                      .arg(c.family).arg(c.layers).arg(c.channels).arg(c.heads).arg(c.kvHeads).arg(c.vocabSize);
    // Older checkpoints store the rotary frequencies (recomputed here); tied ones sometimes keep lm_head too.
    const std::vector<qint64> outputShape = {c.vocabSize, c.channels};
    const bool tied = c.tiedEmbeddings;
    rules.ignorable = [outputShape, tied](const QString& name, const std::vector<qint64>& shape) {
        static const QRegularExpression buffer(QStringLiteral(R"(^model\.layers\.\d+\.self_attn\.rotary_emb\.inv_freq$)"));
        return buffer.match(name).hasMatch() || (tied && name == u"lm_head.weight" && shape == outputShape);
    };
    return rules;
}

} // namespace qkview::llama
