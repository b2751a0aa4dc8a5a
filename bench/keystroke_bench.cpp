// SPDX-License-Identifier: MIT
// Types a 30-token sentence one character at a time into the real main window (offscreen) and
// reports the time from each keystroke to the end of the repaint that shows its trace.
#include "window/main_window.h"
#include "views/sentence_edit.h"
#include "models/teaching_model.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {
constexpr auto kSentence =
    "The old teacher gave the eager students a long and difficult test about the history of the small "
    "town near the river today .";

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v[static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5)];
}
} // namespace

int main(int argc, char* argv[]) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("qkview-bench"));
    const QString tab = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("math");
    qkview::ui::MainWindow window(std::make_shared<qkview::TeachingModel>(), false);
    window.resize(1366, 768);
    window.showSideTab(tab);
    window.show();
    window.sentenceEdit()->clear();
    window.sentenceEdit()->setFocus();
    QCoreApplication::processEvents();

    qkview::ui::Session& session = *window.session();
    std::vector<double> ms;
    QElapsedTimer timer;
    for (QChar c : QString::fromLatin1(kSentence)) {
        timer.start();
        QTest::keyClick(window.sentenceEdit(), c.toLatin1());
        while (session.isBusy() || !session.trace() || session.trace()->text != window.sentenceEdit()->toPlainText())
            QCoreApplication::processEvents(QEventLoop::AllEvents);
        window.repaint(); // paints every visible view now, rebuilding what the new trace invalidated
        ms.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }
    const int tokens = session.trace() ? session.trace()->tokenCount() : 0;
    std::printf("keystroke → repaint, teaching model, %d tokens at the end, %zu keystrokes, side tab '%s'\n", tokens,
                ms.size(), qPrintable(tab));
    std::printf("median %.2f ms   p95 %.2f ms   max %.2f ms   (targets: median ≤ 8 ms, p95 ≤ 16 ms)\n",
                percentile(ms, 0.5), percentile(ms, 0.95), *std::max_element(ms.begin(), ms.end()));
    return 0;
}
