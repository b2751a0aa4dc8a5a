// SPDX-License-Identifier: MIT
#include "figures/figure.h"

#include "base/error.h"
#include "painters/color_scale.h"
#include "painters/head_grid_painter.h"
#include "painters/heatmap_painter.h"
#include "painters/label_text.h"
#include "painters/lesson_painter.h"
#include "painters/lines_painter.h"
#include "painters/math_painter.h"
#include "painters/values_painter.h"

#include <QCoreApplication>
#include <QPainter>

#include <cmath>

namespace qkview::ui {

namespace {
constexpr double kMaxFigureUnits = 100000; // about 26 m: anything larger is a typo

QString tr(const char* text) { return QCoreApplication::translate("qkview", text); }

[[noreturn]] void invalid(const QString& message) {
    throw Error(Error::Kind::InvalidArgument, message.toStdString());
}

QString quoted(const QString& token) { return QStringLiteral("“%1”").arg(tokenLabel(token)); }

QString headLabel(const AttentionTrace& trace, int layer, int head) {
    const QString generic = tr("layer %1, head %2").arg(layer).arg(head);
    const QString name = trace.config.headName(layer, head);
    if (name == QStringLiteral("L%1.H%2").arg(layer).arg(head)) return generic;
    return QStringLiteral("%1 “%2”").arg(generic, name);
}

QString kindTitle(MatrixKind kind) {
    switch (kind) {
    case MatrixKind::Scores: return tr("Raw scores q·k");
    case MatrixKind::ScaledScores: return tr("Scaled scores (what the softmax sees)");
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

HeatmapScene heatmapScene(const FigureRequest& r, const AttentionTrace& trace) {
    HeatmapScene scene;
    scene.data = matrixData(trace, r.layer, r.head, r.what);
    scene.selectedRow = r.query;
    scene.selectedColumn = r.key;
    scene.scale = r.scale;
    return scene;
}

void drawView(QPainter& p, const FigureRequest& r, const AttentionTrace& trace, const QRectF& area, const FigureStyle& style,
              const HeatmapScene& heatmap) {
    switch (r.view) {
    case FigureView::Heatmap: return renderHeatmap(p, heatmap, area, style);
    case FigureView::Lines: return renderLines(p, linesScene(trace, r.layer, r.head, r.query, r.key), area, style);
    case FigureView::Values: return renderValues(p, valuesScene(trace, r.layer, r.head, r.query), area, style);
    case FigureView::Math: return renderMath(p, mathScene(trace, r.layer, r.head, r.query, r.key), area, style);
    case FigureView::Grid:
        return renderHeadGrid(p, headGridScene(trace, r.what, style, r.layer, r.head), area, style);
    case FigureView::Lesson:
        return renderLesson(p, lessonScene(trace, r.layer, r.head, r.query, r.key, r.what), area, style);
    }
}
} // namespace

QStringList figureViewNames() {
    return {QStringLiteral("heatmap"), QStringLiteral("lines"), QStringLiteral("values"),
            QStringLiteral("math"),    QStringLiteral("grid"),  QStringLiteral("lesson")};
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

void checkFigureRequest(const FigureRequest& request, const AttentionTrace& trace) {
    trace.checkHead(request.layer, request.head); // throws naming the valid layers and heads
    const int t = trace.tokenCount();
    if (t == 0) invalid(tr("the text has no tokens"));
    for (const auto& [what, index] : {std::pair{tr("query"), request.query}, std::pair{tr("key"), request.key}})
        if (index < -1 || index >= t)
            invalid(tr("%1 %2 is out of range: the text has %3 tokens (0–%4)").arg(what).arg(index).arg(t).arg(t - 1));
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
    case FigureView::Heatmap: return QStringLiteral("%1 — %2").arg(kindTitle(r.what), head);
    case FigureView::Lines: return tr("Who attends to whom — %1").arg(head);
    case FigureView::Values: return tr("What %1 pulls in — %2").arg(token(r.query), head);
    case FigureView::Math: return tr("Step by step: %1 → %2 — %3").arg(token(r.query), token(r.key), head);
    case FigureView::Grid:
        return tr("Every head at once: %1 of %2 layers × %3 heads")
            .arg(kindTitle(r.what).toLower()).arg(trace.layerCount()).arg(trace.config.heads);
    case FigureView::Lesson: return tr("How %1 attends — %2").arg(token(r.query), head);
    }
    return {};
}

QString defaultCaption(const FigureRequest& request, const AttentionTrace& trace) {
    QStringList parts;
    parts << (request.view == FigureView::Grid ? trace.config.name
                                               : QStringLiteral("%1, %2").arg(trace.config.name,
                                                                              headLabel(trace, request.layer, request.head)));
    QString text = trace.text.simplified();
    if (text.size() > 80) text = text.left(79) + QStringLiteral("…");
    const int t = trace.tokenCount();
    parts << (t == 1 ? tr("text “%1” (1 token)").arg(text) : tr("text “%1” (%2 tokens)").arg(text).arg(t));
    const int dHead = trace.config.dHead;
    QString softmax = trace.options.scale ? tr("weights = softmax(q·k / √%1)").arg(dHead) : tr("weights = softmax(q·k), unscaled");
    if (trace.options.temperature != 1.0f) softmax += tr(", temperature %1").arg(static_cast<double>(trace.options.temperature));
    if (trace.options.causal) softmax += tr(", causal mask");
    parts << softmax;
    return parts.join(QStringLiteral(" · "));
}

FigureStyle figureStyle(const FigureRequest& request, FigureStyle base) {
    base.colormap = request.colormap;
    base.numbersInCells = request.numbers;
    base.rasterCells = false;
    // Point sizes would follow each device's DPI; pixel sizes follow the figure's units everywhere.
    if (base.font.pixelSize() <= 0)
        base.font.setPixelSize(std::max(1, static_cast<int>(std::lround(base.font.pointSizeF() * kFigureUnitsPerInch / 72.0))));
    return base;
}

void renderFigure(QPainter& p, const FigureRequest& request, const AttentionTrace& trace, const QRectF& target,
                  const FigureStyle& base) {
    checkFigureRequest(request, trace);
    const FigureRequest r = resolvedRequest(request, trace);
    const FigureStyle style = figureStyle(r, base);
    p.save();
    p.translate(target.topLeft());
    p.scale(target.width() / r.size.width(), target.height() / r.size.height());
    const QRectF page(QPointF(0, 0), r.size);
    p.fillRect(page, style.background);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    const double line = QFontMetricsF(style.font).height();
    QRectF area = page.adjusted(line, line * 0.8, -line, -line * 0.8);

    const QString title = r.title.value_or(defaultTitle(r, trace));
    if (!title.isEmpty()) {
        QFont font = scaledFont(style.font, 1.45);
        font.setBold(true);
        const QFontMetricsF fm(font);
        p.setFont(font);
        p.setPen(style.foreground);
        const QRectF rect(area.left(), area.top(), area.width(), fm.height());
        p.drawText(rect, Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(title, Qt::ElideRight, rect.width()));
        area.setTop(rect.bottom() + line * 0.7);
    }
    // A long heatmap's default caption says how it was thinned and pooled. That depends on the room
    // the caption leaves, so lay out until the note stops changing.
    const HeatmapScene heatmap = r.view == FigureView::Heatmap ? heatmapScene(r, trace) : HeatmapScene{};
    const QString given = r.caption.value_or(defaultCaption(r, trace));
    const QFont captionFont = scaledFont(style.font, 0.9);
    const QFontMetricsF captionMetrics(captionFont);
    QString caption = given, note;
    QRectF captionRect, viewArea = area;
    for (int round = 0; round < 4; ++round) {
        caption = note.isEmpty() ? given : given + QStringLiteral(" · ") + note;
        viewArea = area;
        if (!caption.isEmpty()) {
            const QRectF measured = captionMetrics.boundingRect(QRectF(0, 0, area.width(), 1e6), Qt::TextWordWrap, caption);
            const double height = std::min(measured.height(), captionMetrics.lineSpacing() * 3);
            captionRect = QRectF(area.left(), area.bottom() - height, area.width(), height);
            viewArea.setBottom(captionRect.top() - line * 0.6);
        }
        if (r.view != FigureView::Heatmap || r.caption || viewArea.height() <= 1) break;
        QStringList notes;
        if (heatmap.scale != ColorScaleMode::Fixed) notes << ColorScale(heatmap.data, heatmap.scale).description();
        notes << heatmapDrawingNote(heatmapDrawing(p, heatmap, viewArea, style), heatmap);
        notes.removeAll(QString());
        const QString next = notes.join(QStringLiteral("; "));
        if (next == note) break;
        note = next;
    }
    if (!caption.isEmpty()) {
        p.setFont(captionFont);
        p.setPen(style.muted);
        p.drawText(captionRect, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, caption);
    }
    if (viewArea.height() > 1) drawView(p, r, trace, viewArea, style, heatmap);
    p.restore();
}

} // namespace qkview::ui
