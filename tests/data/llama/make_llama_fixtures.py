#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Small random Llama, Mistral, Qwen2 and Qwen3 checkpoints in Hugging Face's folder layout, and their
reference outputs.

Run with Debian's python3 (apt install python3-torch):  /usr/bin/python3 tests/data/llama/make_llama_fixtures.py
Writes four folders next to this script and reference.json; seeded, so a rerun rewrites the same bytes.
The reference runs llama_reference.forward in float64 on the weights as stored (after rounding to
F16/BF16), so the C++ (float32) is checked against an independent implementation. Before writing
reference.json the script checks itself (see self_check) and reads every folder back.

  llama3_gqa_bf16          LlamaForCausalLM, 4 query heads on 2 key/value heads, llama3 rope_scaling,
                           tied embeddings, BF16, one file; byte-level BPE tokenizer.json as Llama 3's
  mistral_mha_f16_sharded  MistralForCausalLM, 4 heads = 4 key/value heads, head_dim not in config.json,
                           untied lm_head, F16, two shards and model.safetensors.index.json;
                           SentencePiece-style BPE with byte fallback as Llama 2's and Mistral's
  qwen2_bias_f32           Qwen2ForCausalLM, q/k/v biases, 2 key/value heads, linear rope_scaling written
                           with the older "type" key, untied, F32; config vocab_size larger than the
                           tokenizer (rows no token reaches, as every Qwen2 checkpoint has)
  qwen3_qknorm_bf16        Qwen3ForCausalLM, q_norm/k_norm, head_dim 10 ≠ 24 / 4, one key/value head,
                           tied, BF16; merges saved as [a, b] pairs (tokenizers ≥ 0.20); padded vocab_size
