// SPDX-License-Identifier: MIT
// The teaching model's heads do what their names say, on sentences annotated by hand.
#include "base/error.h"
#include "models/teaching_model.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

using namespace qkview;

namespace {
// One annotated link: "query>key" by word, "@n" for the n-th occurrence (from 1), e.g. "the@2>mat".
struct Link {
    const char* role; // a head name, or "subject"/"object" for the grammar the heads are compared with
    const char* link;
    const char* knownMiss = nullptr; // why the head misses this link (a limit of the lexicon), or null
};
struct Annotated {
    const char* text;
    std::vector<Link> links;
};

// Roles by head: D determiner → noun, A adjective → noun, B verb → noun before, F verb → noun after.
// S and O are the grammatical subject and object, written by hand; no head promises them, and the
// test reports how often B and F agree with them (docs/teaching-model.md, "How well the roles hold").
constexpr const char* D = "determiner → noun";
constexpr const char* A = "adjective → noun";
constexpr const char* B = "verb → noun before";
constexpr const char* F = "verb → noun after";
constexpr const char* S = "subject";
constexpr const char* O = "object";

// Targets written by hand from each sentence, not from the lexicon. Several sentences are written to
// break the heads: attractors (prepositional phrases, relative clauses), long sentences, repeated and
// unknown words, punctuation.
const std::vector<Annotated>& sentences() {
    static const std::vector<Annotated> all = {
        {"The cat sat on the mat", {{D, "The>cat"}, {D, "the@2>mat"}, {B, "sat>cat"}, {S, "sat>cat"}}},
        {"A dog chased the ball",
         {{D, "A>dog"}, {D, "the>ball"}, {B, "chased>dog"}, {F, "chased>ball"}, {S, "chased>dog"}, {O, "chased>ball"}}},
        {"The old man reads a book",
         {{D, "The>man"}, {D, "a>book"}, {A, "old>man"}, {B, "reads>man"}, {F, "reads>book"}, {S, "reads>man"},
          {O, "reads>book"}}},
        {"My sister writes long letters",
         {{D, "My>sister"}, {A, "long>letters"}, {B, "writes>sister"}, {F, "writes>letters"}, {S, "writes>sister"},
          {O, "writes>letters"}}},
        {"The children played in the park", {{D, "The>children"}, {D, "the@2>park"}, {B, "played>children"},
                                              {S, "played>children"}}},
        {"A small bird sang a sweet song",
         {{D, "A>bird"}, {D, "a@2>song"}, {A, "small>bird"}, {A, "sweet>song"}, {B, "sang>bird"}, {F, "sang>song"},
          {S, "sang>bird"}, {O, "sang>song"}}},
        {"The teacher gave the students a test",
         {{D, "The>teacher"}, {D, "the@2>students"}, {D, "a>test"}, {B, "gave>teacher"}, {F, "gave>students"},
          {S, "gave>teacher"}}},
        {"Every student loves the new library",
         {{D, "Every>student"}, {D, "the>library"}, {A, "new>library"}, {B, "loves>student"}, {F, "loves>library"},
          {S, "loves>student"}, {O, "loves>library"}}},
        {"The quick brown fox jumps over the lazy dog",
         {{D, "The>fox"}, {D, "the@2>dog"}, {A, "quick>fox"}, {A, "brown>fox"}, {A, "lazy>dog"}, {B, "jumps>fox"},
          {S, "jumps>fox"}}},
        {"She opened the heavy door",
         {{D, "the>door"}, {A, "heavy>door"}, {B, "opened>She"}, {F, "opened>door"}, {S, "opened>She"},
          {O, "opened>door"}}},
        {"The baby slept", {{D, "The>baby"}, {B, "slept>baby"}, {S, "slept>baby"}}},
        {"Two cats watched a tiny mouse",
         {{D, "a>mouse"}, {A, "tiny>mouse"}, {B, "watched>cats"}, {F, "watched>mouse"}, {S, "watched>cats"},
          {O, "watched>mouse"}}},
        // Attractors: a prepositional phrase or a relative clause between the subject and its verb.
        {"The keys to the cabinet are on the table",
         {{D, "The>keys"}, {D, "the@2>cabinet"}, {D, "the@3>table"}, {B, "are>cabinet"}, {S, "are>keys"}}},
        {"The dog that the cat chased barked",
         {{D, "The>dog"}, {D, "the@2>cat"}, {B, "chased>cat"}, {B, "barked>cat"}, {S, "chased>cat"},
          {S, "barked>dog"}, {O, "chased>dog"}}},
        {"The dog that chased the cat barked",
         {{D, "The>dog"}, {D, "the@2>cat"}, {B, "chased>dog"}, {F, "chased>cat"}, {B, "barked>cat"},
          {S, "chased>dog"}, {S, "barked>dog"}, {O, "chased>cat"}}},
        {"The label on the bottles says poison",
         {{D, "The>label"}, {D, "the@2>bottles"}, {B, "says>bottles"}, {F, "says>poison"}, {S, "says>label"},
          {O, "says>poison"}}},
        {"The man who lives next door plays the piano",
         {{D, "The>man"}, {D, "the@2>piano"}, {B, "lives>who"}, {B, "plays>door"}, {F, "plays>piano"},
          {S, "lives>man"}, {S, "plays>man"}, {O, "plays>piano"}}},
        {"The book that I read was good",
         {{D, "The>book"}, {B, "read>I"}, {B, "was>I"}, {S, "read>I"}, {S, "was>book"}, {O, "read>book"}}},
        {"The students in the back of the room asked questions",
         {{D, "The>students"}, {D, "the@2>back", "the lexicon reads 'back' as an adverb"}, {D, "the@3>room"}, {B, "asked>room"}, {F, "asked>questions"},
          {S, "asked>students"}, {O, "asked>questions"}}},
        {"The girl with the red hat sings", {{D, "The>girl"}, {D, "the@2>hat"}, {A, "red>hat"}, {B, "sings>hat"},
                                              {S, "sings>girl"}}},
        // Verbs without an object, or with the object far away.
        {"Yesterday the old farmer finally sold his cows",
         {{D, "the>farmer"}, {D, "his>cows"}, {A, "old>farmer"}, {B, "sold>farmer"}, {F, "sold>cows"},
          {S, "sold>farmer"}, {O, "sold>cows"}}},
        {"He asked", {{B, "asked>He"}, {F, "asked>He"}, {S, "asked>He"}}},
        {"Birds sing", {{B, "sing>Birds"}, {F, "sing>Birds"}, {S, "sing>Birds"}}},
        {"The wind blew and the trees shook",
         {{D, "The>wind"}, {D, "the@2>trees"}, {B, "blew>wind"}, {B, "shook>trees"}, {F, "blew>trees"},
          {S, "blew>wind"}, {S, "shook>trees"}}},
        {"We ate pizza",
         {{B, "ate>We"}, {F, "ate>pizza"}, {S, "ate>We"}, {O, "ate>pizza"}}},
        {"They built a very tall tower", {{D, "a>tower"}, {A, "tall>tower"}, {B, "built>They"}, {F, "built>They"},
                                           {S, "built>They"}, {O, "built>tower"}}},
        // Repeated words.
        {"The dog saw the other dog",
         {{D, "The>dog"}, {D, "the@2>dog@2"}, {A, "other>dog@2"}, {B, "saw>dog"}, {F, "saw>dog@2"},
          {S, "saw>dog"}, {O, "saw>dog@2"}}},
        {"The cat and the cat played with the cat",
         {{D, "The>cat"}, {D, "the@2>cat@2"}, {D, "the@3>cat@3"}, {B, "played>cat@2"}}},
        {"A big dog met a small dog in a big park",
         {{D, "A>dog"}, {D, "a@2>dog@2"}, {D, "a@3>park"}, {A, "big>dog"}, {A, "small>dog@2"}, {A, "big@2>park"},
          {B, "met>dog"}, {F, "met>dog@2"}, {S, "met>dog"}, {O, "met>dog@2"}}},
        // Unknown words: classes by rule, ids by hash.
        {"The zorblax gleeped a wug", {{D, "The>zorblax"}, {D, "a>wug"}, {B, "gleeped>zorblax"},
                                        {F, "gleeped>wug"}, {S, "gleeped>zorblax"}, {O, "gleeped>wug"}}},
        {"Zanzibar exports cloves", {{B, "exports>Zanzibar"}, {F, "exports>cloves"}, {S, "exports>Zanzibar"},
                                      {O, "exports>cloves"}}},
        {"My grandmother knitted a woolly scarf",
         {{D, "My>grandmother"}, {D, "a>scarf"}, {B, "knitted>grandmother"}, {F, "knitted>scarf"},
          {S, "knitted>grandmother"}, {O, "knitted>scarf"}}},
        // Punctuation.
        {"Look, the cat is here!", {{D, "the>cat"}, {B, "is>cat"}, {S, "is>cat"}}},
        {"The cat, a very old animal, slept.",
         {{D, "The>cat"}, {D, "a>animal"}, {A, "old>animal"}, {B, "slept>animal"}, {S, "slept>cat"}}},
        {"\"Run!\" she shouted to the boy.", {{D, "the>boy"}, {B, "shouted>she"}, {F, "shouted>boy"},
                                               {S, "shouted>she"}}},
        {"Tom, Anna and Ben bought bread, milk and eggs.",
         {{B, "bought>Ben"}, {F, "bought>bread"}, {O, "bought>bread"}}},
        // Determiners and adjectives with the noun further away.
        {"The big old red bus stopped", {{D, "The>bus"}, {A, "big>bus"}, {A, "old>bus"}, {A, "red>bus"},
                                          {B, "stopped>bus"}, {S, "stopped>bus"}}},
        {"He gave the man the old red book",
         {{D, "the>man"}, {D, "the@2>book"}, {A, "old>book"}, {A, "red>book"}, {B, "gave>He"}, {F, "gave>man"},
          {S, "gave>He"}}},
        {"This house has a beautiful garden", {{D, "This>house"}, {D, "a>garden"}, {A, "beautiful>garden"},
                                                {B, "has>house"}, {F, "has>garden"}, {S, "has>house"},
                                                {O, "has>garden"}}},
        {"Some people like cold weather",
         {{D, "Some>people"}, {A, "cold>weather"}, {B, "like>people"}, {F, "like>weather", "the lexicon reads 'like' as a preposition"}, {S, "like>people"},
          {O, "like>weather"}}},
        // Long sentences.
        {"When the sun rose over the quiet village, the baker opened his small shop and the first customers "
         "bought warm bread.",
         {{D, "the>sun"}, {D, "the@2>village"}, {D, "the@3>baker"}, {D, "his>shop"}, {D, "the@4>customers"},
          {A, "quiet>village"}, {A, "small>shop"}, {A, "warm>bread"}, {B, "rose>sun"}, {B, "opened>baker"},
          {B, "bought>customers"}, {F, "opened>shop"}, {F, "bought>bread"}, {S, "rose>sun"}, {S, "opened>baker"},
          {S, "bought>customers"}, {O, "opened>shop"}, {O, "bought>bread"}}},
        {"After the long meeting in the office, the tired manager with the blue tie wrote a short letter to "
         "the board.",
         {{D, "the>meeting"}, {D, "the@2>office"}, {D, "the@3>manager"}, {D, "the@4>tie"}, {D, "a>letter"},
          {D, "the@5>board"}, {A, "long>meeting"}, {A, "tired>manager"}, {A, "blue>tie"}, {A, "short>letter"},
          {B, "wrote>tie"}, {F, "wrote>letter"}, {S, "wrote>manager"}, {O, "wrote>letter"}}},
    };
    return all;
}

std::pair<int, int> headNamed(const ModelConfig& config, const QString& name) {
    for (int l = 0; l < config.layers; ++l)
        for (int h = 0; h < config.heads; ++h)
            if (config.headName(l, h) == name) return {l, h};
    ADD_FAILURE() << "no head named " << name.toStdString();
    return {0, 0};
}

// The token index of "word" or "word@n" (the n-th occurrence, ignoring case) in a trace.
int tokenIndex(const AttentionTrace& trace, const QString& spec) {
    const auto parts = spec.split(u'@');
    int wanted = parts.size() > 1 ? parts[1].toInt() : 1;
    for (int i = 0; i < trace.tokenCount(); ++i)
        if (trace.tokens[static_cast<size_t>(i)].text.compare(parts[0], Qt::CaseInsensitive) == 0 && --wanted == 0)
            return i;
    ADD_FAILURE() << "no token " << spec.toStdString() << " in '" << trace.text.toStdString() << "'";
    return 0;
}

int argmaxOfRow(const Matrix& weights, int row) {
    Eigen::Index col = 0;
    weights.row(row).maxCoeff(&col);
    return static_cast<int>(col);
}

const TeachingModel& model() {
    static const TeachingModel m;
    return m;
}

TracePtr traceOf(int tokens) {
    QString text;
    for (int i = 0; i < tokens; ++i) text += QStringLiteral("w%1 ").arg(i % 7);
    return traceText(model(), text, {});
}
} // namespace

