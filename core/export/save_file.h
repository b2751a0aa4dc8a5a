// SPDX-License-Identifier: MIT
#pragma once
// Writes a file all at once or not at all (QSaveFile): a failed write leaves any existing file as it was.
#include <QByteArray>
#include <QString>

namespace qkview {

// Throws Error(Io) naming the path and the reason: missing or unwritable folder, a folder in the
// file's place, an empty name, a full disk.
void saveFileAtomically(const QString& path, const QByteArray& data);

} // namespace qkview
