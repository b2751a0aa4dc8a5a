// SPDX-License-Identifier: MIT
#include "painters/colormap.h"
#include "painters/heatmap_geometry.h"
#include "painters/label_text.h"

#include <gtest/gtest.h>

using namespace qkview::ui;

TEST(Colormap, SequentialMapsGetBrighterMonotonically) {
    for (ColormapId id : {ColormapId::Viridis, ColormapId::Cividis, ColormapId::Magma, ColormapId::GreysR}) {
        double last = -1;
        for (int i = 0; i <= 20; ++i) {
            const QColor c = Colormap::get(id).at(i / 20.0);
            const double lightness = Colormap::luminance(c);
            EXPECT_GT(lightness, last) << Colormap::get(id).name().toStdString() << " at " << i;
            last = lightness;
        }
    }
    EXPECT_EQ(Colormap::get(ColormapId::Viridis).at(0).name(), QStringLiteral("#440154"));
    EXPECT_EQ(Colormap::get(ColormapId::Viridis).at(1).name(), QStringLiteral("#fde725"));
    EXPECT_EQ(Colormap::get(ColormapId::Viridis).at(std::nan("")).name(), QStringLiteral("#440154"));
}

TEST(Colormap, DivergingIsNeutralInTheMiddle) {
    const QColor mid = Colormap::get(ColormapId::Diverging).at(0.5);
    EXPECT_GT(mid.lightnessF(), 0.85);
    EXPECT_GT(Colormap::get(ColormapId::Diverging).at(1.0).red(), Colormap::get(ColormapId::Diverging).at(1.0).blue());
    EXPECT_TRUE(Colormap::fromName(QStringLiteral("Cividis")).has_value());
    EXPECT_FALSE(Colormap::fromName(QStringLiteral("jet")).has_value());
}

namespace {
HeatmapLayoutInput input(int n, double labelWidth, QSizeF size) {
    HeatmapLayoutInput in;
    in.bounds = QRectF(QPointF(0, 0), size);
    in.rows = in.columns = n;
    in.rowLabelWidth = in.columnLabelWidth = labelWidth;
    in.textHeight = 14;
    in.colorBarLabelWidth = 30;
    return in;
}
} // namespace

TEST(HeatmapGeometry, CellsRoundTripThroughHitTesting) {
    const HeatmapGeometry g(input(6, 30, {600, 500}));
    for (int r = 0; r < 6; ++r)
        for (int c = 0; c < 6; ++c) {
            const auto hit = g.cellAt(g.cellRect(r, c).center());
            ASSERT_TRUE(hit.has_value());
            EXPECT_EQ(*hit, QPoint(c, r));
        }
    EXPECT_FALSE(g.cellAt(QPointF(1, 1)).has_value());
}

TEST(HeatmapGeometry, EverythingFitsInsideTheBoundsAndLabelsDoNotOverlap) {
    for (int n : {2, 6, 30, 60}) {
        for (double labelWidth : {20.0, 120.0}) {
            const QSizeF size(900, 700);
            const HeatmapGeometry g(input(n, labelWidth, size));
            const QRectF bounds(QPointF(0, 0), size);
            EXPECT_TRUE(bounds.contains(g.matrixRect())) << n;
            EXPECT_TRUE(bounds.contains(g.colorBarRect())) << n;
            EXPECT_TRUE(bounds.contains(g.rowLabelRect(0))) << n;
            EXPECT_GE(g.rowLabelRect(0).left(), g.rowAxisTitleRect().right() - 1e-6);
            // Labels drawn every labelStep rows never overlap their neighbours.
            EXPECT_LE(g.textHeight(), g.cellSize() * g.labelStep() + 1e-6) << n;
            EXPECT_LE(g.rowLabelRect(0).right(), g.matrixRect().left());
            if (g.columnLabelsRotated()) {
                EXPECT_GT(labelWidth * g.fontScale(), g.cellSize() * 0.9);
            } else {
                EXPECT_LE(labelWidth * g.fontScale(), g.cellSize());
            }
        }
    }
}

TEST(HeatmapGeometry, MinimumCellSizeMakesRoomForScrolling) {
    HeatmapLayoutInput in = input(200, 40, {800, 600});
    in.minCellSize = 16;
    const HeatmapGeometry g(in);
    EXPECT_GE(g.cellSize(), 16);
    EXPECT_GE(g.minimumSize().width(), 200 * 16);
    EXPECT_EQ(g.labelStep(), 1) << "16 px rows fit a label each";
}

TEST(LabelText, ShowsWhiteSpaceAndElidesLongTokens) {
    EXPECT_EQ(tokenLabel(QStringLiteral(" cat")), QStringLiteral("␣cat"));
    EXPECT_EQ(tokenLabel(QStringLiteral("\n")), QStringLiteral("⏎"));
    EXPECT_EQ(tokenLabel(QStringLiteral("internationalization"), 8), QStringLiteral("interna…"));
    EXPECT_EQ(tokenLabel(QStringLiteral("aaaaaa😀😀"), 8).size(), 7) << "never splits a surrogate pair";
    EXPECT_EQ(formatValue(0.612, true), QStringLiteral("0.61"));
    EXPECT_EQ(formatValue(-12.345, false), QStringLiteral("-12.3"));
}
