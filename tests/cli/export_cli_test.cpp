// SPDX-License-Identifier: MIT
// `qkview export` run as a user would: every format, --head all, and errors that leave no file behind.
#include "cli_runner.h"
#include "pdf_info.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSize>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtEndian>

#include <gtest/gtest.h>

#include <csignal>
#include <sys/resource.h>

using qkview::test::runQkview;

namespace {
const QString kText = QStringLiteral("The cat sat on the mat");

QStringList exportArgs(const QString& path, const QStringList& more = {}) {
    return QStringList{QStringLiteral("export"), QStringLiteral("--text"), kText, QStringLiteral("-o"), path} + more;
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Width and height from the PNG's IHDR chunk (bytes 16–23, big-endian).
QSize pngSize(const QByteArray& png) {
    if (png.size() < 24 || !png.startsWith("\x89PNG\r\n\x1a\n")) return {};
    return {static_cast<int>(qFromBigEndian<quint32>(png.constData() + 16)),
            static_cast<int>(qFromBigEndian<quint32>(png.constData() + 20))};
}

QStringList svgTexts(const QByteArray& svg, bool* wellFormed) {
    QStringList texts;
    QXmlStreamReader xml(svg);
    while (!xml.atEnd())
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == u"text")
            texts << xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed();
    *wellFormed = !xml.hasError();
    return texts;
}

QStringList stderrLines(const QByteArray& err) {
    QStringList lines;
    for (const QString& l : QString::fromUtf8(err).split(u'\n', Qt::SkipEmptyParts))
        if (!l.startsWith(QStringLiteral("QStandardPaths:"))) lines << l; // Qt's note about XDG_RUNTIME_DIR in bare sandboxes
    return lines;
}
} // namespace

TEST(ExportCli, PngHasTheRequestedPixelSize) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("heatmap.png"));
    const auto r = runQkview(exportArgs(path, {QStringLiteral("--width"), QStringLiteral("1200"), QStringLiteral("--height"),
                                               QStringLiteral("675"), QStringLiteral("--dpi"), QStringLiteral("300"),
                                               QStringLiteral("--head"), QStringLiteral("2")}));
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_EQ(pngSize(readAll(path)), QSize(1200, 675));
    EXPECT_TRUE(r.out.contains("heatmap.png")) << "prints what it wrote";
}

TEST(ExportCli, SvgHasTheTokensAsText) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("lesson.svg"));
    const auto r = runQkview(exportArgs(path, {QStringLiteral("--view"), QStringLiteral("lesson"), QStringLiteral("--head"),
                                               QStringLiteral("2"), QStringLiteral("--query"), QStringLiteral("sat"),
                                               QStringLiteral("--title"), QStringLiteral("Who does sat look at?")}));
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    bool wellFormed = false;
    const QStringList texts = svgTexts(readAll(path), &wellFormed);
    EXPECT_TRUE(wellFormed);
    for (const QString& token : kText.split(u' ')) EXPECT_TRUE(texts.contains(token)) << token.toStdString();
    EXPECT_TRUE(texts.contains(QStringLiteral("Who does sat look at?")));
}

TEST(ExportCli, PdfIsOnePageOfTheRequestedSize) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("grid.pdf"));
    const auto r = runQkview(exportArgs(path, {QStringLiteral("--view"), QStringLiteral("grid"), QStringLiteral("--width"),
                                               QStringLiteral("20cm"), QStringLiteral("--height"), QStringLiteral("4in")}));
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    ASSERT_TRUE(readAll(path).startsWith("%PDF"));
    const auto info = qkview::test::pdfInfo(path);
    if (!info) GTEST_SKIP() << "pdfinfo (poppler-utils) is not installed: page count and size not checked";
    EXPECT_EQ(info->pages, 1) << info->raw.toStdString();
    EXPECT_NEAR(info->widthPt, 20 / 2.54 * 72, 1.0);
    EXPECT_NEAR(info->heightPt, 4 * 72, 1.0);
}

