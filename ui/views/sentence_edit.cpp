// SPDX-License-Identifier: MIT
#include "views/sentence_edit.h"

#include <QTimer>

namespace qkview::ui {

SentenceEdit::SentenceEdit(Session* session, QWidget* parent) : QPlainTextEdit(parent), m_session(session) {
    setPlaceholderText(tr("Type a sentence, e.g. The cat sat on the mat"));
    setAccessibleName(tr("Sentence"));
    setToolTip(tr("Type any text: every view follows each keystroke. Tab moves on to the controls."));
    setTabChangesFocus(true);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 1.25);
    setFont(f);
    setPlainText(session->text());
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setFixedHeight(sizeHint().height());
    connect(this, &QPlainTextEdit::textChanged, this, [this] { m_session->setText(toPlainText()); });

    // One undo step per word or pause. QTextDocument merges each typed character into the insertion before it
    // while the document counts as modified, so marking it unmodified after a space or a pause starts a new step.
    auto* pause = new QTimer(this);
    pause->setSingleShot(true);
    pause->setInterval(kUndoPauseMs);
    connect(pause, &QTimer::timeout, this, [this] { document()->setModified(false); });
    connect(document(), &QTextDocument::contentsChange, this, [this, pause](int position, int removed, int added) {
        if (removed == 0 && added == 1 && document()->characterAt(position).isSpace()) document()->setModified(false);
        pause->start();
    });
    connect(session, &Session::traceChanged, this, &SentenceEdit::highlightSelectedToken);
    connect(session, &Session::selectionChanged, this, &SentenceEdit::highlightSelectedToken);
}

QSize SentenceEdit::sizeHint() const {
    const int line = fontMetrics().lineSpacing();
    return {400, line * 2 + 2 * frameWidth() + 12};
}

void SentenceEdit::highlightSelectedToken() {
    QList<QTextEdit::ExtraSelection> selections;
    const TracePtr& trace = m_session->trace();
    const int q = m_session->selection().query;
    // Only while the trace belongs to the text shown; during typing the next trace is on its way.
    if (trace && q >= 0 && q < trace->tokenCount() && trace->text == toPlainText()) {
        const Token& t = trace->tokens[q];
        QTextEdit::ExtraSelection s;
        s.cursor = QTextCursor(document());
        s.cursor.setPosition(t.utf16Start);
        s.cursor.setPosition(t.utf16End, QTextCursor::KeepAnchor);
        s.format.setBackground(palette().color(QPalette::Highlight));
        s.format.setForeground(palette().color(QPalette::HighlightedText));
        selections << s;
    }
    setExtraSelections(selections);
}

} // namespace qkview::ui
