// SPDX-License-Identifier: MIT
#include "painters/head_grid_painter.h"

#include "painters/heatmap_painter.h"

#include <QCoreApplication>
#include <QPainter>

#include <algorithm>

namespace qkview::ui {

namespace {
constexpr qsizetype kMaxVectorCells = 20000; // more cells than this are drawn as images even in vector exports

QString tr(const char* text) { return QCoreApplication::translate("qkview", text); }

// Block means of a (T, T) matrix down to at most kHeadGridCells square; masked where a whole block is.
MatrixData shrunk(const MatrixData& d) {
    const int t = d.rows();
    if (t <= kHeadGridCells) return d;
    MatrixData out = d;
    const int n = kHeadGridCells;
    out.values = Matrix::Zero(n, n);
    out.masked.setConstant(n, n, true);
    for (int a = 0; a < n; ++a)
        for (int b = 0; b < n; ++b) {
            double sum = 0;
            int count = 0;
            for (int i = a * t / n; i < (a + 1) * t / n; ++i)
                for (int j = b * t / n; j < (b + 1) * t / n; ++j)
                    if (!d.masked(i, j) && std::isfinite(d.values(i, j))) sum += d.values(i, j), ++count;
            if (count == 0) continue;
            out.values(a, b) = static_cast<float>(sum / count);
            out.masked(a, b) = false;
        }
    out.strongest = strongestCell(out);
    return out;
}

// A head's thumbnail data and scores. Long texts' weights are max-pooled block by block as core derives
// them (a sharp peak never vanishes, and no head's whole T × T matrix is made), scored in the same pass.
MatrixData thumbnailData(const AttentionTrace& trace, int layer, int head, MatrixKind kind, HeadScores& scores) {
    const int t = trace.tokenCount(), n = kHeadGridCells;
    if (kind == MatrixKind::Rollout) kind = MatrixKind::Weights; // rollout is one per layer, not per head
    if (t <= n || kind != MatrixKind::Weights) {
        scores = headScores(trace, layer, head);
        return shrunk(matrixData(trace, layer, head, kind));
    }
    WeightPooler pooler(t, n, n);
    HeadScoring scoring(trace.tokens);
    trace.forEachWeightBlock(layer, head, [&](int first, const Matrix& w) {
        pooler.add(first, w);
        scoring.add(first, w);
    });
    scores = scoring.scores();
    MatrixData d;
    d.values = pooler.pooled();
    d.masked.resize(n, n);
    const auto firstOf = [&](int cell) { return static_cast<int>((static_cast<long long>(cell) * t + n - 1) / n); };
    for (int a = 0; a < n; ++a)
        for (int b = 0; b < n; ++b) d.masked(a, b) = trace.isMasked(firstOf(a + 1) - 1, firstOf(b)); // every cell hidden
    return d;
}

QImage thumbnail(const MatrixData& d, const FigureStyle& style) {
    QImage image(d.columns(), d.rows(), QImage::Format_RGB32);
    for (int i = 0; i < d.rows(); ++i)
        for (int j = 0; j < d.columns(); ++j)
            image.setPixelColor(j, i, d.masked(i, j) ? style.masked : cellColor(d, d.values(i, j), style));
    return image;
}

double widest(const QFontMetricsF& fm, int count) {
    return count > 0 ? fm.horizontalAdvance(QString::number(count - 1)) : 0.0;
}

void drawVectorCells(QPainter& p, const MatrixData& d, const QRectF& r, const FigureStyle& style) {
    const double w = r.width() / d.columns(), h = r.height() / d.rows();
    p.setPen(Qt::NoPen);
    for (int i = 0; i < d.rows(); ++i)
        for (int j = 0; j < d.columns(); ++j) {
            p.setBrush(d.masked(i, j) ? style.masked : cellColor(d, d.values(i, j), style));
            p.drawRect(QRectF(r.left() + j * w, r.top() + i * h, w, h));
        }
}

// Each head with a clear type framed in its colour, inside its thumbnail (the selection outline is outside).
void drawTypeFrames(QPainter& p, const HeadGridScene& s, const HeadGridGeometry& g) {
    const double w = std::clamp(g.thumbSize() * 0.08, 2.0, 5.0);
    p.setBrush(Qt::NoBrush);
    for (int l = 0; l < s.layers; ++l)
        for (int h = 0; h < s.heads; ++h) {
            const auto i = static_cast<size_t>(s.index(l, h));
            if (i >= s.scores.size()) continue;
            const QColor colour = headTypeColor(headType(s.scores[i]));
            if (!colour.isValid()) continue;
            p.setPen(QPen(colour, w, Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin));
            p.drawRect(g.thumbRect(l, h).adjusted(w / 2, w / 2, -w / 2, -w / 2));
        }
}

// "■ previous token ■ first token ■ self ■ induction", right-aligned in r; nothing when it does not all fit.
void drawTypeLegend(QPainter& p, const QRectF& r, const FigureStyle& style) {
    const QFontMetricsF fm = p.fontMetrics();
    const double box = fm.ascent() * 0.8, gap = fm.averageCharWidth();
    const QString types[] = {QStringLiteral("previous_token"), QStringLiteral("first_token"), QStringLiteral("self"),
                             QStringLiteral("induction")};
    double total = 0;
    for (const QString& type : types) total += box + gap / 2 + fm.horizontalAdvance(headTypeLabel(type)) + 1.5 * gap;
    total -= 1.5 * gap;
    if (total > r.width()) return;
    double x = r.right() - total;
    p.setPen(style.muted);
    for (const QString& type : types) {
        const QString label = headTypeLabel(type);
        p.fillRect(QRectF(x, r.center().y() - box / 2, box, box), headTypeColor(type));
        x += box + gap / 2;
        const double width = fm.horizontalAdvance(label) + 1;
        p.drawText(QRectF(x, r.top(), width, r.height()), Qt::AlignLeft | Qt::AlignVCenter, label);
        x += width - 1 + 1.5 * gap;
    }
}

void drawLabels(QPainter& p, const HeadGridScene& s, const HeadGridGeometry& g, const FigureStyle& style) {
    QFont font = style.font;
    for (int l = 0; l < s.layers; l += g.rowLabelStep()) {
        font.setBold(l == s.selectedLayer);
        p.setFont(font);
        p.setPen(l == s.selectedLayer ? style.accent : style.foreground);
        p.drawText(g.rowLabelRect(l), Qt::AlignRight | Qt::AlignVCenter, QString::number(l));
    }
    for (int h = 0; h < s.heads; h += g.columnLabelStep()) {
        font.setBold(h == s.selectedHead);
        p.setFont(font);
        p.setPen(h == s.selectedHead ? style.accent : style.foreground);
        p.drawText(g.columnLabelRect(h), Qt::AlignCenter, QString::number(h));
    }
    font.setBold(false);
    font.setItalic(true);
    p.setFont(font);
    p.setPen(style.muted);
    const QString headsTitle =
        s.headsPerKv > 1 ? tr("heads → (groups of %1 share keys and values)").arg(s.headsPerKv) : tr("heads →");
    p.drawText(g.columnTitleRect(), Qt::AlignLeft | Qt::AlignVCenter, headsTitle);
    if (s.colorByType) {
        const QRectF title = g.columnTitleRect();
        drawTypeLegend(p, title.adjusted(p.fontMetrics().horizontalAdvance(headsTitle) + title.height(), 0, 0, 0), style);
    }
    if (s.headsPerKv > 1) {
        // A tick under the column labels where one key/value group ends and the next begins.
        p.setPen(QPen(style.muted, 1.0));
        for (int h = s.headsPerKv; h < s.heads; h += s.headsPerKv) {
            const QRectF left = g.columnLabelRect(h - 1), right = g.columnLabelRect(h);
            const double x = (left.right() + right.left()) / 2;
            p.drawLine(QPointF(x, left.top()), QPointF(x, left.bottom()));
        }
    }
    // Read downwards like the heatmap's "queries →"; beside a short grid it starts higher, beside the
    // empty corner above the layer labels, rather than being cut.
    const QRectF r = g.rowTitleRect();
    const QString layers = tr("layers →");
    const double length = std::max(r.height(), p.fontMetrics().horizontalAdvance(layers) + 1.0);
    const double top = std::max(g.usedRect().top(), r.bottom() - length);
    p.save();
    p.translate(r.left(), std::min(r.top(), top));
    p.rotate(90);
    p.drawText(QRectF(0, -r.width(), length, r.width()), Qt::AlignLeft | Qt::AlignVCenter, layers);
    p.restore();
    if (!g.showsNames()) return;
    p.setFont(scaledFont(style.font, 0.8));
    const QFontMetricsF fm = p.fontMetrics();
    for (int l = 0; l < s.layers; ++l)
        for (int h = 0; h < s.heads; ++h) {
            const QRectF r = g.nameRect(l, h);
            p.setPen(l == s.selectedLayer && h == s.selectedHead ? style.accent : style.muted);
            // The measured type first: it is what this text shows, and a long name is elided after it.
            const QString type = s.measuredTypes.value(s.index(l, h));
            const QString name = s.headNames.value(s.index(l, h));
            const QString caption = type.isEmpty() || name == u"mixed" ? (type.isEmpty() ? name : type)
                                                                         : QStringLiteral("%1 · %2").arg(type, name);
            p.drawText(r, Qt::AlignHCenter | Qt::AlignTop, fm.elidedText(caption, Qt::ElideRight, r.width()));
        }
}
} // namespace

QString measuredTypeLabel(const HeadScores& scores) {
    const QString type = headType(scores);
    const auto label = [](const char* name, double score) { return tr("%1 %2").arg(tr(name)).arg(score, 0, 'f', 2); };
    if (type == u"previous_token") return label("previous", scores.previousToken);
    if (type == u"first_token") return label("first", scores.firstToken);
    if (type == u"self") return label("self", scores.self);
    if (type == u"induction") return label("induction", scores.induction.value_or(0));
    return {};
}

QColor headTypeColor(const QString& type) {
    if (type == u"previous_token") return QColor(0x00, 0x72, 0xB2); // blue
    if (type == u"first_token") return QColor(0xE6, 0x9F, 0x00);    // orange
    if (type == u"self") return QColor(0x00, 0x9E, 0x73);           // bluish green
    if (type == u"induction") return QColor(0xCC, 0x79, 0xA7);      // reddish purple
    return {};
}

QString headTypeLabel(const QString& type) {
    if (type == u"previous_token") return tr("previous token");
    if (type == u"first_token") return tr("first token");
    if (type == u"self") return tr("self");
    if (type == u"induction") return tr("induction");
    return tr("mixed");
}

HeadGridScene headGridScene(const AttentionTrace& trace, MatrixKind kind, const FigureStyle& style, int layer, int head) {
    HeadGridScene s = headGridData(trace, kind, layer, head);
    colorThumbnails(s, style);
    return s;
}

HeadGridScene headGridData(const AttentionTrace& trace, MatrixKind kind, int layer, int head,
                           const std::function<bool()>& stop) {
    HeadGridScene s;
    s.layers = trace.layerCount();
    s.heads = trace.headCount();
    s.headsPerKv = s.heads / std::max(1, trace.config.keyValueHeads());
    s.selectedLayer = layer;
    s.selectedHead = head;
    for (int l = 0; l < s.layers; ++l)
        for (int h = 0; h < s.heads; ++h) {
            if (stop && stop()) return s;
            HeadScores scores;
            s.matrices.push_back(thumbnailData(trace, l, h, kind, scores));
            s.headNames << trace.config.headName(l, h);
            s.measuredTypes << measuredTypeLabel(scores);
            s.scores.push_back(scores);
        }
    return s;
}

void colorThumbnails(HeadGridScene& scene, const FigureStyle& style) {
    scene.thumbnails.clear();
    for (const MatrixData& d : scene.matrices) scene.thumbnails.push_back(thumbnail(d, style));
}

HeadGridGeometry headGridGeometry(QPainter& painter, const HeadGridScene& scene, const QRectF& bounds,
                                  const FigureStyle& style, double minThumb) {
    const QFontMetricsF fm(style.font, painter.device());
    HeadGridLayoutInput in;
    in.bounds = bounds;
    in.layers = scene.layers;
    in.heads = scene.heads;
    // Bold selected labels are a little wider: measure with room to spare.
    in.rowLabelWidth = widest(fm, scene.layers) * 1.15;
    in.columnLabelWidth = widest(fm, scene.heads) * 1.15;
    in.textHeight = fm.height();
    in.minThumb = minThumb;
    in.names = !scene.headNames.isEmpty();
    in.maxThumbAspect = scene.maxThumbAspect;
    if (scene.colorBar && !scene.matrices.empty())
        in.colorBarLabelWidth = colorBarLabelWidth(painter, scene.matrices.front(), ColorScaleMode::Fixed, style);
    return HeadGridGeometry(in);
}

void renderHeadGrid(QPainter& p, const HeadGridScene& s, const QRectF& bounds, const FigureStyle& style, double minThumb) {
    p.save();
    p.fillRect(bounds, style.background);
    if (s.layers == 0 || s.heads == 0 || static_cast<int>(s.thumbnails.size()) != s.layers * s.heads) {
        p.restore();
        return;
    }
    const HeadGridGeometry g = headGridGeometry(p, s, bounds, style, minThumb);
    qsizetype cells = 0;
    for (const MatrixData& d : s.matrices) cells += static_cast<qsizetype>(d.values.size());
    const bool vector = !style.rasterCells && cells <= kMaxVectorCells;
    p.setRenderHint(QPainter::Antialiasing, false);
    p.setRenderHint(QPainter::SmoothPixmapTransform, false); // thumbnails stay crisp cells when enlarged
    for (int l = 0; l < s.layers; ++l)
        for (int h = 0; h < s.heads; ++h) {
            const int i = s.index(l, h);
            if (vector) drawVectorCells(p, s.matrices[static_cast<size_t>(i)], g.thumbRect(l, h), style);
            else p.drawImage(g.thumbRect(l, h), s.thumbnails[static_cast<size_t>(i)]);
        }
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setRenderHint(QPainter::TextAntialiasing, true);
    if (s.colorByType) drawTypeFrames(p, s, g);
    if (s.selectedLayer >= 0 && s.selectedLayer < s.layers && s.selectedHead >= 0 && s.selectedHead < s.heads) {
        const double w = std::clamp(g.thumbSize() * 0.03, 1.5, 3.0);
        p.setPen(QPen(style.accent, w));
        p.setBrush(Qt::NoBrush);
        p.drawRect(g.thumbRect(s.selectedLayer, s.selectedHead).adjusted(-w / 2, -w / 2, w / 2, w / 2));
    }
    drawLabels(p, s, g, style);
    if (s.colorBar) renderColorBar(p, g.colorBarRect(), g.colorBarLabelLeft(), s.matrices.front(), ColorScaleMode::Fixed, style);
    p.restore();
}

} // namespace qkview::ui
