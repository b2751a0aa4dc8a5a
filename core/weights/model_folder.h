// SPDX-License-Identifier: MIT
#pragma once
// Opening a model folder in Hugging Face's layout:
//   config.json                                   the hyperparameters (GPT-2: n_layer, n_head, n_embd, ...)
//   model.safetensors, or model-0000k-of-0000n.safetensors shards listed by model.safetensors.index.json
//   vocab.json + merges.txt, or tokenizer.json
// Pickle checkpoints (pytorch_model.bin, *.pt, *.ckpt, *.pth) are refused: loading them runs code.
#include "models/model.h"

#include <QString>

#include <functional>
#include <memory>

namespace qkview {

// Called while a folder loads with the fraction done (0..1) and what is happening; return false to
// cancel, and loading stops with Error(Cancelled). Called on the loading thread.
using LoadProgress = std::function<bool(double fraction, const QString& message)>;

// Reports to progress (when set); throws Error(Cancelled) when it returns false.
void reportProgress(const LoadProgress& progress, double fraction, const QString& message);

// Loads a GPT-2 family model from dir. Throws Error: InvalidModel naming the file and what is wrong
// (every missing or misshapen tensor, unknown names, bad config values, pickle-only folders),
// Io when a file cannot be read, Cancelled when progress returned false.
std::unique_ptr<Model> loadModelFolder(const QString& dir, const LoadProgress& progress = {});

} // namespace qkview
