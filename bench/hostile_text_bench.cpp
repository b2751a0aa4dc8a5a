// SPDX-License-Identifier: MIT
// Every tokenizer kind on pasted text of 10,000 and 100,000 characters (words, emoji ZWJ sequences, right
// to left, combining marks, one 5,000-character word): time per character should stay flat as the text
// grows tenfold (linear time). The tokenizers are those of the built-in models and the test fixtures.
#include "models/builtin_models.h"
#include "models/model.h"

#include <benchmark/benchmark.h>

#include <map>
#include <memory>

namespace {

const std::map<int, QString> kModels = {
    {0, QStringLiteral("teaching")},
    {1, QStringLiteral("tiny")},
    {2, QStringLiteral(QKVIEW_TEST_DATA "/bert/bert_prefixed_f32")},
    {3, QStringLiteral(QKVIEW_TEST_DATA "/llama/llama3_gqa_bf16")},
    {4, QStringLiteral(QKVIEW_TEST_DATA "/llama/mistral_mha_f16_sharded")},
};

QString hostileText(int characters) {
    // Mostly short words (many tokens: a per-token cost that grows with the text shows), then one long word.
    const QString mix = QStringLiteral("The cat sat on the mat, naïve 日本語 👩‍👩‍👧‍👦 🇫🇷 e\u0301\u0302 שלום مرحبا a b c. ").repeated(60) +
                        QStringLiteral("x").repeated(5000) + QStringLiteral(" [MASK] <|endoftext|>\t\n");
    return mix.repeated(characters / static_cast<int>(mix.size()) + 1).left(characters);
}

void BM_Tokenize(benchmark::State& state) {
    const auto model = qkview::loadModel(kModels.at(static_cast<int>(state.range(0))));
    const QString text = hostileText(static_cast<int>(state.range(1)));
    state.SetLabel(model->config().family.toStdString() + " " + kModels.at(static_cast<int>(state.range(0))).section(u'/', -1).toStdString());
    size_t tokens = 0;
    for (auto _ : state) {
        const qkview::TokenList list = model->tokenizer().encode(text);
        tokens = list.size();
        benchmark::DoNotOptimize(list.data());
    }
    state.counters["tokens"] = static_cast<double>(tokens);
    state.counters["per_char"] = benchmark::Counter(static_cast<double>(text.size()),
                                                    benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_Tokenize)
    ->ArgsProduct({{0, 1, 2, 3, 4}, {10000, 100000}})
    ->ArgNames({"model", "chars"})
    ->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
