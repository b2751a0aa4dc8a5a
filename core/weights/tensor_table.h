// SPDX-License-Identifier: MIT
#pragma once
// Reading a checkpoint against a table of expected tensors: every name present with its exact shape and a
// readable dtype, nothing unknown, nothing stored twice, all checked (and every problem named in one
// Error) before a single weight is read. Then float32 views into memory the LoadedTensors own (F16 and
// BF16 converted once).
#include "base/matrix.h"
#include "weights/model_folder.h"
#include "weights/safetensors.h"

#include <functional>
#include <memory>
#include <vector>

namespace qkview {

// A row-major float32 tensor seen as a matrix; vectors are one row. Empty (data == nullptr) when absent.
struct WeightView {
    const float* data = nullptr;
    Eigen::Index rows = 0;
    Eigen::Index cols = 0;

    explicit operator bool() const { return data != nullptr; }
    Eigen::Map<const Matrix> matrix() const { return {data, rows, cols}; }
    Eigen::Map<const RowVector> vector() const { return {data, rows * cols}; }
};

struct ExpectedTensor {
    QString name;              // after TensorRules::canonicalName
    std::vector<qint64> shape; // exact
    WeightView* target;
};

struct TensorRules {
    QString family;                                      // "GPT-2": for messages
    QString model;                                       // "GPT-2 with n_layer=12, …": for messages
    std::function<QString(const QString&)> canonicalName; // stored name → table name (e.g. drops "transformer.")
    // Stored tensors that are not in the table but are fine to leave unread (buffers, unused heads).
    std::function<bool(const QString& name, const std::vector<qint64>& shape)> ignorable;
};

// What the views point into; moving it keeps every pointer valid.
struct LoadedTensors {
    std::vector<std::unique_ptr<float[]>> floats; // one per tensor of the table
    long long parameterCount = 0; // elements of the table's tensors
    QString dtype;                // the stored dtype of most weights ("F32", "F16", "BF16")
};

// Throws Error(InvalidModel) naming every missing, misshapen, unreadable, duplicated or unknown tensor,
// when the weights as float32 exceed availableMemoryBytes() (before reading any), and naming every tensor
// that holds NaN or ±Inf; Error(Cancelled) when progress says so. Reports progress from firstFraction to lastFraction.
LoadedTensors loadTensors(const std::vector<ExpectedTensor>& table, const TensorRules& rules,
                          const std::vector<std::shared_ptr<const SafetensorsFile>>& files,
                          const LoadProgress& progress = {}, double firstFraction = 0.0, double lastFraction = 1.0);

} // namespace qkview
