// SPDX-License-Identifier: MIT
#include "session/trace_worker.h"

#include "base/error.h"

namespace qkview::ui {

void TraceWorker::compute(const TraceRequest& request) {
    try {
        int truncatedFrom = 0;
        const TokenList tokens = tokensInContext(*request.model, request.text, &truncatedFrom);
        if (tokens.empty()) {
            Q_EMIT ready(request.generation, nullptr, 0);
            return;
        }
        Q_EMIT ready(request.generation, request.model->forward(request.text, tokens, request.options), truncatedFrom);
    } catch (const std::exception& e) {
        Q_EMIT failed(request.generation, QString::fromStdString(e.what()));
    }
}

} // namespace qkview::ui
