// SPDX-License-Identifier: MIT
#include "base/parallel_for.h"

#include <QThread>
#include <QThreadPool>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>

namespace qkview {

namespace {

// Helpers of our own, so long computations never queue behind (or block) the application's pool.
QThreadPool& helpers() {
    static QThreadPool* pool = [] {
        auto* p = new QThreadPool; // lives until exit: helpers may still be returning from a job
        p->setMaxThreadCount(std::max(1, QThread::idealThreadCount() - 1));
        p->setExpiryTimeout(-1); // idle helpers sleep instead of being recreated for each pass
        return p;
    }();
    return *pool;
}

std::atomic<int> g_threads{std::max(1, QThread::idealThreadCount())};

#ifdef QKVIEW_OPENBLAS
// Each block of a product is one single-threaded BLAS call: keep OpenBLAS (the pthread build, for its locks;
// see core/CMakeLists.txt) from starting threads of its own inside ours.
extern "C" void openblas_set_num_threads(int threads);
const bool g_blasSingleThreaded = [] {
    openblas_set_num_threads(1);
    return true;
}();
#endif

// Shared with the helpers, which may start after parallelFor has returned (and then find no items).
struct Job {
    explicit Job(int n, const std::function<void(int)>& f) : count(n), body(&f) {}
    const int count;
    const std::function<void(int)>* body; // valid until finished == count
    std::atomic<int> next{0};
    std::mutex mutex;
    std::condition_variable allDone;
    int finished = 0;

    void work() {
        int done = 0;
        for (int i = next.fetch_add(1); i < count; i = next.fetch_add(1)) {
            (*body)(i);
            ++done;
        }
        if (done == 0) return;
        const std::lock_guard lock(mutex);
        finished += done;
        if (finished == count) allDone.notify_all();
    }
};

} // namespace

void parallelFor(int count, const std::function<void(int)>& body, bool parallel) {
    if (!parallel || count < 2 || g_threads.load() < 2) {
        for (int i = 0; i < count; ++i) body(i);
        return;
    }
    auto job = std::make_shared<Job>(count, body);
    const int helperCount = std::min({count - 1, helpers().maxThreadCount(), g_threads.load() - 1});
    for (int h = 0; h < helperCount; ++h) helpers().start([job] { job->work(); });
    job->work();
    std::unique_lock lock(job->mutex);
    job->allDone.wait(lock, [&] { return job->finished == count; });
}

void setParallelThreads(int threads) { g_threads.store(std::max(1, threads)); }
int parallelThreads() { return g_threads.load(); }

} // namespace qkview
