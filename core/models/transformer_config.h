// SPDX-License-Identifier: MIT
#pragma once
// One description of a transformer block that every family configures: GPT-2 (LayerNorm, learned
// positions, GELU MLP, fused q|k|v), Llama, Mistral, Qwen 2/2.5 and Qwen 3 (RMSNorm, rotary positions,
// SwiGLU MLP, grouped key/value heads, q/k biases or q/k norms), and the bidirectional encoders BERT,
// DistilBERT and RoBERTa (post-norm blocks, token types, a masked-LM head). A family is a config parser
// and a weight-name table (models/families/) on top of this.
#include "attention/rotary.h"
#include "trace/model_config.h"

#include <QString>

namespace qkview {

enum class NormKind { LayerNorm, RmsNorm };
enum class MlpKind {
    GeluTanh, // down(gelu_tanh(up(x))), GPT-2
    GeluErf,  // down(gelu(up(x))) with the exact erf form, BERT
    SwiGlu,   // down(silu(gate(x)) · up(x)), Llama
};
enum class PositionKind { Learned, Rotary };

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

    // Encoders (BERT): every token sees every other (the causal mask is only a what-if), each block
    // normalises after its residual sums, embeddings are normalised, and a masked-LM head fills in [MASK].
    bool causal = true;
    bool postNorm = false;       // x = norm(x + attention(x)); x = norm(x + mlp(x))
    bool embeddingNorm = false;  // LayerNorm of the summed embeddings
    int tokenTypes = 0;          // rows of the token-type embedding (BERT's sentence A / B); 0: none
    int positionOffset = 0;      // RoBERTa counts positions from padding_idx + 1
    bool maskedLmHead = false;   // transform → gelu → norm → tied output + bias
    QString weightDtype;         // as stored: "F32", "F16", "BF16"; set by the loader
    std::vector<std::vector<HeadInfo>> headInfo; // [layer][head] from the folder's heads.json; usually empty
};

} // namespace qkview
