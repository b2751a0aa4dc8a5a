# SPDX-License-Identifier: MIT
"""Llama, Mistral, Qwen2 and Qwen3 decoders written from their definitions in plain PyTorch, plus the files
of a Hugging Face folder for them.

Shared by make_llama_fixtures.py (small checkpoints and their reference outputs for the C++ tests) and
bench/forward_bench.py (real shapes with random weights). Independent of the C++: nothing here is
translated from it. Shapes: T tokens, C hidden size, NH query heads, NKV key/value heads, hd head size,
I intermediate size, L layers, V vocabulary.

The family, as config.json describes it:
  x = embed_tokens[ids]
  each layer:  a = rms_norm(x) * input_layernorm
               q = a Wqᵀ (+ bq), k = a Wkᵀ (+ bk), v = a Wvᵀ (+ bv)       biases: Qwen2, or attention_bias
               q, k per head: rms_norm over hd * q_norm / k_norm            Qwen3 only
               q, k rotated by position (rotate-half pairing: i with i + hd/2)
               query head h reads key/value head h // (NH / NKV)
               head output = softmax(causal(q kᵀ / √hd)) v
               x = x + concat(heads) Woᵀ
               x = x + down(silu(gate(m)) * up(m)),  m = rms_norm(x) * post_attention_layernorm
  logits of the last position = lm_head (or embed_tokens when tie_word_embeddings) · rms_norm(x) * norm
rms_norm(x) = x / sqrt(mean(x²) + rms_norm_eps), the weight multiplied after, as Hugging Face computes it.
"""
import json
import math
import pathlib
import sys

import torch

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "gpt2"))
import gpt2_reference as gpt2  # noqa: E402  (safetensors files, byte-level symbols, BPE training)

write_safetensors = gpt2.write_safetensors
write_safetensors_streamed = gpt2.write_safetensors_streamed
read_safetensors = gpt2.read_safetensors

ARCHITECTURES = {"llama": "LlamaForCausalLM", "mistral": "MistralForCausalLM", "qwen2": "Qwen2ForCausalLM",
                 "qwen3": "Qwen3ForCausalLM"}


# --- configuration ------------------------------------------------------------------------------------

def head_dim(cfg):
    """Explicit head_dim (Qwen3, Llama 3.2, Mistral Nemo), else hidden_size / num_attention_heads."""
    return cfg.get("head_dim") or cfg["hidden_size"] // cfg["num_attention_heads"]


def kv_heads(cfg):
    return cfg.get("num_key_value_heads") or cfg["num_attention_heads"]


