// SPDX-License-Identifier: MIT
// Teaching model forward pass (tokenize + every layer and head) for growing sentences.
#include "models/teaching_model.h"

#include <benchmark/benchmark.h>

namespace {
void BM_TeachingModelTrace(benchmark::State& state) {
    const qkview::TeachingModel model;
    QString text;
    for (int i = 0; i < state.range(0); ++i) text += QStringLiteral("the cat sat on a mat ").split(u' ')[i % 6] + u' ';
    for (auto _ : state) benchmark::DoNotOptimize(qkview::traceText(model, text, {}));
    state.SetLabel(QStringLiteral("%1 tokens").arg(state.range(0)).toStdString());
}
BENCHMARK(BM_TeachingModelTrace)->Arg(6)->Arg(30)->Arg(200)->Unit(benchmark::kMicrosecond);
} // namespace

BENCHMARK_MAIN();
