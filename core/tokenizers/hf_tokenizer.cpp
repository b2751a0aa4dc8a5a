// SPDX-License-Identifier: MIT
#include "tokenizers/hf_tokenizer.h"

#include "tokenizers/bpe_merges.h"
#include "tokenizers/gpt2_bytes.h"
#include "tokenizers/hf_normalizers.h"
#include "tokenizers/hf_pre_tokenizers.h"
#include "tokenizers/tokenizer_files.h"
#include "tokenizers/wordpiece_model.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>
#include <array>
#include <cmath>

namespace qkview {

using tokfiles::fail;
using tokfiles::quoted;

namespace {
constexpr int kMaxId = 1 << 24; // far above any real vocabulary (Gemma's 256k); bounds what ids allocate

struct AddedToken {
    QString content;
    int id = -1;
    bool special = false;
    bool lstrip = false;
    bool rstrip = false;
    bool singleWord = false;
};

// A stretch of the typed text [start, end): an added token, or text for the model.
struct Segment {
    int start, end;
    int added; // index into Data::added, or -1
};

// Ids the post-processor puts around the model's tokens.
struct Template {
    std::vector<int> before, after;
    bool present = false; // a template was given (then tokenizer_config.json's add_bos_token is not used)
    std::optional<int> separator; // of a pair: the first token between the two sentences
    int secondType = 0;           // of a pair: the second sentence's type id
};

enum class ModelKind { Bpe, WordPiece };

// bytes as text, every byte that is not part of a valid UTF-8 character shown as ⟨E2 80⟩.
QString displayText(const QByteArray& bytes) {
    QString out;
    QString invalid;
    const auto flushInvalid = [&] {
        if (invalid.isEmpty()) return;
        out += u'⟨' + invalid.trimmed() + u'⟩';
        invalid.clear();
    };
    const auto n = bytes.size();
    for (qsizetype i = 0; i < n;) {
        const auto b = static_cast<unsigned char>(bytes[i]);
        const int length = b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
        bool valid = length > 0 && i + length <= n;
        for (int k = 1; valid && k < length; ++k)
            valid = (static_cast<unsigned char>(bytes[i + k]) & 0xC0) == 0x80;
        if (valid && length >= 3) { // no overlong forms, surrogates or code points past U+10FFFF
            const auto b1 = static_cast<unsigned char>(bytes[i + 1]);
            valid = !(b == 0xE0 && b1 < 0xA0) && !(b == 0xED && b1 >= 0xA0) && !(b == 0xF0 && b1 < 0x90) &&
                    !(b == 0xF4 && b1 >= 0x90);
        }
        if (!valid) {
            invalid += QStringLiteral("%1 ").arg(b, 2, 16, QChar(u'0')).toUpper();
            ++i;
            continue;
        }
        flushInvalid();
        out += QString::fromUtf8(bytes.mid(i, length));
        i += length;
    }
    flushInvalid();
    return out;
}

// "<0xE2>" → 0xE2, else -1.
int byteFallbackByte(const QString& piece) {
    if (piece.size() != 6 || !piece.startsWith(u"<0x") || piece[5] != u'>') return -1;
    bool ok = false;
    const int byte = piece.mid(3, 2).toInt(&ok, 16);
    return ok ? byte : -1;
}

int integerId(const QString& file, const QJsonValue& value, const QString& what) {
    const double id = value.toDouble(-1.0);
    if (!value.isDouble() || id != std::floor(id)) fail(file, what + QStringLiteral(" is not an integer"));
    if (id < 0 || id >= kMaxId)
        fail(file, what + QStringLiteral(" %1 is out of range 0..%2").arg(id, 0, 'g', 17).arg(kMaxId - 1));
    return static_cast<int>(id);
}

// tokenizer_config.json writes a token as "<s>" or as {"content": "<s>", ...}.
QString configToken(const QJsonValue& value) {
    return value.isObject() ? value.toObject().value(u"content").toString() : value.toString();
}
} // namespace

struct HfTokenizer::Data {
    tokfiles::Vocab vocab; // the model's own pieces
    ModelKind kind = ModelKind::Bpe;
    WordPieceModel wordPiece;
    BpeMerges merges;
    bool byteFallback = false;
    bool ignoreMerges = false;
    bool fuseUnk = false;
    int unkId = -1;
    std::array<int, 256> byteFallbackId{}; // "<0xXX>" ids, -1 where missing
    std::array<int, 256> byteSymbolId{};   // byte-level: the id of each byte's symbol, -1 where missing

