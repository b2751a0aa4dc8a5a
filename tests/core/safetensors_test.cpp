// SPDX-License-Identifier: MIT
// The safetensors reader: one crafted broken file per failure kind, exact dtype conversion,
// files on disk, and random mutations of a valid file that must never crash (run under ASan in CI).
#include "base/error.h"
#include "weights/safetensors.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtEndian>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

namespace qkview {
namespace {

using Bytes = std::vector<uchar>;

Bytes withHeaderLength(quint64 length, const QByteArray& rest) {
    Bytes bytes(8 + static_cast<size_t>(rest.size()));
    qToLittleEndian<quint64>(length, bytes.data());
    std::copy(rest.begin(), rest.end(), bytes.begin() + 8);
    return bytes;
}

// A file from a JSON header and dataSize bytes of data (bytes 0, 1, 2, ...).
Bytes makeFile(const QByteArray& header, qint64 dataSize) {
    QByteArray rest = header;
    for (qint64 i = 0; i < dataSize; ++i) rest.append(static_cast<char>(i));
    return withHeaderLength(static_cast<quint64>(header.size()), rest);
}

std::variant<SafetensorsLayout, SafetensorsIssue> parse(const Bytes& bytes) {
    return parseSafetensors(bytes.data(), static_cast<qint64>(bytes.size()));
}

struct BrokenCase {
    const char* label;
    Bytes bytes;
    SafetensorsProblem problem;
    std::vector<std::string> messageParts; // each must appear in the message
};

std::vector<BrokenCase> brokenCases() {
    using P = SafetensorsProblem;
    const QByteArray okEntry = R"("a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]})";
    return {
        {"3 bytes", Bytes{'{', '}', ' '}, P::FileTooSmall, {"3 bytes", "at least 8"}},
        {"empty", Bytes{}, P::FileTooSmall, {"0 bytes"}},
        {"header over 100 MB", withHeaderLength(100'000'001, "{}"), P::HeaderTooLarge, {"100000001"}},
        {"header length 2^64-1", withHeaderLength(~quint64{0}, "{}"), P::HeaderTooLarge, {"18446744073709551615"}},
        {"header past the end", withHeaderLength(100, "{}      "), P::HeaderOutOfFile, {"100 bytes", "16"}},
        {"header not UTF-8", makeFile("{\"a\xff\": 1}", 0), P::HeaderNotUtf8, {"UTF-8"}},
        {"header truncated JSON", makeFile(R"({"a": )", 0), P::HeaderNotJson, {"not valid JSON"}},
        {"header is an array", makeFile("[1, 2]", 0), P::HeaderNotObject, {"not an object"}},
        {"header starts with a space", makeFile(" {}", 0), P::HeaderNotObject, {"not an object"}},
        {"metadata not an object", makeFile(R"({"__metadata__": [1]})", 0), P::BadMetadata, {"__metadata__"}},
        {"metadata value not a string", makeFile(R"({"__metadata__": {"format": 1}})", 0), P::BadMetadata,
         {"'format'", "not a string"}},
        {"entry not an object", makeFile(R"({"w": 5})", 0), P::EntryNotObject, {"'w'"}},
        {"dtype missing", makeFile(R"({"w": {"shape": [1], "data_offsets": [0, 4]}})", 4), P::MissingField,
         {"'w'", "dtype"}},
        {"shape not an array", makeFile(R"({"w": {"dtype": "F32", "shape": 1, "data_offsets": [0, 4]}})", 4),
         P::MissingField, {"'w'", "shape"}},
        {"data_offsets missing", makeFile(R"({"w": {"dtype": "F32", "shape": [1]}})", 4), P::MissingField,
         {"'w'", "data_offsets"}},
        {"unknown dtype", makeFile(R"({"w": {"dtype": "F99", "shape": [1], "data_offsets": [0, 4]}})", 4),
         P::UnknownDtype, {"'w'", "F99"}},
        {"sub-byte dtype", makeFile(R"({"w": {"dtype": "F4", "shape": [2], "data_offsets": [0, 1]}})", 1),
         P::UnsupportedDtype, {"'w'", "F4", "F32, F16 or BF16"}},
        {"I64 sized as 8 bytes", makeFile(R"({"w": {"dtype": "I64", "shape": [2], "data_offsets": [0, 8]}})", 8),
         P::SizeMismatch, {"'w'", "I64 [2]", "needs 16 bytes"}},
        {"negative dimension", makeFile(R"({"w": {"dtype": "F32", "shape": [-1], "data_offsets": [0, 4]}})", 4),
         P::BadShape, {"'w'", "dimension 0"}},
        {"fractional dimension", makeFile(R"({"w": {"dtype": "F32", "shape": [2, 1.5], "data_offsets": [0, 4]}})", 4),
         P::BadShape, {"'w'", "dimension 1"}},
        {"string dimension", makeFile(R"({"w": {"dtype": "F32", "shape": ["1"], "data_offsets": [0, 4]}})", 4),
         P::BadShape, {"'w'"}},
        {"offsets reversed", makeFile(R"({"w": {"dtype": "F32", "shape": [1], "data_offsets": [4, 0]}})", 4),
         P::BadOffsets, {"'w'", "begin <= end"}},
        {"one offset", makeFile(R"({"w": {"dtype": "F32", "shape": [1], "data_offsets": [4]}})", 4), P::BadOffsets,
         {"'w'"}},
        {"a 2^40-element tensor in 4 bytes: refused before any allocation",
         makeFile(R"({"w": {"dtype": "F32", "shape": [1048576, 1048576], "data_offsets": [0, 4]}})", 4),
         P::SizeMismatch, {"'w'", "[1048576, 1048576]", "needs 4398046511104 bytes"}},
        {"element count overflows",
         makeFile(R"({"w": {"dtype": "F32", "shape": [4294967296, 4294967296], "data_offsets": [0, 4]}})", 4),
         P::SizeOverflow, {"'w'", "[4294967296, 4294967296]", "overflows"}},
        {"bytes do not match the shape",
         makeFile(R"({"w": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 20]}})", 20), P::SizeMismatch,
         {"'w'", "F32 [2, 3]", "needs 24 bytes", "give 20"}},
        {"F16 counted as 4 bytes", makeFile(R"({"w": {"dtype": "F16", "shape": [2], "data_offsets": [0, 8]}})", 8),
         P::SizeMismatch, {"'w'", "needs 4 bytes", "give 8"}},
        {"hole between tensors",
         makeFile("{" + okEntry + R"(, "b": {"dtype": "F32", "shape": [1], "data_offsets": [8, 12]}})", 12),
         P::OffsetsNotContiguous, {"'b'", "starts at byte 8", "expected 4", "'a'", "hole"}},
        {"overlapping tensors",
         makeFile(R"({"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
                      "b": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]}})",
                  12),
         P::OffsetsNotContiguous, {"'b'", "starts at byte 4", "expected 8", "overlap"}},
        {"first tensor not at 0", makeFile(R"({"a": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}})", 8),
         P::OffsetsNotContiguous, {"'a'", "starts at byte 4", "expected 0", "first"}},
        {"data past the last tensor", makeFile("{" + okEntry + "}", 8), P::DataSizeMismatch,
         {"end at byte 4", "'a'", "has 8 bytes"}},
        {"tensor past the end of the file", makeFile("{" + okEntry + "}", 2), P::DataSizeMismatch,
         {"end at byte 4", "has 2 bytes"}},
        {"no tensors but data", makeFile("{}", 3), P::DataSizeMismatch, {"end at byte 0", "has 3 bytes"}},
    };
}

