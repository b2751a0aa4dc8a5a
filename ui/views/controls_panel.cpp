// SPDX-License-Identifier: MIT
#include "views/controls_panel.h"

#include "painters/heatmap_painter.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>

#include <cmath>

namespace qkview::ui {

namespace {
constexpr int kSliderSteps = 100; // per decade
constexpr int kBaseColormaps = static_cast<int>(ColormapId::Diverging) + 1; // the rest are their reversed twins
}

int ControlsPanel::sliderFromTemperature(float temperature) {
    return static_cast<int>(std::lround(std::log10(std::clamp(temperature, 0.1f, 10.0f)) * kSliderSteps));
}

float ControlsPanel::temperatureFromSlider(int position) {
    return static_cast<float>(std::pow(10.0, static_cast<double>(position) / kSliderSteps));
}

ControlsPanel::ControlsPanel(Session* session, QWidget* parent) : QWidget(parent), m_session(session) {
    auto* form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_layer = new QComboBox;
    m_head = new QComboBox;
    m_headRole = new QLabel;
    m_headRole->setWordWrap(true);
    m_headRole->setForegroundRole(QPalette::PlaceholderText);
    m_kind = new QComboBox;
    m_kind->addItem(tr("Weights (softmax)"));
    m_kind->addItem(tr("Raw scores q·k"));
    m_kind->addItem(tr("Scaled scores"));
    m_kind->addItem(tr("Value-weighted"));
    m_kind->addItem(tr("Rollout"));
    m_scale = new QCheckBox(tr("Divide scores by √d_k"));
    m_temperature = new QSlider(Qt::Horizontal);
    m_temperature->setRange(-kSliderSteps, kSliderSteps);
    m_temperature->setPageStep(kSliderSteps / 4);
    m_temperatureLabel = new QLabel;
    m_temperatureLabel->setMinimumWidth(m_temperatureLabel->fontMetrics().horizontalAdvance(QStringLiteral("10.00")));
    auto* temperatureRow = new QHBoxLayout;
    temperatureRow->addWidget(m_temperature);
    temperatureRow->addWidget(m_temperatureLabel);
    m_causal = new QCheckBox(tr("Causal mask (no peeking ahead)"));
    // The base maps and a check box rather than ten entries: "_r" is a property of any map.
    m_colormap = new QComboBox;
    for (int i = 0; i < kBaseColormaps; ++i) m_colormap->addItem(Colormap::displayName(static_cast<ColormapId>(i)));
    m_reversed = new QCheckBox(tr("&Reversed"));
    m_reversed->setToolTip(tr("Run the colour map from its other end"));
    m_numbers = new QCheckBox(tr("Numbers in cells"));
    m_pairs = new QComboBox;
    m_pairs->addItems(pairFilterLabels());
    m_pairsLabel = new QLabel(tr("Se&ntences"));
    m_pairsLabel->setBuddy(m_pairs);
    for (QComboBox* box : {m_layer, m_head, m_kind, m_colormap, m_pairs}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(8);
    }

    form->addRow(tr("&Layer"), m_layer);
    // The head box on a row of its own, the whole column wide: head names ("2 · verb → noun before") are long.
    auto* headLabel = new QLabel(tr("&Head"));
    headLabel->setBuddy(m_head);
    form->addRow(headLabel);
    form->addRow(m_head);
    form->addRow(m_headRole);
    form->addRow(tr("&Show"), m_kind);
    form->addRow(m_scale);
    form->addRow(tr("Temperature"), temperatureRow);
    form->addRow(m_causal);
    form->addRow(tr("&Colours"), m_colormap);
    form->addRow(m_reversed); // its own row: beside the box it would widen the panel past its column
    form->addRow(m_numbers);
    form->addRow(m_pairsLabel, m_pairs);
    m_pairs->setToolTip(tr("For a sentence pair typed as “first [SEP] second”: show attention within sentence A, "
                           "within B, from A's queries to B's keys, or from B to A"));
    m_layer->setToolTip(tr("Which layer's attention to show"));
    m_kind->setToolTip(tr("What the heatmap shows: the softmax weights (each row sums to 1), the raw scores q·k, "
                          "the scores divided by √d_k and the temperature, each weight times its key's value norm "
                          "‖v W_O‖ (a large weight on a tiny value moves nothing), or the attention rollout: how "
                          "much of each token reaches this layer through all the layers below"));
    m_numbers->setToolTip(tr("Write each cell's value in the heatmap where the cells are large enough"));
    setAccessibleName(tr("Controls"));
    m_temperature->setToolTip(tr("Scores are divided by the temperature: below 1 sharpens the weights, above 1 flattens them"));
    m_scale->setToolTip(tr("Dividing by √d_k keeps scores from growing with the vector length"));

    const auto pushSelection = [this] {
        if (m_syncing) return;
        Selection sel = m_session->selection();
        sel.layer = std::max(0, m_layer->currentIndex());
        sel.head = std::max(0, m_head->currentIndex());
        m_session->setSelection(sel);
    };
    connect(m_layer, &QComboBox::currentIndexChanged, this, [this, pushSelection] {
        fillHeads();
        pushSelection();
    });
    connect(m_head, &QComboBox::currentIndexChanged, this, pushSelection);
    connect(m_scale, &QCheckBox::toggled, this, &ControlsPanel::pushOptions);
    connect(m_causal, &QCheckBox::toggled, this, &ControlsPanel::pushOptions);
    connect(m_temperature, &QSlider::valueChanged, this, &ControlsPanel::pushOptions);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &ControlsPanel::pushViewOptions);
    connect(m_colormap, &QComboBox::currentIndexChanged, this, &ControlsPanel::pushViewOptions);
    connect(m_reversed, &QCheckBox::toggled, this, &ControlsPanel::pushViewOptions);
    connect(m_numbers, &QCheckBox::toggled, this, &ControlsPanel::pushViewOptions);
    connect(m_pairs, &QComboBox::currentIndexChanged, this, &ControlsPanel::pushViewOptions);
    connect(session, &Session::traceChanged, this, &ControlsPanel::syncFromSession);
    connect(session, &Session::selectionChanged, this, &ControlsPanel::syncFromSession);
    connect(session, &Session::viewOptionsChanged, this, &ControlsPanel::syncFromSession);
    syncFromSession();
}

