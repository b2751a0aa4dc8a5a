// SPDX-License-Identifier: MIT
#include "values_painter.h"

#include "label_text.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QCoreApplication>
#include <QGraphicsScene>
#include <QLineSeries>
#include <QPainter>
#include <QStackedBarSeries>
#include <QValueAxis>

#include <algorithm>
#include <array>

namespace qkview::ui {

namespace {
constexpr int kMaxStacked = 7;  // keys with the largest weights get their own colour; the rest are summed
constexpr int kMaxDims = 32;    // longer value vectors show their first dims
// Okabe–Ito: distinct for readers with any common colour-vision deficiency.
constexpr std::array<QRgb, kMaxStacked> kKeyColours = {0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442,
                                                       0x0072B2, 0xD55E00, 0xCC79A7};

QString tr(const char* text) { return QCoreApplication::translate("qkview", text); }

void styleChart(QChart* chart, const FigureStyle& style, const QString& title) {
    chart->setBackgroundBrush(style.background);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setTitle(title);
    chart->setTitleBrush(style.foreground);
    chart->setTitleFont(style.font);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setLabelColor(style.foreground);
    chart->legend()->setFont(scaledFont(style.font, 0.85));
}

void styleAxis(QAbstractAxis* axis, const FigureStyle& style) {
    axis->setLabelsBrush(style.foreground);
    axis->setLabelsFont(scaledFont(style.font, 0.85));
    axis->setLinePenColor(style.muted);
    axis->setGridLineColor(style.muted.lighter(style.background.lightness() > 128 ? 160 : 60));
    axis->setTitleBrush(style.muted);
    axis->setTitleFont(scaledFont(style.font, 0.85));
}

QChart* weightsChart(const ValuesScene& s, const FigureStyle& style) {
    auto* chart = new QChart;
    styleChart(chart, style, tr("Weights of “%1” over the keys (they sum to 1)").arg(tokenLabel(s.query)));
    auto* set = new QBarSet(tr("weight"));
    set->setColor(Colormap::get(style.colormap == ColormapId::Diverging ? ColormapId::Viridis : style.colormap).at(0.45));
    QStringList categories;
    for (const Contribution& c : s.steps->contributions) {
        *set << static_cast<double>(c.weight);
        categories << tokenLabel(s.keys.value(c.key), 10);
    }
    auto* series = new QBarSeries;
    series->append(set);
    chart->addSeries(series);
    auto* x = new QBarCategoryAxis;
    x->append(categories);
    auto* y = new QValueAxis;
    y->setRange(0, 1);
    y->setTickCount(5);
    y->setLabelFormat(QStringLiteral("%.2f"));
    styleAxis(x, style);
    styleAxis(y, style);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    chart->legend()->hide();
    return chart;
}

QChart* contributionsChart(const ValuesScene& s, const FigureStyle& style) {
    auto* chart = new QChart;
    styleChart(chart, style, tr("Output of “%1” = Σ weight × value (stacked by key)").arg(tokenLabel(s.query)));
    std::vector<Contribution> order = s.steps->contributions;
    std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.weight > b.weight; });
    const auto dims = static_cast<int>(std::min<Eigen::Index>(s.steps->output.size(), kMaxDims));
    auto* stacked = new QStackedBarSeries;
    RowVector rest = RowVector::Zero(s.steps->output.size());
    for (size_t i = 0; i < order.size(); ++i) {
        if (static_cast<int>(i) >= kMaxStacked) {
            rest += order[i].contribution;
            continue;
        }
        auto* set = new QBarSet(QStringLiteral("%1 × v(%2)").arg(static_cast<double>(order[i].weight), 0, 'f', 2)
                                    .arg(tokenLabel(s.keys.value(order[i].key), 10)));
        set->setColor(QColor(kKeyColours[i]));
        set->setBorderColor(style.background);
        for (int d = 0; d < dims; ++d) *set << static_cast<double>(order[i].contribution[d]);
        stacked->append(set);
    }
    if (order.size() > static_cast<size_t>(kMaxStacked)) {
        auto* set = new QBarSet(tr("other keys"));
        set->setColor(style.muted);
        for (int d = 0; d < dims; ++d) *set << static_cast<double>(rest[d]);
        stacked->append(set);
    }
    chart->addSeries(stacked);
    auto* output = new QLineSeries;
    output->setName(tr("output"));
    output->setPen(QPen(style.foreground, 2));
    output->setPointsVisible(true);
    for (int d = 0; d < dims; ++d) output->append(d, static_cast<double>(s.steps->output[d]));
    chart->addSeries(output);
    auto* x = new QBarCategoryAxis;
    for (int d = 0; d < dims; ++d) x->append(QString::number(d));
    x->setTitleText(dims < s.steps->output.size() ? tr("value dimension (first %1)").arg(dims) : tr("value dimension"));
    auto* y = new QValueAxis;
    styleAxis(x, style);
    styleAxis(y, style);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries* series : chart->series()) {
        series->attachAxis(x);
        series->attachAxis(y);
    }
    y->applyNiceNumbers();
    chart->legend()->setAlignment(Qt::AlignRight);
    return chart;
}
} // namespace

ValuesScene valuesScene(const AttentionTrace& trace, int layer, int head, int query) {
    ValuesScene s;
    for (const Token& t : trace.tokens) s.keys << t.text;
    if (query >= 0 && query < trace.tokenCount()) {
        s.query = trace.tokens[query].text;
        s.steps = explainOutput(trace, layer, head, query);
    }
    return s;
}

void renderValues(QPainter& p, const ValuesScene& s, const QRectF& bounds, const FigureStyle& style) {
    p.save();
    p.fillRect(bounds, style.background);
    if (!s.steps) {
        p.setPen(style.muted);
        p.setFont(style.font);
        p.drawText(bounds, Qt::AlignCenter, tr("Select a query token to see what it pulls in."));
        p.restore();
        return;
    }
    // Charts live in a scene only while they draw; the scene owns and deletes them.
    QGraphicsScene scene;
    QChart* top = weightsChart(s, style);
    QChart* bottom = contributionsChart(s, style);
    scene.addItem(top);
    scene.addItem(bottom);
    const QSizeF half(bounds.width(), bounds.height() * 0.42);
    top->setGeometry(QRectF(QPointF(0, 0), half));
    bottom->setGeometry(QRectF(QPointF(0, half.height()), QSizeF(bounds.width(), bounds.height() - half.height())));
    scene.setSceneRect(0, 0, bounds.width(), bounds.height());
    p.setRenderHint(QPainter::Antialiasing);
    scene.render(&p, bounds, scene.sceneRect());
    p.restore();
}

} // namespace qkview::ui
