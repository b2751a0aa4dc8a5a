# SPDX-License-Identifier: MIT
"""BERT, DistilBERT and RoBERTa encoders written from their definitions in plain PyTorch, plus the
parameter layout of their Hugging Face checkpoints.

Shared by make_bert_fixtures.py (small checkpoints and their reference outputs for the C++ tests) and
bench/forward_bench.py --family bert (bert-base's shape with random weights). Independent of the C++:
nothing here is translated from it. Shapes: T tokens, C hidden size, NH heads, hd = C / NH head size,
I intermediate size, L layers, V vocabulary, P positions.

The family, as config.json describes it (post-LN blocks, attention over every token: no causal mask):
  x = LN_emb(word[ids] + position[pos] (+ token_type[types]))     DistilBERT has no token types
      pos = 0 … T-1 for BERT and DistilBERT; RoBERTa counts from padding_idx + 1 (pad_token_id 1 → 2, 3, …)
      and gives padding tokens position padding_idx (there are none in the fixtures)
  each layer:  q = x Wqᵀ + bq, k = x Wkᵀ + bk, v = x Wvᵀ + bv, split into NH heads of hd
               head output = softmax(q kᵀ / √hd) v                   (T, T) weights, all rows, all columns
               x = LN_attn(x + concat(heads) Woᵀ + bo)
               x = LN_ffn(x + W2 gelu(W1 x + b1) + b2)
  masked-LM head at a position:  h = LN_head(gelu(Wd x + bd)),  logits = word · h + bias  (V)
      the output matrix is the word embedding matrix (tied); bias is the head's own
LN(x) = (x - mean) / sqrt(biased variance + eps) · weight + bias; eps is layer_norm_eps for BERT and
RoBERTa, 1e-12 everywhere in DistilBERT (fixed in its code, not in config.json).
gelu is the exact one, x · Φ(x) = x/2 · (1 + erf(x/√2)) ("gelu" in config.json, not the tanh form).

Trace conventions (the same keys as llama_reference.forward, so the C++ tests share their reader):
  layer l "input" is the residual stream entering block l. For layer 0 that is the embedding sum AFTER
  the embedding LayerNorm (what the first attention reads); for l > 0 it is layer l-1's "output".
  "output" is the stream after the block's second LayerNorm (LN_ffn), i.e. the next block's input.
  Because the blocks are post-LN, q, k and v are projections of "input" itself, with no norm between.

Checkpoint names (Hugging Face's, as stored): a base-model prefix ("bert.", "roberta.", "distilbert.") or
none (BertModel saved on its own); LayerNorm parameters named weight/bias or, in old BERT checkpoints,
gamma/beta; tensors no forward pass here reads (pooler, cls.seq_relationship, position_ids) are ignored.
"""
import json
import math
import pathlib
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "gpt2"))
import gpt2_reference as gpt2  # noqa: E402  (safetensors files, byte-level symbols, BPE training)

write_safetensors = gpt2.write_safetensors
write_safetensors_streamed = gpt2.write_safetensors_streamed
read_safetensors = gpt2.read_safetensors

ARCHITECTURES = {"bert": "BertForMaskedLM", "distilbert": "DistilBertForMaskedLM", "roberta": "RobertaForMaskedLM"}
PREFIXES = {"bert": "bert.", "distilbert": "distilbert.", "roberta": "roberta."}

# Where each family keeps its parts, without the base-model prefix. {l} is the layer.
LAYER_NAMES = {
    "bert": {"q": "encoder.layer.{l}.attention.self.query", "k": "encoder.layer.{l}.attention.self.key",
             "v": "encoder.layer.{l}.attention.self.value", "o": "encoder.layer.{l}.attention.output.dense",
             "ln_attn": "encoder.layer.{l}.attention.output.LayerNorm", "fc1": "encoder.layer.{l}.intermediate.dense",
             "fc2": "encoder.layer.{l}.output.dense", "ln_ffn": "encoder.layer.{l}.output.LayerNorm"},
    "distilbert": {"q": "transformer.layer.{l}.attention.q_lin", "k": "transformer.layer.{l}.attention.k_lin",
                   "v": "transformer.layer.{l}.attention.v_lin", "o": "transformer.layer.{l}.attention.out_lin",
                   "ln_attn": "transformer.layer.{l}.sa_layer_norm", "fc1": "transformer.layer.{l}.ffn.lin1",
                   "fc2": "transformer.layer.{l}.ffn.lin2", "ln_ffn": "transformer.layer.{l}.output_layer_norm"},
}
LAYER_NAMES["roberta"] = LAYER_NAMES["bert"]
EMBEDDING_NAMES = {"word": "embeddings.word_embeddings", "position": "embeddings.position_embeddings",
                   "token_type": "embeddings.token_type_embeddings", "ln": "embeddings.LayerNorm"}
