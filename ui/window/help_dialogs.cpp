// SPDX-License-Identifier: MIT
#include "window/help_dialogs.h"

#include <Eigen/Core>

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>

namespace qkview::ui {

namespace {
QString tr(const char* text) { return QCoreApplication::translate("qkview", text); }

QString row(const QString& keys, const QString& what) {
    return QStringLiteral("<tr><td style='padding-right:16px'><b>%1</b></td><td>%2</td></tr>").arg(keys.toHtmlEscaped(), what.toHtmlEscaped());
}

void addMenu(const QMenu* menu, QString& rows) {
    for (const QAction* action : menu->actions()) {
        if (action->menu()) {
            addMenu(action->menu(), rows);
            continue;
        }
        QStringList keys;
        for (const QKeySequence& key : action->shortcuts()) keys << key.toString(QKeySequence::NativeText);
        if (!keys.isEmpty()) rows += row(keys.join(QStringLiteral(", ")), action->text().remove(u'&'));
    }
}
} // namespace

QString keyboardShortcutsHtml(const QMenuBar* menus) {
    QString rows;
    for (const QAction* action : menus->actions())
        if (action->menu()) addMenu(action->menu(), rows);
    rows += row(tr("Arrow keys"), tr("Heatmap: move the selected query (up, down) and key (left, right)"));
    rows += row(tr("Ctrl+wheel"), tr("Heatmap: zoom about the pointer"));
    rows += row(tr("Wheel, drag"), tr("Heatmap: pan when zoomed in"));
    rows += row(tr("Tab, Shift+Tab"), tr("Move between the text, the controls and the views"));
    return QStringLiteral("<table>%1</table>").arg(rows);
}

QString aboutHtml() {
    const QString eigen = QStringLiteral("%1.%2.%3").arg(EIGEN_WORLD_VERSION).arg(EIGEN_MAJOR_VERSION).arg(EIGEN_MINOR_VERSION);
#ifdef QKVIEW_OPENBLAS
    const QString blas = tr(", and OpenBLAS for its matrix products (BSD 3-clause)");
#else
    const QString blas;
#endif
    return tr("<h3>qkview %1</h3>"
              "<p>Makes attention visible: what each token asks (its query), what it offers (its key), how well they "
              "match, and what it pulls in (the values).</p>"
              "<p>Built with Qt %2 (running on Qt %3) and Eigen %4.</p>"
              "<p><b>Licences.</b> qkview is MIT-licensed. It uses Qt (LGPL 3), Eigen (MPL 2)%5. The built-in trained "
              "model learnt from WordNet's glosses (WordNet 3.0 licence, Princeton University). Model folders you "
              "open keep their own licences.</p>")
        .arg(QApplication::applicationVersion(), QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion()), eigen, blas);
}

void showAbout(QWidget* parent) {
    auto* box = new QMessageBox(QMessageBox::NoIcon, tr("About qkview"), aboutHtml(), QMessageBox::Close, parent);
    box->setObjectName(QStringLiteral("about"));
    box->setIconPixmap(QApplication::windowIcon().pixmap(64));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace qkview::ui
