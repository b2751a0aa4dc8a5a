// SPDX-License-Identifier: MIT
// qkview with no command: the desktop app.
#include "cli_support.h"
#include "commands.h"

#include "base/error.h"
#include "models/builtin_models.h"
#include "session/lesson_state.h"
#include "views/sentence_edit.h"
#include "window/main_window.h"
#include "window/theme.h"

#include <QApplication>
#include <QIcon>
#include <QElapsedTimer>
#include <QTimer>

namespace qkview::cli {

QList<QCommandLineOption> guiOptions() {
    return {
        {QStringLiteral("model"), kModelHelp + QStringLiteral(" Default: the model of the last session."), QStringLiteral("DIR|NAME")},
        {QStringLiteral("text"), QStringLiteral("Start with this text."), QStringLiteral("TEXT")},
        {QStringLiteral("tab"), QStringLiteral("The side tab to show: %1.").arg(ui::sideTabNames().join(QStringLiteral(", "))),
         QStringLiteral("TAB")},
        {QStringLiteral("theme"), QStringLiteral("system, light or dark."), QStringLiteral("THEME")},
        {QStringLiteral("size"), QStringLiteral("The window's size in pixels, e.g. 1366x768."), QStringLiteral("WxH")},
        {QStringLiteral("screenshot"), QStringLiteral("Save the window to FILE (PNG) once its trace is drawn, and quit; starts "
                                                      "from the defaults, not the last session."),
         QStringLiteral("FILE")},
    };
}

// GUI: the main window on the last session's model (or --model), or on a lesson given as the one argument.
// --screenshot saves the window once it has drawn its trace and quits (for the README and for checking the
// look under Xvfb).
int runGui(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("qkview"));
    QCoreApplication::setApplicationName(QStringLiteral("qkview"));
    QCoreApplication::setApplicationVersion(QStringLiteral(QKVIEW_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("qkview"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/qkview/icons/qkview.svg")));

    QCommandLineParser parser;
    parser.addOptions(guiOptions());
    parser.addPositionalArgument(QStringLiteral("lesson"), QStringLiteral("A .qkview lesson to open."), QStringLiteral("[LESSON.qkview]"));
    const auto usage = [](const QString& message) {
        printError(message);
        return BadUsage;
    };
    if (!parser.parse(QCoreApplication::arguments())) return usage(parser.errorText());
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) return usage(QStringLiteral("give one lesson to open, got %1 arguments").arg(positional.size()));
    const QString lesson = positional.value(0);
    std::optional<ui::Theme> theme;
    if (parser.isSet(QStringLiteral("theme"))) {
        theme = ui::themeFromName(parser.value(QStringLiteral("theme")));
        if (!theme) return usage(QStringLiteral("--theme must be system, light or dark, got '%1'").arg(parser.value(QStringLiteral("theme"))));
    }
    const QString tab = parser.value(QStringLiteral("tab"));
    if (parser.isSet(QStringLiteral("tab")) && !ui::sideTabNames().contains(tab.toLower()))
        return usage(QStringLiteral("--tab must be one of %1; got '%2'").arg(ui::sideTabNames().join(QStringLiteral(", ")), tab));
    QSize windowSize;
    if (parser.isSet(QStringLiteral("size"))) {
        const QString value = parser.value(QStringLiteral("size"));
        const QStringList wh = value.split(u'x');
        if (wh.size() == 2) windowSize = QSize(wh[0].toInt(), wh[1].toInt());
        if (windowSize.width() < 200 || windowSize.height() < 150 || windowSize.width() > 16384 || windowSize.height() > 16384)
            return usage(QStringLiteral("--size must be WIDTHxHEIGHT in pixels (200x150 to 16384x16384), got '%1'").arg(value));
    }
    const bool modelGiven = parser.isSet(QStringLiteral("model"));
    std::shared_ptr<Model> startModel;
    try {
        startModel = loadModel(modelGiven ? parser.value(QStringLiteral("model")) : QStringLiteral("teaching"));
    } catch (const Error& e) {
        printError(QString::fromStdString(e.what()));
        return RuntimeError;
    }
    const bool screenshot = parser.isSet(QStringLiteral("screenshot"));
    ui::MainWindow window(startModel, !screenshot); // screenshots show the defaults, not the user's last session
    if (modelGiven) window.setModelSource(parser.value(QStringLiteral("model")));
    if (theme) window.setTheme(*theme);
    if (windowSize.isValid()) window.resize(windowSize);
    if (parser.isSet(QStringLiteral("text"))) window.sentenceEdit()->setPlainText(parser.value(QStringLiteral("text")));
    if (!lesson.isEmpty()) {
        if (!window.openLesson(lesson)) printError(QStringLiteral("could not open the lesson %1").arg(lesson));
    } else if (!modelGiven) {
        window.restoreLastModel();
    }
    if (!tab.isEmpty()) window.showSideTab(tab);
    window.show();
    if (!screenshot) return app.exec();

    const QString path = parser.value(QStringLiteral("screenshot"));
    // Once everything shown has been computed (the trace of the text, not an earlier one nor one of the model a
    // lesson replaces; the Heads tab's thumbnails; the Compare tab's second text), or after a minute at most.
    QElapsedTimer waited;
    waited.start();
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &app, [&] {
        if (!window.isSettled() && waited.elapsed() < 60'000) return;
        poll.stop();
        QTimer::singleShot(200, &app, [&] { app.exit(window.grab().save(path) ? Success : RuntimeError); });
    });
    poll.start(100);
    const int code = app.exec();
    if (code != Success) printError(QStringLiteral("could not write %1").arg(path));
    return code;
}

} // namespace qkview::cli
