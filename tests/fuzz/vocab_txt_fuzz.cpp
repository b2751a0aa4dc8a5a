// SPDX-License-Identifier: MIT
// BERT's vocab.txt and tokenizer_config.json, then a text: three parts.
#include "fuzz_support.h"
#include "tokenizers/hf_tokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace qkview;
    const auto in = fuzz::parts(data, size, 3);
    try {
        const auto tokenizer =
            HfTokenizer::fromVocabTxt(fuzz::writeFile(QStringLiteral("vocab.txt"), in[0]), fuzz::optionalConfig(in[1]));
        fuzz::encodeText(*tokenizer, in[2]);
    } catch (const Error&) {
    }
    return 0;
}
