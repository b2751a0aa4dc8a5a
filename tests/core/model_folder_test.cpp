// SPDX-License-Identifier: MIT
// Model folders: one broken folder per failure (a table of edits to copies of the fixtures), each
// refused with the right kind and a message naming what is wrong; progress and cancellation.
#include "base/error.h"
#include "gpt2_test_folder.h"
#include "weights/model_folder.h"

#include <QJsonArray>
#include <QTemporaryDir>

#include <functional>
#include <limits>

namespace qkview {
namespace {

using namespace test;

QString fixture(const char* name) { return QStringLiteral(QKVIEW_TEST_DATA "/gpt2/") + QLatin1StringView(name); }

// Edits a tensor list: drops names, replaces or appends tensors.
void rewriteTensors(const QString& path, const std::function<void(std::vector<TensorBytes>&)>& edit) {
    std::vector<TensorBytes> tensors = readTensors(path);
    edit(tensors);
    writeSafetensors(path, tensors);
}

void dropTensor(std::vector<TensorBytes>& tensors, const QString& name) {
    std::erase_if(tensors, [&](const TensorBytes& t) { return t.name == name; });
}

void editConfig(const QDir& dir, const std::function<void(QJsonObject&)>& edit) {
    QJsonObject config = readJson(dir.filePath(QStringLiteral("config.json")));
    edit(config);
    writeJson(dir.filePath(QStringLiteral("config.json")), config);
}

// Points the sharded index's entry for the token embedding at another file.
void mapEmbeddingTo(const QDir& dir, const QString& file) {
    const QString path = dir.filePath(QStringLiteral("model.safetensors.index.json"));
    QJsonObject index = readJson(path);
    QJsonObject map = index.value(u"weight_map").toObject();
    map.insert(QStringLiteral("transformer.wte.weight"), file);
    index.insert(QStringLiteral("weight_map"), map);
    writeJson(path, index);
}

struct BrokenFolder {
    const char* label;
    const char* from; // fixture folder copied first
    std::function<void(const QDir&)> edit;
    Error::Kind kind;
    std::vector<std::string> messageParts;
};

std::vector<BrokenFolder> brokenFolders() {
    using K = Error::Kind;
    const char* tiny = "tiny_prefixed_f32";
    const auto model = [](const QDir& d) { return d.filePath(QStringLiteral("model.safetensors")); };
    const auto setConfig = [](const char* key, QJsonValue value) {
        return [key, value](const QDir& d) {
            editConfig(d, [&](QJsonObject& c) { c.insert(QLatin1StringView(key), value); });
        };
    };
    return {
        {"no config.json", tiny, [](const QDir& d) { QFile::remove(d.filePath(QStringLiteral("config.json"))); }, K::InvalidModel,
         {"no config.json", "model.safetensors"}},
        {"config not JSON", tiny, [](const QDir& d) { writeFile(d.filePath(QStringLiteral("config.json")), "{\"n_layer\": "); },
         K::InvalidModel, {"config.json", "not valid JSON"}},
        {"n_head 0", tiny, setConfig("n_head", 0), K::InvalidModel, {"n_head must be an integer from 1", "got 0"}},
        {"n_embd not divisible by n_head", tiny, setConfig("n_head", 3), K::InvalidModel,
         {"n_embd (16) must be divisible by n_head (3)"}},
        {"n_layer a string", tiny, setConfig("n_layer", QStringLiteral("two")), K::InvalidModel, {"n_layer", "\"two\""}},
        {"a million layers", tiny, setConfig("n_layer", 1000000), K::InvalidModel,
         {"n_layer must be an integer from 1 to 1024", "1000000"}},
        {"empty model.safetensors", tiny, [model](const QDir& d) { writeFile(model(d), ""); }, K::InvalidModel,
         {"model.safetensors", "0 bytes"}},
        {"n_positions fractional", tiny, setConfig("n_positions", 2.5), K::InvalidModel, {"n_positions", "2.5"}},
        {"n_embd absurd", tiny, setConfig("n_embd", 1e12), K::InvalidModel, {"n_embd must be an integer"}},
        {"layer_norm_epsilon negative", tiny, setConfig("layer_norm_epsilon", -1), K::InvalidModel,
         {"layer_norm_epsilon", "-1"}},
        {"vocab_size missing", tiny,
         [](const QDir& d) { editConfig(d, [](QJsonObject& c) { c.remove(QStringLiteral("vocab_size")); }); },
         K::InvalidModel, {"vocab_size", "got nothing"}},
        {"another model type", tiny, setConfig("model_type", QStringLiteral("gemma")), K::InvalidModel,
         {"model_type is \"gemma\"", "GPT-2", "Llama", "Qwen3"}},
        {"another activation", tiny, setConfig("activation_function", QStringLiteral("relu")), K::InvalidModel,
         {"activation_function is \"relu\""}},
        {"missing tensors", tiny,
         [model](const QDir& d) {
             rewriteTensors(model(d), [](std::vector<TensorBytes>& t) {
                 dropTensor(t, QStringLiteral("transformer.h.1.mlp.c_fc.bias"));
                 dropTensor(t, QStringLiteral("transformer.ln_f.weight"));
             });
         },
         K::InvalidModel, {"missing tensors", "'h.1.mlp.c_fc.bias' [64]", "'ln_f.weight' [16]"}},
        {"wrong shape", tiny,
         [model](const QDir& d) {
             rewriteTensors(model(d), [](std::vector<TensorBytes>& t) {
                 dropTensor(t, QStringLiteral("transformer.wpe.weight"));
                 t.push_back({QStringLiteral("transformer.wpe.weight"), "F32", {31, 16},
                              floatBytes(std::vector<float>(31 * 16, 0.5f))});
             });
         },
         K::InvalidModel, {"wrong shapes", "'transformer.wpe.weight' expected [32, 16], got [31, 16]"}},
        {"unknown tensor", tiny,
         [model](const QDir& d) {
             rewriteTensors(model(d), [](std::vector<TensorBytes>& t) {
                 t.push_back({QStringLiteral("transformer.h.2.attn.c_attn.weight"), "F32", {2}, floatBytes({1, 2})});
             });
         },
         K::InvalidModel, {"tensors GPT-2 does not have", "'transformer.h.2.attn.c_attn.weight' [2]"}},
        {"lm_head of another shape", tiny,
         [model](const QDir& d) {
             rewriteTensors(model(d), [](std::vector<TensorBytes>& t) {
                 dropTensor(t, QStringLiteral("lm_head.weight"));
                 t.push_back({QStringLiteral("lm_head.weight"), "F32", {2, 16}, floatBytes(std::vector<float>(32))});
             });
         },
         K::InvalidModel, {"does not have", "'lm_head.weight' [2, 16]"}},
        {"NaN in a weight", tiny,
         [model](const QDir& d) {
             rewriteTensors(model(d), [](std::vector<TensorBytes>& t) {
                 std::vector<float> values(16 * 64, 0.25f);
                 values[2 * 64 + 5] = std::numeric_limits<float>::quiet_NaN();
                 values[3 * 64] = -std::numeric_limits<float>::infinity();
                 dropTensor(t, QStringLiteral("transformer.h.1.mlp.c_fc.weight"));
                 t.push_back({QStringLiteral("transformer.h.1.mlp.c_fc.weight"), "F32", {16, 64}, floatBytes(values)});
             });
         },
         K::InvalidModel, {"NaN or infinite", "'transformer.h.1.mlp.c_fc.weight' has 2 of 1024 values", "nan at [2, 5]"}},
        {"infinity in a half-precision weight", "sharded_bf16",
         [](const QDir& d) {
             const QString shard = d.filePath(QStringLiteral("model-00001-of-00002.safetensors"));
             rewriteTensors(shard, [](std::vector<TensorBytes>& t) {
                 for (TensorBytes& tensor : t)
                     if (tensor.name.endsWith(QStringLiteral("ln_f.bias")) || tensor.name.endsWith(QStringLiteral("wpe.weight"))) {
                         tensor.data[tensor.data.size() - 2] = '\x80'; // BF16 0x7f80 at the last element: +Inf
                         tensor.data[tensor.data.size() - 1] = '\x7f';
                         return;
                     }
                 FAIL() << "no tensor to spoil in the first shard";
             });
         },
         K::InvalidModel, {"NaN or infinite", "has 1 of", "the first inf at"}},
        {"tensor stored twice", tiny,
         [model](const QDir& d) {
             rewriteTensors(model(d), [](std::vector<TensorBytes>& t) {
                 TensorBytes copy = t.front();
                 copy.name = copy.name.mid(12); // without "transformer."
                 t.push_back(copy);
             });
         },
         K::InvalidModel, {"stored twice"}},
        {"unreadable dtype", tiny,
         [model](const QDir& d) {
             rewriteTensors(model(d), [](std::vector<TensorBytes>& t) {
                 dropTensor(t, QStringLiteral("transformer.ln_f.bias"));
                 t.push_back({QStringLiteral("transformer.ln_f.bias"), "I32", {16}, QByteArray(64, '\0')});
             });
         },
         K::InvalidModel, {"other than F32, F16 or BF16", "'transformer.ln_f.bias' is I32"}},
        {"tensor past the end of the file", tiny,
         [model](const QDir& d) {
             const QByteArray bytes = readFile(model(d));
             writeFile(model(d), bytes.chopped(4));
         },
         K::InvalidModel, {"model.safetensors", "data section has"}},
        {"pytorch_model.bin only", tiny,
         [model](const QDir& d) {
             QFile::remove(model(d));
             writeFile(d.filePath(QStringLiteral("pytorch_model.bin")), "PK\x03\x04 not opened");
         },
         K::InvalidModel,
         {"only pytorch_model.bin", "pickle", "run any code", "safetensors", "save_pretrained(",
          "safe_serialization=True"}},
        {"no weights", tiny, [model](const QDir& d) { QFile::remove(model(d)); }, K::InvalidModel,
         {"has no model.safetensors"}},
        {"index names a missing shard", "sharded_bf16",
         [](const QDir& d) { QFile::remove(d.filePath(QStringLiteral("model-00002-of-00002.safetensors"))); }, K::InvalidModel,
         {"model.safetensors.index.json", "model-00002-of-00002.safetensors", "not in"}},
        {"index reaches outside the folder", "sharded_bf16",
         [](const QDir& d) { mapEmbeddingTo(d, QStringLiteral("../tiny_prefixed_f32/model.safetensors")); },
         K::InvalidModel, {"'transformer.wte.weight'", "expected a file name in the folder"}},
        {"index puts a tensor in the wrong shard", "sharded_bf16",
         [](const QDir& d) { mapEmbeddingTo(d, QStringLiteral("model-00002-of-00002.safetensors")); },
         K::InvalidModel, {"'transformer.wte.weight' in model-00002-of-00002.safetensors", "no such tensor"}},
        {"no tokenizer", tiny, [](const QDir& d) { QFile::remove(d.filePath(QStringLiteral("vocab.json"))); }, K::InvalidModel,
         {"no tokenizer", "expected tokenizer.json, or vocab.json and merges.txt"}},
        {"tokenizer larger than the vocabulary", tiny, setConfig("vocab_size", 200), K::InvalidModel,
         {"tokenizer has 297 tokens", "vocab_size is 200"}},
    };
}

TEST(ModelFolderTest, EveryBrokenFolderIsRefusedWithItsReason) {
    QTemporaryDir root;
    int n = 0;
    for (const BrokenFolder& c : brokenFolders()) {
        SCOPED_TRACE(c.label);
        const QDir dir(root.filePath(QString::number(n++)));
        copyFolder(fixture(c.from), dir.path());
        c.edit(dir);
        try {
            loadModelFolder(dir.path());
            ADD_FAILURE() << "loaded a broken folder";
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), c.kind) << e.what();
            const std::string message = e.what();
            for (const std::string& part : c.messageParts)
                EXPECT_NE(message.find(part), std::string::npos) << "message \"" << message << "\" lacks \"" << part << "\"";
        }
    }
}

