// SPDX-License-Identifier: MIT
#pragma once
// The selected query's weights over the keys (top), and how each key's weight × value adds up
// to the query's output vector (bottom). Drawn with Qt Charts into any QPainter.
#include "trace/attention_trace.h"
#include "figures/figure_style.h"
#include "attention/step_by_step.h"

#include <QGraphicsScene>
#include <QStringList>

#include <optional>
#include <vector>

class QPainter;
class QChart;
class QBarSet;
class QBarSeries;
class QStackedBarSeries;
class QScatterSeries;
class QBarCategoryAxis;
class QValueAxis;

namespace qkview::ui {

struct ValuesScene {
    QString query;
    QStringList keys;                 // every token
    std::optional<OutputSteps> steps; // absent without a selected query
    // Per contribution (steps->contributions): its key's share of what the head really moves into the query,
    // weight × ‖v W_O‖ normalised to sum 1 (value-weighted attention, lenses/lenses.h). A large weight on a
    // key whose value is small moves little.
    std::vector<double> moved;
};

ValuesScene valuesScene(const AttentionTrace& trace, int layer, int head, int query);

// Which bars the weights chart shows so that no key label is elided or overlaps another: every key
// when the labels fit side by side in `width`; else labels turn upright (one line tall each) and, when
// even those do not fit, only the strongest keys that do are shown, in sentence order.
struct WeightChartKeys {
    std::vector<int> shown; // indices into the weights, ascending
    bool upright = false;   // labels rotated by 90°
};
WeightChartKeys weightChartKeys(const std::vector<double>& weights, const std::vector<double>& labelWidths, double width,
                                double lineHeight);

// How the charts' axis text stays whole on a small chart (Qt Charts elides what does not fit, down to
// a bare "…"). Labels are 0.85 of the style's font, shrinking toward minScale (5 pt) on charts under
// kRoomyChartLines lines of the style's font; the dimension axis keeps its title only on charts at
// least kAxisTitleLines tall (Qt gives both axes together at most 40% of a chart's height, and squeezes
// the labels first); each value axis gets as many ticks as clear each other (valueAxisTicks).
inline constexpr double kRoomyChartLines = 10;
inline constexpr double kAxisTitleLines = 11;
struct ChartText {
    double labelScale = 0.85; // of the style's font
    bool axisTitle = true;
};
ChartText chartText(double chartHeight, double lineHeight, double minScale);
// The most ticks, from 2 to maxTicks, whose labels (labelHeight tall, with Qt Charts' padding) fit
// plotHeight one above the other.
int valueAxisTicks(double plotHeight, double labelHeight, int maxTicks = 5);
// [low, high] widened to round ticks (steps of 1, 2, 2.5 or 5 × 10ⁿ), at most maxTicks (≥ 2) of them.
struct AxisRange {
    double low = 0, high = 1;
    int ticks = 2;
};
AxisRange roundAxisRange(double low, double high, int maxTicks);

// The two charts, built once and refilled for each scene: rebuilding Qt Charts on every keystroke
// costs more than the whole rest of the window.
class ValuesCharts {
public:
    ValuesCharts();
    ~ValuesCharts();
    ValuesCharts(const ValuesCharts&) = delete;
    ValuesCharts& operator=(const ValuesCharts&) = delete;

    void render(QPainter& painter, const ValuesScene& scene, const QRectF& bounds, const FigureStyle& style);

private:
    void applyStyle(const FigureStyle& style);
    void applyText(const ChartText& text);
    void fillWeights(const ValuesScene& scene, double width, double height);
    void fillContributions(const ValuesScene& scene, double width);
    void fitTicks(); // after the charts have their geometry

    QGraphicsScene m_scene; // owns the charts
    QChart* m_weights;
    QBarSeries* m_weightSeries;
    QBarSet* m_weightSet;
    QBarSet* m_movedSet; // beside each weight: the share of what is moved
    QBarCategoryAxis* m_weightKeys;
    QValueAxis* m_weightAxis;
    QChart* m_contributions;
    QStackedBarSeries* m_stacked;
    QScatterSeries* m_output; // one marker per dimension: the dimensions are separate numbers, not a curve
    QBarCategoryAxis* m_dims;
    QValueAxis* m_valueAxis;
    std::optional<FigureStyle> m_style; // the style last applied
    ChartText m_text;
    double m_valueLow = 0, m_valueHigh = 1; // the contributions' extent, before rounding to ticks
};

// One-off drawing (exports): the same charts, built for this call.
void renderValues(QPainter& painter, const ValuesScene& scene, const QRectF& bounds, const FigureStyle& style);

} // namespace qkview::ui
