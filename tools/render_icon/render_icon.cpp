// SPDX-License-Identifier: MIT
// Renders the app's SVG icon into the PNG sizes of the hicolor theme at build time, so no PNG is committed
// that could drift from the SVG. Usage: qkview_render_icon ICON.svg OUTDIR SIZE...
// writes OUTDIR/SIZExSIZE/apps/ICON.png for each size.
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>

#include <cstdio>

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fputs("usage: qkview_render_icon ICON.svg OUTDIR SIZE...\n", stderr);
        return 2;
    }
    const QString svgPath = QString::fromLocal8Bit(argv[1]);
    const QString outDir = QString::fromLocal8Bit(argv[2]);
    QSvgRenderer renderer(svgPath);
    if (!renderer.isValid()) {
        std::fprintf(stderr, "qkview_render_icon: cannot read %s as SVG\n", argv[1]);
        return 1;
    }
    const QString name = QFileInfo(svgPath).completeBaseName() + QStringLiteral(".png");
    for (int i = 3; i < argc; ++i) {
        bool ok = false;
        const int size = QString::fromLocal8Bit(argv[i]).toInt(&ok);
        if (!ok || size < 1 || size > 1024) {
            std::fprintf(stderr, "qkview_render_icon: size must be 1-1024 pixels, got '%s'\n", argv[i]);
            return 2;
        }
        // Plain raster painting on a QImage: no QGuiApplication, so the build needs no display.
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        renderer.render(&painter, QRectF(0, 0, size, size));
        painter.end();
        const QString dir = outDir + QStringLiteral("/%1x%1/apps").arg(size);
        if (!QDir().mkpath(dir) || !image.save(dir + u'/' + name, "PNG")) {
            std::fprintf(stderr, "qkview_render_icon: cannot write %s/%s\n", qPrintable(dir),
                         qPrintable(name));
            return 1;
        }
    }
    return 0;
}
