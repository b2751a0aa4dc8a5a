// SPDX-License-Identifier: MIT
#include "weights/model_folder.h"

#include "base/error.h"
#include "models/families/families.h"
#include "models/head_names.h"
#include "models/transformer_model.h"
#include "tokenizers/gpt2_tokenizer.h"
#include "tokenizers/hf_tokenizer.h"
#include "weights/safetensors.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace qkview {

namespace {

constexpr qint64 kMaxJsonBytes = 100'000'000; // config.json is ~1 kB, index files ~30 kB

[[noreturn]] void fail(Error::Kind kind, const QString& message) { throw Error(kind, message.toStdString()); }

QByteArray readSmallFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) fail(Error::Kind::Io, QStringLiteral("cannot open %1: %2").arg(path, file.errorString()));
    if (file.size() > kMaxJsonBytes)
        fail(Error::Kind::InvalidModel, QStringLiteral("%1 has %2 bytes, more than a JSON file of a model folder should")
                                            .arg(path)
                                            .arg(file.size()));
    QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        fail(Error::Kind::Io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    return bytes;
}

QString pickleRefusal(const QDir& dir, const QStringList& pickles) {
    const QString path = dir.absolutePath();
    return QStringLiteral(
               "%1 has no model.safetensors, only %2. That is a Python pickle, and loading a pickle can run any "
               "code it contains, so qkview does not open it. Convert it once to safetensors with Hugging Face "
               "transformers (this runs the pickle, so only for a model you trust):\n"
               "python -c \"from transformers import AutoModel; AutoModel.from_pretrained('%1')"
               ".save_pretrained('%1', safe_serialization=True)\"")
        .arg(path, pickles.join(QStringLiteral(", ")));
}

// model.safetensors, or the shards named by model.safetensors.index.json's weight_map.
std::vector<std::shared_ptr<const SafetensorsFile>> openWeightFiles(const QDir& dir, const LoadProgress& progress) {
    if (dir.exists(QStringLiteral("model.safetensors"))) {
        reportProgress(progress, 0.1, QStringLiteral("Checking model.safetensors"));
        return {std::make_shared<const SafetensorsFile>(dir.filePath(QStringLiteral("model.safetensors")))};
    }
    const QString indexName = QStringLiteral("model.safetensors.index.json");
    if (!dir.exists(indexName)) {
        const QStringList pickles = dir.entryList({QStringLiteral("*.bin"), QStringLiteral("*.pt"),
                                                   QStringLiteral("*.pth"), QStringLiteral("*.ckpt")},
                                                  QDir::Files, QDir::Name);
        if (!pickles.isEmpty()) fail(Error::Kind::InvalidModel, pickleRefusal(dir, pickles));
        fail(Error::Kind::InvalidModel, QStringLiteral("%1 has no model.safetensors (nor %2 for a sharded model)")
                                            .arg(dir.absolutePath(), indexName));
    }

    const QJsonDocument index = QJsonDocument::fromJson(readSmallFile(dir.filePath(indexName)));
    const QJsonValue weightMap = index.object().value(u"weight_map");
    if (!weightMap.isObject() || weightMap.toObject().isEmpty())
        fail(Error::Kind::InvalidModel, indexName + QStringLiteral(": expected a non-empty \"weight_map\" object"));
    QStringList shards; // in first-mention order
    const QJsonObject map = weightMap.toObject();
    for (auto it = map.begin(); it != map.end(); ++it) {
        const QString shard = it.value().toString();
        // A plain file name in this folder: the index must not reach elsewhere ("../x", "/etc/x").
        if (shard.isEmpty() || shard.contains(u'/') || shard.contains(u'\\') || shard.startsWith(u'.'))
            fail(Error::Kind::InvalidModel, indexName + QStringLiteral(": weight_map gives '%1' the shard \"%2\", "
                                                                       "expected a file name in the folder")
                                                            .arg(it.key(), shard.left(80)));
        if (!shards.contains(shard)) shards << shard;
    }
    std::vector<std::shared_ptr<const SafetensorsFile>> files;
    for (qsizetype s = 0; s < shards.size(); ++s) {
        if (!dir.exists(shards[s]))
            fail(Error::Kind::InvalidModel, indexName + QStringLiteral(" names the shard %1, which is not in %2")
                                                            .arg(shards[s], dir.absolutePath()));
        reportProgress(progress, 0.1 + 0.05 * static_cast<double>(s) / static_cast<double>(shards.size()),
                       QStringLiteral("Checking %1").arg(shards[s]));
        files.push_back(std::make_shared<const SafetensorsFile>(dir.filePath(shards[s])));
    }
    for (auto it = map.begin(); it != map.end(); ++it) {
        const auto& file = files[static_cast<size_t>(shards.indexOf(it.value().toString()))];
        if (!file->find(it.key()))
            fail(Error::Kind::InvalidModel, indexName + QStringLiteral(": weight_map puts '%1' in %2, which has no "
                                                                       "such tensor")
                                                            .arg(it.key(), it.value().toString()));
    }
    return files;
}

