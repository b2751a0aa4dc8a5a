// SPDX-License-Identifier: MIT
#pragma once
// The models that ship inside qkview, and the one way to open a model by what a user types:
//   teaching  the hand-designed teaching model (models/teaching_model.h)
//   tiny      a small GPT-2 trained by tools/train_tiny_model.py, an F16 folder in the resources,
//             opened by the same loader as any downloaded folder
// Anything else, and anything containing '/', is a model folder.
#include "weights/model_folder.h"

#include <QStringList>

namespace qkview {

QStringList builtInModelNames(); // {"teaching", "tiny"}

// True when spec names a built-in model rather than a folder.
bool isBuiltInModel(const QString& spec);

// Opens a built-in model by name or a model folder by path. Throws Error as loadModelFolder does.
std::unique_ptr<Model> loadModel(const QString& spec, const LoadProgress& progress = {});

} // namespace qkview
