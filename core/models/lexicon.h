// SPDX-License-Identifier: MIT
#pragma once
#include <QHash>
#include <QString>
#include <QStringView>

#include <array>
#include <cstdint>

namespace qkview {

// The coarse word classes the teaching model reads; their order is the embedding's layout.
enum class WordClass { Determiner, Noun, Pronoun, Verb, Adjective, Adverb, Preposition, Conjunction, Punctuation, Other };
constexpr int kWordClassCount = 10;

QString wordClassName(WordClass wordClass);

// A small hand-written lexicon plus suffix rules, so any English word gets a class.
class Lexicon {
public:
    // Parses "word<TAB>CLASS" lines; '#' starts a comment. Throws Error(InvalidModel) on a bad line.
    static Lexicon parse(const QString& tsv);
    // The lexicon built into qkview (resources/teaching/lexicon.tsv).
    static const Lexicon& builtIn();

    WordClass classify(QStringView word) const;
    // Listed words get their line's index; any other word an id in a reserved range after them, from
    // wordHash(), so each distinct word has its own id (same word, same id, in every text). Two
    // unknown words share an id only if their hashes collide in 2^24 slots.
    int idOf(QStringView word) const;
    int vocabularySize() const { return static_cast<int>(m_index.size()) + kHashedIds; }
    static constexpr int kHashedIds = 1 << 24;

    // A stable 64-bit hash of the lower-case word (FNV-1a over UTF-16 units). The teaching model
    // draws each word's identity vector from the same hash.
    static uint64_t wordHash(QStringView word);

private:
    struct Entry {
        WordClass wordClass;
        int index;
    };
    const Entry* find(const QString& lowerWord) const;
    WordClass byRule(const QString& original, const QString& lower) const;
    QHash<QString, Entry> m_index;
};

} // namespace qkview
