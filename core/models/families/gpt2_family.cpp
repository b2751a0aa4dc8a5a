// SPDX-License-Identifier: MIT
// GPT-2 (Hugging Face's gpt2, gpt2-medium/large/xl, distilgpt2 and other GPT2LMHeadModel checkpoints):
// LayerNorm with bias, learned positions, fused q|k|v in Conv1D layout, tanh-GELU MLP, output tied to wte.
#include "models/families/config_fields.h"
#include "models/families/families.h"

#include <QRegularExpression>

namespace qkview::gpt2 {

TransformerConfig parseConfig(const QJsonObject& config, const QString& fileName) {
    const QJsonValue activation = config.value(u"activation_function");
    if (!activation.isUndefined() && activation.toString() != u"gelu_new" &&
        activation.toString() != u"gelu_pytorch_tanh")
        config::fail(fileName, QStringLiteral("activation_function is %1; qkview implements GPT-2's tanh GELU "
                                              "(\"gelu_new\")")
                                   .arg(config::shown(activation)));
    for (const char* flag : {"scale_attn_by_inverse_layer_idx", "reorder_and_upcast_attn"})
        if (config.value(QLatin1StringView(flag)).toBool())
            config::fail(fileName, QStringLiteral("%1 is true; qkview implements the original GPT-2 attention")
                                       .arg(QLatin1StringView(flag)));
    if (config.contains(u"scale_attn_weights") && !config.value(u"scale_attn_weights").toBool(true))
        config::fail(fileName, QStringLiteral("scale_attn_weights is false; qkview implements the original GPT-2 "
                                              "attention (turn scaling off in the options instead)"));

    // Limits well above any published GPT-2 (1600 wide, 48 layers, 25 heads, 50257 tokens, 1024 positions)
    // yet small enough that every product of them fits in 64 bits.
    TransformerConfig c;
    c.family = QStringLiteral("GPT-2");
    c.name = config.value(u"_name_or_path").toString();
    c.layers = *config::integer(config, QStringLiteral("n_layer"), 1, 1024, fileName);
    c.heads = c.kvHeads = *config::integer(config, QStringLiteral("n_head"), 1, 1024, fileName);
    c.channels = *config::integer(config, QStringLiteral("n_embd"), 1, 1 << 16, fileName);
    if (c.channels % c.heads != 0)
        config::fail(fileName, QStringLiteral("n_embd (%1) must be divisible by n_head (%2)").arg(c.channels).arg(c.heads));
    c.headSize = c.channels / c.heads;
    c.inner = config::integer(config, QStringLiteral("n_inner"), 1, 1 << 18, fileName, true).value_or(4 * c.channels);
    const auto positions = config::integer(config, QStringLiteral("n_positions"), 1, 1 << 20, fileName, true);
    c.positions = positions ? *positions : *config::integer(config, QStringLiteral("n_ctx"), 1, 1 << 20, fileName);
    c.vocabSize = *config::integer(config, QStringLiteral("vocab_size"), 1, 1 << 24, fileName);
    c.normEpsilon = config::number(config, QStringLiteral("layer_norm_epsilon"), 0.0, 0.1, 1e-5, fileName);
    c.norm = NormKind::LayerNorm;
    c.positionKind = PositionKind::Learned;
    c.mlp = MlpKind::GeluTanh;
    c.tiedEmbeddings = true;
    return c;
}

std::vector<ExpectedTensor> tensors(const TransformerConfig& c, TransformerWeights& w) {
    const qint64 C = c.channels, I = c.inner;
    std::vector<ExpectedTensor> table = {{QStringLiteral("wte.weight"), {c.vocabSize, C}, &w.tokenEmbedding},
                                         {QStringLiteral("wpe.weight"), {c.positions, C}, &w.positionEmbedding}};
    w.blocks.resize(static_cast<size_t>(c.layers));
    for (int l = 0; l < c.layers; ++l) {
        TransformerBlockWeights& b = w.blocks[static_cast<size_t>(l)];
        // Hugging Face's Conv1D stores its weight as (in, out): used as stored (LinearWeights::storedInOut).
        for (LinearWeights* linear : {&b.qkv, &b.attentionOut, &b.up, &b.down}) linear->storedInOut = true;
        const QString h = QStringLiteral("h.%1.").arg(l);
        table.insert(table.end(), {{h + QStringLiteral("ln_1.weight"), {C}, &b.attentionNorm.weight},
                                   {h + QStringLiteral("ln_1.bias"), {C}, &b.attentionNorm.bias},
                                   {h + QStringLiteral("attn.c_attn.weight"), {C, 3 * C}, &b.qkv.weight},
                                   {h + QStringLiteral("attn.c_attn.bias"), {3 * C}, &b.qkv.bias},
                                   {h + QStringLiteral("attn.c_proj.weight"), {C, C}, &b.attentionOut.weight},
                                   {h + QStringLiteral("attn.c_proj.bias"), {C}, &b.attentionOut.bias},
                                   {h + QStringLiteral("ln_2.weight"), {C}, &b.mlpNorm.weight},
                                   {h + QStringLiteral("ln_2.bias"), {C}, &b.mlpNorm.bias},
                                   {h + QStringLiteral("mlp.c_fc.weight"), {C, I}, &b.up.weight},
                                   {h + QStringLiteral("mlp.c_fc.bias"), {I}, &b.up.bias},
                                   {h + QStringLiteral("mlp.c_proj.weight"), {I, C}, &b.down.weight},
                                   {h + QStringLiteral("mlp.c_proj.bias"), {C}, &b.down.bias}});
    }
    table.push_back({QStringLiteral("ln_f.weight"), {C}, &w.finalNorm.weight});
    table.push_back({QStringLiteral("ln_f.bias"), {C}, &w.finalNorm.bias});
    return table;
}

TensorRules tensorRules(const TransformerConfig& c) {
    TensorRules rules;
    rules.family = QStringLiteral("GPT-2");
    rules.model = QStringLiteral("GPT-2 with n_layer=%1, n_embd=%2, vocab_size=%3, n_positions=%4")
                      .arg(c.layers).arg(c.channels).arg(c.vocabSize).arg(c.positions);
    rules.canonicalName = [](const QString& name) { return name.startsWith(u"transformer.") ? name.mid(12) : name; };
    // Legacy buffers (the causal mask and its fill value) are recomputed, and the output matrix is tied to
    // wte in GPT-2, so a separate lm_head copy is not read.
    const std::vector<qint64> outputShape = {c.vocabSize, c.channels};
    rules.ignorable = [outputShape](const QString& name, const std::vector<qint64>& shape) {
        static const QRegularExpression buffer(QStringLiteral(R"(^h\.\d+\.attn\.(bias|masked_bias)$)"));
        return buffer.match(name).hasMatch() || (name == u"lm_head.weight" && shape == outputShape);
    };
    return rules;
}

} // namespace qkview::gpt2
