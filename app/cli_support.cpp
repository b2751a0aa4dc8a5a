// SPDX-License-Identifier: MIT
#include "cli_support.h"

#include "base/error.h"
#include "models/builtin_models.h"

#include <cstdio>

namespace qkview::cli {

const QString kModelHelp = QStringLiteral(
    "A model folder in Hugging Face's layout (GPT-2, Llama, Mistral, Qwen2, Qwen3, BERT, DistilBERT, RoBERTa), or a "
    "built-in model: teaching (the hand-designed default) or tiny (a small trained GPT-2). A path with '/' is "
    "always a folder.");

void printError(const QString& message) {
    std::fprintf(stderr, "qkview: %s\n", qPrintable(message));
}

std::optional<int> intOption(const QCommandLineParser& parser, const QString& name) {
    if (!parser.isSet(name)) return std::nullopt;
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok || value < 0)
        throw std::invalid_argument(QStringLiteral("--%1 takes a whole number ≥ 0, got '%2'")
                                        .arg(name, parser.value(name)).toStdString());
    return value;
}

QList<QCommandLineOption> traceOptions() {
    return {
        {QStringLiteral("text"), QStringLiteral("The text to run through the model."), QStringLiteral("TEXT")},
        {QStringLiteral("model"), kModelHelp, QStringLiteral("DIR|NAME")},
        {QStringLiteral("no-scale"), QStringLiteral("Do not divide scores by sqrt(d_head).")},
        {QStringLiteral("temperature"), QStringLiteral("Divide scores by T (> 0, default 1)."), QStringLiteral("T"), QStringLiteral("1")},
        {QStringLiteral("causal"), QStringLiteral("Mask keys after each query.")},
    };
}

qkview::AttentionOptions attentionOptions(const QCommandLineParser& parser) {
    qkview::AttentionOptions options;
    options.scale = !parser.isSet(QStringLiteral("no-scale"));
    options.causal = parser.isSet(QStringLiteral("causal"));
    bool ok = false;
    options.temperature = parser.value(QStringLiteral("temperature")).toFloat(&ok);
    if (!ok)
        throw std::invalid_argument(QStringLiteral("--temperature takes a number, got '%1'")
                                        .arg(parser.value(QStringLiteral("temperature"))).toStdString());
    try {
        qkview::validate(options);
    } catch (const qkview::Error& e) {
        throw std::invalid_argument(e.what());
    }
    return options;
}

std::unique_ptr<qkview::Model> chosenModel(const QCommandLineParser& parser) {
    return qkview::loadModel(parser.isSet(QStringLiteral("model")) ? parser.value(QStringLiteral("model"))
                                                                   : QStringLiteral("teaching"));
}

qkview::TracePtr tracedText(const qkview::Model& model, const QString& text, const qkview::AttentionOptions& options) {
    int truncatedFrom = 0;
    qkview::TracePtr trace = qkview::traceText(model, text, options, &truncatedFrom);
    if (truncatedFrom > 0)
        printError(QStringLiteral("note: the text has %1 tokens; %2 reads at most %3, so only the first %3 are used")
                       .arg(truncatedFrom).arg(trace->config.name).arg(trace->tokenCount()));
    return trace;
}

} // namespace qkview::cli
