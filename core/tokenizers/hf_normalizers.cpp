// SPDX-License-Identifier: MIT
#include "tokenizers/hf_normalizers.h"

#include "tokenizers/tokenizer_files.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

namespace qkview::hf {

using tokfiles::fail;
using tokfiles::quoted;

AlignedText AlignedText::of(const QString& source, int start, int end) {
    AlignedText out;
    out.text = source.mid(start, end - start);
    out.spans.reserve(out.text.size());
    for (int i = start; i < end; ++i) {
        const bool pairStart = source[i].isHighSurrogate() && i + 1 < end && source[i + 1].isLowSurrogate();
        const bool pairEnd = source[i].isLowSurrogate() && i > start && source[i - 1].isHighSurrogate();
        const int from = pairEnd ? i - 1 : i;
        const int to = pairStart ? i + 2 : i + 1;
        out.spans.push_back({from, to});
    }
    return out;
}

AlignedText AlignedText::mid(qsizetype pos, qsizetype length) const {
    AlignedText out;
    out.text = text.mid(pos, length);
    out.spans.assign(spans.begin() + pos, spans.begin() + pos + out.text.size());
    return out;
}

void AlignedText::append(const AlignedText& other) {
    text += other.text;
    spans.insert(spans.end(), other.spans.begin(), other.spans.end());
}

void AlignedText::append(const QString& inserted, Span span) {
    text += inserted;
    spans.insert(spans.end(), inserted.size(), span);
}

qsizetype codePointLength(const QString& s, qsizetype i) {
    return s[i].isHighSurrogate() && i + 1 < s.size() && s[i + 1].isLowSurrogate() ? 2 : 1;
}

char32_t codePointAt(const QString& s, qsizetype i) {
    return codePointLength(s, i) == 2 ? QChar::surrogateToUcs4(s[i], s[i + 1]) : s[i].unicode();
}

namespace {
// The span covering units [from, to) of t.
Span spanOf(const AlignedText& t, qsizetype from, qsizetype to) {
    Span s{t.spans[from].start, t.spans[from].end};
    for (qsizetype i = from + 1; i < to; ++i) {
        s.start = std::min(s.start, t.spans[i].start);
        s.end = std::max(s.end, t.spans[i].end);
    }
    return s;
}

// Unicode normalization one cluster at a time (a code point and the combining marks after it), so
// every output unit keeps the span of the cluster it came from.
AlignedText unicodeNormalized(const AlignedText& in, QString::NormalizationForm form) {
    AlignedText out;
    out.spans.reserve(in.spans.size());
    qsizetype i = 0;
    while (i < in.text.size()) {
        qsizetype end = i + codePointLength(in.text, i);
        while (end < in.text.size()) {
            const qsizetype len = codePointLength(in.text, end);
            const char32_t cp = len == 2 ? QChar::surrogateToUcs4(in.text[end], in.text[end + 1])
                                         : in.text[end].unicode();
            if (QChar::combiningClass(cp) == 0) break;
            end += len;
        }
        if (end - i == 1 && in.text[i].unicode() < 0x80) {
            out.text += in.text[i];
            out.spans.push_back(in.spans[i]);
        } else {
            out.append(in.text.mid(i, end - i).normalized(form), spanOf(in, i, end));
        }
        i = end;
    }
    return out;
}

AlignedText replaced(const AlignedText& in, const QRegularExpression& pattern, const QString& content) {
    AlignedText out;
    qsizetype pos = 0;
    auto it = pattern.globalMatch(in.text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const qsizetype start = m.capturedStart(), end = m.capturedEnd();
        if (end == start) continue; // a zero-length match replaces nothing
        out.append(in.mid(pos, start - pos));
        out.append(content, spanOf(in, start, end));
        pos = end;
    }
    out.append(in.mid(pos, in.text.size() - pos));
    return out;
}

AlignedText lowercased(const AlignedText& in) {
    AlignedText out;
    for (qsizetype i = 0; i < in.text.size();) {
        const qsizetype len = codePointLength(in.text, i);
        out.append(in.text.mid(i, len).toLower(), spanOf(in, i, i + len));
        i += len;
    }
    return out;
}

// BertNormalizer's clean_text: Hugging Face's is_control is Rust's char::is_other (every C* category)
// except tab, newline and return, which are white space.
bool isBertControl(char32_t c) {
    if (c == u'\t' || c == u'\n' || c == u'\r') return false;
    switch (QChar::category(c)) {
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Other_Surrogate:
    case QChar::Other_PrivateUse:
    case QChar::Other_NotAssigned:
        return true;
    default:
        return false;
    }
}

// The CJK Unified Ideographs blocks and their extensions and compatibility blocks, as BERT lists them
// (not Hangul, Hiragana or Katakana).
bool isChineseChar(char32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF) ||
           (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) ||
           (c >= 0x2B820 && c <= 0x2CEAF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

// Each character dropped, kept or made a space, as action(its code point) says.
enum class CharAction { Drop, Keep, Space };
template <typename F> AlignedText perCharacter(const AlignedText& in, F action) {
    AlignedText out;
    out.spans.reserve(in.spans.size());
    for (qsizetype i = 0; i < in.text.size();) {
        const qsizetype len = codePointLength(in.text, i);
        switch (action(codePointAt(in.text, i))) {
        case CharAction::Drop:
            break;
        case CharAction::Keep:
            out.append(in.mid(i, len));
            break;
        case CharAction::Space:
            out.append(QStringLiteral(" "), spanOf(in, i, i + len));
            break;
        }
        i += len;
    }
    return out;
}

AlignedText bertCleaned(const AlignedText& in) {
    return perCharacter(in, [](char32_t c) {
        if (c == 0 || c == 0xFFFD || isBertControl(c)) return CharAction::Drop;
        return QChar::isSpace(c) ? CharAction::Space
                                 : CharAction::Keep; // QChar::isSpace: Unicode White_Space
    });
}

AlignedText chineseCharsSpaced(const AlignedText& in) {
    AlignedText out;
    out.spans.reserve(in.spans.size());
    for (qsizetype i = 0; i < in.text.size();) {
        const qsizetype len = codePointLength(in.text, i);
        if (isChineseChar(codePointAt(in.text, i))) {
            const Span s = spanOf(in, i, i + len);
            out.append(QStringLiteral(" "), {s.start, s.start});
            out.append(in.mid(i, len));
            out.append(QStringLiteral(" "), {s.end, s.end});
        } else {
            out.append(in.mid(i, len));
        }
        i += len;
    }
    return out;
}

AlignedText accentsStripped(const AlignedText& in) {
    return perCharacter(unicodeNormalized(in, QString::NormalizationForm_D), [](char32_t c) {
        return QChar::category(c) == QChar::Mark_NonSpacing ? CharAction::Drop : CharAction::Keep;
    });
}

bool optionalFlag(const QString& file, const QJsonObject& o, const char16_t* key, const QString& where,
                  bool fallback) {
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull()) return fallback;
    if (!v.isBool())
        fail(file, where + QStringLiteral(".%1 is not true or false").arg(QString::fromUtf16(key)));
    return v.toBool();
}

AlignedText stripped(const AlignedText& in, bool left, bool right) {
    qsizetype from = 0, to = in.text.size();
    while (left && from < to && in.text[from].isSpace())
        ++from;
    while (right && to > from && in.text[to - 1].isSpace())
        --to;
    return in.mid(from, to - from);
}

// Oniguruma → PCRE2 where they differ for the patterns tokenizer files use.
QString translatedPattern(const QString& onig) {
    QString out;
    out.reserve(onig.size());
    bool inClass = false;
    for (qsizetype i = 0; i < onig.size(); ++i) {
        const QChar c = onig[i];
        if (c == u'\\' && i + 1 < onig.size()) {
            const QChar e = onig[i + 1];
            if (e == u'h')
                out += inClass ? QStringLiteral("0-9a-fA-F") : QStringLiteral("[0-9a-fA-F]");
            else if (e == u'H' && !inClass)
                out += QStringLiteral("[^0-9a-fA-F]");
            else
                out += QStringView(onig).mid(i, 2);
            ++i;
            continue;
        }
        if (c == u'[') inClass = true;
        if (c == u']') inClass = false;
        out += c;
    }
    return out;
}

std::vector<Normalizer> flattenNormalizers(const QString& file, const QJsonValue& json, const QString& where);

Normalizer oneNormalizer(const QString& file, const QJsonObject& o, const QString& where) {
    const QString type = o.value(u"type").toString();
    if (type == u"NFC") return [](const AlignedText& t) { return unicodeNormalized(t, QString::NormalizationForm_C); };
    if (type == u"NFKC") return [](const AlignedText& t) { return unicodeNormalized(t, QString::NormalizationForm_KC); };
    if (type == u"NFD") return [](const AlignedText& t) { return unicodeNormalized(t, QString::NormalizationForm_D); };
    if (type == u"NFKD") return [](const AlignedText& t) { return unicodeNormalized(t, QString::NormalizationForm_KD); };
    if (type == u"Lowercase") return lowercased;
    if (type == u"Strip") {
        const bool left = o.value(u"strip_left").toBool(true), right = o.value(u"strip_right").toBool(true);
        return [left, right](const AlignedText& t) { return stripped(t, left, right); };
    }
    if (type == u"Prepend") {
        const QString prepend = o.value(u"prepend").toString();
        return [prepend](const AlignedText& t) {
            if (t.text.isEmpty()) return t;
            AlignedText out;
            out.append(prepend, {t.firstStart(), t.firstStart()});
            out.append(t);
            return out;
        };
    }
    if (type == u"Replace") {
        if (!o.value(u"content").isString())
            fail(file, where + QStringLiteral(".content is missing or not a string"));
        const QRegularExpression pattern = patternFromJson(file, o.value(u"pattern"), where + QStringLiteral(".pattern"));
        const QString content = o.value(u"content").toString();
        return [pattern, content](const AlignedText& t) { return replaced(t, pattern, content); };
    }
    if (type == u"BertNormalizer") {
        BertNormalizerOptions options;
        options.cleanText = optionalFlag(file, o, u"clean_text", where, true);
        options.handleChineseChars = optionalFlag(file, o, u"handle_chinese_chars", where, true);
        options.lowercase = optionalFlag(file, o, u"lowercase", where, true);
        if (const QJsonValue v = o.value(u"strip_accents"); !v.isUndefined() && !v.isNull())
            options.stripAccents = optionalFlag(file, o, u"strip_accents", where, false);
        return bertNormalizer(options);
    }
    if (type == u"Sequence") {
        const std::vector<Normalizer> steps = flattenNormalizers(file, o.value(u"normalizers"), where + QStringLiteral(".normalizers"));
        return [steps](const AlignedText& t) {
            AlignedText out = t;
            for (const Normalizer& step : steps)
                out = step(out);
            return out;
        };
    }
    fail(file, where + QStringLiteral(".type ") + quoted(type) + QStringLiteral(" is not a supported normalizer"));
}

std::vector<Normalizer> flattenNormalizers(const QString& file, const QJsonValue& json, const QString& where) {
    if (!json.isArray()) fail(file, where + QStringLiteral(" is missing or not an array"));
    std::vector<Normalizer> steps;
    const QJsonArray array = json.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString at = where + QStringLiteral("[%1]").arg(i);
        if (!array[i].isObject()) fail(file, at + QStringLiteral(" is not an object"));
        steps.push_back(oneNormalizer(file, array[i].toObject(), at));
    }
    return steps;
}
} // namespace

