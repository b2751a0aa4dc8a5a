// SPDX-License-Identifier: MIT
// Lesson files: what is written is what is read, and every damaged or foreign file is refused with its reason.
#include "base/error.h"
#include "lessons/lesson.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace qkview;

namespace {

Lesson sampleLesson() {
    Lesson lesson;
    lesson.model = QStringLiteral("/models/gpt2 small");
    lesson.text = QStringLiteral("The cat sat on the mat ⟨ünïcode⟩ \"quoted\"\nsecond line");
    lesson.options = {false, 2.5f, true};
    lesson.layer = 3;
    lesson.head = 7;
    lesson.query = 4;
    lesson.key = 1;
    lesson.what = QStringLiteral("scaled_scores");
    lesson.colormap = QStringLiteral("magma_r");
    lesson.colorScale = QStringLiteral("log");
    lesson.pairs = QStringLiteral("a_to_b");
    lesson.numbers = true;
    lesson.cellSize = 24.5;
    lesson.tab = QStringLiteral("heads");
    lesson.compare = QStringLiteral("The dog sat on the mat");
    return lesson;
}

// The error message of parsing json, or "" when it parses.
std::string refusal(const QByteArray& json) {
    try {
        parseLesson(json);
        return {};
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), Error::Kind::InvalidInput);
        return e.what();
    }
}

// The sample lesson's JSON with one field replaced (path "view.cell_size" or "text").
QByteArray withField(const QString& path, const QJsonValue& value) {
    QJsonObject root = QJsonDocument::fromJson(lessonToJson(sampleLesson())).object();
    const QStringList parts = path.split(u'.');
    if (parts.size() == 1) {
        root[parts[0]] = value;
    } else {
        QJsonObject inner = root[parts[0]].toObject();
        inner[parts[1]] = value;
        root[parts[0]] = inner;
    }
    return QJsonDocument(root).toJson();
}

} // namespace

TEST(Lesson, WhatIsWrittenIsReadBack) {
    const Lesson lesson = sampleLesson();
    EXPECT_EQ(parseLesson(lessonToJson(lesson)), lesson);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("class.qkview"));
    writeLessonFile(path, lesson);
    EXPECT_EQ(readLessonFile(path), lesson);
}

TEST(Lesson, TheFileNamesItsFormatAndVersion) {
    const QJsonObject root = QJsonDocument::fromJson(lessonToJson(sampleLesson())).object();
    EXPECT_EQ(root[QStringLiteral("format")].toString(), QStringLiteral("qkview-lesson"));
    EXPECT_EQ(root[QStringLiteral("version")].toInt(), Lesson::kVersion);
    EXPECT_EQ(root[QStringLiteral("selection")].toObject()[QStringLiteral("head")].toInt(), 7);
}

TEST(Lesson, MissingFieldsTakeTheDefaults) {
    const Lesson lesson = parseLesson(R"({"format": "qkview-lesson", "version": 1, "text": "hello"})");
    Lesson expected;
    expected.text = QStringLiteral("hello");
    EXPECT_EQ(lesson, expected);
}

TEST(Lesson, OtherVersionsAreRefusedSayingWhich) {
    EXPECT_NE(refusal(R"({"format": "qkview-lesson", "version": 2})").find("newer qkview (lesson version 2"), std::string::npos);
    EXPECT_NE(refusal(R"({"format": "qkview-lesson", "version": 0})").find("older"), std::string::npos);
    EXPECT_NE(refusal(R"({"format": "qkview-lesson"})").find("\"version\""), std::string::npos);
    EXPECT_NE(refusal(R"({"format": "qkview-lesson", "version": 1.5})").find("\"version\""), std::string::npos);
}

TEST(Lesson, DamagedAndForeignFilesAreRefusedWithTheirReason) {
    EXPECT_NE(refusal("").find("not valid JSON"), std::string::npos);
    EXPECT_NE(refusal(lessonToJson(sampleLesson()).chopped(20)).find("not valid JSON"), std::string::npos);
    EXPECT_NE(refusal("[1, 2]").find("not a qkview lesson"), std::string::npos);
    EXPECT_NE(refusal(R"({"version": 1, "text": "x"})").find("not a qkview lesson"), std::string::npos);
    EXPECT_NE(refusal(R"({"format": "qkview-lesson", "version": 1, "model": "  "})").find("\"model\" is empty"), std::string::npos);
}

TEST(Lesson, FieldsOfTheWrongTypeOrRangeAreNamed) {
    const std::vector<std::pair<QString, QJsonValue>> bad = {
        {QStringLiteral("text"), 42},
        {QStringLiteral("tab"), QJsonValue(QJsonValue::Null)},
        {QStringLiteral("options"), QStringLiteral("causal")},
        {QStringLiteral("options.temperature"), 0},
        {QStringLiteral("options.temperature"), QStringLiteral("hot")},
        {QStringLiteral("options.causal"), 1},
        {QStringLiteral("selection.layer"), -1},
        {QStringLiteral("selection.head"), 1.5},
        {QStringLiteral("selection.query"), -2},
        {QStringLiteral("selection.key"), 1e12},
        {QStringLiteral("view.cell_size"), -3},
        {QStringLiteral("view.cell_size"), 1e9},
        {QStringLiteral("view.numbers"), QStringLiteral("yes")},
        {QStringLiteral("view.colormap"), QString(300, u'x')},
    };
    for (const auto& [path, value] : bad) {
        const std::string why = refusal(withField(path, value));
        EXPECT_NE(why.find(QStringLiteral("\"%1\"").arg(path).toStdString()), std::string::npos)
            << path.toStdString() << ": " << why;
    }
}

TEST(Lesson, UnreadableFilesAreIoErrorsAndBadOnesNameTheFile) {
    QTemporaryDir dir;
    try {
        readLessonFile(dir.filePath(QStringLiteral("absent.qkview")));
        FAIL() << "read a missing file";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), Error::Kind::Io);
    }
    const QString bad = dir.filePath(QStringLiteral("bad.qkview"));
    QFile file(bad);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("{\"format\": \"qkview-lesson\", \"version\": 9}");
    file.close();
    try {
        readLessonFile(bad);
        FAIL() << "read a lesson of version 9";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find(bad.toStdString()), std::string::npos) << e.what();
    }
}

TEST(Lesson, AFailedSaveLeavesTheOldFile) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("kept.qkview"));
    writeLessonFile(path, sampleLesson());
    EXPECT_THROW(writeLessonFile(dir.filePath(QStringLiteral("no/such/folder/x.qkview")), sampleLesson()), Error);
    EXPECT_THROW(writeLessonFile(dir.path(), sampleLesson()), Error); // a folder in the file's place
    EXPECT_EQ(readLessonFile(path), sampleLesson());
}