TEST(ModelFolderTest, AModelLargerThanTheAvailableMemoryIsRefusedBeforeReading) {
    qputenv("QKVIEW_AVAILABLE_MEMORY", "1000");
    bool readAWeight = false;
    try {
        loadModelFolder(fixture("tiny_prefixed_f32"), [&](double, const QString& message) {
            readAWeight = readAWeight || message.startsWith(QStringLiteral("Reading transformer."));
            return true;
        });
        ADD_FAILURE() << "loaded a model larger than the memory";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), Error::Kind::InvalidModel);
        EXPECT_NE(std::string(e.what()).find("of memory for its weights as float32, but only 0.0 MiB is available"),
                  std::string::npos) << e.what();
    }
    EXPECT_FALSE(readAWeight);
    qunsetenv("QKVIEW_AVAILABLE_MEMORY");
    EXPECT_TRUE(loadModelFolder(fixture("tiny_prefixed_f32")));
}

TEST(ModelFolderTest, APathThatIsNotAFolderIsAnIoError) {
    try {
        loadModelFolder(fixture("tiny_prefixed_f32/config.json"));
        FAIL() << "loaded a file as a folder";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), Error::Kind::Io);
    }
}

TEST(ModelFolderTest, ProgressRisesToOneAndCanCancelAtAnyStep) {
    for (const char* folder : {"tiny_prefixed_f32", "sharded_bf16"}) {
        SCOPED_TRACE(folder);
        std::vector<double> fractions;
        const auto model = loadModelFolder(fixture(folder), [&](double f, const QString& message) {
            EXPECT_FALSE(message.isEmpty());
            fractions.push_back(f);
            return true;
        });
        ASSERT_TRUE(model);
        ASSERT_GT(fractions.size(), 10u);
        EXPECT_EQ(fractions.front(), 0.0);
        EXPECT_EQ(fractions.back(), 1.0);
        EXPECT_TRUE(std::is_sorted(fractions.begin(), fractions.end()));
        // Cancel at the first, a middle and the last report: always Error(Cancelled), never a model.
        for (size_t stop : {size_t{0}, fractions.size() / 2, fractions.size() - 1}) {
            size_t calls = 0;
            try {
                loadModelFolder(fixture(folder), [&](double, const QString&) { return calls++ < stop; });
                ADD_FAILURE() << "not cancelled at report " << stop;
            } catch (const Error& e) {
                EXPECT_EQ(e.kind(), Error::Kind::Cancelled);
                EXPECT_NE(std::string(e.what()).find("cancelled"), std::string::npos);
                EXPECT_EQ(calls, stop + 1);
            }
        }
    }
}

} // namespace
} // namespace qkview
