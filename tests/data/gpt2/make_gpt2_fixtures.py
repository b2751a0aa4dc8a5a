#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Small random GPT-2 checkpoints in Hugging Face's folder layout, and their reference outputs.

Run with Debian's python3 (apt install python3-torch):  /usr/bin/python3 tests/data/gpt2/make_gpt2_fixtures.py
Writes three folders next to this script and reference.json. The reference runs gpt2_reference.forward
in float64 on the weights as stored (after rounding to F16/BF16), so the C++ (float32) is checked against
an independent implementation; tests allow 1e-4.
"""
import json
import pathlib

import torch

import gpt2_reference as ref

HERE = pathlib.Path(__file__).resolve().parent
SAMPLE = ("the cat sat on the mat and the dog sat on the log while the cat saw the dog "
          "then the dog ran to the cat and they sat together on the mat in the sun")

MODELS = [
    # Two layers of two heads, 16 wide; names with "transformer.", a tied lm_head copy; vocab.json + merges.txt.
    {"folder": "tiny_prefixed_f32", "seed": 11, "dtype": torch.float32, "prefix": True, "extras": "lm_head",
     "tokenizer_json": False,
     "config": {"n_layer": 2, "n_head": 2, "n_embd": 16, "n_positions": 32, "layer_norm_epsilon": 1e-5,
                "_name_or_path": "qkview/tiny-gpt2"}},
    # Three layers of four heads, 32 wide, F16; plain names, legacy attn.bias (U8) and attn.masked_bias
    # buffers; the context given as n_ctx; tokenizer.json.
    {"folder": "small_f16_n_ctx", "seed": 22, "dtype": torch.float16, "prefix": False, "extras": "buffers",
     "tokenizer_json": True,
     "config": {"n_layer": 3, "n_head": 4, "n_embd": 32, "n_ctx": 24, "layer_norm_epsilon": 1e-5}},
    # Two layers of four heads, 32 wide with an MLP of 48, BF16, in two shards with an index.
    {"folder": "sharded_bf16", "seed": 33, "dtype": torch.bfloat16, "prefix": True, "extras": "", "shards": 2,
     "tokenizer_json": False,
     "config": {"n_layer": 2, "n_head": 4, "n_embd": 32, "n_inner": 48, "n_positions": 16,
                "layer_norm_epsilon": 1e-6}},
]

CASES = [
    {"ids": [5, 101, 290, 17, 256, 33, 7], "scale": True, "temperature": 1.0},
    {"ids": [270, 3, 99, 12], "scale": False, "temperature": 0.7},
]


def as_list(t):
    if t.dim() == 1:
        return [float(f"{v:.7g}") for v in t.tolist()]
    return [as_list(row) for row in t]


def write_model(model, merges):
    folder = HERE / model["folder"]
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    vocab = ref.write_tokenizer_files(folder, merges, model["tokenizer_json"])
    cfg = dict(model["config"], vocab_size=len(vocab), model_type="gpt2", activation_function="gelu_new",
               architectures=["GPT2LMHeadModel"])
    (folder / "config.json").write_text(json.dumps(cfg, indent=2))
    cfg.setdefault("n_positions", cfg.get("n_ctx"))

    stored = {k: v.to(model["dtype"]) for k, v in ref.random_parameters(cfg, model["seed"]).items()}
    exact = {k: v.to(torch.float64) for k, v in stored.items()}  # what the C++ reads, in float64
    tensors = {}
    prefix = "transformer." if model["prefix"] else ""
    for name, t in stored.items():
        tensors[prefix + name] = t
    P = cfg["n_positions"]
    for l in range(cfg["n_layer"]):
        if model["extras"] == "buffers":
            tensors[f"h.{l}.attn.bias"] = torch.tril(torch.ones(P, P, dtype=torch.uint8)).view(1, 1, P, P)
            tensors[f"h.{l}.attn.masked_bias"] = torch.tensor(-1e4, dtype=torch.float32)
    if model["extras"] == "lm_head":
        tensors["lm_head.weight"] = stored["wte.weight"].clone()

    shards = model.get("shards", 1)
    if shards == 1:
        ref.write_safetensors(folder / "model.safetensors", tensors, {"format": "pt"})
    else:
        names = list(tensors)
        per = (len(names) + shards - 1) // shards
        weight_map = {}
        for s in range(shards):
            file = f"model-{s + 1:05d}-of-{shards:05d}.safetensors"
            part = {n: tensors[n] for n in names[s * per:(s + 1) * per]}
            ref.write_safetensors(folder / file, part, {"format": "pt"})
            weight_map.update({n: file for n in part})
        total = sum(t.numel() * t.element_size() for t in tensors.values())
        index = {"metadata": {"total_size": total}, "weight_map": weight_map}
        (folder / "model.safetensors.index.json").write_text(json.dumps(index, indent=2))

    cases = []
    for case in CASES:
        layers, top = ref.forward(exact, cfg, case["ids"], case["scale"], case["temperature"])
        cases.append({
            "ids": case["ids"], "options": {"scale": case["scale"], "temperature": case["temperature"]},
            "layers": [{
                "input": as_list(layer["input"]), "output": as_list(layer["output"]),
                "heads": [{"q": as_list(layer["q"][h]), "k": as_list(layer["k"][h]), "v": as_list(layer["v"][h]),
                           "scores": as_list(layer["scores"][h]), "scaled_scores": as_list(layer["scaled_scores"][h]),
                           "weights": as_list(layer["weights"][h]), "output": as_list(layer["head_output"][h])}
                          for h in range(cfg["n_head"])]}
                for layer in layers],
            "next_tokens": [{"id": i, "p": float(f"{p:.7g}")} for i, p in top],
        })
    parameters = sum(t.numel() for n, t in stored.items())
    return {"folder": model["folder"], "config": cfg, "parameters": parameters, "cases": cases}


def main():
    merges = ref.train_merges(SAMPLE, 40)
    out = {"models": [write_model(m, merges) for m in MODELS]}
    path = HERE / "reference.json"
    path.write_text(json.dumps(out, separators=(",", ":")))
    total = sum(f.stat().st_size for f in HERE.rglob("*") if f.is_file() and f.suffix != ".py")
    print(f"wrote {path.name} and {len(MODELS)} model folders: {total} bytes of fixtures")


if __name__ == "__main__":
    main()
