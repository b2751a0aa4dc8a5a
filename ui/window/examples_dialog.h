// SPDX-License-Identifier: MIT
#pragma once
// Help → Examples: a list of examples with what each shows; Open (or a double click) asks for one.
#include "window/examples.h"

#include <QDialog>

class QListWidget;
class QLabel;

namespace qkview::ui {

class ExamplesDialog : public QDialog {
    Q_OBJECT
public:
    explicit ExamplesDialog(const std::vector<Example>& examples, QWidget* parent = nullptr);
    QListWidget* list() const { return m_list; }

Q_SIGNALS:
    void exampleChosen(const qkview::ui::Example& example);

private:
    void chooseCurrent();

    std::vector<Example> m_examples;
    QListWidget* m_list;
    QLabel* m_point;
};

} // namespace qkview::ui
