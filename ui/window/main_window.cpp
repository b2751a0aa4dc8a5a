// SPDX-License-Identifier: MIT
#include "window/main_window.h"
#include "window/examples.h"
#include "window/examples_dialog.h"
#include "window/help_dialogs.h"
#include "window/lesson_menu.h"
#include "window/preferences_dialog.h"
#include "window/model_summary.h"

#include "base/error.h"
#include "session/lesson_state.h"
#include "views/controls_panel.h"
#include "figures/export_actions.h"
#include "views/compare_view.h"
#include "views/heads_panel.h"
#include "views/heatmap_panel.h"
#include "views/heatmap_view.h"
#include "views/help_panel.h"
#include "views/lines_view.h"
#include "views/math_view.h"
#include "session/model_loader.h"
#include "views/next_token_view.h"
#include "models/builtin_models.h"
#include "models/teaching_model.h"
#include "views/sentence_edit.h"
#include "views/token_chips.h"
#include "views/values_view.h"
#include "views/vector_view.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMimeData>
#include <QProgressDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
#include <QTextCursor>
#include <QLineEdit>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace qkview::ui {

namespace {
QScrollArea* scrolled(QWidget* w, Qt::ScrollBarPolicy horizontal = Qt::ScrollBarAsNeeded) {
    auto* area = new QScrollArea;
    area->setWidget(w);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    area->setHorizontalScrollBarPolicy(horizontal);
    return area;
}
} // namespace

QString MainWindow::defaultSentence() { return QStringLiteral("The cat sat on the mat"); }

