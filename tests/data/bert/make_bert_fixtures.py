#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Small random BERT, DistilBERT and RoBERTa checkpoints in Hugging Face's folder layout, and their
reference outputs.

Run with Debian's python3 (apt install python3-torch):  /usr/bin/python3 tests/data/bert/make_bert_fixtures.py
Writes five folders next to this script and reference.json; seeded, so a rerun rewrites the same bytes.
The reference runs bert_reference.forward in float64 on the weights as stored (after rounding to
F16/BF16), so the C++ (float32) is checked against an independent implementation. Before writing
reference.json the script checks itself (see self_check) and reads every folder back.

  bert_prefixed_f32     BertForMaskedLM as save_pretrained writes it: "bert." names, the masked-LM head
                        (cls.predictions.*, decoder tied to the word embeddings and not stored), F32;
                        two cases: one sentence, and a sentence pair with token_type_ids 0…0 1…1
  bert_plain_gamma_f16  names without "bert.", LayerNorm.gamma/.beta as in old BERT checkpoints, F16;
                        also pooler.dense, cls.seq_relationship (next-sentence head) and
                        cls.predictions.decoder.weight (a stored copy of the word embeddings), which the
                        forward pass does not read; one sentence-pair case
  bert_no_head          BertModel: no masked-LM head, so no fill-mask predictions (fill_mask is []), F32
  distilbert_f32        DistilBertForMaskedLM: q_lin/k_lin/v_lin/out_lin, sa_layer_norm, ffn.lin1/lin2,
                        output_layer_norm, vocab_transform/vocab_layer_norm/vocab_projector; no token types;
                        LayerNorm eps 1e-12; two [MASK] positions
  roberta_bf16          RobertaForMaskedLM: "roberta." names, positions from pad_token_id + 1 = 2, one
                        token type, lm_head.*; byte-level BPE vocab.json + merges.txt; BF16
