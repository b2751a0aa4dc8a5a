// SPDX-License-Identifier: MIT
// The File menu's exports as a user drives them: the dialog's live preview and its file, Copy Figure,
// Export Data; errors are returned, not crashes.
#include "figures/export_actions.h"
#include "figures/export_figure_dialog.h"
#include "figures/figure_preview.h"
#include "painters/matrix_data.h"
#include "base/error.h"
#include "widget_test_support.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtEndian>

using namespace qkview;
using namespace qkview::ui;

namespace {
using Window = test::ShownWindow;

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QAction* action(const QWidget& window, const char* name) { return window.findChild<QAction*>(QString::fromLatin1(name)); }
} // namespace

TEST(ExportActions, FileMenuHasTheShortcuts) {
    Window w;
    ASSERT_NE(action(w.window, "exportFigureAction"), nullptr);
    EXPECT_EQ(action(w.window, "exportFigureAction")->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_E));
    ASSERT_NE(action(w.window, "copyFigureAction"), nullptr);
    EXPECT_EQ(action(w.window, "copyFigureAction")->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    ASSERT_NE(action(w.window, "exportDataAction"), nullptr);
    EXPECT_TRUE(action(w.window, "exportDataAction")->isEnabled());
}

TEST(ExportDialog, StartsFromTheSelectionAndPreviewsLive) {
    Window w;
    ExportFigureDialog dialog(&w.session());
    dialog.show();
    FigureRequest r = dialog.request();
    EXPECT_EQ(r.layer, 0);
    EXPECT_EQ(r.head, 2);
    EXPECT_EQ(r.query, 2);
    EXPECT_EQ(dialog.figureSize().pixels(), QSize(1600, 900));
    const QImage before = dialog.preview()->grab().toImage();
    EXPECT_FALSE(dialog.preview()->pageRect().isEmpty());
    // A 16:9 page keeps its shape in the preview.
    EXPECT_NEAR(dialog.preview()->pageRect().width() / dialog.preview()->pageRect().height(), 16.0 / 9, 0.02);
    dialog.viewBox()->setCurrentIndex(static_cast<int>(FigureView::Lesson));
    dialog.titleEdit()->setText(QStringLiteral("My lesson"));
    r = dialog.request();
    EXPECT_EQ(r.view, FigureView::Lesson);
    EXPECT_EQ(r.title, QStringLiteral("My lesson"));
    const QImage after = dialog.preview()->grab().toImage();
    EXPECT_NE(before, after) << "the preview follows the settings";
    EXPECT_FALSE(dialog.captionEdit()->placeholderText().isEmpty()) << "the default caption is shown as a hint";
}

TEST(ExportDialog, GridTokensBoxOnlyForTheGrid) {
    Window w;
    ExportFigureDialog dialog(&w.session());
    dialog.gridTokensBox()->setChecked(true);
    EXPECT_FALSE(dialog.gridTokensBox()->isEnabled()) << "the heatmap view has its tokens already";
    EXPECT_FALSE(dialog.request().gridTokens);
    dialog.viewBox()->setCurrentIndex(static_cast<int>(FigureView::Grid));
    EXPECT_TRUE(dialog.gridTokensBox()->isEnabled());
    EXPECT_TRUE(dialog.request().gridTokens);
    const QImage with = dialog.preview()->grab().toImage();
    dialog.gridTokensBox()->setChecked(false);
    EXPECT_FALSE(dialog.request().gridTokens);
    EXPECT_NE(dialog.preview()->grab().toImage(), with) << "the preview shows the tokens";
}

TEST(ExportDialog, UnitsConvertAndExportWritesTheFile) {
    Window w;
    ExportFigureDialog dialog(&w.session());
    dialog.dpiBox()->setValue(200);
    dialog.unitBox()->setCurrentIndex(static_cast<int>(SizeUnit::Inches));
    EXPECT_NEAR(dialog.widthBox()->value(), 8.0, 0.01);
    EXPECT_NEAR(dialog.heightBox()->value(), 4.5, 0.01);
    dialog.unitBox()->setCurrentIndex(static_cast<int>(SizeUnit::Centimetres));
    EXPECT_NEAR(dialog.widthBox()->value(), 20.32, 0.01);
    dialog.formatBox()->setCurrentIndex(static_cast<int>(FigureFormat::Png));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("fig.png"));
    QString error;
    ASSERT_TRUE(dialog.exportTo(path, &error)) << error.toStdString();
    const QImage image(path);
    EXPECT_EQ(image.size(), dialog.figureSize().pixels());
    EXPECT_EQ(image.size(), QSize(1600, 900));
    EXPECT_FALSE(dialog.exportTo(dir.filePath(QStringLiteral("missing/fig.png")), &error));
    EXPECT_TRUE(error.contains(QStringLiteral("does not exist"))) << error.toStdString();
}

