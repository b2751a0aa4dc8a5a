// SPDX-License-Identifier: MIT
#pragma once
// Help → Keyboard Shortcuts and Help → About: what the keys do, and what qkview is built from.
#include <QString>

class QMenuBar;
class QWidget;

namespace qkview::ui {

// Every menu action that has a shortcut, then the keys the views take themselves; an HTML table.
QString keyboardShortcutsHtml(const QMenuBar* menus);
// The version, the Qt and Eigen versions of this build, and the licences of what ships inside qkview.
QString aboutHtml();
// A non-blocking dialog of aboutHtml() (object name "about").
void showAbout(QWidget* parent);

} // namespace qkview::ui
