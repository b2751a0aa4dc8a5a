// SPDX-License-Identifier: MIT
#include "views/token_chips.h"

#include "painters/label_text.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

namespace qkview::ui {

namespace {
constexpr int kMaxChips = 400; // beyond this the row would be unreadable; the heatmap still shows all
}

TokenChips::TokenChips(Session* session, QWidget* parent) : QWidget(parent), m_session(session) {
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    const auto refresh = [this] {
        updateGeometry();
        update();
    };
    connect(session, &Session::traceChanged, this, refresh);
    connect(session, &Session::selectionChanged, this, refresh);
}

QStringList TokenChips::labels() const {
    QStringList out;
    if (const TracePtr& trace = m_session->trace())
        for (int i = 0; i < std::min(trace->tokenCount(), kMaxChips); ++i) out << tokenLabel(trace->tokens[i].text);
    return out;
}

std::vector<QRectF> TokenChips::chipRects(int width) const {
    const QFontMetricsF fm(font());
    const double h = fm.height() + 6, gap = 4;
    std::vector<QRectF> rects;
    double x = 0, y = 0;
    for (const QString& l : labels()) {
        const double w = fm.horizontalAdvance(l) + 12;
        if (x > 0 && x + w > width) {
            x = 0;
            y += h + gap;
        }
        rects.emplace_back(x, y, w, h);
        x += w + gap;
    }
    return rects;
}

int TokenChips::heightForWidth(int width) const {
    const auto rects = chipRects(width);
    return rects.empty() ? QFontMetrics(font()).height() + 6 : static_cast<int>(rects.back().bottom()) + 2;
}

QSize TokenChips::sizeHint() const { return {400, heightForWidth(std::max(width(), 400))}; }

void TokenChips::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const auto rects = chipRects(width());
    const QStringList text = labels();
    const int selected = m_session->selection().query;
    const QPalette& pal = palette();
    if (rects.empty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignLeft | Qt::AlignVCenter, tr("No tokens yet"));
        return;
    }
    for (size_t i = 0; i < rects.size(); ++i) {
        const bool on = static_cast<int>(i) == selected;
        p.setPen(on ? pal.color(QPalette::Highlight) : pal.color(QPalette::Mid));
        p.setBrush(on ? pal.color(QPalette::Highlight) : pal.color(QPalette::AlternateBase));
        p.drawRoundedRect(rects[i].adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
        p.setPen(on ? pal.color(QPalette::HighlightedText) : pal.color(QPalette::Text));
        p.drawText(rects[i], Qt::AlignCenter, text[static_cast<qsizetype>(i)]);
    }
}

int TokenChips::chipAt(const QPointF& pos) const {
    const auto rects = chipRects(width());
    for (size_t i = 0; i < rects.size(); ++i)
        if (rects[i].contains(pos)) return static_cast<int>(i);
    return -1;
}

void TokenChips::mousePressEvent(QMouseEvent* event) {
    const int chip = chipAt(event->position());
    if (chip < 0) return;
    Selection sel = m_session->selection();
    sel.query = chip;
    m_session->setSelection(sel);
}

bool TokenChips::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int chip = chipAt(help->pos());
        const TracePtr& trace = m_session->trace();
        if (chip >= 0 && trace) {
            const Token& t = trace->tokens[chip];
            QToolTip::showText(help->globalPos(), tr("“%1”  token %2, id %3, characters %4–%5")
                                                      .arg(t.text).arg(chip).arg(t.id).arg(t.start).arg(t.end));
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QWidget::event(event);
}

} // namespace qkview::ui
