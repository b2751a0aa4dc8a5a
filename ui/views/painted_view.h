// SPDX-License-Identifier: MIT
#pragma once
// A view that draws one painter function of the session's trace and selection. The picture is
// cached and rebuilt only when the trace, the selection, the size or the palette changes.
#include "figures/figure_style.h"
#include "session/session.h"

#include <QPixmap>
#include <QWidget>

namespace qkview::ui {

class PaintedView : public QWidget {
    Q_OBJECT
public:
    explicit PaintedView(Session* session, QWidget* parent = nullptr);

protected:
    // Refresh the scene from the session (called on every change), then draw it.
    virtual void updateScene() = 0;
    virtual void draw(QPainter& painter, const QRectF& bounds, const FigureStyle& style) = 0;
    // Drawn over the cached picture at every repaint: hover marks and other transient things.
    virtual void drawOverlay(QPainter&) {}

    Session* session() const { return m_session; }
    FigureStyle style() const;
    void invalidate();

    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

    void showEvent(QShowEvent* event) override;
    // A new scene, then a repaint. A hidden view (a tab in the background) only notes that its scene is
    // stale and catches up when shown, so every keystroke pays only for the views on screen.
    void refresh();

private:
    Session* m_session;
    QPixmap m_cache;
    bool m_stale = false;
};

} // namespace qkview::ui