# The masked-LM heads (top-level names, never prefixed). "bias" falls back to "decoder_bias", the same
# tensor under its other name in some checkpoints.
HEAD_NAMES = {
    "bert": {"dense": "cls.predictions.transform.dense", "ln": "cls.predictions.transform.LayerNorm",
             "bias": "cls.predictions.bias", "decoder_bias": "cls.predictions.decoder.bias"},
    "roberta": {"dense": "lm_head.dense", "ln": "lm_head.layer_norm", "bias": "lm_head.bias",
                "decoder_bias": "lm_head.decoder.bias"},
    "distilbert": {"dense": "vocab_transform", "ln": "vocab_layer_norm", "bias": "vocab_projector.bias",
                   "decoder_bias": "vocab_projector.bias"},
}


# --- configuration ------------------------------------------------------------------------------------

def family(cfg):
    return cfg["model_type"]


def sizes(cfg):
    """(C, L, NH, I, P): DistilBERT's config.json names them dim, n_layers, n_heads, hidden_dim."""
    if family(cfg) == "distilbert":
        return cfg["dim"], cfg["n_layers"], cfg["n_heads"], cfg["hidden_dim"], cfg["max_position_embeddings"]
    return (cfg["hidden_size"], cfg["num_hidden_layers"], cfg["num_attention_heads"], cfg["intermediate_size"],
            cfg["max_position_embeddings"])


def head_dim(cfg):
    C, _, NH, _, _ = sizes(cfg)
    return C // NH


def layer_norm_eps(cfg):
    return 1e-12 if family(cfg) == "distilbert" else cfg["layer_norm_eps"]


def activation(cfg):
    act = cfg.get("activation") if family(cfg) == "distilbert" else cfg.get("hidden_act")
    if act != "gelu":
        raise ValueError(f"activation {act!r}: this reference knows the exact gelu only")
    return act


def position_ids(cfg, ids):
    """BERT, DistilBERT: 0 … T-1. RoBERTa: padding_idx + 1 + (count of non-padding tokens before and at
    this one) - 1 for ordinary tokens, padding_idx for padding tokens."""
    if family(cfg) != "roberta":
        return list(range(len(ids)))
    pad = cfg["pad_token_id"]
    not_pad = torch.tensor([i != pad for i in ids], dtype=torch.long)
    return (torch.cumsum(not_pad, 0) * not_pad + pad).tolist()


# --- names --------------------------------------------------------------------------------------------

def normalise_names(params, cfg):
    """Checkpoint names → the names this reference reads: the base-model prefix dropped, LayerNorm
    gamma/beta → weight/bias. Top-level head names (cls.*, lm_head.*, vocab_*) are kept as they are."""
    prefix = PREFIXES[family(cfg)]
    out = {}
    for name, t in params.items():
        if name.startswith(prefix):
            name = name[len(prefix):]
        if name.endswith(".gamma"):
            name = name[:-len("gamma")] + "weight"
        elif name.endswith(".beta"):
            name = name[:-len("beta")] + "bias"
        assert name not in out, f"{name} twice"
        out[name] = t
    return out


def has_mlm_head(params, cfg):
    return HEAD_NAMES[family(cfg)]["dense"] + ".weight" in normalise_names(params, cfg)


# --- the forward pass ---------------------------------------------------------------------------------

def layer_norm(x, weight, bias, eps):
    mean = x.mean(dim=-1, keepdim=True)
    var = ((x - mean) ** 2).mean(dim=-1, keepdim=True)  # biased
    return (x - mean) / torch.sqrt(var + eps) * weight + bias


def gelu(x):
    """The exact GELU, x · Φ(x)."""
    return 0.5 * x * (1.0 + torch.erf(x / math.sqrt(2.0)))


