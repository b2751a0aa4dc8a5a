// SPDX-License-Identifier: MIT
#pragma once
// A Hugging Face tokenizer.json with a BPE model, read as Hugging Face's tokenizers library reads it:
// byte-level BPE (GPT-2, Llama 3, Qwen 2/3, SmolLM) and SentencePiece-style BPE with byte fallback
// (Llama 2, Mistral, TinyLlama). Added tokens are matched in the typed text first; then normalizer,
// pre-tokenizer, BPE model and post-processor (a BOS token from the template or tokenizer_config.json).
// Every token keeps its span in the typed text.
#include "tokenizers/tokenizer.h"

#include <QString>

#include <memory>
#include <optional>

namespace qkview {

class HfTokenizer : public Tokenizer {
public:
    // dir/tokenizer.json, and dir/tokenizer_config.json when it is there.
    static std::shared_ptr<const HfTokenizer> fromFolder(const QString& dir);
    // Throws Error(InvalidModel) naming the file and what is wrong, also for parts it does not support.
    static std::shared_ptr<const HfTokenizer> fromFile(const QString& tokenizerJsonPath,
                                                       const QString& tokenizerConfigPath = {});

    // Tokens with ids and spans in text. Tokens the post-processor adds (BOS) have an empty span: at 0
    // when they come before the text, at its end when after.
    TokenList encode(const QString& text) const override;

    // The text of one id for display: byte-level and byte-fallback pieces as the characters their bytes
    // encode, "▁" of SentencePiece pieces as a space, bytes that are only part of a character as ⟨E2 80⟩;
    // "" for an id that names nothing.
    QString decode(int id) const override;
    int vocabSize() const; // the largest id + 1, added tokens included
    // The id of a vocabulary piece as the file writes it ("Ġthe", "▁the", "<0x0A>") or of an added token.
    std::optional<int> idOf(const QString& piece) const;
    std::optional<int> bosId() const;
    bool isSpecial(int id) const; // an added token marked special (<s>, <|begin_of_text|>)

    struct Data; // defined in hf_tokenizer.cpp
    explicit HfTokenizer(std::unique_ptr<const Data> data);
    ~HfTokenizer() override;

private:
    std::unique_ptr<const Data> m_data;
};

} // namespace qkview
