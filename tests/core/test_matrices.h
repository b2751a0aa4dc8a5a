// SPDX-License-Identifier: MIT
#pragma once
// Helpers shared by the core tests: JSON fixtures to matrices, and comparisons that print the max difference.
#include "base/matrix.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <gtest/gtest.h>

namespace qkview::test {

inline QJsonObject readJsonFixture(const QString& name) {
    QFile file(QStringLiteral(QKVIEW_TEST_DATA "/") + name);
    EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << "missing fixture " << name.toStdString();
    return QJsonDocument::fromJson(file.readAll()).object();
}

inline Matrix matrixFromJson(const QJsonValue& value) {
    const QJsonArray rows = value.toArray();
    const auto cols = rows.isEmpty() ? 0 : rows.first().toArray().size();
    Matrix m(rows.size(), cols);
    for (qsizetype r = 0; r < rows.size(); ++r) {
        const QJsonArray row = rows[r].toArray();
        EXPECT_EQ(row.size(), cols);
        for (qsizetype c = 0; c < row.size() && c < cols; ++c) m(r, c) = static_cast<float>(row[c].toDouble());
    }
    return m;
}

inline ::testing::AssertionResult matricesNear(const Matrix& actual, const Matrix& expected, double tolerance) {
    if (actual.rows() != expected.rows() || actual.cols() != expected.cols())
        return ::testing::AssertionFailure() << "shape " << actual.rows() << "x" << actual.cols() << " vs expected "
                                             << expected.rows() << "x" << expected.cols();
    const double maxDiff = actual.size() ? (actual - expected).cwiseAbs().maxCoeff() : 0.0;
    if (maxDiff <= tolerance) return ::testing::AssertionSuccess() << "max difference " << maxDiff;
    return ::testing::AssertionFailure() << "max difference " << maxDiff << " exceeds " << tolerance;
}

} // namespace qkview::test
