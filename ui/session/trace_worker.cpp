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
        const TracePtr trace = request.model->forward(request.text, tokens, request.options);
        if (request.guesses) (void)trace->nextTokens(); // computes every guess, here rather than while painting
        Q_EMIT ready(request.generation, trace, truncatedFrom);
    } catch (const std::exception& e) {
        Q_EMIT failed(request.generation, QString::fromStdString(e.what()));
    }
}

} // namespace qkview::ui