TEST(TeachingModel, IsSmallAndNamesEveryHead) {
    const ModelConfig& c = model().config();
    EXPECT_LE(c.dModel, 32);
    EXPECT_EQ(c.dHead * c.heads, c.dModel);
    ASSERT_EQ(static_cast<int>(c.headInfo.size()), c.layers);
    for (const auto& layer : c.headInfo) {
        ASSERT_EQ(static_cast<int>(layer.size()), c.heads);
        for (const HeadInfo& h : layer) {
            EXPECT_FALSE(h.name.isEmpty());
            EXPECT_FALSE(h.description.isEmpty());
        }
    }
}

TEST(TeachingModel, RolesHoldOnHandAnnotatedSentences) {
    EXPECT_GE(sentences().size(), 40u);
    std::map<std::string, std::pair<int, int>> held; // role → (held, total)
    std::map<std::string, std::pair<int, int>> agrees; // "B = subject" → (agree, total)
    for (const Annotated& s : sentences()) {
        const TracePtr trace = traceText(model(), QString::fromUtf8(s.text), {});
        for (const Link& link : s.links) {
            const auto ends = QString::fromUtf8(link.link).split(u'>');
            ASSERT_EQ(ends.size(), 2) << link.link;
            const int query = tokenIndex(*trace, ends[0]), key = tokenIndex(*trace, ends[1]);
            const std::string role = link.role;
            if (role == S || role == O) {
                // Grammar, compared with the head that comes closest; reported, not promised.
                const char* head = role == S ? B : F;
                const auto [l, h] = headNamed(trace->config, QString::fromUtf8(head));
                auto& [ok, total] = agrees[std::string(head) + " = " + role];
                ++total;
                ok += argmaxOfRow(trace->head(l, h)->weights, query) == key;
                continue;
            }
            const auto [l, h] = headNamed(trace->config, QString::fromUtf8(link.role));
            const int got = argmaxOfRow(trace->head(l, h)->weights, query);
            auto& [ok, total] = held[role];
            ++total;
            ok += got == key;
            if (link.knownMiss) {
                EXPECT_NE(got, key) << link.link << " was a known miss (" << link.knownMiss << "): update the test";
                continue;
            }
            EXPECT_EQ(got, key) << link.role << " in '" << s.text << "': query " << ends[0].toStdString()
                                << " chose " << trace->tokens[static_cast<size_t>(got)].text.toStdString();
        }
        // Previous token: every token after the first. Same word: every token, on all its spellings.
        const auto [pl, ph] = headNamed(trace->config, QStringLiteral("previous token"));
        const auto [wl, wh] = headNamed(trace->config, QStringLiteral("same word"));
        const Matrix previous = trace->head(pl, ph)->weights, same = trace->head(wl, wh)->weights;
        for (int i = 0; i < trace->tokenCount(); ++i) {
            if (i > 0) {
                auto& [ok, total] = held["previous token"];
                ++total;
                ok += argmaxOfRow(previous, i) == i - 1;
                EXPECT_EQ(argmaxOfRow(previous, i), i - 1) << s.text << " token " << i;
            }
            const QString word = trace->tokens[static_cast<size_t>(i)].text.toLower();
            float onSame = 0.0f;
            for (int j = 0; j < trace->tokenCount(); ++j)
                if (trace->tokens[static_cast<size_t>(j)].text.toLower() == word) onSame += same(i, j);
            auto& [ok, total] = held["same word"];
            ++total;
            ok += onSame > 0.9f;
            EXPECT_GT(onSame, 0.9f) << s.text << ": '" << word.toStdString() << "' spreads to other words";
        }
    }
    for (const auto& [role, counts] : held)
        std::printf("role %-22s holds on %3d of %3d links\n", role.c_str(), counts.first, counts.second);
    for (const auto& [what, counts] : agrees)
        std::printf("lesson %-30s %3d of %3d\n", what.c_str(), counts.first, counts.second);
}

