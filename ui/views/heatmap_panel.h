// SPDX-License-Identifier: MIT
#pragma once
// The heatmap with a slim bar above it: fit, zoom out and in, the zoom level, and the colour scale
// (fixed 0–1, each row ÷ its maximum, logarithmic), which is stored in the session's ViewOptions.
#include "session/session.h"

#include <QWidget>

class QComboBox;
class QLabel;

namespace qkview::ui {

class HeatmapView;

class HeatmapPanel : public QWidget {
    Q_OBJECT
public:
    HeatmapPanel(Session* session, HeatmapView* view, QWidget* parent = nullptr);

    QComboBox* scaleBox() const { return m_scale; }
    QLabel* zoomLabel() const { return m_zoom; }

private:
    void sync();
    Session* m_session;
    HeatmapView* m_view;
    QComboBox* m_scale;
    QLabel* m_zoom;
};

} // namespace qkview::ui
