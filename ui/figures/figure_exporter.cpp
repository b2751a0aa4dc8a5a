// SPDX-License-Identifier: MIT
#include "figures/figure_exporter.h"

#include "base/error.h"
#include "painters/label_text.h"
#include "export/save_file.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFileInfo>
#include <QImageWriter>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>

#include <cmath>

namespace qkview::ui {

namespace {
constexpr double kCmPerInch = 2.54;

QString tr(const char* text) { return QCoreApplication::translate("qkview", text); }

[[noreturn]] void invalid(const QString& message) { throw Error(Error::Kind::InvalidArgument, message.toStdString()); }

// Elided or symbol-substituted token labels get their full text as an SVG <title> (a tooltip in viewers).
void addFullTokenTitles(QByteArray& svg, const AttentionTrace& trace) {
    for (const Token& t : trace.tokens) {
        const QString label = tokenLabel(t.text);
        if (label == t.text) continue;
        const QByteArray shown = '>' + label.toHtmlEscaped().toUtf8() + "</text>";
        const QByteArray titled = '>' + label.toHtmlEscaped().toUtf8() + "<title>" + withVisibleControls(t.text).toHtmlEscaped().toUtf8() +
                                 "</title></text>";
        svg.replace(shown, titled);
    }
}

void report(QStringList* to, const QStringList& warnings) {
    if (to) *to << warnings;
}

QString tokensText(const AttentionTrace& trace) {
    QStringList tokens;
    for (const Token& t : trace.tokens) tokens << withVisibleControls(t.text);
    return tr("Tokens: %1").arg(tokens.join(QStringLiteral(" | ")));
}
} // namespace

QStringList figureFormatNames() { return {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf")}; }

QString figureFormatName(FigureFormat format) { return figureFormatNames().value(static_cast<int>(format)); }

std::optional<FigureFormat> figureFormatFromName(const QString& name) {
    const auto index = figureFormatNames().indexOf(name.trimmed().toLower());
    if (index < 0) return std::nullopt;
    return static_cast<FigureFormat>(index);
}

std::optional<FigureFormat> figureFormatFromPath(const QString& path) {
    return figureFormatFromName(QFileInfo(path).suffix());
}

FigureSize FigureSize::from(QSizeF size, SizeUnit unit, int dpi) {
    FigureSize s;
    s.dpi = dpi;
    switch (unit) {
    case SizeUnit::Pixels: s.inches = dpi > 0 ? size / dpi : QSizeF(); break;
    case SizeUnit::Centimetres: s.inches = size / kCmPerInch; break;
    case SizeUnit::Inches: s.inches = size; break;
    }
    return s;
}

QSize FigureSize::pixels() const {
    return {static_cast<int>(std::lround(inches.width() * dpi)), static_cast<int>(std::lround(inches.height() * dpi))};
}

QSizeF FigureSize::units() const { return inches * kFigureUnitsPerInch; }

QSizeF FigureSize::in(SizeUnit unit) const {
    switch (unit) {
    case SizeUnit::Pixels: return QSizeF(pixels());
    case SizeUnit::Centimetres: return inches * kCmPerInch;
    case SizeUnit::Inches: break;
    }
    return inches;
}

void checkFigureSize(const FigureSize& size) {
    if (size.dpi < kMinDpi || size.dpi > kMaxDpi)
        invalid(tr("the DPI must be between %1 and %2, got %3").arg(kMinDpi).arg(kMaxDpi).arg(size.dpi));
    const QSize px = size.pixels();
    if (!(size.inches.width() > 0 && size.inches.height() > 0) || px.width() < 1 || px.height() < 1)
        invalid(tr("the figure size must be positive, got %1 × %2 pixels").arg(px.width()).arg(px.height()));
    if (px.width() > kMaxPixels || px.height() > kMaxPixels)
        invalid(tr("the figure is %1 × %2 pixels; each side may be at most %3")
                    .arg(px.width()).arg(px.height()).arg(kMaxPixels));
}

FigureExporter::FigureExporter(TracePtr trace, FigureRequest request, FigureStyle base)
    : m_trace(std::move(trace)), m_request(std::move(request)), m_base(std::move(base)) {
    if (!m_trace) invalid(tr("there is no trace to export"));
}

FigureRequest FigureExporter::sized(const FigureSize& size) const {
    checkFigureSize(size);
    FigureRequest r = m_request;
    r.size = size.units();
    checkFigureRequest(r, *m_trace);
    return r;
}

QImage FigureExporter::image(const FigureSize& size, QStringList* warnings) const {
    const FigureRequest r = sized(size);
    QImage image(size.pixels(), QImage::Format_RGB32);
    if (image.isNull()) invalid(tr("not enough memory for a %1 × %2 image").arg(size.pixels().width()).arg(size.pixels().height()));
    image.fill(Qt::white);
    // Painted at 96 logical DPI like the SVG and the PDF, so every measure of a point-sized font agrees
    // (QFontMetricsF without a device assumes it); the real DPI is recorded afterwards.
    const int dotsPerMetreAt96 = static_cast<int>(std::lround(kFigureUnitsPerInch / 0.0254));
    image.setDotsPerMeterX(dotsPerMetreAt96);
    image.setDotsPerMeterY(dotsPerMetreAt96);
    {
        QPainter p(&image);
        report(warnings, renderFigure(p, r, *m_trace, QRectF(QPointF(0, 0), QSizeF(image.size())), m_base));
    }
    const int dotsPerMetre = static_cast<int>(std::lround(size.dpi / 0.0254));
    image.setDotsPerMeterX(dotsPerMetre);
    image.setDotsPerMeterY(dotsPerMetre);
    return image;
}

QByteArray FigureExporter::png(const FigureSize& size, QStringList* warnings) const {
    const QImage picture = image(size, warnings);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "png");
    if (!writer.write(picture)) invalid(tr("could not encode the PNG: %1").arg(writer.errorString()));
    return bytes;
}

QByteArray FigureExporter::svg(const FigureSize& size, QStringList* warnings) const {
    const FigureRequest r = sized(size);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setResolution(static_cast<int>(kFigureUnitsPerInch)); // so width and height come out in real mm
    generator.setSize(r.size.toSize());
    generator.setViewBox(QRectF(QPointF(0, 0), r.size));
    generator.setTitle(r.title.value_or(defaultTitle(r, *m_trace)));
    generator.setDescription(r.caption.value_or(defaultCaption(r, *m_trace)) + u'\n' + tokensText(*m_trace));
    QPainter p;
    if (!p.begin(&generator)) invalid(tr("could not start the SVG"));
    report(warnings, renderFigure(p, r, *m_trace, QRectF(QPointF(0, 0), r.size), m_base));
    p.end();
    addFullTokenTitles(bytes, *m_trace);
    return bytes;
}

QByteArray FigureExporter::pdf(const FigureSize& size, QStringList* warnings) const {
    const FigureRequest r = sized(size);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setCreator(QStringLiteral("qkview"));
        writer.setTitle(r.title.value_or(defaultTitle(r, *m_trace)));
        // One page exactly the figure's size, no margins.
        writer.setPageLayout(QPageLayout(QPageSize(size.inches, QPageSize::Inch, QString(), QPageSize::ExactMatch),
                                         QPageLayout::Portrait, QMarginsF(0, 0, 0, 0)));
        writer.setResolution(static_cast<int>(kFigureUnitsPerInch)); // as the SVG: fonts in points measure alike
        QPainter p;
        if (!p.begin(&writer)) invalid(tr("could not start the PDF"));
        const QRectF page(QPointF(0, 0), size.inches * writer.resolution());
        report(warnings, renderFigure(p, r, *m_trace, page, m_base));
        p.end();
    }
    return bytes;
}

QByteArray FigureExporter::encode(FigureFormat format, const FigureSize& size, QStringList* warnings) const {
    switch (format) {
    case FigureFormat::Svg: return svg(size, warnings);
    case FigureFormat::Pdf: return pdf(size, warnings);
    case FigureFormat::Png: break;
    }
    return png(size, warnings);
}

void FigureExporter::save(const QString& path, FigureFormat format, const FigureSize& size, QStringList* warnings) const {
    saveFileAtomically(path, encode(format, size, warnings));
}

} // namespace qkview::ui
