// SPDX-License-Identifier: MIT
#pragma once
// Names for a model's heads from an optional heads.json beside config.json:
//   {"layers": [[{"name": "previous token", "description": "…"}, … one per head], … one per layer]}
// The built-in trained model names its heads this way from what they measurably do; any folder may.
#include "trace/model_config.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace qkview {

// Reads the file's names for `layers` × `heads` heads. Throws Error(InvalidModel) naming fileName and
// what is wrong (not JSON, the wrong number of layers or heads, a name that is empty or too long).
std::vector<std::vector<HeadInfo>> parseHeadNames(const QByteArray& json, int layers, int heads, const QString& fileName);

} // namespace qkview