TEST(TeachingModel, PreviousTokenHasOneDiagonalAtEveryLength) {
    // At every length up to the context, every query's largest weight is on the token before it, and
    // no key four or more places from it gets more than 0.05 (no ghost diagonals).
    const auto [l, h] = headNamed(model().config(), QStringLiteral("previous token"));
    for (int n : {2, 30, 60, 200, model().config().contextLength}) {
        const Matrix w = traceOf(n)->head(l, h)->weights;
        for (int i = 0; i < n; ++i) {
            const int expected = std::max(i - 1, 0);
            EXPECT_EQ(argmaxOfRow(w, i), expected) << n << " tokens, query " << i;
            for (int j = 0; j < n; ++j)
                if (std::abs(j - expected) >= 4) {
                    ASSERT_LE(w(i, j), 0.05f) << n << " tokens, " << i << " → " << j;
                }
        }
        EXPECT_GT(w(n - 1, n - 2), 0.9f);
    }
}

TEST(TeachingModel, FirstTokenHoldsAtEveryLength) {
    const auto [l, h] = headNamed(model().config(), QStringLiteral("first token"));
    const int n = model().config().contextLength;
    const Matrix w = traceOf(n)->head(l, h)->weights;
    for (int i = 0; i < n; ++i) {
        EXPECT_EQ(argmaxOfRow(w, i), 0);
        for (int j = 4; j < n; ++j) ASSERT_LE(w(i, j), 0.05f) << i << " → " << j;
    }
}