    std::vector<AddedToken> added;
    QHash<QString, int> addedIndexOf; // content → index into added
    QRegularExpression addedPattern;  // every added token, longest first

    hf::Normalizer normalizer; // empty: none
    hf::PreTokenizer preTokenizer;
    Template post;
    std::optional<int> bos;
    std::optional<int> mask;

    int size = 0;                  // vocabSize()
    std::vector<QString> display;  // (size) decode()
    std::vector<bool> special;     // (size)
    BpeWordCache cache;            // word → its pieces

    std::optional<int> idOf(const QString& piece) const;
    std::vector<Segment> splitAdded(const QString& text) const;
    void encodeWord(const hf::AlignedText& word, TokenList& out) const;
};

namespace {
void readWordPiece(HfTokenizer::Data& d, const QString& path, const QJsonObject& model) {
    if (!model.value(u"vocab").isObject())
        fail(path, QStringLiteral("model.vocab is missing or not an object"));
    d.vocab = tokfiles::readVocab(path, model.value(u"vocab").toObject());
    const QString unk = model.value(u"unk_token").toString(QStringLiteral("[UNK]"));
    d.unkId = d.vocab.idOf.value(unk, -1);
    if (d.unkId < 0)
        fail(path,
             QStringLiteral("model.unk_token ") + quoted(unk) + QStringLiteral(" is not in the vocabulary"));
    const QJsonValue maxChars = model.value(u"max_input_chars_per_word");
    const int maxInputCharsPerWord =
        maxChars.isUndefined() ? 100
                               : integerId(path, maxChars, QStringLiteral("model.max_input_chars_per_word"));
    d.kind = ModelKind::WordPiece;
    d.wordPiece = WordPieceModel::of(d.vocab, d.unkId,
                                     model.value(u"continuing_subword_prefix").toString(QStringLiteral("##")),
                                     maxInputCharsPerWord);
}

void readModel(HfTokenizer::Data& d, const QString& path, const QJsonObject& model) {
    const QJsonValue type = model.value(u"type");
    if (type.toString() == u"WordPiece") return readWordPiece(d, path, model);
    if (!type.isUndefined() && type.toString() != u"BPE")
        fail(path, QStringLiteral("model.type is ") + quoted(type.toString()) +
                       QStringLiteral("; only \"BPE\" and \"WordPiece\" are supported"));
    if (!model.value(u"vocab").isObject()) fail(path, QStringLiteral("model.vocab is missing or not an object"));
    if (!model.value(u"merges").isArray()) fail(path, QStringLiteral("model.merges is missing or not an array"));
    for (const char16_t* key : {u"continuing_subword_prefix", u"end_of_word_suffix"})
        if (!model.value(key).toString().isEmpty())
            fail(path, QStringLiteral("model.%1 is not supported").arg(QString::fromUtf16(key)));
    d.vocab = tokfiles::readVocab(path, model.value(u"vocab").toObject());
    d.merges = tokfiles::resolveMerges(path, tokfiles::parseJsonMerges(path, model.value(u"merges").toArray()), d.vocab);
    d.byteFallback = model.value(u"byte_fallback").toBool(false);
    d.ignoreMerges = model.value(u"ignore_merges").toBool(false);
    d.fuseUnk = model.value(u"fuse_unk").toBool(false);
    if (const QJsonValue unk = model.value(u"unk_token"); unk.isString()) {
        d.unkId = d.vocab.idOf.value(unk.toString(), -1);
        if (d.unkId < 0)
            fail(path, QStringLiteral("model.unk_token ") + quoted(unk.toString()) +
                           QStringLiteral(" is not in the vocabulary"));
    }
    for (int b = 0; b < 256; ++b) {
        d.byteFallbackId[b] = d.vocab.idOf.value(QStringLiteral("<0x%1>").arg(QString::number(b, 16).toUpper(), 2, QChar(u'0')), -1);
        d.byteSymbolId[b] = d.vocab.idOf.value(QString(QChar(gpt2::byteToSymbol(static_cast<unsigned char>(b)))), -1);
    }
}

void compileAddedPattern(HfTokenizer::Data& d);

void readAddedTokens(HfTokenizer::Data& d, const QString& path, const QJsonValue& json) {
    if (json.isUndefined() || json.isNull()) return;
    if (!json.isArray()) fail(path, QStringLiteral("added_tokens is not an array"));
    const QJsonArray array = json.toArray();
    QHash<int, QString> contentOfId;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString where = QStringLiteral("added_tokens[%1]").arg(i);
        const QJsonObject o = array[i].toObject();
        AddedToken t;
        t.content = o.value(u"content").toString();
        if (t.content.isEmpty()) fail(path, where + QStringLiteral(".content is missing or empty"));
        t.id = integerId(path, o.value(u"id"), where + QStringLiteral(".id"));
        t.special = o.value(u"special").toBool(false);
        t.lstrip = o.value(u"lstrip").toBool(false);
        t.rstrip = o.value(u"rstrip").toBool(false);
        t.singleWord = o.value(u"single_word").toBool(false);
        const auto size = static_cast<int>(d.vocab.pieceOf.size());
        if (const int inVocab = d.vocab.idOf.value(t.content, -1); inVocab >= 0 && inVocab != t.id)
            fail(path, where + QStringLiteral(": %1 has id %2 but the vocabulary gives it %3")
                                   .arg(quoted(t.content)).arg(t.id).arg(inVocab));
        if (t.id < size && d.vocab.pieceOf[t.id] != t.content)
            fail(path, QStringLiteral("id %1 is given to both %2 and %3")
                           .arg(t.id).arg(quoted(d.vocab.pieceOf[t.id]), quoted(t.content)));
        if (contentOfId.contains(t.id))
            fail(path, QStringLiteral("id %1 is given to both %2 and %3")
                           .arg(t.id).arg(quoted(contentOfId.value(t.id)), quoted(t.content)));
        if (d.addedIndexOf.contains(t.content))
            fail(path, where + QStringLiteral(": %1 is added twice").arg(quoted(t.content)));
        contentOfId.insert(t.id, t.content);
        d.addedIndexOf.insert(t.content, static_cast<int>(d.added.size()));
        d.added.push_back(t);
    }
    compileAddedPattern(d);
}

void compileAddedPattern(HfTokenizer::Data& d) {
    if (d.added.empty()) return;
    std::vector<QString> contents;
    for (const AddedToken& t : d.added)
        contents.push_back(t.content);
    std::sort(contents.begin(), contents.end(), [](const QString& a, const QString& b) { return a.size() > b.size(); });
    QStringList alternatives;
    for (const QString& c : contents)
        alternatives << QRegularExpression::escape(c);
    d.addedPattern = QRegularExpression(alternatives.join(u'|'));
    d.addedPattern.optimize();
}

// An id the post-processor names, checked against the vocabulary.
int postId(const HfTokenizer::Data& d, const QString& path, const QJsonValue& value, const QString& where) {
    const int id = integerId(path, value, where);
    if (id >= d.size) fail(path, where + QStringLiteral(" %1 is not in the vocabulary of %2").arg(id).arg(d.size));
    return id;
}

Template readPostProcessor(const HfTokenizer::Data& d, const QString& path, const QJsonValue& json, const QString& where) {
    Template out;
    if (json.isNull() || json.isUndefined()) return out;
    const QJsonObject o = json.toObject();
    const QString type = o.value(u"type").toString();
    if (type == u"ByteLevel") return out; // offsets only; no ids
    if (type == u"Sequence") {
        const QJsonArray processors = o.value(u"processors").toArray();
        for (qsizetype i = 0; i < processors.size(); ++i) {
            const Template t = readPostProcessor(d, path, processors[i], where + QStringLiteral(".processors[%1]").arg(i));
            // A later processor wraps what the earlier ones made.
            out.before.insert(out.before.begin(), t.before.begin(), t.before.end());
            out.after.insert(out.after.end(), t.after.begin(), t.after.end());
            out.present = out.present || t.present;
            if (!out.separator) {
                out.separator = t.separator;
                out.secondType = t.secondType;
            }
        }
        return out;
    }
    out.present = true;
    if (type == u"TemplateProcessing") {
        const QJsonObject specials = o.value(u"special_tokens").toObject();
        // The ids of a template item naming a special token.
        const auto idsOf = [&](const QJsonObject& item, const QString& at) {
            const QString name = item.value(u"SpecialToken").toObject().value(u"id").toString();
            if (!specials.value(name).isObject())
                fail(path, at + QStringLiteral(" names ") + quoted(name) +
                               QStringLiteral(", which special_tokens does not define"));
            const QJsonArray ids = specials.value(name).toObject().value(u"ids").toArray();
            std::vector<int> out;
            for (qsizetype k = 0; k < ids.size(); ++k)
                out.push_back(postId(d, path, ids[k],
                                     where + QStringLiteral(".special_tokens.") + name +
                                         QStringLiteral(".ids[%1]").arg(k)));
            return out;
        };
        const QJsonArray single = o.value(u"single").toArray();
        bool seenSequence = false;
        for (qsizetype i = 0; i < single.size(); ++i) {
            const QJsonObject item = single[i].toObject();
            if (item.contains(u"Sequence")) {
                seenSequence = true;
                continue;
            }
            for (const int id : idsOf(item, where + QStringLiteral(".single[%1]").arg(i)))
                (seenSequence ? out.after : out.before).push_back(id);
        }
        // The pair template: "[CLS]:0 $A:0 [SEP]:0 $B:1 [SEP]:1" → separator [SEP], second type 1.
        const QJsonArray pair = o.value(u"pair").toArray();
        bool afterA = false;
        for (qsizetype i = 0; i < pair.size(); ++i) {
            const QJsonObject item = pair[i].toObject();
            if (item.contains(u"Sequence")) {
                const QJsonObject sequence = item.value(u"Sequence").toObject();
                if (sequence.value(u"id").toString() == u"A") afterA = true;
                if (sequence.value(u"id").toString() != u"B") continue;
                out.secondType = sequence.value(u"type_id").toInt(0);
                break;
            }
            const std::vector<int> ids = idsOf(item, where + QStringLiteral(".pair[%1]").arg(i));
            if (afterA && !out.separator && !ids.empty()) out.separator = ids.front();
        }
        if (!afterA) out.separator.reset();
        return out;
    }
    if (type == u"RobertaProcessing" || type == u"BertProcessing") {
        out.before.push_back(postId(d, path, o.value(u"cls").toArray().at(1), where + QStringLiteral(".cls[1]")));
        out.after.push_back(postId(d, path, o.value(u"sep").toArray().at(1), where + QStringLiteral(".sep[1]")));
        out.separator = out.after.back();
        out.secondType = type == u"BertProcessing" ? 1 : 0; // RoBERTa's pairs are all type 0
        return out;
    }
    fail(path, where + QStringLiteral(".type ") + quoted(type) + QStringLiteral(" is not a supported post-processor"));
}

// The mask token: tokenizer_config.json's mask_token when it is in the vocabulary, else [MASK] or <mask>.
std::optional<int> maskOf(const HfTokenizer::Data& d, const QJsonObject& config) {
    for (const QString& name :
         {configToken(config.value(u"mask_token")), QStringLiteral("[MASK]"), QStringLiteral("<mask>")})
        if (const std::optional<int> id = name.isEmpty() ? std::nullopt : d.idOf(name)) return id;
    return std::nullopt;
}

void readConfig(HfTokenizer::Data& d, const QString& path) {
    const QJsonObject config = path.isEmpty() ? QJsonObject{} : tokfiles::readJsonObject(path);
    d.mask = maskOf(d, config);
    const QString bos = configToken(config.value(u"bos_token"));
    const QString eos = configToken(config.value(u"eos_token"));
    d.bos = bos.isEmpty() ? std::nullopt : d.idOf(bos);
    if (!d.bos && !d.post.before.empty()) d.bos = d.post.before.front();
    if (d.post.present) return;
    const auto add = [&](const char16_t* key, const QString& token, std::vector<int>& where) {
        if (!config.value(key).toBool(false)) return;
        const std::optional<int> id = token.isEmpty() ? std::nullopt : d.idOf(token);
        if (!id) fail(path, QStringLiteral("%1 is true but the token %2 is not in the vocabulary").arg(QString::fromUtf16(key), quoted(token)));
        where.push_back(*id);
    };
    add(u"add_bos_token", bos, d.post.before);
    add(u"add_eos_token", eos, d.post.after);
    if (!d.bos && !d.post.before.empty()) d.bos = d.post.before.front();
}

void buildDisplay(HfTokenizer::Data& d) {
    d.size = static_cast<int>(d.vocab.pieceOf.size());
    for (const AddedToken& t : d.added)
        d.size = std::max(d.size, t.id + 1);
    d.display.assign(d.size, QString());
    d.special.assign(d.size, false);
    for (size_t id = 0; id < d.vocab.pieceOf.size(); ++id) {
        const QString& piece = d.vocab.pieceOf[id];
        if (d.kind == ModelKind::WordPiece) {
            d.display[id] = piece;
            continue;
        }
        QByteArray bytes;
        if (const int byte = d.byteFallback ? byteFallbackByte(piece) : -1; byte >= 0)
            bytes = QByteArray(1, static_cast<char>(byte));
        else if (d.preTokenizer.byteLevel)
            bytes = gpt2::symbolsToBytes(piece);
        else
            bytes = QString(piece).replace(u'▁', u' ').toUtf8();
        d.display[id] = displayText(bytes);
    }
    for (const AddedToken& t : d.added) {
        d.display[t.id] = t.content;
        d.special[t.id] = t.special;
    }
}
} // namespace