TEST(ExportCli, HeadAllWritesOneFilePerHeadIntoANewFolder) {
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("heads/svg"));
    const auto r = runQkview(exportArgs(folder, {QStringLiteral("--head"), QStringLiteral("all"), QStringLiteral("--format"),
                                                 QStringLiteral("svg")}));
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    QStringList expected;
    for (int l = 0; l < 2; ++l)
        for (int h = 0; h < 4; ++h) expected << QStringLiteral("layer%1_head%2.svg").arg(l).arg(h);
    expected.sort();
    EXPECT_EQ(QDir(folder).entryList(QDir::Files, QDir::Name), expected);
    const auto one = runQkview(exportArgs(dir.filePath(QStringLiteral("layer1")),
                                          {QStringLiteral("--head"), QStringLiteral("all"), QStringLiteral("--layer"),
                                           QStringLiteral("1"), QStringLiteral("--format"), QStringLiteral("png")}));
    ASSERT_EQ(one.exitCode, 0) << one.err.toStdString();
    EXPECT_EQ(QDir(dir.filePath(QStringLiteral("layer1"))).entryList(QDir::Files).size(), 4);
}

TEST(ExportCli, BadUsageExitsTwoWithOneLineAndNoFile) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("x.png"));
    const struct {
        QStringList args;
        const char* message;
    } cases[] = {
        {exportArgs(path, {QStringLiteral("--view"), QStringLiteral("pie")}), "unknown view 'pie'"},
        {exportArgs(path, {QStringLiteral("--dpi"), QStringLiteral("1000")}), "--dpi"},
        {exportArgs(path, {QStringLiteral("--colormap"), QStringLiteral("jet")}), "unknown colour map"},
        {exportArgs(path, {QStringLiteral("--width"), QStringLiteral("wide")}), "--width"},
        {exportArgs(dir.filePath(QStringLiteral("x.gif"))), "cannot tell the format"},
        {{QStringLiteral("export"), QStringLiteral("--text"), kText}, "-o PATH"},
    };
    for (const auto& c : cases) {
        const auto r = runQkview(c.args);
        EXPECT_EQ(r.exitCode, 2) << c.message;
        const QStringList lines = stderrLines(r.err);
        ASSERT_EQ(lines.size(), 1) << r.err.toStdString();
        EXPECT_TRUE(lines.first().contains(QLatin1String(c.message))) << lines.first().toStdString();
    }
    EXPECT_TRUE(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty());
}

TEST(ExportCli, OutOfRangeHeadsAndTokensLeaveNoFile) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("x.svg"));
    for (const QStringList& more : {QStringList{QStringLiteral("--head"), QStringLiteral("4")},
                                    QStringList{QStringLiteral("--layer"), QStringLiteral("2")},
                                    QStringList{QStringLiteral("--query"), QStringLiteral("6")},
                                    QStringList{QStringLiteral("--query"), QStringLiteral("dog")},
                                    QStringList{QStringLiteral("--head"), QStringLiteral("all"), QStringLiteral("--layer"),
                                                QStringLiteral("5"), QStringLiteral("--format"), QStringLiteral("svg")}}) {
        const auto r = runQkview(exportArgs(path, more));
        EXPECT_EQ(r.exitCode, 2) << more.join(u' ').toStdString();
        EXPECT_FALSE(stderrLines(r.err).isEmpty());
        EXPECT_TRUE(r.err.contains("range") || r.err.contains("token")) << r.err.toStdString();
    }
    EXPECT_TRUE(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty());
}

TEST(ExportCli, UnwritablePathsExitOneAndWriteNothing) {
    QTemporaryDir dir;
    const auto missing = runQkview(exportArgs(dir.filePath(QStringLiteral("no/such/folder/x.pdf"))));
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_TRUE(missing.err.contains("does not exist")) << missing.err.toStdString();
    const auto folder = runQkview(exportArgs(dir.path() + QStringLiteral("/"), {QStringLiteral("--format"), QStringLiteral("png")}));
    EXPECT_EQ(folder.exitCode, 1);
    EXPECT_TRUE(folder.err.contains("is a folder")) << folder.err.toStdString();
    EXPECT_TRUE(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty());
}

