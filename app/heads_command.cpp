// SPDX-License-Identifier: MIT
// qkview heads: every head of a model scored on a text for the well-known head types (lenses/lenses.h).
#include "cli_support.h"
#include "commands.h"

#include "base/error.h"
#include "lenses/lenses.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace qkview::cli {

namespace {
QByteArray headsJson(const AttentionTrace& trace) {
    QJsonArray heads;
    for (int l = 0; l < trace.layerCount(); ++l)
        for (int h = 0; h < trace.headCount(); ++h) {
            const HeadScores s = headScores(trace, l, h);
            heads.append(QJsonObject{{QStringLiteral("layer"), l},
                                     {QStringLiteral("head"), h},
                                     {QStringLiteral("name"), trace.config.headName(l, h)},
                                     {QStringLiteral("previous_token"), s.previousToken},
                                     {QStringLiteral("first_token"), s.firstToken},
                                     {QStringLiteral("self"), s.self},
                                     {QStringLiteral("induction"), s.induction ? QJsonValue(*s.induction) : QJsonValue()},
                                     {QStringLiteral("type"), headType(s)}});
        }
    return QJsonDocument(QJsonObject{{QStringLiteral("heads"), heads}}).toJson(QJsonDocument::Indented);
}

QByteArray headsText(const AttentionTrace& trace) {
    QString out = QStringLiteral("layer head  previous  first  self  induction  type\n");
    for (int l = 0; l < trace.layerCount(); ++l)
        for (int h = 0; h < trace.headCount(); ++h) {
            const HeadScores s = headScores(trace, l, h);
            out += QStringLiteral("%1 %2  %3  %4  %5  %6  %7\n")
                       .arg(l, 5).arg(h, 4).arg(s.previousToken, 8, 'f', 3).arg(s.firstToken, 5, 'f', 3).arg(s.self, 4, 'f', 3)
                       .arg(s.induction ? QString::number(*s.induction, 'f', 3) : QStringLiteral("—"), 9)
                       .arg(headType(s));
        }
    return out.toUtf8();
}
} // namespace

int runHeads(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Score every head on a text: mean weight on the previous token, on the first token and on itself, and the "
        "induction score (for each token seen before, the weight on the token that followed it then; null when "
        "nothing repeats). Tip: repeat a text to probe for induction heads."));
    parser.addHelpOption();
    parser.addOptions(traceOptions());
    parser.addOption({QStringLiteral("format"), QStringLiteral("json (default) or text."), QStringLiteral("FORMAT"), QStringLiteral("json")});
    if (!parser.parse(arguments)) {
        printError(parser.errorText());
        return BadUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText().replace(QStringLiteral("<executable_name>"), QStringLiteral("qkview heads"))), stdout);
        return Success;
    }
    const QString format = parser.value(QStringLiteral("format"));
    if (!parser.positionalArguments().isEmpty() || !parser.isSet(QStringLiteral("text")) || (format != u"json" && format != u"text")) {
        printError(QStringLiteral("heads needs --text TEXT, and --format json or text (see qkview heads --help)"));
        return BadUsage;
    }
    try {
        const TracePtr trace = tracedText(*chosenModel(parser), parser.value(QStringLiteral("text")), attentionOptions(parser));
        const QByteArray out = format == u"json" ? headsJson(*trace) : headsText(*trace);
        std::fwrite(out.constData(), 1, static_cast<size_t>(out.size()), stdout);
        return Success;
    } catch (const Error& e) {
        printError(QString::fromStdString(e.what()));
        return e.kind() == Error::Kind::InvalidArgument ? BadUsage : RuntimeError;
    } catch (const std::invalid_argument& e) {
        printError(QString::fromStdString(e.what()));
        return BadUsage;
    }
}

} // namespace qkview::cli
