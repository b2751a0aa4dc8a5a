// SPDX-License-Identifier: MIT
#include "weights/gpt2_weights.h"

#include "base/error.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QStringList>

namespace qkview {

namespace {

struct Expected {
    QString name;              // without "transformer."
    std::vector<qint64> shape; // exact
    WeightView* target;
};

struct Found {
    const SafetensorsFile* file;
    const TensorInfo* tensor;
};

std::vector<Expected> expectedTensors(const Gpt2Config& c, Gpt2Weights& w) {
    const qint64 C = c.channels, I = c.inner;
    std::vector<Expected> table = {{QStringLiteral("wte.weight"), {c.vocabSize, C}, &w.wte},
                                   {QStringLiteral("wpe.weight"), {c.positions, C}, &w.wpe}};
    w.blocks.resize(static_cast<size_t>(c.layers));
    for (int l = 0; l < c.layers; ++l) {
        Gpt2BlockWeights& b = w.blocks[static_cast<size_t>(l)];
        const QString h = QStringLiteral("h.%1.").arg(l);
        table.insert(table.end(), {{h + QStringLiteral("ln_1.weight"), {C}, &b.ln1Weight},
                                   {h + QStringLiteral("ln_1.bias"), {C}, &b.ln1Bias},
                                   {h + QStringLiteral("attn.c_attn.weight"), {C, 3 * C}, &b.attnWeight},
                                   {h + QStringLiteral("attn.c_attn.bias"), {3 * C}, &b.attnBias},
                                   {h + QStringLiteral("attn.c_proj.weight"), {C, C}, &b.attnProjWeight},
                                   {h + QStringLiteral("attn.c_proj.bias"), {C}, &b.attnProjBias},
                                   {h + QStringLiteral("ln_2.weight"), {C}, &b.ln2Weight},
                                   {h + QStringLiteral("ln_2.bias"), {C}, &b.ln2Bias},
                                   {h + QStringLiteral("mlp.c_fc.weight"), {C, I}, &b.fcWeight},
                                   {h + QStringLiteral("mlp.c_fc.bias"), {I}, &b.fcBias},
                                   {h + QStringLiteral("mlp.c_proj.weight"), {I, C}, &b.mlpProjWeight},
                                   {h + QStringLiteral("mlp.c_proj.bias"), {C}, &b.mlpProjBias}});
    }
    table.push_back({QStringLiteral("ln_f.weight"), {C}, &w.lnfWeight});
    table.push_back({QStringLiteral("ln_f.bias"), {C}, &w.lnfBias});
    return table;
}

QString shapeText(const std::vector<qint64>& shape) {
    QStringList dims;
    for (qint64 d : shape) dims << QString::number(d);
    return u'[' + dims.join(QStringLiteral(", ")) + u']';
}

QString fileName(const SafetensorsFile& file) { return file.path().section(u'/', -1); }

// Up to 12 items, then "and N more", so a wrong folder gives a readable message.
QString listed(const QStringList& items) {
    constexpr qsizetype kShown = 12;
    QString text = items.mid(0, kShown).join(QStringLiteral("; "));
    if (items.size() > kShown) text += QStringLiteral("; and %1 more").arg(items.size() - kShown);
    return text;
}

} // namespace

Gpt2Weights loadGpt2Weights(const Gpt2Config& config, const std::vector<std::shared_ptr<const SafetensorsFile>>& files,
                            const LoadProgress& progress, double firstFraction, double lastFraction) {
    // 1. Every tensor by its name without "transformer."; a name found twice is an error.
    QHash<QString, Found> found;
    QStringList duplicated;
    for (const auto& file : files)
        for (const TensorInfo& t : file->tensors()) {
            const QString name = t.name.startsWith(u"transformer.") ? t.name.mid(12) : t.name;
            const auto previous = found.constFind(name);
            if (previous != found.cend())
                duplicated << QStringLiteral("'%1' in %2 and '%3' in %4")
                                  .arg(previous->tensor->name, fileName(*previous->file), t.name, fileName(*file));
            else
                found.insert(name, {file.get(), &t});
        }

    // 2. The expected table: present, exact shape, readable dtype.
    Gpt2Weights weights;
    const std::vector<Expected> table = expectedTensors(config, weights);
    QStringList missing, misshapen, unreadable, unknown;
    QSet<QString> used;
    std::vector<Found> sources; // parallel to table once nothing is missing
    for (const Expected& e : table) {
        const auto it = found.constFind(e.name);
        if (it == found.cend()) {
            missing << QStringLiteral("'%1' %2").arg(e.name, shapeText(e.shape));
            continue;
        }
        used.insert(e.name);
        sources.push_back(*it);
        if (it->tensor->shape != e.shape)
            misshapen << QStringLiteral("'%1' expected %2, got %3")
                             .arg(it->tensor->name, shapeText(e.shape), shapeText(it->tensor->shape));
        else if (!isReadable(it->tensor->dtype))
            unreadable << QStringLiteral("'%1' is %2").arg(it->tensor->name, QLatin1StringView(dtypeName(it->tensor->dtype)));
    }
    // Legacy buffers (the causal mask and its fill value) are recomputed, and the output matrix is
    // tied to wte in GPT-2, so a separate lm_head copy is not read.
    static const QRegularExpression buffer(QStringLiteral(R"(^h\.\d+\.attn\.(bias|masked_bias)$)"));
    for (auto it = found.cbegin(); it != found.cend(); ++it) {
        if (used.contains(it.key()) || buffer.match(it.key()).hasMatch()) continue;
        if (it.key() == u"lm_head.weight" &&
            it->tensor->shape == std::vector<qint64>{config.vocabSize, config.channels})
            continue;
        unknown << QStringLiteral("'%1' %2").arg(it->tensor->name, shapeText(it->tensor->shape));
    }
    unknown.sort();
    QStringList problems;
    if (!missing.isEmpty()) problems << QStringLiteral("missing tensors: ") + listed(missing);
    if (!misshapen.isEmpty()) problems << QStringLiteral("wrong shapes: ") + listed(misshapen);
    if (!unreadable.isEmpty()) problems << QStringLiteral("dtypes other than F32, F16 or BF16: ") + listed(unreadable);
    if (!duplicated.isEmpty()) problems << QStringLiteral("tensors stored twice: ") + listed(duplicated);
    if (!unknown.isEmpty()) problems << QStringLiteral("tensors GPT-2 does not have: ") + listed(unknown);
    if (!problems.isEmpty())
        throw Error(Error::Kind::InvalidModel,
                    QStringLiteral("the weights do not match GPT-2 with n_layer=%1, n_embd=%2, vocab_size=%3, "
                                   "n_positions=%4: %5")
                        .arg(config.layers)
                        .arg(config.channels)
                        .arg(config.vocabSize)
                        .arg(config.positions)
                        .arg(problems.join(QStringLiteral(". ")))
                        .toStdString());

    // 3. Read: aligned F32 in place from the map, everything else converted once.
    qint64 totalBytes = 0, doneBytes = 0;
    for (const Found& f : sources) totalBytes += f.tensor->end - f.tensor->begin;
    QSet<const SafetensorsFile*> mapped;
    for (size_t i = 0; i < table.size(); ++i) {
        const Expected& e = table[i];
        const Found& f = sources[i];
        const double done = static_cast<double>(doneBytes) / static_cast<double>(std::max<qint64>(1, totalBytes));
        reportProgress(progress, firstFraction + (lastFraction - firstFraction) * done,
                       QStringLiteral("Reading %1").arg(f.tensor->name));
        const qint64 count = f.tensor->elementCount();
        e.target->rows = e.shape.size() == 2 ? e.shape[0] : 1;
        e.target->cols = e.shape.back();
        if (const float* inPlace = f.file->mappedFloats(*f.tensor)) {
            e.target->data = inPlace;
            mapped.insert(f.file);
        } else {
            auto copy = std::make_unique_for_overwrite<float[]>(static_cast<size_t>(count));
            f.file->read(*f.tensor, copy.get());
            e.target->data = copy.get();
            weights.converted.push_back(std::move(copy));
        }
        weights.parameterCount += count;
        doneBytes += f.tensor->end - f.tensor->begin;
    }
    for (const auto& file : files)
        if (mapped.contains(file.get())) weights.mappedFiles.push_back(file);
    reportProgress(progress, lastFraction, QStringLiteral("Weights read"));
    return weights;
}

} // namespace qkview
