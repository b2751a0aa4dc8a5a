// SPDX-License-Identifier: MIT
#pragma once
// The commands of the qkview program, each from its parsed arguments to an exit code (cli_support.h).
#include <QCommandLineOption>
#include <QStringList>

namespace qkview::cli {

int runDump(const QStringList& arguments);
int runHeads(const QStringList& arguments);
// Starts a QApplication once the arguments are known good (Qt Charts draw through widgets).
int runExport(int& argc, char* argv[], const QStringList& arguments);
// The desktop app's options, for its parser and for qkview --help.
QList<QCommandLineOption> guiOptions();
int runGui(int argc, char* argv[]);
int runTopLevel(int argc, char* argv[]);

} // namespace qkview::cli
