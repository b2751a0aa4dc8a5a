// SPDX-License-Identifier: MIT
// Keystroke to repaint in the real main window (offscreen): types one character at a time at the end of a
// text and reports the time from each keystroke to the end of the repaint that shows its trace.
//   bench_keystroke [TAB]                          teaching model, a 30-token sentence typed from scratch
//   bench_keystroke [TAB] --model DIR [--words N]  a model folder: a text of N words (default 1000) is
//                                                  loaded first, then 50 characters are typed at its end;
//                                                  also prints resident memory before and after typing
#include "models/teaching_model.h"
#include "views/sentence_edit.h"
#include "weights/model_folder.h"
#include "window/main_window.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <random>
#include <vector>

namespace {
constexpr auto kSentence =
    "The old teacher gave the eager students a long and difficult test about the history of the small "
    "town near the river today .";
constexpr auto kTyped = " and then the students walked home along the river"; // 50 characters

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v[static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5)];
}

// VmRSS or VmHWM of this process in MiB.
double memoryMb(const char* field) {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) return 0.0;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith(field)) return line.mid(static_cast<qsizetype>(qstrlen(field))).trimmed().split(' ').front().toDouble() / 1024.0;
    return 0.0;
}

// n words of ordinary English in a random order: about one GPT-2 token each.
QString longText(int words) {
    const QStringList pool = QString::fromLatin1(kSentence).split(u' ');
    std::mt19937 random(3);
    QStringList out;
    for (int i = 0; i < words; ++i) out << pool[static_cast<qsizetype>(random() % static_cast<unsigned>(pool.size()))];
    return out.join(u' ');
}

QString option(const QStringList& args, const QString& name, const QString& fallback = {}) {
    const qsizetype i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args[i + 1] : fallback;
}
} // namespace

int main(int argc, char* argv[]) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("qkview-bench"));
    const QStringList args = app.arguments();
    const QString tab = args.size() > 1 && !args[1].startsWith(u'-') ? args[1] : QStringLiteral("math");
    const QString folder = option(args, QStringLiteral("--model"));
    std::shared_ptr<qkview::Model> model;
    if (folder.isEmpty()) model = std::make_shared<qkview::TeachingModel>();
    else model = qkview::loadModelFolder(folder);
    const double weightsMb = memoryMb("VmRSS:");
    qkview::ui::MainWindow window(model, false);
    window.resize(1366, 768);
    window.showSideTab(tab);
    window.show();
    qkview::ui::Session& session = *window.session();
    const auto waitForTrace = [&] {
        while (session.isBusy() || !session.trace() || session.trace()->text != window.sentenceEdit()->toPlainText())
            QCoreApplication::processEvents(QEventLoop::AllEvents);
    };
    const QString prefix = folder.isEmpty() ? QString() : longText(option(args, QStringLiteral("--words"), QStringLiteral("1000")).toInt());
    window.sentenceEdit()->setPlainText(prefix);
    window.sentenceEdit()->moveCursor(QTextCursor::End);
    window.sentenceEdit()->setFocus();
    waitForTrace();
    window.repaint();
    const double beforeMb = memoryMb("VmRSS:");

    std::vector<double> ms;
    QElapsedTimer timer;
    for (QChar c : QString::fromLatin1(folder.isEmpty() ? kSentence : kTyped)) {
        timer.start();
        QTest::keyClick(window.sentenceEdit(), c.toLatin1());
        waitForTrace();
        window.repaint(); // paints every visible view now, rebuilding what the new trace invalidated
        ms.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }
    const int tokens = session.trace() ? session.trace()->tokenCount() : 0;
    std::printf("keystroke → repaint, %s, %d tokens at the end, %zu keystrokes, side tab '%s'\n",
                qPrintable(model->config().name), tokens, ms.size(), qPrintable(tab));
    std::printf("median %.2f ms   p95 %.2f ms   max %.2f ms\n", percentile(ms, 0.5), percentile(ms, 0.95),
                *std::max_element(ms.begin(), ms.end()));
    if (!folder.isEmpty())
        std::printf("resident memory: model loaded %.0f MiB; text loaded %.0f MiB; after typing %.0f MiB "
                    "(after typing − model: %.0f MiB); peak %.0f MiB\n",
                    weightsMb, beforeMb, memoryMb("VmRSS:"), memoryMb("VmRSS:") - weightsMb, memoryMb("VmHWM:"));
    return 0;
}
