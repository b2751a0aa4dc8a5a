// SPDX-License-Identifier: MIT
#include "figures/figure.h"

#include "figures/figure_layout.h"

#include "base/error.h"
#include "painters/color_scale.h"
#include "painters/compare_painter.h"
#include "painters/grid_tokens_painter.h"
#include "painters/head_grid_painter.h"
#include "painters/heatmap_painter.h"
#include "painters/label_text.h"
#include "painters/lesson_painter.h"
#include "painters/lines_painter.h"
#include "painters/math_painter.h"
#include "painters/scatter_painter.h"
#include "painters/values_painter.h"

#include <QCoreApplication>
#include <QPainter>

#include <array>
#include <cmath>

namespace qkview::ui {

namespace {
constexpr double kMaxFigureUnits = 100000; // about 26 m: anything larger is a typo

QString tr(const char* text) { return QCoreApplication::translate("qkview", text); }

[[noreturn]] void invalid(const QString& message) {
    throw Error(Error::Kind::InvalidArgument, message.toStdString());
}

QString quoted(const QString& token) { return QStringLiteral("“%1”").arg(tokenLabel(token)); }

QString kindTitle(MatrixKind kind) {
    switch (kind) {
    case MatrixKind::Scores: return tr("Raw scores q·k");
    case MatrixKind::ScaledScores: return tr("Scaled scores (what the softmax sees)");
    case MatrixKind::ValueWeighted: return tr("Value-weighted attention (weight × ‖v W_O‖)");
    case MatrixKind::Rollout: return tr("Attention rollout");
    case MatrixKind::Weights: break;
    }
    return tr("Attention weights");
}

// The query whose strongest weight on another token is the largest: the most striking row.
int sharpestQuery(const Matrix& weights /* (T, T) */) {
    int best = 0;
    float bestWeight = -1;
    for (Eigen::Index i = 0; i < weights.rows(); ++i)
        for (Eigen::Index j = 0; j < weights.cols(); ++j)
            if (i != j && weights(i, j) > bestWeight) {
                bestWeight = weights(i, j);
                best = static_cast<int>(i);
            }
    return best;
}

int strongestKey(const Matrix& weights, int query) {
    Eigen::Index key = 0;
    weights.row(query).maxCoeff(&key);
    return static_cast<int>(key);
}

void drawView(QPainter& p, const FigureRequest& r, const AttentionTrace& trace, const FigureLayout& layout,
              const FigureScenes& scenes) {
    const int query = r.query, key = r.selection ? r.key : -1;
    const QRectF& area = layout.viewArea;
    const FigureStyle& style = layout.style;
    if (layout.gridTokens)
        return renderGridTokens(p, scenes.grid, scenes.heatmap, scenes.heatmapFrame, scenes.headTitle, *layout.gridTokens, style);
    switch (r.view) {
    case FigureView::Heatmap: return renderHeatmap(p, scenes.heatmap, area, style, scenes.heatmapFrame);
    case FigureView::Lines: return renderLines(p, linesScene(trace, r.layer, r.head, query, key), area, style);
    case FigureView::Values: return renderValues(p, valuesScene(trace, r.layer, r.head, query), area, style);
    case FigureView::Math: return renderMath(p, mathScene(trace, r.layer, r.head, query, r.key), area, style);
    case FigureView::Grid: return renderHeadGrid(p, scenes.grid, area, style);
    case FigureView::Lesson: return renderLesson(p, scenes.lesson, area, style);
    case FigureView::Scatter: return renderScatter(p, scatterScene(trace, r.layer, r.head, query, key), area, style);
    case FigureView::Compare: return renderCompare(p, compareScene(trace, *r.compareWith, r.layer, r.head, r.what, r.scale), area, style);
    }
}
} // namespace

QString headLabel(const AttentionTrace& trace, int layer, int head) {
    const QString generic = tr("layer %1, head %2").arg(layer).arg(head);
    const QString name = trace.config.headName(layer, head);
    if (name == QStringLiteral("L%1.H%2").arg(layer).arg(head)) return generic;
    return QStringLiteral("%1 “%2”").arg(generic, name);
}

QStringList figureViewNames() {
    return {QStringLiteral("heatmap"), QStringLiteral("lines"), QStringLiteral("values"),
            QStringLiteral("math"),    QStringLiteral("grid"),  QStringLiteral("lesson"), QStringLiteral("scatter"),
            QStringLiteral("compare")};
}

QString figureViewName(FigureView view) { return figureViewNames().value(static_cast<int>(view)); }

std::optional<FigureView> figureViewFromName(const QString& name) {
    const auto index = figureViewNames().indexOf(name.trimmed().toLower());
    if (index < 0) return std::nullopt;
    return static_cast<FigureView>(index);
}

bool needsQuery(FigureView view) {
    return view == FigureView::Values || view == FigureView::Math || view == FigureView::Lesson;
}

double autoFontSize(QSizeF size) {
    // Piecewise linear in the width (inches): column 3.35 → 8 pt, double column 6.69 → 9 pt,
    // a 1600-px slide at 150 DPI 10.67 → 12 pt, a 13.33-inch slide → 14 pt.
    static constexpr std::array<std::pair<double, double>, 4> table{{{3.35, 8}, {6.69, 9}, {10.67, 12}, {13.33, 14}}};
    const double w = size.width() / kFigureUnitsPerInch;
    if (w <= table.front().first) return table.front().second;
    for (size_t i = 1; i < table.size(); ++i)
        if (w <= table[i].first) {
            const auto [x0, y0] = table[i - 1];
            const auto [x1, y1] = table[i];
            return std::round((y0 + (y1 - y0) * (w - x0) / (x1 - x0)) * 2) / 2; // half points
        }
    return table.back().second;
}

void checkFigureRequest(const FigureRequest& request, const AttentionTrace& trace) {
    trace.checkHead(request.layer, request.head); // throws naming the valid layers and heads
    const int t = trace.tokenCount();
    if (t == 0) invalid(tr("the text has no tokens"));
    for (const auto& [what, index] : {std::pair{tr("query"), request.query}, std::pair{tr("key"), request.key}})
        if (index < -1 || index >= t)
            invalid(tr("%1 %2 is out of range: the text has %3 tokens (0–%4)").arg(what).arg(index).arg(t).arg(t - 1));
    if (request.headTypes && request.view != FigureView::Grid) invalid(tr("head types are shown in the head grid only"));
    if (request.view == FigureView::Compare) {
        if (!request.compareWith) invalid(tr("comparing needs a second text"));
        request.compareWith->checkHead(request.layer, request.head);
        if (request.compareWith->tokenCount() == 0) invalid(tr("the second text has no tokens"));
    }
    if (request.gridTokens && request.view != FigureView::Grid)
        invalid(tr("the tokens of the selected head are shown beside the grid only, not the %1 view").arg(figureViewName(request.view)));
    if (request.fontSize != 0 && !(request.fontSize >= kMinFontPoints && request.fontSize <= kMaxFontPoints))
        invalid(tr("the font size must be between %1 and %2 pt, got %3").arg(kMinFontPoints).arg(kMaxFontPoints).arg(request.fontSize));
    const QSizeF s = request.size;
    if (!(s.width() >= 1 && s.height() >= 1 && s.width() <= kMaxFigureUnits && s.height() <= kMaxFigureUnits))
        invalid(tr("the figure size %1 × %2 is not between 1 and %3 units (1/96 inch)")
                    .arg(s.width()).arg(s.height()).arg(kMaxFigureUnits));
}

FigureRequest resolvedRequest(FigureRequest r, const AttentionTrace& trace) {
    if (!needsQuery(r.view) || trace.tokenCount() == 0) return r;
    const HeadPtr selected = trace.head(r.layer, r.head);
    const Matrix& weights = selected->weights;
    if (r.query < 0) r.query = sharpestQuery(weights);
    if (r.key < 0) r.key = strongestKey(weights, r.query);
    return r;
}

QString defaultTitle(const FigureRequest& request, const AttentionTrace& trace) {
    const FigureRequest r = resolvedRequest(request, trace);
    const QString head = headLabel(trace, r.layer, r.head);
    const auto token = [&](int i) { return quoted(trace.tokens.at(static_cast<size_t>(i)).text); };
    switch (r.view) {
    case FigureView::Heatmap:
        if (r.what == MatrixKind::Rollout) return tr("%1 — layers 0 to %2").arg(kindTitle(r.what)).arg(r.layer); // one per layer
        return QStringLiteral("%1 — %2").arg(kindTitle(r.what), head);
    case FigureView::Lines: return tr("Who attends to whom — %1").arg(head);
    case FigureView::Values: return tr("What %1 pulls in — %2").arg(token(r.query), head);
    case FigureView::Math: return tr("Step by step: %1 → %2 — %3").arg(token(r.query), token(r.key), head);
    case FigureView::Grid:
        return tr("Every head at once: %1 of %2 layers × %3 heads")
            .arg(kindTitle(r.what).replace(0, 1, kindTitle(r.what).at(0).toLower())).arg(trace.layerCount()).arg(trace.config.heads);
    case FigureView::Lesson: return tr("How %1 attends — %2").arg(token(r.query), head);
    case FigureView::Scatter: return tr("Queries and keys as points — %1").arg(head);
    case FigureView::Compare: return tr("Two texts, one head — %1").arg(head);
    }
    return {};
}

QString defaultCaption(const FigureRequest& request, const AttentionTrace& trace) {
    QStringList parts;
    parts << (request.view == FigureView::Grid ? trace.config.name
                                               : QStringLiteral("%1, %2").arg(trace.config.name,
                                                                              headLabel(trace, request.layer, request.head)));
    const QString text = textExcerpt(trace.text, 80);
    const int t = trace.tokenCount();
    if (request.view == FigureView::Compare && request.compareWith) {
        const int u = request.compareWith->tokenCount();
        parts << tr("A “%1” (%2 tokens), B “%3” (%4 tokens)").arg(text).arg(t).arg(textExcerpt(request.compareWith->text, 80)).arg(u);
        parts << (t == u ? tr("B − A cell by cell, the tokens aligned by position (* where B's token differs)") : tr("no difference: the texts' tokens do not align"));
    } else {
        parts << (t == 1 ? tr("text “%1” (1 token)").arg(text) : tr("text “%1” (%2 tokens)").arg(text).arg(t));
    }
    const int dHead = trace.config.dHead;
    QString softmax = trace.options.scale ? tr("weights = softmax(q·k / √%1)").arg(dHead) : tr("weights = softmax(q·k), unscaled");
    if (trace.options.temperature != 1.0f) softmax += tr(", temperature %1").arg(static_cast<double>(trace.options.temperature));
    if (trace.options.causal) softmax += tr(", causal mask");
    parts << softmax;
    if (request.view == FigureView::Grid && request.headTypes)
        parts << tr("frames: blue previous token, orange first token, green self, pink induction (at least %1 of a head's "
                    "attention on this text)").arg(kHeadTypeThreshold);
    return parts.join(QStringLiteral(" · "));
}

FigureStyle figureStyle(const FigureRequest& request, FigureStyle base) {
    base.colormap = request.colormap;
    base.numbersInCells = request.numbers;
    base.rasterCells = false;
    // Points, not pixels: deviceStyle() makes them hold on every device the figure is painted on.
    const double points = request.fontSize > 0 ? request.fontSize : autoFontSize(request.size);
    base.font.setPointSizeF(points);
    base.minFontScale = std::min(1.0, kMinFontPoints / points);
    return base;
}

QStringList renderFigure(QPainter& p, const FigureRequest& request, const AttentionTrace& trace, const QRectF& target,
                         const FigureStyle& base) {
    checkFigureRequest(request, trace);
    const FigureRequest r = resolvedRequest(request, trace);
    p.save();
    p.translate(target.topLeft());
    p.scale(target.width() / r.size.width(), target.height() / r.size.height());
    const QRectF page(QPointF(0, 0), r.size);
    const FigureStyle style = deviceStyle(figureStyle(r, base), p.device());
    p.fillRect(page, style.background);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    const FigureScenes scenes = figureScenes(r, trace, style);
    const FigureLayout layout = layoutFigure(p, r, trace, scenes, style, page);
    if (!layout.titleRect.isEmpty()) {
        p.setFont(layout.titleFont);
        p.setPen(style.foreground);
        p.drawText(layout.titleRect, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, layout.title);
    }
    if (!layout.captionRect.isEmpty()) {
        p.setFont(layout.captionFont);
        p.setPen(style.muted);
        p.drawText(layout.captionRect, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, layout.caption);
    }
    if (layout.viewArea.height() > 1) drawView(p, r, trace, layout, scenes);
    p.restore();
    return layout.warnings;
}

} // namespace qkview::ui
