// SPDX-License-Identifier: MIT
#include "views/compare_view.h"

#include "base/error.h"

#include <QFormLayout>
#include <QLineEdit>
#include <QPainter>
#include <QVBoxLayout>

namespace qkview::ui {

CompareView::CompareView(Session* session, QWidget* parent) : PaintedView(session, parent) {
    setMinimumSize(320, 240);
    setAccessibleName(tr("Two texts compared"));
    setAccessibleDescription(tr("The selected head on the sentence (A) and on the second text (B), and B − A where "
                                "their tokens align"));
    connect(session->comparison(), &Session::traceChanged, this, &CompareView::refresh);
}

void CompareView::updateScene() {
    m_scene.reset();
    const TracePtr& first = session()->trace();
    const TracePtr& second = session()->comparison()->trace();
    const Selection& sel = session()->selection();
    if (!first || !second) {
        m_message = session()->comparison()->text().trimmed().isEmpty() ? tr("Type a second text above to compare.")
                                                                         : tr("Computing…");
        return;
    }
    try {
        m_scene = compareScene(*first, *second, sel.layer, sel.head, session()->viewOptions().kind,
                               session()->viewOptions().colorScale);
    } catch (const Error&) {
        m_message = tr("Computing…"); // the second text is still on the previous model
    }
}

void CompareView::draw(QPainter& p, const QRectF& bounds, const FigureStyle& style) {
    p.fillRect(bounds, style.background);
    if (m_scene) return renderCompare(p, *m_scene, bounds.adjusted(8, 8, -8, -8), style);
    p.setPen(style.muted);
    p.drawText(bounds.adjusted(24, 24, -24, -24), Qt::AlignCenter | Qt::TextWordWrap, m_message);
}

ComparePanel::ComparePanel(Session* session, QWidget* parent)
    : QWidget(parent), m_session(session), m_text(new QLineEdit), m_view(new CompareView(session)) {
    setAccessibleName(tr("Compare"));
    setAccessibleDescription(tr("A second text through the same head, side by side with the sentence above"));
    m_text->setPlaceholderText(tr("A second text, e.g. a minimal pair of the sentence above"));
    m_text->setToolTip(tr("Text B. It starts as a copy of the sentence above (A): change a word to see what the\n"
                          "selected head does differently. Where A and B have as many tokens, B − A is shown too."));
    m_text->setAccessibleName(tr("Second text"));
    m_text->setClearButtonEnabled(true);
    auto* form = new QFormLayout;
    form->addRow(tr("Text &B"), m_text);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(form);
    layout->addWidget(m_view, 1);
    connect(m_text, &QLineEdit::textChanged, session->comparison(), &Session::setText);
}

void ComparePanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (m_text->text().isEmpty() && !m_session->text().isEmpty()) m_text->setText(m_session->text().simplified());
}

} // namespace qkview::ui
