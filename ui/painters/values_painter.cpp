// SPDX-License-Identifier: MIT
#include "painters/values_painter.h"

#include "painters/label_text.h"

#include "lenses/lenses.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QCoreApplication>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QScatterSeries>
#include <QPainter>
#include <QStackedBarSeries>
#include <QValueAxis>

#include <algorithm>
#include <array>
#include <cmath>

namespace qkview::ui {

namespace {
constexpr int kMaxStacked = 7;  // keys with the largest weights get their own colour; the rest are summed
constexpr int kMaxDims = 32;    // longer value vectors show their first dims
constexpr double kLabelPadding = 4; // Qt Charts pads each axis label by this much above and below
// Okabe–Ito: distinct for readers with any common colour-vision deficiency.
constexpr std::array<QRgb, kMaxStacked> kKeyColours = {0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442,
                                                       0x0072B2, 0xD55E00, 0xCC79A7};

QString tr(const char* text) { return QCoreApplication::translate("qkview", text); }

void styleChart(QChart* chart, const FigureStyle& style) {
    chart->setBackgroundBrush(style.background);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->layout()->setContentsMargins(0, 0, 0, 0); // the margins above are enough; small charts need the room
    chart->setTitleBrush(style.foreground);
    chart->setTitleFont(style.font);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setLabelColor(style.foreground);
    chart->legend()->setFont(scaledFont(style.font, 0.85));
}

void styleAxis(QAbstractAxis* axis, const FigureStyle& style) {
    axis->setLabelsBrush(style.foreground);
    axis->setLinePenColor(style.muted);
    axis->setGridLineColor(style.muted.lighter(style.background.lightness() > 128 ? 160 : 60));
    axis->setTitleBrush(style.muted);
}

QColor weightColour(const FigureStyle& style) {
    return Colormap::get(style.colormap == ColormapId::Diverging ? ColormapId::Viridis : style.colormap).at(0.45);
}

// Beside the weights, a colour of its own (Okabe–Ito vermilion) that prints and reads apart from the map's.
QColor movedColour(const FigureStyle& style) {
    return style.background.lightness() > 128 ? QColor(0xD5, 0x5E, 0x00) : QColor(0xF0, 0xA0, 0x60);
}

// The first of the texts that fits width, else the last.
QString firstThatFits(const QStringList& texts, const QFontMetricsF& fm, double width) {
    for (const QString& t : texts)
        if (fm.horizontalAdvance(t) <= width) return t;
    return texts.back();
}

// Replaces a bar set's values, in place when the count is unchanged.
void setValues(QBarSet* set, const QList<qreal>& values) {
    if (set->count() != values.size()) {
        set->remove(0, set->count());
        set->append(values);
        return;
    }
    for (qsizetype i = 0; i < values.size(); ++i)
        if (set->at(i) != values[i]) set->replace(i, values[i]);
}

void attach(QChart* chart, QAbstractSeries* series, QAbstractAxis* x, QAbstractAxis* y) {
    chart->addSeries(series);
    series->attachAxis(x);
    series->attachAxis(y);
}
} // namespace

ValuesScene valuesScene(const AttentionTrace& trace, int layer, int head, int query) {
    ValuesScene s;
    for (const Token& t : trace.tokens) s.keys << t.text;
    if (query >= 0 && query < trace.tokenCount()) {
        s.query = trace.tokens[query].text;
        s.steps = explainOutput(trace, layer, head, query);
        const RowVector norms = valueNorms(trace, layer, head);
        double total = 0;
        for (const Contribution& c : s.steps->contributions) {
            s.moved.push_back(static_cast<double>(c.weight) * norms[c.key]);
            total += s.moved.back();
        }
        if (total > 0)
            for (double& m : s.moved) m /= total;
    }
    return s;
}

ValuesCharts::ValuesCharts()
    : m_weights(new QChart), m_weightSeries(new QBarSeries), m_weightSet(new QBarSet(tr("weight"))),
      m_movedSet(new QBarSet(tr("share of what is moved (weight × ‖v W_O‖)"))),
      m_weightKeys(new QBarCategoryAxis), m_weightAxis(new QValueAxis), m_contributions(new QChart),
      m_stacked(new QStackedBarSeries), m_output(new QScatterSeries), m_dims(new QBarCategoryAxis),
      m_valueAxis(new QValueAxis) {
    m_weightSeries->append(m_weightSet);
    m_weightSeries->append(m_movedSet);
    m_weights->addAxis(m_weightKeys, Qt::AlignBottom);
    m_weights->addAxis(m_weightAxis, Qt::AlignLeft);
    attach(m_weights, m_weightSeries, m_weightKeys, m_weightAxis);
    m_weightAxis->setRange(0, 1);
    m_weightAxis->setLabelFormat(QStringLiteral("%.2f"));
    m_weights->legend()->setAlignment(Qt::AlignTop);

    m_output->setName(tr("output"));
    m_output->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    m_contributions->addAxis(m_dims, Qt::AlignBottom);
    m_contributions->addAxis(m_valueAxis, Qt::AlignLeft);
    attach(m_contributions, m_stacked, m_dims, m_valueAxis);
    attach(m_contributions, m_output, m_dims, m_valueAxis);
    m_contributions->legend()->setAlignment(Qt::AlignRight);
    m_scene.addItem(m_weights);
    m_scene.addItem(m_contributions);
}

ValuesCharts::~ValuesCharts() = default;

void ValuesCharts::applyStyle(const FigureStyle& style) {
    if (m_style && m_style->background == style.background && m_style->foreground == style.foreground &&
        m_style->font == style.font && m_style->colormap == style.colormap)
        return;
    m_style = style;
    m_text.labelScale = 0; // fonts follow the style: applyText sets them again
    styleChart(m_weights, style);
    styleChart(m_contributions, style);
    for (QAbstractAxis* axis : {static_cast<QAbstractAxis*>(m_weightKeys), static_cast<QAbstractAxis*>(m_weightAxis),
                                static_cast<QAbstractAxis*>(m_dims), static_cast<QAbstractAxis*>(m_valueAxis)})
        styleAxis(axis, style);
    m_weightSet->setColor(weightColour(style));
    m_weightSet->setBorderColor(weightColour(style));
    m_movedSet->setColor(movedColour(style));
    m_movedSet->setBorderColor(movedColour(style));
    m_output->setColor(style.foreground);
    m_output->setBorderColor(style.background);
    m_output->setMarkerSize(QFontMetricsF(style.font).height() * 0.6);
}

void ValuesCharts::applyText(const ChartText& text) {
    if (text.labelScale == m_text.labelScale && text.axisTitle == m_text.axisTitle) return;
    m_text = text;
    const QFont font = scaledFont(m_style->font, text.labelScale);
    for (QAbstractAxis* axis : {static_cast<QAbstractAxis*>(m_weightKeys), static_cast<QAbstractAxis*>(m_weightAxis),
                                static_cast<QAbstractAxis*>(m_dims), static_cast<QAbstractAxis*>(m_valueAxis)}) {
        axis->setLabelsFont(font);
        axis->setTitleFont(font);
    }
    m_contributions->legend()->setFont(font);
    m_weights->legend()->setFont(font);
    m_dims->setTitleVisible(text.axisTitle);
}

ChartText chartText(double chartHeight, double lineHeight, double minScale) {
    ChartText out;
    const double lines = lineHeight > 0 ? chartHeight / lineHeight : kRoomyChartLines;
    out.labelScale = std::clamp(0.85 * lines / kRoomyChartLines, std::min(0.85, minScale), 0.85);
    out.axisTitle = lines >= kAxisTitleLines;
    return out;
}

int valueAxisTicks(double plotHeight, double labelHeight, int maxTicks) {
    const double pitch = labelHeight + 2 * kLabelPadding;
    const int fits = pitch > 0 ? static_cast<int>(std::floor(plotHeight / pitch)) : maxTicks;
    return std::clamp(fits, 2, std::max(2, maxTicks));
}

AxisRange roundAxisRange(double low, double high, int maxTicks) {
    if (!std::isfinite(low) || !std::isfinite(high)) return {};
    if (!(high > low)) high = low + 1;
    // Rounding out may add a step at each end: take larger steps until the widened range has maxTicks at most.
    maxTicks = std::max(2, maxTicks);
    for (double step = niceStep(low, high, maxTicks);; step = niceStep(0, step * 1.01, 2)) { // the next round step
        const double from = std::floor(low / step + 1e-9) * step, to = std::ceil(high / step - 1e-9) * step;
        const int ticks = static_cast<int>(std::lround((to - from) / step)) + 1;
        if (ticks <= maxTicks) return {from, to, ticks};
        // One step spans the range and still needs 3 ticks (it straddles a multiple): only the ends, both round.
        if (step >= high - low) return {from, to, 2};
    }
}

WeightChartKeys weightChartKeys(const std::vector<double>& weights, const std::vector<double>& labelWidths, double width,
                                double lineHeight) {
    WeightChartKeys out;
    const int n = static_cast<int>(weights.size());
    double sideBySide = 0;
    for (double w : labelWidths) sideBySide = std::max(sideBySide, w + lineHeight * 0.6);
    for (int i = 0; i < n; ++i) out.shown.push_back(i);
    if (n * sideBySide <= width) return out;
    out.upright = true;
    const int fits = std::max(1, static_cast<int>(width / (lineHeight * 1.5)));
    if (n <= fits) return out;
    std::stable_sort(out.shown.begin(), out.shown.end(), [&](int a, int b) { return weights[static_cast<size_t>(a)] > weights[static_cast<size_t>(b)]; });
    out.shown.resize(static_cast<size_t>(fits));
    std::sort(out.shown.begin(), out.shown.end());
    return out;
}

void ValuesCharts::fillWeights(const ValuesScene& s, double width, double height) {
    const QFontMetricsF fm(scaledFont(m_style->font, m_text.labelScale));
    std::vector<double> weights, strongest, labelWidths; // strongest: the larger of weight and share moved
    QStringList labels;
    const auto movedOf = [&s](size_t i) { return i < s.moved.size() ? s.moved[i] : 0.0; };
    for (const Contribution& c : s.steps->contributions) {
        weights.push_back(static_cast<double>(c.weight));
        strongest.push_back(std::max(weights.back(), movedOf(weights.size() - 1)));
        labels << tokenLabel(s.keys.value(c.key), 10);
        labelWidths.push_back(fm.horizontalAdvance(labels.constLast()));
    }
    // The plot area is the chart less its value axis and margins.
    const WeightChartKeys keys = weightChartKeys(strongest, labelWidths, std::max(1.0, width - fm.height() * 5), fm.height());
    const int n = static_cast<int>(weights.size()), shown = static_cast<int>(keys.shown.size());
    // A short chart has no room for the legend: its title names the two bars instead.
    const bool legend = height >= kRoomyChartLines * QFontMetricsF(m_style->font).height();
    m_weights->legend()->setVisible(legend);
    const QString query = tokenLabel(s.query);
    const QString keysPart = shown < n ? tr("its %1 strongest of %2 keys, in text order").arg(shown).arg(n) : tr("each key");
    const QStringList titles =
        legend ? QStringList{tr("What “%1” takes from %2 (each kind sums to 1)").arg(query, keysPart),
                             tr("What “%1” takes from %2").arg(query, keysPart)}
               : QStringList{tr("“%1” from %2: weight (left bar), share moved (right)").arg(query, keysPart),
                             tr("“%1”: weight (left bar), share moved (right)").arg(query)};
    m_weights->setTitle(firstThatFits(titles, QFontMetricsF(m_style->font), width - 16));
    QList<qreal> values, moved;
    QStringList categories;
    for (int i : keys.shown) {
        values << weights[static_cast<size_t>(i)];
        moved << movedOf(static_cast<size_t>(i));
        // Categories must be unique: a repeated token gets invisible zero-width spaces.
        QString label = labels[i];
        while (categories.contains(label)) label += QChar(0x200B);
        categories << label;
    }
    setValues(m_weightSet, values);
    setValues(m_movedSet, moved);
    if (m_weightKeys->categories() != categories) m_weightKeys->setCategories(categories);
    m_weightKeys->setLabelsAngle(keys.upright ? -90 : 0);
    m_weightKeys->setTruncateLabels(false); // the rule above already made room for every label
}

void ValuesCharts::fillContributions(const ValuesScene& s, double width) {
    // The short title where the long one would be elided.
    const QString title = tr("Output of “%1” = Σ weight × value (stacked by key)").arg(tokenLabel(s.query));
    const bool fits = QFontMetricsF(m_style->font).horizontalAdvance(title) <= width - 16;
    m_contributions->setTitle(fits ? title : tr("Output of “%1” = Σ weight × value").arg(tokenLabel(s.query)));
    std::vector<Contribution> order = s.steps->contributions;
    std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.weight > b.weight; });
    const auto dims = static_cast<int>(std::min<Eigen::Index>(s.steps->output.size(), kMaxDims));
    const auto barsOf = [dims](const RowVector& v) {
        QList<qreal> out;
        for (int d = 0; d < dims; ++d) out << static_cast<double>(v[d]);
        return out;
    };
    // One bar set per stacked key, then "other keys": sets are refilled in place, since creating
    // them (and their legend markers) is what makes Qt Charts slow.
    struct Stack {
        QString label;
        QColor colour;
        QList<qreal> values;
    };
    std::vector<Stack> stacks;
    RowVector rest = RowVector::Zero(s.steps->output.size());
    for (size_t i = 0; i < order.size(); ++i) {
        if (static_cast<int>(i) >= kMaxStacked) {
            rest += order[i].contribution;
            continue;
        }
        stacks.push_back({QStringLiteral("%1 × v(%2)").arg(static_cast<double>(order[i].weight), 0, 'f', 2)
                              .arg(tokenLabel(s.keys.value(order[i].key), 10)),
                          QColor(kKeyColours[i]), barsOf(order[i].contribution)});
    }
    if (order.size() > static_cast<size_t>(kMaxStacked)) stacks.push_back({tr("other keys"), m_style->muted, barsOf(rest)});
    while (m_stacked->count() > static_cast<int>(stacks.size())) m_stacked->remove(m_stacked->barSets().constLast());
    while (m_stacked->count() < static_cast<int>(stacks.size())) m_stacked->append(new QBarSet(QString()));
    const QList<QBarSet*> sets = m_stacked->barSets();
    for (size_t i = 0; i < stacks.size(); ++i) {
        QBarSet* set = sets[static_cast<qsizetype>(i)];
        if (set->label() != stacks[i].label) set->setLabel(stacks[i].label);
        if (set->color() != stacks[i].colour) set->setColor(stacks[i].colour);
        if (set->borderColor() != m_style->background) set->setBorderColor(m_style->background);
        setValues(set, stacks[i].values);
    }
    QList<QPointF> points;
    for (int d = 0; d < dims; ++d) points << QPointF(d, static_cast<double>(s.steps->output[d]));
    m_output->replace(points);
    QStringList dimNames;
    for (int d = 0; d < dims; ++d) dimNames << QString::number(d);
    if (m_dims->categories() != dimNames) m_dims->setCategories(dimNames);
    m_dims->setTitleText(dims < s.steps->output.size() ? tr("value dimension (first %1)").arg(dims)
                                                       : tr("value dimension"));
    // Stacked bars reach beyond the output where contributions have mixed signs: fit both.
    double low = 0, high = 0;
    for (int d = 0; d < dims; ++d) {
        double up = 0, down = 0;
        for (const Contribution& c : order) (c.contribution[d] > 0 ? up : down) += static_cast<double>(c.contribution[d]);
        low = std::min({low, down, static_cast<double>(s.steps->output[d])});
        high = std::max({high, up, static_cast<double>(s.steps->output[d])});
    }
    m_valueLow = low;
    m_valueHigh = high;
}

