// SPDX-License-Identifier: MIT
#include "session/trace_worker.h"

#include "base/error.h"

namespace qkview::ui {

void TraceWorker::compute(const TraceRequest& request) {
    try {
        TokenList tokens = request.model->tokenizer().encode(request.text);
        const int limit = request.model->config().contextLength;
        const int count = static_cast<int>(tokens.size());
        int truncatedFrom = 0;
        if (limit > 0 && count > limit) {
            tokens.resize(static_cast<size_t>(limit));
            truncatedFrom = count;
        }
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
