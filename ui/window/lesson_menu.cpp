// SPDX-License-Identifier: MIT
#include "window/lesson_menu.h"

#include "base/error.h"
#include "window/main_window.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>

namespace qkview::ui {

namespace {
const QString kRecentKey = QStringLiteral("lessons/recent");
QString lessonFilter() { return QObject::tr("qkview lessons (*.qkview)"); }
constexpr int kRecentCount = 8;
} // namespace

LessonMenu::LessonMenu(MainWindow* window, QMenu* file, bool remember)
    : QObject(window), m_window(window), m_remember(remember) {
    QAction* open = file->addAction(tr("&Open Lesson…"), QKeySequence::Open, this, &LessonMenu::chooseAndOpen);
    open->setToolTip(tr("Open a .qkview lesson: its model, text, head, selection and view"));
    m_recent = file->addMenu(tr("Recent &Lessons"));
    file->addAction(tr("&Save Lesson"), QKeySequence::Save, this, &LessonMenu::save);
    file->addAction(tr("Save Lesson &As…"), QKeySequence::SaveAs, this, &LessonMenu::saveAs);
    updateRecent();
}

bool LessonMenu::open(const QString& path) { return m_window->openLesson(path); }

void LessonMenu::opened(const QString& path) {
    m_path = QFileInfo(path).absoluteFilePath();
    remember(m_path);
}

bool LessonMenu::saveTo(const QString& path) {
    try {
        writeLessonFile(path, m_window->currentLesson());
    } catch (const Error& e) {
        QMessageBox::warning(m_window, tr("Could not save the lesson"), QString::fromStdString(e.what()));
        return false;
    }
    m_path = QFileInfo(path).absoluteFilePath();
    remember(m_path);
    return true;
}

void LessonMenu::save() {
    if (m_path.isEmpty()) return saveAs();
    saveTo(m_path);
}

void LessonMenu::saveAs() {
    QString path = QFileDialog::getSaveFileName(m_window, tr("Save Lesson"), m_path.isEmpty() ? QStringLiteral("lesson.qkview") : m_path,
                                                lessonFilter());
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".qkview");
    saveTo(path);
}

void LessonMenu::chooseAndOpen() {
    const QString path = QFileDialog::getOpenFileName(m_window, tr("Open Lesson"), QFileInfo(m_path).absolutePath(), lessonFilter());
    if (!path.isEmpty()) open(path);
}

void LessonMenu::remember(const QString& path) {
    if (!m_remember) return;
    QSettings settings;
    QStringList recent = settings.value(kRecentKey).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    settings.setValue(kRecentKey, recent.mid(0, kRecentCount));
    updateRecent();
}

void LessonMenu::updateRecent() {
    m_recent->clear();
    const QStringList recent = m_remember ? QSettings().value(kRecentKey).toStringList() : QStringList();
    for (const QString& path : recent)
        m_recent->addAction(QDir::toNativeSeparators(path), this, [this, path] { open(path); });
    m_recent->setEnabled(!recent.isEmpty());
}

} // namespace qkview::ui