void ControlsPanel::fillHeads() {
    const ModelConfig& c = m_session->model()->config();
    const int layer = std::max(0, m_layer->currentIndex());
    const int keep = m_head->currentIndex();
    const QSignalBlocker block(m_head);
    m_head->clear();
    for (int h = 0; h < c.heads; ++h) m_head->addItem(QStringLiteral("%1 · %2").arg(h).arg(c.headName(layer, h)));
    m_head->setCurrentIndex(std::clamp(keep, 0, c.heads - 1));
}

void ControlsPanel::syncFromSession() {
    m_syncing = true;
    const ModelConfig& c = m_session->model()->config();
    const Selection& sel = m_session->selection();
    if (m_layer->count() != c.layers) {
        const QSignalBlocker block(m_layer);
        m_layer->clear();
        for (int l = 0; l < c.layers; ++l) m_layer->addItem(QString::number(l));
    }
    {
        const QSignalBlocker block(m_layer);
        m_layer->setCurrentIndex(std::clamp(sel.layer, 0, c.layers - 1));
    }
    fillHeads();
    {
        const QSignalBlocker block(m_head);
        m_head->setCurrentIndex(std::clamp(sel.head, 0, c.heads - 1));
    }
    // The full name too, for names longer than the box.
    m_head->setToolTip(tr("%1\nEach head has its own W_Q, W_K and W_V: its own way of asking and answering")
                           .arg(m_head->currentText()));
    const bool named = static_cast<size_t>(sel.layer) < c.headInfo.size() &&
                       static_cast<size_t>(sel.head) < c.headInfo[sel.layer].size();
    m_headRole->setText(named ? c.headInfo[sel.layer][sel.head].description : QString());
    m_headRole->setVisible(named);
    const AttentionOptions& o = m_session->options();
    const ViewOptions& v = m_session->viewOptions();
    for (auto* w : std::initializer_list<QWidget*>{m_scale, m_causal, m_temperature, m_kind, m_colormap, m_reversed, m_numbers, m_pairs})
        w->blockSignals(true);
    m_scale->setChecked(o.scale);
    // Some models (GPT-2) are causal by construction: show the mask on and fixed.
    const TracePtr& trace = m_session->trace();
    const bool forced = trace && trace->options.causal && !o.causal;
    m_causal->setChecked(o.causal || forced);
    m_causal->setEnabled(!forced);
    const bool whatIf = c.bidirectional && o.causal;
    m_causal->setText(whatIf ? tr("Causal mask (what-if: this model reads both ways)") : tr("Causal mask (no peeking ahead)"));
    m_causal->setToolTip(forced ? tr("This model was trained to see only earlier tokens: its mask is always on")
                         : c.bidirectional ? tr("This model was trained to read both ways; the mask shows what it would do "
                                                "if it could not see later tokens")
                                           : tr("Hide keys that come after the query, as GPT-style models do"));
    m_temperature->setValue(sliderFromTemperature(o.temperature));
    m_temperatureLabel->setText(QString::number(static_cast<double>(o.temperature), 'f', 2));
    m_kind->setCurrentIndex(static_cast<int>(v.kind));
    showColourInUse(v);
    m_numbers->setChecked(v.numbersInCells);
    const bool pair = trace && hasSentencePair(trace->tokenTypes);
    m_pairs->setCurrentIndex(static_cast<int>(v.pairs));
    m_pairs->setVisible(pair);
    m_pairsLabel->setVisible(pair);
    for (auto* w : std::initializer_list<QWidget*>{m_scale, m_causal, m_temperature, m_kind, m_colormap, m_reversed, m_numbers, m_pairs})
        w->blockSignals(false);
    m_syncing = false;
}

