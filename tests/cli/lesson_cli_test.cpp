// SPDX-License-Identifier: MIT
// Lessons and the desktop app's options on the command line: export --lesson regenerates a figure from the
// lesson alone, bad lessons and bad option values are refused with a message, and --help lists everything.
#include "cli_runner.h"
#include "test_files.h"

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace qkview;
using qkview::test::runQkview;

namespace {
// A lesson on the built-in trained model, as File → Save Lesson writes one.
const QByteArray kLesson = R"({
    "format": "qkview-lesson", "version": 1, "model": "tiny", "text": "the cat sat on the mat", "tab": "math",
    "compare": "the dog sat on the mat",
    "options": {"scale": true, "causal": true, "temperature": 2},
    "selection": {"layer": 1, "head": 1, "query": 4, "key": 1},
    "view": {"what": "weights", "colormap": "magma", "color_scale": "fixed", "pairs": "all", "numbers": false,
             "cell_size": 0}
})";

} // namespace

TEST(LessonCli, ExportFromALessonEqualsTheSameFigureAskedForInFull) {
    QTemporaryDir dir;
    const QString lesson = test::writeTestFile(dir, QStringLiteral("class.qkview"), kLesson);
    const QString fromLesson = dir.filePath(QStringLiteral("lesson.svg")), inFull = dir.filePath(QStringLiteral("full.svg"));
    const auto a = runQkview({QStringLiteral("export"), QStringLiteral("--lesson"), lesson, QStringLiteral("-o"), fromLesson});
    ASSERT_EQ(a.exitCode, 0) << a.err.toStdString();
    const auto b = runQkview({QStringLiteral("export"), QStringLiteral("--model"), QStringLiteral("tiny"), QStringLiteral("--text"),
                              QStringLiteral("the cat sat on the mat"), QStringLiteral("--temperature"), QStringLiteral("2"),
                              QStringLiteral("--causal"), QStringLiteral("--layer"), QStringLiteral("1"), QStringLiteral("--head"),
                              QStringLiteral("1"), QStringLiteral("--query"), QStringLiteral("4"), QStringLiteral("--key"),
                              QStringLiteral("1"), QStringLiteral("--colormap"), QStringLiteral("magma"), QStringLiteral("-o"), inFull});
    ASSERT_EQ(b.exitCode, 0) << b.err.toStdString();
    EXPECT_FALSE(test::readTestFile(fromLesson).isEmpty());
    EXPECT_EQ(test::readTestFile(fromLesson), test::readTestFile(inFull));

    // Options given beside the lesson still apply.
    const QString otherHead = dir.filePath(QStringLiteral("head0.svg"));
    ASSERT_EQ(runQkview({QStringLiteral("export"), QStringLiteral("--lesson"), lesson, QStringLiteral("--head"), QStringLiteral("0"),
                         QStringLiteral("-o"), otherHead}).exitCode, 0);
    EXPECT_NE(test::readTestFile(otherHead), test::readTestFile(fromLesson));

    // With --view compare the lesson's second text is the one compared.
    const QString pairFromLesson = dir.filePath(QStringLiteral("pair_lesson.svg")), pairInFull = dir.filePath(QStringLiteral("pair_full.svg"));
    const auto c = runQkview({QStringLiteral("export"), QStringLiteral("--lesson"), lesson, QStringLiteral("--view"),
                              QStringLiteral("compare"), QStringLiteral("-o"), pairFromLesson});
    ASSERT_EQ(c.exitCode, 0) << c.err.toStdString();
    const auto d = runQkview({QStringLiteral("export"), QStringLiteral("--lesson"), lesson, QStringLiteral("--compare"),
                              QStringLiteral("the dog sat on the mat"), QStringLiteral("-o"), pairInFull});
    ASSERT_EQ(d.exitCode, 0) << d.err.toStdString();
    EXPECT_EQ(test::readTestFile(pairFromLesson), test::readTestFile(pairInFull));
    EXPECT_TRUE(test::readTestFile(pairFromLesson).contains("the dog sat on the mat"));
}