// A full disk, simulated with a file size limit in the child: the old file survives, exit code 1.
TEST(ExportCli, AFullDiskLeavesTheExistingFileUntouched) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("figure.png"));
    {
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write("old figure");
    }
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(env);
    process.setChildProcessModifier([] {
        rlimit limit{};
        getrlimit(RLIMIT_FSIZE, &limit);
        limit.rlim_cur = 4096;
        setrlimit(RLIMIT_FSIZE, &limit);
        signal(SIGXFSZ, SIG_IGN);
    });
    process.start(QStringLiteral(QKVIEW_BINARY), exportArgs(path));
    ASSERT_TRUE(process.waitForFinished(60000));
    EXPECT_EQ(process.exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(process.exitCode(), 1) << process.readAllStandardError().toStdString();
    EXPECT_EQ(readAll(path), QByteArray("old figure"));
    EXPECT_EQ(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("figure.png")}) << "no temporary file left";
}

TEST(ExportCli, HelpListsExport) {
    const auto top = runQkview({QStringLiteral("--help")});
    EXPECT_TRUE(top.out.contains("export")) << top.out.toStdString();
    const auto help = runQkview({QStringLiteral("export"), QStringLiteral("--help")});
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_TRUE(help.out.contains("--colormap"));
    EXPECT_TRUE(help.out.contains("qkview export"));
}

TEST(ExportCli, ColourScaleIsChosenByNameAndNamedInTheCaption) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("log.svg"));
    const auto r = runQkview(exportArgs(path, {QStringLiteral("--scale"), QStringLiteral("log")}));
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    bool wellFormed = false;
    EXPECT_TRUE(svgTexts(readAll(path), &wellFormed).join(u' ').contains(QStringLiteral("log scale")))
        << "the default caption names the scale (it may wrap between the words)";
    const auto bad = runQkview(exportArgs(dir.filePath(QStringLiteral("bad.svg")), {QStringLiteral("--scale"), QStringLiteral("loud")}));
    EXPECT_EQ(bad.exitCode, 2);
    EXPECT_TRUE(bad.err.contains("fixed, row, log")) << bad.err.toStdString();
    EXPECT_FALSE(QFile::exists(dir.filePath(QStringLiteral("bad.svg"))));
}

TEST(ExportCli, NumbersThatDoNotFitAreReportedWithExitZero) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("small.png"));
    QStringList many;
    for (int i = 0; i < 60; ++i) many << QStringLiteral("cat");
    const auto r = runQkview({QStringLiteral("export"), QStringLiteral("--text"), many.join(u' '), QStringLiteral("--numbers"),
                              QStringLiteral("--width"), QStringLiteral("8.5cm"), QStringLiteral("--height"), QStringLiteral("7cm"),
                              QStringLiteral("-o"), path});
    EXPECT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_TRUE(QFile::exists(path));
    EXPECT_TRUE(r.err.contains("--numbers")) << "said on stderr, not dropped silently: " << r.err.toStdString();
    const auto fits = runQkview(exportArgs(dir.filePath(QStringLiteral("fits.png")),
                                           {QStringLiteral("--numbers"), QStringLiteral("--width"), QStringLiteral("8.5cm"),
                                            QStringLiteral("--height"), QStringLiteral("7cm")}));
    EXPECT_EQ(fits.exitCode, 0);
    EXPECT_FALSE(fits.err.contains("--numbers")) << fits.err.toStdString();
}

TEST(ExportCli, LessonReportsNumbersThatDoNotFitLikeTheHeatmap) {
    QTemporaryDir dir;
    const QStringList column{QStringLiteral("--view"), QStringLiteral("lesson"), QStringLiteral("--numbers"),
                             QStringLiteral("--width"), QStringLiteral("8.5cm"), QStringLiteral("--height"), QStringLiteral("7cm")};
    const auto small = runQkview(exportArgs(dir.filePath(QStringLiteral("small.png")), column));
    EXPECT_EQ(small.exitCode, 0) << small.err.toStdString();
    EXPECT_TRUE(QFile::exists(dir.filePath(QStringLiteral("small.png"))));
    EXPECT_TRUE(small.err.contains("--numbers")) << small.err.toStdString();
    const auto slide = runQkview(exportArgs(dir.filePath(QStringLiteral("slide.png")),
                                            {QStringLiteral("--view"), QStringLiteral("lesson"), QStringLiteral("--numbers")}));
    EXPECT_EQ(slide.exitCode, 0);
    EXPECT_FALSE(slide.err.contains("--numbers")) << "a slide has room for them: " << slide.err.toStdString();
}