// Scores are signed and always drawn with blue-red (0 white), weights never are: the box shows the map
// in use. While scores are shown the choice does not apply, so the box is disabled and says why.
void ControlsPanel::showColourInUse(const ViewOptions& v) {
    const ColormapId chosen = v.colormap, plain = Colormap::plain(chosen);
    const bool scores = isSigned(v.kind);
    const ColormapId used = effectiveColormap(scores, chosen);
    for (int i = 0; i < kBaseColormaps; ++i) m_colormap->setItemText(i, Colormap::displayName(static_cast<ColormapId>(i)));
    m_colormap->setCurrentIndex(static_cast<int>(plain));
    m_reversed->setChecked(Colormap::isReversed(chosen));
    const bool overridden = used != chosen;
    if (overridden)
        m_colormap->setItemText(static_cast<int>(plain), scores ? tr("%1 (scores)").arg(Colormap::displayName(used))
                                                                : tr("%1 → %2 (weights)").arg(Colormap::displayName(chosen),
                                                                                              Colormap::displayName(used)));
    m_colormap->setEnabled(!(overridden && scores));
    m_reversed->setEnabled(!(overridden && scores));
    m_colormap->setToolTip(!overridden ? tr("The colour map of the heatmap and the other views")
                           : scores    ? tr("Scores are signed, so they are always drawn with blue-red (blue negative, "
                                            "white 0, red positive); %1 is used for weights")
                                          .arg(Colormap::displayName(chosen))
                                       : tr("Blue-red is for signed scores; weights are drawn with %1")
                                          .arg(Colormap::displayName(used)));
}

void ControlsPanel::pushOptions() {
    AttentionOptions o = m_session->options();
    o.scale = m_scale->isChecked();
    o.causal = m_causal->isChecked();
    o.temperature = temperatureFromSlider(m_temperature->value());
    m_temperatureLabel->setText(QString::number(static_cast<double>(o.temperature), 'f', 2));
    m_session->setOptions(o);
}

void ControlsPanel::pushViewOptions() {
    ViewOptions v = m_session->viewOptions();
    v.kind = static_cast<MatrixKind>(m_kind->currentIndex());
    v.colormap = Colormap::reversed(static_cast<ColormapId>(std::max(0, m_colormap->currentIndex())), m_reversed->isChecked());
    v.numbersInCells = m_numbers->isChecked();
    v.pairs = static_cast<PairFilter>(std::max(0, m_pairs->currentIndex()));
    m_session->setViewOptions(v);
}

} // namespace qkview::ui