BERT and DistilBERT folders have vocab.txt (WordPiece, [PAD] = 0) and tokenizer_config.json; RoBERTa has
vocab.json, merges.txt and tokenizer_config.json. Each case's ids are its "text" as tokenized here (the
WordPiece and byte-level BPE encoders below: lowercase ASCII words and punctuation only).
"""
import json
import math
import pathlib
import re

import torch

import bert_reference as ref

HERE = pathlib.Path(__file__).resolve().parent
SAMPLE = ("the cat sat on the mat and the dog sat on the log while the cat saw the dog "
          "then the dog ran to the cat and they sat together on the mat in the sun")
ROBERTA_MERGES = 30
WORDS = ["the", "a", "cat", "dog", "sat", "ran", "on", "in", "to", "and", "was", "there", "mat", "log", "sun",
         "is", "they", "play", "un", "saw", ".", ",", "!", "?"]
PIECES = ["##ing", "##s", "##happy", "##ed", "##ly"]


# --- tokenizers (for the cases' ids) -----------------------------------------------------------------

def wordpiece_encode(text, vocab, pair=None):
    """BERT's tokenization of lowercase ASCII text: specials kept whole, whitespace and punctuation split,
    then greedy longest-match-first WordPiece per word ([UNK] for a word with no spelling). Returns
    (ids, token_type_ids) for [CLS] A [SEP] (B [SEP])."""
    index = {w: i for i, w in enumerate(vocab)}

    def words(s):
        out = []
        for chunk in re.split(r"(\[MASK\]|\[SEP\]|\[CLS\])", s.lower() if "[" not in s else s):
            if chunk in ("[MASK]", "[SEP]", "[CLS]"):
                out.append(chunk)
            else:
                out += re.findall(r"[a-z0-9]+|[^\sa-z0-9]", chunk.lower())
        return out

    def pieces(word):
        if word in index and word.startswith("["):
            return [index[word]]
        out, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = ("##" if start else "") + word[start:end]
                if piece in index:
                    out.append(index[piece])
                    break
                end -= 1
            if end == start:
                return [index["[UNK]"]]
            start = end
        return out

    def encode(s):
        return [i for w in words(s) for i in pieces(w)]

    ids = [index["[CLS]"]] + encode(text) + [index["[SEP]"]]
    types = [0] * len(ids)
    if pair is not None:
        b = encode(pair) + [index["[SEP]"]]
        ids += b
        types += [1] * len(b)
    return ids, types


def bpe_encode(text, vocab, merges):
    """RoBERTa's tokenization of lowercase words and spaces: <s> … </s>, <mask> taking the space before it
    (its lstrip), each word with its leading space as GPT-2 byte symbols, merged by rank."""
    table = ref.gpt2.bytes_to_unicode()
    ranks = {m: r for r, m in enumerate(merges)}
    ids = [vocab["<s>"]]
    segments = text.split("<mask>")
    for s, segment in enumerate(segments):
        if s + 1 < len(segments):
            segment = segment.rstrip(" ")
        assert re.fullmatch(r"[a-z ]*", segment), segment
        for word in re.findall(r" ?[a-z]+", segment):
            symbols = [table[b] for b in word.encode("utf-8")]
            while len(symbols) > 1:
                pairs = [(ranks.get(pair, math.inf), i) for i, pair in enumerate(zip(symbols, symbols[1:]))]
                rank, i = min(pairs)
                if rank == math.inf:
                    break
                symbols[i:i + 2] = [symbols[i] + symbols[i + 1]]
            ids += [vocab[x] for x in symbols]
        if s + 1 < len(segments):
            ids.append(vocab["<mask>"])
    return ids + [vocab["</s>"]], [0] * (len(ids) + 1)


# --- the models ---------------------------------------------------------------------------------------

def bert_config(arch, size, layers, heads, inner, positions, vocab, eps=1e-12, types=2):
    return {"architectures": [arch], "attention_probs_dropout_prob": 0.1, "classifier_dropout": None,
            "hidden_act": "gelu", "hidden_dropout_prob": 0.1, "hidden_size": size, "initializer_range": 0.02,
            "intermediate_size": inner, "layer_norm_eps": eps, "max_position_embeddings": positions,
            "model_type": "bert", "num_attention_heads": heads, "num_hidden_layers": layers, "pad_token_id": 0,
            "position_embedding_type": "absolute", "torch_dtype": "float32", "transformers_version": "4.41.2",
            "type_vocab_size": types, "use_cache": True, "vocab_size": vocab}


def models():
    """The five variants: folder, seed, stored dtype, parameter layout, tokenizer, config.json, cases."""
    vocab = ref.wordpiece_vocab(WORDS, PIECES)
    V = len(vocab)
    out = []
    cfg = bert_config("BertForMaskedLM", 32, 2, 4, 48, 24, V)
    out.append({"folder": "bert_prefixed_f32", "seed": 501, "dtype": torch.float32, "config": cfg,
                "layout": {"prefixed": True}, "tokenizer": ("wordpiece", vocab, "BertTokenizer"),
                "cases": [("the playing cats sat on the [MASK].", None),
                          ("the dog [MASK] on the mat.", "a cat was [MASK].")]})
    cfg = dict(bert_config("BertForMaskedLM", 24, 2, 3, 48, 32, V), torch_dtype="float16")
    out.append({"folder": "bert_plain_gamma_f16", "seed": 502, "dtype": torch.float16, "config": cfg,
                "layout": {"prefixed": False, "old_norm_names": True, "pooler": True, "nsp": True,
                           "decoder_copy": True},
                "tokenizer": ("wordpiece", vocab, "BertTokenizer"),
                "cases": [("the cat sat in the sun", "the [MASK] ran.")]})
    cfg = bert_config("BertModel", 16, 2, 2, 32, 24, V)
    out.append({"folder": "bert_no_head", "seed": 503, "dtype": torch.float32, "config": cfg,
                "layout": {"prefixed": False, "mlm_head": False, "pooler": True},
                "tokenizer": ("wordpiece", vocab, "BertTokenizer"),
                "cases": [("the unhappy dog sat on a [MASK].", None)]})
    cfg = {"activation": "gelu", "architectures": ["DistilBertForMaskedLM"], "attention_dropout": 0.1, "dim": 24,
           "dropout": 0.1, "hidden_dim": 48, "initializer_range": 0.02, "max_position_embeddings": 24,
           "model_type": "distilbert", "n_heads": 2, "n_layers": 2, "pad_token_id": 0, "qa_dropout": 0.1,
           "seq_classif_dropout": 0.2, "sinusoidal_pos_embds": False, "tie_weights_": True,
           "torch_dtype": "float32", "transformers_version": "4.41.2", "vocab_size": V}
    out.append({"folder": "distilbert_f32", "seed": 504, "dtype": torch.float32, "config": cfg,
                "layout": {"prefixed": True}, "tokenizer": ("wordpiece", vocab, "DistilBertTokenizer"),
                "cases": [("the [MASK] cat sat on the warm [MASK]!", None)]})
    merges = ref.gpt2.train_merges(SAMPLE, ROBERTA_MERGES)
    rvocab = ref.roberta_vocab(merges)
    cfg = {"architectures": ["RobertaForMaskedLM"], "attention_probs_dropout_prob": 0.1, "bos_token_id": 0,
           "classifier_dropout": None, "eos_token_id": 2, "hidden_act": "gelu", "hidden_dropout_prob": 0.1,
           "hidden_size": 16, "initializer_range": 0.02, "intermediate_size": 32, "layer_norm_eps": 1e-5,
           "max_position_embeddings": 26, "model_type": "roberta", "num_attention_heads": 4,
           "num_hidden_layers": 2, "pad_token_id": 1, "position_embedding_type": "absolute",
           "torch_dtype": "bfloat16", "transformers_version": "4.41.2", "type_vocab_size": 1, "use_cache": True,
           "vocab_size": len(rvocab)}
    out.append({"folder": "roberta_bf16", "seed": 505, "dtype": torch.bfloat16, "config": cfg,
                "layout": {"prefixed": True}, "tokenizer": ("bpe", rvocab, merges),
                "cases": [("the cat <mask> on the mat and the dog ran", None)]})
    return out


def encode(model, text, pair):
    kind, vocab, extra = model["tokenizer"]
    if kind == "wordpiece":
        ids, types = wordpiece_encode(text, vocab, pair)
        return ids, types, [i for i, t in enumerate(ids) if t == vocab.index("[MASK]")]
    assert pair is None
    ids, types = bpe_encode(text, vocab, extra)
    return ids, types, [i for i, t in enumerate(ids) if t == vocab["<mask>"]]


def write_folder(model, stored):
    folder = HERE / model["folder"]
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    (folder / "config.json").write_text(json.dumps(model["config"], indent=2) + "\n")
    kind, vocab, extra = model["tokenizer"]
    positions = model["config"]["max_position_embeddings"]
    if kind == "wordpiece":
        ref.write_wordpiece_files(folder, vocab, extra, max_length=positions)
    else:
        ref.write_roberta_files(folder, extra, max_length=positions - 2)
    ref.write_safetensors(folder / "model.safetensors", stored, {"format": "pt"})


# --- a second implementation, written differently -----------------------------------------------------

def to_bert_names(stored, cfg):
    """An explicit renaming of any of the five layouts to BertForMaskedLM's current names without the
    "bert." prefix, plus "head.*" for whichever masked-LM head there is; DistilBERT gets an all-zero
    token-type row. Tensors no forward pass reads are dropped."""
    kind = cfg["model_type"]
    table = [(".gamma", ".weight"), (".beta", ".bias"),
             ("transformer.layer.", "encoder.layer."), ("attention.q_lin", "attention.self.query"),
             ("attention.k_lin", "attention.self.key"), ("attention.v_lin", "attention.self.value"),
             ("attention.out_lin", "attention.output.dense"), ("sa_layer_norm", "attention.output.LayerNorm"),
             ("ffn.lin1", "intermediate.dense"), ("ffn.lin2", "output.dense"),
             ("output_layer_norm", "output.LayerNorm"),
             ("cls.predictions.transform.dense", "head.dense"), ("cls.predictions.transform.LayerNorm", "head.norm"),
             ("cls.predictions.bias", "head.bias"), ("lm_head.dense", "head.dense"),
             ("lm_head.layer_norm", "head.norm"), ("lm_head.bias", "head.bias"), ("vocab_transform", "head.dense"),
             ("vocab_layer_norm", "head.norm"), ("vocab_projector.bias", "head.bias")]
    out = {}
    for name, t in stored.items():
        if any(s in name for s in ("pooler.", "seq_relationship", "decoder.weight", "vocab_projector.weight")):
            continue
        for prefix in ("roberta.", "distilbert.", "bert."):
            if name.startswith(prefix):
                name = name[len(prefix):]
        for a, b in table:
            name = name.replace(a, b)
        assert name not in out, name
        out[name] = t
    if kind == "distilbert":
        C = cfg["dim"]
        out["embeddings.token_type_embeddings.weight"] = torch.zeros(1, C, dtype=torch.float64)
    return out


def encode_by_loops(p, ids, types, positions, heads, eps, mask_positions):
    """Token by token, head by head, vectors only: each layer's output rows (L, T, C), attention weights
    (L, NH, T, T), and the log-softmax at each mask position. p: to_bert_names' names, float64."""
    C = p["embeddings.word_embeddings.weight"].shape[1]
    hd = C // heads
    L = 1 + max(int(n.split(".")[2]) for n in p if n.startswith("encoder.layer."))

    def norm(v, name):
        mu = v.sum() / C
        d = v - mu
        return d / math.sqrt(float(d.dot(d)) / C + eps) * p[name + ".weight"] + p[name + ".bias"]

    def gelu(v):
        return v * 0.5 * torch.erfc(-v / math.sqrt(2.0))

    def mv(name, v, rows=slice(None)):
        return torch.mv(p[name + ".weight"][rows], v) + p[name + ".bias"][rows]

    xs = [norm(p["embeddings.word_embeddings.weight"][i] + p["embeddings.position_embeddings.weight"][j]
               + p["embeddings.token_type_embeddings.weight"][t], "embeddings.LayerNorm")
          for i, j, t in zip(ids, positions, types)]
    outputs, weights = [], []
    T = len(ids)
    for l in range(L):
        pre = f"encoder.layer.{l}."
        per_head_out = [[None] * heads for _ in range(T)]
        layer_weights = torch.zeros(heads, T, T, dtype=torch.float64)
        for h in range(heads):
            rows = slice(h * hd, (h + 1) * hd)
            qs = [mv(pre + "attention.self.query", x, rows) for x in xs]
            ks = [mv(pre + "attention.self.key", x, rows) for x in xs]
            vs = [mv(pre + "attention.self.value", x, rows) for x in xs]
            for t in range(T):
                s = [float(qs[t].dot(ks[u])) / math.sqrt(hd) for u in range(T)]
                top = max(s)
                e = [math.exp(v - top) for v in s]
                total = sum(e)
                w = [v / total for v in e]
                layer_weights[h, t] = torch.tensor(w, dtype=torch.float64)
                per_head_out[t][h] = sum(w[u] * vs[u] for u in range(T))
        ys = [norm(xs[t] + mv(pre + "attention.output.dense", torch.cat(per_head_out[t])),
                   pre + "attention.output.LayerNorm") for t in range(T)]
        xs = [norm(y + mv(pre + "output.dense", gelu(mv(pre + "intermediate.dense", y))), pre + "output.LayerNorm")
              for y in ys]
        outputs.append(torch.stack(xs))
        weights.append(layer_weights)
    log_probs = {}
    if "head.dense.weight" in p:
        for position in mask_positions:
            h = norm(gelu(mv("head.dense", xs[position])), "head.norm")
            logits = torch.mv(p["embeddings.word_embeddings.weight"], h) + p["head.bias"]
            top = logits.max()
            log_probs[position] = logits - top - math.log(float(torch.exp(logits - top).sum()))
    return torch.stack(outputs), torch.stack(weights), log_probs


