// SPDX-License-Identifier: MIT
#include "export/trace_json.h"

#include "base/error.h"
#include "lenses/lenses.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

#include <charconv>
#include <cmath>

namespace qkview {

namespace {
void appendString(QByteArray& out, const QString& s) {
    // QJsonValue escapes quotes, control characters and keeps UTF-8 as it is.
    out += QJsonDocument(QJsonArray{QJsonValue(s)}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
}

void appendMatrix(QByteArray& out, const Matrix& m) {
    out += '[';
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        if (r) out += ',';
        out += '[';
        for (Eigen::Index c = 0; c < m.cols(); ++c) {
            if (c) out += ',';
            appendNumber(out, m(r, c));
        }
        out += ']';
    }
    out += ']';
}

template <typename Range>
QByteArray joined(const Range& items, auto&& write) {
    QByteArray out = "[";
    bool first = true;
    for (const auto& item : items) {
        if (!first) out += ',';
        first = false;
        write(out, item);
    }
    return out + ']';
}

std::vector<int> selectedIndices(int count, std::optional<int> only) {
    std::vector<int> indices;
    for (int i = 0; i < count; ++i)
        if (!only || *only == i) indices.push_back(i);
    return indices;
}
} // namespace

void appendNumber(QByteArray& out, float value) {
    if (!std::isfinite(value)) {
        out += "null";
        return;
    }
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, static_cast<qsizetype>(result.ptr - buffer));
}

void checkSelection(const AttentionTrace& trace, const TraceSelection& selection) {
    trace.checkHead(selection.layer.value_or(0), selection.head.value_or(0)); // throws with the valid range
}

void writeTraceJson(QIODevice& device, const AttentionTrace& trace, const TraceSelection& selection) {
    checkSelection(trace, selection);
    QByteArray out; // written to the device after the header and after each head, so memory stays O(T²)
    const auto flush = [&] {
        if (device.write(out) != out.size())
            throw Error(Error::Kind::Io, "could not write the JSON: " + device.errorString().toStdString());
        out.clear();
    };
    const ModelConfig& c = trace.config;
    out += "{\"model\":{\"name\":";
    appendString(out, c.name);
    out += ",\"layers\":" + QByteArray::number(c.layers) + ",\"heads\":" + QByteArray::number(c.heads) +
           ",\"d_model\":" + QByteArray::number(c.dModel) + ",\"d_head\":" + QByteArray::number(c.dHead) +
           ",\"head_names\":";
    out += joined(selectedIndices(c.layers, {}), [&](QByteArray& o, int l) {
        o += joined(selectedIndices(c.heads, {}), [&](QByteArray& o2, int h) { appendString(o2, c.headName(l, h)); });
    });
    out += "},\"options\":{\"scale\":";
    out += trace.options.scale ? "true" : "false";
    out += ",\"temperature\":";
    appendNumber(out, trace.options.temperature);
    out += ",\"causal\":";
    out += trace.options.causal ? "true" : "false";
    out += "},\"tokens\":";
    out += joined(trace.tokens, [](QByteArray& o, const Token& t) {
        o += "{\"text\":";
        appendString(o, t.text);
        o += ",\"id\":" + QByteArray::number(t.id) + ",\"start\":" + QByteArray::number(t.start) +
             ",\"end\":" + QByteArray::number(t.end) + '}';
    });
    out += ",\"layers\":[";
    const std::vector<int> layers = selectedIndices(c.layers, selection.layer);
    const std::vector<Matrix> rollout = selection.rollout ? attentionRollout(trace, layers.back()) : std::vector<Matrix>{};
    for (size_t li = 0; li < layers.size(); ++li) {
        const int l = layers[li];
        out += li ? ",{\"heads\":[" : "{\"heads\":[";
        const std::vector<int> heads = selectedIndices(c.heads, selection.head);
        for (size_t hi = 0; hi < heads.size(); ++hi) {
            const int h = heads[hi];
            const HeadPtr head = trace.head(l, h); // derived now, one head at a time
            out += hi ? ",{\"name\":" : "{\"name\":";
            appendString(out, c.headName(l, h));
            const std::pair<const char*, const Matrix*> fields[] = {
                {"q", &head->q},           {"k", &head->k},
                {"v", &head->v},           {"scores", &head->scores},
                {"scaled_scores", &head->scaledScores}, {"weights", &head->weights},
                {"output", &head->output}};
            for (const auto& [key, matrix] : fields) {
                out += ",\"" + QByteArray(key) + "\":";
                appendMatrix(out, *matrix);
            }
            if (selection.valueNorms) {
                out += ",\"value_norms\":";
                appendMatrix(out, valueWeightedAttention(trace, l, h));
            }
            out += '}';
            flush();
        }
        out += ']';
        if (selection.rollout) {
            out += ",\"rollout\":";
            appendMatrix(out, rollout[static_cast<size_t>(l)]);
        }
        out += '}';
    }
    out += ']';
    const auto prediction = [](QByteArray& o, const Prediction& p) {
        o += "{\"text\":";
        appendString(o, p.text);
        o += ",\"id\":" + QByteArray::number(p.id) + ",\"p\":";
        appendNumber(o, p.p);
        o += '}';
    };
    if (!trace.nextTokens().empty()) {
        out += ",\"next_tokens\":";
        out += joined(trace.nextTokens(), prediction);
    }
    if (c.fillsMasks) {
        out += ",\"fill_mask\":";
        out += joined(trace.fillMask(), [&](QByteArray& o, const MaskPredictions& m) {
            o += "{\"position\":" + QByteArray::number(m.position) + ",\"predictions\":";
            o += joined(m.predictions, prediction);
            o += '}';
        });
    }
    out += "}\n";
    flush();
}