TEST(SafetensorsTest, EveryBrokenFileKindIsReportedWithItsProblemAndNames) {
    for (const BrokenCase& c : brokenCases()) {
        SCOPED_TRACE(c.label);
        const auto result = parse(c.bytes);
        const auto* problem = std::get_if<SafetensorsIssue>(&result);
        ASSERT_NE(problem, nullptr) << "accepted a broken file";
        EXPECT_EQ(problem->problem, c.problem) << problem->message;
        for (const std::string& part : c.messageParts)
            EXPECT_NE(problem->message.find(part), std::string::npos)
                << "message \"" << problem->message << "\" lacks \"" << part << "\"";
    }
}

TEST(SafetensorsTest, EveryProblemKindHasABrokenFile) {
    std::vector<bool> seen(static_cast<size_t>(SafetensorsProblem::DataSizeMismatch) + 1);
    for (const BrokenCase& c : brokenCases()) seen[static_cast<size_t>(c.problem)] = true;
    for (size_t i = 0; i < seen.size(); ++i) EXPECT_TRUE(seen[i]) << "no case for problem " << i;
}

TEST(SafetensorsTest, ValidFileGivesSortedTensorsMetadataAndScalars) {
    const Bytes bytes = makeFile(R"({"__metadata__": {"format": "pt"},
        "b": {"dtype": "F16", "shape": [2, 2], "data_offsets": [4, 12]},
        "s": {"dtype": "F32", "shape": [], "data_offsets": [0, 4]},
        "z": {"dtype": "BF16", "shape": [0, 3], "data_offsets": [12, 12]}})",
                                 12);
    const auto result = parse(bytes);
    ASSERT_TRUE(std::holds_alternative<SafetensorsLayout>(result)) << std::get<SafetensorsIssue>(result).message;
    const auto& layout = std::get<SafetensorsLayout>(result);
    EXPECT_EQ(layout.metadata.value(QStringLiteral("format")), QStringLiteral("pt"));
    ASSERT_EQ(layout.tensors.size(), 3u);
    EXPECT_EQ(layout.tensors[0].name, QStringLiteral("s"));
    EXPECT_EQ(layout.tensors[0].elementCount(), 1);
    EXPECT_EQ(layout.tensors[1].name, QStringLiteral("b"));
    EXPECT_EQ(layout.tensors[1].elementCount(), 4);
    EXPECT_EQ(layout.tensors[2].elementCount(), 0);
    EXPECT_EQ(layout.dataSize, 12);
}