def kv_head_of(cfg):
    """Query head h → the key/value head it reads: consecutive groups of NH / NKV query heads share one."""
    NH, NKV = cfg["num_attention_heads"], kv_heads(cfg)
    assert NH % NKV == 0, "num_attention_heads must be a multiple of num_key_value_heads"
    return [h // (NH // NKV) for h in range(NH)]


def rope_scaling_type(cfg):
    scaling = cfg.get("rope_scaling") or {}
    return scaling.get("rope_type", scaling.get("type", "default"))  # older configs say "type"


def inverse_frequencies(cfg):
    """The hd/2 rotation speeds (radians per position) in float64, after rope_scaling.
    Pair i (dimensions i and i + hd/2) turns by position · inv_freq[i]."""
    hd = head_dim(cfg)
    theta = cfg.get("rope_theta", 10000.0)
    inv_freq = 1.0 / theta ** (torch.arange(0, hd, 2, dtype=torch.float64) / hd)
    scaling = cfg.get("rope_scaling") or {}
    kind = rope_scaling_type(cfg)
    if kind == "default":
        return inv_freq
    if kind == "linear":  # positions divided by factor
        return inv_freq / scaling["factor"]
    if kind == "llama3":
        # Wavelengths shorter than original / high_freq_factor stay; longer than original / low_freq_factor
        # are slowed by factor; in between, a blend whose weight grows linearly in original / wavelength.
        factor, low, high = scaling["factor"], scaling["low_freq_factor"], scaling["high_freq_factor"]
        original = scaling["original_max_position_embeddings"]
        wavelength = 2 * math.pi / inv_freq
        smooth = (original / wavelength - low) / (high - low)
        blended = (1 - smooth) * inv_freq / factor + smooth * inv_freq
        return torch.where(wavelength < original / high, inv_freq,
                           torch.where(wavelength > original / low, inv_freq / factor, blended))
    raise ValueError(f"rope_scaling type {kind!r} is not one this reference knows")


# --- the forward pass ---------------------------------------------------------------------------------

def rms_norm(x, weight, eps):
    return x * torch.rsqrt((x * x).mean(dim=-1, keepdim=True) + eps) * weight


def silu(x):
    return x * torch.sigmoid(x)


def rotate_half(x):
    """(x1, x2) → (-x2, x1) over the last dimension's two halves."""
    half = x.shape[-1] // 2
    return torch.cat([-x[..., half:], x[..., :half]], dim=-1)


def rotate(x, cos, sin):
    """x (…, T, hd) turned by the angles whose cos and sin (T, hd) repeat over the two halves."""
    return x * cos + rotate_half(x) * sin


def linear(x, p, name):
    """x Wᵀ (+ b): PyTorch's Linear layout, W (out, in); the bias when the checkpoint has one."""
    y = x @ p[name + ".weight"].t()
    bias = p.get(name + ".bias")
    return y if bias is None else y + bias


def output_matrix(params, cfg):
    if cfg.get("tie_word_embeddings", False):
        return params["model.embed_tokens.weight"]
    return params["lm_head.weight"]


def forward(params, cfg, ids, scale=True, temperature=1.0, top_k=10, keep_trace=True, fused=False):
    """One sequence through the decoder. params: checkpoint names → tensors, all of one float dtype (float64
    for the fixtures). Returns (layers, top, log_probs): per layer the residual stream in and out (T, C),
    q (NH, T, hd) after the rotation, k and v (NKV, T, hd) per key/value head (k after the rotation),
    scores q·kᵀ, scaled_scores (scores · factor) and softmax weights (NH, T, T), head outputs (NH, T, hd)
    and kv_head (query head → its key/value head); the top_k (id, p) after the last position; and the
    log-softmax over the whole vocabulary there (V). factor = (1/√hd if scale else 1) / temperature, as
    qkview's AttentionOptions; the models use scale=True, temperature=1. fused uses torch's silu kernel
    (for timing; the fixtures use the formula)."""
    act = torch.nn.functional.silu if fused else silu
    C, NH, NKV, hd = cfg["hidden_size"], cfg["num_attention_heads"], kv_heads(cfg), head_dim(cfg)
    eps = cfg["rms_norm_eps"]
    T = len(ids)
    p = params
    dtype = p["model.embed_tokens.weight"].dtype
    kv_of = kv_head_of(cfg)

    angles = torch.arange(T, dtype=torch.float64)[:, None] * inverse_frequencies(cfg)[None, :]  # (T, hd/2)
    cos = torch.cat([angles.cos(), angles.cos()], dim=1).to(dtype)  # (T, hd)
    sin = torch.cat([angles.sin(), angles.sin()], dim=1).to(dtype)
    factor = (1.0 / math.sqrt(hd) if scale else 1.0) / temperature
    future = torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1)

    x = p["model.embed_tokens.weight"][ids]  # (T, C)
    layers = []
    for l in range(cfg["num_hidden_layers"]):
        pre = f"model.layers.{l}."
        layer_in = x
        a = rms_norm(x, p[pre + "input_layernorm.weight"], eps)
        q = linear(a, p, pre + "self_attn.q_proj").reshape(T, NH, hd).transpose(0, 1)  # (NH, T, hd)
        k = linear(a, p, pre + "self_attn.k_proj").reshape(T, NKV, hd).transpose(0, 1)  # (NKV, T, hd)
        v = linear(a, p, pre + "self_attn.v_proj").reshape(T, NKV, hd).transpose(0, 1)
        if pre + "self_attn.q_norm.weight" in p:  # Qwen3: each head's q and k normalised before turning
            q = rms_norm(q, p[pre + "self_attn.q_norm.weight"], eps)
            k = rms_norm(k, p[pre + "self_attn.k_norm.weight"], eps)
        q, k = rotate(q, cos, sin), rotate(k, cos, sin)
        k_per_head, v_per_head = k[kv_of], v[kv_of]  # (NH, T, hd): shared, not recomputed
        scores = q @ k_per_head.transpose(1, 2)  # (NH, T, T)
        scaled = scores * factor
        weights = torch.softmax(scaled.masked_fill(future, float("-inf")), dim=-1)
        out = weights @ v_per_head  # (NH, T, hd)
        x = x + linear(out.transpose(0, 1).reshape(T, NH * hd), p, pre + "self_attn.o_proj")
        m = rms_norm(x, p[pre + "post_attention_layernorm.weight"], eps)
        m = act(linear(m, p, pre + "mlp.gate_proj")) * linear(m, p, pre + "mlp.up_proj")
        x = x + linear(m, p, pre + "mlp.down_proj")
        if keep_trace:
            layers.append({"input": layer_in, "output": x, "q": q, "k": k, "v": v, "scores": scores,
                           "scaled_scores": scaled, "weights": weights, "head_output": out, "kv_head": kv_of})
    last = rms_norm(x[-1], p["model.norm.weight"], eps)  # (C)
    logits = output_matrix(p, cfg) @ last  # (V)
    log_probs = torch.log_softmax(logits, dim=-1)
    top = torch.topk(log_probs, top_k)
    return layers, list(zip(top.indices.tolist(), top.values.exp().tolist())), log_probs