TEST(TeachingModel, LinkHeadsLookNoFartherThanTheirReachAtAnyLength) {
    // A link head's position term has one peak too: in a long text of nouns and verbs alternating, each
    // verb's largest weight is a neighbour, and no key four or more places away gets more than 0.05.
    QString text;
    for (int i = 0; i < model().config().contextLength / 2; ++i) text += QStringLiteral("dogs bark ");
    const TracePtr trace = traceText(model(), text, {});
    for (const char* name : {B, F}) {
        const auto [l, h] = headNamed(trace->config, QString::fromUtf8(name));
        const Matrix w = trace->head(l, h)->weights;
        for (int i = 1; i < trace->tokenCount() - 1; i += 2) {
            const int expected = std::string(name) == B ? i - 1 : i + 1;
            EXPECT_EQ(argmaxOfRow(w, i), expected) << name << " query " << i;
            for (int j = 0; j < trace->tokenCount(); ++j)
                if (std::abs(j - expected) >= 4) {
                    ASSERT_LE(w(i, j), 0.05f) << name << " " << i << " → " << j;
                }
        }
    }
}

TEST(TeachingModel, EveryDistinctWordHasItsOwnId) {
    const TokenList a = model().tokenizer().encode(QStringLiteral("The keys to the cabinet are zorblax"));
    const TokenList b = model().tokenizer().encode(QStringLiteral("zorblax cabinet KEYS"));
    EXPECT_EQ(a[0].id, a[3].id) << "The and the";
    EXPECT_NE(a[1].id, a[4].id) << "keys and cabinet (neither is in the lexicon)";
    EXPECT_NE(a[4].id, a[6].id);
    EXPECT_EQ(a[6].id, b[0].id) << "same word, same id across texts";
    EXPECT_EQ(a[4].id, b[1].id);
    EXPECT_EQ(a[1].id, b[2].id);
    for (const Token& t : a) EXPECT_LT(t.id, model().config().vocabSize);
    const Matrix x = model().embed(a);
    EXPECT_GT((x.row(1) - x.row(4)).norm(), 0.1f) << "keys and cabinet have different identity vectors";
}

