// SPDX-License-Identifier: MIT
#pragma once
// GPT-2's byte-level BPE, identical to the reference encoder: the same pre-tokenization pattern,
// byte-to-unicode table and merge ranks. Token spans point back into the typed text.
#include "tokenizers/tokenizer.h"

#include <QHash>
#include <QString>

#include <memory>
#include <vector>

namespace qkview {

class Gpt2Tokenizer : public Tokenizer {
public:
    // vocab.json (token string → id) and merges.txt ("a b" per line, first line may be a #version comment).
    // Throws Error(InvalidModel) naming the file and what is wrong.
    static std::shared_ptr<const Gpt2Tokenizer> fromFiles(const QString& vocabJsonPath, const QString& mergesTxtPath);
    // A Hugging Face tokenizer.json holding model.vocab and model.merges of a BPE model.
    static std::shared_ptr<const Gpt2Tokenizer> fromTokenizerJson(const QString& tokenizerJsonPath);

    TokenList encode(const QString& text) const override;
    // The text of one id (its bytes decoded as UTF-8, invalid sequences as U+FFFD); "" for unknown ids.
    QString decode(int id) const override;
    int vocabSize() const;

    struct Data; // defined in gpt2_tokenizer.cpp
    explicit Gpt2Tokenizer(std::unique_ptr<const Data> data);
    ~Gpt2Tokenizer() override;

private:
    std::unique_ptr<const Data> m_data;
};

} // namespace qkview
