// SPDX-License-Identifier: MIT
#include "session/model_loader.h"

#include "base/error.h"
#include "models/builtin_models.h"

namespace qkview::ui {

ModelLoader::ModelLoader(QObject* parent) : QObject(parent) { qRegisterMetaType<ModelPtr>(); }

ModelLoader::~ModelLoader() {
    m_cancel = true;
    if (m_thread) m_thread->wait();
}

void ModelLoader::load(const QString& dir) {
    if (m_thread) {
        m_cancel = true;
        m_thread->wait();
    }
    m_cancel = false;
    m_loading = true;
    // The thread reports back through queued signals; only atomics are shared.
    m_thread = QThread::create([this, dir] {
        try {
            std::shared_ptr<const Model> model = loadModel(dir, [this](double fraction, const QString& message) {
                QMetaObject::invokeMethod(this, [this, fraction, message] { Q_EMIT progress(fraction, message); },
                                          Qt::QueuedConnection);
                return !m_cancel.load();
            });
            QMetaObject::invokeMethod(this, [this, model, dir] { Q_EMIT loaded(model, dir); }, Qt::QueuedConnection);
        } catch (const Error& e) {
            const QString message = QString::fromStdString(e.what());
            const bool wasCancelled = e.kind() == Error::Kind::Cancelled;
            QMetaObject::invokeMethod(this, [this, dir, message, wasCancelled] {
                if (wasCancelled) Q_EMIT cancelled();
                else Q_EMIT failed(dir, message);
            }, Qt::QueuedConnection);
        } catch (const std::exception& e) {
            const QString message = QString::fromStdString(e.what());
            QMetaObject::invokeMethod(this, [this, dir, message] { Q_EMIT failed(dir, message); }, Qt::QueuedConnection);
        }
    });
    connect(m_thread, &QThread::finished, this, [this, thread = m_thread] {
        if (thread == m_thread) {
            m_loading = false;
            m_thread = nullptr;
        }
        thread->deleteLater();
    });
    m_thread->start();
}

} // namespace qkview::ui
