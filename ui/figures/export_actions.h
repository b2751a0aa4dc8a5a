// SPDX-License-Identifier: MIT
#pragma once
// File-menu exports of the session's trace: Export Figure… (Ctrl+E), Copy Figure (Ctrl+Shift+C) and
// Export Data… (CSV, JSON, NumPy). Errors are shown in a message box; the window stays usable.
#include "figures/figure.h"
#include "session/session.h"

class QMenu;
class QMimeData;
class QWidget;

namespace qkview::ui {

// A figure of what the session shows now: its selection, matrix kind, colour map and numbers.
FigureRequest requestFromSession(const Session& session, FigureView view);

enum class DataExport { MatrixCsv, TraceJson, HeadNpy, AllHeadsNpy, DifferenceCsv };
// Writes the session's trace atomically; throws Error (Io naming the path, InvalidArgument without a trace).
// DifferenceCsv: B − A of the current head and matrix, the Compare tab's second text less the first, labelled
// with B's tokens; InvalidArgument unless both texts have as many tokens.
void exportData(const Session& session, DataExport what, const QString& path);

// The clipboard image of the current heatmap figure (print style). Null without a trace.
QImage heatmapFigureImage(const Session& session);
// The same figure for the clipboard as an image and as vectors (image/svg+xml, application/pdf), so it
// pastes into Inkscape or LibreOffice as shapes and text. Null without a trace; the caller owns it.
QMimeData* heatmapFigureMimeData(const Session& session);

// Adds the three actions to menu; parent owns the dialogs they open.
void addExportActions(QMenu* menu, QWidget* parent, Session* session);

} // namespace qkview::ui