# --- self-checks --------------------------------------------------------------------------------------

def same_trace(a, b):
    """Two forward results with exactly the same numbers."""
    (la, fa, pa), (lb, fb, pb) = a, b
    return (fa == fb and pa.keys() == pb.keys() and all(torch.equal(pa[k], pb[k]) for k in pa)
            and all(torch.equal(x[key], y[key]) for x, y in zip(la, lb) for key in x))


def self_check(model, stored, exact, cfg, case, trace):
    """Checks that do not trust forward: raises AssertionError, returns notes to print."""
    ids, types, masks = case["ids"], case["token_type_ids"], case["masks"]
    layers, fill_mask, log_probs = trace
    notes = []
    T, (C, L, NH, _, _) = len(ids), ref.sizes(cfg)
    for layer in layers:
        w = layer["weights"]
        assert torch.allclose(w.sum(-1), torch.ones(NH, T, dtype=torch.float64), atol=1e-12), "rows sum to 1"
        assert (w > 0).all(), "bidirectional: every weight, above the diagonal too, is non-zero"
        above = w[:, torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1)]
        assert above.sum() > 0.2 * NH * (T - 1) / 2, "the future gets a real share of the weight"
        assert 0.05 < w.max() and w.min() < 0.5 / T, "attention neither flat"
    notes.append(f"T={T}, rows sum to 1, weights above the diagonal > 0")

    # Post-LN: each layer's output is a LayerNorm's output: mean 0 and variance v / (v + eps), just under 1,
    # before its weight and bias.
    p = ref.normalise_names(exact, cfg)
    tolerance = 1e-6 + 1e4 * ref.layer_norm_eps(cfg)
    for l, layer in enumerate(layers):
        name = ref.LAYER_NAMES[cfg["model_type"]]["ln_ffn"].format(l=l)
        z = (layer["output"] - p[name + ".bias"]) / p[name + ".weight"]
        assert z.mean(-1).abs().max() < 1e-10 and (z.var(-1, unbiased=False) - 1).abs().max() < tolerance
        if l:
            assert torch.equal(layer["input"], layers[l - 1]["output"])
    z = (layers[0]["input"] - p["embeddings.LayerNorm.bias"]) / p["embeddings.LayerNorm.weight"]
    assert z.mean(-1).abs().max() < 1e-10 and (z.var(-1, unbiased=False) - 1).abs().max() < tolerance
    notes.append("outputs and layer 0's input are LayerNorm outputs")

    # The second implementation, on an explicitly renamed state dict and positions counted here.
    pad = cfg.get("pad_token_id", 0)
    positions = [pad + 1 + t for t in range(T)] if cfg["model_type"] == "roberta" else list(range(T))
    assert pad not in ids or cfg["model_type"] != "roberta"
    bert_names = to_bert_names(exact, cfg)
    outputs, weights, loop_log_probs = encode_by_loops(bert_names, ids, types, positions, NH,
                                                       ref.layer_norm_eps(cfg), masks)
    gap = max((outputs - torch.stack([x["output"] for x in layers])).abs().max().item(),
              (weights - torch.stack([x["weights"] for x in layers])).abs().max().item())
    assert loop_log_probs.keys() == log_probs.keys()
    for position in log_probs:
        gap = max(gap, (loop_log_probs[position] - log_probs[position]).abs().max().item())
    assert gap < 1e-10, gap
    notes.append(f"loop-written encoder agrees to {gap:.1g}")

    # Name spellings: the same numbers from a renamed state dict with the current names.
    if cfg["model_type"] == "bert":
        if model["layout"].get("prefixed"):
            renamed = {n[len("bert."):] if n.startswith("bert.") else n: t for n, t in exact.items()}
        else:
            renamed = {(n if n.startswith("cls.") else "bert." + n).replace(".gamma", ".weight").replace(".beta", ".bias"): t
                       for n, t in exact.items()
                       if "pooler" not in n and "seq_relationship" not in n and "decoder.weight" not in n}
        assert set(renamed) != set(exact)
        again = ref.forward(renamed, cfg, ids, types, masks)
        assert same_trace(trace, again), "renamed state dict"
        notes.append("renamed state dict gives the same numbers")
        if any(types):  # the segments show in the numbers, so a C++ that ignores them fails
            flat = ref.forward(exact, cfg, ids, [0] * T, masks)
            gap = (flat[0][-1]["output"] - layers[-1]["output"]).abs().max().item()
            assert gap > 1e-2, gap
            notes.append(f"token types move the output by {gap:.2g}")
    if cfg["model_type"] == "roberta":  # the position offset shows in the numbers
        outputs0, _, _ = encode_by_loops(bert_names, ids, types, list(range(T)), NH, ref.layer_norm_eps(cfg), masks)
        gap = (outputs0 - outputs).abs().max().item()
        assert gap > 1e-2, gap
        notes.append(f"positions from 0 instead of 2 move the output by {gap:.2g}")

    # Fill-mask: the [MASK] positions, probabilities in order over the whole vocabulary.
    head = ref.has_mlm_head(exact, cfg)
    assert head == (model["layout"].get("mlm_head", True))
    assert len(fill_mask) == (len(masks) if head else 0)
    for position, top in fill_mask:
        ps = [q for _, q in top]
        assert ps == sorted(ps, reverse=True) and sum(ps) <= 1 + 1e-12 and len(top) == 10
        assert abs(log_probs[position].exp().sum().item() - 1) < 1e-12
        assert all(0 <= i < cfg["vocab_size"] for i, _ in top)
    if fill_mask:
        notes.append("fill-mask " + ", ".join(f"@{pos}: {top[0][0]} p={top[0][1]:.2f}" for pos, top in fill_mask))
    return notes


