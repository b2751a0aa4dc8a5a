// SPDX-License-Identifier: MIT
#include "window/main_window.h"
#include "window/examples.h"
#include "window/examples_dialog.h"
#include "window/model_summary.h"

#include "views/controls_panel.h"
#include "figures/export_actions.h"
#include "views/head_grid_view.h"
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
    m_tabs->addTab(scrolled(new HeadGridView(m_session)), tr("H&eads"));
    m_tabs->addTab(new HelpPanel, tr("&Help"));
    m_tabs->setCurrentIndex(2);
    connect(m_tabs, &QTabWidget::currentChanged, this,
            [this, predictions] { m_session->setGuessesWanted(m_tabs->currentWidget() == predictions); });

    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_controls);
    leftLayout->addStretch();

    m_splitter = new QSplitter(Qt::Horizontal);
    m_splitter->addWidget(scrolled(left, Qt::ScrollBarAlwaysOff));
    m_splitter->addWidget(new HeatmapPanel(m_session, m_heatmap)); // zooms and scrolls by itself
    m_splitter->addWidget(m_tabs);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setStretchFactor(2, 2);
    m_splitter->setSizes({250, 620, 480});
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
    connect(m_loader, &ModelLoader::failed, this, [this](const QString& dir, const QString& message) {
        delete m_progress;
        // Window-modal but not blocking: the app keeps running its event loop.
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Could not open the model"),
                                    tr("%1\n\n%2").arg(QDir::toNativeSeparators(dir), message), QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("modelError"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    connect(m_loader, &ModelLoader::cancelled, this, [this] {
        delete m_progress;
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
    addExportActions(file, this, m_session);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* model = menuBar()->addMenu(tr("&Model"));
    model->addAction(tr("&Open Model Folder…"), QKeySequence::Open, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(
            this, tr("Open a GPT-2 model folder (config.json, model.safetensors, vocab.json + merges.txt)"),
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
    for (Theme t : {Theme::Light, Theme::Dark}) {
        QAction* a = themes->addAction(t == Theme::Light ? tr("&Light") : tr("&Dark"));
        a->setCheckable(true);
        a->setData(static_cast<int>(t));
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, t] { setTheme(t); });
    }
    view->addSeparator();
    view->addActions(m_heatmap->zoomActions());
    view->addSeparator();
    const QStringList tabNames = {tr("Lines"), tr("Values"), tr("Math"), tr("Vectors")};
    for (int i = 0; i < tabNames.size(); ++i)
        view->addAction(tabNames[i], QKeySequence(Qt::ALT | static_cast<Qt::Key>(Qt::Key_1 + i)), this,
                        [this, i] { m_tabs->setCurrentIndex(i); });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Queries, Keys and Values"), QKeySequence::HelpContents, this,
                    [this] { showSideTab(tr("Help")); });
    help->addAction(tr("&Examples…"), this, [this] {
        auto* dialog = new ExamplesDialog(builtInExamples(), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &ExamplesDialog::exampleChosen, this, &MainWindow::openExample);
        dialog->open();
    });
    help->addAction(tr("&About qkview"), this, [this] {
        QMessageBox::about(this, tr("About qkview"),
                           tr("<b>qkview %1</b><p>Makes attention visible: what each token asks, offers and "
                              "pulls in.</p>").arg(QApplication::applicationVersion()));
    });
}

bool MainWindow::showSideTab(const QString& name) {
    for (int i = 0; i < m_tabs->count(); ++i)
        if (!name.isEmpty() && m_tabs->tabText(i).remove(u'&').startsWith(name, Qt::CaseInsensitive)) {
            m_tabs->setCurrentIndex(i);
            return true;
        }
    return false;
}

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

void MainWindow::restoreState() {
    QSettings s;
    restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray());
    m_splitter->restoreState(s.value(QStringLiteral("window/splitter")).toByteArray());
    m_tabs->setCurrentIndex(s.value(QStringLiteral("window/tab"), m_tabs->currentIndex()).toInt());
    m_session->setText(s.value(QStringLiteral("text"), defaultSentence()).toString());
    AttentionOptions o;
    o.scale = s.value(QStringLiteral("options/scale"), true).toBool();
    o.causal = s.value(QStringLiteral("options/causal"), false).toBool();
    o.temperature = std::clamp(s.value(QStringLiteral("options/temperature"), 1.0).toFloat(), 0.1f, 10.0f);
    m_session->setOptions(o);
    ViewOptions v;
    v.kind = static_cast<MatrixKind>(std::clamp(s.value(QStringLiteral("view/kind"), 0).toInt(), 0, 2));
    v.colormap = Colormap::fromName(s.value(QStringLiteral("view/colormap")).toString()).value_or(ColormapId::Viridis);
    v.numbersInCells = s.value(QStringLiteral("view/numbers"), false).toBool();
    v.colorScale = colorScaleFromName(s.value(QStringLiteral("view/colorScale")).toString()).value_or(ColorScaleMode::Fixed);
    m_session->setViewOptions(v);
    Selection sel = m_session->selection();
    sel.layer = s.value(QStringLiteral("selection/layer"), sel.layer).toInt();
    sel.head = s.value(QStringLiteral("selection/head"), sel.head).toInt();
    sel.query = s.value(QStringLiteral("selection/query"), sel.query).toInt();
    sel.key = s.value(QStringLiteral("selection/key"), sel.key).toInt();
    m_session->setSelection(sel);
    setTheme(s.value(QStringLiteral("window/theme")).toString() == u"dark" ? Theme::Dark : Theme::Light);
}

void MainWindow::saveState() const {
    if (!m_restore) return;
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    s.setValue(QStringLiteral("window/tab"), m_tabs->currentIndex());
    s.setValue(QStringLiteral("window/theme"), themeName(m_theme));
    s.setValue(QStringLiteral("text"), m_session->text());
    const AttentionOptions& o = m_session->options();
    s.setValue(QStringLiteral("options/scale"), o.scale);
    s.setValue(QStringLiteral("options/causal"), o.causal);
    s.setValue(QStringLiteral("options/temperature"), static_cast<double>(o.temperature));
    const ViewOptions& v = m_session->viewOptions();
    s.setValue(QStringLiteral("view/kind"), static_cast<int>(v.kind));
    s.setValue(QStringLiteral("view/colormap"), Colormap::get(v.colormap).name());
    s.setValue(QStringLiteral("view/numbers"), v.numbersInCells);
    s.setValue(QStringLiteral("view/colorScale"), colorScaleName(v.colorScale));
    const Selection& sel = m_session->selection();
    s.setValue(QStringLiteral("selection/layer"), sel.layer);
    s.setValue(QStringLiteral("selection/head"), sel.head);
    s.setValue(QStringLiteral("selection/query"), sel.query);
    s.setValue(QStringLiteral("selection/key"), sel.key);
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

void MainWindow::useBuiltInModel() { m_session->setModel(std::make_shared<TeachingModel>()); }

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

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    const auto urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().isLocalFile() && QFileInfo(urls.first().toLocalFile()).isDir())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    openModelFolder(event->mimeData()->urls().first().toLocalFile());
    event->acceptProposedAction();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveState();
    event->accept();
}

} // namespace qkview::ui
