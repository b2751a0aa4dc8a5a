// SPDX-License-Identifier: MIT
#include "models/transformer_layers.h"

#include "base/error.h"
#include "base/parallel_for.h"

#include <QThread>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace qkview {

namespace {

// Work is shared between cores only above this many multiply-adds: handing items to another
// thread costs microseconds.
constexpr double kParallelWork = 1 << 18;

bool worthSharing(double a, double b, double c = 1.0) { return a * b * c >= kParallelWork; }

// Blocks of n columns (or rows): about four per core, so a core that another program delays leaves
// its share to the others; in whole SIMD registers (16 floats).
Eigen::Index chunkSize(Eigen::Index n) {
    const Eigen::Index perCore = n / (4 * std::max(1, QThread::idealThreadCount()));
    return std::max<Eigen::Index>(64, (perCore + 15) / 16 * 16);
}

int chunkCount(Eigen::Index n, Eigen::Index chunk) { return static_cast<int>((n + chunk - 1) / chunk); }

// Rows [first, first + size) of block i of n rows in blocks of 16.
constexpr Eigen::Index kRowBlock = 16;
std::pair<Eigen::Index, Eigen::Index> rowBlock(int i, Eigen::Index n) {
    const Eigen::Index first = i * kRowBlock;
    return {first, std::min(kRowBlock, n - first)};
}

} // namespace

void embeddingForward(Matrix& out, const std::vector<int>& ids, int first, const WeightView& embedding,
                      const WeightView& positions) {
    const auto tokens = embedding.matrix(); // (V, C)
    out.resize(static_cast<Eigen::Index>(ids.size()), tokens.cols()); // (R, C)
    for (size_t r = 0; r < ids.size(); ++r) out.row(static_cast<Eigen::Index>(r)) = tokens.row(ids[r]);
    if (!positions) return;
    const auto table = positions.matrix(); // (P, C)
    for (size_t r = 0; r < ids.size(); ++r)
        out.row(static_cast<Eigen::Index>(r)) += table.row(first + static_cast<Eigen::Index>(r));
}

void tokenTypeForward(Matrix& x, const std::vector<int>& types, const WeightView& table) {
    const auto rows = table.matrix(); // (types, C)
    for (size_t r = 0; r < types.size(); ++r) x.row(static_cast<Eigen::Index>(r)) += rows.row(types[r]);
}

void normForward(Matrix& out, const Matrix& in, const NormWeights& weights, NormKind kind, double epsilon) {
    const auto w = weights.weight.vector().array(); // (C)
    out.resize(in.rows(), in.cols());               // (R, C)
    const auto normalise = [&](int block) {
        const auto [first, size] = rowBlock(block, in.rows());
        for (Eigen::Index r = first; r < first + size; ++r) {
            const auto x = in.row(r).array();
            if (kind == NormKind::RmsNorm) {
                const double meanSquare = x.cast<double>().square().mean();
                out.row(r) = (x * static_cast<float>(1.0 / std::sqrt(meanSquare + epsilon)) * w).matrix();
                continue;
            }
            const float mean = x.mean();
            const float variance = (x - mean).square().mean(); // biased, as PyTorch's LayerNorm
            const float rstd = static_cast<float>(1.0 / std::sqrt(static_cast<double>(variance) + epsilon));
            out.row(r) = ((x - mean) * rstd * w + weights.bias.vector().array()).matrix();
        }
    };
    parallelFor(chunkCount(in.rows(), kRowBlock), normalise, worthSharing(in.rows(), in.cols(), 8));
}

void linearForward(Matrix& out, const Matrix& in, const LinearWeights& weights) {
    const auto w = weights.weight.matrix(); // (in, out) or (out, in)
    const Eigen::Index outputs = weights.outputs();
    out.resize(in.rows(), outputs);        // (R, out)
    // Independent column blocks, each an ordinary single-threaded Eigen product, taken by whichever
    // core is free (parallel_for.h says why not Eigen's OpenMP). The same code serves R = 1 and R = 1024.
    const Eigen::Index chunk = chunkSize(outputs);
    const auto multiply = [&](int c) {
        const Eigen::Index first = c * chunk, size = std::min(chunk, outputs - first);
        auto block = out.middleCols(first, size); // (R, size)
        if (weights.storedInOut)
            block.noalias() = in * w.middleCols(first, size);
        else
            block.noalias() = in * w.middleRows(first, size).transpose();
        if (weights.bias) block.rowwise() += weights.bias.vector().segment(first, size);
    };
    parallelFor(chunkCount(outputs, chunk), multiply, worthSharing(in.rows(), in.cols(), outputs));
}

