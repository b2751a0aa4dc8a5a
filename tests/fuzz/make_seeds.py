#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the fuzz targets' seed corpora (corpus/NAME/) from the test fixtures and a few hand-made inputs.
Multi-part inputs join their parts with lines "=====" (fuzz_support.h). Run from anywhere; stdlib only."""
import json
import pathlib
import shutil
import struct

HERE = pathlib.Path(__file__).resolve().parent
DATA = HERE.parent / "data"
ROOT = HERE.parent.parent
SEP = b"\n=====\n"

TEXTS = [
    "The cat sat on the mat.".encode(),
    "naïve café, 日本語のテキスト, 12345!!  spaces   and\ttabs\n".encode(),
    "👩‍👩‍👧‍👦 🇫🇷 e\u0301 ok 😀x".encode(),                 # ZWJ family, flag, combining accent
    "שלום עולם مرحبا بالعالم".encode(),                          # right to left
    b"\x00nul\x01\x7f ctrl\x1b[31m",                            # NUL and control characters
    b"bad \xff\xfe utf-8 \xc3\x28 \xed\xa0\x80 lone surrogate",   # invalid UTF-8
    "[CLS] a [MASK] b [SEP] c <mask> </s> <|endoftext|>".encode(),
    ("x" * 2000).encode(),                                       # one long word
    "\U00010348 \U0001F600 \U000E0001 \U0010FFFD".encode(),      # other planes
]


def write(name, seeds):
    folder = HERE / "corpus" / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for i, data in enumerate(seeds):
        (folder / f"seed-{i:02d}").write_bytes(data)


def safetensors(tensors, metadata=None):
    """tensors: (name, dtype, shape, bytes) in order."""
    header, offset = {}, 0
    if metadata:
        header["__metadata__"] = metadata
    for name, dtype, shape, data in tensors:
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
    text = json.dumps(header).encode()
    return struct.pack("<Q", len(text)) + text + b"".join(t[3] for t in tensors)


def small_safetensors():
    f32 = struct.pack("<6f", 0.5, -1.0, 2.0, 0.0, 1e-8, 3.5)
    f16 = struct.pack("<4H", 0x3C00, 0x7C00, 0x0001, 0xFBFF)
    bf16 = struct.pack("<4H", 0x3F80, 0x7FC0, 0x0001, 0xFF7F)
    return [
        safetensors([("a.weight", "F32", [2, 3], f32), ("b", "F16", [4], f16), ("c", "BF16", [2, 2], bf16)],
                    {"format": "pt"}),
        safetensors([("scalar", "F32", [], f32[:4]), ("mask", "BOOL", [3], b"\x01\x00\x01"),
                     ("ids", "I64", [1], struct.pack("<q", 7)), ("empty", "F32", [0, 5], b"")]),
        safetensors([]),
    ]


def lessons():
    full = {"format": "qkview-lesson", "version": 1, "model": "tiny", "text": TEXTS[2].decode(), "tab": "math",
            "options": {"scale": True, "causal": True, "temperature": 0.5},
            "selection": {"layer": 2, "head": 1, "query": 4, "key": -1},
            "view": {"what": "scaled_scores", "colormap": "magma_r", "color_scale": "log", "pairs": "a_to_b",
                     "numbers": True, "cell_size": 24.5}}
    return [json.dumps(full, ensure_ascii=False).encode(),
            json.dumps(full, indent=2).encode(),
            b'{"format": "qkview-lesson", "version": 1}',
            b'{"format": "qkview-lesson", "version": 2, "text": "newer"}',
            b'{"format": "qkview-lesson", "version": 1, "selection": {"layer": -1}, "view": {"cell_size": 1e400}}',
            json.dumps(dict(full, model="/models/gpt2 small", text=TEXTS[4].decode("latin-1"))).encode()]


def main():
    write("safetensors", small_safetensors() + [(DATA / "gpt2" / "sharded_bf16" / "model-00002-of-00002.safetensors").read_bytes()])
    configs = sorted(DATA.glob("*/*/config.json"))
    write("config", [p.read_bytes() for p in configs] + [(ROOT / "resources" / "tiny" / "heads.json").read_bytes()])
    gpt2 = DATA / "gpt2" / "tiny_prefixed_f32"
    write("gpt2_files", [SEP.join([(gpt2 / "vocab.json").read_bytes(), (gpt2 / "merges.txt").read_bytes(), t])
                         for t in TEXTS[:6]])
    tokenizer_jsons = sorted(DATA.glob("hf_tokenizer/*.json")) + sorted(DATA.glob("llama/*/tokenizer.json"))
    tokenizer_jsons = [p for p in tokenizer_jsons if not p.name.endswith("_config.json")]
    sp_config = (DATA / "hf_tokenizer" / "sentencepiece_config.json").read_bytes()
    write("tokenizer_json", [SEP.join([p.read_bytes(), sp_config if "sentencepiece" in p.name else b"", TEXTS[i % len(TEXTS)]])
                             for i, p in enumerate(tokenizer_jsons)])
    bert = DATA / "bert" / "bert_prefixed_f32"
    write("vocab_txt", [SEP.join([(bert / "vocab.txt").read_bytes(), (bert / "tokenizer_config.json").read_bytes(), t])
                        for t in TEXTS[:7]] + [SEP.join([(bert / "vocab.txt").read_bytes(), b"", TEXTS[1]])])
    write("text", TEXTS)
    write("lesson", lessons())


if __name__ == "__main__":
    main()
