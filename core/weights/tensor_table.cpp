// SPDX-License-Identifier: MIT
#include "weights/tensor_table.h"

#include "base/available_memory.h"
#include "base/error.h"

#include <QHash>
#include <QSet>
#include <QStringList>

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace qkview {

namespace {

struct Found {
    const SafetensorsFile* file;
    const TensorInfo* tensor;
};

QString shapeText(const std::vector<qint64>& shape) {
    QStringList dims;
    for (qint64 d : shape) dims << QString::number(d);
    return u'[' + dims.join(QStringLiteral(", ")) + u']';
}

QString sizeText(qint64 bytes) {
    constexpr double kMiB = 1024.0 * 1024.0;
    return bytes >= 1024 * kMiB ? QStringLiteral("%1 GiB").arg(static_cast<double>(bytes) / (1024 * kMiB), 0, 'f', 1)
                                : QStringLiteral("%1 MiB").arg(static_cast<double>(bytes) / kMiB, 0, 'f', 1);
}

// NaN and ±Inf are the floats whose exponent bits are all ones; testing the bits vectorises.
bool isNonFinite(float value) {
    std::uint32_t bits;
    std::memcpy(&bits, &value, sizeof bits);
    return (bits & 0x7f800000u) == 0x7f800000u;
}

qint64 countNonFinite(const float* data, qint64 count) {
    qint64 bad = 0;
    for (qint64 i = 0; i < count; ++i) bad += isNonFinite(data[i]);
    return bad;
}

// "'h.0.mlp.c_fc.weight' has 3 of 1024 values, the first nan at [0, 7]" (the caller says which values)
QString nonFiniteText(const QString& name, const WeightView& view, qint64 bad) {
    const float* first = std::find_if(view.data, view.data + view.rows * view.cols, isNonFinite);
    const qint64 at = first - view.data;
    const QString where = view.rows == 1 ? QStringLiteral("[%1]").arg(at)
                                         : QStringLiteral("[%1, %2]").arg(at / view.cols).arg(at % view.cols);
    return QStringLiteral("'%1' has %2 of %3 values, the first %4 at %5")
        .arg(name).arg(bad).arg(view.rows * view.cols).arg(QString::number(*first), where);
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

LoadedTensors loadTensors(const std::vector<ExpectedTensor>& table, const TensorRules& rules,
                          const std::vector<std::shared_ptr<const SafetensorsFile>>& files,
                          const LoadProgress& progress, double firstFraction, double lastFraction) {
    // 1. Every tensor by its name without "transformer."; a name found twice is an error.
    QHash<QString, Found> found;
    QStringList duplicated;
    for (const auto& file : files)
        for (const TensorInfo& t : file->tensors()) {
            const QString name = rules.canonicalName ? rules.canonicalName(t.name) : t.name;
            const auto previous = found.constFind(name);
            if (previous != found.cend())
                duplicated << QStringLiteral("'%1' in %2 and '%3' in %4")
                                  .arg(previous->tensor->name, fileName(*previous->file), t.name, fileName(*file));
            else
                found.insert(name, {file.get(), &t});
        }

    // 2. The expected table: present, exact shape, readable dtype.
    LoadedTensors loaded;
    QStringList missing, misshapen, unreadable, unknown;
    QSet<QString> used;
    std::vector<Found> sources; // parallel to table once nothing is missing
    for (const ExpectedTensor& e : table) {
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
    for (auto it = found.cbegin(); it != found.cend(); ++it) {
        if (used.contains(it.key()) || (rules.ignorable && rules.ignorable(it.key(), it->tensor->shape))) continue;
        unknown << QStringLiteral("'%1' %2").arg(it->tensor->name, shapeText(it->tensor->shape));
    }
    unknown.sort();
    QStringList problems;
    if (!missing.isEmpty()) problems << QStringLiteral("missing tensors: ") + listed(missing);
    if (!misshapen.isEmpty()) problems << QStringLiteral("wrong shapes: ") + listed(misshapen);
    if (!unreadable.isEmpty()) problems << QStringLiteral("dtypes other than F32, F16 or BF16: ") + listed(unreadable);
    if (!duplicated.isEmpty()) problems << QStringLiteral("tensors stored twice: ") + listed(duplicated);
    if (!unknown.isEmpty()) problems << QStringLiteral("tensors %1 does not have: ").arg(rules.family) + listed(unknown);
    if (!problems.isEmpty())
        throw Error(Error::Kind::InvalidModel, QStringLiteral("the weights do not match %1: %2")
                                                   .arg(rules.model, problems.join(QStringLiteral(". ")))
                                                   .toStdString());

    // 3. Refuse a model that cannot fit before reading a weight: qkview computes in float32, so a
    //    half-precision checkpoint takes twice its file's size.
    qint64 totalBytes = 0, doneBytes = 0, floatBytes = 0;
    for (const Found& f : sources) {
        totalBytes += f.tensor->end - f.tensor->begin;
        floatBytes += f.tensor->elementCount() * qint64{sizeof(float)};
    }
    const qint64 available = availableMemoryBytes();
    if (available >= 0 && floatBytes > available)
        throw Error(Error::Kind::InvalidModel,
                    QStringLiteral("%1 needs %2 of memory for its weights as float32, but only %3 is available; "
                                   "close other programs or choose a smaller model")
                        .arg(rules.model, sizeText(floatBytes), sizeText(available))
                        .toStdString());

    // 4. Read into memory of our own, converted to float32 once. A NaN or infinite
    //    weight would silently turn every number downstream into NaN, so such tensors are named and refused.
    QStringList nonFinite;
    QHash<QString, qint64> bytesByDtype; // the dtype most bytes are stored in names the checkpoint's precision
    for (size_t i = 0; i < table.size(); ++i) {
        const ExpectedTensor& e = table[i];
        const Found& f = sources[i];
        const double done = static_cast<double>(doneBytes) / static_cast<double>(std::max<qint64>(1, totalBytes));
        reportProgress(progress, firstFraction + (lastFraction - firstFraction) * done,
                       QStringLiteral("Reading %1").arg(f.tensor->name));
        const qint64 count = f.tensor->elementCount();
        e.target->rows = e.shape.size() == 2 ? e.shape[0] : 1;
        e.target->cols = e.shape.back();
        auto floats = std::make_unique_for_overwrite<float[]>(static_cast<size_t>(count));
        f.file->read(*f.tensor, floats.get());
        e.target->data = floats.get();
        loaded.floats.push_back(std::move(floats));
        if (const qint64 bad = countNonFinite(e.target->data, count)) nonFinite << nonFiniteText(f.tensor->name, *e.target, bad);
        loaded.parameterCount += count;
        doneBytes += f.tensor->end - f.tensor->begin;
        bytesByDtype[QLatin1StringView(dtypeName(f.tensor->dtype))] += f.tensor->end - f.tensor->begin;
    }
    if (!nonFinite.isEmpty())
        throw Error(Error::Kind::InvalidModel, QStringLiteral("the weights of %1 contain NaN or infinite values: %2")
                                                   .arg(rules.model, listed(nonFinite))
                                                   .toStdString());
    for (auto it = bytesByDtype.cbegin(); it != bytesByDtype.cend(); ++it)
        if (loaded.dtype.isEmpty() || it.value() > bytesByDtype.value(loaded.dtype)) loaded.dtype = it.key();
    reportProgress(progress, lastFraction, QStringLiteral("Weights read"));
    return loaded;
}

} // namespace qkview
