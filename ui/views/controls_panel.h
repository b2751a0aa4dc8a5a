// SPDX-License-Identifier: MIT
#pragma once
// Layer and head selectors, the matrix shown, scaling, temperature, causal mask, colour map.
#include "session/session.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QSlider;

namespace qkview::ui {

class ControlsPanel : public QWidget {
    Q_OBJECT
public:
    explicit ControlsPanel(Session* session, QWidget* parent = nullptr);

    // Temperature ↔ slider position on a log scale from 0.1 to 10.
    static int sliderFromTemperature(float temperature);
    static float temperatureFromSlider(int position);

    QComboBox* layerBox() const { return m_layer; }
    QComboBox* headBox() const { return m_head; }
    QComboBox* kindBox() const { return m_kind; }
    QCheckBox* scaleBox() const { return m_scale; }
    QCheckBox* causalBox() const { return m_causal; }
    QSlider* temperatureSlider() const { return m_temperature; }
    QComboBox* pairBox() const { return m_pairs; }
    // The base maps (in ColormapId order up to blue-red) and whether the chosen one is reversed ("_r").
    QComboBox* colourBox() const { return m_colormap; }
    QCheckBox* reversedBox() const { return m_reversed; }

private:
    void syncFromSession();
    void fillHeads();
    void pushOptions();
    void pushViewOptions();
    void showColourInUse(const ViewOptions& v);

    Session* m_session;
    QComboBox* m_layer;
    QComboBox* m_head;
    QLabel* m_headRole;
    QComboBox* m_kind;
    QCheckBox* m_scale;
    QSlider* m_temperature;
    QLabel* m_temperatureLabel;
    QCheckBox* m_causal;
    QComboBox* m_colormap;
    QCheckBox* m_reversed;
    QCheckBox* m_numbers;
    QLabel* m_pairsLabel;
    QComboBox* m_pairs; // shown for sentence pairs (BERT's "A [SEP] B") only
    bool m_syncing = false;
};

} // namespace qkview::ui
