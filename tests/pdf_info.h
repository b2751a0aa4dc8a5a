// SPDX-License-Identifier: MIT
#pragma once
// What poppler's pdfinfo says of a PDF: its page count and the first page's size in points.
// Shared by the ui and cli tests; header-only because each test executable includes it once.
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QString>

#include <optional>

namespace qkview::test {

struct PdfInfo {
    int pages = 0;
    double widthPt = 0, heightPt = 0;
    QString raw; // pdfinfo's whole output, for failure messages
};

// nullopt when pdfinfo is not installed (the caller skips); pages = 0 when it could not read the file.
inline std::optional<PdfInfo> pdfInfo(const QString& path) {
    const QString pdfinfo = QStandardPaths::findExecutable(QStringLiteral("pdfinfo"));
    if (pdfinfo.isEmpty()) return std::nullopt;
    QProcess process;
    process.start(pdfinfo, {path});
    PdfInfo info;
    if (!process.waitForFinished(30000)) return info;
    info.raw = QString::fromUtf8(process.readAllStandardOutput());
    const auto pages = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)\\n")).match(info.raw);
    const auto size = QRegularExpression(QStringLiteral("Page size:\\s+([0-9.]+) x ([0-9.]+) pts")).match(info.raw);
    if (pages.hasMatch()) info.pages = pages.captured(1).toInt();
    if (size.hasMatch()) {
        info.widthPt = size.captured(1).toDouble();
        info.heightPt = size.captured(2).toDouble();
    }
    return info;
}

} // namespace qkview::test
