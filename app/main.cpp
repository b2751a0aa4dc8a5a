// SPDX-License-Identifier: MIT
// qkview: no arguments opens the GUI; `dump` and `export` run headless.
#include "error.h"
#include "model.h"
#include "teaching_model.h"
#include "trace_json.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

#include <cstdio>
#include <optional>

namespace {

enum ExitCode { Success = 0, RuntimeError = 1, BadUsage = 2 };

void printError(const QString& message) {
    std::fprintf(stderr, "qkview: %s\n", qPrintable(message));
}

// Parses an optional non-negative integer option; nullopt when absent, throws a usage message when malformed.
std::optional<int> intOption(const QCommandLineParser& parser, const QString& name) {
    if (!parser.isSet(name)) return std::nullopt;
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok || value < 0)
        throw std::invalid_argument(QStringLiteral("--%1 takes a whole number ≥ 0, got '%2'")
                                        .arg(name, parser.value(name)).toStdString());
    return value;
}

int runDump(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Print the attention trace of a text as JSON or text."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("text"), QStringLiteral("The text to run through the model."), QStringLiteral("TEXT")},
        {QStringLiteral("format"), QStringLiteral("json (default) or text."), QStringLiteral("FORMAT"), QStringLiteral("json")},
        {QStringLiteral("layer"), QStringLiteral("Only this layer (0-based)."), QStringLiteral("L")},
        {QStringLiteral("head"), QStringLiteral("Only this head (0-based)."), QStringLiteral("H")},
        {QStringLiteral("no-scale"), QStringLiteral("Do not divide scores by sqrt(d_head).")},
        {QStringLiteral("temperature"), QStringLiteral("Divide scores by T (> 0, default 1)."), QStringLiteral("T"), QStringLiteral("1")},
        {QStringLiteral("causal"), QStringLiteral("Mask keys after each query.")},
    });
    if (!parser.parse(arguments)) {
        printError(parser.errorText());
        return BadUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return Success;
    }
    if (!parser.positionalArguments().isEmpty()) {
        printError(QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));
        return BadUsage;
    }
    if (!parser.isSet(QStringLiteral("text"))) {
        printError(QStringLiteral("dump needs --text TEXT"));
        return BadUsage;
    }
    const QString format = parser.value(QStringLiteral("format"));
    if (format != u"json" && format != u"text") {
        printError(QStringLiteral("--format must be json or text, got '%1'").arg(format));
        return BadUsage;
    }
    qkview::AttentionOptions options;
    options.scale = !parser.isSet(QStringLiteral("no-scale"));
    options.causal = parser.isSet(QStringLiteral("causal"));
    bool ok = false;
    options.temperature = parser.value(QStringLiteral("temperature")).toFloat(&ok);
    if (!ok) {
        printError(QStringLiteral("--temperature takes a number, got '%1'").arg(parser.value(QStringLiteral("temperature"))));
        return BadUsage;
    }
    qkview::TraceSelection selection;
    try {
        selection.layer = intOption(parser, QStringLiteral("layer"));
        selection.head = intOption(parser, QStringLiteral("head"));
        qkview::validate(options);
    } catch (const std::exception& e) {
        printError(QString::fromStdString(e.what()));
        return BadUsage;
    }

    try {
        const qkview::TeachingModel model;
        const auto trace = qkview::traceText(model, parser.value(QStringLiteral("text")), options);
        const QByteArray out = format == u"json" ? qkview::traceToJson(*trace, selection)
                                                 : qkview::traceToText(*trace, selection);
        QFile stdoutFile;
        if (!stdoutFile.open(stdout, QIODevice::WriteOnly) || stdoutFile.write(out) != out.size()) {
            printError(QStringLiteral("could not write to standard output"));
            return RuntimeError;
        }
        return Success;
    } catch (const qkview::Error& e) {
        printError(QString::fromStdString(e.what()));
        return e.kind() == qkview::Error::Kind::InvalidArgument ? BadUsage : RuntimeError;
    }
}

} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("qkview"));
    QCoreApplication::setApplicationVersion(QStringLiteral(QKVIEW_VERSION));
    QStringList args = QCoreApplication::arguments();

    if (args.size() >= 2 && args[1] == u"dump") {
        args.removeAt(1);
        return runDump(args);
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "qkview makes attention visible: queries, keys, scores, weights and values.\n\n"
        "Commands:\n  dump     print the attention trace (qkview dump --help)\n"
        "With no command, the desktop app opens."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("dump, or nothing for the GUI"));
    if (!parser.parse(args)) {
        printError(parser.errorText());
        return BadUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return Success;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("qkview %s\n", QKVIEW_VERSION);
        return Success;
    }
    if (!parser.positionalArguments().isEmpty()) {
        printError(QStringLiteral("unknown command '%1' (try --help)").arg(parser.positionalArguments().first()));
        return BadUsage;
    }
    printError(QStringLiteral("the desktop app is not built yet"));
    return RuntimeError;
}
