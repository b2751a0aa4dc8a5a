// SPDX-License-Identifier: MIT
#include "window/theme.h"

#include <QApplication>
#include <QStyleHints>
#include <QStyle>
#include <QStyleFactory>

namespace qkview::ui {

QPalette paletteFor(Theme theme) {
    if (theme != Theme::Dark) return QStyleFactory::create(QStringLiteral("Fusion"))->standardPalette();
    QPalette p;
    const QColor window(37, 38, 43), base(27, 28, 32), text(228, 228, 232), mid(70, 72, 80);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(48, 50, 57));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::PlaceholderText, QColor(150, 152, 160));
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::Mid, mid);
    p.setColor(QPalette::Dark, QColor(20, 20, 24));
    p.setColor(QPalette::Light, QColor(80, 82, 90));
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Highlight, QColor(255, 140, 60));
    p.setColor(QPalette::HighlightedText, QColor(20, 20, 20));
    p.setColor(QPalette::Link, QColor(120, 170, 255));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(110, 110, 118));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(110, 110, 118));
    return p;
}

namespace {
// Whether the desktop asks for dark colours: its palette as the application started, before ours replaced it
// (Qt 6.4 has no colour scheme hint; 6.5's is asked first).
bool systemPrefersDark() {
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    if (QGuiApplication::styleHints()->colorScheme() != Qt::ColorScheme::Unknown)
        return QGuiApplication::styleHints()->colorScheme() == Qt::ColorScheme::Dark;
#endif
    static const bool dark = QGuiApplication::palette().color(QPalette::Window).lightness() < 128;
    return dark;
}
} // namespace

void applyTheme(Theme theme) {
    if (theme == Theme::System) theme = systemPrefersDark() ? Theme::Dark : Theme::Light;
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QPalette p = paletteFor(theme);
    if (theme == Theme::Light) p.setColor(QPalette::Highlight, QColor(230, 90, 20));
    QApplication::setPalette(p);
    // Fusion outlines check boxes with a darker Window colour, which vanishes on a dark window.
    qApp->setStyleSheet(theme != Theme::Dark ? QString() : QStringLiteral(
        "QCheckBox::indicator { width: 12px; height: 12px; border: 1px solid #9a9ca6; border-radius: 2px;"
        " background: #1b1c20; }"
        "QCheckBox::indicator:checked { background: #ff8c3c; border-color: #ff8c3c; }"
        "QCheckBox::indicator:disabled { border-color: #55575e; }"
        "QCheckBox::indicator:checked:disabled { background: #8a5a3a; border-color: #8a5a3a; }"));
}

QString themeName(Theme theme) {
    switch (theme) {
    case Theme::Light: return QStringLiteral("light");
    case Theme::Dark: return QStringLiteral("dark");
    case Theme::System: break;
    }
    return QStringLiteral("system");
}

std::optional<Theme> themeFromName(const QString& name) {
    for (Theme theme : {Theme::System, Theme::Light, Theme::Dark})
        if (themeName(theme) == name) return theme;
    return std::nullopt;
}

} // namespace qkview::ui
