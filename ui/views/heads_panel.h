// SPDX-License-Identifier: MIT
#pragma once
// The Heads tab: every head's thumbnail, optionally framed in the colour of its measured type; a table of
// every head's scores on this text, sortable by any of them; and "Repeat to probe", which asks for the text
// to be doubled so that induction heads (which copy what followed a token's last occurrence) show.
#include "views/head_grid_view.h"

#include <QWidget>

class QCheckBox;
class QPushButton;
class QTableWidget;

namespace qkview::ui {

class HeadsPanel : public QWidget {
    Q_OBJECT
public:
    explicit HeadsPanel(Session* session, QWidget* parent = nullptr);

    HeadGridView* grid() const { return m_grid; }
    QTableWidget* table() const { return m_table; }
    QCheckBox* colorByType() const { return m_colorByType; }
    QPushButton* repeatButton() const { return m_repeat; }

    enum Column { Layer, Head, Type, Previous, First, Self, Induction, Name, Columns };

Q_SIGNALS:
    void repeatRequested(); // the window appends a copy of the text (one undo step)

private:
    void fillTable();
    void showSelectedHead(); // selects the selected head's row
    void onRowChosen();

    Session* m_session;
    HeadGridView* m_grid;
    QTableWidget* m_table;
    QCheckBox* m_colorByType;
    QPushButton* m_repeat;
    bool m_filling = false;
};

} // namespace qkview::ui
