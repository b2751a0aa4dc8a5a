// SPDX-License-Identifier: MIT
#include "views/heads_panel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <optional>

namespace qkview::ui {

namespace {
constexpr int kSortRole = Qt::UserRole; // the number a cell sorts by

// Sorts by its number, not its text ("10" after "9"; "—" for no induction score first).
class NumberItem : public QTableWidgetItem {
public:
    NumberItem(const QString& text, double number) : QTableWidgetItem(text) {
        setData(kSortRole, number);
        setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    bool operator<(const QTableWidgetItem& other) const override {
        return data(kSortRole).toDouble() < other.data(kSortRole).toDouble();
    }
};

QTableWidgetItem* scoreItem(std::optional<double> score) {
    return score ? new NumberItem(QString::number(*score, 'f', 2), *score) : new NumberItem(QStringLiteral("—"), -1);
}
} // namespace

HeadsPanel::HeadsPanel(Session* session, QWidget* parent)
    : QWidget(parent), m_session(session), m_grid(new HeadGridView(session)), m_table(new QTableWidget(0, Columns)),
      m_colorByType(new QCheckBox(tr("&Colour by type"))), m_repeat(new QPushButton(tr("&Repeat to probe"))) {
    m_colorByType->setToolTip(tr("Frame each head in the colour of the type its weights on this text show:\n"
                                 "previous token, first token, self or induction (at least 0.4 of its attention)"));
    m_repeat->setToolTip(tr("Append a copy of the text. On the copy, an induction head looks back at what followed\n"
                            "the same token the first time, so its induction score rises; Ctrl+Z takes it back."));
    auto* bar = new QHBoxLayout;
    bar->addWidget(m_colorByType);
    bar->addStretch();
    bar->addWidget(m_repeat);

    auto* area = new QScrollArea;
    area->setWidget(m_grid);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);

    m_table->setHorizontalHeaderLabels(
        {tr("Layer"), tr("Head"), tr("Type"), tr("Previous"), tr("First"), tr("Self"), tr("Induction"), tr("Name")});
    m_table->horizontalHeaderItem(Previous)->setToolTip(tr("Mean weight on the token just before"));
    m_table->horizontalHeaderItem(First)->setToolTip(tr("Mean weight on the first token"));
    m_table->horizontalHeaderItem(Self)->setToolTip(tr("Mean weight on the token itself"));
    m_table->horizontalHeaderItem(Induction)->setToolTip(
        tr("Mean weight on the token that followed this token's previous occurrence (— when nothing repeats)"));
    setAccessibleName(tr("Heads"));
    setAccessibleDescription(tr("Every head's attention as a thumbnail, and a table of every head's scores on this text"));
    m_table->setAccessibleName(tr("Head scores"));
    m_table->setToolTip(tr("Each head scored on this text; click a column to sort, a row to select the head"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(Name, QHeaderView::Stretch);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(Layer, Qt::AscendingOrder);

    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(area);
    split->addWidget(m_table);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(split, 1);

    connect(m_colorByType, &QCheckBox::toggled, m_grid, &HeadGridView::setColorByType);
    connect(m_repeat, &QPushButton::clicked, this, &HeadsPanel::repeatRequested);
    connect(m_grid, &HeadGridView::scoresChanged, this, &HeadsPanel::fillTable);
    connect(session, &Session::selectionChanged, this, &HeadsPanel::showSelectedHead);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &HeadsPanel::onRowChosen);
}

void HeadsPanel::fillTable() {
    const HeadGridScene& s = m_grid->scene();
    m_filling = true;
    const bool sorting = m_table->isSortingEnabled();
    m_table->setSortingEnabled(false); // rows stay where they are put while filling
    const int rows = static_cast<int>(s.scores.size());
    m_table->setRowCount(rows);
    for (int l = 0; l < s.layers; ++l)
        for (int h = 0; h < s.heads; ++h) {
            const int row = s.index(l, h);
            if (row >= rows) continue;
            const HeadScores& scores = s.scores[static_cast<size_t>(row)];
            const QString type = headType(scores);
            m_table->setItem(row, Layer, new NumberItem(QString::number(l), l));
            m_table->setItem(row, Head, new NumberItem(QString::number(h), h + l / 1e6)); // ties: by layer
            m_table->setItem(row, Name, new QTableWidgetItem(s.headNames.value(row)));
            m_table->setItem(row, Previous, scoreItem(scores.previousToken));
            m_table->setItem(row, First, scoreItem(scores.firstToken));
            m_table->setItem(row, Self, scoreItem(scores.self));
            m_table->setItem(row, Induction, scoreItem(scores.induction));
            auto* typeItem = new QTableWidgetItem(headTypeLabel(type));
            if (const QColor colour = headTypeColor(type); colour.isValid()) typeItem->setData(Qt::DecorationRole, colour);
            m_table->setItem(row, Type, typeItem);
        }
    m_table->setSortingEnabled(sorting); // re-sorts by the user's column
    m_filling = false;
    showSelectedHead();
}

void HeadsPanel::showSelectedHead() {
    const Selection& sel = m_session->selection();
    m_filling = true;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem* layer = m_table->item(row, Layer);
        const QTableWidgetItem* head = m_table->item(row, Head);
        if (layer && head && layer->text().toInt() == sel.layer && head->text().toInt() == sel.head) {
            m_table->selectRow(row);
            m_table->scrollToItem(m_table->item(row, Layer));
            break;
        }
    }
    m_filling = false;
}

void HeadsPanel::onRowChosen() {
    if (m_filling) return;
    const QList<QTableWidgetItem*> chosen = m_table->selectedItems();
    if (chosen.isEmpty()) return;
    const int row = chosen.front()->row();
    Selection sel = m_session->selection();
    sel.layer = m_table->item(row, Layer)->text().toInt();
    sel.head = m_table->item(row, Head)->text().toInt();
    m_session->setSelection(sel);
}

} // namespace qkview::ui
