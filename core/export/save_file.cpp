// SPDX-License-Identifier: MIT
#include "export/save_file.h"

#include "base/error.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace qkview {

namespace {
[[noreturn]] void fail(const QString& path, const QString& why) {
    throw Error(Error::Kind::Io, QStringLiteral("cannot write %1: %2").arg(path, why).toStdString());
}

// The reason people can act on, before QSaveFile's less specific one.
void checkTarget(const QString& path) {
    if (path.trimmed().isEmpty()) fail(QStringLiteral("''"), QStringLiteral("the file name is empty"));
    if (path.contains(QChar(0))) fail(path, QStringLiteral("the file name contains a NUL character"));
    const QFileInfo info(path);
    if (info.isDir()) fail(path, QStringLiteral("it is a folder"));
    const QFileInfo folder(info.absolutePath());
    if (!folder.exists()) fail(path, QStringLiteral("the folder %1 does not exist").arg(folder.filePath()));
    if (!folder.isDir()) fail(path, QStringLiteral("%1 is not a folder").arg(folder.filePath()));
}
} // namespace

void saveFileAtomically(const QString& path, const QByteArray& data) {
    checkTarget(path);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) fail(path, file.errorString());
    if (file.write(data) != data.size()) {
        const QString why = file.errorString();
        file.cancelWriting();
        fail(path, why);
    }
    if (!file.commit()) fail(path, file.errorString());
}

} // namespace qkview
