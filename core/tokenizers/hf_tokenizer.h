// SPDX-License-Identifier: MIT
#pragma once
// A Hugging Face tokenizer, read as Hugging Face's tokenizers library reads it, from a tokenizer.json with
// a BPE model: byte-level BPE (GPT-2, RoBERTa, Llama 3, Qwen 2/3, SmolLM) and SentencePiece-style BPE with
// byte fallback (Llama 2, Mistral, TinyLlama); or with a WordPiece model (BERT, DistilBERT), or BERT's
// vocab.txt + tokenizer_config.json (what BertTokenizer reads), which become the same tokenizer: a
// BertNormalizer, a BertPreTokenizer, WordPiece and [CLS] … [SEP].
// Added tokens ([MASK], <mask>, [SEP] …) are matched in the typed text first, never normalized or split;
// then normalizer, pre-tokenizer, model and post-processor (BOS or [CLS] … [SEP], from the template or
// tokenizer_config.json). Every token keeps its span in the typed text; a lower-cased or accent-stripped
// piece points at the characters as typed.
#include "tokenizers/tokenizer.h"

#include <QJsonObject>

#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace qkview {

class HfTokenizer : public Tokenizer {
public:
    // dir/tokenizer.json, else dir/vocab.txt (WordPiece); with dir/tokenizer_config.json when it is there.
    static std::shared_ptr<const HfTokenizer> fromFolder(const QString& dir);
    // Throws Error(InvalidModel) naming the file and what is wrong, also for parts it does not support.
    static std::shared_ptr<const HfTokenizer> fromFile(const QString& tokenizerJsonPath,
                                                       const QString& tokenizerConfigPath = {});
    // BERT's vocab.txt (one piece per line, id = line number) and, optionally, its tokenizer_config.json:
    // do_lower_case (default true), strip_accents (default: as do_lower_case), tokenize_chinese_chars
    // (default true), unk/sep/pad/cls/mask_token (default [UNK] [SEP] [PAD] [CLS] [MASK]) and
    // additional_special_tokens. [UNK], [CLS] and [SEP] must be in the vocabulary.
    static std::shared_ptr<const HfTokenizer> fromVocabTxt(const QString& vocabTxtPath,
                                                           const QString& tokenizerConfigPath = {});

    // RoBERTa's vocab.json + merges.txt (byte-level BPE, no prefix space): <s> A </s> (pairs <s> A </s></s> B
    // </s>), with <s>, <pad>, </s>, <unk> and <mask> as special tokens where the vocabulary has them.
    static std::shared_ptr<const HfTokenizer> fromVocabMerges(const QString& vocabJsonPath, const QString& mergesTxtPath,
                                                              const QString& tokenizerConfigPath = {});

    // Tokens with ids and spans in text. Tokens the post-processor adds (BOS) have an empty span: at 0
    // when they come before the text, at its end when after.
    TokenList encode(const QString& text) const override;

    // The text of one id for display: byte-level and byte-fallback pieces as the characters their bytes
    // encode, "▁" of SentencePiece pieces as a space, bytes that are only part of a character as ⟨E2 80⟩,
    // WordPiece pieces as the vocabulary writes them ("##ing"); "" for an id that names nothing.
    QString decode(int id) const override;
    int vocabSize() const; // the largest id + 1, added tokens included
    // The id of a vocabulary piece as the file writes it ("Ġthe", "▁the", "<0x0A>") or of an added token.
    std::optional<int> idOf(const QString& piece) const;
    std::optional<int> bosId() const; // BERT: [CLS], the token the template puts first
    // The mask token of fill-in-the-blank models: tokenizer_config.json's mask_token, else [MASK] or <mask>.
    std::optional<int> maskId() const override;
    // The token that separates the two sentences of a pair: the one the post-processor's pair template puts
    // between them (BERT's [SEP], RoBERTa's </s>); none without a post-processor.
    std::optional<int> sepId() const;
    bool isSpecial(int id) const; // an added token marked special (<s>, <|begin_of_text|>, [CLS], [MASK])

    // Token types (segment ids) for text typed as "first sentence [SEP] second sentence": 0 up to and
    // including the first separator (sepId()), then the second sentence's type from the pair template (1
    // for BERT, 0 for RoBERTa, whose pairs are not typed). All 0 without a separator. (tokens.size())
    std::vector<int> tokenTypes(const TokenList& tokens) const override;

    struct Data;
    // A tokenizer.json's content (path names it in messages).
    static std::shared_ptr<const HfTokenizer> fromJson(const QJsonObject& root, const QString& path,
                                                       const QString& tokenizerConfigPath);
    explicit HfTokenizer(std::unique_ptr<const Data> data);
    ~HfTokenizer() override;

private:
    std::unique_ptr<const Data> m_data;
};

} // namespace qkview