HfTokenizer::HfTokenizer(std::unique_ptr<const Data> data) : m_data(std::move(data)) {}
HfTokenizer::~HfTokenizer() = default;

std::shared_ptr<const HfTokenizer> HfTokenizer::fromFolder(const QString& dir) {
    const QDir folder(dir);
    const QString config = folder.filePath(QStringLiteral("tokenizer_config.json"));
    const QString json = folder.filePath(QStringLiteral("tokenizer.json"));
    const QString vocabTxt = folder.filePath(QStringLiteral("vocab.txt"));
    const QString configIfThere = QFile::exists(config) ? config : QString();
    if (!QFile::exists(json) && QFile::exists(vocabTxt)) return fromVocabTxt(vocabTxt, configIfThere);
    if (!QFile::exists(json)) fail(dir, QStringLiteral("has neither tokenizer.json nor vocab.txt"));
    return fromFile(json, configIfThere);
}

namespace {
// A tokenizer_config.json flag: true, false, or absent or null (nullopt).
std::optional<bool> configFlag(const QString& path, const QJsonObject& config, const char16_t* key) {
    const QJsonValue v = config.value(key);
    if (v.isUndefined() || v.isNull()) return std::nullopt;
    if (!v.isBool()) fail(path, QStringLiteral("%1 is not true, false or null").arg(QString::fromUtf16(key)));
    return v.toBool();
}

// A tokenizer_config.json token: "[CLS]" or {"content": "[CLS]", ...}; absent or null is fallback.
QString configTokenOr(const QString& path, const QJsonObject& config, const char16_t* key,
                      const char* fallback) {
    const QJsonValue v = config.value(key);
    if (v.isUndefined() || v.isNull()) return QString::fromUtf8(fallback);
    const QString token = configToken(v);
    if (token.isEmpty())
        fail(path,
             QStringLiteral("%1 is neither a token nor {\"content\": token}").arg(QString::fromUtf16(key)));
    return token;
}
} // namespace

