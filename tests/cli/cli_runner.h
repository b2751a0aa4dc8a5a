// SPDX-License-Identifier: MIT
#pragma once
// Runs the qkview binary as a user would and captures what it says.
#include <QByteArray>
#include <QStringList>

namespace qkview::test {

struct CliResult {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Runs the built binary with arguments; no display (offscreen). Fails the test on a crash or a hang (60 s).
CliResult runQkview(const QStringList& arguments);

} // namespace qkview::test
