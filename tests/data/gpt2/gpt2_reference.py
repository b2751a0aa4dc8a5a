# SPDX-License-Identifier: MIT
"""GPT-2 written from the paper's formulas in plain PyTorch, plus the files of a Hugging Face folder.

Shared by make_gpt2_fixtures.py (small checkpoints and their reference outputs for the C++ tests) and
bench/forward_bench.py --family gpt2 (GPT-2 small's shape). Independent of the C++: nothing here is translated from it.
Shapes: T tokens, C channels, NH heads, hs head size, L layers, V vocabulary, P positions.
"""
import json
import math
import pathlib
import random

import torch
import torch.nn.functional as F

SAFETENSORS_DTYPES = {torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16", torch.uint8: "U8"}


def bytes_to_unicode():
    """GPT-2's reversible byte → printable character table (openai/gpt-2 encoder.py)."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, map(chr, cs)))


def byte_level_vocab(merges):
    """vocab.json content: the 256 byte symbols, one entry per merge, then <|endoftext|>."""
    vocab = {}
    for symbol in bytes_to_unicode().values():
        vocab[symbol] = len(vocab)
    for a, b in merges:
        vocab.setdefault(a + b, len(vocab))
    vocab["<|endoftext|>"] = len(vocab)
    return vocab


def train_merges(text, count):
    """A tiny BPE trainer over space-prefixed words, so the merges are ones real text uses."""
    table = bytes_to_unicode()
    words = {}
    for i, word in enumerate(text.split(" ")):
        w = tuple(table[b] for b in ((" " if i else "") + word).encode("utf-8"))
        words[w] = words.get(w, 0) + 1
    return merge_pairs(words, count)


def merge_pairs(words, count):
    """BPE training: words maps a tuple of symbols to its count; up to count merges (a, b), most frequent
    pair first (ties to the smallest pair)."""
    merges = []
    for _ in range(count):
        pairs = {}
        for w, n in words.items():
            for pair in zip(w, w[1:]):
                pairs[pair] = pairs.get(pair, 0) + n
        if not pairs:
            break
        best = max(sorted(pairs), key=lambda p: pairs[p])
        merges.append(best)
        merged = {}
        for w, n in words.items():
            out, i = [], 0
            while i < len(w):
                if i + 1 < len(w) and (w[i], w[i + 1]) == best:
                    out.append(w[i] + w[i + 1])
                    i += 2
                else:
                    out.append(w[i])
                    i += 1
            merged[tuple(out)] = merged.get(tuple(out), 0) + n
        words = merged
    return merges


def synthetic_merges(count, seed):
    """count merges of random pairs of existing tokens, for a vocabulary of GPT-2's size without its data."""
    rng = random.Random(seed)
    tokens = list(bytes_to_unicode().values())
    seen = set(tokens)
    merges = []
    while len(merges) < count:
        a = tokens[rng.randrange(min(len(tokens), 2000))]
        b = tokens[rng.randrange(len(tokens))]
        if a + b in seen or len(a + b) > 12:
            continue
        seen.add(a + b)
        tokens.append(a + b)
        merges.append((a, b))
    return merges


def write_tokenizer_files(folder, merges, tokenizer_json=False):
    vocab = byte_level_vocab(merges)
    folder = pathlib.Path(folder)
    if tokenizer_json:
        doc = {"version": "1.0", "model": {"type": "BPE", "vocab": vocab, "merges": [f"{a} {b}" for a, b in merges]}}
        (folder / "tokenizer.json").write_text(json.dumps(doc, ensure_ascii=False))
    else:
        (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False))
        (folder / "merges.txt").write_text("#version: 0.2\n" + "".join(f"{a} {b}\n" for a, b in merges))
    return vocab


def write_safetensors(path, tensors, metadata=None):
    """tensors: name → tensor in its stored dtype. Data in insertion order, header padded to 8 bytes."""
    entries = [(name, t.dtype, list(t.shape), (lambda t=t: t)) for name, t in tensors.items()]
    write_safetensors_streamed(path, entries, metadata)


def write_safetensors_streamed(path, entries, metadata=None):
    """The same file from (name, dtype, shape, make) entries, where make() returns the tensor or an iterable
    of row blocks of it, called only when its bytes are due: one tensor (or block) in memory at a time."""
    header, offset = {}, 0
    for name, dtype, shape, _ in entries:
        size = math.prod(shape) * torch.empty(0, dtype=dtype).element_size()
        header[name] = {"dtype": SAFETENSORS_DTYPES[dtype], "shape": list(shape), "data_offsets": [offset, offset + size]}
        offset += size
    if metadata:
        header["__metadata__"] = metadata
    head = json.dumps(header, separators=(",", ":")).encode()
    head += b" " * (-len(head) % 8)
    with open(path, "wb") as f:
        f.write(len(head).to_bytes(8, "little"))
        f.write(head)
        for name, dtype, shape, make in entries:
            made = make()
            written = 0
            for block in ([made] if isinstance(made, torch.Tensor) else made):
                assert block.dtype == dtype, name
                block = block.contiguous()
                raw = (block.view(torch.int16) if block.dtype == torch.bfloat16 else block).numpy().tobytes()
                f.write(raw)
                written += len(raw)
            begin, end = header[name]["data_offsets"]
            assert written == end - begin, f"{name}: wrote {written} bytes, the header says {end - begin}"


