// SPDX-License-Identifier: MIT
#include "window/examples_dialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace qkview::ui {

ExamplesDialog::ExamplesDialog(const std::vector<Example>& examples, QWidget* parent)
    : QDialog(parent), m_examples(examples), m_list(new QListWidget(this)), m_point(new QLabel(this)) {
    setWindowTitle(tr("Examples"));
    m_list->setAccessibleName(tr("Examples"));
    for (const Example& e : m_examples) {
        auto* item = new QListWidgetItem(e.title, m_list);
        item->setToolTip(e.text);
    }
    m_point->setWordWrap(true);
    m_point->setMinimumHeight(m_point->fontMetrics().lineSpacing() * 4);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &ExamplesDialog::chooseCurrent);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::itemActivated, this, &ExamplesDialog::chooseCurrent);
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row < 0 || row >= static_cast<int>(m_examples.size())) return;
        const Example& e = m_examples[static_cast<size_t>(row)];
        m_point->setText(tr("<p>%1</p><p><i>%2</i> · %3 model</p>")
                             .arg(e.point.toHtmlEscaped(), e.text.left(160).toHtmlEscaped(), e.model));
    });
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Each example opens the model, text and head that make its point."), this));
    layout->addWidget(m_list, 1);
    layout->addWidget(m_point);
    layout->addWidget(buttons);
    resize(560, 420);
    if (!m_examples.empty()) m_list->setCurrentRow(0);
}

void ExamplesDialog::chooseCurrent() {
    const int row = m_list->currentRow();
    if (row < 0 || row >= static_cast<int>(m_examples.size())) return;
    Q_EMIT exampleChosen(m_examples[static_cast<size_t>(row)]);
    accept();
}

} // namespace qkview::ui
