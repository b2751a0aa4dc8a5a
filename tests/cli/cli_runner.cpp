// SPDX-License-Identifier: MIT
#include "cli_runner.h"

#include <QProcess>
#include <QProcessEnvironment>

#include <gtest/gtest.h>

namespace qkview::test {

CliResult runQkview(const QStringList& arguments) {
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(QKVIEW_BINARY), arguments);
    CliResult result;
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        ADD_FAILURE() << "qkview did not finish: " << arguments.join(u' ').toStdString();
        return result;
    }
    EXPECT_EQ(process.exitStatus(), QProcess::NormalExit) << "qkview crashed: " << arguments.join(u' ').toStdString();
    result.exitCode = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

} // namespace qkview::test
