// SPDX-License-Identifier: MIT
#include "views/help_panel.h"

#include <QFile>

namespace qkview::ui {

HelpPanel::HelpPanel(QWidget* parent) : QTextBrowser(parent) {
    setOpenExternalLinks(false);
    setAccessibleName(tr("Help"));
    setAccessibleDescription(tr("What queries, keys and values are, and how to read each view"));
    setHtml(helpHtml());
}

QString HelpPanel::helpHtml() {
    QFile file(QStringLiteral(":/qkview/help/qkv.html"));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : tr("Help text is missing.");
}

} // namespace qkview::ui