void geluForward(Matrix& x) {
    constexpr float kScale = 0.7978845608028654f; // √(2/π)
    const auto activate = [&](int block) {
        const auto [first, size] = rowBlock(block, x.rows());
        auto v = x.middleRows(first, size).array();
        v = 0.5f * v * (1.0f + (kScale * (v + 0.044715f * v.cube())).tanh());
    };
    parallelFor(chunkCount(x.rows(), kRowBlock), activate, worthSharing(x.rows(), x.cols(), 16));
}

void geluErfForward(Matrix& x) {
    constexpr float kInvSqrt2 = 0.7071067811865476f;
    const auto activate = [&](int block) {
        const auto [first, size] = rowBlock(block, x.rows());
        auto v = x.middleRows(first, size).array();
        v = 0.5f * v * (1.0f + (v * kInvSqrt2).unaryExpr([](float t) { return std::erf(t); }));
    };
    parallelFor(chunkCount(x.rows(), kRowBlock), activate, worthSharing(x.rows(), x.cols(), 16));
}

void swigluForward(Matrix& gate, const Matrix& up) {
    const auto activate = [&](int block) {
        const auto [first, size] = rowBlock(block, gate.rows());
        auto g = gate.middleRows(first, size).array();
        g = g / (1.0f + (-g).exp()) * up.middleRows(first, size).array();
    };
    parallelFor(chunkCount(gate.rows(), kRowBlock), activate, worthSharing(gate.rows(), gate.cols(), 16));
}

void headNormForward(Matrix& x, const WeightView& weight, int heads, double epsilon) {
    const Eigen::Index hs = x.cols() / heads;
    const auto w = weight.vector().array(); // (hs)
    for (Eigen::Index r = 0; r < x.rows(); ++r)
        for (Eigen::Index h = 0; h < heads; ++h) {
            auto v = x.row(r).segment(h * hs, hs).array();
            const double meanSquare = v.cast<double>().square().mean();
            v = v * static_cast<float>(1.0 / std::sqrt(meanSquare + epsilon)) * w;
        }
}

std::vector<TokenProbability> topTokensForward(const RowVector& x, const WeightView& output, int k,
                                               const WeightView& bias) {
    const auto embeddings = output.matrix(); // (V, C)
    const Eigen::Index V = embeddings.rows();
    Eigen::VectorXf logits(V);            // (V)
    const Eigen::Index chunk = chunkSize(V);
    const auto score = [&](int c) {
        const Eigen::Index first = c * chunk, size = std::min(chunk, V - first);
        logits.segment(first, size).noalias() = embeddings.middleRows(first, size) * x.transpose();
    };
    parallelFor(chunkCount(V, chunk), score, worthSharing(V, embeddings.cols()));
    if (bias) logits += bias.vector().transpose();
    // Softmax in double: only the top k are kept, but their probabilities need the whole sum.
    const double maxLogit = logits.maxCoeff();
    const double sum = (logits.cast<double>().array() - maxLogit).exp().sum();
    std::vector<int> order(static_cast<size_t>(V));
    std::iota(order.begin(), order.end(), 0);
    const auto kept = std::min<Eigen::Index>(k, V);
    std::partial_sort(order.begin(), order.begin() + kept, order.end(), [&](int a, int b) {
        return logits[a] != logits[b] ? logits[a] > logits[b] : a < b;
    });
    std::vector<TokenProbability> top;
    for (Eigen::Index i = 0; i < kept; ++i) {
        const int id = order[static_cast<size_t>(i)];
        top.push_back({id, static_cast<float>(std::exp(logits[id] - maxLogit) / sum)});
    }
    return top;
}

} // namespace qkview
