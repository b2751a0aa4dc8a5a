// SPDX-License-Identifier: MIT
// Lessons and memory in the main window: a saved lesson reopens to the same screen, a bad one changes
// nothing, the last session comes back after a restart, and the text's undo goes a word at a time.
#include "lessons/lesson.h"
#include "views/compare_view.h"
#include "window/lesson_menu.h"
#include "views/heatmap_view.h"
#include "views/sentence_edit.h"
#include "test_files.h"
#include "widget_test_support.h"

#include <QFileInfo>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace qkview;
using namespace qkview::ui;

namespace {
const QString kGpt2Folder = QStringLiteral(QKVIEW_TEST_DATA "/gpt2/tiny_prefixed_f32");

// A window at 1366 × 768 whose settings, when it keeps any, live in a folder of the test's own.
struct Window {
    explicit Window(bool remember = false) : window(test::teachingModel(), remember) {
        window.resize(1366, 768);
        window.show();
        EXPECT_TRUE(test::waitForTrace(session()));
    }
    Session& session() { return *window.session(); }
    bool settled() { return !window.isOpeningModel() && test::waitForTrace(session()); }
    MainWindow window;
};



void closeLessonError(MainWindow& window, const std::string& expected) {
    auto* box = window.findChild<QMessageBox*>(QStringLiteral("lessonError"));
    ASSERT_TRUE(box) << "no message for a lesson that should fail with " << expected;
    EXPECT_NE(box->text().toStdString().find(expected), std::string::npos) << box->text().toStdString();
    delete box;
}
} // namespace

TEST(Lessons, ASavedLessonReopensToTheSameScreen) {
    Window teacher;
    teacher.window.openModelFolder(QStringLiteral("tiny"));
    ASSERT_TRUE(test::waitFor([&] { return teacher.window.modelSource() == u"tiny"; }));
    teacher.window.sentenceEdit()->setPlainText(QStringLiteral("the cat sat on the mat and the cat slept"));
    ASSERT_TRUE(test::waitForTrace(teacher.session()));
    teacher.session().setSelection({1, 3, 7, 2});
    ViewOptions view;
    view.kind = MatrixKind::ScaledScores;
    view.colormap = ColormapId::Magma;
    view.colorScale = ColorScaleMode::Log;
    view.numbersInCells = true;
    teacher.session().setViewOptions(view);
    teacher.window.heatmap()->setCellSize(60);
    ASSERT_TRUE(teacher.window.showSideTab(QStringLiteral("compare")));
    teacher.window.findChild<ComparePanel*>()->secondText()->setText(QStringLiteral("the dog sat on the mat and the dog slept"));
    ASSERT_TRUE(teacher.window.showSideTab(QStringLiteral("values")));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("class.qkview"));
    writeLessonFile(path, teacher.window.currentLesson());

    Window student;
    ASSERT_TRUE(student.window.openLesson(path));
    ASSERT_TRUE(student.settled());
    EXPECT_EQ(student.window.modelSource(), QStringLiteral("tiny"));
    EXPECT_EQ(student.session().text(), teacher.session().text());
    EXPECT_EQ(student.window.sentenceEdit()->toPlainText(), teacher.session().text());
    EXPECT_EQ(student.session().selection(), teacher.session().selection());
    EXPECT_EQ(student.session().viewOptions(), view);
    EXPECT_EQ(student.window.currentTabName(), QStringLiteral("values"));
    EXPECT_EQ(student.window.findChild<ComparePanel*>()->secondText()->text(), QStringLiteral("the dog sat on the mat and the dog slept"));
    EXPECT_EQ(std::as_const(student.session()).comparison()->text(), QStringLiteral("the dog sat on the mat and the dog slept"));
    EXPECT_NEAR(student.window.heatmap()->cellSize(), 60, 0.5);
    const TracePtr a = teacher.session().trace(), b = student.session().trace();
    ASSERT_TRUE(a && b);
    // The same model, text and options; the last bits may differ, since a model reuses the rows of earlier texts
    // with the same beginning (here the Compare tab's) and the two windows typed different texts before.
    EXPECT_TRUE(b->head(1, 3)->weights.isApprox(a->head(1, 3)->weights, 1e-5f)) << "the same model, text and options";
    EXPECT_EQ(student.window.currentLesson(), teacher.window.currentLesson());
}