std::shared_ptr<const HfTokenizer> HfTokenizer::fromVocabTxt(const QString& vocabTxtPath,
                                                             const QString& tokenizerConfigPath) {
    auto data = std::make_unique<Data>();
    Data& d = *data;
    d.vocab = tokfiles::readVocabTxt(vocabTxtPath);
    const QString& configPath = tokenizerConfigPath;
    const QJsonObject config = configPath.isEmpty() ? QJsonObject{} : tokfiles::readJsonObject(configPath);

    hf::BertNormalizerOptions options; // as BertTokenizer: clean_text always
    options.lowercase = configFlag(configPath, config, u"do_lower_case").value_or(true);
    options.stripAccents = configFlag(configPath, config, u"strip_accents");
    options.handleChineseChars = configFlag(configPath, config, u"tokenize_chinese_chars").value_or(true);
    d.normalizer = hf::bertNormalizer(options);
    d.preTokenizer = hf::bertPreTokenizer();

    // The special tokens: matched where typed, never normalized or split.
    const auto required = [&](const char16_t* key, const char* fallback) {
        const QString token = configTokenOr(configPath, config, key, fallback);
        const int id = d.vocab.idOf.value(token, -1);
        if (id < 0)
            fail(vocabTxtPath,
                 QStringLiteral("has no %1 (the %2)").arg(quoted(token), QString::fromUtf16(key)));
        return token;
    };
    QStringList specials{required(u"unk_token", "[UNK]"), required(u"cls_token", "[CLS]"),
                         required(u"sep_token", "[SEP]"),
                         configTokenOr(configPath, config, u"pad_token", "[PAD]"),
                         configTokenOr(configPath, config, u"mask_token", "[MASK]")};
    if (const QJsonValue more = config.value(u"additional_special_tokens"); more.isArray())
        for (const QJsonValue& v : more.toArray())
            specials << configToken(v);
    for (const QString& token : specials) {
        const int id = d.vocab.idOf.value(token, -1);
        if (id < 0 || d.addedIndexOf.contains(token)) continue; // an optional one that is absent, or twice
        d.addedIndexOf.insert(token, static_cast<int>(d.added.size()));
        d.added.push_back({token, id, true});
    }
    compileAddedPattern(d);

    d.unkId = d.vocab.idOf.value(specials[0]);
    d.kind = ModelKind::WordPiece;
    d.wordPiece = WordPieceModel::of(d.vocab, d.unkId, QStringLiteral("##"), 100);
    buildDisplay(d);
    const int cls = d.vocab.idOf.value(specials[1]), sep = d.vocab.idOf.value(specials[2]);
    d.post = {{cls}, {sep}, true, sep, 1}; // [CLS] A [SEP] B [SEP], B typed 1
    d.bos = cls;
    d.mask = maskOf(d, config);
    return std::make_shared<const HfTokenizer>(std::move(data));
}