// IEEE half → float written from the definition, independent of the reader's conversion.
double halfByDefinition(quint16 bits) {
    const int sign = bits >> 15, exponent = (bits >> 10) & 0x1f, mantissa = bits & 0x3ff;
    const double magnitude = exponent == 0    ? std::ldexp(mantissa, -24)
                             : exponent == 31 ? (mantissa ? std::numeric_limits<double>::quiet_NaN()
                                                          : std::numeric_limits<double>::infinity())
                                              : std::ldexp(1024 + mantissa, exponent - 25);
    return sign ? -magnitude : magnitude;
}

TEST(SafetensorsTest, EveryHalfValueConvertsExactly) {
    Bytes source(2 * 65536);
    for (int i = 0; i < 65536; ++i) qToLittleEndian<quint16>(static_cast<quint16>(i), source.data() + 2 * i);
    std::vector<float> out(65536);
    convertToFloat(TensorDtype::F16, source.data(), 65536, out.data());
    for (int i = 0; i < 65536; ++i) {
        const double expected = halfByDefinition(static_cast<quint16>(i));
        if (std::isnan(expected)) {
            EXPECT_TRUE(std::isnan(out[i])) << "half 0x" << std::hex << i;
        } else {
            ASSERT_EQ(static_cast<double>(out[i]), expected) << "half 0x" << std::hex << i;
            EXPECT_EQ(std::signbit(out[i]), (i & 0x8000) != 0) << "half 0x" << std::hex << i;
        }
    }
}

