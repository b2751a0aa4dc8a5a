// SPDX-License-Identifier: MIT
#pragma once
// Edit → Preferences…: theme, default colour map, numbers in cells and the figures' type size.
#include "session/preferences.h"
#include "window/theme.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;

namespace qkview::ui {

class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    PreferencesDialog(Theme theme, const Preferences& preferences, QWidget* parent = nullptr);

    Theme theme() const;
    Preferences preferences() const;

    QComboBox* themeBox() const { return m_theme; }
    QComboBox* colormapBox() const { return m_colormap; }
    QDoubleSpinBox* fontSizeBox() const { return m_fontSize; }
    QCheckBox* numbersBox() const { return m_numbers; }

private:
    QComboBox* m_theme;
    QComboBox* m_colormap;
    QDoubleSpinBox* m_fontSize;
    QCheckBox* m_numbers;
};

} // namespace qkview::ui
