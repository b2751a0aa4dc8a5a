// SPDX-License-Identifier: MIT
#pragma once
#include <QString>

#include <algorithm>
#include <vector>

namespace qkview {

struct HeadInfo {
    QString name;        // short, shown in selectors ("previous token")
    QString description; // one or two sentences for people
};

struct ModelConfig {
    QString name;
    QString family;        // "GPT-2", "Llama", ...; empty for the built-in teaching model
    QString weightDtype;   // as stored: "F32", "F16", "BF16"; empty when the weights are not from a file
    bool fillsMasks = false;    // has a masked-LM head: traces carry fillMask predictions
    bool bidirectional = false; // an encoder (BERT): trained to read both ways, so a causal mask is a what-if
    std::vector<double> rotaryFrequencies; // (hs/2) when q and k are turned by position before the dot product
    int layers = 0;        // L
    int heads = 0;         // NH per layer
    int kvHeads = 0;       // NKV key/value heads per layer (grouped-query attention); 0 means NH
    int dModel = 0;        // C
    int dHead = 0;         // hs
    int contextLength = 0; // the most tokens one forward pass accepts
    int vocabSize = 0;     // V
    long long parameterCount = 0;
    std::vector<std::vector<HeadInfo>> headInfo; // [layer][head]; may be empty for unnamed heads

    bool rotary() const { return !rotaryFrequencies.empty(); }
    int keyValueHeads() const { return kvHeads > 0 ? kvHeads : heads; }
    // The key/value head that query head reads: query heads share KV heads in groups of NH / NKV.
    int kvHeadOf(int head) const { return head / std::max(1, heads / keyValueHeads()); }
    // The head's name, or "L<layer>.H<head>" where the model gives none.
    QString headName(int layer, int head) const;
};

} // namespace qkview
