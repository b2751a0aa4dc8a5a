// SPDX-License-Identifier: MIT
#pragma once
// A live preview of a figure: the same composer as the export, scaled to fit, on a grey surround.
#include "figures/figure.h"

#include <QWidget>

namespace qkview::ui {

class FigurePreview : public QWidget {
    Q_OBJECT
public:
    explicit FigurePreview(QWidget* parent = nullptr);

    void setFigure(TracePtr trace, const FigureRequest& request, const FigureStyle& base);
    // Where the page was last drawn; empty before the first paint.
    QRectF pageRect() const { return m_page; }
    QSize sizeHint() const override { return {640, 400}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    TracePtr m_trace;
    FigureRequest m_request;
    FigureStyle m_base;
    QRectF m_page;
};

} // namespace qkview::ui
