// SPDX-License-Identifier: MIT
#pragma once
// Reading config.json fields with ranges and messages that name the file, the field and what it held.
#include <QJsonObject>
#include <QString>

#include <optional>

namespace qkview::config {

[[noreturn]] void fail(const QString& fileName, const QString& problem); // Error(InvalidModel)

// The JSON document's object; fails for invalid JSON or another kind of value.
QJsonObject parseObject(const QByteArray& json, const QString& fileName);

// The value as people read it in a message: "nothing", null, true, 12, "text" (cut), an array, an object.
QString shown(const QJsonValue& value);

// An integer field in [low, high]; absent (or null) fields fail unless optional.
std::optional<int> integer(const QJsonObject& config, const QString& key, int low, int high, const QString& fileName,
                           bool optional = false);

// A number field in (low, high]; absent fields give fallback.
double number(const QJsonObject& config, const QString& key, double low, double high, double fallback,
              const QString& fileName);

} // namespace qkview::config
