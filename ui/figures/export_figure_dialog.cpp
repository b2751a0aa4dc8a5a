// SPDX-License-Identifier: MIT
#include "figures/export_figure_dialog.h"

#include "base/error.h"
#include "figures/export_actions.h"
#include "figures/figure_preview.h"
#include "painters/heatmap_painter.h"
#include "painters/label_text.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardItemModel>

#include <utility>
#include <QSpinBox>

namespace qkview::ui {

namespace {
QStringList unitNames() { return {QStringLiteral("px"), QStringLiteral("cm"), QStringLiteral("in")}; }
} // namespace

ExportFigureDialog::ExportFigureDialog(Session* session, QWidget* parent) : QDialog(parent), m_session(session) {
    setWindowTitle(tr("Export Figure"));
    const TracePtr& trace = session->trace();
    const int layers = trace ? trace->config.layers : 1, heads = trace ? trace->config.heads : 1;
    const FigureRequest start = requestFromSelection();

    m_view = new QComboBox;
    m_view->addItems({tr("Heatmap"), tr("Lines (who attends to whom)"), tr("Values chart"), tr("Math panel"),
                      tr("Head grid (every layer × head)"), tr("Lesson figure (16:9 slide)"),
                      tr("Queries and keys as points"), tr("Two texts side by side (Compare tab)")});
    // Comparing needs the Compare tab's second text.
    const Session* comparison = std::as_const(*m_session).comparison();
    if (!comparison || !comparison->trace())
        if (auto* items = qobject_cast<QStandardItemModel*>(m_view->model()))
            items->item(static_cast<int>(FigureView::Compare))->setEnabled(false);
    m_layer = new QSpinBox;
    m_layer->setRange(0, std::max(0, layers - 1));
    m_layer->setValue(start.layer);
    m_head = new QSpinBox;
    m_head->setRange(0, std::max(0, heads - 1));
    m_head->setValue(start.head);
    m_headName = new QLabel;
    m_query = new QComboBox;
    m_key = new QComboBox;
    for (QComboBox* box : {m_query, m_key}) {
        box->addItem(tr("(none)"));
        if (trace)
            for (int i = 0; i < trace->tokenCount(); ++i)
                box->addItem(QStringLiteral("%1: %2").arg(i).arg(tokenLabel(trace->tokens[static_cast<size_t>(i)].text)));
    }
    m_query->setCurrentIndex(start.query + 1);
    m_key->setCurrentIndex(start.key + 1);
    m_selection = new QCheckBox(tr("Outline the selection"));
    m_selection->setChecked(start.selection);
    m_gridTokens = new QCheckBox(tr("Tokens of the selected head beside the grid"));
    m_headTypes = new QCheckBox(tr("Heads framed in the colour of their type"));
    m_what = new QComboBox;
    m_what->addItems({tr("Weights"), tr("Raw scores q·k"), tr("Scaled scores"), tr("Value-weighted (weight × ‖v W_O‖)"),
                      tr("Rollout up to the layer")});
    m_what->setCurrentIndex(static_cast<int>(start.what));
    m_colormap = new QComboBox;
    for (int i = 0; i < kColormapCount; ++i) m_colormap->addItem(Colormap::displayName(static_cast<ColormapId>(i)));
    m_colormap->setCurrentIndex(static_cast<int>(start.colormap));
    m_numbers = new QCheckBox(tr("Numbers in cells"));
    m_numbers->setChecked(start.numbers);
    m_scale = new QComboBox;
    m_scale->addItems({tr("Fixed 0–1"), tr("Each row ÷ its maximum"), tr("Logarithmic")});
    m_scale->setCurrentIndex(static_cast<int>(start.scale));
    m_showTitle = new QCheckBox(tr("Title"));
    m_showTitle->setChecked(true);
    m_title = new QLineEdit;
    m_showCaption = new QCheckBox(tr("Caption"));
    m_showCaption->setChecked(true);
    m_caption = new QLineEdit;
    m_format = new QComboBox;
    m_format->addItems({tr("PNG image"), tr("SVG vector drawing"), tr("PDF document")});
    m_width = new QDoubleSpinBox;
    m_height = new QDoubleSpinBox;
    for (QDoubleSpinBox* box : {m_width, m_height}) {
        box->setRange(1, 16384);
        box->setDecimals(0);
    }
    m_unit = new QComboBox;
    m_unit->addItems(unitNames());
    m_dpi = new QSpinBox;
    m_dpi->setRange(kMinDpi, kMaxDpi);
    m_theme = new QComboBox;
    m_theme->addItems({tr("Print (white, for slides and papers)"), tr("As on screen")});
    m_pixels = new QLabel;
    m_pixels->setWordWrap(true);

    // The last size and format, else a 16:9 slide at 150 DPI.
    QSettings settings;
    m_format->setCurrentIndex(std::clamp(settings.value(QStringLiteral("export/format"), 0).toInt(), 0, 2));
    m_dpi->setValue(std::clamp(settings.value(QStringLiteral("export/dpi"), 150).toInt(), kMinDpi, kMaxDpi));
    m_width->setValue(settings.value(QStringLiteral("export/width"), 1600).toDouble());
    m_height->setValue(settings.value(QStringLiteral("export/height"), 900).toDouble());

    auto* size = new QHBoxLayout;
    size->addWidget(m_width);
    size->addWidget(new QLabel(QStringLiteral("×")));
    size->addWidget(m_height);
    size->addWidget(m_unit);
    auto* form = new QFormLayout;
    form->addRow(tr("&View"), m_view);
    form->addRow(tr("&Layer"), m_layer);
    auto* head = new QHBoxLayout;
    head->addWidget(m_head);
    head->addWidget(m_headName, 1);
    form->addRow(tr("&Head"), head);
    form->addRow(tr("&Query"), m_query);
    form->addRow(tr("&Key"), m_key);
    form->addRow(tr("&Matrix"), m_what);
    form->addRow(tr("C&olour map"), m_colormap);
    form->addRow(tr("Colour &scale"), m_scale);
    form->addRow(QString(), m_numbers);
    form->addRow(QString(), m_selection);
    form->addRow(QString(), m_gridTokens);
    form->addRow(QString(), m_headTypes);
    form->addRow(m_showTitle, m_title);
    form->addRow(m_showCaption, m_caption);
    form->addRow(tr("&Format"), m_format);
    form->addRow(tr("Size"), size);
    form->addRow(tr("&DPI"), m_dpi);
    form->addRow(QString(), m_pixels);
    form->addRow(tr("&Theme"), m_theme);
    auto* left = new QWidget;
    left->setLayout(form);
    left->setMaximumWidth(420);

    m_preview = new FigurePreview;
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    QPushButton* exportButton = buttons->addButton(tr("&Export…"), QDialogButtonBox::AcceptRole);
    exportButton->setDefault(true);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(exportButton, &QPushButton::clicked, this, &ExportFigureDialog::chooseFileAndExport);

    auto* top = new QHBoxLayout;
    top->addWidget(left);
    top->addWidget(m_preview, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top, 1);
    layout->addWidget(buttons);
    resize(1100, 600);
    setToolTips(exportButton, buttons->button(QDialogButtonBox::Close));

    for (QComboBox* box : {m_view, m_what, m_colormap, m_scale, m_format, m_theme, m_query, m_key})
        connect(box, &QComboBox::currentIndexChanged, this, &ExportFigureDialog::updatePreview);
    for (QSpinBox* box : {m_layer, m_head, m_dpi}) connect(box, &QSpinBox::valueChanged, this, &ExportFigureDialog::updatePreview);
    for (QDoubleSpinBox* box : {m_width, m_height})
        connect(box, &QDoubleSpinBox::valueChanged, this, &ExportFigureDialog::updatePreview);
    for (QCheckBox* box : {m_numbers, m_showTitle, m_showCaption, m_selection, m_gridTokens, m_headTypes}) connect(box, &QCheckBox::toggled, this, &ExportFigureDialog::updatePreview);
    for (QLineEdit* edit : {m_title, m_caption}) connect(edit, &QLineEdit::textChanged, this, &ExportFigureDialog::updatePreview);
    connect(m_unit, &QComboBox::currentIndexChanged, this, &ExportFigureDialog::changeUnit);
    updatePreview();
}

void ExportFigureDialog::setToolTips(QPushButton* exportButton, QPushButton* closeButton) {
    m_view->setToolTip(tr("Which view to draw: the heatmap, the lines, the values chart, the math panel, every head, "
                          "a slide with several of them, the queries and keys as points, or the two texts of the Compare tab"));
    m_layer->setToolTip(tr("The layer of the head drawn"));
    m_head->setToolTip(tr("The head drawn; its name is beside the box"));
    m_query->setToolTip(tr("The query token the figure highlights and the math and values follow"));
    m_key->setToolTip(tr("The key token of the selected pair (the math panel's weight)"));
    m_what->setToolTip(tr("Softmax weights, raw scores q·k, scores divided by √d_k and the temperature, each weight times "
                          "its key's value norm (what the head really moves), or attention rollout across the layers"));
    m_colormap->setToolTip(tr("The colour map of the figure's cells"));
    m_scale->setToolTip(tr("Fixed 0–1 for every row, each row divided by its maximum, or logarithmic"));
    m_numbers->setToolTip(tr("Write each cell's value where the cells are large enough"));
    m_selection->setToolTip(tr("Draw a frame around the selected query's row and the selected cell"));
    m_gridTokens->setToolTip(tr("For the head grid: the selected head's matrix with its tokens beside the grid"));
    m_headTypes->setToolTip(tr("For the head grid: previous-token, first-token, self and induction heads, as measured on this text"));
    m_showTitle->setToolTip(tr("Put a title above the figure"));
    m_title->setToolTip(tr("The title; empty for the one shown greyed out"));
    m_showCaption->setToolTip(tr("Put a caption below the figure"));
    m_caption->setToolTip(tr("The caption; empty for the one shown greyed out"));
    m_format->setToolTip(tr("PNG for slides and the web, SVG or PDF to scale without blur"));
    m_width->setToolTip(tr("The figure's width in the chosen unit"));
    m_height->setToolTip(tr("The figure's height in the chosen unit"));
    m_unit->setToolTip(tr("Pixels, centimetres or inches; centimetres and inches use the DPI"));
    m_dpi->setToolTip(tr("Dots per inch: the pixels of a PNG for a size in cm or in, and the text size"));
    m_theme->setToolTip(tr("White for print and slides, or the colours of the window"));
    exportButton->setToolTip(tr("Choose a file and write the figure"));
    closeButton->setToolTip(tr("Close without exporting"));
}

FigureRequest ExportFigureDialog::requestFromSelection() const { return requestFromSession(*m_session, FigureView::Heatmap); }

FigureRequest ExportFigureDialog::request() const {
    FigureRequest r = requestFromSelection();
    r.view = static_cast<FigureView>(m_view->currentIndex());
    r.layer = m_layer->value();
    r.head = m_head->value();
    r.what = static_cast<MatrixKind>(m_what->currentIndex());
    r.colormap = static_cast<ColormapId>(m_colormap->currentIndex());
    r.numbers = m_numbers->isChecked();
    r.selection = m_selection->isChecked();
    r.gridTokens = r.view == FigureView::Grid && m_gridTokens->isChecked();
    r.headTypes = r.view == FigureView::Grid && m_headTypes->isChecked();
    if (const Session* comparison = std::as_const(*m_session).comparison(); r.view == FigureView::Compare && comparison)
        r.compareWith = comparison->trace();
    r.query = m_query->currentIndex() - 1;
    r.key = m_key->currentIndex() - 1;
    r.scale = static_cast<ColorScaleMode>(m_scale->currentIndex());
    if (!m_showTitle->isChecked()) r.title = QString();
    else if (!m_title->text().trimmed().isEmpty()) r.title = m_title->text().trimmed();
    if (!m_showCaption->isChecked()) r.caption = QString();
    else if (!m_caption->text().trimmed().isEmpty()) r.caption = m_caption->text().trimmed();
    r.size = figureSize().units();
    return r;
}

FigureSize ExportFigureDialog::figureSize() const {
    return FigureSize::from(QSizeF(m_width->value(), m_height->value()), static_cast<SizeUnit>(m_unit->currentIndex()),
                            m_dpi->value());
}

FigureFormat ExportFigureDialog::format() const { return static_cast<FigureFormat>(m_format->currentIndex()); }

FigureStyle ExportFigureDialog::baseStyle() const {
    if (m_theme->currentIndex() == 0) return FigureStyle::print();
    return FigureStyle::fromPalette(QApplication::palette(), QApplication::font());
}

void ExportFigureDialog::changeUnit() {
    // Keep the physical size: convert the numbers shown to the new unit.
    const FigureSize size = FigureSize::from(QSizeF(m_width->value(), m_height->value()), m_shownUnit, m_dpi->value());
    m_shownUnit = static_cast<SizeUnit>(m_unit->currentIndex());
    const QSizeF shown = size.in(m_shownUnit);
    for (QDoubleSpinBox* box : {m_width, m_height}) {
        const QSignalBlocker block(box);
        box->setDecimals(m_shownUnit == SizeUnit::Pixels ? 0 : 2);
        box->setRange(m_shownUnit == SizeUnit::Pixels ? 1 : 0.1, m_shownUnit == SizeUnit::Pixels ? kMaxPixels : 500);
    }
    {
        const QSignalBlocker a(m_width), b(m_height);
        m_width->setValue(shown.width());
        m_height->setValue(shown.height());
    }
    updatePreview();
}

void ExportFigureDialog::updatePreview() {
    const bool heatmapLike = m_view->currentIndex() == static_cast<int>(FigureView::Heatmap) ||
                             m_view->currentIndex() == static_cast<int>(FigureView::Grid) ||
                             m_view->currentIndex() == static_cast<int>(FigureView::Lesson) ||
                             m_view->currentIndex() == static_cast<int>(FigureView::Compare);
    m_what->setEnabled(heatmapLike);
    m_numbers->setEnabled(heatmapLike);
    const bool grid = m_view->currentIndex() == static_cast<int>(FigureView::Grid);
    m_gridTokens->setEnabled(grid);
    m_headTypes->setEnabled(grid);
    m_scale->setEnabled(m_view->currentIndex() == static_cast<int>(FigureView::Heatmap) ||
                        m_view->currentIndex() == static_cast<int>(FigureView::Compare) || (grid && m_gridTokens->isChecked()));
    m_title->setEnabled(m_showTitle->isChecked());
    m_caption->setEnabled(m_showCaption->isChecked());
    const FigureSize size = figureSize();
    const QSize px = size.pixels();
    m_pixels->setText(tr("%1 × %2 px at %3 DPI = %4 × %5 cm")
                          .arg(px.width()).arg(px.height()).arg(size.dpi)
                          .arg(size.in(SizeUnit::Centimetres).width(), 0, 'f', 1)
                          .arg(size.in(SizeUnit::Centimetres).height(), 0, 'f', 1));
    const TracePtr& trace = m_session->trace();
    if (!trace) return;
    FigureRequest r = request();
    m_headName->setText(trace->config.headName(r.layer, r.head));
    // Scores are drawn with blue-red whatever map is chosen: the box says which map the figure uses.
    const ColormapId chosen = static_cast<ColormapId>(m_colormap->currentIndex());
    const ColormapId used = effectiveColormap(isSigned(r.what), chosen);
    m_colormap->setToolTip(used == chosen ? tr("The colour map of the figure's cells")
                                          : tr("This matrix is drawn with %1").arg(Colormap::displayName(used)));
    m_colormap->setItemText(static_cast<int>(chosen), used == chosen ? Colormap::displayName(chosen)
                                                                     : tr("%1 → %2 used").arg(Colormap::displayName(chosen),
                                                                                              Colormap::displayName(used)));
    for (int i = 0; i < kColormapCount; ++i)
        if (i != static_cast<int>(chosen)) m_colormap->setItemText(i, Colormap::displayName(static_cast<ColormapId>(i)));
    try {
        r.title.reset();
        m_title->setPlaceholderText(defaultTitle(r, *trace));
        m_caption->setPlaceholderText(defaultCaption(r, *trace));
    } catch (const Error&) {
    }
    m_preview->setFigure(trace, request(), baseStyle());
}

bool ExportFigureDialog::exportTo(const QString& path, QString* error) const {
    try {
        FigureExporter(m_session->trace(), request(), baseStyle()).save(path, format(), figureSize());
        return true;
    } catch (const Error& e) {
        if (error) *error = QString::fromUtf8(e.what());
        return false;
    }
}

void ExportFigureDialog::chooseFileAndExport() {
    const QString suffix = figureFormatName(format());
    const FigureRequest r = request();
    QSettings settings;
    const QString dir = settings.value(QStringLiteral("export/dir")).toString();
    const QString name = QStringLiteral("qkview-%1-L%2H%3.%4").arg(figureViewName(r.view)).arg(r.layer).arg(r.head).arg(suffix);
    QString path = QFileDialog::getSaveFileName(this, tr("Export Figure"), dir.isEmpty() ? name : dir + u'/' + name,
                                                tr("%1 files (*.%2)").arg(suffix.toUpper(), suffix));
    if (path.isEmpty()) return;
    if (!path.endsWith(u'.' + suffix, Qt::CaseInsensitive)) path += u'.' + suffix;
    QString error;
    if (!exportTo(path, &error)) {
        QMessageBox::warning(this, tr("Export Figure"), tr("The figure could not be exported.\n\n%1").arg(error));
        return;
    }
    settings.setValue(QStringLiteral("export/dir"), QFileInfo(path).absolutePath());
    settings.setValue(QStringLiteral("export/format"), m_format->currentIndex());
    settings.setValue(QStringLiteral("export/dpi"), m_dpi->value());
    const QSize px = figureSize().pixels();
    settings.setValue(QStringLiteral("export/width"), px.width());
    settings.setValue(QStringLiteral("export/height"), px.height());
    accept();
}

} // namespace qkview::ui
