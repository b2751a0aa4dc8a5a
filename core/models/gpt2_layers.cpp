// SPDX-License-Identifier: MIT
#include "models/gpt2_layers.h"

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

void encoderForward(Matrix& out, const std::vector<int>& ids, int first, const WeightView& wte, const WeightView& wpe) {
    const auto tokens = wte.matrix();    // (V, C)
    const auto positions = wpe.matrix(); // (P, C)
    out.resize(static_cast<Eigen::Index>(ids.size()), tokens.cols()); // (R, C)
    for (size_t r = 0; r < ids.size(); ++r)
        out.row(static_cast<Eigen::Index>(r)) = tokens.row(ids[r]) + positions.row(first + static_cast<Eigen::Index>(r));
}

void layernormForward(Matrix& out, const Matrix& in, const WeightView& weight, const WeightView& bias, double epsilon) {
    const auto w = weight.vector().array(); // (C)
    const auto b = bias.vector().array();   // (C)
    out.resize(in.rows(), in.cols());       // (R, C)
    const auto normalise = [&](int block) {
        const auto [first, size] = rowBlock(block, in.rows());
        for (Eigen::Index r = first; r < first + size; ++r) {
            const auto x = in.row(r).array();
            const float mean = x.mean();
            const float variance = (x - mean).square().mean(); // biased, as GPT-2
            const float rstd = static_cast<float>(1.0 / std::sqrt(static_cast<double>(variance) + epsilon));
            out.row(r) = ((x - mean) * rstd * w + b).matrix();
        }
    };
    parallelFor(chunkCount(in.rows(), kRowBlock), normalise, worthSharing(in.rows(), in.cols(), 8));
}

void matmulForward(Matrix& out, const Matrix& in, const WeightView& weight, const WeightView& bias) {
    const auto w = weight.matrix();       // (IC, OC)
    const auto b = bias.vector();         // (OC)
    out.resize(in.rows(), w.cols());      // (R, OC)
    // Independent column blocks, each an ordinary single-threaded Eigen product, taken by whichever
    // core is free (parallel_for.h says why not Eigen's OpenMP). The same code serves R = 1 and R = 1024.
    const Eigen::Index chunk = chunkSize(w.cols());
    const auto multiply = [&](int c) {
        const Eigen::Index first = c * chunk, size = std::min(chunk, w.cols() - first);
        auto block = out.middleCols(first, size); // (R, size)
        block.noalias() = in * w.middleCols(first, size);
        block.rowwise() += b.segment(first, size);
    };
    parallelFor(chunkCount(w.cols(), chunk), multiply, worthSharing(in.rows(), w.rows(), w.cols()));
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

std::vector<TokenProbability> topTokensForward(const RowVector& x, const WeightView& wte, int k) {
    const auto embeddings = wte.matrix(); // (V, C)
    const Eigen::Index V = embeddings.rows();
    Eigen::VectorXf logits(V);            // (V)
    const Eigen::Index chunk = chunkSize(V);
    const auto score = [&](int c) {
        const Eigen::Index first = c * chunk, size = std::min(chunk, V - first);
        logits.segment(first, size).noalias() = embeddings.middleRows(first, size) * x.transpose();
    };
    parallelFor(chunkCount(V, chunk), score, worthSharing(V, embeddings.cols()));
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
