// SPDX-License-Identifier: MIT
#pragma once
// One description of a transformer block that every decoder family configures: GPT-2 (LayerNorm, learned
// positions, GELU MLP, fused q|k|v) and Llama, Mistral, Qwen 2/2.5 and Qwen 3 (RMSNorm, rotary positions,
// SwiGLU MLP, grouped key/value heads, q/k biases or q/k norms). A family is a config parser and a
// weight-name table (models/families/) on top of this.
#include <QString>

namespace qkview {

enum class NormKind { LayerNorm, RmsNorm };
enum class MlpKind {
    GeluTanh, // down(gelu_tanh(up(x))), GPT-2
    SwiGlu,   // down(silu(gate(x)) · up(x)), Llama
};
enum class PositionKind { Learned, Rotary };

// Rotary position embeddings in Hugging Face's rotate-half layout: dimension i pairs with i + hs/2 and
// turns by position · θ^(−2i/hs), the frequencies optionally rescaled for long contexts.
struct RopeConfig {
    enum class Scaling { None, Linear, Llama3 };
    double theta = 10000.0;
    Scaling scaling = Scaling::None;
    double factor = 1.0;          // linear: positions ÷ factor; llama3: low frequencies ÷ factor
    double lowFreqFactor = 1.0;   // llama3: wavelengths above original / low are divided by factor
    double highFreqFactor = 4.0;  // llama3: wavelengths below original / high are kept
    int originalContext = 8192;   // llama3: original_max_position_embeddings
};

struct TransformerConfig {
    QString family;        // shown to people: "GPT-2", "Llama", "Mistral", "Qwen2", "Qwen3"
    QString name;          // the checkpoint's name when config.json gives one
    int layers = 0;        // L
    int heads = 0;         // NH query heads
    int kvHeads = 0;       // NKV key/value heads (NH for ordinary multi-head attention)
    int channels = 0;      // C
    int headSize = 0;      // hs (Qwen 3 may set it apart from C / NH)
    int inner = 0;         // I, the MLP's width
    int positions = 0;     // the context length
    int vocabSize = 0;     // V

    NormKind norm = NormKind::LayerNorm;
    double normEpsilon = 1e-5;
    PositionKind positionKind = PositionKind::Learned;
    RopeConfig rope;
    MlpKind mlp = MlpKind::GeluTanh;
    bool attentionBias = false;  // biases on q, k and v (Qwen2; Llama's attention_bias)
    bool outputBias = false;     // a bias on the attention output (Llama's attention_bias)
    bool qkNorm = false;         // RMSNorm of each head's q and k before the rotation (Qwen 3)
    bool tiedEmbeddings = true;  // the output matrix is the token embedding
    QString weightDtype;         // as stored: "F32", "F16", "BF16"; set by the loader
};

} // namespace qkview