void ValuesCharts::fitTicks() {
    const double label = QFontMetricsF(scaledFont(m_style->font, m_text.labelScale)).height();
    // Weights run 0–1: 5, 3 or 2 ticks keep them round (0.25, 0.5 or 1 apart).
    const int weightTicks = valueAxisTicks(m_weights->plotArea().height(), label);
    m_weightAxis->setTickCount(weightTicks >= 5 ? 5 : std::min(weightTicks, 3));
    const AxisRange range = roundAxisRange(m_valueLow, m_valueHigh, valueAxisTicks(m_contributions->plotArea().height(), label));
    m_valueAxis->setRange(range.low, range.high);
    m_valueAxis->setTickCount(range.ticks);
    // Qt lays the axes out again on its next event; the figure is painted before that.
    m_weights->layout()->activate();
    m_contributions->layout()->activate();
}

void ValuesCharts::render(QPainter& p, const ValuesScene& s, const QRectF& bounds, const FigureStyle& style) {
    p.save();
    p.fillRect(bounds, style.background);
    if (!s.steps) {
        p.setPen(style.muted);
        p.setFont(style.font);
        p.drawText(bounds, Qt::AlignCenter, tr("Select a query token to see what it pulls in."));
        p.restore();
        return;
    }
    applyStyle(style);
    const QSizeF top(bounds.width(), bounds.height() * 0.42);
    const double line = QFontMetricsF(style.font).height();
    // The shorter (weights) chart sets the type for both; the dimension axis's title is the lower chart's.
    ChartText text = chartText(top.height(), line, style.minFontScale);
    text.axisTitle = chartText(bounds.height() - top.height(), line, style.minFontScale).axisTitle;
    applyText(text);
    fillWeights(s, top.width(), top.height());
    fillContributions(s, bounds.width());
    m_weights->setGeometry(QRectF(QPointF(0, 0), top));
    m_contributions->setGeometry(QRectF(QPointF(0, top.height()), QSizeF(bounds.width(), bounds.height() - top.height())));
    fitTicks();
    m_scene.setSceneRect(0, 0, bounds.width(), bounds.height());
    p.setRenderHint(QPainter::Antialiasing, style.smoothCharts);
    m_scene.render(&p, bounds, m_scene.sceneRect());
    p.restore();
}

void renderValues(QPainter& painter, const ValuesScene& scene, const QRectF& bounds, const FigureStyle& style) {
    ValuesCharts charts;
    charts.render(painter, scene, bounds, style);
}

} // namespace qkview::ui
