// SPDX-License-Identifier: MIT
#include "models/builtin_models.h"

#include "models/teaching_model.h"

namespace qkview {

namespace {
const QString kTeaching = QStringLiteral("teaching");
const QString kTiny = QStringLiteral("tiny");
const QString kTinyFolder = QStringLiteral(":/qkview/models/tiny"); // resources/tiny, stored uncompressed so it reads as a file
} // namespace

QStringList builtInModelNames() { return {kTeaching, kTiny}; }

bool isBuiltInModel(const QString& spec) { return !spec.contains(u'/') && builtInModelNames().contains(spec); }

std::unique_ptr<Model> loadModel(const QString& spec, const LoadProgress& progress) {
    if (spec == kTeaching) return std::make_unique<TeachingModel>();
    if (spec == kTiny) return loadModelFolder(kTinyFolder, progress);
    return loadModelFolder(spec, progress);
}

} // namespace qkview
