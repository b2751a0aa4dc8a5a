// SPDX-License-Identifier: MIT
// BERT's vocab.txt and tokenizer_config.json, then a text: three parts.
#include "fuzz_support.h"
#include "tokenizers/hf_tokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace qkview;
    const auto in = fuzz::parts(data, size, 3);
    try {
        const QString config = in[1].isEmpty() ? QString() : fuzz::writeFile(QStringLiteral("tokenizer_config.json"), in[1]);
        const auto tokenizer = HfTokenizer::fromVocabTxt(fuzz::writeFile(QStringLiteral("vocab.txt"), in[0]), config);
        const QString text = QString::fromUtf8(in[2]);
        const TokenList tokens = tokenizer->encode(text);
        fuzz::checkTokens(tokens, text);
        (void)tokenizer->tokenTypes(tokens);
    } catch (const Error&) {
    }
    return 0;
}
