// SPDX-License-Identifier: MIT
#include "views/token_chips.h"

#include "painters/label_text.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>

namespace qkview::ui {

namespace {
constexpr double kGap = 4;
} // namespace

ChipLayout layoutChips(const std::vector<double>& widths, double width, double rowHeight, double gap) {
    ChipLayout l;
    l.pitch = rowHeight + gap;
    double x = 0;
    int row = 0;
    for (double w : widths) {
        if (x > 0 && x + w > width) {
            x = 0;
            ++row;
        }
        l.rects.emplace_back(x, row * l.pitch, w, rowHeight);
        l.rowOf.push_back(row);
        x += w + gap;
    }
    l.rows = widths.empty() ? 0 : row + 1;
    return l;
}

int firstRowShowing(int row, int first, int visible, int rows) {
    visible = std::max(1, visible);
    if (row >= 0) {
        if (row < first) first = row;
        else if (row >= first + visible) first = row - visible + 1;
    }
    return std::clamp(first, 0, std::max(0, rows - visible));
}

TokenChips::TokenChips(Session* session, QWidget* parent)
    : QWidget(parent), m_session(session), m_bar(new QScrollBar(Qt::Vertical, this)) {
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    setAccessibleName(tr("Tokens"));
    setAccessibleDescription(tr("The tokens of the sentence; the selected query is highlighted. Click one to make it the query."));
    setToolTip(tr("The sentence's tokens: click one to make it the query"));
    m_bar->hide();
    m_bar->setSingleStep(1);
    m_bar->setPageStep(kChipRows);
    connect(m_bar, &QScrollBar::valueChanged, this, &TokenChips::setFirstRow);
    connect(session, &Session::traceChanged, this, [this] {
        reload();
        showSelection();
    });
    connect(session, &Session::selectionChanged, this, [this] {
        showSelection();
        update();
    });
    reload();
}

double TokenChips::rowHeight() const { return QFontMetricsF(font()).height() + 6; }

double TokenChips::contentWidth() const {
    return std::max(1.0, width() - (m_bar->isVisibleTo(this) ? m_bar->sizeHint().width() + 2.0 : 0.0));
}

void TokenChips::reload() {
    m_labels.clear();
    m_widths.clear();
    const QFontMetricsF fm(font());
    if (font() != m_widthFont) { // widths are kept by label across traces, at one font
        m_labelWidths.clear();
        m_widthFont = font();
    }
    if (const TracePtr& trace = m_session->trace())
        for (const Token& t : trace->tokens) {
            m_labels << tokenLabel(t.text);
            m_widths.push_back(cachedWidth(fm, m_labels.constLast(), m_labelWidths) + 12);
        }
    relayout();
}

void TokenChips::relayout() {
    m_layout = layoutChips(m_widths, contentWidth(), rowHeight(), kGap);
    const bool scrolls = m_layout.rows > kChipRows;
    if (scrolls != m_bar->isVisibleTo(this)) { // the bar takes width: wrap again
        m_bar->setVisible(scrolls);
        m_layout = layoutChips(m_widths, contentWidth(), rowHeight(), kGap);
    }
    const int w = m_bar->sizeHint().width();
    m_bar->setGeometry(width() - w, 0, w, height());
    {
        const QSignalBlocker block(m_bar);
        m_bar->setRange(0, std::max(0, m_layout.rows - kChipRows));
    }
    setFirstRow(m_firstRow);
    if (shownRows() != m_shownRows) { // one more (or one less) row of chips: the strip grows or shrinks
        m_shownRows = shownRows();
        updateGeometry();
    }
    update();
}

int TokenChips::shownRows() const { return std::clamp(m_layout.rows, 1, kChipRows); }

void TokenChips::showSelection() {
    const int q = m_session->selection().query;
    const int row = q >= 0 && q < static_cast<int>(m_layout.rowOf.size()) ? m_layout.rowOf[static_cast<size_t>(q)] : -1;
    setFirstRow(firstRowShowing(row, m_firstRow, kChipRows, m_layout.rows));
}

void TokenChips::setFirstRow(int row) {
    row = std::clamp(row, 0, std::max(0, m_layout.rows - kChipRows));
    if (m_bar->value() != row) {
        const QSignalBlocker block(m_bar);
        m_bar->setValue(row);
    }
    if (row == m_firstRow) return;
    m_firstRow = row;
    update();
}

QSize TokenChips::sizeHint() const {
    return {400, static_cast<int>(std::ceil(m_shownRows * rowHeight() + (m_shownRows - 1) * kGap)) + 2};
}

std::vector<QRectF> TokenChips::chipRects() const {
    std::vector<QRectF> out = m_layout.rects;
    for (QRectF& r : out) r.translate(0, -m_firstRow * m_layout.pitch);
    return out;
}

void TokenChips::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    relayout();
    showSelection();
}

void TokenChips::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette& pal = palette();
    if (m_labels.isEmpty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(QRectF(0, 0, width(), rowHeight()), Qt::AlignLeft | Qt::AlignVCenter, tr("No tokens yet"));
        return;
    }
    const int selected = m_session->selection().query;
    const std::vector<QRectF> rects = chipRects();
    for (size_t i = 0; i < rects.size(); ++i) {
        const int row = m_layout.rowOf[i];
        if (row < m_firstRow || row >= m_firstRow + kChipRows) continue;
        const bool on = static_cast<int>(i) == selected;
        p.setPen(on ? pal.color(QPalette::Highlight) : pal.color(QPalette::Mid));
        p.setBrush(on ? pal.color(QPalette::Highlight) : pal.color(QPalette::AlternateBase));
        p.drawRoundedRect(rects[i].adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
        p.setPen(on ? pal.color(QPalette::HighlightedText) : pal.color(QPalette::Text));
        p.drawText(rects[i], Qt::AlignCenter, m_labels[static_cast<qsizetype>(i)]);
    }
}

int TokenChips::chipAt(const QPointF& pos) const {
    const std::vector<QRectF> rects = chipRects();
    for (size_t i = 0; i < rects.size(); ++i) {
        const int row = m_layout.rowOf[i];
        if (row >= m_firstRow && row < m_firstRow + kChipRows && rects[i].contains(pos)) return static_cast<int>(i);
    }
    return -1;
}

void TokenChips::mousePressEvent(QMouseEvent* event) {
    const int chip = chipAt(event->position());
    if (chip < 0) return;
    Selection sel = m_session->selection();
    sel.query = chip;
    m_session->setSelection(sel);
}

void TokenChips::wheelEvent(QWheelEvent* event) {
    if (m_layout.rows <= kChipRows) return event->ignore();
    const int notches = event->angleDelta().y() / 120;
    setFirstRow(m_firstRow - (notches != 0 ? notches : (event->angleDelta().y() > 0 ? 1 : -1)));
    event->accept();
}

bool TokenChips::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int chip = chipAt(help->pos());
        const TracePtr& trace = m_session->trace();
        if (chip >= 0 && trace && chip < trace->tokenCount()) {
            const Token& t = trace->tokens[static_cast<size_t>(chip)];
            QToolTip::showText(help->globalPos(), tr("“%1”  token %2, id %3, characters %4–%5")
                                                      .arg(t.text).arg(chip).arg(t.id).arg(t.start).arg(t.end));
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    if (event->type() == QEvent::FontChange) reload();
    return QWidget::event(event);
}

} // namespace qkview::ui