TEST(SafetensorsTest, BFloat16IsTheTopHalfOfAFloat) {
    const std::vector<std::pair<quint16, float>> cases = {{0x3f80, 1.0f},     {0xc000, -2.0f},
                                                          {0x3e20, 0.15625f}, {0x0001, 9.18354962e-41f},
                                                          {0x7f80, INFINITY}, {0x8000, -0.0f}};
    for (const auto& [bits, expected] : cases) {
        uchar source[2];
        qToLittleEndian<quint16>(bits, source);
        float out = 0.0f;
        convertToFloat(TensorDtype::BF16, source, 1, &out);
        EXPECT_EQ(out, expected) << "bf16 0x" << std::hex << bits;
        EXPECT_EQ(std::signbit(out), std::signbit(expected));
    }
}

// Writes a file with one F32 tensor whose data starts at an odd address when pad is odd.
QString writeFile(const QTemporaryDir& dir, const QString& name, const Bytes& bytes) {
    const QString path = dir.filePath(name);
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(reinterpret_cast<const char*>(bytes.data()), static_cast<qint64>(bytes.size()));
    return path;
}

Bytes floatFile(int headerPadding, const std::vector<float>& values) {
    QByteArray header = R"({"x": {"dtype": "F32", "shape": [)" + QByteArray::number(values.size()) +
                        R"(], "data_offsets": [0, )" + QByteArray::number(4 * values.size()) + "]}}";
    header.append(QByteArray(headerPadding, ' ')); // trailing spaces are allowed after the object
    QByteArray rest = header;
    for (float v : values) {
        char le[4];
        qToLittleEndian<float>(v, le);
        rest.append(le, 4);
    }
    return withHeaderLength(static_cast<quint64>(header.size()), rest);
}

TEST(SafetensorsTest, FileReadsAlignedAndUnalignedData) {
    QTemporaryDir dir;
    const std::vector<float> values = {1.5f, -2.25f, 3.0e-8f, 65504.0f};
    for (int padding = 0; padding < 4; ++padding) {
        SCOPED_TRACE(padding);
        const Bytes bytes = floatFile(padding, values);
        const SafetensorsFile file(writeFile(dir, QStringLiteral("f%1.safetensors").arg(padding), bytes));
        const TensorInfo* x = file.find(QStringLiteral("x"));
        ASSERT_NE(x, nullptr);
        EXPECT_EQ(file.find(QStringLiteral("y")), nullptr);
        std::vector<float> out(4);
        file.read(*x, out.data());
        EXPECT_EQ(out, values);
    }
}

// A file overwritten in place while qkview has it open (a new download over the old one): reading its
// tensors gives a message, where reading through a memory map would have died of SIGBUS.
TEST(SafetensorsTest, AFileTruncatedWhileOpenGivesAMessageNotACrash) {
    QTemporaryDir dir;
    std::vector<float> values(300000);
    for (size_t i = 0; i < values.size(); ++i) values[i] = static_cast<float>(i);
    const QString path = writeFile(dir, QStringLiteral("big.safetensors"), floatFile(0, values));
    const SafetensorsFile file(path);
    ASSERT_TRUE(QFile::resize(path, 4096));
    std::vector<float> out(values.size());
    try {
        file.read(*file.find(QStringLiteral("x")), out.data());
        FAIL() << "read a tensor past the end of a truncated file";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), Error::Kind::InvalidModel);
        const std::string message = e.what();
        EXPECT_NE(message.find("big.safetensors"), std::string::npos) << message;
        EXPECT_NE(message.find("inside tensor 'x'"), std::string::npos) << message;
        EXPECT_NE(message.find("changed or truncated"), std::string::npos) << message;
    }
}

TEST(SafetensorsTest, OtherDtypesOpenButRefuseToBeReadAsFloats) {
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("mask.safetensors"),
                                   makeFile(R"({"h.0.attn.bias": {"dtype": "U8", "shape": [1, 1, 2, 2], "data_offsets": [0, 4]},
                                               "n": {"dtype": "I64", "shape": [1], "data_offsets": [4, 12]}})",
                                            12));
    const SafetensorsFile file(path);
    ASSERT_EQ(file.tensors().size(), 2u);
    const TensorInfo* n = file.find(QStringLiteral("n"));
    ASSERT_NE(n, nullptr);
    EXPECT_EQ(n->dtype, TensorDtype::I64);
    float out[1];
    try {
        file.read(*n, out);
        FAIL() << "read an I64 tensor as floats";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), Error::Kind::InvalidModel);
        const std::string message = e.what();
        EXPECT_NE(message.find("'n'"), std::string::npos) << message;
        EXPECT_NE(message.find("I64"), std::string::npos) << message;
    }
}

