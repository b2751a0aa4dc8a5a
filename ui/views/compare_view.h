// SPDX-License-Identifier: MIT
#pragma once
// The Compare tab: a second text (B) beside the sentence above (A), both through the selected head, with
// their difference where the tokens align (compare_painter.h). B starts as a copy of A, so changing one
// word shows what that word changes.
#include "painters/compare_painter.h"
#include "views/painted_view.h"

#include <optional>

class QLineEdit;

namespace qkview::ui {

class CompareView : public PaintedView {
    Q_OBJECT
public:
    explicit CompareView(Session* session, QWidget* parent = nullptr);
    const std::optional<CompareScene>& scene() const { return m_scene; }

protected:
    void updateScene() override;
    void draw(QPainter& painter, const QRectF& bounds, const FigureStyle& style) override;

private:
    std::optional<CompareScene> m_scene;
    QString m_message; // why there is no scene
};

class ComparePanel : public QWidget {
    Q_OBJECT
public:
    explicit ComparePanel(Session* session, QWidget* parent = nullptr);
    QLineEdit* secondText() const { return m_text; }
    CompareView* view() const { return m_view; }

protected:
    void showEvent(QShowEvent* event) override;

private:
    Session* m_session;
    QLineEdit* m_text;
    CompareView* m_view;
};

} // namespace qkview::ui