def linear(x, p, name):
    return x @ p[name + ".weight"].t() + p[name + ".bias"]


def forward(params, cfg, ids, token_type_ids=None, mask_positions=(), scale=True, temperature=1.0, top_k=10,
            keep_trace=True, fused=False):
    """One sequence through the encoder. params: checkpoint names (any of the spellings above) → tensors of
    one float dtype (float64 for the fixtures). token_type_ids: T segment ids (default all 0; DistilBERT
    has none and they must be 0). mask_positions: positions whose masked-LM predictions are wanted.
    Returns (layers, fill_mask, log_probs):
      layers: per layer "input" and "output" (T, C) (see the module's note on layer 0), q, k, v (NH, T, hd),
              scores q·kᵀ, scaled_scores (scores · factor) and softmax weights (NH, T, T), head_output
              (NH, T, hd);
      fill_mask: [(position, [(id, p)] × top_k)] for each of mask_positions, p over the whole vocabulary;
                 [] when the checkpoint has no masked-LM head;
      log_probs: position → log-softmax over the vocabulary (V) there.
    factor = (1/√hd if scale else 1) / temperature, as qkview's AttentionOptions; the models use scale=True,
    temperature=1. fused uses torch's layer norm and GELU kernels (for timing; the fixtures use the
    formulas)."""
    norm = (lambda x, w, b, eps: F.layer_norm(x, w.shape, w, b, eps)) if fused else layer_norm
    act = F.gelu if fused else gelu
    activation(cfg)
    kind = family(cfg)
    p = normalise_names(params, cfg)
    C, L, NH, _, P = sizes(cfg)
    hd, eps = head_dim(cfg), layer_norm_eps(cfg)
    T = len(ids)
    types = list(token_type_ids) if token_type_ids is not None else [0] * T
    assert len(types) == T
    pos = position_ids(cfg, ids)
    assert max(pos) < P, f"position {max(pos)} past max_position_embeddings {P}"

    e = EMBEDDING_NAMES
    x = p[e["word"] + ".weight"][ids] + p[e["position"] + ".weight"][pos]
    if kind == "distilbert":
        assert not any(types), "DistilBERT has no token types"
    else:
        x = x + p[e["token_type"] + ".weight"][types]
    x = norm(x, p[e["ln"] + ".weight"], p[e["ln"] + ".bias"], eps)

    factor = (1.0 / math.sqrt(hd) if scale else 1.0) / temperature
    layers = []
    for l in range(L):
        n = {part: name.format(l=l) for part, name in LAYER_NAMES[kind].items()}
        layer_in = x
        q, k, v = (linear(x, p, n[part]).reshape(T, NH, hd).transpose(0, 1) for part in ("q", "k", "v"))
        scores = q @ k.transpose(1, 2)  # (NH, T, T)
        scaled = scores * factor
        weights = torch.softmax(scaled, dim=-1)  # bidirectional: no mask
        out = weights @ v  # (NH, T, hd)
        x = norm(x + linear(out.transpose(0, 1).reshape(T, C), p, n["o"]), p[n["ln_attn"] + ".weight"],
                 p[n["ln_attn"] + ".bias"], eps)
        x = norm(x + linear(act(linear(x, p, n["fc1"])), p, n["fc2"]), p[n["ln_ffn"] + ".weight"],
                 p[n["ln_ffn"] + ".bias"], eps)
        if keep_trace:
            layers.append({"input": layer_in, "output": x, "q": q, "k": k, "v": v, "scores": scores,
                           "scaled_scores": scaled, "weights": weights, "head_output": out})

    fill_mask, log_probs = [], {}
    head = HEAD_NAMES[kind]
    if head["dense"] + ".weight" in p and mask_positions:
        bias = p.get(head["bias"], p.get(head["decoder_bias"]))
        rows = list(mask_positions)
        h = norm(act(linear(x[rows], p, head["dense"])), p[head["ln"] + ".weight"], p[head["ln"] + ".bias"], eps)
        logits = h @ p[e["word"] + ".weight"].t() + bias  # (len(rows), V): tied to the word embeddings
        lp = torch.log_softmax(logits, dim=-1)
        for r, position in enumerate(rows):
            log_probs[position] = lp[r]
            top = torch.topk(lp[r], top_k)
            fill_mask.append((position, list(zip(top.indices.tolist(), top.values.exp().tolist()))))
    return layers, fill_mask, log_probs