namespace {
// A tokenizer.json's content for RoBERTa's vocab.json + merges.txt: what its tokenizer.json would say.
QJsonObject robertaTokenizerJson(const QString& vocabJsonPath, const QString& mergesTxtPath) {
    const QJsonObject vocab = tokfiles::readJsonObject(vocabJsonPath);
    QJsonArray merges;
    for (const tokfiles::RawMerge& m : tokfiles::parseMergesTxt(mergesTxtPath)) merges.append(m.left + u' ' + m.right);
    QJsonArray added;
    for (const char* special : {"<s>", "<pad>", "</s>", "<unk>", "<mask>"}) {
        const QString content = QString::fromLatin1(special);
        if (!vocab.contains(content)) continue;
        added.append(QJsonObject{{QStringLiteral("id"), vocab.value(content).toInt()}, {QStringLiteral("content"), content},
                                 {QStringLiteral("special"), true},
                                 {QStringLiteral("lstrip"), content == u"<mask>"}}); // "a <mask>" keeps "a" apart
    }
    const auto idPair = [&](const char* token) {
        return QJsonArray{QString::fromLatin1(token), vocab.value(QString::fromLatin1(token)).toInt()};
    };
    QJsonObject root{{QStringLiteral("model"), QJsonObject{{QStringLiteral("type"), QStringLiteral("BPE")},
                                                           {QStringLiteral("vocab"), vocab},
                                                           {QStringLiteral("merges"), merges}}},
                     {QStringLiteral("added_tokens"), added},
                     {QStringLiteral("pre_tokenizer"), QJsonObject{{QStringLiteral("type"), QStringLiteral("ByteLevel")},
                                                                   {QStringLiteral("add_prefix_space"), false},
                                                                   {QStringLiteral("use_regex"), true}}}};
    if (vocab.contains(u"<s>") && vocab.contains(u"</s>"))
        root.insert(QStringLiteral("post_processor"), QJsonObject{{QStringLiteral("type"), QStringLiteral("RobertaProcessing")},
                                                                  {QStringLiteral("cls"), idPair("<s>")},
                                                                  {QStringLiteral("sep"), idPair("</s>")}});
    return root;
}
} // namespace