# --- checkpoints --------------------------------------------------------------------------------------

def family(cfg):
    return cfg["model_type"]


def parameter_shapes(cfg):
    """Checkpoint name → shape, in the order Hugging Face lists a model's parameters."""
    C, NH, NKV, hd = cfg["hidden_size"], cfg["num_attention_heads"], kv_heads(cfg), head_dim(cfg)
    I, V = cfg["intermediate_size"], cfg["vocab_size"]
    qkv_bias = family(cfg) == "qwen2" or cfg.get("attention_bias", False)
    shapes = {"model.embed_tokens.weight": (V, C)}
    for l in range(cfg["num_hidden_layers"]):
        pre = f"model.layers.{l}."
        for name, out in (("q_proj", NH * hd), ("k_proj", NKV * hd), ("v_proj", NKV * hd)):
            shapes[f"{pre}self_attn.{name}.weight"] = (out, C)
            if qkv_bias:
                shapes[f"{pre}self_attn.{name}.bias"] = (out,)
        shapes[pre + "self_attn.o_proj.weight"] = (C, NH * hd)
        if cfg.get("attention_bias", False):
            shapes[pre + "self_attn.o_proj.bias"] = (C,)
        if family(cfg) == "qwen3":
            shapes[pre + "self_attn.q_norm.weight"] = (hd,)
            shapes[pre + "self_attn.k_norm.weight"] = (hd,)
        shapes[pre + "mlp.gate_proj.weight"] = (I, C)
        shapes[pre + "mlp.up_proj.weight"] = (I, C)
        shapes[pre + "mlp.down_proj.weight"] = (C, I)
        shapes[pre + "input_layernorm.weight"] = (C,)
        shapes[pre + "post_attention_layernorm.weight"] = (C,)
    shapes["model.norm.weight"] = (C,)
    if not cfg.get("tie_word_embeddings", False):
        shapes["lm_head.weight"] = (V, C)
    return shapes


