// SPDX-License-Identifier: MIT
// qkview export: figures without a display, from the same composer and painters as the GUI's Export Figure dialog.
#include "cli_support.h"
#include "commands.h"

#include "base/error.h"
#include "figures/figure_exporter.h"
#include "figures/figure_layout.h"
#include "lessons/lesson.h"
#include "models/builtin_models.h"
#include "session/lesson_state.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QRegularExpression>

#include <cstdio>

namespace qkview::cli {

namespace {

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

// The model a lesson names; throws Error saying it is the lesson's.
std::unique_ptr<Model> lessonModel(const Lesson& lesson) {
    try {
        return loadModel(lesson.model);
    } catch (const Error& e) {
        throw Error(e.kind(), QStringLiteral("the lesson's model %1 does not open: %2").arg(lesson.model, QString::fromStdString(e.what())).toStdString());
    }
}

} // namespace

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
        {QStringLiteral("view"), QStringLiteral("heatmap (default), lines, values, math, grid, lesson, scatter (the head's queries and keys as "
                                               "points on their first two principal axes) or compare (with --compare)."),
         QStringLiteral("VIEW"),
         QStringLiteral("heatmap")},
        {QStringLiteral("layer"), QStringLiteral("Layer (0-based, default 0)."), QStringLiteral("L")},
        {QStringLiteral("head"), QStringLiteral("Head (0-based, default 0), or 'all' for one file per head in the folder -o."),
         QStringLiteral("H")},
        {QStringLiteral("what"), QStringLiteral("weights (default), scores, scaled_scores, value_norms (each weight × ‖v_j W_O‖: what the head "
                                               "really moves) or rollout (attention rollout up to --layer)."), QStringLiteral("WHAT"),
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
        {QStringLiteral("compare"), QStringLiteral("Compare with a second text (for example a minimal pair): both through the same "
                                                   "head side by side, and B - A where their tokens align. Implies --view compare."),
         QStringLiteral("TEXT")},
        {QStringLiteral("head-types"), QStringLiteral("With --view grid: frame each head in the colour of its measured type on "
                                                      "this text (previous token, first token, self, induction), with a legend.")},
        {QStringLiteral("text-file"), QStringLiteral("Read the text from FILE ('-' for standard input) instead of --text."),
         QStringLiteral("FILE")},
        {QStringLiteral("scale"), QStringLiteral("Heatmap colour scale: fixed (default), row (each row ÷ its maximum) or log."),
         QStringLiteral("SCALE"), QStringLiteral("fixed")},
        {QStringLiteral("title"), QStringLiteral("Title above the figure (default: names the head; \"\" for none)."), QStringLiteral("T")},
        {QStringLiteral("caption"), QStringLiteral("Caption below (default: names the model, text and options; \"\" for none)."),
         QStringLiteral("C")},
        {QStringLiteral("lesson"), QStringLiteral("Take the model, text, options, head, selection, matrix, colour map, scale and "
                                                  "numbers from a .qkview lesson (options given here still apply)."),
         QStringLiteral("FILE")},
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
    std::optional<Lesson> lesson;
    if (parser.isSet(QStringLiteral("lesson"))) {
        for (const QString& clash : {QStringLiteral("text"), QStringLiteral("text-file"), QStringLiteral("model"),
                                     QStringLiteral("no-scale"), QStringLiteral("causal"), QStringLiteral("temperature")})
            if (parser.isSet(clash)) return usage(QStringLiteral("--lesson gives the model, text and options: drop --%1").arg(clash));
        try {
            lesson = readLessonFile(parser.value(QStringLiteral("lesson")));
            lessonState(*lesson); // names this qkview knows
        } catch (const Error& e) {
            printError(QString::fromStdString(e.what()));
            return RuntimeError;
        }
    } else if (!parser.isSet(QStringLiteral("text")) && !parser.isSet(QStringLiteral("text-file"))) {
        return usage(QStringLiteral("export needs --text TEXT, --text-file FILE or --lesson FILE"));
    }
    // An option given on the command line, else the lesson's, else the option's default.
    const auto chosen = [&](const QString& name, const QString& fromLesson) {
        return lesson && !parser.isSet(name) ? fromLesson : parser.value(name);
    };
    if (!parser.isSet(QStringLiteral("output"))) return usage(QStringLiteral("export needs -o PATH"));
    const QString output = parser.value(QStringLiteral("output"));
    const bool allHeads = parser.value(QStringLiteral("head")) == u"all";

    FigureRequest request;
    const auto view = figureViewFromName(parser.value(QStringLiteral("view")));
    if (!view)
        return usage(QStringLiteral("unknown view '%1' (choose %2)")
                         .arg(parser.value(QStringLiteral("view")), figureViewNames().join(QStringLiteral(", "))));
    request.view = *view;
    // The second text: --compare's, else (with --view compare) the lesson's.
    const QString compareText = parser.isSet(QStringLiteral("compare")) ? parser.value(QStringLiteral("compare"))
                                                                        : (lesson ? lesson->compare : QString());
    const bool compare = parser.isSet(QStringLiteral("compare")) || (request.view == FigureView::Compare && !compareText.isEmpty());
    if (compare && parser.isSet(QStringLiteral("view")) && request.view != FigureView::Compare)
        return usage(QStringLiteral("--compare draws the compare view: drop --view %1").arg(figureViewName(request.view)));
    if (compare) request.view = FigureView::Compare;
    if (request.view == FigureView::Compare && !compare)
        return usage(QStringLiteral("--view compare needs --compare \"SECOND TEXT\" (or a lesson with a second text)"));
    if (compare && allHeads) return usage(QStringLiteral("--compare draws one head: give --head N, not all"));
    request.gridTokens = parser.isSet(QStringLiteral("grid-tokens"));
    if (request.gridTokens && request.view != FigureView::Grid)
        return usage(QStringLiteral("--grid-tokens shows the selected head's tokens beside the grid: it needs --view grid, got '%1'")
                         .arg(figureViewName(request.view)));
    request.headTypes = parser.isSet(QStringLiteral("head-types"));
    if (request.headTypes && request.view != FigureView::Grid)
        return usage(QStringLiteral("--head-types colours the head grid: it needs --view grid, got '%1'").arg(figureViewName(request.view)));
    const QString what = chosen(QStringLiteral("what"), lesson ? lesson->what : QString());
    const auto kind = matrixKindFromName(what);
    if (!kind) return usage(QStringLiteral("--what must be weights, scores, scaled_scores, value_norms or rollout, got '%1'").arg(what));
    request.what = *kind;
    const QString colormapName = chosen(QStringLiteral("colormap"), lesson ? lesson->colormap : QString());
    const auto colormap = Colormap::fromName(colormapName);
    if (!colormap)
        return usage(QStringLiteral("unknown colour map '%1' (choose %2)").arg(colormapName, Colormap::names().join(QStringLiteral(", "))));
    request.colormap = *colormap;
    request.numbers = parser.isSet(QStringLiteral("numbers")) || (lesson && lesson->numbers);
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
    const QString scaleName = chosen(QStringLiteral("scale"), lesson ? lesson->colorScale : QString());
    const auto scale = colorScaleFromName(scaleName);
    if (!scale)
        return usage(QStringLiteral("unknown colour scale '%1' (choose %2)").arg(scaleName, colorScaleNames().join(QStringLiteral(", "))));
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
        const qkview::AttentionOptions options = lesson ? lesson->options : attentionOptions(parser);
        checkFigureSize(size);
        QApplication app(argc, argv);
        request.layer = intOption(parser, QStringLiteral("layer")).value_or(lesson ? lesson->layer : 0);
        if (!allHeads) request.head = intOption(parser, QStringLiteral("head")).value_or(lesson ? lesson->head : 0);
        const std::unique_ptr<Model> model = lesson ? lessonModel(*lesson) : chosenModel(parser);
        const qkview::TracePtr trace = tracedText(*model, lesson ? lesson->text : exportText(parser), options);
        if (compare) request.compareWith = tracedText(*model, compareText, options);
        if (parser.isSet(QStringLiteral("query"))) request.query = tokenOption(parser, QStringLiteral("query"), *trace);
        else if (lesson && lesson->query >= 0) request.query = lesson->query;
        if (parser.isSet(QStringLiteral("key"))) request.key = tokenOption(parser, QStringLiteral("key"), *trace);
        else if (lesson && lesson->key >= 0) request.key = lesson->key;
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

} // namespace qkview::cli
