#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the tiny hand-made WordPiece fixtures of wordpiece_tokenizer_test.cpp: vocab.txt and
tokenizer_config.json (what BertTokenizer reads), and tokenizer.json, the same tokenizer as Hugging Face's
tokenizers writes it. Run from this folder: python3 make_fixtures.py"""
import json

pieces = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "un", "##aff", "##able", "cafe", "ca", "##fe",
          "naive", ",", ".", "!", "日", "本", "hello", "##s", "a", "##a", "play", "##ing", "[unused0]"]
vocab = {p: i for i, p in enumerate(pieces)}
assert len(vocab) == len(pieces)

with open("vocab.txt", "w", encoding="utf-8") as f:
    f.write("".join(p + "\n" for p in pieces))

with open("tokenizer_config.json", "w", encoding="utf-8") as f:
    json.dump({"do_lower_case": True, "model_max_length": 512, "unk_token": "[UNK]", "sep_token": "[SEP]",
               "pad_token": "[PAD]", "cls_token": "[CLS]", "mask_token": "[MASK]"}, f, indent=1)
    f.write("\n")


def added(content):
    return {"id": vocab[content], "content": content, "single_word": False, "lstrip": False, "rstrip": False,
            "normalized": False, "special": True}


def special(content):
    return {"id": content, "ids": [vocab[content]], "tokens": [content]}


with open("tokenizer.json", "w", encoding="utf-8") as f:
    json.dump({
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [added(t) for t in ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]],
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                       "strip_accents": None, "lowercase": True},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
            "special_tokens": {"[CLS]": special("[CLS]"), "[SEP]": special("[SEP]")}},
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": 100, "vocab": vocab},
    }, f, ensure_ascii=False, indent=1)
    f.write("\n")
