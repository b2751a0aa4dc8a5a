// SPDX-License-Identifier: MIT
// GPT-2 forward passes with the full trace, on a model folder named by QKVIEW_GPT2_DIR (bench/gpt2_bench.py
// writes one of GPT-2 small's shape with random weights and runs this next to PyTorch):
//   BM_Gpt2LoadToFirstTrace  open the folder, tokenize a sentence, first trace (run in its own process for peak RSS)
//   BM_Gpt2Forward/T         a full forward pass of T tokens (the prefix cache defeated); T = 16 … 1024
//   BM_Gpt2AppendOne/P       one more token at the end of P = 32, 256 or 1000 (the prefix cache at work)
//   BM_Gpt2DeriveHead/T      one head's T × T scores and weights derived from the trace's q and k
// Every benchmark reports peak_rss_mb, the process's peak resident memory so far.
#include "models/transformer_model.h"
#include "weights/model_folder.h"

#include <QFile>

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <memory>
#include <random>

namespace {

QString modelDir() { return QString::fromLocal8Bit(std::getenv("QKVIEW_GPT2_DIR")); }

// The peak resident memory of this process image: VmHWM. (getrusage's ru_maxrss survives execve, so
// a child of a large Python process would report the parent's peak.)
double peakRssMb() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) return 0.0;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:")) return line.mid(6).trimmed().split(' ').front().toDouble() / 1024.0; // kB
    return 0.0;
}

const qkview::Model* sharedModel(benchmark::State& state) {
    static std::unique_ptr<qkview::Model> model;
    if (!model && !modelDir().isEmpty()) model = qkview::loadModelFolder(modelDir());
    if (!model) state.SkipWithError("set QKVIEW_GPT2_DIR to a GPT-2 model folder (bench/gpt2_bench.py does)");
    return model.get();
}

// count random ids, the first one chosen by variant so consecutive calls share no prefix.
qkview::TokenList randomTokens(int count, int vocabSize, int variant) {
    std::mt19937 random(1234);
    qkview::TokenList tokens(static_cast<size_t>(count));
    for (auto& t : tokens) t.id = static_cast<int>(random() % static_cast<unsigned>(vocabSize));
    tokens.front().id = variant % vocabSize;
    return tokens;
}

void BM_Gpt2LoadToFirstTrace(benchmark::State& state) {
    if (modelDir().isEmpty()) return state.SkipWithError("set QKVIEW_GPT2_DIR");
    for (auto _ : state) {
        const auto model = qkview::loadModelFolder(modelDir());
        benchmark::DoNotOptimize(qkview::traceText(*model, QStringLiteral("The quick brown fox jumps over the lazy dog"), {}));
    }
    state.counters["peak_rss_mb"] = peakRssMb();
}
BENCHMARK(BM_Gpt2LoadToFirstTrace)->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(5)->UseRealTime();

void BM_Gpt2Forward(benchmark::State& state) {
    const qkview::Model* model = sharedModel(state);
    if (!model) return;
    const int count = static_cast<int>(state.range(0));
    const qkview::TokenList tokens[2] = {randomTokens(count, model->config().vocabSize, 1),
                                         randomTokens(count, model->config().vocabSize, 2)};
    static int call = 0; // across repetitions too, so no call shares a prefix with the one before
    for (auto _ : state) benchmark::DoNotOptimize(model->forward(QString(), tokens[call++ % 2], {}));
    state.counters["peak_rss_mb"] = peakRssMb();
}
BENCHMARK(BM_Gpt2Forward)->Arg(16)->Arg(64)->Arg(128)->Arg(256)->Arg(512)->Arg(1024)->Unit(benchmark::kMillisecond)->Iterations(1)
    ->Repetitions(5)->UseRealTime();

void BM_Gpt2AppendOne(benchmark::State& state) {
    const qkview::Model* model = sharedModel(state);
    if (!model) return;
    if (state.range(0) + 1 > model->config().contextLength) return state.SkipWithError("longer than the model's context");
    const qkview::TokenList longer = randomTokens(static_cast<int>(state.range(0)) + 1, model->config().vocabSize, 3);
    const qkview::TokenList sentence(longer.begin(), longer.end() - 1);
    for (auto _ : state) {
        state.PauseTiming();
        benchmark::DoNotOptimize(model->forward(QString(), sentence, {}));
        state.ResumeTiming();
        benchmark::DoNotOptimize(model->forward(QString(), longer, {}));
    }
    state.counters["reused_rows"] = static_cast<const qkview::TransformerModel*>(model)->lastReusedRows();
    state.counters["peak_rss_mb"] = peakRssMb();
}
BENCHMARK(BM_Gpt2AppendOne)->Arg(32)->Arg(256)->Arg(1000)->Unit(benchmark::kMillisecond)->Iterations(10)->Repetitions(3)->UseRealTime();

// One head's T × T matrices derived from a trace's q and k, as a view asks for them after each keystroke
// (a fresh trace each time, so the trace's head cache is empty).
void BM_Gpt2DeriveHead(benchmark::State& state) {
    const qkview::Model* model = sharedModel(state);
    if (!model) return;
    const qkview::TracePtr trace = model->forward(QString(), randomTokens(static_cast<int>(state.range(0)), model->config().vocabSize, 4), {});
    for (auto _ : state) {
        const qkview::AttentionTrace copy = *trace; // copies share the rows and start with an empty head cache
        benchmark::DoNotOptimize(copy.head(5, 6));
    }
}
BENCHMARK(BM_Gpt2DeriveHead)->Arg(256)->Arg(1000)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace

BENCHMARK_MAIN();
