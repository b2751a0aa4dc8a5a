// SPDX-License-Identifier: MIT
#include "lessons/lesson.h"

#include "base/error.h"
#include "export/save_file.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace qkview {

namespace {

constexpr auto kFormat = "qkview-lesson";
constexpr qint64 kMaxFileBytes = 64 * 1024 * 1024; // a lesson holds one text: larger is not a lesson
constexpr int kMaxIndex = 1 << 20;                 // beyond any model's layers, heads or context
constexpr double kMaxCellSize = 4096;

[[noreturn]] void refuse(const QString& why) { throw Error(Error::Kind::InvalidInput, why.toStdString()); }

// Reads optional fields of one JSON object, each checked for type and range; a missing field keeps the default.
class Fields {
public:
    Fields(const QJsonObject& object, QString where) : m_object(object), m_where(std::move(where)) {}

    void read(const char* name, QString& out, int maxLength = 256) const {
        const QJsonValue v = m_object.value(QLatin1String(name));
        if (v.isUndefined()) return;
        if (!v.isString() || v.toString().size() > maxLength) wrong(name, QStringLiteral("a string of at most %1 characters").arg(maxLength));
        out = v.toString();
    }
    void read(const char* name, bool& out) const {
        const QJsonValue v = m_object.value(QLatin1String(name));
        if (v.isUndefined()) return;
        if (!v.isBool()) wrong(name, QStringLiteral("true or false"));
        out = v.toBool();
    }
    void read(const char* name, int& out, int min) const {
        const QJsonValue v = m_object.value(QLatin1String(name));
        if (v.isUndefined()) return;
        const double d = v.toDouble(NAN);
        if (!v.isDouble() || d != std::floor(d) || d < min || d > kMaxIndex)
            wrong(name, QStringLiteral("a whole number from %1 to %2").arg(min).arg(kMaxIndex));
        out = static_cast<int>(d);
    }
    void read(const char* name, double& out, double min, double max) const {
        const QJsonValue v = m_object.value(QLatin1String(name));
        if (v.isUndefined()) return;
        const double d = v.toDouble(NAN);
        if (!v.isDouble() || !(d >= min && d <= max)) wrong(name, QStringLiteral("a number from %1 to %2").arg(min).arg(max));
        out = d;
    }
    QJsonObject object(const char* name) const {
        const QJsonValue v = m_object.value(QLatin1String(name));
        if (v.isUndefined()) return {};
        if (!v.isObject()) wrong(name, QStringLiteral("an object"));
        return v.toObject();
    }

private:
    [[noreturn]] void wrong(const char* name, const QString& expected) const {
        refuse(QStringLiteral("\"%1%2\" must be %3").arg(m_where, QLatin1String(name), expected));
    }
    QJsonObject m_object;
    QString m_where; // "selection." for nested fields
};

} // namespace

Lesson parseLesson(const QByteArray& json) {
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        refuse(QStringLiteral("it is not valid JSON (%1 at byte %2)").arg(error.errorString()).arg(error.offset));
    const QJsonObject root = doc.object();
    if (!doc.isObject() || root.value(QStringLiteral("format")).toString() != QLatin1String(kFormat))
        refuse(QStringLiteral("it is not a qkview lesson (no \"format\": \"%1\")").arg(QLatin1String(kFormat)));
    const QJsonValue versionValue = root.value(QStringLiteral("version"));
    const double version = versionValue.toDouble(NAN);
    if (!versionValue.isDouble() || version != std::floor(version))
        refuse(QStringLiteral("its \"version\" is missing or not a whole number"));
    if (version > Lesson::kVersion)
        refuse(QStringLiteral("it was saved by a newer qkview (lesson version %1; this qkview reads version %2): update qkview to open it")
                   .arg(version).arg(Lesson::kVersion));
    if (version < Lesson::kVersion)
        refuse(QStringLiteral("its lesson version %1 is older than any qkview wrote (this qkview reads version %2)")
                   .arg(version).arg(Lesson::kVersion));

    Lesson lesson;
    const Fields top(root, QString());
    top.read("model", lesson.model, 4096);
    top.read("text", lesson.text, 16 * 1024 * 1024);
    top.read("tab", lesson.tab);
    top.read("compare", lesson.compare, 16 * 1024 * 1024);
    if (lesson.model.trimmed().isEmpty()) refuse(QStringLiteral("\"model\" is empty"));

    const Fields options(top.object("options"), QStringLiteral("options."));
    options.read("scale", lesson.options.scale);
    options.read("causal", lesson.options.causal);
    double temperature = lesson.options.temperature;
    options.read("temperature", temperature, 1e-3, 1e3);
    lesson.options.temperature = static_cast<float>(temperature);

    const Fields selection(top.object("selection"), QStringLiteral("selection."));
    selection.read("layer", lesson.layer, 0);
    selection.read("head", lesson.head, 0);
    selection.read("query", lesson.query, -1);
    selection.read("key", lesson.key, -1);

    const Fields view(top.object("view"), QStringLiteral("view."));
    view.read("what", lesson.what);
    view.read("colormap", lesson.colormap);
    view.read("color_scale", lesson.colorScale);
    view.read("pairs", lesson.pairs);
    view.read("numbers", lesson.numbers);
    view.read("cell_size", lesson.cellSize, 0, kMaxCellSize);
    return lesson;
}

QByteArray lessonToJson(const Lesson& lesson) {
    QJsonObject root{
        {QStringLiteral("format"), QLatin1String(kFormat)},
        {QStringLiteral("version"), Lesson::kVersion},
        {QStringLiteral("model"), lesson.model},
        {QStringLiteral("text"), lesson.text},
        {QStringLiteral("tab"), lesson.tab},
        {QStringLiteral("compare"), lesson.compare},
        {QStringLiteral("options"), QJsonObject{{QStringLiteral("scale"), lesson.options.scale},
                                                {QStringLiteral("causal"), lesson.options.causal},
                                                {QStringLiteral("temperature"), static_cast<double>(lesson.options.temperature)}}},
        {QStringLiteral("selection"), QJsonObject{{QStringLiteral("layer"), lesson.layer},
                                                  {QStringLiteral("head"), lesson.head},
                                                  {QStringLiteral("query"), lesson.query},
                                                  {QStringLiteral("key"), lesson.key}}},
        {QStringLiteral("view"), QJsonObject{{QStringLiteral("what"), lesson.what},
                                             {QStringLiteral("colormap"), lesson.colormap},
                                             {QStringLiteral("color_scale"), lesson.colorScale},
                                             {QStringLiteral("pairs"), lesson.pairs},
                                             {QStringLiteral("numbers"), lesson.numbers},
                                             {QStringLiteral("cell_size"), lesson.cellSize}}},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Lesson readLessonFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw Error(Error::Kind::Io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()).toStdString());
    const QByteArray bytes = file.read(kMaxFileBytes + 1);
    try {
        if (bytes.size() > kMaxFileBytes) refuse(QStringLiteral("it is larger than 64 MB"));
        return parseLesson(bytes);
    } catch (const Error& e) {
        throw Error(e.kind(), QStringLiteral("%1 is not a lesson qkview can open: %2").arg(path, QString::fromStdString(e.what())).toStdString());
    }
}

void writeLessonFile(const QString& path, const Lesson& lesson) { saveFileAtomically(path, lessonToJson(lesson)); }

} // namespace qkview
