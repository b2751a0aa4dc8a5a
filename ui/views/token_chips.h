// SPDX-License-Identifier: MIT
#pragma once
// The tokens of the sentence as chips; the selected query's chip is highlighted, a click selects one.
#include "session/session.h"

#include <QWidget>

namespace qkview::ui {

class TokenChips : public QWidget {
    Q_OBJECT
public:
    explicit TokenChips(Session* session, QWidget* parent = nullptr);
    QSize sizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    // Chip rectangles for a given width, in token order.
    std::vector<QRectF> chipRects(int width) const;

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    bool event(QEvent* event) override;

private:
    QStringList labels() const;
    int chipAt(const QPointF& p) const;
    Session* m_session;
};

} // namespace qkview::ui
