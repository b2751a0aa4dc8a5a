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
    // Tells the kernel the bytes [offset, offset + size) are done with: their pages leave this process's
    // resident memory (they stay in the page cache, and a later read maps them again). After a tensor has
    // been converted to float32, this keeps a half-precision file from counting twice in memory.
    void release(qint64 offset, qint64 size) const;

private:
    QString m_path;
    QFile m_file;
    uchar* m_data = nullptr;
    qint64 m_size = 0;
};

} // namespace qkview
