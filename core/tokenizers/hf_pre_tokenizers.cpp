// SPDX-License-Identifier: MIT
#include "tokenizers/hf_pre_tokenizers.h"

#include "tokenizers/gpt2_bytes.h"
#include "tokenizers/tokenizer_files.h"

#include <QJsonArray>
#include <QJsonObject>

namespace qkview::hf {

using tokfiles::fail;
using tokfiles::quoted;

namespace {
constexpr char16_t kMetaspace = u'▁';

struct Segment {
    qsizetype start, end;
    bool delimiter;
};

// Hugging Face's SplitDelimiterBehavior, rule for rule (tokenizers/src/tokenizer/normalizer.rs).
std::vector<Segment> applyBehavior(const std::vector<Segment>& segments, SplitBehavior behavior) {
    std::vector<Segment> out;
    bool previous = false;
    switch (behavior) {
    case SplitBehavior::Removed:
        for (const Segment& s : segments)
            if (!s.delimiter) out.push_back(s);
        return out;
    case SplitBehavior::Isolated:
        return segments;
    case SplitBehavior::MergedWithPrevious:
        for (const Segment& s : segments) {
            if (s.delimiter && !previous && !out.empty())
                out.back().end = s.end;
            else
                out.push_back(s);
            previous = s.delimiter;
        }
        return out;
    case SplitBehavior::MergedWithNext:
        for (auto it = segments.rbegin(); it != segments.rend(); ++it) {
            if (it->delimiter && !previous && !out.empty())
                out.back().start = it->start;
            else
                out.push_back(*it);
            previous = it->delimiter;
        }
        return {out.rbegin(), out.rend()};
    case SplitBehavior::Contiguous:
        for (const Segment& s : segments) {
            if (s.delimiter == previous && !out.empty())
                out.back().end = s.end;
            else
                out.push_back(s);
            previous = s.delimiter;
        }
        return out;
    }
    return out;
}

SplitBehavior behaviorFromJson(const QString& file, const QJsonValue& json, const QString& where,
                               SplitBehavior fallback) {
    if (json.isUndefined() || json.isNull()) return fallback;
    const QString name = json.toString();
    if (name == u"Removed") return SplitBehavior::Removed;
    if (name == u"Isolated") return SplitBehavior::Isolated;
    if (name == u"MergedWithPrevious") return SplitBehavior::MergedWithPrevious;
    if (name == u"MergedWithNext") return SplitBehavior::MergedWithNext;
    if (name == u"Contiguous") return SplitBehavior::Contiguous;
    fail(file, where + QStringLiteral(" ") + quoted(name) + QStringLiteral(" is not a split behavior"));
}

QRegularExpression compiled(const char* pattern) {
    QRegularExpression re(QString::fromUtf8(pattern), QRegularExpression::UseUnicodePropertiesOption);
    re.optimize();
    return re;
}

PreTokenizerStep splitStep(QRegularExpression pattern, SplitBehavior behavior, bool invert) {
    return [pattern = std::move(pattern), behavior, invert](const AlignedText& t) {
        return split(t, pattern, behavior, invert);
    };
}

AlignedText withPrefix(const AlignedText& t, const QString& prefix) {
    AlignedText out;
    out.append(prefix, {t.firstStart(), t.firstStart()});
    out.append(t);
    return out;
}

bool isBertPunctuation(char32_t c) {
    if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126))
        return true;
    switch (QChar::category(c)) {
    case QChar::Punctuation_Connector:
    case QChar::Punctuation_Dash:
    case QChar::Punctuation_Open:
    case QChar::Punctuation_Close:
    case QChar::Punctuation_InitialQuote:
    case QChar::Punctuation_FinalQuote:
    case QChar::Punctuation_Other:
        return true;
    default:
        return false;
    }
}

std::vector<AlignedText> bertSplit(const AlignedText& t) {
    std::vector<AlignedText> words;
    qsizetype wordStart = -1;
    const auto endWord = [&](qsizetype at) {
        if (wordStart >= 0) words.push_back(t.mid(wordStart, at - wordStart));
        wordStart = -1;
    };
    for (qsizetype i = 0; i < t.text.size();) {
        const qsizetype len = codePointLength(t.text, i);
        const char32_t c = codePointAt(t.text, i);
        if (QChar::isSpace(c)) { // Unicode White_Space, as Rust's char::is_whitespace
            endWord(i);
        } else if (isBertPunctuation(c)) {
            endWord(i);
            words.push_back(t.mid(i, len));
        } else if (wordStart < 0) {
            wordStart = i;
        }
        i += len;
    }
    endWord(t.text.size());
    return words;
}

void addSteps(PreTokenizer& out, const QString& file, const QJsonValue& json, const QString& where);

