// SPDX-License-Identifier: MIT
#pragma once
// What a model guesses from a trace: the next token (decoders) or the word behind each [MASK] (encoders
// with a masked-LM head). Guessing reads the whole vocabulary matrix, as many bytes as a typed token's
// forward pass spends on a quarter of GPT-2, and most views never show it: so a trace carries the
// means to guess and guesses once, when first asked.
#include <QString>

#include <functional>
#include <mutex>
#include <optional>
#include <vector>

namespace qkview {

struct Prediction {
    QString text;
    int id = -1;
    float p = 0.0f;
};

// A masked language model's guesses for one [MASK] token.
struct MaskPredictions {
    int position = 0;                    // the [MASK] token's index
    std::vector<Prediction> predictions; // most likely first
};

struct Guesses {
    std::vector<Prediction> nextTokens;    // most likely first; empty for models without a vocabulary head
    std::vector<MaskPredictions> fillMask; // one per [MASK] token, for encoders with a masked-LM head
};

// Guesses computed on first use by the function a model gave, then kept. Thread-safe. The function must
// own what it reads (the model may be closed before a view asks). Copying copies the function only.
class LazyGuesses {
public:
    LazyGuesses() = default;
    explicit LazyGuesses(std::function<Guesses()> compute) : m_compute(std::move(compute)) {}
    LazyGuesses(const LazyGuesses& other) : m_compute(other.m_compute) {}
    LazyGuesses& operator=(const LazyGuesses& other);

    const Guesses& get() const;
    bool isComputed() const; // whether get() has run (for tests and diagnostics)

private:
    std::function<Guesses()> m_compute; // empty: no guesses
    mutable std::mutex m_mutex;
    mutable std::optional<Guesses> m_value;
};

} // namespace qkview
