// SPDX-License-Identifier: MIT
// Arbitrary bytes as typed or pasted text (invalid UTF-8, NUL, lone surrogates after decoding, any
// plane) through every tokenizer kind of the shipped and test models, and the teaching model's whole
// forward pass on the short ones.
#include "fuzz_support.h"
#include "models/builtin_models.h"
#include "models/model.h"
#include "tokenizers/word_tokenizer.h"

#include <memory>

namespace {

struct Models {
    std::vector<std::unique_ptr<qkview::Model>> all;
    Models() {
        for (const QString& spec : {QStringLiteral("teaching"), QStringLiteral("tiny"),
                                    QStringLiteral(QKVIEW_TEST_DATA "/bert/bert_prefixed_f32"),
                                    QStringLiteral(QKVIEW_TEST_DATA "/bert/roberta_bf16"),
                                    QStringLiteral(QKVIEW_TEST_DATA "/llama/llama3_gqa_bf16"),
                                    QStringLiteral(QKVIEW_TEST_DATA "/llama/mistral_mha_f16_sharded")})
            all.push_back(qkview::loadModel(spec));
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace qkview;
    static const Models models;
    static const WordTokenizer words;
    const QString text = QString::fromUtf8(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    fuzz::checkTokens(words.encode(text), text);
    for (const auto& model : models.all) fuzz::checkTokens(model->tokenizer().encode(text), text);
    // The whole pass on short texts only: the tokenizers are what meets the bytes, and a forward pass on
    // every long input would cut the executions tenfold.
    const Model& teaching = *models.all.front();
    const TokenList tokens = teaching.tokenizer().encode(text);
    try {
        if (tokens.size() <= 24) (void)teaching.forward(text, tokens, {});
    } catch (const Error&) { // no tokens: a message, not a trace
    }
    return 0;
}
