// SPDX-License-Identifier: MIT
#pragma once
// Makes the heads grid's thumbnails off the GUI thread: at 1,000 tokens pooling every head of GPT-2 small
// takes most of a second, so the grid fills in after the other views instead of holding up each keystroke.
// Only the newest request matters: an older one stops between heads.
#include "painters/head_grid_painter.h"
#include "trace/attention_trace.h"

#include <QObject>

#include <atomic>
#include <memory>

namespace qkview::ui {

using HeadGridScenePtr = std::shared_ptr<const HeadGridScene>;

class ThumbnailWorker : public QObject {
    Q_OBJECT
public:
    // latest holds the newest request's generation; a request whose generation is no longer the newest stops.
    explicit ThumbnailWorker(std::shared_ptr<const std::atomic<quint64>> latest) : m_latest(std::move(latest)) {}

public Q_SLOTS:
    void compute(quint64 generation, const qkview::TracePtr& trace, int kind, int layer, int head);

Q_SIGNALS:
    void ready(quint64 generation, const qkview::ui::HeadGridScenePtr& scene); // uncoloured

private:
    std::shared_ptr<const std::atomic<quint64>> m_latest;
};

} // namespace qkview::ui

Q_DECLARE_METATYPE(qkview::ui::HeadGridScenePtr)