def read_safetensors(path, dtype=None):
    """The inverse of write_safetensors (for the float dtypes it writes). Each tensor is read on its own
    (not the file whole, nor mapped, whose pages would count as this process's memory), in its stored
    dtype, or converted to dtype one at a time."""
    import numpy as np
    numpy_types = {"F32": np.float32, "F16": np.float16, "BF16": np.int16, "U8": np.uint8}
    tensors = {}
    with open(path, "rb") as f:
        n = int.from_bytes(f.read(8), "little")
        header = json.loads(f.read(n))
        header.pop("__metadata__", None)
        for name, entry in header.items():
            begin, end = entry["data_offsets"]
            f.seek(8 + n + begin)
            kind = np.dtype(numpy_types[entry["dtype"]])
            array = np.fromfile(f, dtype=kind, count=(end - begin) // kind.itemsize)
            t = torch.from_numpy(array).reshape(entry["shape"])
            t = t.view(torch.bfloat16) if entry["dtype"] == "BF16" else t
            tensors[name] = t if dtype is None else t.to(dtype)
    return tensors


def random_parameters(cfg, seed):
    """Checkpoint names (without "transformer.") → float32 tensors in Hugging Face's layout.
    Conv1D weights are (in, out): y = x @ W + b."""
    g = torch.Generator().manual_seed(seed)
    C, L, V, P = cfg["n_embd"], cfg["n_layer"], cfg["vocab_size"], cfg["n_positions"]
    inner = cfg.get("n_inner") or 4 * C

    def rnd(*shape, std=0.02):
        return torch.randn(*shape, generator=g) * std

    params = {"wte.weight": rnd(V, C, std=0.3), "wpe.weight": rnd(P, C, std=0.1)}
    for l in range(L):
        h = f"h.{l}."
        params.update({
            h + "ln_1.weight": 1 + rnd(C, std=0.1), h + "ln_1.bias": rnd(C, std=0.1),
            h + "attn.c_attn.weight": rnd(C, 3 * C, std=0.4), h + "attn.c_attn.bias": rnd(3 * C, std=0.1),
            h + "attn.c_proj.weight": rnd(C, C, std=0.2), h + "attn.c_proj.bias": rnd(C, std=0.05),
            h + "ln_2.weight": 1 + rnd(C, std=0.1), h + "ln_2.bias": rnd(C, std=0.1),
            h + "mlp.c_fc.weight": rnd(C, inner, std=0.2), h + "mlp.c_fc.bias": rnd(inner, std=0.05),
            h + "mlp.c_proj.weight": rnd(inner, C, std=0.1), h + "mlp.c_proj.bias": rnd(C, std=0.05),
        })
    params["ln_f.weight"] = 1 + rnd(C, std=0.1)
    params["ln_f.bias"] = rnd(C, std=0.1)
    return params


def layer_norm(x, weight, bias, eps):
    mean = x.mean(dim=-1, keepdim=True)
    var = ((x - mean) ** 2).mean(dim=-1, keepdim=True)  # biased, as in GPT-2
    return (x - mean) / torch.sqrt(var + eps) * weight + bias


def gelu_tanh(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x ** 3)))


def forward(params, cfg, ids, scale=True, temperature=1.0, top_k=10, keep_trace=True, fused=False):
    """GPT-2 forward pass for one sequence. Returns per layer the residual stream in and out and per
    head q, k, v (T, hs), scores, scaled_scores, weights (T, T) and output (T, hs); then the top_k next
    tokens after the last position from the tied output matrix wte. fused uses PyTorch's own layer
    norm and GELU kernels instead of the formulas (for timing; the fixtures use the formulas)."""
    norm = (lambda x, w, b, eps: F.layer_norm(x, w.shape, w, b, eps)) if fused else layer_norm
    gelu = (lambda x: F.gelu(x, approximate="tanh")) if fused else gelu_tanh
    C, NH, eps = cfg["n_embd"], cfg["n_head"], cfg["layer_norm_epsilon"]
    hs = C // NH
    T = len(ids)
    p = params
    x = p["wte.weight"][ids] + p["wpe.weight"][:T]  # (T, C)
    factor = (1.0 / math.sqrt(hs) if scale else 1.0) / temperature
    future = torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1)
    layers = []
    for l in range(cfg["n_layer"]):
        h = f"h.{l}."
        layer_in = x
        a = norm(x, p[h + "ln_1.weight"], p[h + "ln_1.bias"], eps)
        qkv = torch.addmm(p[h + "attn.c_attn.bias"], a, p[h + "attn.c_attn.weight"])  # (T, 3C)
        q, k, v = (t.reshape(T, NH, hs).transpose(0, 1) for t in qkv.split(C, dim=1))  # (NH, T, hs)
        scores = q @ k.transpose(1, 2)  # (NH, T, T)
        scaled = scores * factor
        weights = torch.softmax(scaled.masked_fill(future, float("-inf")), dim=-1)
        out = weights @ v  # (NH, T, hs)
        y = torch.addmm(p[h + "attn.c_proj.bias"], out.transpose(0, 1).reshape(T, C), p[h + "attn.c_proj.weight"])
        x = x + y
        m = norm(x, p[h + "ln_2.weight"], p[h + "ln_2.bias"], eps)
        m = gelu(torch.addmm(p[h + "mlp.c_fc.bias"], m, p[h + "mlp.c_fc.weight"]))
        x = x + torch.addmm(p[h + "mlp.c_proj.bias"], m, p[h + "mlp.c_proj.weight"])
        if keep_trace:
            layers.append({"input": layer_in, "output": x, "q": q, "k": k, "v": v, "scores": scores,
                           "scaled_scores": scaled, "weights": weights, "head_output": out})
    last = norm(x[-1], p["ln_f.weight"], p["ln_f.bias"], eps)  # (C)
    logits = p["wte.weight"] @ last  # (V): the output matrix is tied to the token embedding
    probs = torch.softmax(logits, dim=-1)
    top = torch.topk(probs, top_k)
    return layers, list(zip(top.indices.tolist(), top.values.tolist()))