Every model has two cases: ids (T = 12) with the whole trace, and the same ids with 4 more appended
(T = 16, "extends": 0) with the rows of those 4 only ("rows_from": 12): typing at the end.
"""
import json
import math
import pathlib

import torch

import llama_reference as ref

HERE = pathlib.Path(__file__).resolve().parent
SAMPLE = ("the quick brown fox jumps over the lazy dog while the cat sleeps on the warm mat and the dog "
          "watches the fox run over the hill then the cat wakes and the fox runs to the dog")
MERGES = 40
LLAMA3_SPECIALS = ["<|begin_of_text|>", "<|end_of_text|>", "<|reserved_special_token_0|>",
                   "<|reserved_special_token_1|>", "<|finetune_right_pad_id|>", "<|reserved_special_token_2|>",
                   "<|start_header_id|>", "<|end_header_id|>", "<|eom_id|>", "<|eot_id|>"]
QWEN2_SPECIALS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
QWEN3_SPECIALS = QWEN2_SPECIALS + ["<|object_ref_start|>", "<|object_ref_end|>", "<think>", "</think>"]
EXTRA = 4  # tokens the second case appends


def llama3_files():
    merges = ref.gpt2.train_merges(SAMPLE, MERGES)
    doc, size, ids = ref.byte_level_tokenizer(merges, LLAMA3_SPECIALS, ref.LLAMA3_SPLIT, ignore_merges=True,
                                              bos="<|begin_of_text|>")
    config = ref.tokenizer_config(doc, bos_token="<|begin_of_text|>", eos_token="<|end_of_text|>",
                                  clean_up_tokenization_spaces=True, model_input_names=["input_ids", "attention_mask"],
                                  model_max_length=131072, tokenizer_class="PreTrainedTokenizerFast")
    return doc, config, size, ids["<|begin_of_text|>"], ids["<|end_of_text|>"]


def sentencepiece_files():
    doc, size, ids = ref.sentencepiece_tokenizer(SAMPLE, MERGES)
    config = ref.tokenizer_config(doc, add_bos_token=True, add_eos_token=False, bos_token="<s>", eos_token="</s>",
                                  unk_token="<unk>", pad_token=None, legacy=False, clean_up_tokenization_spaces=False,
                                  model_max_length=32768, sp_model_kwargs={}, spaces_between_special_tokens=False,
                                  tokenizer_class="LlamaTokenizer", use_default_system_prompt=False)
    return doc, config, size, ids["<s>"], ids["</s>"]


def qwen_files(specials, pairs):
    merges = ref.gpt2.train_merges(SAMPLE, MERGES)
    doc, size, ids = ref.byte_level_tokenizer(merges, specials, ref.QWEN2_SPLIT, normalizer={"type": "NFC"},
                                              merges_as_pairs=pairs)
    config = ref.tokenizer_config(doc, bos_token=None, eos_token="<|endoftext|>", pad_token="<|endoftext|>",
                                  unk_token=None, errors="replace", split_special_tokens=False,
                                  clean_up_tokenization_spaces=False, model_max_length=32768,
                                  tokenizer_class="Qwen2Tokenizer")
    return doc, config, size, None, ids["<|endoftext|>"]


def padded(n, multiple=64):
    return (n + multiple - 1) // multiple * multiple


def models():
    """The four variants: folder, seed, stored dtype, shards, tokenizer files and config.json."""
    out = []
    doc, tok_cfg, size, bos, eos = llama3_files()
    out.append({"folder": "llama3_gqa_bf16", "seed": 101, "dtype": torch.bfloat16, "shards": 1,
                "tokenizer": doc, "tokenizer_config": tok_cfg, "bos": bos, "config": {
                    "architectures": ["LlamaForCausalLM"], "attention_bias": False, "attention_dropout": 0.0,
                    "bos_token_id": bos, "eos_token_id": eos, "head_dim": 8, "hidden_act": "silu",
                    "hidden_size": 32, "initializer_range": 0.02, "intermediate_size": 64,
                    "max_position_embeddings": 16384, "mlp_bias": False, "model_type": "llama",
                    "num_attention_heads": 4, "num_hidden_layers": 2, "num_key_value_heads": 2,
                    "pretraining_tp": 1, "rms_norm_eps": 1e-5,
                    # Small original context so that at head_dim 8 one frequency is in each band: 2π and
                    # 167 positions (kept, blended), 4443 and 118k (slowed by 32).
                    "rope_scaling": {"factor": 32.0, "high_freq_factor": 4.0, "low_freq_factor": 1.0,
                                     "original_max_position_embeddings": 512, "rope_type": "llama3"},
                    "rope_theta": 500000.0, "tie_word_embeddings": True, "torch_dtype": "bfloat16",
                    "transformers_version": "4.45.0", "use_cache": True, "vocab_size": size,
                    "_name_or_path": "qkview/tiny-llama3"}})
    doc, tok_cfg, size, bos, eos = sentencepiece_files()
    out.append({"folder": "mistral_mha_f16_sharded", "seed": 202, "dtype": torch.float16, "shards": 2,
                "tokenizer": doc, "tokenizer_config": tok_cfg, "bos": bos, "config": {
                    "architectures": ["MistralForCausalLM"], "attention_dropout": 0.0, "bos_token_id": bos,
                    "eos_token_id": eos, "hidden_act": "silu", "hidden_size": 32, "initializer_range": 0.02,
                    "intermediate_size": 48, "max_position_embeddings": 32768, "model_type": "mistral",
                    "num_attention_heads": 4, "num_hidden_layers": 2, "num_key_value_heads": 4,
                    "rms_norm_eps": 1e-5, "rope_theta": 10000.0, "sliding_window": None,
                    "tie_word_embeddings": False, "torch_dtype": "float16", "transformers_version": "4.42.0",
                    "use_cache": True, "vocab_size": size}})
    doc, tok_cfg, size, bos, eos = qwen_files(QWEN2_SPECIALS, pairs=False)
    out.append({"folder": "qwen2_bias_f32", "seed": 303, "dtype": torch.float32, "shards": 1,
                "tokenizer": doc, "tokenizer_config": tok_cfg, "bos": bos, "config": {
                    "architectures": ["Qwen2ForCausalLM"], "attention_dropout": 0.0, "bos_token_id": eos,
                    "eos_token_id": eos, "hidden_act": "silu", "hidden_size": 24, "initializer_range": 0.02,
                    "intermediate_size": 40, "max_position_embeddings": 32768, "max_window_layers": 2,
                    "model_type": "qwen2", "num_attention_heads": 4, "num_hidden_layers": 2,
                    "num_key_value_heads": 2, "rms_norm_eps": 1e-6,
                    "rope_scaling": {"type": "linear", "factor": 2.0}, "rope_theta": 1000000.0,
                    "sliding_window": 32768, "tie_word_embeddings": False, "torch_dtype": "float32",
                    "transformers_version": "4.43.1", "use_cache": True, "use_sliding_window": False,
                    "vocab_size": padded(size)}})
    doc, tok_cfg, size, bos, eos = qwen_files(QWEN3_SPECIALS, pairs=True)
    out.append({"folder": "qwen3_qknorm_bf16", "seed": 404, "dtype": torch.bfloat16, "shards": 1,
                "tokenizer": doc, "tokenizer_config": tok_cfg, "bos": bos, "config": {
                    "architectures": ["Qwen3ForCausalLM"], "attention_bias": False, "attention_dropout": 0.0,
                    "bos_token_id": eos, "eos_token_id": eos, "head_dim": 10, "hidden_act": "silu",
                    "hidden_size": 24, "initializer_range": 0.02, "intermediate_size": 56,
                    "max_position_embeddings": 40960, "max_window_layers": 2, "model_type": "qwen3",
                    "num_attention_heads": 4, "num_hidden_layers": 2, "num_key_value_heads": 1,
                    "rms_norm_eps": 1e-6, "rope_scaling": None, "rope_theta": 1000000.0, "sliding_window": None,
                    "tie_word_embeddings": True, "torch_dtype": "bfloat16", "transformers_version": "4.51.0",
                    "use_cache": True, "use_sliding_window": False, "vocab_size": padded(size)}})
    return out


def case_ids(model, seed):
    """T = 12 ids (after BOS for the models that prepend one), and the same with EXTRA more."""
    g = torch.Generator().manual_seed(seed)
    vocab = len(model["tokenizer"]["model"]["vocab"])  # ordinary tokens, not the specials or padding
    ids = torch.randint(0, vocab, (12 + EXTRA,), generator=g).tolist()
    if model["bos"] is not None:
        ids[0] = model["bos"]
    return ids[:12], ids


def as_list(t):
    if t.dim() == 1:
        return [float(f"{v:.7g}") for v in t.tolist()]
    return [as_list(row) for row in t]


def write_folder(model, stored):
    folder = HERE / model["folder"]
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    (folder / "config.json").write_text(json.dumps(model["config"], indent=2) + "\n")
    (folder / "tokenizer.json").write_text(json.dumps(model["tokenizer"], ensure_ascii=False))
    (folder / "tokenizer_config.json").write_text(json.dumps(model["tokenizer_config"], indent=2, ensure_ascii=False) + "\n")
    shards = model["shards"]
    if shards == 1:
        ref.write_safetensors(folder / "model.safetensors", stored, {"format": "pt"})
        return
    # Split between layers, as Hugging Face's shards are: the embedding and layer 0 in the first.
    names = list(stored)
    cut = names.index("model.layers.1.self_attn.q_proj.weight")
    parts = [names[:cut], names[cut:]]
    weight_map = {}
    for s, part in enumerate(parts):
        file = f"model-{s + 1:05d}-of-{shards:05d}.safetensors"
        ref.write_safetensors(folder / file, {n: stored[n] for n in part}, {"format": "pt"})
        weight_map.update({n: file for n in part})
    total = sum(t.numel() * t.element_size() for t in stored.values())
    index = {"metadata": {"total_size": total}, "weight_map": dict(sorted(weight_map.items()))}
    (folder / "model.safetensors.index.json").write_text(json.dumps(index, indent=2) + "\n")


# --- self-checks --------------------------------------------------------------------------------------

def llama3_frequencies_by_loop(cfg):
    """The llama3 frequency adjustment again, one frequency at a time in terms of wavelengths."""
    s = cfg["rope_scaling"]
    hd, theta = ref.head_dim(cfg), cfg["rope_theta"]
    out = []
    for i in range(hd // 2):
        f = theta ** (-(2 * i) / hd)
        wavelength = 2 * math.pi / f
        long_limit = s["original_max_position_embeddings"] / s["low_freq_factor"]
        short_limit = s["original_max_position_embeddings"] / s["high_freq_factor"]
        if wavelength < short_limit:
            out.append(f)
        elif wavelength > long_limit:
            out.append(f / s["factor"])
        else:
            t = (s["original_max_position_embeddings"] / wavelength - s["low_freq_factor"]) / (
                s["high_freq_factor"] - s["low_freq_factor"])
            out.append(t * f + (1 - t) * f / s["factor"])
    return torch.tensor(out, dtype=torch.float64)


def frequencies_by_loop(cfg):
    if ref.rope_scaling_type(cfg) == "llama3":
        return llama3_frequencies_by_loop(cfg)
    hd = ref.head_dim(cfg)
    divisor = cfg["rope_scaling"]["factor"] if ref.rope_scaling_type(cfg) == "linear" else 1.0
    return torch.tensor([cfg["rope_theta"] ** (-(2 * i) / hd) / divisor for i in range(hd // 2)], dtype=torch.float64)


def decode_one_by_one(p, cfg, ids):
    """A second forward pass, written as generation runs: one token at a time against a cache of rotated
    keys and values, query heads in a loop, vectors only, the rotation as complex multiplication.
    Returns each layer's output rows (L, T, C) and the log-softmax after the last token."""
    NH, NKV, hd, eps = cfg["num_attention_heads"], ref.kv_heads(cfg), ref.head_dim(cfg), cfg["rms_norm_eps"]
    freqs = frequencies_by_loop(cfg)

    def norm(x, w):
        return x / torch.sqrt(torch.sum(x ** 2) / x.numel() + eps) * w

    def turn(x, t):
        z = torch.complex(x[:hd // 2], x[hd // 2:]) * torch.exp(1j * t * freqs)
        return torch.cat([z.real, z.imag])

    def project(name, a, rows=None):
        w, b = p[name + ".weight"], p.get(name + ".bias")
        if rows is not None:
            w, b = w[rows], None if b is None else b[rows]
        return torch.mv(w, a) + (0 if b is None else b)

    L = cfg["num_hidden_layers"]
    keys = [[[] for _ in range(NKV)] for _ in range(L)]
    values = [[[] for _ in range(NKV)] for _ in range(L)]
    rows = [[] for _ in range(L)]
    for t, token in enumerate(ids):
        x = p["model.embed_tokens.weight"][token].clone()
        for l in range(L):
            pre = f"model.layers.{l}.self_attn."
            a = norm(x, p[f"model.layers.{l}.input_layernorm.weight"])
            for kv in range(NKV):
                span = slice(kv * hd, (kv + 1) * hd)
                k = project(pre + "k_proj", a, span)
                if pre + "k_norm.weight" in p:
                    k = norm(k, p[pre + "k_norm.weight"])
                keys[l][kv].append(turn(k, t))
                values[l][kv].append(project(pre + "v_proj", a, span))
            heads = []
            for h in range(NH):
                q = project(pre + "q_proj", a, slice(h * hd, (h + 1) * hd))
                if pre + "q_norm.weight" in p:
                    q = norm(q, p[pre + "q_norm.weight"])
                kv = h * NKV // NH
                scores = torch.stack(keys[l][kv]) @ turn(q, t) / math.sqrt(hd)  # the past and this token only
                e = torch.exp(scores - scores.max())
                heads.append((e / e.sum()) @ torch.stack(values[l][kv]))
            x = x + project(pre + "o_proj", torch.cat(heads))
            m = norm(x, p[f"model.layers.{l}.post_attention_layernorm.weight"])
            gate = project(f"model.layers.{l}.mlp.gate_proj", m)
            x = x + project(f"model.layers.{l}.mlp.down_proj",
                            gate / (1 + torch.exp(-gate)) * project(f"model.layers.{l}.mlp.up_proj", m))
            rows[l].append(x)
    logits = torch.mv(ref.output_matrix(p, cfg), norm(x, p["model.norm.weight"]))
    return torch.stack([torch.stack(r) for r in rows]), logits - torch.logsumexp(logits, 0)


def rotate_complex(x, inv_freq):
    """x (…, T, hd) turned as complex numbers x[i] + j·x[i + hd/2] times exp(j · t · inv_freq[i])."""
    half = x.shape[-1] // 2
    z = torch.complex(x[..., :half], x[..., half:])
    t = torch.arange(x.shape[-2], dtype=torch.float64)[:, None]
    z = z * torch.polar(torch.ones_like(t * inv_freq), t * inv_freq)
    return torch.cat([z.real, z.imag], dim=-1)


def self_check(model, exact, cfg, short, long):
    """Checks that do not trust forward: raises AssertionError, returns notes to print."""
    notes = []
    layers, _, log_probs = long
    T = layers[0]["weights"].shape[-1]
    NH, hd, eps = cfg["num_attention_heads"], ref.head_dim(cfg), cfg["rms_norm_eps"]
    causal = torch.tril(torch.ones(T, T, dtype=torch.bool))
    for layer in layers:
        w = layer["weights"]
        assert torch.allclose(w.sum(-1), torch.ones(NH, T, dtype=torch.float64), atol=1e-12), "rows sum to 1"
        assert (w[:, ~causal] == 0).all() and (w[:, causal] > 0).all(), "causal: nothing after the query, all before"
    assert abs(log_probs.exp().sum().item() - 1) < 1e-12

    # GQA: heads of one group see one key/value head, recomputed here from that head's rows of Wk and Wv.
    kv_of = ref.kv_head_of(cfg)
    pre = "model.layers.0."
    a = ref.rms_norm(layers[0]["input"], exact[pre + "input_layernorm.weight"], eps)
    for kv in sorted(set(kv_of)):
        rows = slice(kv * hd, (kv + 1) * hd)
        v = a @ exact[pre + "self_attn.v_proj.weight"][rows].t()
        if pre + "self_attn.v_proj.bias" in exact:
            v = v + exact[pre + "self_attn.v_proj.bias"][rows]
        assert torch.allclose(layers[0]["v"][kv], v, atol=1e-12, rtol=0), f"v of key/value head {kv}"
        group = [h for h in range(NH) if kv_of[h] == kv]
        assert group == list(range(group[0], group[0] + NH // len(set(kv_of)))), "consecutive query heads share"
        for h in group:  # each head's output from its own group's v, weight row by weight row
            assert torch.allclose(layers[0]["head_output"][h], layers[0]["weights"][h] @ v, atol=1e-12)
    notes.append(f"GQA {NH}/{len(set(kv_of))}")

    # Rotation against the complex-number form, with the frequencies of a second, loop-written llama3 rule.
    inv_freq = ref.inverse_frequencies(cfg)
    if ref.rope_scaling_type(cfg) == "llama3":
        assert torch.allclose(inv_freq, llama3_frequencies_by_loop(cfg), rtol=1e-14, atol=0)
        bands = ["kept" if f == g else "slowed" if math.isclose(f * cfg["rope_scaling"]["factor"], g, rel_tol=1e-12) else "blended"
                 for f, g in zip(inv_freq.tolist(), ref.inverse_frequencies(dict(cfg, rope_scaling=None)).tolist())]
        assert set(bands) == {"kept", "slowed", "blended"}, bands
        notes.append("llama3 bands " + "/".join(bands))
    q = ref.linear(a, exact, pre + "self_attn.q_proj").reshape(T, NH, hd).transpose(0, 1)
    if pre + "self_attn.q_norm.weight" in exact:
        q = ref.rms_norm(q, exact[pre + "self_attn.q_norm.weight"], eps)
    assert torch.allclose(layers[0]["q"], rotate_complex(q, inv_freq), atol=1e-12, rtol=0), "rotation"
    notes.append("rotation = complex form")

    # The scaling is visible in the numbers, so a C++ that ignores it fails.
    if ref.rope_scaling_type(cfg) != "default":
        plain, _, _ = ref.forward(exact, dict(cfg, rope_scaling=None), SHORT_CACHE[model["folder"]])
        gap = max((x["q"] - y["q"]).abs().max().item() for x, y in zip(short[0], plain))
        assert gap > 1e-2, gap
        notes.append(f"rope_scaling moves q by {gap:.2g}")

    # The tokenizer: every merge joins two tokens into a third; the specials fit in vocab_size.
    bpe = model["tokenizer"]["model"]
    for merge in bpe["merges"]:
        x, y = merge if isinstance(merge, list) else merge.split(" ")
        assert x in bpe["vocab"] and y in bpe["vocab"] and x + y in bpe["vocab"], merge
    assert sorted(bpe["vocab"].values()) == list(range(len(bpe["vocab"])))
    top_id = max([len(bpe["vocab"]) - 1] + [t["id"] for t in model["tokenizer"]["added_tokens"]])
    assert top_id < cfg["vocab_size"] == exact["model.embed_tokens.weight"].shape[0]
    notes.append(f"{len(bpe['merges'])} merges, ids up to {top_id} of {cfg['vocab_size']}")

    # The whole pass again, token by token with a cache: every layer's output and the last log-softmax.
    outputs, decoded = decode_one_by_one(exact, cfg, LONG_CACHE[model["folder"]])
    gap = max((outputs - torch.stack([layer["output"] for layer in layers])).abs().max().item(),
              (decoded - log_probs).abs().max().item())
    assert gap < 1e-10, gap
    notes.append(f"token-by-token decoder agrees to {gap:.1g}")

    # Causality: the shorter sequence's trace is the first rows of the longer's.
    for s, l in zip(short[0], layers):
        t = s["weights"].shape[-1]
        for key in ("input", "output"):
            assert torch.allclose(s[key], l[key][:t], atol=1e-12)
        for key in ("q", "k", "v", "head_output"):
            assert torch.allclose(s[key], l[key][:, :t], atol=1e-12)
        assert torch.allclose(s["weights"], l["weights"][:, :t, :t], atol=1e-12)
    notes.append("prefix rows equal")
    return notes


SHORT_CACHE, LONG_CACHE = {}, {}


def reference_case(trace, ids, extends, kv_of):
    """One case of reference.json. A case that extends another holds only the rows of its new tokens
    (rows_from on): the rows before are the other case's, as self_check verifies."""
    layers, top, log_probs = trace
    r = 0 if extends is None else len(extends)
    return {
        "ids": ids, "options": {"scale": True, "temperature": 1.0},
        "extends": None if extends is None else 0, "rows_from": r,
        "layers": [{
            "input": as_list(layer["input"][r:]), "output": as_list(layer["output"][r:]),
            "heads": [{"kv_head": kv_of[h], "q": as_list(layer["q"][h, r:]), "k": as_list(layer["k"][kv_of[h], r:]),
                       "v": as_list(layer["v"][kv_of[h], r:]), "weights": as_list(layer["weights"][h, r:]),
                       "output": as_list(layer["head_output"][h, r:])}
                      for h in range(len(kv_of))]}
            for layer in layers],
        "next_tokens": [{"id": i, "p": float(f"{p:.7g}")} for i, p in top],
        "last_log_probs": as_list(log_probs),
    }


def build(model, seed):
    cfg = model["config"]
    stored = ref.random_parameters(cfg, model["seed"], model["dtype"])
    exact = {k: v.to(torch.float64) for k, v in stored.items()}  # what the C++ reads, in float64
    write_folder(model, stored)
    back = ref.read_folder(HERE / model["folder"])
    assert list(back) == list(stored) or model["shards"] > 1
    assert set(back) == set(stored) and all(back[n].dtype == stored[n].dtype and torch.equal(back[n], stored[n])
                                            for n in stored), "the folder reads back as written"
    short_ids, long_ids = case_ids(model, seed)
    SHORT_CACHE[model["folder"]], LONG_CACHE[model["folder"]] = short_ids, long_ids
    short = ref.forward(exact, cfg, short_ids)
    long = ref.forward(exact, cfg, long_ids)
    notes = self_check(model, exact, cfg, short, long)
    kv_of = ref.kv_head_of(cfg)
    top = short[1][0]
    print(f"{model['folder']}: {', '.join(notes)}; top next token {top[0]} at p={top[1]:.3f}")
    return {
        "folder": model["folder"], "family": cfg["model_type"], "config": cfg, "head_dim": ref.head_dim(cfg),
        "num_key_value_heads": ref.kv_heads(cfg), "dtype": ref.gpt2.SAFETENSORS_DTYPES[model["dtype"]],
        "parameters": sum(t.numel() for t in stored.values()),
        "rope_inverse_frequencies": [float(f"{f:.10g}") for f in ref.inverse_frequencies(cfg).tolist()],
        "cases": [reference_case(short, short_ids, None, kv_of), reference_case(long, long_ids, short_ids, kv_of)],
    }


def main():
    out = {"models": [build(m, seed=7 + i) for i, m in enumerate(models())]}
    path = HERE / "reference.json"
    path.write_text(json.dumps(out, separators=(",", ":"), ensure_ascii=False))
    total = sum(f.stat().st_size for f in HERE.rglob("*") if f.is_file() and f.suffix != ".py")
    print(f"wrote {path.name} ({path.stat().st_size} bytes) and {len(out['models'])} model folders: "
          f"{total} bytes of fixtures")


if __name__ == "__main__":
    main()