TEST(TeachingModel, TheCatSatOnTheMat) {
    const TracePtr trace = traceText(model(), QStringLiteral("The cat sat on the mat"), {});
    ASSERT_EQ(trace->tokenCount(), 6);
    const Matrix subject = trace->head(0, 2)->weights;
    EXPECT_GT(subject(2, 1), 0.5f) << "sat → cat should be a clear majority";
    const Matrix det = trace->head(0, 1)->weights;
    EXPECT_GT(det(0, 1), 0.5f);
    EXPECT_GT(det(4, 5), 0.5f);
}

TEST(TeachingModel, OtherHeadsDoWhatTheirNamesSay) {
    const TracePtr trace = traceText(model(), QStringLiteral("the dog saw the other dog and a zorblax"), {});
    const int n = trace->tokenCount();
    const Matrix sameWord = trace->head(0, 3)->weights;
    EXPECT_NEAR(sameWord(5, 1), sameWord(5, 5), 1e-5f) << "the second 'dog' splits between both dogs";
    EXPECT_GT(sameWord(5, 1) + sameWord(5, 5), 0.9f);
    const Matrix first = trace->head(1, 2)->weights;
    for (int i = 0; i < n; ++i) EXPECT_EQ(argmaxOfRow(first, i), 0) << "row " << i;
    const Matrix broad = trace->head(1, 3)->weights;
    EXPECT_NEAR(broad.minCoeff(), 1.0f / n, 1e-6f);
    EXPECT_NEAR(broad.maxCoeff(), 1.0f / n, 1e-6f);
}

