#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Reference numbers for qkview's lenses (core/lenses/lenses.h), computed in PyTorch from the papers'
formulas on two committed random checkpoints: a GPT-2 (tests/data/gpt2/tiny_prefixed_f32) and a Llama 3
with grouped key/value heads (tests/data/llama/llama3_gqa_bf16). Writes reference.json beside this file:
per model the token ids, and per layer and head the value norms ‖v_j W_O^h‖, the value-weighted
attention α_ij·‖v_j W_O^h‖, the head scores, the principal axes of the head's queries and keys together
(NumPy's SVD), and per layer the attention rollout. Independent of the C++:
the forward passes are tests/data/{gpt2,llama}/*_reference.py. Run with Debian's python3-torch."""
import json
import pathlib
import sys

import numpy
import torch

HERE = pathlib.Path(__file__).resolve().parent
DATA = HERE.parent
sys.path.insert(0, str(DATA / "gpt2"))
sys.path.insert(0, str(DATA / "llama"))
import gpt2_reference as gpt2  # noqa: E402
import llama_reference as llama  # noqa: E402

IDS = [5, 17, 42, 8, 99, 5, 17, 42, 61, 3, 5, 17]  # repeats, so induction has something to measure


def output_rows_gpt2(params, layer, head, hs):
    """Head h's rows of GPT-2's c_proj (stored in → out): (hs, C)."""
    return params[f"h.{layer}.attn.c_proj.weight"][head * hs:(head + 1) * hs, :]


def output_rows_llama(params, layer, head, hs):
    """Head h's columns of o_proj (stored out × in), as rows: (hs, C)."""
    return params[f"model.layers.{layer}.self_attn.o_proj.weight"][:, head * hs:(head + 1) * hs].T


def head_scores(w, ids):
    T = w.shape[0]
    rows = range(1, T)
    scores = {"previous_token": sum(w[i, i - 1].item() for i in rows) / (T - 1),
              "first_token": sum(w[i, 0].item() for i in rows) / (T - 1),
              "self": sum(w[i, i].item() for i in rows) / (T - 1)}
    picked = []
    for i in range(T):
        earlier = [j for j in range(i) if ids[j] == ids[i]]
        if earlier:
            picked.append(w[i, earlier[-1] + 1].item())
    scores["induction"] = sum(picked) / len(picked) if picked else None
    return scores


def qk_axes(q, k):
    """The first two principal axes (hs, 2) of the queries and keys stacked, by NumPy's SVD, and the projected
    points (2T, 2); each axis's sign is arbitrary (the test compares up to sign). First, as AttentionViz does,
    the keys are translated onto the queries' mean and both scaled to one mean length (q·s, k/s)."""
    q, k = q.numpy(), k.numpy()
    k = k - k.mean(axis=0) + q.mean(axis=0)
    s = numpy.sqrt(numpy.linalg.norm(k, axis=1).mean() / numpy.linalg.norm(q, axis=1).mean())
    points = numpy.concatenate([q * s, k / s])
    points = points - points.mean(axis=0)
    _, _, vt = numpy.linalg.svd(points, full_matrices=False)
    axes = vt[:2].T
    return axes, points @ axes


def lenses(layers, ids, output_rows, value_of_head, key_of_head):
    out = {"ids": ids, "layers": []}
    rollout = None
    T = len(ids)
    for l, layer in enumerate(layers):
        heads = []
        NH = layer["weights"].shape[0]
        for h in range(NH):
            w = layer["weights"][h]                       # (T, T)
            v = value_of_head(layer, h)                   # (T, hs)
            norms = (v @ output_rows(l, h, v.shape[1])).norm(dim=1)  # (T)
            axes, points = qk_axes(layer["q"][h], key_of_head(layer, h))
            heads.append({"value_norms": norms.tolist(), "value_weighted": (w * norms[None, :]).tolist(),
                          "scores": head_scores(w, ids), "qk_axes": axes.tolist(), "qk_points": points.tolist()})
        mixed = 0.5 * layer["weights"].mean(dim=0) + 0.5 * torch.eye(T, dtype=layer["weights"].dtype)
        mixed = mixed / mixed.sum(dim=1, keepdim=True)
        rollout = mixed if rollout is None else mixed @ rollout
        out["layers"].append({"heads": heads, "rollout": rollout.tolist()})
    return out


def main():
    folder = DATA / "gpt2" / "tiny_prefixed_f32"
    cfg = json.loads((folder / "config.json").read_text())
    params = {k.removeprefix("transformer."): v for k, v in gpt2.read_safetensors(folder / "model.safetensors", torch.float64).items()}
    layers, _ = gpt2.forward(params, cfg, IDS)
    models = {"gpt2/tiny_prefixed_f32": lenses(layers, IDS, lambda l, h, hs: output_rows_gpt2(params, l, h, hs),
                                               lambda layer, h: layer["v"][h], lambda layer, h: layer["k"][h])}

    folder = DATA / "llama" / "llama3_gqa_bf16"
    cfg = json.loads((folder / "config.json").read_text())
    params = llama.read_folder(folder, torch.float64)
    layers, _, _ = llama.forward(params, cfg, IDS)
    models["llama/llama3_gqa_bf16"] = lenses(layers, IDS, lambda l, h, hs: output_rows_llama(params, l, h, hs),
                                             lambda layer, h: layer["v"][layer["kv_head"][h]],
                                             lambda layer, h: layer["k"][layer["kv_head"][h]])
    (HERE / "reference.json").write_text(json.dumps({"models": models}, indent=1) + "\n")


if __name__ == "__main__":
    main()
