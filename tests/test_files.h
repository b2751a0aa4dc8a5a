// SPDX-License-Identifier: MIT
#pragma once
// Small files a test writes and reads back, for every test executable.
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace qkview::test {

// Writes bytes to name inside dir and returns its path (a failed write fails the test).
inline QString writeTestFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes) {
    const QString path = dir.filePath(name);
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::WriteOnly)) << path.toStdString();
    EXPECT_EQ(file.write(bytes), bytes.size());
    return path;
}

// The file's bytes, or none when it cannot be read.
inline QByteArray readTestFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace qkview::test