TEST(TeachingModel, IsDeterministicAndLayersChain) {
    const TracePtr a = traceText(model(), QStringLiteral("Zorblax gleeps the wug!"), {});
    const TracePtr b = traceText(TeachingModel(), QStringLiteral("Zorblax gleeps the wug!"), {});
    ASSERT_EQ(a->layerCount(), b->layerCount());
    for (int l = 0; l < a->layerCount(); ++l) {
        EXPECT_EQ(a->layerOutput(l), b->layerOutput(l));
        EXPECT_TRUE(a->layerOutput(l).allFinite());
    }
    EXPECT_EQ(a->layerInput(1), a->layerOutput(0));
    EXPECT_EQ(a->layerInput(0), model().embed(a->tokens));
}

TEST(TeachingModel, CausalOptionMasksEveryHead) {
    AttentionOptions options;
    options.causal = true;
    const TracePtr trace = traceText(model(), QStringLiteral("The cat sat on the mat"), options);
    for (int l = 0; l < trace->layerCount(); ++l)
        for (int h = 0; h < trace->headCount(); ++h) {
            const Matrix weights = trace->head(l, h)->weights;
            for (int i = 0; i < trace->tokenCount(); ++i)
                for (int j = i + 1; j < trace->tokenCount(); ++j) EXPECT_EQ(weights(i, j), 0.0f);
        }
}

TEST(TeachingModel, RejectsEmptyTooLongAndForeignIds) {
    EXPECT_THROW(traceText(model(), QStringLiteral("   "), {}), Error);
    QString tooLong;
    for (int i = 0; i <= model().config().contextLength; ++i) tooLong += QStringLiteral("cat ");
    EXPECT_THROW(model().forward(tooLong, model().tokenizer().encode(tooLong), {}), Error);
    TokenList tokens = model().tokenizer().encode(QStringLiteral("cat"));
    tokens[0].id = model().config().vocabSize;
    EXPECT_THROW(model().forward(QStringLiteral("cat"), tokens, {}), Error);
    AttentionOptions cold;
    cold.temperature = 0.0f;
    EXPECT_THROW(traceText(model(), QStringLiteral("cat"), cold), Error);
}

TEST(TeachingModel, AcceptsTheLongestText) {
    QString text;
    for (int i = 0; i < model().config().contextLength; ++i) text += QStringLiteral("w%1 ").arg(i);
    const TracePtr trace = traceText(model(), text, {});
    EXPECT_EQ(trace->tokenCount(), model().config().contextLength);
    EXPECT_TRUE(trace->layerOutput(trace->layerCount() - 1).allFinite());
}

TEST(TeachingModel, TextBeyondTheContextIsCutWithTheCountReported) {
    QString text;
    const int context = model().config().contextLength;
    for (int i = 0; i < context + 5; ++i) text += QStringLiteral("w%1 ").arg(i);
    int truncatedFrom = -1;
    const TracePtr trace = traceText(model(), text, {}, &truncatedFrom);
    EXPECT_EQ(trace->tokenCount(), context);
    EXPECT_EQ(truncatedFrom, context + 5);
    traceText(model(), QStringLiteral("The cat"), {}, &truncatedFrom);
    EXPECT_EQ(truncatedFrom, 0);
}
