// SPDX-License-Identifier: MIT
#pragma once
// The safetensors format: an 8-byte little-endian header length N, N bytes of UTF-8 JSON
// ({"name": {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {...}}), then the data.
// Everything in the header is validated, in the order of the format's own reader, before any
// tensor byte is touched; problems are values (SafetensorsIssue), turned into Error at the file boundary.
// Tensors are read with ordinary reads, never through a memory map: a file that shrinks while qkview has it
// open (overwritten by a new download) then gives a short read and a message, where a map would crash.
#include <QFile>
#include <QHash>
#include <QString>

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace qkview {

// The format's whole-byte dtypes. Every one is validated (its byte size is known), so a file with
// ignorable extras (a U8 attention mask, say) opens; only F32, F16 and BF16 can be read as floats.
enum class TensorDtype { BOOL, U8, I8, F8_E5M2, F8_E4M3, F8_E8M0, I16, U16, F16, BF16, I32, U32, F32, F64, I64, U64, C64 };
int dtypeSize(TensorDtype dtype);         // bytes per element
const char* dtypeName(TensorDtype dtype); // as spelled in the header
bool isReadable(TensorDtype dtype);       // F32, F16 or BF16

struct TensorInfo {
    QString name;
    TensorDtype dtype = TensorDtype::F32;
    std::vector<qint64> shape; // empty for a scalar
    qint64 begin = 0;          // byte offsets into the data section (after the header)
    qint64 end = 0;

    qint64 elementCount() const; // product of shape; fits because the header was validated
    std::string describe() const; // "'name' (F16 [3, 4])" for messages
};

// One failure per kind, in the order they are checked.
enum class SafetensorsProblem {
    FileTooSmall,         // fewer than 8 bytes: no header length
    HeaderTooLarge,       // N > 100 MB
    HeaderOutOfFile,      // 8 + N > file size
    HeaderNotUtf8,        // header bytes are not valid UTF-8
    HeaderNotJson,        // not parseable JSON
    HeaderNotObject,      // JSON, but not an object
    BadMetadata,          // __metadata__ is not an object of strings
    EntryNotObject,       // a tensor entry is not an object
    MissingField,         // dtype, shape or data_offsets absent or of the wrong JSON type
    UnknownDtype,         // a dtype the format does not define
    UnsupportedDtype,     // a dtype the format defines in fractions of a byte (F4, F6_*), which qkview cannot size
    BadShape,             // a dimension is not a non-negative integer
    BadOffsets,           // data_offsets is not [begin, end] with 0 <= begin <= end
    SizeOverflow,         // elements × dtype size overflows 64 bits
    SizeMismatch,         // elements × dtype size != end - begin
    OffsetsNotContiguous, // a hole or an overlap between tensors, or the first does not start at 0
    DataSizeMismatch,     // the last tensor's end != the data section's size
};

struct SafetensorsIssue {
    SafetensorsProblem problem;
    std::string message; // names the tensor and what was expected vs found
};

struct SafetensorsLayout {
    qint64 dataOffset = 0; // 8 + N: where the data section starts in the file
    qint64 dataSize = 0;
    std::vector<TensorInfo> tensors; // sorted by begin
    QHash<QString, QString> metadata;
};

inline constexpr qint64 kMaxSafetensorsHeader = 100'000'000;

// Validates the layout of a file of size bytes. Reads only its first min(size, 8 + N) bytes (the header
// length and the header), so bytes may hold just those; the tensor data is checked by offsets alone.
std::variant<SafetensorsLayout, SafetensorsIssue> parseSafetensors(const uchar* bytes, qint64 size);

// Converts count little-endian elements of a readable dtype to float32: F16 and BF16 exactly,
// F32 copied (the source may be unaligned).
void convertToFloat(TensorDtype dtype, const uchar* source, qint64 count, float* destination);

// A validated safetensors file, kept open to read its tensors.
class SafetensorsFile {
public:
    // Throws Error(Io) when the file cannot be read, Error(InvalidModel) "<file>: <issue>" when it is malformed.
    explicit SafetensorsFile(const QString& path);

    const QString& path() const { return m_path; }
    const std::vector<TensorInfo>& tensors() const { return m_layout.tensors; }
    const QHash<QString, QString>& metadata() const { return m_layout.metadata; }
    const TensorInfo* find(const QString& name) const; // nullptr when absent

    // Writes tensor.elementCount() floats to destination. Throws Error(InvalidModel) naming the tensor
    // and its dtype when the dtype is not readable, or when the file ends early (changed since it was
    // opened); Error(Io) when reading fails. Not thread-safe: one reader per file.
    void read(const TensorInfo& tensor, float* destination) const;

private:
    // Reads exactly size bytes at offset into destination, or throws as read() does.
    void readBytes(qint64 offset, qint64 size, void* destination, const TensorInfo& tensor) const;

    QString m_path;
    mutable QFile m_file;
    SafetensorsLayout m_layout;
    QHash<QString, int> m_index; // name → position in tensors()
};

} // namespace qkview
