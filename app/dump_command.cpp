// SPDX-License-Identifier: MIT
// qkview dump: the attention trace of a text as JSON or text on standard output.
#include "cli_support.h"
#include "commands.h"

#include "base/error.h"
#include "export/trace_json.h"

#include <QFile>

#include <cstdio>

namespace qkview::cli {

int runDump(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Print the attention trace of a text as JSON or text."));
    parser.addHelpOption();
    parser.addOptions(traceOptions());
    parser.addOptions({
        {QStringLiteral("format"), QStringLiteral("json (default) or text."), QStringLiteral("FORMAT"), QStringLiteral("json")},
        {QStringLiteral("layer"), QStringLiteral("Only this layer (0-based)."), QStringLiteral("L")},
        {QStringLiteral("head"), QStringLiteral("Only this head (0-based)."), QStringLiteral("H")},
        {QStringLiteral("lens"), QStringLiteral("Add lenses to the JSON, comma-separated: value-norms (\"value_norms\", each "
                                                "weight times ‖v_j W_O‖, in every head) and rollout (\"rollout\", attention "
                                                "rollout, in every layer)."),
         QStringLiteral("LIST")},
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
    qkview::TraceSelection selection;
    try {
        options = attentionOptions(parser);
        selection.layer = intOption(parser, QStringLiteral("layer"));
        selection.head = intOption(parser, QStringLiteral("head"));
        for (const QString& lens : parser.value(QStringLiteral("lens")).split(u',', Qt::SkipEmptyParts)) {
            if (lens.trimmed() == u"value-norms") selection.valueNorms = true;
            else if (lens.trimmed() == u"rollout") selection.rollout = true;
            else throw std::invalid_argument(QStringLiteral("--lens takes value-norms and rollout, got '%1'").arg(lens).toStdString());
        }
        if ((selection.valueNorms || selection.rollout) && format != u"json")
            throw std::invalid_argument("--lens adds to the JSON: drop --format text");
    } catch (const std::exception& e) {
        printError(QString::fromStdString(e.what()));
        return BadUsage;
    }

    try {
        const auto trace = tracedText(*chosenModel(parser), parser.value(QStringLiteral("text")), options);
        QFile stdoutFile;
        if (!stdoutFile.open(stdout, QIODevice::WriteOnly)) {
            printError(QStringLiteral("could not write to standard output"));
            return RuntimeError;
        }
        if (format == u"json") {
            qkview::writeTraceJson(stdoutFile, *trace, selection); // streamed: one head at a time
        } else {
            const QByteArray out = qkview::traceToText(*trace, selection);
            if (stdoutFile.write(out) != out.size()) throw qkview::Error(qkview::Error::Kind::Io, "could not write to standard output");
        }
        return Success;
    } catch (const qkview::Error& e) {
        printError(QString::fromStdString(e.what()));
        return e.kind() == qkview::Error::Kind::InvalidArgument ? BadUsage : RuntimeError;
    }
}

} // namespace qkview::cli
