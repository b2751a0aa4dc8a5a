// SPDX-License-Identifier: MIT
// GPT-2's vocab.json and merges.txt, then a text encoded with them: three parts (fuzz_support.h).
#include "fuzz_support.h"
#include "tokenizers/gpt2_tokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace qkview;
    const auto in = fuzz::parts(data, size, 3);
    try {
        const auto tokenizer = Gpt2Tokenizer::fromFiles(fuzz::writeFile(QStringLiteral("vocab.json"), in[0]),
                                                        fuzz::writeFile(QStringLiteral("merges.txt"), in[1]));
        fuzz::encodeText(*tokenizer, in[2]);
    } catch (const Error&) {
    }
    return 0;
}