TEST(SafetensorsTest, FileErrorsNameTheFileAndHaveKinds) {
    QTemporaryDir dir;
    const QString broken = writeFile(dir, QStringLiteral("broken.safetensors"), makeFile("[]", 0));
    try {
        SafetensorsFile file(broken);
        FAIL() << "opened a broken file";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), Error::Kind::InvalidModel);
        EXPECT_NE(std::string(e.what()).find("broken.safetensors: "), std::string::npos) << e.what();
    }
    try {
        SafetensorsFile file(dir.filePath(QStringLiteral("absent.safetensors")));
        FAIL() << "opened a missing file";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), Error::Kind::Io);
        EXPECT_NE(std::string(e.what()).find("absent.safetensors"), std::string::npos) << e.what();
    }
}

// Flips bits, overwrites bytes with interesting values and truncates a valid file, then parses it
// and reads every tensor that passes validation. Any crash or sanitizer report fails the test.
TEST(SafetensorsTest, RandomMutationsNeverCrash) {
    const Bytes valid = makeFile(R"({"__metadata__": {"format": "pt"},
        "h.0.w": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]},
        "h.0.b": {"dtype": "F16", "shape": [3], "data_offsets": [24, 30]},
        "wte": {"dtype": "BF16", "shape": [1, 5], "data_offsets": [30, 40]},
        "s": {"dtype": "F32", "shape": [], "data_offsets": [40, 44]}})",
                                 44);
    ASSERT_TRUE(std::holds_alternative<SafetensorsLayout>(parse(valid)));
    std::mt19937 random(20261124);
    const uchar interesting[] = {0, 1, '"', '[', ']', '{', '}', ',', ':', '-', '9', '0', 0x7f, 0x80, 0xff, ' '};
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(1000);
    int runs = 0, accepted = 0;
    for (; runs < 200000 && std::chrono::steady_clock::now() < deadline; ++runs) {
        Bytes bytes = valid;
        const int edits = 1 + static_cast<int>(random() % 4);
        for (int e = 0; e < edits && !bytes.empty(); ++e) {
            const size_t at = random() % bytes.size();
            switch (random() % 4) {
            case 0: bytes[at] ^= static_cast<uchar>(1u << (random() % 8)); break;
            case 1: bytes[at] = interesting[random() % sizeof interesting]; break;
            case 2: bytes.resize(at); break;
            default: bytes.erase(bytes.begin() + static_cast<std::ptrdiff_t>(at)); break;
            }
        }
        bytes.shrink_to_fit(); // so ASan sees any read past the end
        const auto result = parseSafetensors(bytes.empty() ? nullptr : bytes.data(), static_cast<qint64>(bytes.size()));
        if (const auto* layout = std::get_if<SafetensorsLayout>(&result)) {
            ++accepted;
            for (const TensorInfo& t : layout->tensors) {
                ASSERT_LE(layout->dataOffset + t.end, static_cast<qint64>(bytes.size()));
                if (!isReadable(t.dtype)) continue;
                std::vector<float> out(static_cast<size_t>(t.elementCount()));
                convertToFloat(t.dtype, bytes.data() + layout->dataOffset + t.begin, t.elementCount(), out.data());
            }
        } else {
            EXPECT_FALSE(std::get<SafetensorsIssue>(result).message.empty());
        }
    }
    std::printf("[          ] %d mutations, %d still valid\n", runs, accepted);
    EXPECT_GE(runs, 500);
}

} // namespace
} // namespace qkview