TEST(Lessons, ALessonOfAModelFolderOpensItOffTheGuiThread) {
    Lesson lesson;
    lesson.model = kGpt2Folder;
    lesson.text = QStringLiteral("hello world hello");
    lesson.layer = 1;
    lesson.head = 1;
    lesson.query = 2;
    lesson.tab = QStringLiteral("math");
    Window w;
    ASSERT_TRUE(w.window.applyLesson(lesson, QString()));
    ASSERT_TRUE(test::waitFor([&] { return w.window.modelSource() == kGpt2Folder; }));
    ASSERT_TRUE(w.settled());
    EXPECT_EQ(w.session().trace()->config.layers, 2);
    EXPECT_EQ(w.session().selection(), (Selection{1, 1, 2, -1}));
    EXPECT_EQ(w.window.currentTabName(), QStringLiteral("math"));
}

TEST(Lessons, DamagedForeignAndMissingModelLessonsChangeNothing) {
    QTemporaryDir dir;
    Lesson missingModel;
    missingModel.model = dir.filePath(QStringLiteral("moved-away"));
    missingModel.text = QStringLiteral("never shown");
    Lesson unknownColours;
    unknownColours.colormap = QStringLiteral("rainbow");
    const std::vector<std::pair<QString, std::string>> cases = {
        {test::writeTestFile(dir, QStringLiteral("cut.qkview"), lessonToJson(Lesson{}).chopped(10)), "not valid JSON"},
        {test::writeTestFile(dir, QStringLiteral("new.qkview"), R"({"format": "qkview-lesson", "version": 7})"), "newer qkview"},
        {test::writeTestFile(dir, QStringLiteral("old.qkview"), R"({"format": "qkview-lesson", "version": 0})"), "older"},
        {test::writeTestFile(dir, QStringLiteral("other.qkview"), R"({"cells": []})"), "not a qkview lesson"},
        {test::writeTestFile(dir, QStringLiteral("missing.qkview"), lessonToJson(missingModel)), "is not there"},
        {test::writeTestFile(dir, QStringLiteral("colours.qkview"), lessonToJson(unknownColours)), "rainbow"},
        {dir.filePath(QStringLiteral("absent.qkview")), "cannot read"},
    };
    Window w;
    w.session().setSelection({1, 1, 3, 2});
    const Lesson before = w.window.currentLesson();
    const TracePtr trace = w.session().trace();
    for (const auto& [path, expected] : cases) {
        EXPECT_FALSE(w.window.openLesson(path)) << path.toStdString();
        closeLessonError(w.window, expected);
        ASSERT_TRUE(w.settled());
        EXPECT_EQ(w.window.currentLesson(), before) << path.toStdString();
        EXPECT_EQ(w.session().trace(), trace) << "not even recomputed";
    }
}

TEST(Lessons, ALessonOpenedFromOutsideTheMenuIsRecentAndSavedBackToItsFile) {
    test::TemporarySettings settings;
    QTemporaryDir dir;
    const QString path = QFileInfo(dir.filePath(QStringLiteral("class.qkview"))).absoluteFilePath();
    {
        Window teacher;
        teacher.window.sentenceEdit()->setPlainText(QStringLiteral("the cat sat"));
        ASSERT_TRUE(teacher.settled());
        writeLessonFile(path, teacher.window.currentLesson());
    }
    Window w(true);
    ASSERT_TRUE(w.window.openLesson(path)) << "as `qkview class.qkview` and a dropped file do";
    auto* menu = w.window.findChild<LessonMenu*>();
    ASSERT_NE(menu, nullptr);
    EXPECT_EQ(menu->currentPath(), path) << "Save writes back to it without asking";
    EXPECT_EQ(QSettings().value(QStringLiteral("lessons/recent")).toStringList().value(0), path);
}

