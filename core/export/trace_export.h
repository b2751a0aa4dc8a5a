// SPDX-License-Identifier: MIT
#pragma once
// Trace → data files other tools read: CSV of one matrix, NumPy .npy (v1.0, little-endian float32,
// C order) of one matrix or of every head stacked. The JSON dump lives in trace_json.h.
// Shapes: T = tokens, L = layers, NH = heads.
#include "trace/attention_trace.h"

#include <QByteArray>

#include <functional>

namespace qkview {

// Which (T, T) matrix of head (layer, head) to write: its weights, its scores, a lens of it, …
using HeadMatrixPick = std::function<Matrix(int layer, int head)>;

// Header row "query \ key" then the key tokens; each row starts with its query token. Fields with
// spaces, commas, quotes or line breaks are quoted (RFC 4180); numbers read back as the same float;
// non-finite values are written nan, inf, -inf.
QByteArray matrixToCsv(const TokenList& tokens, const Matrix& matrix /* (T, T) */);

// A .npy file of an array of any shape in C order; shape's product must equal data.size().
QByteArray npyBytes(const std::vector<qint64>& shape, const std::vector<float>& data);
// One matrix as a (rows, cols) array.
QByteArray matrixToNpy(const Matrix& matrix);
// Every head's matrix stacked as (L, NH, T, T).
QByteArray headsToNpy(const AttentionTrace& trace, const HeadMatrixPick& pick);

} // namespace qkview
