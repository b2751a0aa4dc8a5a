// SPDX-License-Identifier: MIT
#pragma once
#include "window/main_window.h"
#include "session/session.h"
#include "models/teaching_model.h"

#include <QElapsedTimer>
#include <QCoreApplication>
#include <QSettings>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace qkview::test {

inline std::shared_ptr<const Model> teachingModel() {
    static const auto model = std::make_shared<TeachingModel>();
    return model;
}

// Processes events until the session has a trace for its current text and nothing is computing.
inline bool waitForTrace(ui::Session& session, int timeoutMs = 5000) {
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        if (!session.isBusy() && (!session.trace() || session.trace()->text == session.text())) return true;
    }
    return false;
}

// Processes events until done() holds or the time is up; returns done().
template <typename Done>
bool waitFor(Done&& done, int timeoutMs = 10000) {
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < timeoutMs) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return done();
}

// Settings (QSettings) in a temporary folder of the test's own for as long as it lives.
struct TemporarySettings {
    TemporarySettings() {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
    }
    ~TemporarySettings() { QSettings::setDefaultFormat(QSettings::NativeFormat); }
    QTemporaryDir dir;
};

// The main window at 1366×768 on the teaching model, settings untouched, first trace shown.
struct ShownWindow {
    ui::MainWindow window{teachingModel(), false};
    ShownWindow() {
        window.resize(1366, 768);
        window.show();
        EXPECT_TRUE(waitForTrace(*window.session()));
    }
    ui::Session& session() { return *window.session(); }
};

} // namespace qkview::test
