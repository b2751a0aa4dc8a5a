// SPDX-License-Identifier: MIT
// qkview --help, --version, and words that are no command: nothing that needs a display.
#include "cli_support.h"
#include "commands.h"

#include <QCoreApplication>

#include <cstdio>

namespace qkview::cli {

int runTopLevel(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("qkview"));
    QCoreApplication::setApplicationVersion(QStringLiteral(QKVIEW_VERSION));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "qkview makes attention visible: queries, keys, scores, weights and values.\n\n"
        "Usage:\n  qkview [OPTIONS] [LESSON.qkview]   the desktop app, with the options below\n"
        "  qkview dump [OPTIONS]              print the attention trace (qkview dump --help)\n"
        "  qkview heads [OPTIONS]             score every head's type on a text (qkview heads --help)\n"
        "  qkview export [OPTIONS]            write a figure as PNG, SVG or PDF (qkview export --help)"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions(guiOptions());
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("dump, heads, export, a lesson to open, or nothing for the GUI"),
                                 QStringLiteral("[dump|heads|export|LESSON.qkview]"));
    if (!parser.parse(QCoreApplication::arguments())) {
        printError(parser.errorText());
        return BadUsage;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("qkview %s\n", QKVIEW_VERSION);
        return Success;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return Success;
    }
    if (!parser.positionalArguments().isEmpty()) {
        printError(QStringLiteral("unknown command '%1': the commands are dump, heads and export, a lesson ends in .qkview (try --help)")
                       .arg(parser.positionalArguments().first()));
        return BadUsage;
    }
    return Success;
}

} // namespace qkview::cli
