// SPDX-License-Identifier: MIT
#include "models/head_names.h"

#include "base/error.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace qkview {

namespace {
constexpr qsizetype kMaxName = 40;         // fits a head selector
constexpr qsizetype kMaxDescription = 400; // a tooltip, not an essay

[[noreturn]] void fail(const QString& fileName, const QString& message) {
    throw Error(Error::Kind::InvalidModel, QStringLiteral("%1: %2").arg(fileName, message).toStdString());
}
} // namespace

std::vector<std::vector<HeadInfo>> parseHeadNames(const QByteArray& json, int layers, int heads, const QString& fileName) {
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) fail(fileName, QStringLiteral("not JSON (%1)").arg(error.errorString()));
    const QJsonValue layerList = doc.object().value(u"layers");
    if (!layerList.isArray() || layerList.toArray().size() != layers)
        fail(fileName, QStringLiteral("expected \"layers\": a list of %1 layers").arg(layers));
    std::vector<std::vector<HeadInfo>> out;
    for (const QJsonValue& layer : layerList.toArray()) {
        const int l = static_cast<int>(out.size());
        if (!layer.isArray() || layer.toArray().size() != heads)
            fail(fileName, QStringLiteral("layer %1: expected a list of %2 heads").arg(l).arg(heads));
        std::vector<HeadInfo>& named = out.emplace_back();
        for (const QJsonValue& head : layer.toArray()) {
            const QString name = head.toObject().value(u"name").toString().trimmed();
            const QString description = head.toObject().value(u"description").toString().trimmed();
            if (name.isEmpty() || name.size() > kMaxName || description.size() > kMaxDescription)
                fail(fileName, QStringLiteral("layer %1 head %2: expected a \"name\" of 1 to %3 characters and a "
                                              "\"description\" of at most %4")
                                   .arg(l).arg(named.size()).arg(kMaxName).arg(kMaxDescription));
            named.push_back({name, description});
        }
    }
    return out;
}

} // namespace qkview
