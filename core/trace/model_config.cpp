// SPDX-License-Identifier: MIT
#include "trace/model_config.h"

namespace qkview {

QString ModelConfig::headName(int layer, int head) const {
    if (layer >= 0 && head >= 0 && static_cast<size_t>(layer) < headInfo.size() &&
        static_cast<size_t>(head) < headInfo[layer].size() && !headInfo[layer][head].name.isEmpty())
        return headInfo[layer][head].name;
    return QStringLiteral("L%1.H%2").arg(layer).arg(head);
}

} // namespace qkview
