// SPDX-License-Identifier: MIT
#include "session/session.h"

#include "session/selection_follow.h"

namespace qkview::ui {

Session::Session(ModelPtr model, QObject* parent) : QObject(parent), m_model(std::move(model)) {
    qRegisterMetaType<TraceRequest>();
    qRegisterMetaType<TracePtr>();
    qRegisterMetaType<Selection>();
    m_worker = new TraceWorker;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(this, &Session::requestCompute, m_worker, &TraceWorker::compute, Qt::QueuedConnection);
    connect(m_worker, &TraceWorker::ready, this, &Session::onReady, Qt::QueuedConnection);
    connect(m_worker, &TraceWorker::failed, this, &Session::onFailed, Qt::QueuedConnection);
    m_thread.setObjectName(QStringLiteral("qkview trace worker"));
    m_thread.start();
}

Session::~Session() {
    m_thread.quit();
    m_thread.wait();
}

void Session::setModel(ModelPtr model) {
    if (!model || model == m_model) return;
    m_model = std::move(model);
    if (m_comparison) m_comparison->setModel(m_model);
    Q_EMIT modelChanged();
    schedule();
}

Session* Session::comparison() {
    if (!m_comparison) {
        m_comparison = new Session(m_model, this);
        m_comparison->setOptions(m_options);
    }
    return m_comparison;
}

void Session::setText(const QString& text) {
    if (text == m_text && m_generation > 0) return; // unchanged, and computed at least once
    m_text = text;
    schedule();
}

void Session::setOptions(const AttentionOptions& options) {
    if (options == m_options) return;
    m_options = options;
    if (m_comparison) m_comparison->setOptions(m_options);
    schedule();
}

void Session::setSelection(Selection selection) {
    selection = clamped(selection);
    if (selection == m_selection) return;
    m_selection = selection;
    Q_EMIT selectionChanged(m_selection);
}

void Session::setViewOptions(const ViewOptions& options) {
    if (options == m_viewOptions) return;
    m_viewOptions = options;
    Q_EMIT viewOptionsChanged();
}

void Session::schedule() {
    ++m_generation;
    if (m_inFlight) {
        m_pending = true; // coalesce: only the newest inputs run once the current request ends
        return;
    }
    m_inFlight = true;
    Q_EMIT busyChanged(true);
    sendRequest();
}

void Session::setGuessesWanted(bool wanted) { m_guessesWanted = wanted; }

void Session::sendRequest() { Q_EMIT requestCompute({m_generation, m_model, m_text, m_options, m_guessesWanted}); }

void Session::finishRequest() {
    if (m_pending) {
        m_pending = false;
        sendRequest();
        return;
    }
    m_inFlight = false;
    Q_EMIT busyChanged(false);
}

void Session::onReady(quint64 generation, const TracePtr& trace, int truncatedFrom) {
    if (generation == m_generation) {
        const Selection before = m_selection;
        if (m_trace && trace) {
            // The selected tokens stay on their words when the text was edited before them.
            m_selection.query = followToken(m_trace->tokens, m_trace->text, trace->tokens, trace->text, m_selection.query);
            m_selection.key = followToken(m_trace->tokens, m_trace->text, trace->tokens, trace->text, m_selection.key);
        }
        m_trace = trace;
        if (!trace) {
            setNotice(tr("Type a sentence above to see how its words attend to each other."));
        } else if (truncatedFrom > 0) {
            setNotice(tr("The text has %1 tokens; %2 reads at most %3, so only the first %3 are shown.")
                          .arg(truncatedFrom).arg(trace->config.name).arg(trace->config.contextLength));
        } else {
            setNotice(QString());
        }
        m_selection = clamped(m_selection);
        Q_EMIT traceChanged(m_trace); // views read the selection with it
        if (m_selection != before) Q_EMIT selectionChanged(m_selection);
    }
    finishRequest();
}

void Session::onFailed(quint64 generation, const QString& message) {
    if (generation == m_generation) {
        m_trace.reset();
        setNotice(message);
        Q_EMIT traceChanged(m_trace);
    }
    finishRequest();
}

void Session::setNotice(const QString& notice) {
    if (notice == m_notice) return;
    m_notice = notice;
    Q_EMIT noticeChanged(m_notice);
}

Selection Session::clamped(Selection s) const {
    if (!m_trace) return s;
    const int layers = m_trace->layerCount();
    s.layer = std::clamp(s.layer, 0, std::max(0, layers - 1));
    const int heads = m_trace->headCount();
    s.head = std::clamp(s.head, 0, std::max(0, heads - 1));
    const int last = m_trace->tokenCount() - 1;
    s.query = s.query < 0 ? -1 : std::min(s.query, last);
    s.key = s.key < 0 ? -1 : std::min(s.key, last);
    return s;
}

} // namespace qkview::ui
