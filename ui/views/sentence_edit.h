// SPDX-License-Identifier: MIT
#pragma once
// Where the sentence is typed. Every change goes to the session; the selected query token is
// highlighted inside the text itself. Undo takes back a word, or what was typed since a pause.
#include "session/session.h"

#include <QPlainTextEdit>

namespace qkview::ui {

class SentenceEdit : public QPlainTextEdit {
    Q_OBJECT
public:
    static constexpr int kUndoPauseMs = 800; // typing after a pause this long is a new undo step

    explicit SentenceEdit(Session* session, QWidget* parent = nullptr);
    QSize sizeHint() const override;

private:
    void highlightSelectedToken();
    Session* m_session;
};

} // namespace qkview::ui
