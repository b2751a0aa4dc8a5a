// SPDX-License-Identifier: MIT
// Each view's painter drawing the cat sentence into a 480×600 image: where repaint time goes.
#include "painters/heatmap_painter.h"
#include "painters/lines_painter.h"
#include "painters/math_painter.h"
#include "models/teaching_model.h"
#include "painters/values_painter.h"

#include <QApplication>
#include <QImage>
#include <QPainter>

#include <benchmark/benchmark.h>

namespace {
using namespace qkview;
using namespace qkview::ui;

TracePtr catTrace() {
    static const TeachingModel model;
    static const TracePtr trace = traceText(model, QStringLiteral("The cat sat on the mat"), {});
    return trace;
}

template <typename Draw>
void paintLoop(benchmark::State& state, Draw&& draw) {
    QImage image(480, 600, QImage::Format_ARGB32_Premultiplied);
    const FigureStyle style = FigureStyle::print();
    for (auto _ : state) {
        QPainter p(&image);
        draw(p, QRectF(image.rect()), style);
    }
}

void BM_Heatmap(benchmark::State& state) {
    HeatmapScene scene{matrixData(*catTrace(), 0, 2, MatrixKind::Weights), 2, 1};
    paintLoop(state, [&](QPainter& p, const QRectF& r, const FigureStyle& s) { renderHeatmap(p, scene, r, s); });
}
void BM_Lines(benchmark::State& state) {
    const LinesScene scene = linesScene(*catTrace(), 0, 2, 2, 1);
    paintLoop(state, [&](QPainter& p, const QRectF& r, const FigureStyle& s) { renderLines(p, scene, r, s); });
}
void BM_Math(benchmark::State& state) {
    const MathScene scene = mathScene(*catTrace(), 0, 2, 2, 1);
    paintLoop(state, [&](QPainter& p, const QRectF& r, const FigureStyle& s) { renderMath(p, scene, r, s); });
}
void BM_ValuesFresh(benchmark::State& state) {
    const ValuesScene scene = valuesScene(*catTrace(), 0, 2, 2);
    paintLoop(state, [&](QPainter& p, const QRectF& r, const FigureStyle& s) { renderValues(p, scene, r, s); });
}
void BM_ValuesReused(benchmark::State& state) {
    const ValuesScene scene = valuesScene(*catTrace(), 0, 2, 2);
    ValuesCharts charts;
    paintLoop(state, [&](QPainter& p, const QRectF& r, const FigureStyle& s) { charts.render(p, scene, r, s); });
}
BENCHMARK(BM_Heatmap)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Lines)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Math)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ValuesFresh)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ValuesReused)->Unit(benchmark::kMillisecond);
} // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv); // Qt Charts are widgets
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    return 0;
}