TEST(Lessons, TheLastSessionComesBackAfterARestart) {
    test::TemporarySettings settings;
    {
        Window before(true);
        before.window.openModelFolder(kGpt2Folder);
        ASSERT_TRUE(test::waitFor([&] { return before.window.modelSource() == kGpt2Folder; }));
        before.window.sentenceEdit()->setPlainText(QStringLiteral("one two three four"));
        ASSERT_TRUE(before.settled());
        before.session().setSelection({1, 0, 3, 1});
        before.window.showSideTab(QStringLiteral("heads"));
        before.window.close();
    }
    Window after(true);
    EXPECT_EQ(after.session().text(), QStringLiteral("one two three four")) << "the text at once, on the teaching model";
    after.window.restoreLastModel();
    ASSERT_TRUE(test::waitFor([&] { return after.window.modelSource() == kGpt2Folder; }));
    ASSERT_TRUE(after.settled());
    EXPECT_EQ(after.session().trace()->config.layers, 2);
    EXPECT_EQ(after.session().selection(), (Selection{1, 0, 3, 1}));
    EXPECT_EQ(after.window.currentTabName(), QStringLiteral("heads"));
}

TEST(Lessons, AModelFolderThatHasGoneFallsBackToTheTeachingModelWithANotice) {
    test::TemporarySettings settings;
    QTemporaryDir gone;
    Lesson last;
    last.model = gone.filePath(QStringLiteral("deleted-model"));
    last.text = QStringLiteral("kept text");
    QSettings().setValue(QStringLiteral("session/lesson"), lessonToJson(last));
    Window w(true);
    w.window.restoreLastModel();
    EXPECT_EQ(w.window.modelSource(), QStringLiteral("teaching"));
    EXPECT_EQ(w.session().model(), test::teachingModel());
    EXPECT_EQ(w.session().text(), QStringLiteral("kept text"));
    EXPECT_TRUE(w.window.statusBar()->currentMessage().contains(QStringLiteral("is gone"))) << w.window.statusBar()->currentMessage().toStdString();
}

TEST(EditMenu, UndoTakesBackOneWordAtATimeAndNeverAnOlderText) {
    Window w;
    SentenceEdit* edit = w.window.sentenceEdit();
    edit->setPlainText(QString()); // a new text: nothing to undo into
    edit->setFocus();
    QTest::keyClicks(edit, QStringLiteral("the cat sat"));
    QTest::keySequence(edit, QKeySequence::Undo);
    EXPECT_EQ(edit->toPlainText(), QStringLiteral("the cat "));
    QTest::keySequence(edit, QKeySequence::Undo);
    EXPECT_EQ(edit->toPlainText(), QStringLiteral("the "));
    QTest::keySequence(edit, QKeySequence::Redo);
    EXPECT_EQ(edit->toPlainText(), QStringLiteral("the cat "));
    QTest::keySequence(edit, QKeySequence::Undo);
    QTest::keySequence(edit, QKeySequence::Undo);
    QTest::keySequence(edit, QKeySequence::Undo);
    EXPECT_EQ(edit->toPlainText(), QString()) << "undo stops at the new text";

    QTest::keyClicks(edit, QStringLiteral("ab"));
    QTest::qWait(SentenceEdit::kUndoPauseMs + 200);
    QTest::keyClicks(edit, QStringLiteral("cd"));
    QTest::keySequence(edit, QKeySequence::Undo);
    EXPECT_EQ(edit->toPlainText(), QStringLiteral("ab")) << "a pause starts a new step";
}

TEST(Menus, EveryTabIsInTheViewMenuAndEveryMenuIsThere) {
    Window w;
    QStringList menus;
    for (QAction* a : w.window.menuBar()->actions()) menus << a->text().remove(u'&');
    EXPECT_EQ(menus, (QStringList{"File", "Edit", "Model", "View", "Help"}));
    for (int i = 0; i < w.window.sideTabs()->count(); ++i) {
        const QString name = w.window.sideTabs()->widget(i)->objectName();
        auto* show = w.window.findChild<QAction*>(QStringLiteral("show_") + name);
        ASSERT_TRUE(show) << name.toStdString();
        show->trigger();
        EXPECT_EQ(w.window.currentTabName(), name);
        EXPECT_FALSE(show->shortcut().isEmpty());
    }
}
