// SPDX-License-Identifier: MIT
#pragma once
// What the commands share: exit codes, messages on stderr, and the options that choose a model, a text and
// how attention is computed.
#include "attention/attention.h"
#include "models/model.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

#include <memory>
#include <optional>

namespace qkview::cli {

enum ExitCode { Success = 0, RuntimeError = 1, BadUsage = 2 };

extern const QString kModelHelp;

void printError(const QString& message);

// Parses an optional non-negative integer option; nullopt when absent, throws a usage message when malformed.
std::optional<int> intOption(const QCommandLineParser& parser, const QString& name);

// Options that choose the model, the text and how attention is computed: shared by dump and export.
QList<QCommandLineOption> traceOptions();

// The attention options the command line asks for; throws std::invalid_argument with a usage message.
AttentionOptions attentionOptions(const QCommandLineParser& parser);

// The model folder or built-in model given with --model, or the built-in teaching model. Throws qkview::Error.
std::unique_ptr<Model> chosenModel(const QCommandLineParser& parser);

// The trace of text, cut at the model's context with a notice on stderr (as the GUI shows one).
TracePtr tracedText(const Model& model, const QString& text, const AttentionOptions& options);

} // namespace qkview::cli
