#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the tiny hand-made tokenizer.json fixtures of hf_tokenizer_test.cpp, one per feature.
Run from this folder: python3 make_fixtures.py"""
import json


def byte_symbol(b):  # GPT-2's bytes_to_unicode
    printable = lambda x: 33 <= x <= 126 or 161 <= x <= 172 or x >= 174
    return chr(b) if printable(b) else chr(256 + sum(1 for x in range(b) if not printable(x)))


def sym(text):
    return "".join(byte_symbol(b) for b in text.encode())


def bpe(vocab_pieces, merges, **extra):
    vocab = {}
    for p in vocab_pieces:
        vocab.setdefault(p, len(vocab))
    for m in merges:
        a, b = m.split(" ") if isinstance(m, str) else m
        vocab.setdefault(a + b, len(vocab))
    return dict({"type": "BPE", "dropout": None, "vocab": vocab, "merges": merges}, **extra)


def added(content, id, special=True, **flags):
    return dict({"id": id, "content": content, "single_word": False, "lstrip": False, "rstrip": False,
                 "normalized": False, "special": special}, **flags)


def write(name, tokenizer):
    with open(name, "w", encoding="utf-8") as f:
        json.dump(dict({"version": "1.0", "truncation": None, "padding": None, "added_tokens": [],
                        "normalizer": None, "pre_tokenizer": None, "post_processor": None, "decoder": None},
                       **tokenizer), f, ensure_ascii=False, indent=1)
        f.write("\n")


# SentencePiece-style BPE (Llama 2, Mistral): Prepend("▁") + Replace(" " → "▁"), byte fallback, <s> template.
sp_merges = [["▁", "h"], ["e", "l"], ["▁h", "el"], ["l", "o"], ["▁hel", "lo"], ["▁", "w"], ["o", "r"],
             ["▁w", "or"], ["l", "d"], ["▁wor", "ld"]]
sp_vocab = ["<unk>", "<s>", "</s>", "<0xE2>", "<0x80>", "<0x94>", "▁", "h", "e", "l", "o", "w", "r", "d"]
write("sentencepiece.json", {
    "added_tokens": [added("<unk>", 0), added("<s>", 1), added("</s>", 2)],
    "normalizer": {"type": "Sequence", "normalizers": [
        {"type": "Prepend", "prepend": "▁"},
        {"type": "Replace", "pattern": {"String": " "}, "content": "▁"}]},
    "post_processor": {"type": "TemplateProcessing",
                       "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
                       "pair": [], "special_tokens": {"<s>": {"id": "<s>", "ids": [1], "tokens": ["<s>"]}}},
    "model": bpe(sp_vocab, [" ".join(m) for m in sp_merges], unk_token="<unk>", fuse_unk=True, byte_fallback=True),
})
# The same without a template: tokenizer_config.json's add_bos_token decides.
write("sentencepiece_no_template.json", {
    "added_tokens": [added("<unk>", 0), added("<s>", 1), added("</s>", 2)],
    "pre_tokenizer": {"type": "Metaspace", "replacement": "▁", "add_prefix_space": True},
    "model": bpe(sp_vocab, [" ".join(m) for m in sp_merges], unk_token="<unk>", fuse_unk=True, byte_fallback=True),
})
with open("sentencepiece_config.json", "w") as f:
    json.dump({"add_bos_token": True, "add_eos_token": True, "bos_token": {"content": "<s>"}, "eos_token": "</s>"}, f)
    f.write("\n")

# GPT-2 style byte-level BPE: ByteLevel(add_prefix_space, use_regex); merges as [a, b] arrays.
bl_bytes = [byte_symbol(b) for b in range(256)]
bl_merges = [[sym("h"), sym("e")], [sym("l"), sym("l")], [sym("he"), sym("ll")], [sym("hell"), sym("o")],
             [sym(" "), sym("w")], [sym("o"), sym("r")], [sym(" w"), sym("or")], [sym("l"), sym("d")],
             [sym(" wor"), sym("ld")], [sym(" "), sym("h")], [sym(" h"), sym("e")], [sym(" he"), sym("ll")],
             [sym(" hell"), sym("o")], [byte_symbol(0xE2), byte_symbol(0x80)]]
write("byte_level.json", {
    "added_tokens": [added("<|endoftext|>", 256 + len(bl_merges))],
    "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
    "post_processor": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": False, "use_regex": True},
    "model": bpe(bl_bytes, bl_merges),
})

# Llama 3 style: Split(Regex, Isolated) then ByteLevel(use_regex=false), ignore_merges; a BOS template.
l3_pattern = ("(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*"
              "|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+")
l3_merges = [" ".join(m) for m in [[sym("1"), sym("2")], [sym("12"), sym("3")], [sym("4"), sym("5")]]]
write("split_ignore_merges.json", {
    "added_tokens": [added("<|begin_of_text|>", 300)],
    "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
        {"type": "Split", "pattern": {"Regex": l3_pattern}, "behavior": "Isolated", "invert": False},
        {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": False}]},
    "post_processor": {"type": "Sequence", "processors": [
        {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": False, "use_regex": True},
        {"type": "TemplateProcessing",
         "single": [{"SpecialToken": {"id": "<|begin_of_text|>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
         "pair": [], "special_tokens": {"<|begin_of_text|>": {"id": "<|begin_of_text|>", "ids": [300], "tokens": ["<|begin_of_text|>"]}}}]},
    # "Ġhello" is a vocabulary entry no merge path reaches: only ignore_merges finds it.
    "model": bpe(bl_bytes + [sym(" hello")], l3_merges, ignore_merges=True),
})

# NFKC normalizer, Whitespace pre-tokenizer, unknown characters as unk, added tokens with flags.
write("nfkc_added.json", {
    "added_tokens": [added("[UNK]", 0), added("<mask>", 8, lstrip=True, rstrip=True),
                     added("cat", 9, special=False, single_word=True)],
    "normalizer": {"type": "Sequence", "normalizers": [{"type": "NFKC"}]},
    "pre_tokenizer": {"type": "Whitespace"},
    "model": bpe(["[UNK]", "f", "i", "A", "c", "a", "t"], ["f i"], unk_token="[UNK]", fuse_unk=False),
})
