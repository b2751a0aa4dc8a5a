// SPDX-License-Identifier: MIT
#pragma once
#include <QTextBrowser>

namespace qkview::ui {

// Queries, keys, values and the formula explained in our words, tied to the panels on screen.
class HelpPanel : public QTextBrowser {
    Q_OBJECT
public:
    explicit HelpPanel(QWidget* parent = nullptr);
    static QString helpHtml();
};

} // namespace qkview::ui