std::shared_ptr<const HfTokenizer> HfTokenizer::fromVocabMerges(const QString& vocabJsonPath, const QString& mergesTxtPath,
                                                                const QString& tokenizerConfigPath) {
    return fromJson(robertaTokenizerJson(vocabJsonPath, mergesTxtPath), vocabJsonPath, tokenizerConfigPath);
}

std::shared_ptr<const HfTokenizer> HfTokenizer::fromFile(const QString& tokenizerJsonPath, const QString& tokenizerConfigPath) {
    return fromJson(tokfiles::readJsonObject(tokenizerJsonPath), tokenizerJsonPath, tokenizerConfigPath);
}

std::shared_ptr<const HfTokenizer> HfTokenizer::fromJson(const QJsonObject& root, const QString& path,
                                                         const QString& tokenizerConfigPath) {
    if (!root.value(u"model").isObject()) fail(path, QStringLiteral("has no \"model\" object"));
    auto data = std::make_unique<Data>();
    readModel(*data, path, root.value(u"model").toObject());
    readAddedTokens(*data, path, root.value(u"added_tokens"));
    data->normalizer = hf::normalizerFromJson(path, root.value(u"normalizer"), QStringLiteral("normalizer"));
    data->preTokenizer = hf::preTokenizerFromJson(path, root.value(u"pre_tokenizer"), QStringLiteral("pre_tokenizer"));
    buildDisplay(*data);
    data->post = readPostProcessor(*data, path, root.value(u"post_processor"), QStringLiteral("post_processor"));
    readConfig(*data, tokenizerConfigPath);
    return std::make_shared<const HfTokenizer>(std::move(data));
}

