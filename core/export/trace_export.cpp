// SPDX-License-Identifier: MIT
#include "export/trace_export.h"

#include "base/error.h"
#include "export/trace_json.h"

#include <QByteArrayList>
#include <QtEndian>

#include <cmath>

namespace qkview {

namespace {
QByteArray csvField(const QString& text) {
    static const QString special = QStringLiteral(" ,\"\r\n\t");
    bool quote = text.isEmpty();
    for (QChar c : text) quote = quote || special.contains(c);
    QByteArray utf8 = text.toUtf8();
    if (!quote) return utf8;
    utf8.replace('"', "\"\"");
    return '"' + utf8 + '"';
}

void appendCsvNumber(QByteArray& out, float v) {
    if (std::isnan(v)) out += "nan";
    else if (std::isinf(v)) out += v > 0 ? "inf" : "-inf";
    else appendNumber(out, v);
}
} // namespace

QByteArray matrixToCsv(const TokenList& tokens, const Matrix& matrix) {
    const auto t = static_cast<Eigen::Index>(tokens.size());
    if (matrix.rows() != t || matrix.cols() != t)
        throw Error(Error::Kind::InvalidArgument, QStringLiteral("CSV export: the matrix is %1 × %2 but there are %3 tokens")
                                                      .arg(matrix.rows()).arg(matrix.cols()).arg(t).toStdString());
    QByteArray out = csvField(QStringLiteral("query \\ key"));
    for (const Token& key : tokens) out += ',' + csvField(key.text);
    out += "\r\n";
    for (Eigen::Index i = 0; i < t; ++i) {
        out += csvField(tokens[static_cast<size_t>(i)].text);
        for (Eigen::Index j = 0; j < t; ++j) {
            out += ',';
            appendCsvNumber(out, matrix(i, j));
        }
        out += "\r\n";
    }
    return out;
}

QByteArray npyBytes(const std::vector<qint64>& shape, const std::vector<float>& data) {
    qint64 count = 1;
    for (qint64 d : shape) {
        if (d < 0) throw Error(Error::Kind::InvalidArgument, "npy export: negative dimension");
        count *= d;
    }
    if (count != static_cast<qint64>(data.size()))
        throw Error(Error::Kind::InvalidArgument, QStringLiteral("npy export: shape holds %1 values, data has %2")
                                                      .arg(count).arg(data.size()).toStdString());
    QByteArrayList dims;
    for (qint64 d : shape) dims << QByteArray::number(d);
    // As NumPy writes it: "(2, 3)"; a 1-tuple keeps its comma: "(3,)".
    const QByteArray tuple = dims.join(", ") + (shape.size() == 1 ? "," : "");
    QByteArray header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + tuple + "), }";
    // Magic (6) + version (2) + length (2) + header + '\n' is padded with spaces to a multiple of 64.
    const qsizetype unpadded = 10 + header.size() + 1;
    header += QByteArray((64 - unpadded % 64) % 64, ' ') + '\n';
    QByteArray out("\x93NUMPY\x01\x00", 8);
    const quint16 length = qToLittleEndian(static_cast<quint16>(header.size()));
    out.append(reinterpret_cast<const char*>(&length), 2);
    out += header;
    out.reserve(out.size() + static_cast<qsizetype>(data.size() * 4));
    for (float v : data) {
        const float le = qToLittleEndian(v);
        out.append(reinterpret_cast<const char*>(&le), 4);
    }
    return out;
}

QByteArray matrixToNpy(const Matrix& matrix) {
    // Row-major storage is already C order.
    return npyBytes({matrix.rows(), matrix.cols()}, std::vector<float>(matrix.data(), matrix.data() + matrix.size()));
}

QByteArray headsToNpy(const AttentionTrace& trace, const HeadMatrixPick& pick) {
    const qint64 layers = trace.layerCount(), heads = trace.headCount(), t = trace.tokenCount();
    std::vector<float> data;
    data.reserve(static_cast<size_t>(layers * heads * t * t));
    for (int l = 0; l < layers; ++l) {
        for (int h = 0; h < heads; ++h) {
            const Matrix m = pick(l, h); // (T, T), derived one head at a time
            if (m.rows() != t || m.cols() != t)
                throw Error(Error::Kind::InvalidArgument, "npy export: a head's matrix is not T × T");
            data.insert(data.end(), m.data(), m.data() + m.size());
        }
    }
    return npyBytes({layers, heads, t, t}, data);
}

} // namespace qkview
