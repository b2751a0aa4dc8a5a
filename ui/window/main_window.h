// SPDX-License-Identifier: MIT
#pragma once
// Layout, menus, shortcuts and settings around the session and its views.
#include "session/session.h"
#include "window/theme.h"

#include <QMainWindow>
#include <QPointer>

class QLabel;
class QMenu;
class QProgressDialog;
class QTabWidget;
class QSplitter;

namespace qkview::ui {

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
    explicit MainWindow(ModelPtr model, bool restoreSettings = true, QWidget* parent = nullptr);
    ~MainWindow() override;

    Session* session() const { return m_session; }
    HeatmapView* heatmap() const { return m_heatmap; }
    SentenceEdit* sentenceEdit() const { return m_sentence; }
    ControlsPanel* controls() const { return m_controls; }
    MathView* mathView() const { return m_math; }
    QTabWidget* sideTabs() const { return m_tabs; }

    static QString defaultSentence();
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
    // Shows the side tab whose title matches name (case-insensitive, without '&'); false if none does.
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

    Session* m_session;
    SentenceEdit* m_sentence;
    TokenChips* m_chips;
    ControlsPanel* m_controls;
    HeatmapView* m_heatmap;
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
    Theme m_theme = Theme::Light;
    bool m_restore;
};

} // namespace qkview::ui
