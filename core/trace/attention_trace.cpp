// SPDX-License-Identifier: MIT
#include "trace/attention_trace.h"

#include "base/error.h"

#include <string>

namespace qkview {

const HeadTrace& AttentionTrace::head(int layer, int headIndex) const {
    if (layer < 0 || static_cast<size_t>(layer) >= layers.size())
        throw Error(Error::Kind::InvalidArgument, "layer " + std::to_string(layer) + " is out of range 0.." +
                                                      std::to_string(static_cast<int>(layers.size()) - 1));
    const auto& heads = layers[layer].heads;
    if (headIndex < 0 || static_cast<size_t>(headIndex) >= heads.size())
        throw Error(Error::Kind::InvalidArgument, "head " + std::to_string(headIndex) + " is out of range 0.." +
                                                      std::to_string(static_cast<int>(heads.size()) - 1));
    return heads[headIndex];
}

} // namespace qkview
