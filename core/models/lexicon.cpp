// SPDX-License-Identifier: MIT
#include "models/lexicon.h"

#include "base/error.h"

#include <QFile>

#include <algorithm>

namespace qkview {

namespace {
constexpr std::array<const char*, kWordClassCount> kClassNames = {
    "DET", "NOUN", "PRON", "VERB", "ADJ", "ADV", "PREP", "CONJ", "PUNCT", "OTHER"};

bool isWordCharacter(QChar c) { return c.isLetterOrNumber() || c.isMark() || c == u'_'; }
} // namespace

QString wordClassName(WordClass wordClass) {
    return QString::fromLatin1(kClassNames[static_cast<size_t>(wordClass)]);
}

Lexicon Lexicon::parse(const QString& tsv) {
    Lexicon lexicon;
    const auto lines = tsv.split(u'\n');
    for (qsizetype n = 0; n < lines.size(); ++n) {
        const QString line = lines[n].trimmed();
        if (line.isEmpty() || line.startsWith(u'#')) continue;
        const auto fields = line.split(u'\t');
        const auto cls = fields.size() == 2 ? std::find(kClassNames.begin(), kClassNames.end(), fields[1].toStdString())
                                            : kClassNames.end();
        if (cls == kClassNames.end())
            throw Error(Error::Kind::InvalidModel,
                        "lexicon line " + std::to_string(n + 1) + ": expected word<TAB>CLASS, got '" +
                            line.toStdString() + "'");
        const QString word = fields[0].toLower();
        if (!lexicon.m_index.contains(word))
            lexicon.m_index.insert(word, Entry{static_cast<WordClass>(cls - kClassNames.begin()),
                                               static_cast<int>(lexicon.m_index.size())});
    }
    return lexicon;
}

const Lexicon& Lexicon::builtIn() {
    static const Lexicon lexicon = [] {
        QFile file(QStringLiteral(":/qkview/teaching/lexicon.tsv"));
        if (!file.open(QIODevice::ReadOnly))
            throw Error(Error::Kind::InvalidModel, "the built-in lexicon resource is missing");
        return parse(QString::fromUtf8(file.readAll()));
    }();
    return lexicon;
}

const Lexicon::Entry* Lexicon::find(const QString& lowerWord) const {
    const auto it = m_index.constFind(lowerWord);
    return it == m_index.constEnd() ? nullptr : &it.value();
}

WordClass Lexicon::classify(QStringView word) const {
    if (word.isEmpty()) return WordClass::Other;
    const QString original = word.toString();
    const QString lower = original.toLower();
    if (const Entry* entry = find(lower)) return entry->wordClass;
    if (!isWordCharacter(word.front())) return word.front().isPunct() ? WordClass::Punctuation : WordClass::Other;
    return byRule(original, lower);
}

WordClass Lexicon::byRule(const QString& original, const QString& lower) const {
    // Inflections of listed words keep the stem's class: dogs, watches, played, jumping, tried.
    struct Suffix {
        const char* ending;
        const char* replacement;
    };
    static constexpr Suffix inflections[] = {{"ies", "y"}, {"ied", "y"}, {"es", ""}, {"s", ""}, {"ed", ""},
                                             {"ed", "e"},  {"ing", ""},  {"ing", "e"}};
    for (const auto& s : inflections) {
        const QString ending = QString::fromLatin1(s.ending);
        if (lower.size() > ending.size() + 1 && lower.endsWith(ending)) {
            QString stem = lower.left(lower.size() - ending.size()) + QString::fromLatin1(s.replacement);
            if (const Entry* entry = find(stem)) return entry->wordClass;
            if (ending == u"ing" || ending == u"ed") { // doubled consonant: stopped, running
                stem.chop(QString::fromLatin1(s.replacement).size());
                if (stem.size() > 2 && stem.back() == stem.at(stem.size() - 2))
                    if (const Entry* entry = find(stem.left(stem.size() - 1))) return entry->wordClass;
            }
        }
    }
    // Derivational endings of unknown words.
    static const char* adverbEndings[] = {"ly"};
    static const char* verbEndings[] = {"ed", "ing", "ize", "ise", "ify"};
    static const char* adjectiveEndings[] = {"ous", "ful", "ive", "able", "ible", "al", "ic", "less", "ish", "est"};
    const auto endsWithAny = [&](const auto& endings) {
        return std::any_of(std::begin(endings), std::end(endings),
                           [&](const char* e) { return lower.size() > 3 && lower.endsWith(QLatin1String(e)); });
    };
    if (original.front().isDigit()) return WordClass::Other;
    if (endsWithAny(adverbEndings)) return WordClass::Adverb;
    if (endsWithAny(verbEndings)) return WordClass::Verb;
    if (endsWithAny(adjectiveEndings)) return WordClass::Adjective;
    // Most unknown words (names, rare nouns, other languages) are best read as nouns.
    return WordClass::Noun;
}

uint64_t Lexicon::wordHash(QStringView word) {
    uint64_t h = 1469598103934665603ull;
    for (QChar c : word.toString().toLower()) h = (h ^ c.unicode()) * 1099511628211ull;
    return h;
}

int Lexicon::idOf(QStringView word) const {
    if (const Entry* entry = find(word.toString().toLower())) return entry->index;
    return static_cast<int>(m_index.size()) + static_cast<int>(wordHash(word) % kHashedIds);
}

} // namespace qkview
