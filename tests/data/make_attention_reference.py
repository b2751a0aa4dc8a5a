#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Independent reference for core/attention: writes attention_reference.json.

Run with Debian's python3 (apt install python3-torch):  /usr/bin/python3 tests/data/make_attention_reference.py
Uses PyTorch in float64, written straight from the formula with torch.softmax,
so the C++ (float32, its own softmax) is checked against a separate implementation.
"""
import json
import math
import pathlib

import torch

torch.manual_seed(20261124)
T, C, NH, HS = 6, 12, 3, 4


def attention(x, wq, wk, wv, scale, temperature, causal):
    q, k, v = x @ wq, x @ wk, x @ wv
    scores = q @ k.T
    factor = (1.0 / math.sqrt(HS) if scale else 1.0) / temperature
    scaled = scores * factor
    logits = scaled.clone()
    if causal:
        mask = torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1)
        logits = logits.masked_fill(mask, float("-inf"))
    weights = torch.softmax(logits, dim=-1)
    return {"q": q, "k": k, "v": v, "scores": scores, "scaled_scores": scaled,
            "weights": weights, "output": weights @ v}


def as_list(t):
    return [[float(v) for v in row] for row in t]


x = torch.randn(T, C, dtype=torch.float64)
heads = [{n: torch.randn(C, HS, dtype=torch.float64) * 0.8 for n in ("wq", "wk", "wv")} for _ in range(NH)]
wo = torch.randn(NH * HS, C, dtype=torch.float64) * 0.5
# Round the inputs to float32 first so both sides start from the same numbers.
x = x.float().double()
wo = wo.float().double()
for h in heads:
    for n in h:
        h[n] = h[n].float().double()

cases = []
for scale, temperature, causal in [(True, 1.0, False), (False, 1.0, False), (True, 0.5, True), (True, 3.0, False)]:
    per_head = [attention(x, h["wq"], h["wk"], h["wv"], scale, temperature, causal) for h in heads]
    combined = torch.cat([p["output"] for p in per_head], dim=1) @ wo
    cases.append({"options": {"scale": scale, "temperature": temperature, "causal": causal},
                  "heads": [{k: as_list(v) for k, v in p.items()} for p in per_head],
                  "combined": as_list(combined)})

out = {"x": as_list(x), "wo": as_list(wo),
       "heads": [{n: as_list(h[n]) for n in ("wq", "wk", "wv")} for h in heads],
       "cases": cases}
path = pathlib.Path(__file__).with_name("attention_reference.json")
path.write_text(json.dumps(out, indent=None))
print(f"wrote {path} ({path.stat().st_size} bytes)")