def _spread(name, shape):
    """(mean, std) of a random parameter: norms near 1; products scaled by their input width so the
    residual stream stays of order 1 and attention is neither flat nor one-hot."""
    if name.endswith("norm.weight"):
        return 1.0, 0.1
    if name.endswith(".bias"):
        return 0.0, 0.3 if ".k_proj" in name else 0.1
    if name == "model.embed_tokens.weight":
        return 0.0, 0.5
    fan_in = shape[1]
    if name.endswith(("q_proj.weight", "k_proj.weight")):
        return 0.0, 1.5 / math.sqrt(fan_in)
    if name == "lm_head.weight":
        return 0.0, 3.0 / math.sqrt(fan_in)
    return 0.0, 1.0 / math.sqrt(fan_in)


def random_entries(cfg, seed, dtype, block_rows=8192):
    """(name, dtype, shape, make) for write_safetensors_streamed: make() draws the tensor's values (float32,
    from one seeded generator, so the entries must be made in order) and yields them in dtype, in row
    blocks of at most block_rows, so a 128k × 2048 embedding never sits in memory as float32."""
    g = torch.Generator().manual_seed(seed)

    def maker(name, shape):
        mean, std = _spread(name, shape)

        def make():
            rows = shape[0]
            for begin in range(0, rows, block_rows):
                block = (begin, min(rows, begin + block_rows))
                values = torch.randn(block[1] - block[0], *shape[1:], generator=g) * std + mean
                yield values.to(dtype)
        return make

    return [(name, dtype, list(shape), maker(name, shape)) for name, shape in parameter_shapes(cfg).items()]


def random_parameters(cfg, seed, dtype):
    """Checkpoint name → tensor in the stored dtype (the same values random_entries writes)."""
    return {name: torch.cat(list(make())) for name, _, _, make in random_entries(cfg, seed, dtype)}


def read_folder(folder, dtype=None):
    """Every tensor of a folder's model.safetensors, or of the shards its model.safetensors.index.json
    names (checking that each name is in the shard the index says), in the stored dtype or converted."""
    folder = pathlib.Path(folder)
    index = folder / "model.safetensors.index.json"
    if not index.exists():
        return read_safetensors(folder / "model.safetensors", dtype)
    weight_map = json.loads(index.read_text())["weight_map"]
    tensors = {}
    for file in sorted(set(weight_map.values())):
        part = read_safetensors(folder / file, dtype)
        assert all(weight_map.get(name) == file for name in part), f"{file} holds tensors the index puts elsewhere"
        tensors.update(part)
    missing = set(weight_map) - set(tensors)
    assert not missing, f"the index names tensors no shard holds: {sorted(missing)[:5]}"
    return tensors


# --- tokenizer files ----------------------------------------------------------------------------------

# Llama 3's and Qwen2's pre-tokenizer patterns (they differ in how many digits make a piece).
LLAMA3_SPLIT = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*"
                r"|\s*[\r\n]+|\s+(?!\S)|\s+")
QWEN2_SPLIT = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*"
               r"|\s*[\r\n]+|\s+(?!\S)|\s+")


def _added(id_, content, special=True):
    return {"id": id_, "content": content, "single_word": False, "lstrip": False, "rstrip": False,
            "normalized": not special, "special": special}