// GPT-2's vocab.json + merges.txt, or any family's tokenizer.json; checked against the model's vocabulary.
std::shared_ptr<const Tokenizer> openTokenizer(const QDir& dir, const TransformerConfig& config) {
    int vocabSize = 0;
    std::shared_ptr<const Tokenizer> tokenizer;
    if (config.family == u"GPT-2" && dir.exists(QStringLiteral("vocab.json")) && dir.exists(QStringLiteral("merges.txt"))) {
        auto gpt2 = Gpt2Tokenizer::fromFiles(dir.filePath(QStringLiteral("vocab.json")), dir.filePath(QStringLiteral("merges.txt")));
        vocabSize = gpt2->vocabSize();
        tokenizer = std::move(gpt2);
    } else if (dir.exists(QStringLiteral("tokenizer.json")) || dir.exists(QStringLiteral("vocab.txt")) ||
               (config.family == u"RoBERTa" && dir.exists(QStringLiteral("vocab.json")))) {
        const QString tokenizerConfig = dir.exists(QStringLiteral("tokenizer_config.json"))
                                            ? dir.filePath(QStringLiteral("tokenizer_config.json")) : QString();
        auto hf = config.family == u"RoBERTa" && !dir.exists(QStringLiteral("tokenizer.json"))
                      ? HfTokenizer::fromVocabMerges(dir.filePath(QStringLiteral("vocab.json")),
                                                     dir.filePath(QStringLiteral("merges.txt")), tokenizerConfig)
                      : HfTokenizer::fromFolder(dir.absolutePath());
        vocabSize = hf->vocabSize();
        tokenizer = std::move(hf);
    } else {
        fail(Error::Kind::InvalidModel, QStringLiteral("%1 has no tokenizer: expected tokenizer.json%2")
                                            .arg(dir.absolutePath(), config.family == u"GPT-2" || config.family == u"RoBERTa"
                                                                         ? QStringLiteral(", or vocab.json and merges.txt")
                                                                     : !config.causal ? QStringLiteral(" or vocab.txt")
                                                                                      : QString()));
    }
    if (vocabSize > config.vocabSize)
        fail(Error::Kind::InvalidModel, QStringLiteral("the tokenizer has %1 tokens but config.json's vocab_size is %2")
                                            .arg(vocabSize)
                                            .arg(config.vocabSize));
    return tokenizer;
}

} // namespace

void reportProgress(const LoadProgress& progress, double fraction, const QString& message) {
    if (progress && !progress(fraction, message)) throw Error(Error::Kind::Cancelled, "loading the model was cancelled");
}

std::unique_ptr<Model> loadModelFolder(const QString& path, const LoadProgress& progress) {
    const QDir dir(path);
    if (!QFileInfo(path).isDir()) fail(Error::Kind::Io, QStringLiteral("%1 is not a folder").arg(path));
    reportProgress(progress, 0.0, QStringLiteral("Reading config.json"));
    if (!dir.exists(QStringLiteral("config.json")))
        fail(Error::Kind::InvalidModel,
             QStringLiteral("%1 has no config.json: expected a Hugging Face model folder (config.json, "
                            "model.safetensors, and tokenizer.json or GPT-2's vocab.json + merges.txt)")
                 .arg(dir.absolutePath()));
    TransformerConfig config = parseTransformerConfig(readSmallFile(dir.filePath(QStringLiteral("config.json"))),
                                                      dir.filePath(QStringLiteral("config.json")));
    if (config.name.isEmpty()) config.name = dir.dirName();
    if (dir.exists(QStringLiteral("heads.json")))
        config.headInfo = parseHeadNames(readSmallFile(dir.filePath(QStringLiteral("heads.json"))), config.layers,
                                         config.heads, dir.filePath(QStringLiteral("heads.json")));

    reportProgress(progress, 0.02, QStringLiteral("Reading the tokenizer"));
    auto tokenizer = openTokenizer(dir, config);

    const auto files = openWeightFiles(dir, progress);
    TransformerWeights weights;
    const std::vector<ExpectedTensor> table = transformerTensors(config, weights); // points into weights
    weights.storage = loadTensors(table, transformerTensorRules(config), files, progress, 0.15, 1.0);
    if (config.tiedEmbeddings) weights.output = weights.tokenEmbedding;
    return std::make_unique<TransformerModel>(std::move(config), std::move(weights), std::move(tokenizer));
}

} // namespace qkview
