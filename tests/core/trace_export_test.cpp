// SPDX-License-Identifier: MIT
// CSV and .npy read back by independent parsers written here, compared with the trace number for number;
// atomic saves that fail leave the old file as it was.
#include "base/error.h"
#include "export/save_file.h"
#include "models/teaching_model.h"
#include "file_size_limit.h"
#include "export/trace_export.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtEndian>

#include <gtest/gtest.h>

#include <csignal>
#include <cstring>
#include <sys/resource.h>

using namespace qkview;

namespace {
TracePtr sampleTrace(const QString& text = QStringLiteral("The \"cat\", sat on the mat")) {
    static const TeachingModel model;
    return traceText(model, text, {});
}

// RFC 4180 records, written independently of the exporter.
std::vector<QStringList> parseCsv(const QByteArray& bytes) {
    const QString text = QString::fromUtf8(bytes);
    std::vector<QStringList> rows(1);
    QString field;
    bool quoted = false, wasQuoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text[i + 1] == u'"') field += c, ++i;
            else if (c == u'"') quoted = false;
            else field += c;
        } else if (c == u'"') {
            quoted = wasQuoted = true;
        } else if (c == u',') {
            rows.back() << field;
            field.clear();
            wasQuoted = false;
        } else if (c == u'\r' && i + 1 < text.size() && text[i + 1] == u'\n') {
            rows.back() << field;
            field.clear();
            wasQuoted = false;
            rows.emplace_back();
            ++i;
        } else {
            field += c;
        }
    }
    if (!field.isEmpty() || wasQuoted) rows.back() << field;
    if (rows.back().isEmpty()) rows.pop_back();
    return rows;
}

struct Npy {
    QString descr;
    bool fortran = true;
    std::vector<qint64> shape;
    std::vector<float> data;
};

