// SPDX-License-Identifier: MIT
#pragma once
// Layout, menus, shortcuts and settings around the session and its views.
#include "lessons/lesson.h"
#include "session/session.h"
#include "window/theme.h"

#include <optional>

#include <QMainWindow>
#include <QPointer>

class QLabel;
class QMenu;
class QProgressDialog;
class QTabWidget;
class QSplitter;

namespace qkview::ui {

class ComparePanel;
class ControlsPanel;
struct Example;
class HeatmapView;
class LinesView;
class MathView;
class SentenceEdit;
class TokenChips;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // Restores the last sentence, options and layout from QSettings unless restoreSettings is false.
    // The model is the built-in teaching model unless setModelSource says where it came from.
    explicit MainWindow(ModelPtr model, bool restoreSettings = true, QWidget* parent = nullptr);
    ~MainWindow() override;

    Session* session() const { return m_session; }
    HeatmapView* heatmap() const { return m_heatmap; }
    SentenceEdit* sentenceEdit() const { return m_sentence; }
    ControlsPanel* controls() const { return m_controls; }
    MathView* mathView() const { return m_math; }
    QTabWidget* sideTabs() const { return m_tabs; }

    static QString defaultSentence();
    // Where the current model came from: a built-in model's name or a folder's absolute path.
    const QString& modelSource() const { return m_modelSource; }
    void setModelSource(const QString& source);
    // Reopens the model of the last run (settings restored): a built-in model at once, a folder off the GUI
    // thread; a folder that has gone away leaves the teaching model and says so in the status bar.
    void restoreLastModel();

    // What is on screen as a lesson (File → Save Lesson).
    Lesson currentLesson() const;
    // Opens a .qkview file: its model (loaded first, off the GUI thread for a folder), text, options, view,
    // selection, zoom and tab. A damaged file, an unknown version or a missing model folder gets a message
    // box and changes nothing. Returns false when the lesson was refused before anything changed.
    bool openLesson(const QString& path);
    bool applyLesson(const Lesson& lesson, const QString& origin);
    // Whether a model (a lesson's, or the last session's) is still loading.
    bool isOpeningModel() const;
    // Nothing is being computed for what the window shows: no model loading, no trace (of the text or of the
    // Compare tab's) on its way, no head thumbnails being made. Screenshots wait for it.
    bool isSettled() const;
    // The side tab shown, by the name lessons and --tab use ("math").
    QString currentTabName() const;
    void setTheme(Theme theme);
    // Loads a model folder, or a built-in model by name ("tiny"), off the GUI thread with a cancellable
    // progress dialog; the text and selection stay. Errors are shown in a message box and the current model stays.
    void openModelFolder(const QString& dir);
    void useBuiltInModel();
    // Opens a Help → Examples entry: its built-in model and text, then its head, query token and tab once
    // the trace arrives.
    void openExample(const Example& example);
    // Puts a clicked prediction into the text: in place of mask token maskPosition, or at the end (-1).
    void insertPrediction(int maskPosition, const QString& prediction);
    // "Repeat to probe": appends a copy of the text, so that induction heads show on the copy.
    void repeatTextToProbe();
    // Shows the side tab of that name (sideTabNames()), or whose title starts with it (case-insensitive,
    // without '&'); false if none does.
    bool showSideTab(const QString& name);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildMenus();
    void restoreState();
    void saveState() const;
    void updateStatus();
    void updateRecentModels();
    void onModelLoaded(const ModelPtr& model, const QString& dir);
    void onModelFailed(const QString& dir, const QString& message);
    void editPreferences();
    void applyLessonState(const Lesson& lesson);
    void showLessonError(const QString& message);

    Session* m_session;
    SentenceEdit* m_sentence;
    TokenChips* m_chips;
    ControlsPanel* m_controls;
    HeatmapView* m_heatmap;
    ComparePanel* m_compare; // the Compare tab: its second text belongs to lessons
    LinesView* m_lines;
    MathView* m_math;
    QTabWidget* m_tabs;
    QSplitter* m_splitter;
    QLabel* m_modelLabel;
    QLabel* m_busyLabel;
    QLabel* m_noticeLabel;
    class ModelLoader* m_loader;
    QPointer<QProgressDialog> m_progress; // while a model loads
    QMenu* m_recentMenu = nullptr;
    class LessonMenu* m_lessonMenu = nullptr;
    QString m_modelSource = QStringLiteral("teaching");
    std::optional<Lesson> m_pendingLesson; // applied once its model folder has loaded
    QPointer<QObject> m_lessonWaiter;      // applies a lesson's selection and zoom when its trace arrives
    bool m_restoringModel = false;         // the pending lesson is the last run's: failures are notices
    Theme m_theme = Theme::Light;
    bool m_restore;
};

} // namespace qkview::ui
