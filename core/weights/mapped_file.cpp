// SPDX-License-Identifier: MIT
#include "weights/mapped_file.h"

#include "base/error.h"

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

MappedFile::~MappedFile() {
    if (m_data) m_file.unmap(m_data);
}

} // namespace qkview
