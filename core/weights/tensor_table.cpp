// SPDX-License-Identifier: MIT
#include "weights/tensor_table.h"

#include "base/error.h"

#include <QHash>
#include <QSet>
#include <QStringList>

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

    // 3. Read: aligned F32 in place from the map, everything else converted once.
    qint64 totalBytes = 0, doneBytes = 0;
    for (const Found& f : sources) totalBytes += f.tensor->end - f.tensor->begin;
    QSet<const SafetensorsFile*> mapped;
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
        if (const float* inPlace = f.file->mappedFloats(*f.tensor)) {
            e.target->data = inPlace;
            mapped.insert(f.file);
        } else {
            auto copy = std::make_unique_for_overwrite<float[]>(static_cast<size_t>(count));
            f.file->read(*f.tensor, copy.get());
            e.target->data = copy.get();
            loaded.converted.push_back(std::move(copy));
        }
        loaded.parameterCount += count;
        doneBytes += f.tensor->end - f.tensor->begin;
        bytesByDtype[QLatin1StringView(dtypeName(f.tensor->dtype))] += f.tensor->end - f.tensor->begin;
    }
    for (const auto& file : files)
        if (mapped.contains(file.get())) loaded.mappedFiles.push_back(file);
    for (auto it = bytesByDtype.cbegin(); it != bytesByDtype.cend(); ++it)
        if (loaded.dtype.isEmpty() || it.value() > bytesByDtype.value(loaded.dtype)) loaded.dtype = it.key();
    reportProgress(progress, lastFraction, QStringLiteral("Weights read"));
    return loaded;
}

} // namespace qkview
