// SPDX-License-Identifier: MIT
#pragma once
// Trace → data. The JSON shape is a contract read by scripts and tests:
// {"model": {...}, "options": {...}, "tokens": [...], "layers": [{"heads": [{"name", "q", "k", "v",
//  "scores", "scaled_scores", "weights", "output", "value_norms" (when asked)}], "rollout" (when asked)}],
//  "next_tokens": [...] (decoders with a vocabulary head),
//  "fill_mask": [{"position", "predictions": [{"text", "id", "p"}]}] (encoders with a masked-LM head)}
#include "trace/attention_trace.h"

#include <QByteArray>
#include <QIODevice>

#include <optional>

namespace qkview {

struct TraceSelection {
    std::optional<int> layer; // only this layer (others are omitted from "layers")
    std::optional<int> head;  // only this head within each written layer
    bool valueNorms = false;  // each written head's value-weighted attention (T × T, lenses/lenses.h)
    bool rollout = false;     // each written layer's attention rollout (T × T)
};

// Throws Error(InvalidArgument) when the selection is out of range.
void checkSelection(const AttentionTrace& trace, const TraceSelection& selection);

// Writes the JSON to device as it goes, deriving one head at a time (a dump of every head at 1,000 tokens never
// holds them all). Throws Error(Io) when the device refuses a write.
void writeTraceJson(QIODevice& device, const AttentionTrace& trace, const TraceSelection& selection = {});
QByteArray traceToJson(const AttentionTrace& trace, const TraceSelection& selection = {});
// A readable summary: tokens, then each selected head's weights as a table.
QByteArray traceToText(const AttentionTrace& trace, const TraceSelection& selection = {});

// Shortest text that reads back as the same float; non-finite values become null (JSON has no inf).
void appendNumber(QByteArray& out, float value);

} // namespace qkview
