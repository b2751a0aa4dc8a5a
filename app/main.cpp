// SPDX-License-Identifier: MIT
// qkview: no arguments opens the GUI; `dump` and `export` run headless.
#include "commands.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QFileInfo>
#include <QStringList>

using namespace qkview::cli;

namespace {
bool wantsHelpOrVersion(int argc, char* argv[]) {
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (a == "-h" || a == "--help" || a == "-v" || a == "--version" || a == "--help-all") return true;
    }
    return false;
}

// `qkview LESSON.qkview` opens a lesson; other words that are no command are mistakes.
bool isLessonArgument(const QByteArray& argument) {
    return argument.endsWith(".qkview") || QFileInfo(QString::fromLocal8Bit(argument)).isFile();
}
} // namespace

int main(int argc, char* argv[]) {
    const QByteArray command = argc >= 2 ? QByteArray(argv[1]) : QByteArray();
    if (command == "dump" || command == "heads") {
        QCoreApplication app(argc, argv);
        QStringList args = QCoreApplication::arguments();
        args.removeAt(1);
        return command == "dump" ? runDump(args) : runHeads(args);
    }
    if (command == "export") {
        // Export paints with widgets (Qt Charts) but never needs a display.
        if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
        QStringList args;
        for (int i = 0; i < argc; ++i)
            if (i != 1) args << QString::fromLocal8Bit(argv[i]);
        return runExport(argc, argv, args);
    }
    // Anything else that is not the plain GUI (help, version, unknown words) needs no display.
    if (wantsHelpOrVersion(argc, argv) || (!command.isEmpty() && !command.startsWith('-') && !isLessonArgument(command)))
        return runTopLevel(argc, argv);
    return runGui(argc, argv);
}
