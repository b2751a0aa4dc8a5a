// SPDX-License-Identifier: MIT
#include "base/parallel_for.h"

#include <Eigen/Core>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace qkview {
namespace {

TEST(ParallelForTest, RunsEveryItemExactlyOnceForAnyThreadCount) {
    const int saved = parallelThreads();
    for (int threads : {1, 2, 8}) {
        setParallelThreads(threads);
        for (int count : {0, 1, 2, 3, 100, 1000}) {
            std::vector<std::atomic<int>> runs(static_cast<size_t>(count));
            parallelFor(count, [&](int i) { runs[static_cast<size_t>(i)]++; });
            for (int i = 0; i < count; ++i) ASSERT_EQ(runs[static_cast<size_t>(i)].load(), 1) << "item " << i;
        }
    }
    setParallelThreads(saved);
}

TEST(ParallelForTest, NestedAndConcurrentCallsFinish) {
    std::atomic<int> total{0};
    std::vector<std::thread> callers;
    for (int c = 0; c < 3; ++c)
        callers.emplace_back([&] {
            parallelFor(20, [&](int) { parallelFor(10, [&](int) { total++; }); });
        });
    for (auto& caller : callers) caller.join();
    EXPECT_EQ(total.load(), 3 * 20 * 10);
}

// Every product of the core runs inside parallelFor's helpers or beside another forward pass, so the
// library behind Eigen's products (OpenBLAS when linked) must give each caller its own result. Debian's
// serial OpenBLAS has no locks around its work buffers and fails this in most runs.
TEST(ParallelForTest, ProductsFromManyThreadsAtOnceEqualTheSameProductsInTurn) {
    std::vector<Eigen::MatrixXf> lefts, rights, expected;
    for (int i = 0; i < 8; ++i) {
        const int n = 24 + 13 * i;
        lefts.push_back(Eigen::MatrixXf::Random(n, 64));
        rights.push_back(Eigen::MatrixXf::Random(64, n + 5));
        expected.push_back(lefts.back() * rights.back());
    }
    std::atomic<int> wrong{0};
    std::vector<std::thread> callers;
    for (int c = 0; c < 4; ++c)
        callers.emplace_back([&, c] {
            for (int round = 0; round < 3000; ++round) {
                const size_t i = static_cast<size_t>((round + c) % 8);
                const Eigen::MatrixXf product = lefts[i] * rights[i];
                if (product != expected[i]) wrong++;
            }
        });
    for (auto& caller : callers) caller.join();
    EXPECT_EQ(wrong.load(), 0) << "of 12,000 products";
}

} // namespace
} // namespace qkview