MainWindow::MainWindow(ModelPtr model, bool restoreSettings, QWidget* parent)
    : QMainWindow(parent), m_session(new Session(std::move(model), this)), m_restore(restoreSettings) {
    setWindowTitle(tr("qkview — see what attention attends to"));
    setMinimumSize(960, 600);

    m_sentence = new SentenceEdit(m_session);
    m_chips = new TokenChips(m_session);
    m_controls = new ControlsPanel(m_session);
    m_heatmap = new HeatmapView(m_session);
    m_lines = new LinesView(m_session);
    m_math = new MathView(m_session);
    m_tabs = new QTabWidget;
    m_tabs->addTab(m_lines, tr("&Lines"));
    m_tabs->addTab(new ValuesView(m_session), tr("&Values"));
    m_tabs->addTab(scrolled(m_math), tr("&Math"));
    m_tabs->addTab(new VectorView(m_session), tr("Vec&tors"));
    auto* predictions = new NextTokenView(m_session);
    connect(predictions, &NextTokenView::predictionChosen, this, &MainWindow::insertPrediction);
    m_tabs->addTab(predictions, tr("&Next token"));
    auto* heads = new HeadsPanel(m_session);
    connect(heads, &HeadsPanel::repeatRequested, this, &MainWindow::repeatTextToProbe);
    m_tabs->addTab(heads, tr("H&eads"));
    m_compare = new ComparePanel(m_session);
    m_tabs->addTab(m_compare, tr("Com&pare"));
    m_tabs->addTab(new HelpPanel, tr("&Help"));
    const QStringList tabNames = sideTabNames();
    for (int i = 0; i < m_tabs->count(); ++i) m_tabs->widget(i)->setObjectName(tabNames.value(i));
    m_tabs->setCurrentIndex(2);
    connect(m_tabs, &QTabWidget::currentChanged, this,
            [this, predictions] { m_session->setGuessesWanted(m_tabs->currentWidget() == predictions); });

    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_controls);
    leftLayout->addStretch();

    m_splitter = new QSplitter(Qt::Horizontal);
    QScrollArea* leftArea = scrolled(left, Qt::ScrollBarAlwaysOff);
    // Tab goes from the text straight to the first control: the area scrolls to whichever control has the focus.
    leftArea->setFocusPolicy(Qt::NoFocus);
    m_splitter->addWidget(leftArea);
    m_splitter->addWidget(new HeatmapPanel(m_session, m_heatmap)); // zooms and scrolls by itself
    m_splitter->addWidget(m_tabs);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setStretchFactor(2, 2);
    m_splitter->setSizes({250, 570, 530}); // the side pane fits its eight tabs at 1366 px
    m_splitter->setChildrenCollapsible(false);

    auto* central = new QWidget;
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(8, 8, 8, 4);
    layout->addWidget(m_sentence);
    layout->addWidget(m_chips);
    layout->addWidget(m_splitter, 1);
    setCentralWidget(central);

    m_modelLabel = new QLabel;
    m_busyLabel = new QLabel;
    m_noticeLabel = new QLabel;
    statusBar()->addWidget(m_noticeLabel, 1);
    statusBar()->addPermanentWidget(m_busyLabel);
    statusBar()->addPermanentWidget(m_modelLabel);
    connect(m_session, &Session::busyChanged, this, [this](bool busy) { m_busyLabel->setText(busy ? tr("computing…") : QString()); });
    connect(m_session, &Session::noticeChanged, this, &MainWindow::updateStatus);
    connect(m_session, &Session::modelChanged, this, &MainWindow::updateStatus);
    m_loader = new ModelLoader(this);
    connect(m_loader, &ModelLoader::loaded, this, &MainWindow::onModelLoaded);
    connect(m_loader, &ModelLoader::progress, this, [this](double fraction, const QString& message) {
        if (!m_progress) return;
        m_progress->setValue(static_cast<int>(fraction * 100));
        m_progress->setLabelText(message);
    });
    connect(m_loader, &ModelLoader::failed, this, &MainWindow::onModelFailed);
    connect(m_loader, &ModelLoader::cancelled, this, [this] {
        delete m_progress;
        m_pendingLesson.reset();
        statusBar()->showMessage(tr("Loading cancelled; the current model stays."), 5000);
    });
    setAcceptDrops(true);
    buildMenus();

    Selection first;
    first.layer = 0;
    first.head = 2; // "verb → noun before": sat → cat is the first thing a newcomer sees
    first.query = 2;
    first.key = 1;
    m_session->setSelection(first);
    if (m_restore) restoreState();
    else setTheme(Theme::Light);
    if (m_session->text().isEmpty() && !m_restore) m_session->setText(defaultSentence());
    {
        const QSignalBlocker block(m_sentence);
        m_sentence->setPlainText(m_session->text());
    }
    m_session->setText(m_session->text());
    updateStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    m_lessonMenu = new LessonMenu(this, file, m_restore);
    file->addSeparator();
    addExportActions(file, this, m_session);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    // The text's own actions, enabled as the text allows; its widget takes the same keys while it has focus.
    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = edit->addAction(tr("&Undo Typing"), QKeySequence::Undo, m_sentence, &QPlainTextEdit::undo);
    QAction* redo = edit->addAction(tr("&Redo Typing"), QKeySequence::Redo, m_sentence, &QPlainTextEdit::redo);
    undo->setEnabled(false);
    redo->setEnabled(false);
    connect(m_sentence, &QPlainTextEdit::undoAvailable, undo, &QAction::setEnabled);
    connect(m_sentence, &QPlainTextEdit::redoAvailable, redo, &QAction::setEnabled);
    edit->addSeparator();
    QAction* cut = edit->addAction(tr("Cu&t"), QKeySequence::Cut, m_sentence, &QPlainTextEdit::cut);
    QAction* copy = edit->addAction(tr("&Copy"), QKeySequence::Copy, m_sentence, &QPlainTextEdit::copy);
    cut->setEnabled(false);
    copy->setEnabled(false);
    connect(m_sentence, &QPlainTextEdit::copyAvailable, cut, &QAction::setEnabled);
    connect(m_sentence, &QPlainTextEdit::copyAvailable, copy, &QAction::setEnabled);
    edit->addAction(tr("&Paste"), QKeySequence::Paste, m_sentence, &QPlainTextEdit::paste);
    edit->addAction(tr("Select &All"), QKeySequence::SelectAll, m_sentence, [this] {
        m_sentence->setFocus();
        m_sentence->selectAll();
    });
    edit->addSeparator();
    QAction* preferences = edit->addAction(tr("Pre&ferences…"), this, &MainWindow::editPreferences);
    preferences->setShortcuts({QKeySequence::Preferences, QKeySequence(Qt::CTRL | Qt::Key_Comma)});
    preferences->setObjectName(QStringLiteral("preferencesAction"));

    QMenu* model = menuBar()->addMenu(tr("&Model"));
    model->addAction(tr("&Open Model Folder…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(
            this, tr("Open a model folder (config.json, model.safetensors and the tokenizer's files)"),
            QSettings().value(QStringLiteral("models/lastDir")).toString());
        if (!dir.isEmpty()) openModelFolder(dir);
    });
    m_recentMenu = model->addMenu(tr("&Recent Models"));
    model->addAction(tr("&Built-in Teaching Model"), this, &MainWindow::useBuiltInModel);
    model->addAction(tr("Built-in &Trained Model (tiny GPT-2)"), this, [this] { openModelFolder(QStringLiteral("tiny")); });
    updateRecentModels();

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QMenu* themes = view->addMenu(tr("&Theme"));
    auto* group = new QActionGroup(this);
    for (Theme t : {Theme::System, Theme::Light, Theme::Dark}) {
        QAction* a = themes->addAction(t == Theme::System ? tr("Follow the &System") : t == Theme::Light ? tr("&Light") : tr("&Dark"));
        a->setCheckable(true);
        a->setData(static_cast<int>(t));
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, t] { setTheme(t); });
    }
    QAction* fullScreen = view->addAction(tr("&Full Screen"), QKeySequence::FullScreen, this,
                                          [this] { setWindowState(windowState() ^ Qt::WindowFullScreen); });
    fullScreen->setShortcuts({QKeySequence::FullScreen, QKeySequence(Qt::Key_F11)});
    view->addSeparator();
    view->addActions(m_heatmap->zoomActions());
    view->addSeparator();
    for (int i = 0; i < m_tabs->count(); ++i) {
        QAction* a = view->addAction(m_tabs->tabText(i), QKeySequence(Qt::ALT | static_cast<Qt::Key>(Qt::Key_1 + i)), this,
                                     [this, i] { m_tabs->setCurrentIndex(i); });
        a->setObjectName(QStringLiteral("show_") + m_tabs->widget(i)->objectName());
    }

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Queries, Keys and Values"), QKeySequence::HelpContents, this,
                    [this] { showSideTab(QStringLiteral("help")); });
    help->addAction(tr("&Keyboard Shortcuts"), QKeySequence(Qt::CTRL | Qt::Key_Slash), this, [this] {
        auto* box = new QMessageBox(QMessageBox::NoIcon, tr("Keyboard Shortcuts"), keyboardShortcutsHtml(menuBar()),
                                    QMessageBox::Close, this);
        box->setObjectName(QStringLiteral("keyboardShortcuts"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    help->addAction(tr("&Examples…"), this, [this] {
        auto* dialog = new ExamplesDialog(builtInExamples(), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &ExamplesDialog::exampleChosen, this, &MainWindow::openExample);
        dialog->open();
    });
    help->addAction(tr("&About qkview"), this, [this] { showAbout(this); });
}

bool MainWindow::showSideTab(const QString& name) {
    if (name.isEmpty()) return false;
    for (int i = 0; i < m_tabs->count(); ++i)
        if (m_tabs->widget(i)->objectName() == name.toLower() ||
            m_tabs->tabText(i).remove(u'&').startsWith(name, Qt::CaseInsensitive)) {
            m_tabs->setCurrentIndex(i);
            return true;
        }
    return false;
}

bool MainWindow::isOpeningModel() const { return m_loader->isLoading(); }

bool MainWindow::isSettled() const {
    const Session* comparison = std::as_const(*m_session).comparison();
    const TracePtr& trace = m_session->trace();
    for (const HeadGridView* grid : findChildren<HeadGridView*>())
        if (grid->isUpdating()) return false;
    return !isOpeningModel() && !m_session->isBusy() && (!trace || trace->text == m_session->text()) &&
           !(comparison && comparison->isBusy());
}

QString MainWindow::currentTabName() const { return m_tabs->currentWidget()->objectName(); }

void MainWindow::setTheme(Theme theme) {
    m_theme = theme;
    applyTheme(theme);
    for (QAction* a : findChildren<QAction*>())
        if (a->isCheckable() && a->data().isValid()) a->setChecked(a->data().toInt() == static_cast<int>(theme));
}

void MainWindow::updateStatus() {
    m_modelLabel->setText(modelSummary(m_session->model()->config()));
    m_noticeLabel->setText(m_session->notice());
}

// The last run's lesson without its model (restoreLastModel reopens that), so the window opens at once.
void MainWindow::restoreState() {
    QSettings s;
    restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray());
    m_splitter->restoreState(s.value(QStringLiteral("window/splitter")).toByteArray());
    setTheme(themeFromName(s.value(QStringLiteral("window/theme")).toString()).value_or(Theme::System));
    const Preferences preferences = Preferences::load();
    Lesson last;
    last.text = defaultSentence();
    last.colormap = Colormap::get(preferences.colormap).name();
    last.numbers = preferences.numbersInCells;
    last.layer = m_session->selection().layer;
    last.head = m_session->selection().head;
    last.query = m_session->selection().query;
    last.key = m_session->selection().key;
    try {
        const QByteArray saved = s.value(QStringLiteral("session/lesson")).toByteArray();
        if (!saved.isEmpty()) last = parseLesson(saved);
        lessonState(last); // names this build knows
    } catch (const Error&) {
        last = Lesson{}; // settings from another version: start afresh rather than refuse to start
        last.text = defaultSentence();
    }
    last.model = m_modelSource;
    applyLessonState(last);
}

void MainWindow::saveState() const {
    if (!m_restore) return;
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    s.setValue(QStringLiteral("window/theme"), themeName(m_theme));
    s.setValue(QStringLiteral("session/lesson"), lessonToJson(currentLesson()));
}

void MainWindow::editPreferences() {
    PreferencesDialog dialog(m_theme, Preferences::load(), this);
    if (dialog.exec() != QDialog::Accepted) return;
    setTheme(dialog.theme());
    const Preferences chosen = dialog.preferences();
    if (m_restore) chosen.save();
    ViewOptions view = m_session->viewOptions();
    view.colormap = chosen.colormap;
    view.numbersInCells = chosen.numbersInCells;
    m_session->setViewOptions(view);
}

void MainWindow::restoreLastModel() {
    if (!m_restore) return;
    try {
        Lesson last = parseLesson(QSettings().value(QStringLiteral("session/lesson")).toByteArray());
        if (last.model == m_modelSource) return;
        last.text = m_session->text(); // what the window shows now (the command line may have given one)
        if (!isBuiltInModel(last.model) && !QFileInfo(last.model).isDir()) {
            statusBar()->showMessage(tr("The model folder %1 of the last session is gone; showing the teaching model.")
                                         .arg(QDir::toNativeSeparators(last.model)));
            return;
        }
        m_restoringModel = true;
        applyLesson(last, QString());
    } catch (const Error&) {
        // no lesson of a last run (or an unreadable one): the teaching model stays
    }
}

void MainWindow::setModelSource(const QString& source) {
    m_modelSource = isBuiltInModel(source) ? source : QFileInfo(source).absoluteFilePath();
}

Lesson MainWindow::currentLesson() const {
    LessonState state;
    state.options = m_session->options();
    state.selection = m_session->selection();
    state.view = m_session->viewOptions();
    state.cellSize = m_heatmap->isFit() ? 0 : m_heatmap->cellSize();
    state.tab = currentTabName();
    Lesson lesson = lessonOf(state);
    lesson.model = m_modelSource;
    lesson.text = m_session->text();
    if (const Session* comparison = std::as_const(*m_session).comparison()) lesson.compare = comparison->text();
    return lesson;
}

bool MainWindow::openLesson(const QString& path) {
    try {
        if (!applyLesson(readLessonFile(path), path)) return false;
        m_lessonMenu->opened(path); // however it was opened: Recent Lessons, and Save writes back to it
        return true;
    } catch (const Error& e) {
        showLessonError(QString::fromStdString(e.what()));
        return false;
    }
}

bool MainWindow::applyLesson(const Lesson& lesson, const QString& origin) {
    const QString where = origin.isEmpty() ? QString() : QDir::toNativeSeparators(origin) + QStringLiteral(": ");
    try {
        lessonState(lesson); // refuse before anything changes
    } catch (const Error& e) {
        showLessonError(where + QString::fromStdString(e.what()));
        return false;
    }
    if (lesson.model == m_modelSource) {
        applyLessonState(lesson);
        return true;
    }
    if (isBuiltInModel(lesson.model)) {
        try {
            m_session->setModel(loadModel(lesson.model)); // small: opened here
        } catch (const Error& e) {
            showLessonError(where + QString::fromStdString(e.what()));
            return false;
        }
        m_modelSource = lesson.model;
        applyLessonState(lesson);
        return true;
    }
    if (!QFileInfo(lesson.model).isDir()) {
        showLessonError(tr("%1the lesson's model folder %2 is not there. Copy the model to that place, or open the "
                           "folder where it is now (Model → Open Model Folder…) and save the lesson again.")
                            .arg(where, QDir::toNativeSeparators(lesson.model)));
        return false;
    }
    m_pendingLesson = lesson; // applied when the folder has loaded; a failure leaves everything as it is
    openModelFolder(lesson.model);
    return true;
}

void MainWindow::applyLessonState(const Lesson& lesson) {
    const LessonState state = lessonState(lesson);
    if (m_sentence->toPlainText() != lesson.text) m_sentence->setPlainText(lesson.text);
    m_session->setText(lesson.text);
    m_compare->secondText()->setText(lesson.compare);
    m_session->setOptions(state.options);
    m_session->setViewOptions(state.view);
    showSideTab(state.tab);
    // Selection and zoom need the lesson's own trace: its tokens bound the query and key.
    const Selection selection = state.selection;
    const double cellSize = state.cellSize;
    const auto apply = [this, selection, cellSize] {
        m_session->setSelection(selection);
        if (cellSize > 0) m_heatmap->setCellSize(cellSize);
        else m_heatmap->fit();
    };
    // Every trace the session reports from now on is of the inputs just set (it reports only its newest request)
    // until the user changes them: then the lesson's text is gone and its selection no longer applies.
    const auto isLessons = [text = lesson.text](const TracePtr& t) { return !t || t->text == text; };
    delete m_lessonWaiter; // an earlier lesson's selection still waiting is overtaken by this one
    if (!m_session->isBusy() && isLessons(m_session->trace())) return apply();
    m_session->setSelection(selection); // bounded by the trace shown until the new one arrives
    m_lessonWaiter = new QObject(this);
    connect(m_session, &Session::traceChanged, m_lessonWaiter, [this, apply, isLessons](const TracePtr& t) {
        if (!isLessons(t)) return;
        apply();
        m_lessonWaiter->deleteLater();
    });
}

void MainWindow::showLessonError(const QString& message) {
    // Window-modal but not blocking: the app keeps running its event loop.
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Could not open the lesson"), message, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("lessonError"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::openModelFolder(const QString& dir) {
    delete m_progress;
    m_progress = new QProgressDialog(tr("Opening %1…").arg(QDir::toNativeSeparators(dir)), tr("Cancel"), 0, 100, this);
    m_progress->setWindowTitle(tr("Opening model"));
    m_progress->setMinimumDuration(300);
    m_progress->setAutoClose(false);
    connect(m_progress, &QProgressDialog::canceled, m_loader, &ModelLoader::cancel);
    m_loader->load(dir);
}

void MainWindow::onModelLoaded(const ModelPtr& model, const QString& dir) {
    delete m_progress;
    m_session->setModel(model);
    setModelSource(dir);
    m_restoringModel = false;
    if (m_pendingLesson) {
        const Lesson lesson = *std::exchange(m_pendingLesson, std::nullopt);
        applyLessonState(lesson);
    }
    if (isBuiltInModel(dir)) {
        statusBar()->showMessage(tr("Opened the built-in model %1").arg(model->config().name), 5000);
        return;
    }
    if (m_restore) {
        QSettings s;
        QStringList recent = s.value(QStringLiteral("models/recent")).toStringList();
        recent.removeAll(dir);
        recent.prepend(dir);
        s.setValue(QStringLiteral("models/recent"), recent.mid(0, 8));
        s.setValue(QStringLiteral("models/lastDir"), QFileInfo(dir).absolutePath());
    }
    updateRecentModels();
    statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(dir)), 5000);
}

