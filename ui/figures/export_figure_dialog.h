// SPDX-License-Identifier: MIT
#pragma once
// File → Export Figure…: what to show, how big, which format, with a live preview drawn by the same
// composer that writes the file. Starts from the session's selection and view options.
#include "figures/figure_exporter.h"
#include "session/session.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace qkview::ui {

class FigurePreview;

class ExportFigureDialog : public QDialog {
    Q_OBJECT
public:
    explicit ExportFigureDialog(Session* session, QWidget* parent = nullptr);

    FigureRequest request() const;
    FigureSize figureSize() const;
    FigureFormat format() const;
    FigureStyle baseStyle() const; // print style unless "as on screen" is chosen
    FigurePreview* preview() const { return m_preview; }

    // Writes the figure; false with the reason in error (nothing is shown, for tests and scripts).
    bool exportTo(const QString& path, QString* error) const;

    QComboBox* viewBox() const { return m_view; }
    QComboBox* formatBox() const { return m_format; }
    QComboBox* unitBox() const { return m_unit; }
    QDoubleSpinBox* widthBox() const { return m_width; }
    QDoubleSpinBox* heightBox() const { return m_height; }
    QSpinBox* dpiBox() const { return m_dpi; }
    QLineEdit* titleEdit() const { return m_title; }
    QLineEdit* captionEdit() const { return m_caption; }
    QCheckBox* selectionBox() const { return m_selection; }
    QCheckBox* gridTokensBox() const { return m_gridTokens; }
    QCheckBox* headTypesBox() const { return m_headTypes; }
    QComboBox* queryBox() const { return m_query; }
    QComboBox* keyBox() const { return m_key; }
    QComboBox* colormapBox() const { return m_colormap; }
    QLabel* headNameLabel() const { return m_headName; }

private:
    FigureRequest requestFromSelection() const;
    void setToolTips(QPushButton* exportButton, QPushButton* closeButton);
    void updatePreview();
    void changeUnit();
    void chooseFileAndExport();

    Session* m_session;
    FigurePreview* m_preview;
    QComboBox* m_view;
    QSpinBox* m_layer;
    QSpinBox* m_head;
    QLabel* m_headName;
    QComboBox* m_query; // item 0: none; then the tokens
    QComboBox* m_key;
    QCheckBox* m_selection;
    QCheckBox* m_gridTokens; // the grid view only
    QCheckBox* m_headTypes;  // the grid view only
    QComboBox* m_what;
    QComboBox* m_colormap;
    QCheckBox* m_numbers;
    QComboBox* m_scale;
    QCheckBox* m_showTitle;
    QLineEdit* m_title;
    QCheckBox* m_showCaption;
    QLineEdit* m_caption;
    QComboBox* m_format;
    QDoubleSpinBox* m_width;
    QDoubleSpinBox* m_height;
    QComboBox* m_unit;
    QSpinBox* m_dpi;
    QComboBox* m_theme;
    QLabel* m_pixels;
    SizeUnit m_shownUnit = SizeUnit::Pixels;
};

} // namespace qkview::ui
