// SPDX-License-Identifier: MIT
#pragma once
#include "views/painted_view.h"

namespace qkview::ui {

// What the model predicts, as bars: the most likely next tokens after the text (decoders), or for each
// [MASK] / <mask> the top guesses to fill it in (encoders with a masked-LM head). Clicking a guess asks
// for it to be put into the text.
class NextTokenView : public PaintedView {
    Q_OBJECT
public:
    explicit NextTokenView(Session* session, QWidget* parent = nullptr);

    struct Section {
        QString title;
        int maskPosition = -1; // the [MASK] token filled in; -1 for next-token predictions
        std::vector<Prediction> predictions;
    };
    const std::vector<Section>& sections() const { return m_sections; }
    // Where prediction `rank` of section `section` is drawn in bounds, for clicks and tests.
    QRectF predictionRect(size_t section, size_t rank, const QRectF& bounds) const;

Q_SIGNALS:
    // A prediction was clicked: fill mask token maskPosition with text, or append text when maskPosition is -1.
    void predictionChosen(int maskPosition, const QString& text);

protected:
    void updateScene() override;
    void draw(QPainter& painter, const QRectF& bounds, const FigureStyle& style) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;

private:
    // The prediction under pos as (section, rank), or (-1, -1).
    std::pair<int, int> predictionAt(const QPointF& pos) const;
    double rowHeight() const;
    double sectionTop(size_t section, const QRectF& bounds) const;

    std::vector<Section> m_sections;
    bool m_hasTrace = false;
    bool m_fillsMasks = false;
};

} // namespace qkview::ui
