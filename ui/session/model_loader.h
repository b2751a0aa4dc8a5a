// SPDX-License-Identifier: MIT
#pragma once
// Opens a model folder or a built-in model (models/builtin_models.h) off the GUI thread, reporting progress; a load can be cancelled.
#include "session/trace_worker.h"

#include <QObject>
#include <QThread>

#include <atomic>

namespace qkview::ui {

class ModelLoader : public QObject {
    Q_OBJECT
public:
    explicit ModelLoader(QObject* parent = nullptr);
    ~ModelLoader() override;

    // Starts loading dir (a folder or a built-in model's name); a load already running is cancelled first.
    void load(const QString& dir);
    void cancel() { m_cancel = true; }
    bool isLoading() const { return m_loading; }

Q_SIGNALS:
    void progress(double fraction, const QString& message);
    void loaded(const qkview::ui::ModelPtr& model, const QString& dir);
    void failed(const QString& dir, const QString& message);
    void cancelled();

private:
    QThread* m_thread = nullptr;
    std::atomic<bool> m_cancel = false;
    bool m_loading = false;
};

} // namespace qkview::ui

Q_DECLARE_METATYPE(qkview::ui::ModelPtr)
