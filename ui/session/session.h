// SPDX-License-Identifier: MIT
#pragma once
// The one owner of the text, options, model, selection and latest trace. Views read from it and
// ask it for changes; it recomputes on a worker thread, coalescing keystrokes and dropping stale results.
#include "session/trace_worker.h"
#include "session/view_state.h"

#include <QObject>
#include <QThread>

namespace qkview::ui {

class Session : public QObject {
    Q_OBJECT
public:
    explicit Session(ModelPtr model, QObject* parent = nullptr);
    ~Session() override;

    const ModelPtr& model() const { return m_model; }
    const QString& text() const { return m_text; }
    const AttentionOptions& options() const { return m_options; }
    const Selection& selection() const { return m_selection; }
    const ViewOptions& viewOptions() const { return m_viewOptions; }
    const TracePtr& trace() const { return m_trace; }
    bool isBusy() const { return m_inFlight; }
    // Why there is no trace (empty text, an error), or a notice about the trace (truncation); may be empty.
    const QString& notice() const { return m_notice; }

    void setModel(ModelPtr model);
    void setText(const QString& text);
    void setOptions(const AttentionOptions& options);
    void setSelection(Selection selection);
    void setViewOptions(const ViewOptions& options);
    // Whether a view shows the model's guesses: then the worker computes them with each trace, off the GUI
    // thread. Otherwise they wait until asked (they read the whole vocabulary matrix). Takes effect from
    // the next trace.
    void setGuessesWanted(bool wanted);
    // A second text through the same model and options (the Compare tab), computed by a session of its own;
    // null until asked for. Its trace is what the comparison's traceChanged signal gives.
    Session* comparison();
    const Session* comparison() const { return m_comparison; }

Q_SIGNALS:
    void traceChanged(const qkview::TracePtr& trace);
    void selectionChanged(const qkview::ui::Selection& selection);
    void viewOptionsChanged();
    void modelChanged();
    void noticeChanged(const QString& notice);
    void busyChanged(bool busy);
    void requestCompute(const qkview::ui::TraceRequest& request); // to the worker

private:
    void schedule();
    void sendRequest();
    void onReady(quint64 generation, const TracePtr& trace, int truncatedFrom);
    void onFailed(quint64 generation, const QString& message);
    void finishRequest();
    Selection clamped(Selection s) const;
    void setNotice(const QString& notice);

    ModelPtr m_model;
    QString m_text;
    AttentionOptions m_options;
    Selection m_selection;
    ViewOptions m_viewOptions;
    TracePtr m_trace;
    QString m_notice;

    QThread m_thread;
    TraceWorker* m_worker = nullptr; // lives on m_thread
    quint64 m_generation = 0;        // of the newest request
    bool m_inFlight = false;
    bool m_pending = false;          // inputs changed while a request ran
    bool m_guessesWanted = false;
    Session* m_comparison = nullptr; // a child: follows this session's model and options
};

} // namespace qkview::ui