def byte_level_tokenizer(merges, specials, split_pattern, normalizer=None, ignore_merges=False,
                         merges_as_pairs=False, bos=None):
    """tokenizer.json of a byte-level BPE (Llama 3, Qwen2, Qwen3): the 256 byte symbols in GPT-2's order,
    one token per merge, the special tokens only in added_tokens after them. Returns (doc, vocab size,
    special token ids). merges_as_pairs writes [a, b] lists, as tokenizers ≥ 0.20 saves them."""
    vocab = {}
    for symbol in gpt2.bytes_to_unicode().values():
        vocab[symbol] = len(vocab)
    for a, b in merges:
        vocab.setdefault(a + b, len(vocab))
    ids = {s: len(vocab) + i for i, s in enumerate(specials)}
    doc = {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [_added(i, s) for s, i in ids.items()],
        "normalizer": normalizer,
        "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
            {"type": "Split", "pattern": {"Regex": split_pattern}, "behavior": "Isolated", "invert": False},
            {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": False}]},
        "post_processor": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": False, "use_regex": False},
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": None,
                  "end_of_word_suffix": None, "fuse_unk": False, "byte_fallback": False,
                  "ignore_merges": ignore_merges, "vocab": vocab,
                  "merges": [[a, b] if merges_as_pairs else f"{a} {b}" for a, b in merges]},
    }
    if bos is not None:  # Llama 3 puts <|begin_of_text|> in front of every sequence
        doc["post_processor"] = {"type": "Sequence", "processors": [
            doc["post_processor"],
            {"type": "TemplateProcessing",
             "single": [{"SpecialToken": {"id": bos, "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
             "pair": [{"SpecialToken": {"id": bos, "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                      {"SpecialToken": {"id": bos, "type_id": 1}}, {"Sequence": {"id": "B", "type_id": 1}}],
             "special_tokens": {bos: {"id": bos, "ids": [ids[bos]], "tokens": [bos]}}}]}
    return doc, len(vocab) + len(specials), ids


SPACE = "\u2581"  # ▁, SentencePiece's word boundary


def sentencepiece_merges(text, count):
    """Merges over the characters of ▁-prefixed words, as SentencePiece BPE learns them."""
    words = {}
    for word in text.split(" "):
        w = tuple(SPACE + word)
        words[w] = words.get(w, 0) + 1
    return gpt2.merge_pairs(words, count), sorted({c for w in words for c in w})


def sentencepiece_tokenizer(text, count):
    """tokenizer.json of a SentencePiece BPE with byte fallback, as Llama 2 and Mistral ship it: <unk> <s>
    </s>, the 256 <0xNN> byte tokens, merged pieces, then single characters; spaces become ▁ and one ▁ is
    put in front. Returns (doc, vocab size, special token ids)."""
    merges, characters = sentencepiece_merges(text, count)
    vocab = {"<unk>": 0, "<s>": 1, "</s>": 2}
    for b in range(256):
        vocab[f"<0x{b:02X}>"] = len(vocab)
    for a, b in merges:
        vocab.setdefault(a + b, len(vocab))
    for c in characters:
        vocab.setdefault(c, len(vocab))
    special = {"<unk>": 0, "<s>": 1, "</s>": 2}
    doc = {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [_added(i, s) for s, i in special.items()],
        "normalizer": {"type": "Sequence", "normalizers": [
            {"type": "Prepend", "prepend": SPACE}, {"type": "Replace", "pattern": {"String": " "}, "content": SPACE}]},
        "pre_tokenizer": None,
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": "<s>", "type_id": 1}}, {"Sequence": {"id": "B", "type_id": 1}}],
            "special_tokens": {"<s>": {"id": "<s>", "ids": [1], "tokens": ["<s>"]}}},
        "decoder": {"type": "Sequence", "decoders": [
            {"type": "Replace", "pattern": {"String": SPACE}, "content": " "}, {"type": "ByteFallback"},
            {"type": "Fuse"}, {"type": "Strip", "content": " ", "start": 1, "stop": 0}]},
        "model": {"type": "BPE", "dropout": None, "unk_token": "<unk>", "continuing_subword_prefix": None,
                  "end_of_word_suffix": None, "fuse_unk": True, "byte_fallback": True, "vocab": vocab,
                  "merges": [f"{a} {b}" for a, b in merges]},
    }
    return doc, len(vocab), special


def tokenizer_config(doc, **fields):
    """tokenizer_config.json: the special tokens' added_tokens_decoder and the given fields."""
    decoder = {str(t["id"]): {k: v for k, v in t.items() if k != "id"} for t in doc["added_tokens"]}
    return dict(fields, added_tokens_decoder=decoder)
