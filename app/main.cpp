// SPDX-License-Identifier: MIT
// qkview: no arguments opens the GUI; `dump` and `export` run headless.
#include "error.h"
#include "model.h"
#include "model_folder.h"
#include "teaching_model.h"
#include "trace_json.h"
#include "main_window.h"
#include "theme.h"

#include <QCommandLineParser>
#include <QApplication>
#include <QFile>
#include <QTextStream>
#include <QTimer>

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
        {QStringLiteral("model"), QStringLiteral("A GPT-2 family model folder (Hugging Face layout); default: the built-in teaching model."),
         QStringLiteral("DIR")},
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
        const std::unique_ptr<qkview::Model> model = parser.isSet(QStringLiteral("model"))
                                                         ? qkview::loadModelFolder(parser.value(QStringLiteral("model")))
                                                         : std::make_unique<qkview::TeachingModel>();
        const auto trace = qkview::traceText(*model, parser.value(QStringLiteral("text")), options);
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

// GUI: the main window on the built-in teaching model. --screenshot saves the window once it has
// drawn its first trace and quits (used for the README and for checking the look under Xvfb).
int runGui(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("qkview"));
    QCoreApplication::setApplicationName(QStringLiteral("qkview"));
    QCoreApplication::setApplicationVersion(QStringLiteral(QKVIEW_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("qkview"));

    QCommandLineParser parser;
    const QCommandLineOption screenshot(QStringLiteral("screenshot"), QStringLiteral("Save the window to FILE and quit."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption theme(QStringLiteral("theme"), QStringLiteral("light or dark."), QStringLiteral("THEME"));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Window size WxH."), QStringLiteral("WxH"));
    const QCommandLineOption tab(QStringLiteral("tab"), QStringLiteral("Side tab to show: lines, values, math, vectors, help."),
                                 QStringLiteral("TAB"));
    parser.addOptions({screenshot, theme, size, tab});
    if (!parser.parse(QCoreApplication::arguments())) {
        printError(parser.errorText());
        return BadUsage;
    }
    const bool fresh = parser.isSet(screenshot); // screenshots show the defaults, not the user's last session
    qkview::ui::MainWindow window(std::make_shared<qkview::TeachingModel>(), !fresh);
    if (parser.isSet(theme)) window.setTheme(parser.value(theme) == u"dark" ? qkview::ui::Theme::Dark
                                                                            : qkview::ui::Theme::Light);
    if (parser.isSet(size)) {
        const QStringList wh = parser.value(size).split(u'x');
        if (wh.size() == 2) window.resize(wh[0].toInt(), wh[1].toInt());
    }
    if (parser.isSet(tab)) window.showSideTab(parser.value(tab));
    window.show();
    if (!parser.isSet(screenshot)) return app.exec();

    const QString path = parser.value(screenshot);
    QObject::connect(window.session(), &qkview::ui::Session::traceChanged, &app, [&] {
        QTimer::singleShot(200, &app, [&] { app.exit(window.grab().save(path) ? Success : RuntimeError); });
    });
    const int code = app.exec();
    if (code != Success) printError(QStringLiteral("could not write %1").arg(path));
    return code;
}

bool wantsHelpOrVersion(int argc, char* argv[]) {
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (a == "-h" || a == "--help" || a == "-v" || a == "--version" || a == "--help-all") return true;
    }
    return false;
}

int runTopLevel(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("qkview"));
    QCoreApplication::setApplicationVersion(QStringLiteral(QKVIEW_VERSION));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "qkview makes attention visible: queries, keys, scores, weights and values.\n\n"
        "Commands:\n  dump     print the attention trace (qkview dump --help)\n"
        "With no command, the desktop app opens."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("dump, or nothing for the GUI"));
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
        printError(QStringLiteral("unknown command '%1' (try --help)").arg(parser.positionalArguments().first()));
        return BadUsage;
    }
    return Success;
}

} // namespace

int main(int argc, char* argv[]) {
    const QByteArray command = argc >= 2 ? QByteArray(argv[1]) : QByteArray();
    if (command == "dump") {
        QCoreApplication app(argc, argv);
        QStringList args = QCoreApplication::arguments();
        args.removeAt(1);
        return runDump(args);
    }
    // Anything else that is not the plain GUI (help, version, unknown words) needs no display.
    if (wantsHelpOrVersion(argc, argv) || (!command.isEmpty() && !command.startsWith('-')))
        return runTopLevel(argc, argv);
    return runGui(argc, argv);
}