// The .npy v1.0 layout from NumPy's format specification, parsed by hand.
Npy parseNpy(const QByteArray& bytes) {
    Npy npy;
    EXPECT_TRUE(bytes.startsWith(QByteArray("\x93NUMPY\x01\x00", 8)));
    const quint16 headerLength = qFromLittleEndian<quint16>(bytes.constData() + 8);
    EXPECT_EQ((10 + headerLength) % 64, 0) << "data must start 64-byte aligned";
    const QString header = QString::fromLatin1(bytes.mid(10, headerLength));
    EXPECT_TRUE(header.endsWith(u'\n'));
    const auto descr = QRegularExpression(QStringLiteral("'descr': '([^']*)'")).match(header);
    npy.descr = descr.captured(1);
    npy.fortran = !header.contains(QStringLiteral("'fortran_order': False"));
    const auto shape = QRegularExpression(QStringLiteral("'shape': \\(([^)]*)\\)")).match(header);
    for (const QString& d : shape.captured(1).split(u',', Qt::SkipEmptyParts)) npy.shape.push_back(d.trimmed().toLongLong());
    const QByteArray payload = bytes.mid(10 + headerLength);
    EXPECT_EQ(payload.size() % 4, 0);
    for (qsizetype i = 0; i + 4 <= payload.size(); i += 4) npy.data.push_back(qFromLittleEndian<float>(payload.constData() + i));
    return npy;
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

TEST(TraceExport, CsvHasTokenHeadersAndTheExactNumbers) {
    const TracePtr trace = sampleTrace();
    const Matrix weights = trace->head(0, 2)->weights;
    const auto rows = parseCsv(matrixToCsv(trace->tokens, weights));
    const int t = trace->tokenCount();
    ASSERT_EQ(static_cast<int>(rows.size()), t + 1);
    ASSERT_EQ(rows[0].size(), t + 1);
    EXPECT_EQ(rows[0][0], QStringLiteral("query \\ key"));
    int maxUlps = 0;
    for (int i = 0; i < t; ++i) {
        EXPECT_EQ(rows[0][i + 1], trace->tokens[i].text) << "key header " << i;
        ASSERT_EQ(rows[i + 1].size(), t + 1);
        EXPECT_EQ(rows[i + 1][0], trace->tokens[i].text) << "query label " << i;
        for (int j = 0; j < t; ++j) {
            bool ok = false;
            const float v = rows[i + 1][j + 1].toFloat(&ok);
            ASSERT_TRUE(ok) << rows[i + 1][j + 1].toStdString();
            if (v != weights(i, j)) ++maxUlps;
        }
    }
    EXPECT_EQ(maxUlps, 0) << "every number reads back as the same float";
}

TEST(TraceExport, CsvQuotesSpacesCommasQuotesAndLineBreaks) {
    TokenList tokens(4);
    tokens[0].text = QStringLiteral(" cat"); // GPT-2's leading space must survive
    tokens[1].text = QStringLiteral("a,b");
    tokens[2].text = QStringLiteral("say \"hi\"");
    tokens[3].text = QStringLiteral("\n");
    Matrix m(4, 4);
    m << 0.1f, 0.2f, 0.3f, 0.4f, 1e-8f, -2.5f, 3e7f, 0.f, 1.f, 2.f, 3.f, 4.f,
        std::numeric_limits<float>::infinity(), -std::numeric_limits<float>::infinity(), std::nanf(""), 7.f;
    const QByteArray csv = matrixToCsv(tokens, m);
    EXPECT_TRUE(csv.contains("\" cat\",\"a,b\",\"say \"\"hi\"\"\",\"\n\"")) << csv.toStdString();
    const auto rows = parseCsv(csv);
    ASSERT_EQ(rows.size(), 5u);
    for (int i = 0; i < 4; ++i) {
        EXPECT_EQ(rows[0][i + 1], tokens[i].text);
        EXPECT_EQ(rows[i + 1][0], tokens[i].text);
    }
    EXPECT_EQ(rows[2][1].toFloat(), 1e-8f);
    EXPECT_EQ(rows[2][3].toFloat(), 3e7f);
    EXPECT_EQ(rows[4][1], QStringLiteral("inf"));
    EXPECT_EQ(rows[4][2], QStringLiteral("-inf"));
    EXPECT_EQ(rows[4][3], QStringLiteral("nan"));
    EXPECT_THROW(matrixToCsv(tokens, Matrix::Zero(3, 4)), Error);
}

TEST(TraceExport, NpyOfOneHeadReadsBackBitForBit) {
    const TracePtr trace = sampleTrace();
    const Matrix scores = trace->head(1, 3)->scores;
    const Npy npy = parseNpy(matrixToNpy(scores));
    EXPECT_EQ(npy.descr, QStringLiteral("<f4"));
    EXPECT_FALSE(npy.fortran);
    const qint64 t = trace->tokenCount();
    ASSERT_EQ(npy.shape, (std::vector<qint64>{t, t}));
    ASSERT_EQ(static_cast<qint64>(npy.data.size()), t * t);
    for (qint64 i = 0; i < t; ++i)
        for (qint64 j = 0; j < t; ++j) ASSERT_EQ(npy.data[static_cast<size_t>(i * t + j)], scores(i, j)) << i << "," << j;
}

TEST(TraceExport, NpyOfAllHeadsIsStackedLayerHeadQueryKey) {
    const TracePtr trace = sampleTrace();
    const Npy npy = parseNpy(headsToNpy(*trace, [&](int layer, int head) { return trace->head(layer, head)->weights; }));
    const qint64 l = trace->config.layers, nh = trace->config.heads, t = trace->tokenCount();
    ASSERT_EQ(npy.shape, (std::vector<qint64>{l, nh, t, t}));
    ASSERT_EQ(static_cast<qint64>(npy.data.size()), l * nh * t * t);
    qint64 mismatches = 0;
    for (qint64 a = 0; a < l; ++a)
        for (qint64 h = 0; h < nh; ++h)
            for (qint64 i = 0; i < t; ++i)
                for (qint64 j = 0; j < t; ++j)
                    mismatches += npy.data[static_cast<size_t>(((a * nh + h) * t + i) * t + j)] !=
                                  trace->head(static_cast<int>(a), static_cast<int>(h))->weights(i, j);
    EXPECT_EQ(mismatches, 0);
}

TEST(TraceExport, NpyHeaderKeepsTheOneTupleComma) {
    const QByteArray bytes = npyBytes({3}, {1.f, 2.f, 3.f});
    EXPECT_TRUE(bytes.contains("'shape': (3,)"));
    EXPECT_EQ(parseNpy(bytes).data, (std::vector<float>{1.f, 2.f, 3.f}));
    EXPECT_THROW(npyBytes({2, 2}, {1.f}), Error);
}

TEST(SaveFile, WritesAndReplaces) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.csv"));
    saveFileAtomically(path, "one");
    saveFileAtomically(path, "two");
    EXPECT_EQ(readAll(path), QByteArray("two"));
}

TEST(SaveFile, RefusesBadTargetsWithAReasonAndWritesNothing) {
    QTemporaryDir dir;
    const struct {
        QString path;
        const char* reason;
    } cases[] = {
        {dir.filePath(QStringLiteral("missing/a.csv")), "does not exist"},
        {dir.path(), "is a folder"},
        {QString(), "empty"},
    };
    for (const auto& c : cases) {
        try {
            saveFileAtomically(c.path, "data");
            ADD_FAILURE() << "no error for " << c.path.toStdString();
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), Error::Kind::Io);
            EXPECT_TRUE(QString::fromUtf8(e.what()).contains(QLatin1String(c.reason))) << e.what();
        }
    }
    EXPECT_EQ(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).size(), 0);
}

// A full disk, simulated with a file size limit (works as root too, unlike permissions).
TEST(SaveFile, AFailedWriteLeavesTheOldFileUntouched) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("keep.npy"));
    saveFileAtomically(path, "old contents");
    bool threw = false;
    try {
        const test::FileSizeLimit fullDisk(1024);
        saveFileAtomically(path, QByteArray(64 * 1024, 'x'));
    } catch (const Error& e) {
        threw = true;
        EXPECT_EQ(e.kind(), Error::Kind::Io);
        EXPECT_TRUE(QString::fromUtf8(e.what()).contains(path)) << e.what();
    }
    EXPECT_TRUE(threw);
    EXPECT_EQ(readAll(path), QByteArray("old contents"));
    EXPECT_EQ(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries), QStringList{QStringLiteral("keep.npy")})
        << "no temporary file left behind";
}
