// SPDX-License-Identifier: MIT
// Each view's painter drawing the cat sentence into a 480×600 image: where repaint time goes.
// The *1000 cases draw a 1,000-token matrix (random rows, one sharp peak each) as the screen does.
// `bench_painters --shots DIR` writes those pictures as PNG and SVG instead of timing them.
#include "painters/heatmap_painter.h"
#include "painters/heatmap_raster.h"
#include "painters/lines_painter.h"
#include "painters/math_painter.h"
#include "models/teaching_model.h"
#include "painters/values_painter.h"
#include "views/heatmap_view.h"
#include "views/sentence_edit.h"
#include "window/main_window.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QPlainTextEdit>
#include <QImage>
#include <QPainter>
#include <QSvgGenerator>

#include <random>

#include <benchmark/benchmark.h>

namespace {
using namespace qkview;
using namespace qkview::ui;

TracePtr catTrace() {
    static const TeachingModel model;
    static const TracePtr trace = traceText(model, QStringLiteral("The cat sat on the mat"), {});
    return trace;
}

// T tokens, causal, each row a softmax of random scores with one sharp peak: like a real long text.
MatrixData longMatrix(int t) {
    MatrixData d;
    std::mt19937 rng(7);
    std::normal_distribution<float> noise(0.0f, 1.0f);
    d.values = Matrix::Zero(t, t);
    d.masked.setConstant(t, t, false);
    for (int i = 0; i < t; ++i) {
        d.rowLabels << QStringLiteral("tok%1").arg(i);
        float sum = 0;
        for (int j = 0; j <= i; ++j) sum += d.values(i, j) = std::exp(noise(rng));
        d.values(i, std::max(0, i - 1 - (i % 7))) += sum * 4; // the peak
        d.values.row(i) /= d.values.row(i).sum();
        for (int j = i + 1; j < t; ++j) d.masked(i, j) = true;
    }
    d.columnLabels = d.rowLabels;
    d.valueName = QStringLiteral("weight");
    return d;
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
// The screen's steady state: the pooled image is cached, a repaint draws it and the visible labels.
void BM_Heatmap1000Fit(benchmark::State& state) {
    const HeatmapScene scene{longMatrix(1000), 500, 498};
    FigureStyle style = FigureStyle::print();
    style.rasterCells = true;
    HeatmapRaster raster;
    QImage image(480, 600, QImage::Format_ARGB32_Premultiplied);
    HeatmapFrame frame;
    {
        QPainter p(&image);
        frame.labelWidths = heatmapLabelWidths(p, scene, style); // the view keeps them
    }
    for (auto _ : state) {
        QPainter p(&image);
        renderHeatmap(p, scene, QRectF(image.rect()), style, frame, &raster);
    }
}
// A new trace or colour scale: the image is built again (one pixel per cell, then pooled).
void BM_Heatmap1000Fresh(benchmark::State& state) {
    const HeatmapScene scene{longMatrix(1000), 500, 498, static_cast<ColorScaleMode>(state.range(0))};
    FigureStyle style = FigureStyle::print();
    style.rasterCells = true;
    QImage image(480, 600, QImage::Format_ARGB32_Premultiplied);
    for (auto _ : state) {
        QPainter p(&image);
        renderHeatmap(p, scene, QRectF(image.rect()), style);
    }
}
// Zoomed to 20 px cells and scrolled to the middle.
void BM_Heatmap1000Zoomed(benchmark::State& state) {
    const HeatmapScene scene{longMatrix(1000), 500, 498};
    FigureStyle style = FigureStyle::print();
    style.rasterCells = true;
    HeatmapRaster raster;
    HeatmapFrame frame;
    frame.cellSize = 20;
    frame.scroll = QPointF(9800, 9800);
    QImage image(480, 600, QImage::Format_ARGB32_Premultiplied);
    {
        QPainter p(&image);
        frame.labelWidths = heatmapLabelWidths(p, scene, style);
    }
    for (auto _ : state) {
        QPainter p(&image);
        renderHeatmap(p, scene, QRectF(image.rect()), style, frame, &raster);
    }
}
void BM_Lines1000(benchmark::State& state) {
    LinesScene scene;
    const MatrixData d = longMatrix(1000);
    scene.tokens = d.rowLabels;
    scene.weights = d.values;
    scene.focusQuery = state.range(0) ? 500 : -1;
    paintLoop(state, [&](QPainter& p, const QRectF& r, const FigureStyle& s) { renderLines(p, scene, r, s); });
}
BENCHMARK(BM_Heatmap)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Heatmap1000Fit)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Heatmap1000Fresh)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Heatmap1000Zoomed)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Lines1000)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Lines)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Math)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ValuesFresh)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ValuesReused)->Unit(benchmark::kMillisecond);
} // namespace

