// SPDX-License-Identifier: MIT
#include "figures/export_actions.h"
#include "session/preferences.h"

#include "base/error.h"
#include "figures/export_figure_dialog.h"
#include "figures/figure_exporter.h"
#include "painters/matrix_data.h"
#include "export/save_file.h"
#include "export/trace_export.h"
#include "export/trace_json.h"

#include <QAction>
#include <QClipboard>
#include <QFileDialog>
#include <QGuiApplication>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>

#include <utility>

namespace qkview::ui {

namespace {
QString tr(const char* text) { return QCoreApplication::translate("qkview", text); }

const TracePtr& requireTrace(const Session& session) {
    if (!session.trace()) throw Error(Error::Kind::InvalidArgument, tr("There is no trace yet: type a sentence first.").toStdString());
    return session.trace();
}

void exportDataDialog(QWidget* parent, Session* session) {
    const Selection& sel = session->selection();
    const QString matrix = matrixKindName(session->viewOptions().kind);
    QStringList filters = {
        tr("CSV: the current %1 matrix, layer %2 head %3 (*.csv)").arg(matrix).arg(sel.layer).arg(sel.head),
        tr("JSON: the whole trace, as qkview dump writes it (*.json)"),
        tr("NumPy: the current %1 matrix, (T, T) (*.npy)").arg(matrix),
        tr("NumPy: %1 of every head, stacked (L, NH, T, T) (*.npy)").arg(matrix),
    };
    const Session* comparison = std::as_const(*session).comparison();
    if (comparison && comparison->trace() && session->trace() &&
        comparison->trace()->tokenCount() == session->trace()->tokenCount())
        filters << tr("CSV: B − A of the %1 matrix, layer %2 head %3 (Compare tab) (*.csv)").arg(matrix).arg(sel.layer).arg(sel.head);
    QString chosen = filters.first();
    const QString suggested = QStringLiteral("qkview-%1-L%2H%3.csv").arg(matrix).arg(sel.layer).arg(sel.head);
    QString path = QFileDialog::getSaveFileName(parent, tr("Export Data"), suggested, filters.join(QStringLiteral(";;")), &chosen);
    if (path.isEmpty()) return;
    const auto what = static_cast<DataExport>(std::max<qsizetype>(0, filters.indexOf(chosen)));
    const QString suffix = what == DataExport::MatrixCsv || what == DataExport::DifferenceCsv ? QStringLiteral(".csv")
                           : what == DataExport::TraceJson ? QStringLiteral(".json") : QStringLiteral(".npy");
    if (!path.endsWith(suffix, Qt::CaseInsensitive)) path += suffix;
    try {
        exportData(*session, what, path);
    } catch (const Error& e) {
        QMessageBox::warning(parent, tr("Export Data"), tr("The data could not be exported.\n\n%1").arg(QString::fromUtf8(e.what())));
    }
}
} // namespace

FigureRequest requestFromSession(const Session& session, FigureView view) {
    FigureRequest r;
    r.view = view;
    const Selection& sel = session.selection();
    r.layer = sel.layer;
    r.head = sel.head;
    r.query = sel.query;
    r.key = sel.key;
    const ViewOptions& v = session.viewOptions();
    r.what = v.kind;
    r.colormap = v.colormap;
    r.numbers = v.numbersInCells;
    r.scale = v.colorScale;
    r.fontSize = Preferences::load().figureFontSize;
    return r;
}

void exportData(const Session& session, DataExport what, const QString& path) {
    const TracePtr& trace = requireTrace(session);
    const Selection& sel = session.selection();
    const MatrixKind kind = session.viewOptions().kind;
    QByteArray bytes;
    switch (what) {
    case DataExport::MatrixCsv: bytes = matrixToCsv(trace->tokens, shownMatrix(*trace, sel.layer, sel.head, kind)); break;
    case DataExport::TraceJson: bytes = traceToJson(*trace); break;
    case DataExport::HeadNpy: bytes = matrixToNpy(shownMatrix(*trace, sel.layer, sel.head, kind)); break;
    case DataExport::AllHeadsNpy:
        bytes = headsToNpy(*trace, [&](int layer, int head) { return shownMatrix(*trace, layer, head, kind); });
        break;
    case DataExport::DifferenceCsv: {
        const Session* comparison = session.comparison();
        const TracePtr second = comparison ? comparison->trace() : nullptr;
        if (!second || second->tokenCount() != trace->tokenCount())
            throw Error(Error::Kind::InvalidArgument,
                        tr("B − A needs a second text in the Compare tab with as many tokens as the first").toStdString());
        bytes = matrixToCsv(second->tokens, shownMatrix(*second, sel.layer, sel.head, kind) - shownMatrix(*trace, sel.layer, sel.head, kind));
        break;
    }
    }
    saveFileAtomically(path, bytes);
}

QImage heatmapFigureImage(const Session& session) {
    if (!session.trace()) return {};
    return FigureExporter(session.trace(), requestFromSession(session, FigureView::Heatmap)).image(FigureSize{});
}

QMimeData* heatmapFigureMimeData(const Session& session) {
    if (!session.trace()) return nullptr;
    const FigureExporter exporter(session.trace(), requestFromSession(session, FigureView::Heatmap));
    const FigureSize size;
    auto* data = new QMimeData;
    data->setImageData(exporter.image(size));
    data->setData(QStringLiteral("image/svg+xml"), exporter.encode(FigureFormat::Svg, size));
    data->setData(QStringLiteral("application/pdf"), exporter.encode(FigureFormat::Pdf, size));
    return data;
}

void addExportActions(QMenu* menu, QWidget* parent, Session* session) {
    QAction* figure = menu->addAction(tr("Export &Figure…"), parent, [parent, session] {
        if (!session->trace()) return;
        ExportFigureDialog dialog(session, parent);
        dialog.exec();
    });
    figure->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    figure->setObjectName(QStringLiteral("exportFigureAction"));
    QAction* copy = menu->addAction(tr("&Copy Figure"), parent, [parent, session] {
        try {
            if (QMimeData* data = heatmapFigureMimeData(*session)) QGuiApplication::clipboard()->setMimeData(data);
        } catch (const Error& e) {
            QMessageBox::warning(parent, tr("Copy Figure"), tr("The figure could not be made.\n\n%1").arg(QString::fromUtf8(e.what())));
        }
    });
    copy->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    copy->setObjectName(QStringLiteral("copyFigureAction"));
    QAction* data = menu->addAction(tr("Export &Data…"), parent, [parent, session] { exportDataDialog(parent, session); });
    data->setObjectName(QStringLiteral("exportDataAction"));
    // Nothing to export until there is a trace.
    const auto update = [figure, copy, data, session] {
        for (QAction* a : {figure, copy, data}) a->setEnabled(session->trace() != nullptr);
    };
    QObject::connect(session, &Session::traceChanged, figure, update);
    update();
}

} // namespace qkview::ui
