// SPDX-License-Identifier: MIT
#pragma once
// The tokens of the sentence as chips; the selected query's chip is highlighted, a click selects one.
// A strip as tall as its rows of chips, at most kChipRows: a short sentence leaves no empty band below it,
// and the window moves only when the chips wrap to a new row, never as a long text grows further.
// Longer texts scroll (wheel, scroll bar) and the selected query's row is kept in view.
#include "painters/label_text.h"
#include "session/session.h"

#include <QWidget>

#include <vector>

class QScrollBar;

namespace qkview::ui {

inline constexpr int kChipRows = 3;

// Chips wrapped into rows: a pure layout, tested without painting.
struct ChipLayout {
    std::vector<QRectF> rects; // in content coordinates: row r starts at y = r × pitch
    std::vector<int> rowOf;    // per chip
    int rows = 0;
    double pitch = 0;          // row height + gap
};
ChipLayout layoutChips(const std::vector<double>& widths, double width, double rowHeight, double gap);
// The first visible row that shows `row` among `visible` rows, moving from `first` as little as possible.
int firstRowShowing(int row, int first, int visible, int rows);

class TokenChips : public QWidget {
    Q_OBJECT
public:
    explicit TokenChips(Session* session, QWidget* parent = nullptr);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }
    // Chip rectangles in widget coordinates (scrolled), in token order; chips off the strip are outside rect().
    std::vector<QRectF> chipRects() const;
    int firstVisibleRow() const { return m_firstRow; }
    int rowCount() const { return m_layout.rows; }
    const ChipLayout& chipLayout() const { return m_layout; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    bool event(QEvent* event) override;

private:
    void reload();         // labels and widths of a new trace
    void relayout();       // rows for the current width
    void showSelection();  // scroll so the selected query's row is visible
    void setFirstRow(int row);
    double rowHeight() const;
    int shownRows() const; // rows of chips the strip is tall: 1 to kChipRows
    double contentWidth() const;
    int chipAt(const QPointF& p) const;

    Session* m_session;
    QScrollBar* m_bar;
    QStringList m_labels;
    std::vector<double> m_widths;
    LabelWidthCache m_labelWidths; // chip label → text width at m_widthFont
    QFont m_widthFont;
    ChipLayout m_layout;
    int m_firstRow = 0;
    int m_shownRows = 1;
};

} // namespace qkview::ui
