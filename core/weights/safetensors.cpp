// SPDX-License-Identifier: MIT
#include "weights/safetensors.h"

#include "base/error.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>
#include <QSysInfo>
#include <QtEndian>

#include <Eigen/Core>

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <vector>

namespace qkview {

namespace {

using Result = std::variant<SafetensorsLayout, SafetensorsIssue>;

SafetensorsIssue issue(SafetensorsProblem problem, std::string message) { return {problem, std::move(message)}; }

std::string quoted(const QString& name) {
    std::string s = name.toStdString();
    s.insert(s.begin(), '\'');
    s.push_back('\'');
    return s;
}

std::string shapeText(const std::vector<qint64>& shape) {
    std::string s = "[";
    for (size_t i = 0; i < shape.size(); ++i) {
        if (i) s += ", ";
        s += std::to_string(shape[i]);
    }
    s += ']';
    return s;
}

struct DtypeName {
    TensorDtype dtype;
    const char* name;
    int size;
};
constexpr std::array<DtypeName, 17> kDtypes = {{{TensorDtype::BOOL, "BOOL", 1},   {TensorDtype::U8, "U8", 1},
                                                {TensorDtype::I8, "I8", 1},       {TensorDtype::F8_E5M2, "F8_E5M2", 1},
                                                {TensorDtype::F8_E4M3, "F8_E4M3", 1}, {TensorDtype::F8_E8M0, "F8_E8M0", 1},
                                                {TensorDtype::I16, "I16", 2},     {TensorDtype::U16, "U16", 2},
                                                {TensorDtype::F16, "F16", 2},     {TensorDtype::BF16, "BF16", 2},
                                                {TensorDtype::I32, "I32", 4},     {TensorDtype::U32, "U32", 4},
                                                {TensorDtype::F32, "F32", 4},     {TensorDtype::F64, "F64", 8},
                                                {TensorDtype::I64, "I64", 8},     {TensorDtype::U64, "U64", 8},
                                                {TensorDtype::C64, "C64", 8}}};
// Defined by the format, but packed several to a byte.
constexpr std::array<const char*, 3> kSubByteDtypes = {"F4", "F6_E2M3", "F6_E3M2"};

constexpr bool inEnumOrder() {
    for (size_t i = 0; i < kDtypes.size(); ++i)
        if (static_cast<size_t>(kDtypes[i].dtype) != i) return false;
    return true;
}
static_assert(inEnumOrder(), "kDtypes lists the dtypes in the enum's order");

const DtypeName& dtypeEntry(TensorDtype dtype) { return kDtypes[static_cast<size_t>(dtype)]; }

// A JSON number that is an integer >= 0 (fractions, negatives and numbers past qint64 are refused).
std::optional<qint64> nonNegativeInteger(const QJsonValue& value) {
    if (!value.isDouble()) return std::nullopt;
    const qint64 i = value.toInteger(-1); // -1 for non-integers and out-of-range values
    if (i < 0) return std::nullopt;
    return i;
}

// One tensor entry; the name is already known not to be __metadata__.
std::variant<TensorInfo, SafetensorsIssue> parseEntry(const QString& name, const QJsonValue& value) {
    using P = SafetensorsProblem;
    const std::string who = "tensor " + quoted(name);
    if (!value.isObject()) return issue(P::EntryNotObject, who + ": expected an object {dtype, shape, data_offsets}");
    const QJsonObject entry = value.toObject();
    if (!entry.value(u"dtype").isString())
        return issue(P::MissingField, who + ": expected \"dtype\" as a string");
    if (!entry.value(u"shape").isArray()) return issue(P::MissingField, who + ": expected \"shape\" as an array");
    if (!entry.value(u"data_offsets").isArray())
        return issue(P::MissingField, who + ": expected \"data_offsets\" as an array");

    TensorInfo info;
    info.name = name;
    const QString dtype = entry.value(u"dtype").toString();
    const auto known = std::find_if(kDtypes.begin(), kDtypes.end(),
                                    [&](const DtypeName& d) { return dtype == QLatin1StringView(d.name); });
    if (known == kDtypes.end()) {
        if (std::any_of(kSubByteDtypes.begin(), kSubByteDtypes.end(),
                        [&](const char* d) { return dtype == QLatin1StringView(d); }))
            return issue(P::UnsupportedDtype, who + " has dtype " + dtype.toStdString() +
                                                  ", which qkview does not read (expected F32, F16 or BF16)");
        return issue(P::UnknownDtype, who + " has unknown dtype \"" + dtype.left(40).toStdString() + "\"");
    }
    info.dtype = known->dtype;

    const QJsonArray shape = entry.value(u"shape").toArray();
    for (qsizetype d = 0; d < shape.size(); ++d) {
        const auto dim = nonNegativeInteger(shape[d]);
        if (!dim)
            return issue(P::BadShape, who + ": shape dimension " + std::to_string(d) +
                                          " is not a non-negative integer");
        info.shape.push_back(*dim);
    }

    const QJsonArray offsets = entry.value(u"data_offsets").toArray();
    const auto begin = offsets.size() == 2 ? nonNegativeInteger(offsets[0]) : std::nullopt;
    const auto end = offsets.size() == 2 ? nonNegativeInteger(offsets[1]) : std::nullopt;
    if (!begin || !end || *begin > *end)
        return issue(P::BadOffsets, who + ": expected data_offsets [begin, end] with 0 <= begin <= end");
    info.begin = *begin;
    info.end = *end;

    qint64 bytes = dtypeSize(info.dtype);
    for (qint64 dim : info.shape)
        if (__builtin_mul_overflow(bytes, dim, &bytes))
            return issue(P::SizeOverflow, who + ": shape " + shapeText(info.shape) + " × " +
                                              std::to_string(dtypeSize(info.dtype)) + " bytes overflows 64 bits");
    if (bytes != info.end - info.begin)
        return issue(P::SizeMismatch, who + ": " + dtypeName(info.dtype) + " " + shapeText(info.shape) + " needs " +
                                          std::to_string(bytes) + " bytes, data_offsets [" +
                                          std::to_string(info.begin) + ", " + std::to_string(info.end) +
                                          "] give " + std::to_string(info.end - info.begin));
    return info;
}

} // namespace

int dtypeSize(TensorDtype dtype) { return dtypeEntry(dtype).size; }
const char* dtypeName(TensorDtype dtype) { return dtypeEntry(dtype).name; }
bool isReadable(TensorDtype dtype) {
    return dtype == TensorDtype::F32 || dtype == TensorDtype::F16 || dtype == TensorDtype::BF16;
}

qint64 TensorInfo::elementCount() const {
    qint64 n = 1;
    for (qint64 d : shape) n *= d;
    return n;
}

std::string TensorInfo::describe() const {
    return quoted(name) + " (" + dtypeName(dtype) + " " + shapeText(shape) + ")";
}

Result parseSafetensors(const uchar* bytes, qint64 size) {
    using P = SafetensorsProblem;
    if (size < 8)
        return issue(P::FileTooSmall, "the file has " + std::to_string(size) +
                                          " bytes, expected at least 8 (the header length)");
    // The length is read as a whole uint64 and converted from little-endian: no shifted promoted ints.
    const quint64 headerLength = qFromLittleEndian<quint64>(bytes);
    if (headerLength > static_cast<quint64>(kMaxSafetensorsHeader))
        return issue(P::HeaderTooLarge, "header length " + std::to_string(headerLength) + " exceeds the limit of " +
                                            std::to_string(kMaxSafetensorsHeader) + " bytes");
    SafetensorsLayout layout;
    layout.dataOffset = 8 + static_cast<qint64>(headerLength); // cannot overflow: both are small
    if (layout.dataOffset > size)
        return issue(P::HeaderOutOfFile, "header of " + std::to_string(headerLength) + " bytes ends at byte " +
                                             std::to_string(layout.dataOffset) + ", the file has " +
                                             std::to_string(size));
    layout.dataSize = size - layout.dataOffset;

    const auto header = QByteArray::fromRawData(reinterpret_cast<const char*>(bytes + 8),
                                                static_cast<qsizetype>(headerLength));
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    [[maybe_unused]] const QString decoded = utf8.decode(header); // decoded only to find invalid sequences
    if (utf8.hasError()) return issue(P::HeaderNotUtf8, "the header is not valid UTF-8");
    QJsonParseError jsonError;
    const QJsonDocument document = QJsonDocument::fromJson(header, &jsonError);
    if (jsonError.error != QJsonParseError::NoError)
        return issue(P::HeaderNotJson, "the header is not valid JSON: " + jsonError.errorString().toStdString() +
                                           " at byte " + std::to_string(jsonError.offset));
    if (!document.isObject() || header.front() != '{') // the format wants '{' first, no padding before
        return issue(P::HeaderNotObject, "the header is JSON but not an object");

    const QJsonObject root = document.object();
    for (auto it = root.begin(); it != root.end(); ++it) {
        if (it.key() == u"__metadata__") {
            if (!it.value().isObject()) return issue(P::BadMetadata, "__metadata__ is not an object");
            const QJsonObject metadata = it.value().toObject();
            for (auto m = metadata.begin(); m != metadata.end(); ++m) {
                if (!m.value().isString())
                    return issue(P::BadMetadata, "__metadata__ entry " + quoted(m.key()) + " is not a string");
                layout.metadata.insert(m.key(), m.value().toString());
            }
            continue;
        }
        auto entry = parseEntry(it.key(), it.value());
        if (auto* problem = std::get_if<SafetensorsIssue>(&entry)) return std::move(*problem);
        layout.tensors.push_back(std::move(std::get<TensorInfo>(entry)));
    }

    // Contiguous from 0, no holes, no overlaps, ending exactly at the data's end.
    std::sort(layout.tensors.begin(), layout.tensors.end(), [](const TensorInfo& a, const TensorInfo& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
    });
    qint64 expected = 0;
    const TensorInfo* previous = nullptr;
    for (const TensorInfo& t : layout.tensors) {
        if (t.begin != expected) {
            const std::string after = previous ? "after tensor " + quoted(previous->name) : "as the first tensor";
            return issue(P::OffsetsNotContiguous,
                         "tensor " + quoted(t.name) + " starts at byte " + std::to_string(t.begin) + ", expected " +
                             std::to_string(expected) + " " + after + " (" +
                             (t.begin > expected ? "a hole" : "an overlap") + ")");
        }
        expected = t.end;
        previous = &t;
    }
    if (expected != layout.dataSize)
        return issue(P::DataSizeMismatch, "the tensors end at byte " + std::to_string(expected) +
                                              " of the data section" +
                                              (previous ? " (last: " + quoted(previous->name) + ")" : "") +
                                              ", but the data section has " + std::to_string(layout.dataSize) +
                                              " bytes");
    return layout;
}

void convertToFloat(TensorDtype dtype, const uchar* source, qint64 count, float* destination) {
    switch (dtype) {
    case TensorDtype::F32:
        qFromLittleEndian<float>(source, static_cast<qsizetype>(count), destination);
        return;
    case TensorDtype::F16:
        for (qint64 i = 0; i < count; ++i)
            destination[i] = static_cast<float>(
                Eigen::numext::bit_cast<Eigen::half>(qFromLittleEndian<quint16>(source + 2 * i)));
        return;
    case TensorDtype::BF16:
        for (qint64 i = 0; i < count; ++i)
            destination[i] = static_cast<float>(
                Eigen::numext::bit_cast<Eigen::bfloat16>(qFromLittleEndian<quint16>(source + 2 * i)));
        return;
    default:
        throw Error(Error::Kind::InvalidArgument, std::string("convertToFloat: dtype ") + dtypeName(dtype) +
                                                      " is not a readable float type");
    }
}

SafetensorsFile::SafetensorsFile(const QString& path) : m_path(path), m_file(path) {
    if (!m_file.open(QIODevice::ReadOnly))
        throw Error(Error::Kind::Io, "cannot open " + path.toStdString() + ": " + m_file.errorString().toStdString());
    // The header length, then the header if it is within the limit and the file: what the parser reads.
    const qint64 size = m_file.size();
    QByteArray prefix = m_file.read(8);
    if (prefix.size() == 8) {
        const quint64 headerLength = qFromLittleEndian<quint64>(prefix.constData());
        if (headerLength <= static_cast<quint64>(kMaxSafetensorsHeader) && 8 + static_cast<qint64>(headerLength) <= size)
            prefix += m_file.read(static_cast<qint64>(headerLength));
    }
    auto parsed = parseSafetensors(reinterpret_cast<const uchar*>(prefix.constData()), size);
    if (auto* problem = std::get_if<SafetensorsIssue>(&parsed))
        throw Error(Error::Kind::InvalidModel, path.toStdString() + ": " + problem->message);
    m_layout = std::move(std::get<SafetensorsLayout>(parsed));
    if (prefix.size() < m_layout.dataOffset) // shrank between size() and read()
        throw Error(Error::Kind::InvalidModel, path.toStdString() + ": the file ended inside its header; was it changed "
                                                                    "while qkview opened it?");
    for (size_t i = 0; i < m_layout.tensors.size(); ++i) m_index.insert(m_layout.tensors[i].name, static_cast<int>(i));
}

const TensorInfo* SafetensorsFile::find(const QString& name) const {
    const auto it = m_index.constFind(name);
    return it == m_index.cend() ? nullptr : &m_layout.tensors[static_cast<size_t>(*it)];
}

void SafetensorsFile::readBytes(qint64 offset, qint64 size, void* destination, const TensorInfo& tensor) const {
    if (!m_file.seek(offset))
        throw Error(Error::Kind::Io, m_path.toStdString() + ": cannot seek to tensor " + quoted(tensor.name) + ": " +
                                         m_file.errorString().toStdString());
    const qint64 got = m_file.read(static_cast<char*>(destination), size);
    if (got < 0)
        throw Error(Error::Kind::Io, m_path.toStdString() + ": cannot read tensor " + quoted(tensor.name) + ": " +
                                         m_file.errorString().toStdString());
    if (got < size)
        throw Error(Error::Kind::InvalidModel,
                    m_path.toStdString() + ": the file ended " + std::to_string(size - got) +
                        " bytes early, inside tensor " + quoted(tensor.name) +
                        "; it was changed or truncated after qkview opened it (a download still running?)");
}

void SafetensorsFile::read(const TensorInfo& tensor, float* destination) const {
    if (!isReadable(tensor.dtype))
        throw Error(Error::Kind::InvalidModel, path().toStdString() + ": tensor " + quoted(tensor.name) +
                                                   " has dtype " + dtypeName(tensor.dtype) +
                                                   ", which qkview does not read (expected F32, F16 or BF16)");
    const qint64 offset = m_layout.dataOffset + tensor.begin;
    if (tensor.dtype == TensorDtype::F32 && QSysInfo::ByteOrder == QSysInfo::LittleEndian) {
        readBytes(offset, tensor.end - tensor.begin, destination, tensor); // already the floats we want
        return;
    }
    // Half precision (or a big-endian host): through a bounded buffer, converted chunk by chunk.
    const int size = dtypeSize(tensor.dtype);
    constexpr qint64 kChunkElements = qint64{1} << 20;
    std::vector<uchar> chunk(static_cast<size_t>(std::min(tensor.elementCount(), kChunkElements) * size));
    for (qint64 done = 0; done < tensor.elementCount(); done += kChunkElements) {
        const qint64 count = std::min(kChunkElements, tensor.elementCount() - done);
        readBytes(offset + done * size, count * size, chunk.data(), tensor);
        convertToFloat(tensor.dtype, chunk.data(), count, destination + done);
    }
}

} // namespace qkview