QByteArray traceToJson(const AttentionTrace& trace, const TraceSelection& selection) {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    writeTraceJson(buffer, trace, selection);
    return buffer.data();
}

QByteArray traceToText(const AttentionTrace& trace, const TraceSelection& selection) {
    checkSelection(trace, selection);
    QString out;
    const ModelConfig& c = trace.config;
    out += QStringLiteral("%1: %2 layers × %3 heads, d_model %4, d_head %5\n")
               .arg(c.name).arg(c.layers).arg(c.heads).arg(c.dModel).arg(c.dHead);
    out += QStringLiteral("options: scale %1, temperature %2, causal %3\n")
               .arg(trace.options.scale ? "on" : "off").arg(trace.options.temperature)
               .arg(trace.options.causal ? "on" : "off");
    out += QStringLiteral("tokens (%1):\n").arg(trace.tokenCount());
    for (int i = 0; i < trace.tokenCount(); ++i) {
        const Token& t = trace.tokens[i];
        out += QStringLiteral("  %1  %2  id %3  [%4, %5)\n").arg(i, 3).arg(t.text, -12).arg(t.id).arg(t.start).arg(t.end);
    }
    for (int l : selectedIndices(c.layers, selection.layer)) {
        for (int h : selectedIndices(c.heads, selection.head)) {
            const HeadPtr head = trace.head(l, h);
            out += QStringLiteral("\nlayer %1 head %2 (%3): softmax weights, rows = queries, columns = keys\n")
                       .arg(l).arg(h).arg(c.headName(l, h));
            out += QStringLiteral("%1").arg(QString(), 12);
            for (const Token& t : trace.tokens) out += QStringLiteral(" %1").arg(t.text.left(7), 7);
            out += u'\n';
            for (int i = 0; i < trace.tokenCount(); ++i) {
                out += QStringLiteral("%1").arg(trace.tokens[i].text.left(12), -12);
                for (int j = 0; j < trace.tokenCount(); ++j)
                    out += QStringLiteral(" %1").arg(static_cast<double>(head->weights(i, j)), 7, 'f', 4);
                out += u'\n';
            }
        }
    }
    if (!trace.nextTokens().empty()) {
        out += QStringLiteral("\nnext token:\n");
        for (const Prediction& p : trace.nextTokens())
            out += QStringLiteral("  %1  %2\n").arg(static_cast<double>(p.p), 7, 'f', 4).arg(p.text);
    }
    return out.toUtf8();
}

} // namespace qkview
