// SPDX-License-Identifier: MIT
#pragma once
#include "views/painted_view.h"

namespace qkview::ui {

// The model's most likely next tokens after the text, as bars (models with a vocabulary head).
class NextTokenView : public PaintedView {
    Q_OBJECT
public:
    explicit NextTokenView(Session* session, QWidget* parent = nullptr);

protected:
    void updateScene() override;
    void draw(QPainter& painter, const QRectF& bounds, const FigureStyle& style) override;

private:
    std::vector<Prediction> m_predictions;
    bool m_hasTrace = false;
};

} // namespace qkview::ui