# --- checkpoints --------------------------------------------------------------------------------------

def parameter_shapes(cfg, prefixed=True, old_norm_names=False, mlm_head=True, pooler=False, nsp=False,
                     decoder_copy=False):
    """Checkpoint name → shape, in the order Hugging Face lists the parameters.
    prefixed: the base model's names start with "bert." / "roberta." / "distilbert." (…ForMaskedLM);
    old_norm_names: LayerNorm.gamma / .beta (old BERT checkpoints); mlm_head: the masked-LM head;
    pooler: BERT/RoBERTa pooler.dense; nsp: cls.seq_relationship (BERT pre-training's next-sentence head);
    decoder_copy: the tied output matrix also stored under the head's decoder name (as old .bin files did)."""
    kind = family(cfg)
    C, L, _, I, P = sizes(cfg)
    V = cfg["vocab_size"]
    base = PREFIXES[kind] if prefixed else ""
    shapes = {}

    def norm(name):
        w, b = ("gamma", "beta") if old_norm_names and "LayerNorm" in name else ("weight", "bias")
        shapes[f"{name}.{w}"] = (C,)
        shapes[f"{name}.{b}"] = (C,)

    def dense(name, out, inp):
        shapes[name + ".weight"] = (out, inp)
        shapes[name + ".bias"] = (out,)

    e = EMBEDDING_NAMES
    shapes[base + e["word"] + ".weight"] = (V, C)
    shapes[base + e["position"] + ".weight"] = (P, C)
    if kind != "distilbert":
        shapes[base + e["token_type"] + ".weight"] = (cfg["type_vocab_size"], C)
    norm(base + e["ln"])
    for l in range(L):
        n = {part: base + name.format(l=l) for part, name in LAYER_NAMES[kind].items()}
        for part in ("q", "k", "v", "o"):
            dense(n[part], C, C)
        norm(n["ln_attn"])
        dense(n["fc1"], I, C)
        dense(n["fc2"], C, I)
        norm(n["ln_ffn"])
    if pooler:
        dense(base + "pooler.dense", C, C)
    if mlm_head:
        head = HEAD_NAMES[kind]
        if kind == "bert":
            shapes[head["bias"]] = (V,)
            dense(head["dense"], C, C)
            norm(head["ln"])
            if decoder_copy:
                shapes["cls.predictions.decoder.weight"] = (V, C)
        elif kind == "roberta":
            shapes[head["bias"]] = (V,)
            dense(head["dense"], C, C)
            norm(head["ln"])
            if decoder_copy:
                shapes["lm_head.decoder.weight"] = (V, C)
        else:
            dense(head["dense"], C, C)
            norm(head["ln"])
            shapes[head["bias"]] = (V,)
            if decoder_copy:
                shapes["vocab_projector.weight"] = (V, C)
    if nsp:
        dense("cls.seq_relationship", 2, C)
    return shapes


def _spread(name, shape):
    """(mean, std) of a random parameter: norms near 1, products scaled by their input width; q and k a
    little larger so attention is neither flat nor one-hot; token types as large as words so they show."""
    if name.endswith((".gamma", "LayerNorm.weight", "layer_norm.weight", "norm.weight")):
        return 1.0, 0.1
    if name.endswith((".beta", ".bias")):
        return 0.0, 0.3 if (".key" in name or "k_lin" in name) else 0.1
    if "embeddings" in name:
        return 0.0, 0.5
    fan_in = shape[1]
    if name.endswith(("query.weight", "key.weight", "q_lin.weight", "k_lin.weight")):
        return 0.0, 2.0 / math.sqrt(fan_in)
    if name.endswith(("transform.dense.weight", "lm_head.dense.weight", "vocab_transform.weight")):
        return 0.0, 2.0 / math.sqrt(fan_in)
    return 0.0, 1.0 / math.sqrt(fan_in)


