// SPDX-License-Identifier: MIT
#pragma once
// The one-line description of a model in the status bar: family, name, shape, size and precision,
// e.g. "Llama · SmolLM2-135M · 30 layers × 9 heads (3 KV) · 135 M parameters · BF16".
#include "trace/model_config.h"

#include <QString>

namespace qkview::ui {

QString modelSummary(const ModelConfig& config);
// 124,439,808 → "124 M", 1,235,814,400 → "1.24 B", 4,096 → "4,096".
QString parameterCountText(long long count);

} // namespace qkview::ui