// Added tokens are found in the typed text first, leftmost and longest, as Hugging Face does.
std::vector<Segment> HfTokenizer::Data::splitAdded(const QString& text) const {
    std::vector<Segment> out;
    const auto n = static_cast<int>(text.size());
    int pos = 0;
    const auto isWordChar = [&](int i) { return text[i].isLetterOrNumber() || text[i] == u'_'; };
    for (int from = 0; !added.empty() && from < n;) {
        const QRegularExpressionMatch m = addedPattern.match(text, from);
        if (!m.hasMatch()) break;
        auto start = static_cast<int>(m.capturedStart()), end = static_cast<int>(m.capturedEnd());
        const AddedToken& t = added[addedIndexOf.value(m.captured())];
        if (t.singleWord && ((start > 0 && isWordChar(start - 1)) || (end < n && isWordChar(end)))) {
            from = start + 1;
            continue;
        }
        while (t.lstrip && start > pos && text[start - 1].isSpace())
            --start;
        while (t.rstrip && end < n && text[end].isSpace())
            ++end;
        if (start > pos) out.push_back({pos, start, -1});
        out.push_back({start, end, addedIndexOf.value(t.content)});
        pos = from = end;
    }
    if (pos < n) out.push_back({pos, n, -1});
    return out;
}

// BPE over one pre-token: its characters (or, byte-level, its bytes' symbols) as initial symbols, a
// character missing from the vocabulary as its "<0xXX>" bytes (byte_fallback) or as unk_token.
// WordPiece: the longest pieces from the word's start.
void HfTokenizer::Data::encodeWord(const hf::AlignedText& word, TokenList& out) const {
    if (kind == ModelKind::WordPiece) {
        wordPiece.encode(vocab, word, out);
        return;
    }
    std::vector<int> symbols;
    std::vector<hf::Span> spans; // (symbols)
    const auto pushUnknown = [&](hf::Span span) {
        if (unkId < 0) return; // no unk_token: the character is dropped, as Hugging Face does
        if (fuseUnk && !symbols.empty() && symbols.back() == unkId) {
            spans.back().end = std::max(spans.back().end, span.end);
            return;
        }
        symbols.push_back(unkId);
        spans.push_back(span);
    };
    const auto whole = [&] {
        hf::Span s{word.spans.front().start, word.spans.front().end};
        for (const hf::Span& u : word.spans) {
            s.start = std::min(s.start, u.start);
            s.end = std::max(s.end, u.end);
        }
        return s;
    };
    if (preTokenizer.byteLevel) {
        const gpt2::WordBytes wb = gpt2::utf8WithCharSpans(word.text);
        if (ignoreMerges) {
            QString symbolText;
            for (const char byte : wb.bytes)
                symbolText += QChar(gpt2::byteToSymbol(static_cast<unsigned char>(byte)));
            if (const int id = vocab.idOf.value(symbolText, -1); id >= 0) {
                const hf::Span s = whole();
                out.push_back({{}, id, 0, 0, s.start, s.end});
                return;
            }
        }
        for (qsizetype i = 0; i < wb.bytes.size(); ++i) {
            const hf::Span span = word.spans[wb.charStart[i]];
            if (const int id = byteSymbolId[static_cast<unsigned char>(wb.bytes[i])]; id >= 0) {
                symbols.push_back(id);
                spans.push_back(span);
            } else {
                pushUnknown(span);
            }
        }
    } else {
        if (ignoreMerges) {
            if (const int id = vocab.idOf.value(word.text, -1); id >= 0) {
                const hf::Span s = whole();
                out.push_back({{}, id, 0, 0, s.start, s.end});
                return;
            }
        }
        for (qsizetype i = 0; i < word.text.size();) {
            const qsizetype length = word.text[i].isHighSurrogate() && i + 1 < word.text.size() ? 2 : 1;
            const QString character = word.text.mid(i, length);
            const hf::Span span = word.spans[i];
            i += length;
            if (const int id = vocab.idOf.value(character, -1); id >= 0) {
                symbols.push_back(id);
                spans.push_back(span);
                continue;
            }
            if (byteFallback) {
                const QByteArray bytes = character.toUtf8();
                const bool all = std::all_of(bytes.begin(), bytes.end(), [&](char b) {
                    return byteFallbackId[static_cast<unsigned char>(b)] >= 0;
                });
                if (all) {
                    for (const char b : bytes) {
                        symbols.push_back(byteFallbackId[static_cast<unsigned char>(b)]);
                        spans.push_back(span);
                    }
                    continue;
                }
            }
            pushUnknown(span);
        }
    }
    const std::vector<BpeMerges::Piece> pieces = cache.get(word.text, [&] { return merges.apply(symbols); });
    int first = 0;
    for (const BpeMerges::Piece& piece : pieces) {
        hf::Span s = spans[first];
        for (int k = first + 1; k < piece.end; ++k) {
            s.start = std::min(s.start, spans[k].start);
            s.end = std::max(s.end, spans[k].end);
        }
        out.push_back({{}, piece.id, 0, 0, s.start, s.end});
        first = piece.end;
    }
}