void MainWindow::onModelFailed(const QString& dir, const QString& message) {
    delete m_progress;
    m_pendingLesson.reset();
    if (std::exchange(m_restoringModel, false)) {
        statusBar()->showMessage(tr("The model %1 of the last session did not open (%2); showing the teaching model.")
                                     .arg(QDir::toNativeSeparators(dir), message));
        return;
    }
    // Window-modal but not blocking: the app keeps running its event loop.
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Could not open the model"),
                                tr("%1\n\n%2").arg(QDir::toNativeSeparators(dir), message), QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("modelError"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::useBuiltInModel() {
    m_session->setModel(std::make_shared<TeachingModel>());
    m_modelSource = QStringLiteral("teaching");
}

void MainWindow::repeatTextToProbe() {
    const QString text = m_sentence->toPlainText();
    if (text.trimmed().isEmpty()) return;
    QTextCursor cursor(m_sentence->document()); // one edit: Ctrl+Z takes it back
    cursor.movePosition(QTextCursor::End);
    cursor.insertText((text.back().isSpace() ? QString() : QStringLiteral(" ")) + text.trimmed());
}

void MainWindow::insertPrediction(int maskPosition, const QString& prediction) {
    const TracePtr trace = m_session->trace();
    const QString text = m_sentence->toPlainText();
    QTextCursor cursor(m_sentence->document()); // one edit: Ctrl+Z takes it back
    if (maskPosition < 0) {
        cursor.movePosition(QTextCursor::End);
        cursor.insertText(prediction);
        return;
    }
    if (!trace || trace->text != text || maskPosition >= trace->tokenCount()) return; // the text moved on
    const Token& mask = trace->tokens[static_cast<size_t>(maskPosition)];
    // A WordPiece continuation (##s) loses its marks; a byte-level piece keeps one space where the mask had one.
    QString piece = prediction.startsWith(QStringLiteral("##")) ? prediction.mid(2) : prediction.trimmed();
    if (mask.utf16Start < text.size() && text[mask.utf16Start].isSpace()) piece.prepend(u' ');
    cursor.setPosition(mask.utf16Start);
    cursor.setPosition(mask.utf16End, QTextCursor::KeepAnchor);
    cursor.insertText(piece);
}

void MainWindow::openExample(const Example& example) {
    ModelPtr model;
    try {
        model = loadModel(example.model); // built-in models are small: opened here, so the text follows at once
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Could not open the example"), QString::fromStdString(e.what()));
        return;
    }
    // The head and query are chosen once the example's own trace arrives: the query is found among its tokens.
    connect(m_session, &Session::traceChanged, this, [this, example](const TracePtr& trace) {
        if (!trace || trace->text != example.text) return;
        Selection s = m_session->selection();
        s.layer = example.layer;
        s.head = example.head;
        s.query = exampleQueryToken(example, trace->text, trace->tokens);
        s.key = -1;
        m_session->setSelection(s);
    }, Qt::SingleShotConnection);
    m_session->setModel(std::move(model));
    m_modelSource = example.model;
    m_sentence->setPlainText(example.text);
    if (!example.tab.isEmpty()) showSideTab(example.tab);
}

void MainWindow::updateRecentModels() {
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("models/recent")).toStringList();
    for (const QString& dir : recent)
        m_recentMenu->addAction(QDir::toNativeSeparators(dir), this, [this, dir] { openModelFolder(dir); });
    m_recentMenu->setEnabled(!recent.isEmpty());
}

// One model folder or one .qkview lesson may be dropped on the window.
void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    const auto urls = event->mimeData()->urls();
    if (urls.size() != 1 || !urls.first().isLocalFile()) return;
    const QFileInfo file(urls.first().toLocalFile());
    if (file.isDir() || (file.isFile() && file.suffix().compare(QStringLiteral("qkview"), Qt::CaseInsensitive) == 0))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const QString path = event->mimeData()->urls().first().toLocalFile();
    if (QFileInfo(path).isDir()) openModelFolder(path);
    else openLesson(path);
    event->acceptProposedAction();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveState();
    event->accept();
}

} // namespace qkview::ui