TEST(ExportCli, RepeatedTokensTakeTheFirstAndSaySoOrTheNthWithHash) {
    QTemporaryDir dir;
    const auto run = [&](const QString& query, const QString& name) {
        return runQkview({QStringLiteral("export"), QStringLiteral("--text"), QStringLiteral("the cat saw the dog"),
                          QStringLiteral("--query"), query, QStringLiteral("-o"), dir.filePath(name)});
    };
    const auto first = run(QStringLiteral("the"), QStringLiteral("a.svg"));
    EXPECT_EQ(first.exitCode, 0) << first.err.toStdString();
    EXPECT_TRUE(first.err.contains("occurs 2 times")) << first.err.toStdString();
    const auto second = run(QStringLiteral("the#2"), QStringLiteral("b.svg"));
    EXPECT_EQ(second.exitCode, 0) << second.err.toStdString();
    EXPECT_TRUE(stderrLines(second.err).isEmpty()) << second.err.toStdString();
    EXPECT_EQ(run(QStringLiteral("the#3"), QStringLiteral("c.svg")).exitCode, 2);
    EXPECT_FALSE(QFile::exists(dir.filePath(QStringLiteral("c.svg"))));
}

TEST(ExportCli, TextFileReadsTextsTooLongForACommandLine) {
    QTemporaryDir dir;
    QFile text(dir.filePath(QStringLiteral("text.txt")));
    ASSERT_TRUE(text.open(QIODevice::WriteOnly));
    text.write("The cat sat on the mat\n");
    text.close();
    const QString path = dir.filePath(QStringLiteral("t.svg"));
    const auto r = runQkview({QStringLiteral("export"), QStringLiteral("--text-file"), text.fileName(), QStringLiteral("-o"), path});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    bool wellFormed = false;
    EXPECT_TRUE(svgTexts(readAll(path), &wellFormed).contains(QStringLiteral("mat")));
    const auto missing = runQkview({QStringLiteral("export"), QStringLiteral("--text-file"), dir.filePath(QStringLiteral("none.txt")),
                                    QStringLiteral("-o"), dir.filePath(QStringLiteral("n.svg"))});
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_FALSE(QFile::exists(dir.filePath(QStringLiteral("n.svg"))));
}

// Bytes that are not UTF-8, NUL and other control characters in the text: replaced or kept as characters,
// and the SVG stays well-formed XML (XML 1.0 allows no control characters but tab and line ends).
TEST(ExportCli, InvalidUtf8AndControlCharactersGiveAWellFormedFigure) {
    QTemporaryDir dir;
    QFile text(dir.filePath(QStringLiteral("bad.txt")));
    ASSERT_TRUE(text.open(QIODevice::WriteOnly));
    text.write(QByteArray("bad \xff\xfe bytes \x00 nul \x01\x1b[31m red \xed\xa0\x80 half ok", 41));
    text.close();
    for (const char* format : {"svg", "png", "pdf"}) {
        SCOPED_TRACE(format);
        const QString path = dir.filePath(QStringLiteral("f.") + QLatin1StringView(format));
        const auto r = runQkview({QStringLiteral("export"), QStringLiteral("--text-file"), text.fileName(), QStringLiteral("-o"), path});
        ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
        EXPECT_GT(readAll(path).size(), 1000);
        if (QLatin1StringView(format) == QLatin1StringView("svg")) {
            bool wellFormed = false;
            const QStringList labels = svgTexts(readAll(path), &wellFormed);
            EXPECT_TRUE(wellFormed);
            EXPECT_TRUE(labels.contains(QStringLiteral("bytes"))) << labels.join(u' ').toStdString();
            EXPECT_TRUE(labels.contains(QStringLiteral("ok")));
        }
    }
}