QRegularExpression patternFromJson(const QString& file, const QJsonValue& json, const QString& where) {
    const QJsonObject o = json.toObject();
    QString source;
    if (o.value(u"String").isString())
        source = QRegularExpression::escape(o.value(u"String").toString());
    else if (o.value(u"Regex").isString())
        source = translatedPattern(o.value(u"Regex").toString());
    else
        fail(file, where + QStringLiteral(" is neither {\"String\": …} nor {\"Regex\": …}"));
    QRegularExpression re(source, QRegularExpression::UseUnicodePropertiesOption |
                                      QRegularExpression::MultilineOption);
    if (!re.isValid())
        fail(file, where + QStringLiteral(": the regular expression %1 does not compile: %2 at offset %3")
                               .arg(quoted(o.value(u"Regex").toString()), re.errorString())
                               .arg(re.patternErrorOffset()));
    re.optimize();
    return re;
}

Normalizer bertNormalizer(const BertNormalizerOptions& options) {
    const bool strip = options.stripAccents.value_or(options.lowercase);
    return [options, strip](const AlignedText& t) {
        AlignedText out = options.cleanText ? bertCleaned(t) : t;
        if (options.handleChineseChars) out = chineseCharsSpaced(out);
        if (strip) out = accentsStripped(out);
        if (options.lowercase) out = lowercased(out);
        return out;
    };
}

Normalizer normalizerFromJson(const QString& file, const QJsonValue& json, const QString& where) {
    if (json.isNull() || json.isUndefined()) return {};
    if (!json.isObject()) fail(file, where + QStringLiteral(" is not an object"));
    return oneNormalizer(file, json.toObject(), where);
}

} // namespace qkview::hf