def random_entries(cfg, seed, dtype, block_rows=8192, **layout):
    """(name, dtype, shape, make) for write_safetensors_streamed: make() draws the tensor's values (float32,
    from one seeded generator, so the entries must be made in order) and yields them in dtype, in row
    blocks of at most block_rows. A decoder copy (layout decoder_copy) is not drawn: see random_parameters."""
    g = torch.Generator().manual_seed(seed)

    def maker(name, shape):
        mean, std = _spread(name, shape)

        def make():
            for begin in range(0, shape[0], block_rows):
                end = min(shape[0], begin + block_rows)
                yield (torch.randn(end - begin, *shape[1:], generator=g) * std + mean).to(dtype)
        return make

    return [(name, dtype, list(shape), maker(name, shape)) for name, shape in parameter_shapes(cfg, **layout).items()
            if not name.endswith(DECODER_COPIES)]


DECODER_COPIES = ("cls.predictions.decoder.weight", "lm_head.decoder.weight", "vocab_projector.weight")


def random_parameters(cfg, seed, dtype, **layout):
    """Checkpoint name → tensor in the stored dtype, in parameter_shapes' order; a decoder copy holds the
    word embeddings' values."""
    drawn = {name: torch.cat(list(make())) for name, _, _, make in random_entries(cfg, seed, dtype, **layout)}
    word = next(n for n in drawn if n.endswith(EMBEDDING_NAMES["word"] + ".weight"))
    return {name: drawn[name] if name in drawn else drawn[word].clone()
            for name in parameter_shapes(cfg, **layout)}


# --- tokenizer files ----------------------------------------------------------------------------------

BERT_SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
ROBERTA_SPECIALS = ["<s>", "<pad>", "</s>", "<unk>"]  # ids 0-3, as in roberta-base; <mask> is the last id


def wordpiece_vocab(words, pieces=(), letters=True):
    """vocab.txt's lines: the specials ([PAD] = 0), whole words, ##pieces, then (letters) every a-z and
    ##a-##z so any lowercase word has a spelling."""
    vocab = list(BERT_SPECIALS)
    for w in list(words) + list(pieces):
        if w not in vocab:
            vocab.append(w)
    if letters:
        for c in "abcdefghijklmnopqrstuvwxyz":
            for w in (c, "##" + c):
                if w not in vocab:
                    vocab.append(w)
    return vocab


def bert_tokenizer_config(tokenizer_class="BertTokenizer", max_length=512):
    return {"do_lower_case": True, "model_max_length": max_length, "unk_token": "[UNK]", "sep_token": "[SEP]",
            "pad_token": "[PAD]", "cls_token": "[CLS]", "mask_token": "[MASK]", "tokenize_chinese_chars": True,
            "strip_accents": None, "clean_up_tokenization_spaces": True, "tokenizer_class": tokenizer_class}


def roberta_vocab(merges):
    """vocab.json: <s> <pad> </s> <unk> (0-3), the 256 byte symbols, one token per merge, <mask> last."""
    vocab = {s: i for i, s in enumerate(ROBERTA_SPECIALS)}
    for symbol in gpt2.bytes_to_unicode().values():
        vocab.setdefault(symbol, len(vocab))
    for a, b in merges:
        vocab.setdefault(a + b, len(vocab))
    vocab["<mask>"] = len(vocab)
    return vocab


def roberta_tokenizer_config(max_length=512):
    return {"errors": "replace", "bos_token": "<s>", "eos_token": "</s>", "sep_token": "</s>", "cls_token": "<s>",
            "unk_token": "<unk>", "pad_token": "<pad>", "mask_token": "<mask>", "add_prefix_space": False,
            "trim_offsets": True, "model_max_length": max_length, "tokenizer_class": "RobertaTokenizer"}


def write_wordpiece_files(folder, vocab, tokenizer_class="BertTokenizer", max_length=512):
    folder = pathlib.Path(folder)
    (folder / "vocab.txt").write_text("".join(w + "\n" for w in vocab), encoding="utf-8")
    (folder / "tokenizer_config.json").write_text(
        json.dumps(bert_tokenizer_config(tokenizer_class, max_length), indent=2) + "\n")


def write_roberta_files(folder, merges, max_length=512):
    folder = pathlib.Path(folder)
    vocab = roberta_vocab(merges)
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False))
    (folder / "merges.txt").write_text("#version: 0.2\n" + "".join(f"{a} {b}\n" for a, b in merges), encoding="utf-8")
    (folder / "tokenizer_config.json").write_text(json.dumps(roberta_tokenizer_config(max_length), indent=2) + "\n")
    return vocab