TEST(ExportCli, SizeFitAndFontSizeAreChecked) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("fit.png"));
    const auto r = runQkview(exportArgs(path, {QStringLiteral("--width"), QStringLiteral("8.5cm"), QStringLiteral("--size"),
                                               QStringLiteral("fit"), QStringLiteral("--dpi"), QStringLiteral("300")}));
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QSize px = pngSize(readAll(path));
    EXPECT_EQ(px.width(), qRound(8.5 / 2.54 * 300));
    EXPECT_GT(px.height(), px.width() / 2) << "a heatmap is about square";
    EXPECT_LT(px.height(), px.width() * 2);
    for (const QStringList& bad : {QStringList{QStringLiteral("--font-size"), QStringLiteral("3")},
                                   QStringList{QStringLiteral("--size"), QStringLiteral("big")},
                                   QStringList{QStringLiteral("--size"), QStringLiteral("fit"), QStringLiteral("--height"), QStringLiteral("5cm")}}) {
        const QString badPath = dir.filePath(QStringLiteral("bad.png"));
        EXPECT_EQ(runQkview(exportArgs(badPath, bad)).exitCode, 2) << bad.join(u' ').toStdString();
        EXPECT_FALSE(QFile::exists(badPath));
    }
}

TEST(ExportCli, GridTokensOnlyWithTheGridView) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("x.svg"));
    for (const QString& view : {QStringLiteral("heatmap"), QStringLiteral("lesson")}) {
        const auto r = runQkview(exportArgs(path, {QStringLiteral("--view"), view, QStringLiteral("--grid-tokens")}));
        EXPECT_EQ(r.exitCode, 2) << view.toStdString();
        const QStringList lines = stderrLines(r.err);
        ASSERT_EQ(lines.size(), 1) << r.err.toStdString();
        EXPECT_TRUE(lines.first().contains(QStringLiteral("--grid-tokens")) && lines.first().contains(QStringLiteral("--view grid")))
            << lines.first().toStdString();
    }
    EXPECT_TRUE(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty()) << "no file written";
    const auto r = runQkview(exportArgs(path, {QStringLiteral("--view"), QStringLiteral("grid"), QStringLiteral("--grid-tokens"),
                                               QStringLiteral("--width"), QStringLiteral("17cm"), QStringLiteral("--height"),
                                               QStringLiteral("10cm")}));
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    bool wellFormed = false;
    const QStringList texts = svgTexts(readAll(path), &wellFormed);
    EXPECT_TRUE(wellFormed);
    for (const QString& token : kText.split(u' ')) EXPECT_TRUE(texts.contains(token)) << token.toStdString();
}

namespace {

// PNG ends with the IEND chunk: a file that has it was written to the end.
bool isWholePng(const QByteArray& png) { return pngSize(png).isValid() && png.endsWith("IEND\xae\x42\x60\x82"); }

} // namespace

TEST(ExportCli, KilledAtAnyMomentLeavesTheOldFileOrTheWholeNewOne) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("figure.png"));
    const QStringList args{QStringLiteral("export"), QStringLiteral("--model"), QStringLiteral("tiny"),
                           QStringLiteral("--text"), QStringLiteral("The cat sat on the mat. ").repeated(40),
                           QStringLiteral("--numbers"), QStringLiteral("--width"), QStringLiteral("5000"),
                           QStringLiteral("--height"), QStringLiteral("5000"), QStringLiteral("-o"), path};
    int killed = 0, finished = 0;
    // Kill after growing delays until a run finishes first: the kills land in start-up, computing,
    // painting, encoding and writing.
    const QByteArray before("old figure");
    {
        QFile old(path);
        ASSERT_TRUE(old.open(QIODevice::WriteOnly));
        old.write(before);
    }
    for (int delayMs = 20; finished == 0 && delayMs < 60000; delayMs = delayMs * 4 / 3) {
        SCOPED_TRACE("killed after " + std::to_string(delayMs) + " ms");
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(QKVIEW_BINARY), args);
        ASSERT_TRUE(process.waitForStarted());
        if (process.waitForFinished(delayMs)) {
            ++finished;
            EXPECT_EQ(process.exitCode(), 0) << process.readAllStandardError().toStdString();
        } else {
            ::kill(static_cast<pid_t>(process.processId()), SIGKILL);
            ASSERT_TRUE(process.waitForFinished(10000));
            ++killed;
        }
        const QByteArray after = readAll(path);
        if (finished) EXPECT_TRUE(isWholePng(after)) << after.size() << " bytes";
        else EXPECT_TRUE(after == before || isWholePng(after)) << after.size() << " bytes: neither the old file nor a whole PNG";
        EXPECT_EQ(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("figure.png")})
            << "no temporary file left";
    }
    EXPECT_GE(killed, 5);
    EXPECT_EQ(finished, 1);
}
