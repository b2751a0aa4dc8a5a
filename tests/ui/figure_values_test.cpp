// SPDX-License-Identifier: MIT
// The values chart at paper size: axis labels are thinned, shrunk or dropped by a stated rule, never
// drawn as a row of bare "…" (Qt Charts' answer to labels that do not fit).
#include "figure_test_support.h"
#include "figures/figure_exporter.h"
#include "painters/label_text.h"
#include "painters/values_painter.h"
#include "widget_test_support.h"

#include <QXmlStreamReader>

#include <gtest/gtest.h>

using namespace qkview;
using namespace qkview::ui;
using qkview::test::svgTexts;
using qkview::test::words;

namespace {

} // namespace

TEST(ValuesLabels, TicksAreAsManyAsClearEachOther) {
    EXPECT_EQ(valueAxisTicks(200, 10), 5) << "roomy: the most";
    EXPECT_EQ(valueAxisTicks(54, 8), 3) << "each label takes its height plus Qt's padding";
    EXPECT_EQ(valueAxisTicks(10, 8), 2) << "never fewer than the two ends";
}

TEST(ValuesLabels, AxisRangeIsRoundAndHasNoMoreTicksThanAsked) {
    const AxisRange roomy = roundAxisRange(-0.22, 0.57, 5);
    EXPECT_DOUBLE_EQ(roomy.low, -0.25);
    EXPECT_DOUBLE_EQ(roomy.high, 0.75);
    EXPECT_EQ(roomy.ticks, 5);
    const AxisRange three = roundAxisRange(-0.22, 0.57, 3);
    EXPECT_EQ(three.ticks, 3);
    EXPECT_DOUBLE_EQ(three.low, -1);
    EXPECT_DOUBLE_EQ(three.high, 1);
    const AxisRange two = roundAxisRange(-0.22, 0.57, 2);
    EXPECT_EQ(two.ticks, 2) << "only the ends";
    EXPECT_LE(two.low, -0.22);
    EXPECT_GE(two.high, 0.57);
    EXPECT_LT(two.high - two.low, 5.0) << "the smallest round range, not a runaway one";
}

TEST(ValuesLabels, SmallChartsShrinkTheLabelsToFivePointsAndDropTheAxisTitle) {
    const double line = 12, minScale = 5.0 / 8;
    const ChartText roomy = chartText(20 * line, line, minScale);
    EXPECT_DOUBLE_EQ(roomy.labelScale, 0.85);
    EXPECT_TRUE(roomy.axisTitle);
    const ChartText small = chartText(6 * line, line, minScale);
    EXPECT_DOUBLE_EQ(small.labelScale, minScale) << "down to 5 pt, not below";
    EXPECT_FALSE(small.axisTitle);
}

TEST(ValuesLabels, NoBareEllipsisAtColumnWidthDoubleColumnOrOnASlide) {
    const auto cm = [](double w, double h) { return FigureSize::from(QSizeF(w, h), SizeUnit::Centimetres, 300); };
    for (int n : {10, 30})
        for (const FigureSize& size : {cm(8.5, 7), cm(17, 10), FigureSize{}}) {
            FigureRequest r;
            r.view = FigureView::Values;
            const TracePtr t = traceText(*test::teachingModel(), words(n), {});
            const QStringList texts = svgTexts(FigureExporter(t, r).encode(FigureFormat::Svg, size));
            int numbers = 0;
            for (const QString& text : texts) {
                EXPECT_NE(text, QStringLiteral("…")) << n << " tokens at " << size.units().width();
                EXPECT_NE(text, QStringLiteral("...")) << n << " tokens at " << size.units().width();
                bool ok = false;
                text.toDouble(&ok);
                numbers += ok;
            }
            EXPECT_GE(numbers, 4 + 8) << "two ticks on each value axis and the 8 dimensions, " << n << " tokens";
        }
}
