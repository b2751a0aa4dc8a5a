// SPDX-License-Identifier: MIT
#pragma once
// Shape letters used across core (after llm.c):
//   T = tokens, C = channels (d_model), NH = heads, hs = head size (d_head), L = layers, V = vocabulary.
#include <Eigen/Core>

namespace qkview {

// Row-major like the (T, C) tensors of llm.c and like safetensors data on disk.
using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using RowVector = Eigen::Matrix<float, 1, Eigen::Dynamic>;

} // namespace qkview