TEST(ExportActions, CopyFigurePutsTheHeatmapOnTheClipboard) {
    Window w;
    const QImage image = heatmapFigureImage(w.session());
    EXPECT_EQ(image.size(), FigureSize{}.pixels());
    action(w.window, "copyFigureAction")->trigger();
    const QImage copied = QGuiApplication::clipboard()->image();
    if (copied.isNull()) GTEST_SKIP() << "this platform has no clipboard for images";
    EXPECT_EQ(copied.size(), image.size());
}

TEST(ExportActions, DataFilesHoldTheSessionsNumbers) {
    Window w;
    QTemporaryDir dir;
    const TracePtr trace = w.session().trace();
    const Matrix weights = trace->head(0, 2)->weights; // the selected head
    exportData(w.session(), DataExport::HeadNpy, dir.filePath(QStringLiteral("head.npy")));
    const QByteArray npy = readAll(dir.filePath(QStringLiteral("head.npy")));
    ASSERT_TRUE(npy.startsWith("\x93NUMPY"));
    const quint16 headerLength = qFromLittleEndian<quint16>(npy.constData() + 8);
    EXPECT_TRUE(npy.mid(10, headerLength).contains("'shape': (6, 6)"));
    for (int i = 0; i < 36; ++i)
        ASSERT_EQ(qFromLittleEndian<float>(npy.constData() + 10 + headerLength + 4 * i), weights(i / 6, i % 6)) << i;
    exportData(w.session(), DataExport::AllHeadsNpy, dir.filePath(QStringLiteral("all.npy")));
    EXPECT_TRUE(readAll(dir.filePath(QStringLiteral("all.npy"))).contains("'shape': (2, 4, 6, 6)"));
    exportData(w.session(), DataExport::MatrixCsv, dir.filePath(QStringLiteral("m.csv")));
    EXPECT_TRUE(readAll(dir.filePath(QStringLiteral("m.csv"))).startsWith("\"query \\ key\",The,cat,sat,on,the,mat\r\n"));
    exportData(w.session(), DataExport::TraceJson, dir.filePath(QStringLiteral("t.json")));
    EXPECT_TRUE(readAll(dir.filePath(QStringLiteral("t.json"))).startsWith("{"));
    EXPECT_THROW(exportData(w.session(), DataExport::MatrixCsv, dir.filePath(QStringLiteral("no/m.csv"))), Error);
}

TEST(ExportActions, DataFilesHoldTheLensShownNotTheWeights) {
    Window w;
    QTemporaryDir dir;
    for (MatrixKind kind : {MatrixKind::ValueWeighted, MatrixKind::Rollout}) {
        ViewOptions view = w.session().viewOptions();
        view.kind = kind;
        w.session().setViewOptions(view);
        const Matrix shown = matrixData(*w.session().trace(), 0, 2, kind).values; // what the heatmap draws
        ASSERT_NE(shown, w.session().trace()->head(0, 2)->weights);
        const QString path = dir.filePath(matrixKindName(kind) + QStringLiteral(".npy"));
        exportData(w.session(), DataExport::HeadNpy, path);
        const QByteArray npy = readAll(path);
        const quint16 headerLength = qFromLittleEndian<quint16>(npy.constData() + 8);
        for (int i = 0; i < 36; ++i)
            ASSERT_EQ(qFromLittleEndian<float>(npy.constData() + 10 + headerLength + 4 * i), shown(i / 6, i % 6))
                << matrixKindName(kind).toStdString() << " " << i;
    }
}

TEST(ExportActions, TheDifferenceOfTwoTextsIsWrittenOnlyWhereTheirTokensAlign) {
    Window w; // "The cat sat on the mat"
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("difference.csv"));
    EXPECT_THROW(exportData(w.session(), DataExport::DifferenceCsv, path), Error) << "no second text yet";
    Session* b = w.session().comparison();
    b->setText(QStringLiteral("The dog sat on the rug"));
    ASSERT_TRUE(test::waitForTrace(*b));
    exportData(w.session(), DataExport::DifferenceCsv, path);
    const Selection& sel = w.session().selection();
    const Matrix expected = b->trace()->head(sel.layer, sel.head)->weights - w.session().trace()->head(sel.layer, sel.head)->weights;
    const QList<QByteArray> lines = readAll(path).trimmed().split('\n');
    ASSERT_EQ(lines.size(), 7);
    EXPECT_TRUE(lines[0].contains("dog") && lines[0].contains("rug")) << "labelled with B's tokens";
    for (int i = 0; i < 6; ++i) {
        const QList<QByteArray> fields = lines[i + 1].trimmed().split(',');
        ASSERT_EQ(fields.size(), 7);
        for (int j = 0; j < 6; ++j) EXPECT_NEAR(fields[j + 1].toDouble(), expected(i, j), 1e-6) << i << "," << j;
    }
    b->setText(QStringLiteral("A dog"));
    ASSERT_TRUE(test::waitForTrace(*b));
    EXPECT_THROW(exportData(w.session(), DataExport::DifferenceCsv, dir.filePath(QStringLiteral("no.csv"))), Error);
    EXPECT_FALSE(QFile::exists(dir.filePath(QStringLiteral("no.csv"))));
}