// Pictures of the 1,000-token cases, to look at.
int writeShots(const QString& dir) {
    QDir().mkpath(dir);
    const HeatmapScene scene{longMatrix(1000), 500, 498};
    FigureStyle style = FigureStyle::print();
    style.rasterCells = true;
    for (const auto& [name, frame, mode] : {std::tuple{"heatmap1000_fit", HeatmapFrame{}, ColorScaleMode::Fixed},
                                            std::tuple{"heatmap1000_rowmax", HeatmapFrame{}, ColorScaleMode::RowMax},
                                            std::tuple{"heatmap1000_log", HeatmapFrame{}, ColorScaleMode::Log},
                                            std::tuple{"heatmap1000_zoom", HeatmapFrame{20, QPointF(9800, 9800), 0, 1, std::nullopt}, ColorScaleMode::Fixed}}) {
        HeatmapScene s = scene;
        s.scale = mode;
        QImage image(640, 560, QImage::Format_RGB32);
        QPainter p(&image);
        renderHeatmap(p, s, QRectF(image.rect()), style, frame);
        p.end();
        image.save(dir + QStringLiteral("/%1.png").arg(QLatin1String(name)));
    }
    for (const bool focused : {true, false}) {
        LinesScene lines;
        lines.tokens = scene.data.rowLabels;
        lines.weights = scene.data.values;
        lines.focusQuery = focused ? 500 : -1;
        lines.selectedKey = focused ? 498 : -1;
        QImage image(480, 700, QImage::Format_RGB32);
        QPainter p(&image);
        renderLines(p, lines, QRectF(image.rect()), FigureStyle::print());
        p.end();
        image.save(dir + (focused ? QStringLiteral("/lines1000_query.png") : QStringLiteral("/lines1000_all.png")));
    }
    // A 60-word text through the teaching model: the values chart's key labels.
    QString text60;
    for (int i = 0; i < 60; ++i) text60 += QStringLiteral("word%1 ").arg(i);
    static const TeachingModel model;
    const TracePtr trace60 = traceText(model, text60, {});
    {
        QImage image(480, 600, QImage::Format_RGB32);
        QPainter p(&image);
        renderValues(p, valuesScene(*trace60, 0, 2, 40), QRectF(image.rect()), FigureStyle::print());
        p.end();
        image.save(dir + QStringLiteral("/values60.png"));
    }
    // The window at 1366 × 768 with 30 and 200 words, fitted and zoomed.
    for (const int words : {30, 200}) {
        QString text;
        for (int i = 0; i < words; ++i) text += QStringLiteral("word%1 ").arg(i);
        MainWindow window(std::make_shared<TeachingModel>(), false);
        window.resize(1366, 768);
        window.show();
        window.sentenceEdit()->setPlainText(text.trimmed());
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 3000) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        window.grab().save(dir + QStringLiteral("/window%1.png").arg(words));
        window.heatmap()->zoomBy(8, window.heatmap()->rect().center());
        QCoreApplication::processEvents();
        window.grab().save(dir + QStringLiteral("/window%1_zoomed.png").arg(words));
        window.showSideTab(QStringLiteral("lines"));
        QCoreApplication::processEvents();
        window.grab().save(dir + QStringLiteral("/window%1_lines.png").arg(words));
        window.showSideTab(QStringLiteral("values"));
        QCoreApplication::processEvents();
        window.grab().save(dir + QStringLiteral("/window%1_values.png").arg(words));
    }
    QSvgGenerator svg;
    svg.setFileName(dir + QStringLiteral("/heatmap1000.svg"));
    svg.setSize(QSize(1024, 576));
    svg.setViewBox(QRectF(0, 0, 1024, 576));
    QPainter p(&svg);
    renderHeatmap(p, scene, QRectF(0, 0, 1024, 576), FigureStyle::print());
    return 0;
}

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv); // Qt Charts are widgets
    if (const qsizetype at = QCoreApplication::arguments().indexOf(QStringLiteral("--shots")); at > 0 && at + 1 < argc)
        return writeShots(QCoreApplication::arguments()[at + 1]);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    return 0;
}
