// SPDX-License-Identifier: MIT
#pragma once
// Builds GPT-2 model folders for tests: copies of the fixtures, safetensors files written from C++,
// and random checkpoints of any shape (for sizes too large to commit).
#include "base/matrix.h"
#include "weights/safetensors.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

namespace qkview::test {

struct TensorBytes {
    QString name;
    QByteArray dtype; // "F32", "I32", ...
    std::vector<qint64> shape;
    QByteArray data;  // little-endian
};

inline QByteArray floatBytes(const std::vector<float>& values) {
    QByteArray data(static_cast<qsizetype>(values.size() * 4), Qt::Uninitialized);
    qToLittleEndian<float>(values.data(), static_cast<qsizetype>(values.size()), data.data());
    return data;
}

inline void writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate)) << path.toStdString();
    ASSERT_EQ(file.write(bytes), bytes.size());
}

inline QByteArray readFile(const QString& path) {
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << path.toStdString();
    return file.readAll();
}

// A safetensors file holding tensors in the given order, header padded to 8 bytes.
inline void writeSafetensors(const QString& path, const std::vector<TensorBytes>& tensors) {
    QByteArray header = "{";
    qint64 offset = 0;
    for (const TensorBytes& t : tensors) {
        QByteArray shape;
        for (qint64 d : t.shape) shape += (shape.isEmpty() ? "" : ",") + QByteArray::number(d);
        header += (header.size() > 1 ? "," : "") + ("\"" + t.name.toUtf8() + "\":{\"dtype\":\"" + t.dtype +
                                                    "\",\"shape\":[" + shape + "],\"data_offsets\":[" +
                                                    QByteArray::number(offset) + "," +
                                                    QByteArray::number(offset + t.data.size()) + "]}");
        offset += t.data.size();
    }
    header += "}";
    while (header.size() % 8) header += ' ';
    QByteArray bytes(8, '\0');
    qToLittleEndian<quint64>(static_cast<quint64>(header.size()), bytes.data());
    bytes += header;
    for (const TensorBytes& t : tensors) bytes += t.data;
    writeFile(path, bytes);
}

// Every tensor of a safetensors file as F32 (readable dtypes) or as its raw bytes (others).
inline std::vector<TensorBytes> readTensors(const QString& path) {
    const SafetensorsFile file(path);
    const QByteArray raw = readFile(path);
    const qint64 dataOffset = 8 + qFromLittleEndian<quint64>(raw.constData());
    std::vector<TensorBytes> tensors;
    for (const TensorInfo& info : file.tensors()) {
        TensorBytes t{info.name, dtypeName(info.dtype), info.shape, {}};
        if (isReadable(info.dtype)) {
            std::vector<float> values(static_cast<size_t>(info.elementCount()));
            file.read(info, values.data());
            t.dtype = "F32";
            t.data = floatBytes(values);
        } else {
            t.data = raw.mid(dataOffset + info.begin, info.end - info.begin);
        }
        tensors.push_back(std::move(t));
    }
    return tensors;
}

inline void copyFolder(const QString& from, const QString& to) {
    QDir().mkpath(to);
    for (const QString& name : QDir(from).entryList(QDir::Files))
        ASSERT_TRUE(QFile::copy(QDir(from).filePath(name), QDir(to).filePath(name))) << name.toStdString();
}

inline QJsonObject readJson(const QString& path) { return QJsonDocument::fromJson(readFile(path)).object(); }
inline void writeJson(const QString& path, const QJsonObject& object) { writeFile(path, QJsonDocument(object).toJson()); }

// A random GPT-2 in folder: config.json, model.safetensors (F32) and the tokenizer files of tokenizerFrom.
inline void writeRandomGpt2(const QString& folder, const QString& tokenizerFrom, int layers, int heads, int channels,
                            int positions, int vocabSize, unsigned seed) {
    QDir().mkpath(folder);
    for (const char* name : {"vocab.json", "merges.txt"})
        ASSERT_TRUE(QFile::copy(QDir(tokenizerFrom).filePath(QLatin1StringView(name)),
                                QDir(folder).filePath(QLatin1StringView(name))));
    writeJson(QDir(folder).filePath(QStringLiteral("config.json")),
              {{QStringLiteral("n_layer"), layers}, {QStringLiteral("n_head"), heads},
               {QStringLiteral("n_embd"), channels}, {QStringLiteral("n_positions"), positions},
               {QStringLiteral("vocab_size"), vocabSize}, {QStringLiteral("layer_norm_epsilon"), 1e-5}});
    std::mt19937 random(seed);
    std::normal_distribution<float> normal;
    const auto tensor = [&](const QString& name, std::vector<qint64> shape, float std, float mean = 0.0f) {
        qint64 n = 1;
        for (qint64 d : shape) n *= d;
        std::vector<float> values(static_cast<size_t>(n));
        for (float& v : values) v = mean + std * normal(random);
        return TensorBytes{name, "F32", std::move(shape), floatBytes(values)};
    };
    const qint64 C = channels;
    std::vector<TensorBytes> tensors = {tensor(QStringLiteral("wte.weight"), {vocabSize, C}, 0.3f),
                                        tensor(QStringLiteral("wpe.weight"), {positions, C}, 0.1f)};
    for (int l = 0; l < layers; ++l) {
        const QString h = QStringLiteral("h.%1.").arg(l);
        const float wide = 1.0f / std::sqrt(static_cast<float>(C));
        for (const auto& t : {tensor(h + QStringLiteral("ln_1.weight"), {C}, 0.1f, 1.0f),
                              tensor(h + QStringLiteral("ln_1.bias"), {C}, 0.1f),
                              tensor(h + QStringLiteral("attn.c_attn.weight"), {C, 3 * C}, 2.0f * wide),
                              tensor(h + QStringLiteral("attn.c_attn.bias"), {3 * C}, 0.1f),
                              tensor(h + QStringLiteral("attn.c_proj.weight"), {C, C}, wide),
                              tensor(h + QStringLiteral("attn.c_proj.bias"), {C}, 0.05f),
                              tensor(h + QStringLiteral("ln_2.weight"), {C}, 0.1f, 1.0f),
                              tensor(h + QStringLiteral("ln_2.bias"), {C}, 0.1f),
                              tensor(h + QStringLiteral("mlp.c_fc.weight"), {C, 4 * C}, wide),
                              tensor(h + QStringLiteral("mlp.c_fc.bias"), {4 * C}, 0.05f),
                              tensor(h + QStringLiteral("mlp.c_proj.weight"), {4 * C, C}, 0.5f * wide),
                              tensor(h + QStringLiteral("mlp.c_proj.bias"), {C}, 0.05f)})
            tensors.push_back(t);
    }
    tensors.push_back(tensor(QStringLiteral("ln_f.weight"), {C}, 0.1f, 1.0f));
    tensors.push_back(tensor(QStringLiteral("ln_f.bias"), {C}, 0.1f));
    writeSafetensors(QDir(folder).filePath(QStringLiteral("model.safetensors")), tensors);
}

} // namespace qkview::test
