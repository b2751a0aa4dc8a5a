// SPDX-License-Identifier: MIT
#pragma once
// Figures to files: PNG at an exact pixel size with its DPI recorded, SVG with one vector shape per
// cell and real text, PDF with one page the size of the figure and fonts embedded. Files are written
// atomically: a failed export leaves any existing file as it was.
#include "figures/figure.h"

#include <QByteArray>
#include <QImage>

namespace qkview::ui {

enum class FigureFormat { Png, Svg, Pdf };

QStringList figureFormatNames(); // png, svg, pdf
QString figureFormatName(FigureFormat format);
std::optional<FigureFormat> figureFormatFromName(const QString& name);
std::optional<FigureFormat> figureFormatFromPath(const QString& path); // by its suffix

enum class SizeUnit { Pixels, Centimetres, Inches };

// The physical size of a figure and the resolution of its PNG. Pixels become inches through dpi, so
// the same size and dpi give the same picture in every format.
struct FigureSize {
    QSizeF inches{1600.0 / 150, 900.0 / 150};
    int dpi = 150;

    static FigureSize from(QSizeF size, SizeUnit unit, int dpi);
    QSize pixels() const;  // of the PNG
    QSizeF units() const;  // figure units (1/96 inch), for FigureRequest::size
    QSizeF in(SizeUnit unit) const;
};

inline constexpr int kMinDpi = 72, kMaxDpi = 600;
inline constexpr int kMaxPixels = 16384; // per side of a PNG

// Throws Error(InvalidArgument) for a DPI outside 72–600, an empty size or a PNG side over kMaxPixels.
void checkFigureSize(const FigureSize& size);

class FigureExporter {
public:
    // The request's size is replaced by the export size's. base is the print style unless the screen's is wanted.
    FigureExporter(TracePtr trace, FigureRequest request, FigureStyle base = FigureStyle::print());

    const FigureRequest& request() const { return m_request; }
    // Throw Error(InvalidArgument) for a bad request or size. warnings, when given, receives what the
    // figure could not do as asked (numbers that do not fit), for the user to be told.
    QImage image(const FigureSize& size, QStringList* warnings = nullptr) const; // exactly size.pixels(), dpi set
    QByteArray encode(FigureFormat format, const FigureSize& size, QStringList* warnings = nullptr) const;
    // Throws Error(InvalidArgument) before touching the file, Error(Io) when the file cannot be written.
    void save(const QString& path, FigureFormat format, const FigureSize& size, QStringList* warnings = nullptr) const;

private:
    FigureRequest sized(const FigureSize& size) const;
    QByteArray png(const FigureSize& size, QStringList* warnings) const;
    QByteArray svg(const FigureSize& size, QStringList* warnings) const;
    QByteArray pdf(const FigureSize& size, QStringList* warnings) const;

    TracePtr m_trace;
    FigureRequest m_request;
    FigureStyle m_base;
};

} // namespace qkview::ui