# --- reference.json ------------------------------------------------------------------------------------

def as_list(t):
    if t.dim() == 1:
        return [float(f"{v:.7g}") for v in t.tolist()]
    return [as_list(row) for row in t]


def reference_case(case, trace):
    layers, fill_mask, _ = trace
    NH = layers[0]["weights"].shape[0]
    return {
        "text": case["text"], "ids": case["ids"], "token_type_ids": case["token_type_ids"],
        "position_ids": case["position_ids"], "options": {"scale": True, "temperature": 1.0},
        "layers": [{
            "input": as_list(layer["input"]), "output": as_list(layer["output"]),
            "heads": [{"q": as_list(layer["q"][h]), "k": as_list(layer["k"][h]), "v": as_list(layer["v"][h]),
                       "weights": as_list(layer["weights"][h]), "output": as_list(layer["head_output"][h])}
                      for h in range(NH)]}
            for layer in layers],
        "fill_mask": [{"position": pos, "predictions": [{"id": i, "p": float(f"{p:.7g}")} for i, p in top]}
                      for pos, top in fill_mask],
        "next_tokens": [],  # an encoder predicts no next token
    }


def build(model):
    cfg = model["config"]
    stored = ref.random_parameters(cfg, model["seed"], model["dtype"], **model["layout"])
    exact = {k: v.to(torch.float64) for k, v in stored.items()}  # what the C++ reads, in float64
    write_folder(model, stored)
    back = ref.read_safetensors(HERE / model["folder"] / "model.safetensors")
    assert list(back) == list(stored) and all(back[n].dtype == stored[n].dtype and torch.equal(back[n], stored[n])
                                              for n in stored), "the folder reads back as written"
    for name in stored:
        if name.endswith(ref.DECODER_COPIES):
            assert torch.equal(stored[name], next(t for n, t in stored.items() if n.endswith("word_embeddings.weight")))
    cases, notes = [], []
    for text, pair in model["cases"]:
        ids, types, masks = encode(model, text, pair)
        assert ids == [int(i) for i in ids] and max(ids) < cfg["vocab_size"]
        assert masks, "every case has a mask position"
        case = {"text": text if pair is None else [text, pair], "ids": ids, "token_type_ids": types,
                "position_ids": ref.position_ids(cfg, ids), "masks": masks}
        trace = ref.forward(exact, cfg, ids, types, masks)
        notes.append(self_check(model, stored, exact, cfg, case, trace))
        cases.append(reference_case(case, trace))
    ignored = [n for n in stored if any(s in n for s in ("pooler.", "seq_relationship", "decoder.weight",
                                                         "vocab_projector.weight"))]
    for n in notes:
        print(f"{model['folder']}: {'; '.join(n)}")
    return {
        "folder": model["folder"], "family": cfg["model_type"], "architecture": cfg["architectures"][0],
        "config": cfg, "head_dim": ref.head_dim(cfg), "layer_norm_eps": ref.layer_norm_eps(cfg),
        "dtype": ref.gpt2.SAFETENSORS_DTYPES[model["dtype"]],
        "parameters": sum(t.numel() for t in stored.values()), "mlm_head": ref.has_mlm_head(exact, cfg),
        "ignored_tensors": ignored, "cases": cases,
    }


def main():
    out = {"models": [build(m) for m in models()]}
    path = HERE / "reference.json"
    path.write_text(json.dumps(out, separators=(",", ":"), ensure_ascii=False))
    total = sum(f.stat().st_size for f in HERE.rglob("*") if f.is_file() and f.suffix != ".py")
    print(f"wrote {path.name} ({path.stat().st_size} bytes) and {len(out['models'])} model folders: "
          f"{total} bytes of fixtures")


if __name__ == "__main__":
    main()
