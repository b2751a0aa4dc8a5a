// SPDX-License-Identifier: MIT
// config.json of every family (the model_type in the input picks it), then the tensor table the config
// asks for: absurd sizes must be refused by the parser, not met with a huge allocation. Also heads.json.
#include "fuzz_support.h"
#include "models/families/families.h"
#include "models/head_names.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace qkview;
    const QByteArray json = QByteArray::fromRawData(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    try {
        const TransformerConfig config = parseTransformerConfig(json, QStringLiteral("config.json"));
        TransformerWeights weights;
        (void)transformerTensors(config, weights);
        (void)transformerTensorRules(config);
    } catch (const Error&) {
    }
    try {
        (void)parseHeadNames(json, 3, 4, QStringLiteral("heads.json"));
    } catch (const Error&) {
    }
    return 0;
}
