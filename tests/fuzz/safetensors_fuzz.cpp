// SPDX-License-Identifier: MIT
// A safetensors file: header length, JSON header and tensor table; every tensor that validates is read.
#include "weights/safetensors.h"

#include <cstdint>
#include <memory>
#include <variant>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace qkview;
    const auto parsed = parseSafetensors(data, static_cast<qint64>(size));
    if (const auto* layout = std::get_if<SafetensorsLayout>(&parsed))
        for (const TensorInfo& t : layout->tensors) {
            if (!isReadable(t.dtype)) continue;
            auto floats = std::make_unique<float[]>(static_cast<size_t>(t.elementCount()));
            convertToFloat(t.dtype, data + layout->dataOffset + t.begin, t.elementCount(), floats.get());
        }
    return 0;
}
