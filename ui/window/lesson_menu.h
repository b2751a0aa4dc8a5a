// SPDX-License-Identifier: MIT
#pragma once
// File → Open Lesson…, Recent Lessons, Save Lesson and Save Lesson As…: .qkview files of what the window
// shows (lessons/lesson.h). Save writes to the lesson last opened or saved, else asks for a name.
#include <QObject>
#include <QString>

class QMenu;

namespace qkview::ui {

class MainWindow;

class LessonMenu : public QObject {
    Q_OBJECT
public:
    // Adds the actions to file; the recent lessons are kept in QSettings when remember is true.
    LessonMenu(MainWindow* window, QMenu* file, bool remember);

    // Opens a lesson (MainWindow::openLesson), which then calls opened().
    bool open(const QString& path);
    // A lesson was opened from path, from the menu or elsewhere (the command line, a dropped file): it joins
    // the recent lessons and becomes the file Save writes to.
    void opened(const QString& path);
    // Writes the window's lesson to path; a message box on failure. Returns whether it was written.
    bool saveTo(const QString& path);
    const QString& currentPath() const { return m_path; }

private:
    void save();
    void saveAs();
    void chooseAndOpen();
    void remember(const QString& path);
    void updateRecent();

    MainWindow* m_window;
    QMenu* m_recent;
    QString m_path;
    bool m_remember;
};

} // namespace qkview::ui
