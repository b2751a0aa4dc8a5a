// SPDX-License-Identifier: MIT
#include "weights/mapped_file.h"

#include "base/error.h"

#include <sys/mman.h>
#include <unistd.h>

namespace qkview {

MappedFile::MappedFile(const QString& path) : m_path(path), m_file(path) {
    if (!m_file.open(QIODevice::ReadOnly))
        throw Error(Error::Kind::Io, "cannot open " + path.toStdString() + ": " + m_file.errorString().toStdString());
    m_size = m_file.size();
    if (m_size == 0) return; // nothing to map; callers see size() == 0
    m_data = m_file.map(0, m_size);
    if (!m_data)
        throw Error(Error::Kind::Io, "cannot map " + path.toStdString() + " into memory: " +
                                         m_file.errorString().toStdString());
}

void MappedFile::release(qint64 offset, qint64 size) const {
    if (!m_data || size <= 0) return;
    // Whole pages inside the range only: a page shared with a neighbour stays.
    const auto page = static_cast<quintptr>(sysconf(_SC_PAGESIZE));
    const quintptr begin = (reinterpret_cast<quintptr>(m_data) + static_cast<quintptr>(offset) + page - 1) / page * page;
    const quintptr end = (reinterpret_cast<quintptr>(m_data) + static_cast<quintptr>(offset + size)) / page * page;
    if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_DONTNEED); // advice only: failure is harmless
}

MappedFile::~MappedFile() {
    if (m_data) m_file.unmap(m_data);
}

} // namespace qkview
