// SPDX-License-Identifier: MIT
// The bidirectional encoders: BERT (bert-base/large, cased, uncased, multilingual), DistilBERT and RoBERTa.
// Word + position (+ token type) embeddings and their LayerNorm, post-norm blocks x = LN(x + attention(x)),
// x = LN(x + FFN(x)) with the erf GELU, attention without a causal mask, and the masked-LM head that fills
// in [MASK] when the checkpoint has one. PyTorch Linear layout (out, in).
#include "models/families/config_fields.h"
#include "models/families/families.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace qkview::bert {

namespace {

bool hasMaskedLmHead(const QJsonObject& config) {
    for (const QJsonValue& a : config.value(u"architectures").toArray())
        if (a.toString().endsWith(u"ForMaskedLM")) return true;
    return false;
}

void requireGelu(const QJsonObject& config, const QString& key, const QString& fileName) {
    const QJsonValue act = config.value(key);
    if (!act.isUndefined() && act.toString() != u"gelu")
        config::fail(fileName, QStringLiteral("%1 is %2; qkview implements BERT's exact GELU (\"gelu\")").arg(key, config::shown(act)));
}

} // namespace

TransformerConfig parseConfig(const QJsonObject& config, const QString& modelType, const QString& fileName) {
    TransformerConfig c;
    c.name = config.value(u"_name_or_path").toString();
    c.norm = NormKind::LayerNorm;
    c.positionKind = PositionKind::Learned;
    c.mlp = MlpKind::GeluErf;
    c.causal = false;
    c.postNorm = true;
    c.embeddingNorm = true;
    c.tiedEmbeddings = true;
    c.maskedLmHead = hasMaskedLmHead(config);
    if (modelType == u"distilbert") {
        c.family = QStringLiteral("DistilBERT");
        requireGelu(config, QStringLiteral("activation"), fileName);
        if (config.value(u"sinusoidal_pos_embds").toBool(false))
            config::fail(fileName, QStringLiteral("sinusoidal_pos_embds is true; qkview implements learned positions"));
        c.layers = *config::integer(config, QStringLiteral("n_layers"), 1, 1024, fileName);
        c.heads = *config::integer(config, QStringLiteral("n_heads"), 1, 1024, fileName);
        c.channels = *config::integer(config, QStringLiteral("dim"), 1, 1 << 16, fileName);
        c.inner = *config::integer(config, QStringLiteral("hidden_dim"), 1, 1 << 20, fileName);
        c.normEpsilon = 1e-12; // fixed in DistilBERT
    } else {
        c.family = modelType == u"roberta" ? QStringLiteral("RoBERTa") : QStringLiteral("BERT");
        requireGelu(config, QStringLiteral("hidden_act"), fileName);
        const QJsonValue positions = config.value(u"position_embedding_type");
        if (!positions.isUndefined() && positions.toString() != u"absolute")
            config::fail(fileName, QStringLiteral("position_embedding_type is %1; qkview implements \"absolute\"")
                                       .arg(config::shown(positions)));
        c.layers = *config::integer(config, QStringLiteral("num_hidden_layers"), 1, 1024, fileName);
        c.heads = *config::integer(config, QStringLiteral("num_attention_heads"), 1, 1024, fileName);
        c.channels = *config::integer(config, QStringLiteral("hidden_size"), 1, 1 << 16, fileName);
        c.inner = *config::integer(config, QStringLiteral("intermediate_size"), 1, 1 << 20, fileName);
        c.tokenTypes = config::integer(config, QStringLiteral("type_vocab_size"), 0, 1 << 10, fileName, true).value_or(2);
        c.normEpsilon = config::number(config, QStringLiteral("layer_norm_eps"), 0.0, 0.1, 1e-12, fileName);
        // RoBERTa counts positions from padding_idx + 1, so that many rows of its table are never used.
        if (c.family == u"RoBERTa")
            c.positionOffset = config::integer(config, QStringLiteral("pad_token_id"), 0, 1 << 20, fileName, true).value_or(1) + 1;
    }
    if (c.channels % c.heads != 0)
        config::fail(fileName, QStringLiteral("the width (%1) must be divisible by the heads (%2)").arg(c.channels).arg(c.heads));
    c.kvHeads = c.heads;
    c.headSize = c.channels / c.heads;
    const int table = *config::integer(config, QStringLiteral("max_position_embeddings"), 1, 1 << 20, fileName);
    if (table <= c.positionOffset)
        config::fail(fileName, QStringLiteral("max_position_embeddings (%1) leaves no positions after the offset %2")
                                   .arg(table).arg(c.positionOffset));
    c.positions = table - c.positionOffset;
    c.vocabSize = *config::integer(config, QStringLiteral("vocab_size"), 1, 1 << 24, fileName);
    return c;
}

