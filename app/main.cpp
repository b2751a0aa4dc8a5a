// SPDX-License-Identifier: MIT
// qkview: no arguments opens the GUI; `dump` and `export` run headless.
#include "base/error.h"
#include "figures/figure_exporter.h"
#include "figures/figure_layout.h"
#include "models/model.h"
#include "models/builtin_models.h"
#include "export/trace_json.h"
#include "views/sentence_edit.h"
#include "window/main_window.h"
#include "window/theme.h"

#include <QCommandLineParser>
#include <QDir>
#include <QRegularExpression>
#include <QApplication>
#include <QFile>
#include <QIcon>
#include <QTextStream>
#include <QTimer>

#include <cstdio>
#include <optional>

namespace {

enum ExitCode { Success = 0, RuntimeError = 1, BadUsage = 2 };

const QString kModelHelp = QStringLiteral(
    "A model folder in Hugging Face's layout (GPT-2, Llama, Mistral, Qwen2, Qwen3, BERT, DistilBERT, RoBERTa), or a "
    "built-in model: teaching (the hand-designed default) or tiny (a small trained GPT-2). A path with '/' is "
    "always a folder.");

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

// Options that choose the model, the text and how attention is computed: shared by dump and export.
QList<QCommandLineOption> traceOptions() {
    return {
        {QStringLiteral("text"), QStringLiteral("The text to run through the model."), QStringLiteral("TEXT")},
        {QStringLiteral("model"), kModelHelp, QStringLiteral("DIR|NAME")},
        {QStringLiteral("no-scale"), QStringLiteral("Do not divide scores by sqrt(d_head).")},
        {QStringLiteral("temperature"), QStringLiteral("Divide scores by T (> 0, default 1)."), QStringLiteral("T"), QStringLiteral("1")},
        {QStringLiteral("causal"), QStringLiteral("Mask keys after each query.")},
    };
}

// The attention options the command line asks for; throws std::invalid_argument with a usage message.
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

// The model folder or built-in model given with --model, or the built-in teaching model. Throws qkview::Error.
std::unique_ptr<qkview::Model> chosenModel(const QCommandLineParser& parser) {
    return qkview::loadModel(parser.isSet(QStringLiteral("model")) ? parser.value(QStringLiteral("model"))
                                                                   : QStringLiteral("teaching"));
}

// The trace of text, cut at the model's context with a notice on stderr (as the GUI shows one).
qkview::TracePtr tracedText(const qkview::Model& model, const QString& text, const qkview::AttentionOptions& options) {
    int truncatedFrom = 0;
    qkview::TracePtr trace = qkview::traceText(model, text, options, &truncatedFrom);
    if (truncatedFrom > 0)
        printError(QStringLiteral("note: the text has %1 tokens; %2 reads at most %3, so only the first %3 are used")
                       .arg(truncatedFrom).arg(trace->config.name).arg(trace->tokenCount()));
    return trace;
}

int runDump(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Print the attention trace of a text as JSON or text."));
    parser.addHelpOption();
    parser.addOptions(traceOptions());
    parser.addOptions({
        {QStringLiteral("format"), QStringLiteral("json (default) or text."), QStringLiteral("FORMAT"), QStringLiteral("json")},
        {QStringLiteral("layer"), QStringLiteral("Only this layer (0-based)."), QStringLiteral("L")},
        {QStringLiteral("head"), QStringLiteral("Only this head (0-based)."), QStringLiteral("H")},
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

// A length with an optional unit (px, cm, mm, in) in inches; pixels go through dpi. nullopt when malformed.
std::optional<double> lengthInInches(const QString& text, int dpi) {
    static const QRegularExpression pattern(QStringLiteral("^\\s*([0-9]*\\.?[0-9]+)\\s*(px|cm|mm|in)?\\s*$"));
    const QRegularExpressionMatch m = pattern.match(text.toLower());
    if (!m.hasMatch()) return std::nullopt;
    const double value = m.captured(1).toDouble();
    const QString unit = m.captured(2);
    if (unit == u"cm") return value / 2.54;
    if (unit == u"mm") return value / 25.4;
    if (unit == u"in") return value;
    return value / dpi;
}

// A token given by index or by its text (exact, then ignoring case and spaces), "text#n" for its n-th
// occurrence (from 1). A text that occurs more than once without "#n" takes the first and says so on
// stderr. Throws a usage message.
int tokenOption(const QCommandLineParser& parser, const QString& name, const qkview::AttentionTrace& trace) {
    const QString value = parser.value(name);
    bool isNumber = false;
    const int index = value.toInt(&isNumber);
    if (isNumber) return index; // the figure checks the range and names it
    static const QRegularExpression occurrencePattern(QStringLiteral("^(.+)#([0-9]+)$"));
    const QRegularExpressionMatch occurrence = occurrencePattern.match(value);
    const QString text = occurrence.hasMatch() ? occurrence.captured(1) : value;
    const int wanted = occurrence.hasMatch() ? occurrence.captured(2).toInt() : 1;
    QStringList tokens;
    for (const qkview::Token& t : trace.tokens) tokens << t.text;
    for (int pass = 0; pass < 2; ++pass) {
        std::vector<int> found;
        for (int i = 0; i < trace.tokenCount(); ++i) {
            const QString& token = tokens[i];
            if (pass == 0 ? token == text : token.trimmed().compare(text.trimmed(), Qt::CaseInsensitive) == 0) found.push_back(i);
        }
        if (found.empty()) continue;
        if (wanted < 1 || wanted > static_cast<int>(found.size()))
            throw std::invalid_argument(QStringLiteral("--%1 '%2': '%3' occurs %4 time(s) in the text")
                                            .arg(name, value, text).arg(found.size()).toStdString());
        if (!occurrence.hasMatch() && found.size() > 1)
            printError(QStringLiteral("note: --%1 '%2' occurs %3 times; using the first (token %4). Write '%2#2' for the second.")
                           .arg(name, text).arg(found.size()).arg(found.front()));
        return found[static_cast<size_t>(wanted - 1)];
    }
    throw std::invalid_argument(QStringLiteral("--%1 '%2' is neither a token index nor a token of the text (%3)")
                                    .arg(name, value, tokens.join(QStringLiteral(", "))).toStdString());
}

// The text of --text, or of --text-file (a file, or '-' for standard input). Throws a usage or runtime message.
QString exportText(const QCommandLineParser& parser) {
    const bool hasText = parser.isSet(QStringLiteral("text")), hasFile = parser.isSet(QStringLiteral("text-file"));
    if (hasText && hasFile) throw std::invalid_argument("give --text or --text-file, not both");
    if (!hasFile) return parser.value(QStringLiteral("text"));
    const QString path = parser.value(QStringLiteral("text-file"));
    QFile file;
    const bool opened = path == u"-" ? file.open(stdin, QIODevice::ReadOnly) : (file.setFileName(path), file.open(QIODevice::ReadOnly));
    if (!opened) throw qkview::Error(qkview::Error::Kind::Io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()).toStdString());
    constexpr qint64 kMaxTextBytes = 64 * 1024 * 1024;
    const QByteArray bytes = file.read(kMaxTextBytes + 1);
    if (bytes.size() > kMaxTextBytes)
        throw std::invalid_argument(QStringLiteral("--text-file %1 is larger than 64 MB").arg(path).toStdString());
    QString text = QString::fromUtf8(bytes);
    if (text.endsWith(u'\n')) text.chop(1); // the newline every text file ends with is not part of the text
    return text;
}

// Figures without a display: the same composer and painters as the GUI's Export Figure dialog.
// The QApplication (Qt Charts draw through widgets) starts only once the arguments are known good.
int runExport(int& argc, char* argv[], const QStringList& arguments) {
    using namespace qkview::ui;
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Export a figure of the attention of a text as PNG, SVG or PDF.\n"
        "Example: qkview export --text \"The cat sat on the mat\" --view lesson -o lesson.pdf"));
    parser.addHelpOption();
    parser.addOptions(traceOptions());
    parser.addOptions({
        {QStringLiteral("view"), QStringLiteral("heatmap (default), lines, values, math, grid or lesson."), QStringLiteral("VIEW"),
         QStringLiteral("heatmap")},
        {QStringLiteral("layer"), QStringLiteral("Layer (0-based, default 0)."), QStringLiteral("L")},
        {QStringLiteral("head"), QStringLiteral("Head (0-based, default 0), or 'all' for one file per head in the folder -o."),
         QStringLiteral("H")},
        {QStringLiteral("what"), QStringLiteral("weights (default), scores or scaled_scores."), QStringLiteral("WHAT"),
         QStringLiteral("weights")},
        {QStringLiteral("query"), QStringLiteral("The query token, by index or text, 'the#2' for its second occurrence "
                                                 "(default: none; values, math and lesson take the query that attends most sharply)."),
         QStringLiteral("Q")},
        {QStringLiteral("key"), QStringLiteral("The key token, by index or text ('the#2' as for --query)."), QStringLiteral("K")},
        {QStringLiteral("format"), QStringLiteral("png, svg or pdf (default: from the suffix of -o)."), QStringLiteral("FORMAT")},
        {QStringLiteral("dpi"), QStringLiteral("Dots per inch, 72-600 (default 150): the PNG's resolution, and how pixel sizes become inches."),
         QStringLiteral("N"), QStringLiteral("150")},
        {QStringLiteral("width"), QStringLiteral("Width in px (default 1600), or with a unit: 16cm, 160mm, 6.5in."), QStringLiteral("W")},
        {QStringLiteral("height"), QStringLiteral("Height in px (default 900), or with a unit."), QStringLiteral("H")},
        {QStringLiteral("size"), QStringLiteral("'fit': choose the height (and, without --width, the width) from the content "
                                                "at the font size."), QStringLiteral("fit")},
        {QStringLiteral("font-size"), QStringLiteral("Type size in points, 5-72 (default: sized for the figure, 8 pt at 8.5 cm, "
                                                     "9 pt at 17 cm, 12 pt for a 1600 x 900 slide)."), QStringLiteral("PT")},
        {QStringLiteral("colormap"), QStringLiteral("viridis (default), cividis, magma, greys (white 0 to black 1) or blue-red "
                                                    "(for scores: blue negative, red positive); NAME_r reverses any of them."),
         QStringLiteral("NAME"), QStringLiteral("viridis")},
        {QStringLiteral("numbers"), QStringLiteral("Write the value in each heatmap cell (said on stderr when the cells are too small).")},
        {QStringLiteral("no-selection"), QStringLiteral("Do not outline or highlight the selected query, key or head.")},
        {QStringLiteral("grid-tokens"), QStringLiteral("With --view grid: the selected head's matrix with its token labels "
                                                       "beside the grid (below it on narrow pages).")},
        {QStringLiteral("text-file"), QStringLiteral("Read the text from FILE ('-' for standard input) instead of --text."),
         QStringLiteral("FILE")},
        {QStringLiteral("scale"), QStringLiteral("Heatmap colour scale: fixed (default), row (each row ÷ its maximum) or log."),
         QStringLiteral("SCALE"), QStringLiteral("fixed")},
        {QStringLiteral("title"), QStringLiteral("Title above the figure (default: names the head; \"\" for none)."), QStringLiteral("T")},
        {QStringLiteral("caption"), QStringLiteral("Caption below (default: names the model, text and options; \"\" for none)."),
         QStringLiteral("C")},
        {{QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("The file to write (a folder with --head all)."),
         QStringLiteral("PATH")},
    });
    if (!parser.parse(arguments)) {
        printError(parser.errorText());
        return BadUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) { // no application yet to name the program
        std::fputs(qPrintable(parser.helpText().replace(QStringLiteral("<executable_name>"), QStringLiteral("qkview export"))),
                   stdout);
        return Success;
    }
    const auto usage = [](const QString& message) {
        printError(message);
        return BadUsage;
    };
    if (!parser.positionalArguments().isEmpty())
        return usage(QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));
    if (!parser.isSet(QStringLiteral("text")) && !parser.isSet(QStringLiteral("text-file")))
        return usage(QStringLiteral("export needs --text TEXT or --text-file FILE"));
    if (!parser.isSet(QStringLiteral("output"))) return usage(QStringLiteral("export needs -o PATH"));
    const QString output = parser.value(QStringLiteral("output"));
    const bool allHeads = parser.value(QStringLiteral("head")) == u"all";

    FigureRequest request;
    const auto view = figureViewFromName(parser.value(QStringLiteral("view")));
    if (!view)
        return usage(QStringLiteral("unknown view '%1' (choose %2)")
                         .arg(parser.value(QStringLiteral("view")), figureViewNames().join(QStringLiteral(", "))));
    request.view = *view;
    request.gridTokens = parser.isSet(QStringLiteral("grid-tokens"));
    if (request.gridTokens && request.view != FigureView::Grid)
        return usage(QStringLiteral("--grid-tokens shows the selected head's tokens beside the grid: it needs --view grid, got '%1'")
                         .arg(figureViewName(request.view)));
    const QString what = parser.value(QStringLiteral("what"));
    if (what == u"weights") request.what = MatrixKind::Weights;
    else if (what == u"scores") request.what = MatrixKind::Scores;
    else if (what == u"scaled_scores") request.what = MatrixKind::ScaledScores;
    else return usage(QStringLiteral("--what must be weights, scores or scaled_scores, got '%1'").arg(what));
    const auto colormap = Colormap::fromName(parser.value(QStringLiteral("colormap")));
    if (!colormap)
        return usage(QStringLiteral("unknown colour map '%1' (choose %2)")
                         .arg(parser.value(QStringLiteral("colormap")), Colormap::names().join(QStringLiteral(", "))));
    request.colormap = *colormap;
    request.numbers = parser.isSet(QStringLiteral("numbers"));
    request.selection = !parser.isSet(QStringLiteral("no-selection"));
    if (parser.isSet(QStringLiteral("font-size"))) {
        bool ok = false;
        request.fontSize = parser.value(QStringLiteral("font-size")).toDouble(&ok);
        if (!ok || !(request.fontSize >= kMinFontPoints && request.fontSize <= kMaxFontPoints))
            return usage(QStringLiteral("--font-size takes points from %1 to %2, got '%3'")
                             .arg(kMinFontPoints).arg(kMaxFontPoints).arg(parser.value(QStringLiteral("font-size"))));
    }
    const bool fit = parser.isSet(QStringLiteral("size"));
    if (fit && parser.value(QStringLiteral("size")) != u"fit")
        return usage(QStringLiteral("--size takes 'fit', got '%1' (give --width and --height for a fixed size)")
                         .arg(parser.value(QStringLiteral("size"))));
    if (fit && parser.isSet(QStringLiteral("height"))) return usage(QStringLiteral("--size fit chooses the height: drop --height"));
    const auto scale = colorScaleFromName(parser.value(QStringLiteral("scale")));
    if (!scale)
        return usage(QStringLiteral("unknown colour scale '%1' (choose %2)")
                         .arg(parser.value(QStringLiteral("scale")), colorScaleNames().join(QStringLiteral(", "))));
    request.scale = *scale;
    if (parser.isSet(QStringLiteral("title"))) request.title = parser.value(QStringLiteral("title"));
    if (parser.isSet(QStringLiteral("caption"))) request.caption = parser.value(QStringLiteral("caption"));

    std::optional<FigureFormat> format = parser.isSet(QStringLiteral("format"))
                                             ? figureFormatFromName(parser.value(QStringLiteral("format")))
                                             : (allHeads ? std::nullopt : figureFormatFromPath(output));
    if (!format) {
        if (parser.isSet(QStringLiteral("format")))
            return usage(QStringLiteral("--format must be png, svg or pdf, got '%1'").arg(parser.value(QStringLiteral("format"))));
        return usage(QStringLiteral("cannot tell the format from '%1': add --format png|svg|pdf").arg(output));
    }
    bool ok = false;
    const int dpi = parser.value(QStringLiteral("dpi")).toInt(&ok);
    if (!ok || dpi < kMinDpi || dpi > kMaxDpi)
        return usage(QStringLiteral("--dpi must be a whole number from %1 to %2, got '%3'")
                         .arg(kMinDpi).arg(kMaxDpi).arg(parser.value(QStringLiteral("dpi"))));
    const auto width = lengthInInches(parser.value(QStringLiteral("width")), dpi);
    const auto height = lengthInInches(parser.value(QStringLiteral("height")), dpi);
    const bool hasWidth = parser.isSet(QStringLiteral("width")), hasHeight = parser.isSet(QStringLiteral("height"));
    if ((hasWidth && !width) || (hasHeight && !height))
        return usage(QStringLiteral("--width and --height take a length such as 1600, 1600px, 16cm or 6.5in"));
    // A missing side keeps the 16:9 of slides.
    const double w = hasWidth ? *width : (hasHeight ? *height * 16 / 9 : 1600.0 / dpi);
    const double h = hasHeight ? *height : w * 9 / 16;
    FigureSize size = FigureSize::from(QSizeF(w, h), SizeUnit::Inches, dpi);

    try {
        const qkview::AttentionOptions options = attentionOptions(parser);
        checkFigureSize(size);
        QApplication app(argc, argv);
        request.layer = intOption(parser, QStringLiteral("layer")).value_or(0);
        if (!allHeads) request.head = intOption(parser, QStringLiteral("head")).value_or(0);
        const qkview::TracePtr trace = tracedText(*chosenModel(parser), exportText(parser), options);
        if (parser.isSet(QStringLiteral("query"))) request.query = tokenOption(parser, QStringLiteral("query"), *trace);
        if (parser.isSet(QStringLiteral("key"))) request.key = tokenOption(parser, QStringLiteral("key"), *trace);
        request.size = size.units();
        if (fit) {
            // The font follows the width asked for (or the default), the height follows the content.
            if (request.fontSize <= 0) request.fontSize = autoFontSize(hasWidth ? size.units() : QSizeF()); // paper size without a width
            const QSizeF units = fittedFigureSize(request, *trace, hasWidth ? std::optional(size.units().width()) : std::nullopt);
            size = FigureSize::from(units / kFigureUnitsPerInch, SizeUnit::Inches, dpi);
            checkFigureSize(size);
        }

        // Every figure is checked before the first file is touched.
        std::vector<std::pair<FigureRequest, QString>> jobs;
        if (!allHeads) {
            jobs.emplace_back(request, output);
        } else {
            const bool oneLayer = parser.isSet(QStringLiteral("layer"));
            for (int l = oneLayer ? request.layer : 0; l < (oneLayer ? request.layer + 1 : trace->config.layers); ++l)
                for (int hd = 0; hd < trace->config.heads; ++hd) {
                    FigureRequest r = request;
                    r.layer = l;
                    r.head = hd;
                    jobs.emplace_back(r, QDir(output).filePath(
                                             QStringLiteral("layer%1_head%2.%3").arg(l).arg(hd).arg(figureFormatName(*format))));
                }
        }
        for (auto& [r, path] : jobs) {
            r.size = size.units();
            checkFigureRequest(r, *trace);
        }
        if (allHeads && !QDir().mkpath(output)) {
            printError(QStringLiteral("cannot create the folder %1").arg(output));
            return RuntimeError;
        }
        for (const auto& [r, path] : jobs) {
            QStringList warnings;
            FigureExporter(trace, r).save(path, *format, size, &warnings);
            for (const QString& w : warnings) printError(QStringLiteral("note: %1: %2").arg(QDir::toNativeSeparators(path), w));
            std::printf("%s\n", qPrintable(QDir::toNativeSeparators(path)));
        }
        return Success;
    } catch (const qkview::Error& e) {
        printError(QString::fromStdString(e.what()));
        return e.kind() == qkview::Error::Kind::InvalidArgument ? BadUsage : RuntimeError;
    } catch (const std::invalid_argument& e) {
        printError(QString::fromStdString(e.what()));
        return BadUsage;
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
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/qkview/icons/qkview.svg")));

    QCommandLineParser parser;
    const QCommandLineOption screenshot(QStringLiteral("screenshot"), QStringLiteral("Save the window to FILE and quit."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption theme(QStringLiteral("theme"), QStringLiteral("light or dark."), QStringLiteral("THEME"));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Window size WxH."), QStringLiteral("WxH"));
    const QCommandLineOption tab(QStringLiteral("tab"),
                                 QStringLiteral("Side tab to show: lines, values, math, vectors, heads, next, help."),
                                 QStringLiteral("TAB"));
    const QCommandLineOption model(QStringLiteral("model"), kModelHelp, QStringLiteral("DIR|NAME"));
    const QCommandLineOption text(QStringLiteral("text"), QStringLiteral("Start with this text."), QStringLiteral("TEXT"));
    parser.addOptions({screenshot, theme, size, tab, model, text});
    if (!parser.parse(QCoreApplication::arguments())) {
        printError(parser.errorText());
        return BadUsage;
    }
    if (parser.isSet(theme) && parser.value(theme) != u"light" && parser.value(theme) != u"dark") {
        printError(QStringLiteral("--theme must be light or dark, got '%1'").arg(parser.value(theme)));
        return BadUsage;
    }
    QSize windowSize;
    if (parser.isSet(size)) {
        const QStringList wh = parser.value(size).split(u'x');
        if (wh.size() == 2) windowSize = QSize(wh[0].toInt(), wh[1].toInt());
        if (windowSize.width() < 200 || windowSize.height() < 150 || windowSize.width() > 16384 || windowSize.height() > 16384) {
            printError(QStringLiteral("--size must be WIDTHxHEIGHT in pixels (200x150 to 16384x16384), got '%1'").arg(parser.value(size)));
            return BadUsage;
        }
    }
    std::shared_ptr<qkview::Model> startModel;
    try {
        startModel = qkview::loadModel(parser.isSet(model) ? parser.value(model) : QStringLiteral("teaching"));
    } catch (const qkview::Error& e) {
        printError(QString::fromStdString(e.what()));
        return RuntimeError;
    }
    const bool fresh = parser.isSet(screenshot); // screenshots show the defaults, not the user's last session
    qkview::ui::MainWindow window(startModel, !fresh);
    if (parser.isSet(theme)) window.setTheme(parser.value(theme) == u"dark" ? qkview::ui::Theme::Dark
                                                                            : qkview::ui::Theme::Light);
    if (windowSize.isValid()) window.resize(windowSize);
    if (parser.isSet(tab) && !window.showSideTab(parser.value(tab))) {
        printError(QStringLiteral("--tab must be one of lines, values, math, vectors, heads, next, help; got '%1'")
                       .arg(parser.value(tab)));
        return BadUsage;
    }
    if (parser.isSet(text)) window.sentenceEdit()->setPlainText(parser.value(text));
    window.show();
    if (!parser.isSet(screenshot)) return app.exec();

    const QString path = parser.value(screenshot);
    // Once the trace of the text shown has arrived (not an earlier one still on its way).
    QObject::connect(window.session(), &qkview::ui::Session::traceChanged, &app, [&] {
        const qkview::TracePtr& trace = window.session()->trace();
        if (trace && trace->text != window.session()->text()) return;
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
        "  export   write a figure as PNG, SVG or PDF (qkview export --help)\n"
        "With no command, the desktop app opens."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("dump, export, or nothing for the GUI"));
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
    if (command == "export") {
        // Export paints with widgets (Qt Charts) but never needs a display.
        if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
        QStringList args;
        for (int i = 0; i < argc; ++i)
            if (i != 1) args << QString::fromLocal8Bit(argv[i]);
        return runExport(argc, argv, args);
    }
    // Anything else that is not the plain GUI (help, version, unknown words) needs no display.
    if (wantsHelpOrVersion(argc, argv) || (!command.isEmpty() && !command.startsWith('-')))
        return runTopLevel(argc, argv);
    return runGui(argc, argv);
}
