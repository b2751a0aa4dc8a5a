// SPDX-License-Identifier: MIT
#include "base/parallel_for.h"

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

} // namespace
} // namespace qkview
