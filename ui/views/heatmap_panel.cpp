// SPDX-License-Identifier: MIT
#include "views/heatmap_panel.h"

#include "views/heatmap_view.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace qkview::ui {

HeatmapPanel::HeatmapPanel(Session* session, HeatmapView* view, QWidget* parent)
    : QWidget(parent), m_session(session), m_view(view), m_scale(new QComboBox), m_zoom(new QLabel) {
    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(4, 0, 4, 0);
    bar->setSpacing(2);
    const QList<QAction*> actions = view->zoomActions(); // in, out, fit
    const QStringList glyphs = {QStringLiteral("+"), QStringLiteral("−"), tr("Fit")};
    for (int i : {2, 1, 0}) {
        auto* button = new QToolButton;
        button->setDefaultAction(actions[i]);
        button->setText(glyphs[i]);
        button->setAutoRaise(true);
        button->setAccessibleName(actions[i]->text().remove(u'&')); // "−" and "+" say little read aloud
        bar->addWidget(button);
    }
    m_zoom->setMinimumWidth(m_zoom->fontMetrics().horizontalAdvance(tr("fit · 0.0 tokens per px")) + 8);
    m_zoom->setForegroundRole(QPalette::PlaceholderText);
    bar->addWidget(m_zoom);
    bar->addStretch();
    auto* label = new QLabel(tr("Colo&ur scale"));
    label->setBuddy(m_scale);
    m_scale->addItems({tr("fixed 0–1"), tr("÷ row max"), tr("log")});
    m_scale->setToolTip(tr("Fixed: the same colours in every row and head.\n"
                           "÷ row max: each row divided by its own maximum, so long texts' faint rows show their shape.\n"
                           "Log: weights from 0.0001 to 1 on a logarithmic scale."));
    m_scale->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_scale->setAccessibleName(tr("Colour scale"));
    bar->addWidget(label);
    bar->addWidget(m_scale);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(view, 1);

    connect(m_scale, &QComboBox::currentIndexChanged, this, [this](int index) {
        ViewOptions v = m_session->viewOptions();
        v.colorScale = static_cast<ColorScaleMode>(index);
        if (!(v == m_session->viewOptions())) m_session->setViewOptions(v);
    });
    connect(session, &Session::viewOptionsChanged, this, &HeatmapPanel::sync);
    connect(session, &Session::traceChanged, this, &HeatmapPanel::sync);
    connect(view, &HeatmapView::zoomChanged, this, &HeatmapPanel::sync);
    sync();
}

void HeatmapPanel::sync() {
    const QSignalBlocker block(m_scale);
    m_scale->setCurrentIndex(static_cast<int>(m_session->viewOptions().colorScale));
    m_zoom->setText(m_view->zoomText());
}

} // namespace qkview::ui
