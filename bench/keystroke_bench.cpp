// SPDX-License-Identifier: MIT
// Keystroke to repaint in the real main window (offscreen): types one character at a time at the end of a
// text and reports the time from each keystroke to the end of the repaint that shows its trace.
//   bench_keystroke [TAB]                          teaching model, a 30-token sentence typed from scratch
//   bench_keystroke [TAB] --model DIR [--tokens N] a model folder: a text of about N tokens (default 1000;
//                                                  words are added until the model's tokenizer counts N − 60)
//                                                  is loaded first, then 50 characters are typed at its end;
//                                                  also prints resident memory before and after typing
#include "models/teaching_model.h"
#include "session/session.h"
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

// Ordinary English words in a random order until the model's tokenizer counts `tokens` (the typing that
// follows adds the rest, staying inside a 1024-token context).
QString longText(const qkview::Tokenizer& tokenizer, int tokens) {
    const QStringList pool = QString::fromLatin1(kSentence).split(u' ');
    std::mt19937 random(3);
    QString text;
    while (static_cast<int>(tokenizer.encode(text).size()) < tokens - 60)
        for (int i = 0; i < 10; ++i) text += u' ' + pool[static_cast<qsizetype>(random() % static_cast<unsigned>(pool.size()))];
    return text.trimmed();
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
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents); // sleeps as the GUI does: no core spun
    };
    const QString prefix =
        folder.isEmpty() ? QString() : longText(model->tokenizer(), option(args, QStringLiteral("--tokens"), QStringLiteral("1000")).toInt());
    window.sentenceEdit()->setPlainText(prefix);
    window.sentenceEdit()->moveCursor(QTextCursor::End);
    window.sentenceEdit()->setFocus();
    waitForTrace();
    // --show rollout|value_norms|…: what the heatmap shows, at the last layer (rollout is one per layer).
    // Without it the window's defaults stay, as in the figures measured before the option existed.
    if (const auto kind = qkview::ui::matrixKindFromName(option(args, QStringLiteral("--show")))) {
        qkview::ui::ViewOptions view = session.viewOptions();
        view.kind = *kind;
        session.setViewOptions(view);
        session.setSelection({model->config().layers - 1, 0, -1, -1});
    }
    window.repaint();
    const double beforeMb = memoryMb("VmRSS:");

    std::vector<double> ms, traced; // keystroke → repaint done; keystroke → trace arrived
    QElapsedTimer timer;
    for (QChar c : QString::fromLatin1(folder.isEmpty() ? kSentence : kTyped)) {
        timer.start();
        QTest::keyClick(window.sentenceEdit(), c.toLatin1());
        waitForTrace();
        traced.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        window.repaint(); // paints every visible view now, rebuilding what the new trace invalidated
        ms.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }
    const int tokens = session.trace() ? session.trace()->tokenCount() : 0;
    std::printf("keystroke → repaint, %s, %d tokens at the end, %zu keystrokes, side tab '%s', showing %s\n",
                qPrintable(model->config().name), tokens, ms.size(), qPrintable(tab),
                qPrintable(qkview::ui::matrixKindName(session.viewOptions().kind)));
    std::printf("median %.2f ms   p95 %.2f ms   max %.2f ms   (of which the trace arrived after %.2f ms median)\n",
                percentile(ms, 0.5), percentile(ms, 0.95), *std::max_element(ms.begin(), ms.end()),
                percentile(traced, 0.5));
    if (!folder.isEmpty()) {
        // F32 weights are mapped, not read, at load: count them as float32 in memory, as the first pass touches them.
        const double weightsF32Mb = static_cast<double>(model->config().parameterCount) * 4.0 / (1 << 20);
        std::printf("resident memory: after loading %.0f MiB; text traced %.0f MiB; after typing %.0f MiB = weights "
                    "(%.0f MiB as float32) + %.0f MiB; peak %.0f MiB\n",
                    weightsMb, beforeMb, memoryMb("VmRSS:"), weightsF32Mb, memoryMb("VmRSS:") - weightsF32Mb,
                    memoryMb("VmHWM:"));
    }
    return 0;
}
