// SPDX-License-Identifier: MIT
#include "window/examples.h"

#include "base/error.h"
#include "models/builtin_models.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace qkview::ui {

namespace {
[[noreturn]] void fail(const QString& message) { throw Error(Error::Kind::InvalidInput, message.toStdString()); }

QString requiredText(const QJsonObject& o, const char* field, qsizetype index) {
    const QString value = o.value(QLatin1String(field)).toString();
    if (value.trimmed().isEmpty()) fail(QStringLiteral("example %1: \"%2\" must be non-empty text").arg(index).arg(QLatin1String(field)));
    return value;
}

int wholeNumber(const QJsonObject& o, const char* field, int fallback, int least, qsizetype index) {
    const QJsonValue v = o.value(QLatin1String(field));
    if (v.isUndefined()) return fallback;
    if (!v.isDouble() || v.toDouble() != static_cast<double>(v.toInt()) || v.toInt() < least)
        fail(QStringLiteral("example %1: \"%2\" must be a whole number ≥ %3").arg(index).arg(QLatin1String(field)).arg(least));
    return v.toInt();
}
} // namespace

std::vector<Example> parseExamples(const QByteArray& json) {
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray())
        fail(QStringLiteral("examples: expected a JSON list (%1)").arg(error.errorString()));
    std::vector<Example> out;
    for (const QJsonValue& entry : doc.array()) {
        const qsizetype i = static_cast<qsizetype>(out.size());
        const QJsonObject o = entry.toObject();
        Example e;
        e.title = requiredText(o, "title", i);
        e.point = requiredText(o, "point", i);
        e.model = requiredText(o, "model", i);
        if (!isBuiltInModel(e.model))
            fail(QStringLiteral("example %1: \"model\" must be one of %2").arg(i).arg(builtInModelNames().join(u", ")));
        e.text = requiredText(o, "text", i);
        e.layer = wholeNumber(o, "layer", 0, 0, i);
        e.head = wholeNumber(o, "head", 0, 0, i);
        e.query = o.value(u"query").toString();
        e.occurrence = wholeNumber(o, "occurrence", 1, 1, i);
        e.tab = o.value(u"tab").toString();
        out.push_back(e);
    }
    return out;
}

const std::vector<Example>& builtInExamples() {
    static const std::vector<Example> examples = [] {
        QFile file(QStringLiteral(":/qkview/help/examples.json"));
        if (!file.open(QIODevice::ReadOnly)) return std::vector<Example>{};
        return parseExamples(file.readAll());
    }();
    return examples;
}

int exampleQueryToken(const Example& example, const QString& text, const TokenList& tokens) {
    if (example.query.isEmpty()) return -1;
    qsizetype at = -1;
    for (int n = 0; n < example.occurrence; ++n) {
        at = text.indexOf(example.query, at + 1);
        if (at < 0) return -1;
    }
    for (size_t t = 0; t < tokens.size(); ++t)
        if (tokens[t].utf16Start <= at && at < tokens[t].utf16End) return static_cast<int>(t);
    return -1;
}

} // namespace qkview::ui