TEST(LessonCli, BadLessonsAreRefusedAndWriteNothing) {
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("never.png"));
    const std::vector<std::pair<QString, std::string>> cases = {
        {test::writeTestFile(dir, QStringLiteral("cut.qkview"), kLesson.left(60)), "not valid JSON"},
        {test::writeTestFile(dir, QStringLiteral("newer.qkview"), QByteArray(kLesson).replace("\"version\": 1", "\"version\": 3")), "newer qkview"},
        {test::writeTestFile(dir, QStringLiteral("moved.qkview"), QByteArray(kLesson).replace("\"tiny\"", "\"/no/such/model\"")), "/no/such/model"},
        {test::writeTestFile(dir, QStringLiteral("colours.qkview"), QByteArray(kLesson).replace("magma", "rainbow")), "rainbow"},
        {dir.filePath(QStringLiteral("absent.qkview")), "cannot read"},
    };
    for (const auto& [lesson, expected] : cases) {
        const auto r = runQkview({QStringLiteral("export"), QStringLiteral("--lesson"), lesson, QStringLiteral("-o"), out});
        EXPECT_EQ(r.exitCode, 1) << lesson.toStdString();
        EXPECT_NE(r.err.toStdString().find(expected), std::string::npos) << r.err.toStdString();
        EXPECT_FALSE(QFile::exists(out));
    }
    const QString lesson = test::writeTestFile(dir, QStringLiteral("good.qkview"), kLesson);
    const auto clash = runQkview({QStringLiteral("export"), QStringLiteral("--lesson"), lesson, QStringLiteral("--text"),
                                  QStringLiteral("other"), QStringLiteral("-o"), out});
    EXPECT_EQ(clash.exitCode, 2);
    EXPECT_TRUE(clash.err.contains("drop --text")) << clash.err.toStdString();
}

TEST(GuiCli, HelpListsEveryOptionOfTheAppAndTheCommands) {
    const auto r = runQkview({QStringLiteral("--help")});
    ASSERT_EQ(r.exitCode, 0);
    for (const char* expected : {"--model", "--text", "--tab", "--theme", "--size", "--screenshot", "LESSON.qkview",
                                 "qkview dump", "qkview export"})
        EXPECT_TRUE(r.out.contains(expected)) << expected << " missing from:\n" << r.out.toStdString();
}

TEST(GuiCli, UnknownValuesAreUsageErrorsThatSayWhatIsAllowed) {
    const std::vector<std::pair<QStringList, std::string>> cases = {
        {{QStringLiteral("--tab"), QStringLiteral("bogus")}, "--tab must be one of lines, values, math"},
        {{QStringLiteral("--theme"), QStringLiteral("blue")}, "--theme must be system, light or dark"},
        {{QStringLiteral("--size"), QStringLiteral("huge")}, "--size must be WIDTHxHEIGHT"},
        {{QStringLiteral("--size"), QStringLiteral("10x10")}, "--size must be WIDTHxHEIGHT"},
        {{QStringLiteral("--frobnicate")}, "Unknown option"},
        {{QStringLiteral("nonsense")}, "unknown command 'nonsense'"},
        {{QStringLiteral("a.qkview"), QStringLiteral("b.qkview")}, "give one lesson"},
    };
    for (const auto& [arguments, expected] : cases) {
        const auto r = runQkview(arguments);
        EXPECT_EQ(r.exitCode, 2) << arguments.join(u' ').toStdString();
        EXPECT_NE(r.err.toStdString().find(expected), std::string::npos) << r.err.toStdString();
    }
}

TEST(GuiCli, ALessonArgumentOpensTheWindowOnIt) {
    QTemporaryDir dir;
    const QString lesson = test::writeTestFile(dir, QStringLiteral("class.qkview"), kLesson);
    const QString shot = dir.filePath(QStringLiteral("shot.png"));
    const auto r = runQkview({lesson, QStringLiteral("--screenshot"), shot, QStringLiteral("--size"), QStringLiteral("1000x700")});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_TRUE(test::readTestFile(shot).startsWith("\x89PNG"));
}
