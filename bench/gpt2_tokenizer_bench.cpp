// SPDX-License-Identifier: MIT
// GPT-2 tokenizer: loading the real vocabulary, a 30-token sentence, and a ~1000-word paragraph with the
// word cache warm (the same paragraph again) and cold (new made-up words every time).
// Needs GPT-2's files in the build tree: run `ctest -R fetch_gpt2_vocab` first
// (or tools/fetch_gpt2_vocab.sh BUILD/gpt2_vocab).
#include "tokenizers/gpt2_tokenizer.h"

#include <QDir>

#include <benchmark/benchmark.h>

#include <random>

namespace {
const QDir kVocabDir(QStringLiteral(QKVIEW_GPT2_VOCAB_DIR));

std::shared_ptr<const qkview::Gpt2Tokenizer> loadGpt2() {
    return qkview::Gpt2Tokenizer::fromFiles(kVocabDir.filePath("encoder.json"),
                                            kVocabDir.filePath("vocab.bpe"));
}

bool skipWithoutVocab(benchmark::State& state) {
    if (kVocabDir.exists("encoder.json") && kVocabDir.exists("vocab.bpe")) return false;
    state.SkipWithError("GPT-2 vocabulary not fetched: run tools/fetch_gpt2_vocab.sh " QKVIEW_GPT2_VOCAB_DIR);
    return true;
}

const QStringList kWords =
    QStringLiteral(
        "Attention lets every token look back at the tokens before it and decide how much each one matters. "
        "The query of a token is compared with the key of every earlier token; the scores are scaled, masked "
        "and turned into weights by a softmax, and the weighted sum of the values becomes the head's output. "
        "GPT-2 small has 12 layers with 12 heads each, a context of 1,024 tokens and 50,257 entries in its "
        "vocabulary. Some heads attend to the previous token, others to the first one, and a few follow "
        "syntax: a verb finds its subject, a pronoun its antecedent. It's easy to over-read these pictures, "
        "so we show the numbers too (scores, weights, values) and let you compare heads side by side!")
        .split(u' ');

// About 1000 words drawn from kWords, deterministic.
QString paragraph() {
    std::mt19937 rng(7);
    std::uniform_int_distribution<qsizetype> pick(0, kWords.size() - 1);
    QStringList words;
    for (int i = 0; i < 1000; ++i)
        words << kWords[pick(rng)];
    return words.join(u' ');
}

// About 1000 made-up words of 1–4 syllables; rng carries on, so each call gives new words.
QString madeUpParagraph(std::mt19937& rng) {
    static const char* syllables[] = {"ka",  "lo",  "mi",  "ner", "ta", "vos",
                                      "qui", "bre", "sul", "an",  "ix", "dor"};
    std::uniform_int_distribution<int> count(1, 4), syllable(0, std::size(syllables) - 1);
    QString text;
    for (int i = 0; i < 1000; ++i) {
        for (int n = count(rng); n > 0; --n)
            text += QLatin1String(syllables[syllable(rng)]);
        text += i % 12 == 11 ? QStringLiteral(". ") : QStringLiteral(" ");
    }
    return text;
}

void BM_Gpt2Load(benchmark::State& state) {
    if (skipWithoutVocab(state)) return;
    for (auto _ : state)
        benchmark::DoNotOptimize(loadGpt2());
}
BENCHMARK(BM_Gpt2Load)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_Gpt2EncodeSentence(benchmark::State& state) {
    if (skipWithoutVocab(state)) return;
    const auto tok = loadGpt2();
    const QString text =
        QStringLiteral("The quick brown fox didn't jump over 3 lazy dogs; it ran 12.5 km home, and everyone, "
                       "even the old cat, was surprised.");
    size_t tokens = 0;
    for (auto _ : state)
        tokens = tok->encode(text).size();
    state.SetLabel(std::to_string(tokens) + " tokens");
}
BENCHMARK(BM_Gpt2EncodeSentence)->Unit(benchmark::kMicrosecond);

void BM_Gpt2EncodeParagraphWarmCache(benchmark::State& state) {
    if (skipWithoutVocab(state)) return;
    const auto tok = loadGpt2();
    const QString text = paragraph();
    size_t tokens = 0;
    for (auto _ : state)
        tokens = tok->encode(text).size();
    state.SetLabel(std::to_string(tokens) + " tokens");
}
BENCHMARK(BM_Gpt2EncodeParagraphWarmCache)->Unit(benchmark::kMicrosecond);

void BM_Gpt2EncodeParagraphColdCache(benchmark::State& state) {
    if (skipWithoutVocab(state)) return;
    const auto tok = loadGpt2();
    std::mt19937 rng(11);
    size_t tokens = 0;
    for (auto _ : state) {
        state.PauseTiming();
        const QString text = madeUpParagraph(rng);
        state.ResumeTiming();
        tokens = tok->encode(text).size();
    }
    state.SetLabel(std::to_string(tokens) + " tokens");
}
BENCHMARK(BM_Gpt2EncodeParagraphColdCache)->Unit(benchmark::kMicrosecond);
} // namespace

BENCHMARK_MAIN();