std::vector<ExpectedTensor> tensors(const TransformerConfig& c, TransformerWeights& w) {
    const qint64 C = c.channels, I = c.inner, V = c.vocabSize, P = c.positions + c.positionOffset;
    const bool distil = c.family == u"DistilBERT";
    std::vector<ExpectedTensor> table = {
        {QStringLiteral("embeddings.word_embeddings.weight"), {V, C}, &w.tokenEmbedding},
        {QStringLiteral("embeddings.position_embeddings.weight"), {P, C}, &w.positionEmbedding},
        {QStringLiteral("embeddings.LayerNorm.weight"), {C}, &w.embeddingNorm.weight},
        {QStringLiteral("embeddings.LayerNorm.bias"), {C}, &w.embeddingNorm.bias}};
    if (c.tokenTypes > 0)
        table.push_back({QStringLiteral("embeddings.token_type_embeddings.weight"), {c.tokenTypes, C}, &w.tokenTypeEmbedding});
    w.blocks.resize(static_cast<size_t>(c.layers));
    const auto linear = [&](const QString& name, LinearWeights& l, qint64 out, qint64 in) {
        table.push_back({name + QStringLiteral(".weight"), {out, in}, &l.weight});
        table.push_back({name + QStringLiteral(".bias"), {out}, &l.bias});
    };
    const auto norm = [&](const QString& name, NormWeights& n) {
        table.push_back({name + QStringLiteral(".weight"), {C}, &n.weight});
        table.push_back({name + QStringLiteral(".bias"), {C}, &n.bias});
    };
    for (int l = 0; l < c.layers; ++l) {
        TransformerBlockWeights& b = w.blocks[static_cast<size_t>(l)];
        if (distil) {
            const QString p = QStringLiteral("transformer.layer.%1.").arg(l);
            linear(p + QStringLiteral("attention.q_lin"), b.q, C, C);
            linear(p + QStringLiteral("attention.k_lin"), b.k, C, C);
            linear(p + QStringLiteral("attention.v_lin"), b.v, C, C);
            linear(p + QStringLiteral("attention.out_lin"), b.attentionOut, C, C);
            norm(p + QStringLiteral("sa_layer_norm"), b.attentionNorm);
            linear(p + QStringLiteral("ffn.lin1"), b.up, I, C);
            linear(p + QStringLiteral("ffn.lin2"), b.down, C, I);
            norm(p + QStringLiteral("output_layer_norm"), b.mlpNorm);
        } else {
            const QString p = QStringLiteral("encoder.layer.%1.").arg(l);
            linear(p + QStringLiteral("attention.self.query"), b.q, C, C);
            linear(p + QStringLiteral("attention.self.key"), b.k, C, C);
            linear(p + QStringLiteral("attention.self.value"), b.v, C, C);
            linear(p + QStringLiteral("attention.output.dense"), b.attentionOut, C, C);
            norm(p + QStringLiteral("attention.output.LayerNorm"), b.attentionNorm);
            linear(p + QStringLiteral("intermediate.dense"), b.up, I, C);
            linear(p + QStringLiteral("output.dense"), b.down, C, I);
            norm(p + QStringLiteral("output.LayerNorm"), b.mlpNorm);
        }
    }
    if (!c.maskedLmHead) return table;
    if (c.family == u"BERT") {
        linear(QStringLiteral("cls.predictions.transform.dense"), w.headTransform, C, C);
        norm(QStringLiteral("cls.predictions.transform.LayerNorm"), w.headNorm);
        table.push_back({QStringLiteral("cls.predictions.bias"), {V}, &w.outputBias});
    } else if (c.family == u"RoBERTa") {
        linear(QStringLiteral("lm_head.dense"), w.headTransform, C, C);
        norm(QStringLiteral("lm_head.layer_norm"), w.headNorm);
        table.push_back({QStringLiteral("lm_head.bias"), {V}, &w.outputBias});
    } else {
        linear(QStringLiteral("vocab_transform"), w.headTransform, C, C);
        norm(QStringLiteral("vocab_layer_norm"), w.headNorm);
        table.push_back({QStringLiteral("vocab_projector.bias"), {V}, &w.outputBias});
    }
    return table;
}

TensorRules tensorRules(const TransformerConfig& c) {
    TensorRules rules;
    rules.family = c.family;
    rules.model = QStringLiteral("%1 with %2 layers, width %3, %4 heads, vocab_size=%5")
                      .arg(c.family).arg(c.layers).arg(c.channels).arg(c.heads).arg(c.vocabSize);
    // "bert.", "roberta." or "distilbert." before the encoder's names (not the heads'), and LayerNorm's old
    // gamma/beta names.
    rules.canonicalName = [](const QString& stored) {
        static const QRegularExpression prefix(QStringLiteral("^(bert|roberta|distilbert)\\."));
        static const QRegularExpression gamma(QStringLiteral("(LayerNorm|layer_norm)\\.gamma$"));
        static const QRegularExpression beta(QStringLiteral("(LayerNorm|layer_norm)\\.beta$"));
        QString name = stored;
        name.remove(prefix);
        name.replace(gamma, QStringLiteral("\\1.weight"));
        name.replace(beta, QStringLiteral("\\1.bias"));
        return name;
    };
    // Left unread: the pooler and next-sentence head (classification, not attention), copies of the tied
    // output matrix and its bias, a stored position-ids buffer, and any masked-LM head of a model that is
    // not declared ...ForMaskedLM.
    const bool head = c.maskedLmHead;
    rules.ignorable = [head](const QString& name, const std::vector<qint64>&) {
        static const QRegularExpression always(QStringLiteral(
            "^(pooler\\..*|cls\\.seq_relationship\\..*|cls\\.predictions\\.decoder\\..*|lm_head\\.decoder\\..*|"
            "vocab_projector\\.weight|embeddings\\.position_ids)$"));
        static const QRegularExpression heads(QStringLiteral("^(cls\\.|lm_head\\.|vocab_(transform|layer_norm|projector)\\.).*"));
        return always.match(name).hasMatch() || (!head && heads.match(name).hasMatch());
    };
    return rules;
}

} // namespace qkview::bert
