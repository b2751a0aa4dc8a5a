// SPDX-License-Identifier: MIT
// A tokenizer.json (every model, normalizer, pre-tokenizer and post-processor kind we read, the Split
// regex included) and a tokenizer_config.json, then a text encoded and decoded: three parts.
#include "fuzz_support.h"
#include "tokenizers/hf_tokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace qkview;
    const auto in = fuzz::parts(data, size, 3);
    try {
        const auto tokenizer =
            HfTokenizer::fromFile(fuzz::writeFile(QStringLiteral("tokenizer.json"), in[0]), fuzz::optionalConfig(in[1]));
        fuzz::encodeText(*tokenizer, in[2]);
    } catch (const Error&) {
    }
    return 0;
}
