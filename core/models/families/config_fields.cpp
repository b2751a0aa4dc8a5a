// SPDX-License-Identifier: MIT
#include "models/families/config_fields.h"

#include "base/error.h"

#include <QJsonDocument>

#include <cmath>
#include <limits>

namespace qkview::config {

void fail(const QString& fileName, const QString& problem) {
    throw Error(Error::Kind::InvalidModel, (fileName + QStringLiteral(": ") + problem).toStdString());
}

QJsonObject parseObject(const QByteArray& json, const QString& fileName) {
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        fail(fileName, QStringLiteral("not valid JSON: %1 at byte %2").arg(error.errorString()).arg(error.offset));
    if (!document.isObject()) fail(fileName, QStringLiteral("expected a JSON object"));
    return document.object();
}

QString shown(const QJsonValue& value) {
    switch (value.type()) {
    case QJsonValue::Undefined: return QStringLiteral("nothing");
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: return QString::number(value.toDouble(), 'g', 17);
    case QJsonValue::String: return u'"' + value.toString().left(40) + u'"';
    case QJsonValue::Array: return QStringLiteral("an array");
    case QJsonValue::Object: return QStringLiteral("an object");
    }
    return {};
}

std::optional<int> integer(const QJsonObject& config, const QString& key, int low, int high, const QString& fileName,
                           bool optional) {
    const QJsonValue value = config.value(key);
    if ((value.isUndefined() || value.isNull()) && optional) return std::nullopt;
    const qint64 i = value.toInteger(std::numeric_limits<qint64>::min());
    if (!value.isDouble() || i < low || i > high)
        fail(fileName, QStringLiteral("%1 must be an integer from %2 to %3, got %4").arg(key).arg(low).arg(high).arg(
                           shown(value)));
    return static_cast<int>(i);
}

double number(const QJsonObject& config, const QString& key, double low, double high, double fallback,
              const QString& fileName) {
    const QJsonValue value = config.value(key);
    if (value.isUndefined() || value.isNull()) return fallback;
    const double d = value.toDouble(std::nan(""));
    if (!value.isDouble() || !std::isfinite(d) || d <= low || d > high)
        fail(fileName, QStringLiteral("%1 must be a number in (%2, %3], got %4").arg(key).arg(low).arg(high).arg(shown(value)));
    return d;
}

} // namespace qkview::config
