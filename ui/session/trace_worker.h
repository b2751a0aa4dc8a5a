// SPDX-License-Identifier: MIT
#pragma once
// Runs models off the GUI thread. Lives on its own QThread; talks only through queued signals
// that carry immutable snapshots.
#include "trace/attention_trace.h"
#include "models/model.h"

#include <QObject>

#include <memory>

namespace qkview::ui {

using ModelPtr = std::shared_ptr<const Model>;

struct TraceRequest {
    quint64 generation = 0;
    ModelPtr model;
    QString text;
    AttentionOptions options;
    bool guesses = false; // compute the trace's guesses here too (a view shows them)
};

class TraceWorker : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

public Q_SLOTS:
    void compute(const qkview::ui::TraceRequest& request);

Q_SIGNALS:
    // truncatedFrom > 0 when the text had more tokens than the model's context and was cut.
    void ready(quint64 generation, qkview::TracePtr trace, int truncatedFrom);
    void failed(quint64 generation, const QString& message);
};

} // namespace qkview::ui

Q_DECLARE_METATYPE(qkview::ui::TraceRequest)
Q_DECLARE_METATYPE(qkview::TracePtr)