TokenList HfTokenizer::encode(const QString& text) const {
    const Data& d = *m_data;
    const QString valid = withoutLoneSurrogates(text);
    const auto n = static_cast<int>(valid.size());
    TokenList tokens;
    for (const int id : d.post.before)
        tokens.push_back({{}, id, 0, 0, 0, 0});
    for (const Segment& segment : d.splitAdded(valid)) {
        if (segment.added >= 0) {
            tokens.push_back({{}, d.added[segment.added].id, 0, 0, segment.start, segment.end});
            continue;
        }
        hf::AlignedText normalized = hf::AlignedText::of(valid, segment.start, segment.end);
        if (d.normalizer) normalized = d.normalizer(normalized);
        for (const hf::AlignedText& word : d.preTokenizer.apply(normalized))
            if (!word.text.isEmpty()) d.encodeWord(word, tokens);
    }
    for (const int id : d.post.after)
        tokens.push_back({{}, id, 0, 0, n, n});
    // Code-point offsets from one count over the text (spans may overlap here, so a table, not a SpanCursor).
    std::vector<int> codePointsBefore(n + 1, 0);
    for (int i = 0; i < n; ++i)
        codePointsBefore[i + 1] = codePointsBefore[i] + (valid[i].isLowSurrogate() ? 0 : 1);
    for (Token& t : tokens) {
        t.text = d.display[t.id];
        t.start = codePointsBefore[t.utf16Start];
        t.end = codePointsBefore[t.utf16End];
    }
    return tokens;
}

QString HfTokenizer::decode(int id) const {
    return id >= 0 && id < m_data->size ? m_data->display[id] : QString();
}

int HfTokenizer::vocabSize() const {
    return m_data->size;
}

std::optional<int> HfTokenizer::Data::idOf(const QString& piece) const {
    if (const int id = vocab.idOf.value(piece, -1); id >= 0) return id;
    if (const auto it = addedIndexOf.constFind(piece); it != addedIndexOf.constEnd()) return added[it.value()].id;
    return std::nullopt;
}

std::optional<int> HfTokenizer::idOf(const QString& piece) const {
    return m_data->idOf(piece);
}

std::optional<int> HfTokenizer::bosId() const {
    return m_data->bos;
}

std::optional<int> HfTokenizer::maskId() const {
    return m_data->mask;
}

std::optional<int> HfTokenizer::sepId() const {
    return m_data->post.separator;
}

std::vector<int> HfTokenizer::tokenTypes(const TokenList& tokens) const {
    std::vector<int> types(tokens.size(), 0);
    const std::optional<int> separator = m_data->post.separator;
    const auto first =
        std::find_if(tokens.begin(), tokens.end(), [&](const Token& t) { return t.id == separator; });
    if (separator && first != tokens.end())
        std::fill(types.begin() + (first - tokens.begin()) + 1, types.end(), m_data->post.secondType);
    return types;
}

bool HfTokenizer::isSpecial(int id) const {
    return id >= 0 && id < m_data->size && m_data->special[id];
}

} // namespace qkview
