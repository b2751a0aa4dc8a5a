// SPDX-License-Identifier: MIT
#pragma once
// A read-only memory map of a whole file, unmapped when the object dies (RAII).
#include <QFile>
#include <QString>

namespace qkview {

class MappedFile {
public:
    // Throws Error(Io) naming the file when it cannot be opened or mapped.
    explicit MappedFile(const QString& path);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    // nullptr for an empty file. The bytes may have any alignment.
    const uchar* data() const { return m_data; }
    qint64 size() const { return m_size; }
    const QString& path() const { return m_path; }

private:
    QString m_path;
    QFile m_file;
    uchar* m_data = nullptr;
    qint64 m_size = 0;
};

} // namespace qkview
