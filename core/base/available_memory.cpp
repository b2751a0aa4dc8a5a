// SPDX-License-Identifier: MIT
#include "base/available_memory.h"

#include <QByteArray>
#include <QFile>

namespace qkview {

qint64 availableMemoryBytes() {
    bool ok = false;
    const qint64 cap = qEnvironmentVariable("QKVIEW_AVAILABLE_MEMORY").toLongLong(&ok);
    if (ok && cap >= 0) return cap;
    QFile meminfo(QStringLiteral("/proc/meminfo"));
    if (!meminfo.open(QIODevice::ReadOnly)) return -1;
    // /proc files report size 0, so read line by line: "MemAvailable:   12345678 kB".
    for (QByteArray line = meminfo.readLine(); !line.isEmpty(); line = meminfo.readLine()) {
        if (!line.startsWith("MemAvailable:")) continue;
        const qint64 kib = line.mid(13).trimmed().split(' ').value(0).toLongLong(&ok);
        return ok ? kib * 1024 : -1;
    }
    return -1;
}

} // namespace qkview
