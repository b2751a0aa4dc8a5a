// SPDX-License-Identifier: MIT
#pragma once
// The built-in teaching model: two layers of four hand-designed heads, each with a named role.
// Its weights are written down, not learned; docs/teaching-model.md explains the design.
#include "models/lexicon.h"
#include "models/model.h"
#include "tokenizers/word_tokenizer.h"

namespace qkview {

class TeachingModel : public Model {
public:
    TeachingModel();
    const ModelConfig& config() const override { return m_config; }
    const Tokenizer& tokenizer() const override { return m_tokenizer; }
    TracePtr forward(const QString& text, const TokenList& tokens, const AttentionOptions& options) const override;

    // The embedding of a token list (T, C): bias, word class, position and word identity features.
    Matrix embed(const TokenList& tokens) const;
    const Lexicon& lexicon() const { return m_lexicon; }

private:
    struct Layer {
        Matrix wq, wk, wv; // (C, NH·hs): head h in columns h·hs..
        Matrix wo;         // (NH·hs, C)
    };
    static Layer stackHeads(const std::vector<HeadWeights>& heads, Matrix wo);
    const Lexicon& m_lexicon;
    WordTokenizer m_tokenizer;
    ModelConfig m_config;
    std::vector<Layer> m_layers;
};

} // namespace qkview
