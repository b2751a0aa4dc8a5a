// SPDX-License-Identifier: MIT
#include "session/thumbnail_worker.h"

namespace qkview::ui {

void ThumbnailWorker::compute(quint64 generation, const TracePtr& trace, int kind, int layer, int head) {
    const auto stale = [&] { return m_latest->load() != generation; };
    if (stale()) return;
    auto scene = std::make_shared<HeadGridScene>(headGridData(*trace, static_cast<MatrixKind>(kind), layer, head, stale));
    if (!stale()) Q_EMIT ready(generation, scene);
}

} // namespace qkview::ui