void addStep(PreTokenizer& out, const QString& file, const QJsonObject& o, const QString& where) {
    const QString type = o.value(u"type").toString();
    if (type == u"Sequence") {
        addSteps(out, file, o.value(u"pretokenizers"), where + QStringLiteral(".pretokenizers"));
    } else if (type == u"Split") {
        out.steps.push_back(splitStep(
            patternFromJson(file, o.value(u"pattern"), where + QStringLiteral(".pattern")),
            behaviorFromJson(file, o.value(u"behavior"), where + QStringLiteral(".behavior"), SplitBehavior::Isolated),
            o.value(u"invert").toBool(false)));
    } else if (type == u"ByteLevel") {
        const bool addPrefixSpace = o.value(u"add_prefix_space").toBool(true);
        const bool useRegex = o.value(u"use_regex").toBool(true);
        const QRegularExpression pattern = compiled(gpt2::kPreTokenPattern);
        out.steps.push_back([addPrefixSpace, useRegex, pattern](const AlignedText& t) {
            const AlignedText text = addPrefixSpace && !t.text.startsWith(u' ') ? withPrefix(t, QStringLiteral(" ")) : t;
            return useRegex ? split(text, pattern, SplitBehavior::Isolated, false) : std::vector{text};
        });
        out.byteLevel = true;
    } else if (type == u"Metaspace") {
        const QString replacement = o.value(u"replacement").toString(QString(QChar(kMetaspace)));
        QString scheme = o.value(u"prepend_scheme").toString();
        if (scheme.isEmpty()) scheme = o.value(u"add_prefix_space").toBool(true) ? QStringLiteral("always") : QStringLiteral("never");
        if (scheme != u"always" && scheme != u"first" && scheme != u"never")
            fail(file, where + QStringLiteral(".prepend_scheme ") + quoted(scheme) + QStringLiteral(" is not always, first or never"));
        const bool splits = o.value(u"split").toBool(true);
        const QRegularExpression pattern(QRegularExpression::escape(replacement));
        out.steps.push_back([replacement, scheme, splits, pattern](const AlignedText& t) {
            AlignedText text = t;
            text.text.replace(u' ', replacement.size() == 1 ? replacement[0] : QChar(kMetaspace));
            const bool prepend = scheme == u"always" || (scheme == u"first" && t.firstStart() == 0);
            if (prepend && !text.text.startsWith(replacement)) text = withPrefix(text, replacement);
            return splits ? split(text, pattern, SplitBehavior::MergedWithNext, false) : std::vector{text};
        });
    } else if (type == u"Whitespace") {
        out.steps.push_back(splitStep(compiled(R"(\w+|[^\w\s]+)"), SplitBehavior::Removed, true));
    } else if (type == u"BertPreTokenizer") {
        out.steps.push_back(bertSplit);
    } else if (type == u"WhitespaceSplit") {
        out.steps.push_back(splitStep(compiled(R"(\s+)"), SplitBehavior::Removed, false));
    } else if (type == u"Digits") {
        const bool individual = o.value(u"individual_digits").toBool(false);
        out.steps.push_back(splitStep(compiled("[0-9]"), individual ? SplitBehavior::Isolated : SplitBehavior::Contiguous, false));
    } else if (type == u"Punctuation") {
        out.steps.push_back(splitStep(compiled(R"([\p{P}!-/:-@\[-`{-~])"),
                                      behaviorFromJson(file, o.value(u"behavior"), where + QStringLiteral(".behavior"), SplitBehavior::Isolated),
                                      false));
    } else {
        fail(file, where + QStringLiteral(".type ") + quoted(type) + QStringLiteral(" is not a supported pre-tokenizer"));
    }
}

void addSteps(PreTokenizer& out, const QString& file, const QJsonValue& json, const QString& where) {
    if (!json.isArray()) fail(file, where + QStringLiteral(" is missing or not an array"));
    const QJsonArray array = json.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString at = where + QStringLiteral("[%1]").arg(i);
        if (!array[i].isObject()) fail(file, at + QStringLiteral(" is not an object"));
        addStep(out, file, array[i].toObject(), at);
    }
}
} // namespace

std::vector<AlignedText> split(const AlignedText& text, const QRegularExpression& pattern, SplitBehavior behavior,
                               bool invert) {
    std::vector<Segment> segments;
    qsizetype pos = 0;
    auto it = pattern.globalMatch(text.text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const qsizetype start = m.capturedStart(), end = m.capturedEnd();
        if (end == start) continue; // zero-length matches cut nothing (and globalMatch moves past them)
        if (start > pos) segments.push_back({pos, start, invert});
        segments.push_back({start, end, !invert});
        pos = end;
    }
    if (pos < text.text.size()) segments.push_back({pos, text.text.size(), invert});
    std::vector<AlignedText> pieces;
    for (const Segment& s : applyBehavior(segments, behavior))
        if (s.end > s.start) pieces.push_back(text.mid(s.start, s.end - s.start));
    return pieces;
}

std::vector<AlignedText> PreTokenizer::apply(const AlignedText& text) const {
    std::vector<AlignedText> pieces{text};
    for (const PreTokenizerStep& step : steps) {
        std::vector<AlignedText> next;
        for (const AlignedText& piece : pieces)
            for (AlignedText& part : step(piece))
                next.push_back(std::move(part));
        pieces = std::move(next);
    }
    return pieces;
}

PreTokenizer bertPreTokenizer() {
    PreTokenizer out;
    out.steps.push_back(bertSplit);
    return out;
}

PreTokenizer preTokenizerFromJson(const QString& file, const QJsonValue& json, const QString& where) {
    PreTokenizer out;
    if (json.isNull() || json.isUndefined()) return out;
    if (!json.isObject()) fail(file, where + QStringLiteral(" is not an object"));
    addStep(out, file, json.toObject(), where);
    return out;
}

} // namespace qkview::hf
