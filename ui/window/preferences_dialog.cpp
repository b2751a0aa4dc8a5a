// SPDX-License-Identifier: MIT
#include "window/preferences_dialog.h"

#include "figures/figure.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>

#include <algorithm>
#include <iterator>

namespace qkview::ui {

namespace {
constexpr Theme kThemes[] = {Theme::System, Theme::Light, Theme::Dark}; // in the box's order
constexpr double kAutomatic = kMinFontPoints - 1;                     // the spin box's "automatic" value
} // namespace

PreferencesDialog::PreferencesDialog(Theme theme, const Preferences& preferences, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Preferences"));
    setObjectName(QStringLiteral("preferences"));

    m_theme = new QComboBox;
    m_theme->addItems({tr("Follow the system"), tr("Light"), tr("Dark")});
    m_theme->setCurrentIndex(static_cast<int>(std::find(std::begin(kThemes), std::end(kThemes), theme) - std::begin(kThemes)));
    m_theme->setToolTip(tr("The window's colours; figures follow their own theme in the Export Figure dialog"));

    m_colormap = new QComboBox;
    for (int i = 0; i < kColormapCount; ++i) m_colormap->addItem(Colormap::displayName(static_cast<ColormapId>(i)));
    m_colormap->setCurrentIndex(static_cast<int>(preferences.colormap));
    m_colormap->setToolTip(tr("The colour map of the heatmap now and when qkview starts without a last session"));

    m_numbers = new QCheckBox(tr("Numbers in heatmap cells"));
    m_numbers->setChecked(preferences.numbersInCells);
    m_numbers->setToolTip(tr("Write each weight in its cell when the cells are large enough"));

    m_fontSize = new QDoubleSpinBox;
    m_fontSize->setRange(kAutomatic, kMaxFontPoints);
    m_fontSize->setDecimals(1);
    m_fontSize->setSingleStep(0.5);
    m_fontSize->setSuffix(tr(" pt"));
    m_fontSize->setSpecialValueText(tr("Automatic (8 pt at 8.5 cm, 9 pt at 17 cm)"));
    m_fontSize->setValue(preferences.figureFontSize > 0 ? preferences.figureFontSize : kAutomatic);
    m_fontSize->setToolTip(tr("Type size of exported and copied figures; automatic sizes it for the page"));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* form = new QFormLayout(this);
    form->addRow(tr("&Theme"), m_theme);
    form->addRow(tr("&Colour map"), m_colormap);
    form->addRow(QString(), m_numbers);
    form->addRow(tr("&Figure type size"), m_fontSize);
    form->addRow(buttons);
}

Theme PreferencesDialog::theme() const { return kThemes[std::clamp(m_theme->currentIndex(), 0, 2)]; }

Preferences PreferencesDialog::preferences() const {
    Preferences p;
    p.colormap = static_cast<ColormapId>(m_colormap->currentIndex());
    p.numbersInCells = m_numbers->isChecked();
    p.figureFontSize = m_fontSize->value() > kAutomatic ? m_fontSize->value() : 0;
    return p;
}

} // namespace qkview::ui
