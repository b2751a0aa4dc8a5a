// SPDX-License-Identifier: MIT
// Encodes every text of a corpus with the peer implementation, Hugging Face's Tokenizers.js
// (@huggingface/tokenizers), for every tokenizer folder fetched by tools/fetch_hf_tokenizers.sh, and writes
// {"texts": [...], "ids": {"llama2": [[...], ...], ...}} for hf_tokenizer_test.cpp (and, for "bert",
// wordpiece_tokenizer_test.cpp) to compare with.
// Usage: node make_expected.mjs FETCHED_DIR CORPUS OUT_JSON [NAME...]   (default names: llama2 llama3 qwen3)
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [fetched, corpusPath, outPath, ...names] = process.argv.slice(2);
const { Tokenizer } = await import(pathToFileURL(path.join(fetched, "peer", "tokenizers.mjs")).href);

// "## " lines are comments; \n and \t in a text stand for a newline and a tab (and \r for a return).
const texts = fs.readFileSync(corpusPath, "utf8").split("\n").slice(0, -1)
    .filter((line) => !line.startsWith("## "))
    .map((line) => line.replaceAll("\\n", "\n").replaceAll("\\t", "\t").replaceAll("\\r", "\r"));

const ids = {};
for (const name of names.length ? names : ["llama2", "llama3", "qwen3"]) {
    const dir = path.join(fetched, name);
    if (!fs.existsSync(path.join(dir, "tokenizer.json"))) continue;
    const read = (file) => JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
    const tokenizer = new Tokenizer(read("tokenizer.json"), read("tokenizer_config.json"));
    ids[name] = texts.map((text) => tokenizer.encode(text).ids);
}
fs.writeFileSync(outPath + ".tmp", JSON.stringify({ texts, ids }));
fs.renameSync(outPath + ".tmp", outPath);
