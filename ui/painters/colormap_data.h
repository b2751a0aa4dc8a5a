// SPDX-License-Identifier: MIT
#pragma once
#include <array>

namespace qkview::ui::detail {
// 0xRRGGBB, 256 entries from low to high.
extern const std::array<unsigned, 256> kViridis, kCividis, kMagma, kGreys, kDiverging;
} // namespace qkview::ui::detail
