# SPDX-License-Identifier: MIT
"""Train qkview's small built-in GPT-2 on WordNet's glosses, then measure what its heads do.

Run with Debian's python3 (apt install python3-torch wordnet-base):

    /usr/bin/python3 tools/train_tiny_model.py            # about 40 minutes at one thread

Steps, all seeded (the same seed gives the same files):
1. Read the glosses of WordNet 3.0 (/usr/share/wordnet/data.{noun,verb,adj,adv}): the text after " | " on
   each synset line, definitions separated by ";" and examples in double quotes. Drop the licence header,
   normalise whitespace, keep printable ASCII, drop duplicates; hold out 5% of the glosses.
2. Learn a byte-level BPE vocabulary the way GPT-2's was made: GPT-2's byte → character table, words cut by
   GPT-2's pre-tokenizer pattern (merges never cross its boundaries), the most frequent pair merged first.
3. Train a GPT-2 (learned positions, pre-LN blocks, GELU tanh, causal attention, lm_head tied to wte) on
   256-token windows of the glosses joined by <|endoftext|>, mixed with windows where a span of random
   words or tokens is repeated. First a guided phase, whose loss also rewards head 0.0 for attending to the
   previous token and head 1.0 for attending to the token after an earlier occurrence of the query's token
   (a model this small does not grow those heads in an hour of CPU on its own); then a free phase of
   next-token prediction alone, which shows whether the model keeps them.
4. Write a Hugging Face GPT-2 folder (config.json, F16 model.safetensors, vocab.json, merges.txt) and
   heads.json, whose head names come from step 5.
5. Reload the F16 weights, run them in float32 on held-out text only, and measure each head's weight on the
   previous token, the first token, itself and punctuation, and induction on repeated random words; then
   the held-out loss against a unigram baseline. Writes docs/tiny-model.md and the fixtures of the C++
   tests in tests/data/tiny/.

Shapes: B batch, T tokens, C channels, NH heads, hs head size, L layers, V vocabulary, P positions.
"""
import argparse
import collections
import heapq
import json
import math
import pathlib
import random
import re
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "data" / "gpt2"))
import gpt2_reference as ref  # noqa: E402  (bytes_to_unicode, byte_level_vocab, merge_pairs, writers, forward)

WORDNET_PARTS = ["noun", "verb", "adj", "adv"]
EOT = "<|endoftext|>"
# GPT-2's pre-tokenizer 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+ for ASCII
# text (Python's re has no \p{..}); on ASCII, \p{L} is [A-Za-z] and \p{N} is [0-9].
PRETOKEN = re.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?[A-Za-z]+| ?[0-9]+| ?[^\sA-Za-z0-9]+|\s+(?!\S)|\s+""")

CONFIG = {"n_layer": 2, "n_head": 4, "n_embd": 128, "n_positions": 256}


# What the issue asks the shipped model to show on held-out text (docs/tiny-model.md reports against them).
PREVIOUS_TOKEN_TARGET = 0.7  # mean weight of the best previous-token head on the previous token
INDUCTION_TARGET = 0.4       # mean weight of the best induction head on the token after the earlier occurrence

def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--guided-steps", type=int, default=3000,
                   help="steps with the attention guide on heads 0.0 and 1.0 (default 3000)")
    p.add_argument("--free-steps", type=int, default=4000, help="then steps of plain next-token training (default 4000)")
    p.add_argument("--out", type=pathlib.Path, default=ROOT / "resources" / "tiny", help="model folder")
    p.add_argument("--fixtures", type=pathlib.Path, default=ROOT / "tests" / "data" / "tiny")
    p.add_argument("--docs", type=pathlib.Path, default=ROOT / "docs" / "tiny-model.md")
    p.add_argument("--log", type=pathlib.Path, default=None, help="progress log (default <fixtures>/train.log)")
    p.add_argument("--wordnet", type=pathlib.Path, default=pathlib.Path("/usr/share/wordnet"))
    p.add_argument("--seed", type=int, default=1234)
    p.add_argument("--docs-only", action="store_true", help="only rewrite --docs from <fixtures>/measured.json")
    p.add_argument("--vocab-size", type=int, default=3072, help="256 bytes + merges + <|endoftext|>")
    p.add_argument("--batch", type=int, default=8, help="sequences per step")
    p.add_argument("--lr", type=float, default=3e-3, help="peak learning rate of the guided phase")
    p.add_argument("--free-lr", type=float, default=5e-4, help="learning rate of the free phase")
    p.add_argument("--repeat-fraction", type=float, default=0.5, help="share of repeated-span sequences, guided")
    p.add_argument("--free-repeat-fraction", type=float, default=0.2, help="the same in the free phase")
    p.add_argument("--layers", type=int, default=CONFIG["n_layer"])
    args = p.parse_args()
    if args.layers < 2:
        p.error("--layers must be at least 2: the guide works on heads of layers 0 and 1")
    return args


class Log:
    """Prints and appends to the log file."""

    def __init__(self, path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.file = open(path, "w")

    def __call__(self, *parts):
        line = " ".join(str(p) for p in parts)
        print(line, flush=True)
        self.file.write(line + "\n")
        self.file.flush()


# ---------------------------------------------------------------------------------------------- data

def clean(text):
    """Whitespace runs → one space; printable ASCII only."""
    text = "".join(ch for ch in text if " " <= ch <= "~" or ch.isspace())
    return " ".join(text.split())


def read_glosses(folder):
    """Every synset's gloss, cleaned, in file order, each distinct gloss once."""
    seen, glosses = set(), []
    for part in WORDNET_PARTS:
        for line in (folder / f"data.{part}").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("  ") or " | " not in line:  # the licence header, numbered "  1 This ..."
                continue
            gloss = clean(line.split(" | ", 1)[1])
            if gloss and gloss not in seen:
                seen.add(gloss)
                glosses.append(gloss)
    return glosses


def licence_text(folder):
    """WordNet's licence, as its data files carry it (header lines "  N text")."""
    lines = []
    for line in (folder / "data.noun").read_text(encoding="utf-8").splitlines():
        if not line.startswith("  "):
            break
        lines.append(line.strip().split(" ", 1)[1].rstrip() if " " in line.strip() else "")
    return "\n".join(lines).strip() + "\n"


def split_glosses(glosses, seed, held_out=0.05):
    """A seeded shuffle of the glosses' indices; the first 5% are held out. Both parts keep file order."""
    order = list(range(len(glosses)))
    random.Random(seed).shuffle(order)
    cut = round(len(glosses) * held_out)
    held = set(order[:cut])
    return [g for i, g in enumerate(glosses) if i not in held], [g for i, g in enumerate(glosses) if i in held]


# ---------------------------------------------------------------------------------------------- BPE

def pretokenize(text):
    assert text.isascii()
    return PRETOKEN.findall(text)


def word_symbols(word, table):
    return tuple(table[b] for b in word.encode("utf-8"))


def merge_word(w, pair):
    """w with every occurrence of pair merged, left to right (as ref.merge_pairs does)."""
    out, i = [], 0
    while i < len(w):
        if i + 1 < len(w) and w[i] == pair[0] and w[i + 1] == pair[1]:
            out.append(w[i] + w[i + 1])
            i += 2
        else:
            out.append(w[i])
            i += 1
    return tuple(out)


def train_bpe(words, count):
    """The merges ref.merge_pairs finds (most frequent pair first, ties to the smallest pair), but each merge
    only revisits the words holding the merged pair: pair counts are updated, not recounted."""
    seqs = list(words)                      # distinct words as symbol tuples
    freq = [words[w] for w in seqs]
    pair_count = collections.defaultdict(int)
    holders = collections.defaultdict(set)  # pair → indices of words that held it (some may no longer)
    for i, w in enumerate(seqs):
        for pair in zip(w, w[1:]):
            pair_count[pair] += freq[i]
            holders[pair].add(i)
    heap = [(-n, pair) for pair, n in pair_count.items()]  # the smallest entry: most frequent, then smallest
    heapq.heapify(heap)
    merges = []
    while len(merges) < count and heap:
        negative, best = heapq.heappop(heap)
        if pair_count.get(best) != -negative:  # a stale entry: the count has changed since
            continue
        merges.append(best)
        changed = set()
        for i in sorted(holders.pop(best)):
            old = seqs[i]
            new = merge_word(old, best)
            if new == old:
                continue
            for pair in zip(old, old[1:]):
                pair_count[pair] -= freq[i]
                changed.add(pair)
            for pair in zip(new, new[1:]):
                pair_count[pair] += freq[i]
                holders[pair].add(i)
                changed.add(pair)
            seqs[i] = new
        for pair in changed:
            if pair_count[pair] > 0:
                heapq.heappush(heap, (-pair_count[pair], pair))
            else:
                del pair_count[pair]
    return merges


def word_counts(texts, table):
    counts = collections.Counter()
    for text in texts:
        counts.update(pretokenize(text))
    return {word_symbols(w, table): n for w, n in sorted(counts.items())}


def check_bpe_trainer(texts, table, merges=300):
    """The incremental trainer must give exactly ref.merge_pairs's merges."""
    words = word_counts(texts, table)
    fast, slow = train_bpe(words, merges), ref.merge_pairs(dict(words), merges)
    assert fast == slow, "train_bpe differs from gpt2_reference.merge_pairs"
    return len(fast)


class Tokenizer:
    """GPT-2's encoder: pre-tokens, then each pre-token's lowest-ranked pair merged until none applies."""

    def __init__(self, merges):
        self.table = ref.bytes_to_unicode()
        self.vocab = ref.byte_level_vocab(merges)
        self.ranks = {pair: r for r, pair in enumerate(merges)}
        self.cache = {}
        self.eot = self.vocab[EOT]
        decoder = {c: b for b, c in self.table.items()}
        self.bytes_of = {i: bytes(decoder[c] for c in s) if s != EOT else EOT.encode() for s, i in self.vocab.items()}

    def bpe(self, word):
        if word not in self.cache:
            w = word_symbols(word, self.table)
            while len(w) > 1:
                best = min(zip(w, w[1:]), key=lambda p: self.ranks.get(p, math.inf))
                if best not in self.ranks:
                    break
                w = merge_word(w, best)
            self.cache[word] = [self.vocab[s] for s in w]
        return self.cache[word]

    def encode(self, text):
        return [i for word in pretokenize(text) for i in self.bpe(word)]

    def decode(self, ids):
        return b"".join(self.bytes_of[i] for i in ids).decode("utf-8", errors="replace")


def punctuation_ids(tok):
    """Tokens with no letter or digit (spaces aside), and <|endoftext|>."""
    out = set()
    for s, i in tok.vocab.items():
        text = tok.bytes_of[i].decode("latin-1").strip()
        if s == EOT or (text and not any(ch.isalnum() for ch in text)):
            out.add(i)
    return out


# ---------------------------------------------------------------------------------------------- model

class Block(nn.Module):
    """Pre-LN transformer block: x + attn(ln_1(x)), then x + mlp(ln_2(x))."""

    def __init__(self, C, NH, P):
        super().__init__()
        self.NH = NH
        self.ln_1 = nn.LayerNorm(C, eps=1e-5)
        self.c_attn = nn.Linear(C, 3 * C)
        self.c_proj = nn.Linear(C, C)
        self.ln_2 = nn.LayerNorm(C, eps=1e-5)
        self.c_fc = nn.Linear(C, 4 * C)
        self.mlp_proj = nn.Linear(4 * C, C)
        self.register_buffer("future", torch.triu(torch.ones(P, P, dtype=torch.bool), diagonal=1))
        self.keep_weights, self.weights, self.silenced = False, None, None

    def attention(self, x):
        B, T, C = x.shape
        hs = C // self.NH
        q, k, v = self.c_attn(x).split(C, dim=2)                               # 3 × (B, T, C)
        q, k, v = (t.view(B, T, self.NH, hs).transpose(1, 2) for t in (q, k, v))  # (B, NH, T, hs)
        scores = (q @ k.transpose(-2, -1)) / math.sqrt(hs)                     # (B, NH, T, T)
        weights = scores.masked_fill(self.future[:T, :T], float("-inf")).softmax(dim=-1)
        y = (weights @ v).transpose(1, 2).reshape(B, T, C)                     # (B, T, C)
        if self.silenced is not None:  # a head's output removed, to measure what the model owes it
            y = y.clone()
            y[:, :, self.silenced * hs:(self.silenced + 1) * hs] = 0
        return self.c_proj(y), weights

    def forward(self, x):
        y, weights = self.attention(self.ln_1(x))
        self.weights = weights if self.keep_weights else None  # (B, NH, T, T) for the guide
        x = x + y
        return x + self.mlp_proj(F.gelu(self.c_fc(self.ln_2(x)), approximate="tanh"))


def sinusoids(P, C, std):
    """(P, C) sin/cos of each position at C/2 geometric frequencies, scaled to standard deviation std."""
    position = torch.arange(P).float()[:, None]
    frequency = torch.exp(-math.log(10000.0) * torch.arange(0, C, 2).float() / C)
    table = torch.zeros(P, C)
    table[:, 0::2], table[:, 1::2] = torch.sin(position * frequency), torch.cos(position * frequency)
    return table * std / table.std()


class GPT2(nn.Module):
    def __init__(self, V, L, NH, C, P):
        super().__init__()
        self.wte = nn.Embedding(V, C)
        self.wpe = nn.Embedding(P, C)
        self.h = nn.ModuleList(Block(C, NH, P) for _ in range(L))
        self.ln_f = nn.LayerNorm(C, eps=1e-5)
        self.apply(self.init_weights)
        for block in self.h:  # GPT-2's scaling of the projections into the residual stream
            for proj in (block.c_proj, block.mlp_proj):
                nn.init.normal_(proj.weight, std=0.02 / math.sqrt(2 * L))
        # Larger token vectors than GPT-2's 0.02, and positions that start as sinusoids (the original
        # Transformer's) rather than noise: both let a tiny model tell tokens and neighbouring positions apart
        # from the first steps. The positions are still learned.
        nn.init.normal_(self.wte.weight, std=0.05)
        with torch.no_grad():
            self.wpe.weight.copy_(sinusoids(P, C, std=0.1))

    @staticmethod
    def init_weights(m):
        if isinstance(m, (nn.Linear, nn.Embedding)):
            nn.init.normal_(m.weight, std=0.02)
        if isinstance(m, nn.Linear):
            nn.init.zeros_(m.bias)

    def forward(self, ids):                                   # ids (B, T)
        T = ids.shape[1]
        x = self.wte(ids) + self.wpe(torch.arange(T))         # (B, T, C)
        for block in self.h:
            x = block(x)
        return self.ln_f(x) @ self.wte.weight.T               # (B, T, V): lm_head tied to wte

    def to_hf(self):
        """Hugging Face GPT-2 names → float32 tensors; Conv1D weights are (in, out), nn.Linear's (out, in)."""
        t = {"wte.weight": self.wte.weight, "wpe.weight": self.wpe.weight}
        for l, b in enumerate(self.h):
            h = f"h.{l}."
            t.update({
                h + "ln_1.weight": b.ln_1.weight, h + "ln_1.bias": b.ln_1.bias,
                h + "attn.c_attn.weight": b.c_attn.weight.T, h + "attn.c_attn.bias": b.c_attn.bias,    # (C, 3C)
                h + "attn.c_proj.weight": b.c_proj.weight.T, h + "attn.c_proj.bias": b.c_proj.bias,    # (C, C)
                h + "ln_2.weight": b.ln_2.weight, h + "ln_2.bias": b.ln_2.bias,
                h + "mlp.c_fc.weight": b.c_fc.weight.T, h + "mlp.c_fc.bias": b.c_fc.bias,             # (C, 4C)
                h + "mlp.c_proj.weight": b.mlp_proj.weight.T, h + "mlp.c_proj.bias": b.mlp_proj.bias,  # (4C, C)
            })
        t["ln_f.weight"], t["ln_f.bias"] = self.ln_f.weight, self.ln_f.bias
        return {k: v.detach().clone().contiguous() for k, v in t.items()}

    def load_hf(self, params):
        """The inverse of to_hf."""
        with torch.no_grad():
            for name, p in self.named_parameters():
                hf = name.replace("c_attn", "attn.c_attn").replace("c_proj", "attn.c_proj") \
                         .replace("c_fc", "mlp.c_fc").replace("mlp_proj", "mlp.c_proj")
                linear = p.dim() == 2 and not name.startswith(("wte", "wpe"))
                p.copy_(params[hf].T if linear else params[hf])  # Conv1D (in, out) → nn.Linear (out, in)


# ---------------------------------------------------------------------------------------------- batches

class Batches:
    """Training sequences of T + 1 tokens: windows of the glosses (each starting at a gloss, as typed text
    starts at position 0) joined by <|endoftext|>, or a span repeated until the window is full."""

    def __init__(self, docs, eot, words, T, seed):
        self.stream, self.starts = [], []
        for doc in docs:
            self.starts.append(len(self.stream))
            self.stream += doc + [eot]
        self.starts = [s for s in self.starts if s + T + 1 <= len(self.stream)]
        self.words, self.T, self.eot = words, T, eot
        self.rng = random.Random(seed)

    def text_window(self, n):
        s = self.rng.choice(self.starts)
        return self.stream[s:s + n]

    def random_tokens(self, n):
        return [self.rng.randrange(self.eot) for _ in range(n)]

    def repeated(self):
        """A span of 20–128 random tokens or random words, after nothing (half the time), gloss text or random
        tokens, repeated until the window is full."""
        n = self.T + 1
        length = self.rng.randint(20, min(128, n // 2))
        if self.rng.random() < 0.5:
            span = self.random_tokens(length)
        else:
            span = []
            while len(span) < length:
                span += self.rng.choice(self.words)
        r, room = self.rng.random(), n - 2 * len(span)
        seq = [] if r < 0.5 or room <= 0 else \
            self.text_window(self.rng.randint(0, room)) if r < 0.75 else self.random_tokens(self.rng.randint(0, room))
        while len(seq) < n:
            seq = seq + span
        return seq[:n]

    def next(self, B, repeat_fraction):
        """(x, y, repeats): inputs and targets (B, T), and which rows are repeated spans (B,)."""
        repeats = [self.rng.random() < repeat_fraction for _ in range(B)]
        batch = torch.tensor([self.repeated() if r else self.text_window(self.T + 1) for r in repeats])  # (B, T + 1)
        return batch[:, :-1], batch[:, 1:], torch.tensor(repeats)


def guide_loss(model, x, repeats):
    """The attention guide of the first phase: −log of head 0.0's weight on the previous token (every row),
    plus twice −log of head 1.0's summed weight on the keys that follow an earlier occurrence of the query's
    token (repeated rows, queries that have one). It rewards two patterns; nothing is set by hand, and the
    rest of the model learns only from next-token prediction."""
    T = x.shape[1]
    q = torch.arange(1, T)
    loss = -(model.h[0].weights[:, 0, q, q - 1] + 1e-6).log().mean()
    if repeats.any():
        xs = x[repeats]                                                       # (S, T)
        follows = torch.zeros(xs.shape[0], T, T, dtype=torch.bool)            # (S, query, key)
        follows[:, :, 1:] = xs[:, :, None] == xs[:, None, :-1]                # key j follows the query's token
        follows &= torch.ones(T, T, dtype=torch.bool).tril()
        has = follows.any(-1)                                                 # (S, T)
        weight = (model.h[1].weights[repeats][:, 0] * follows).sum(-1)        # (S, T)
        if has.any():
            loss = loss + 2.0 * -(weight[has] + 1e-6).log().mean()
    return loss


def lr_at(step, steps, peak, warmup=100):
    """Linear warm-up, then cosine decay to a tenth of the peak."""
    if step < warmup:
        return peak * (step + 1) / warmup
    progress = (step - warmup) / max(1, steps - warmup)
    return peak * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * progress)))


def train(model, batches, args, probe, log):
    """The guided phase (next-token loss + guide_loss, cosine learning rate), then the free phase (next-token
    loss alone, constant learning rate). probe(model) measures the two heads; returns the seconds spent and
    the probe's figures at the end of each phase."""
    embeddings = {"wte.weight", "wpe.weight"}
    decay = [p for n, p in model.named_parameters() if p.dim() == 2 and n not in embeddings]
    other = [p for n, p in model.named_parameters() if not (p.dim() == 2 and n not in embeddings)]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1}, {"params": other, "weight_decay": 0.0}],
                            lr=args.lr, betas=(0.9, 0.95))
    V = model.wte.weight.shape[0]
    steps = args.guided_steps + args.free_steps
    began, smooth = time.time(), None
    at_end_of_guide = None  # stays None without a guided phase (--guided-steps 0)
    for step in range(steps):
        guided = step < args.guided_steps
        lr = lr_at(step, args.guided_steps, args.lr) if guided else args.free_lr
        for group in opt.param_groups:
            group["lr"] = lr
        x, y, repeats = batches.next(args.batch, args.repeat_fraction if guided else args.free_repeat_fraction)
        for block in model.h:
            block.keep_weights = guided
        lm = F.cross_entropy(model(x).view(-1, V), y.reshape(-1))
        loss = lm + guide_loss(model, x, repeats) if guided else lm
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        smooth = lm.item() if smooth is None else 0.95 * smooth + 0.05 * lm.item()
        if step % 50 == 0 or step == steps - 1:
            elapsed = time.time() - began
            log(f"step {step:5d}/{steps} {'guided' if guided else 'free  '}  next-token loss {lm.item():.3f}  "
                f"smoothed {smooth:.3f}  total {loss.item():.3f}  lr {lr:.2e}  {elapsed:6.0f} s  "
                f"({elapsed / (step + 1):.2f} s/step)")
        if (step + 1) % 500 == 0 or step + 1 in (args.guided_steps, steps):
            figures = probe(model)
            log(f"    after {step + 1} steps: head 0.0 on the previous token {figures['previous_token']:.3f}, "
                f"head 1.0 on induction keys {figures['induction']:.3f}")
            if step + 1 == args.guided_steps:
                at_end_of_guide = figures
    for block in model.h:
        block.keep_weights = False
    return time.time() - began, {"guided": at_end_of_guide, "free": figures}


# ---------------------------------------------------------------------------------------------- measuring

def heldout_loss(model, docs, eot, T):
    """Mean next-token loss (nats) over the held-out glosses joined by <|endoftext|>, in T-token windows."""
    stream = [i for doc in docs for i in doc + [eot]]
    total, count = 0.0, 0
    with torch.no_grad():
        for s in range(0, len(stream) - 1, T):
            chunk = torch.tensor(stream[s:s + T + 1])
            x, y = chunk[:-1][None], chunk[1:]
            logits = model(x)[0]                              # (T, V)
            total += F.cross_entropy(logits, y, reduction="sum").item()
            count += len(y)
    return total / count, stream


def unigram_loss(train_docs, heldout_stream, eot, V):
    """Cross-entropy (nats) of the held-out tokens under the training tokens' unigram distribution
    (add-one smoothed), and that distribution's own entropy."""
    counts = torch.ones(V, dtype=torch.float64)
    for doc in train_docs:
        counts += torch.bincount(torch.tensor(doc + [eot]), minlength=V).double()
    p = counts / counts.sum()
    entropy = -(p * p.log()).sum().item()
    targets = torch.tensor(heldout_stream[1:])
    return -p.log()[targets].mean().item(), entropy


def head_stats(params, cfg, docs, punct):
    """Per layer and head, the mean attention weight over every query position ≥ 1 of each text on the
    previous token, token 0, itself and punctuation/<|endoftext|>: a (L, NH, 4) tensor."""
    sums, count = torch.zeros(cfg["n_layer"], cfg["n_head"], 4, dtype=torch.float64), 0
    for ids in docs:
        T = len(ids)
        if T < 2:
            continue
        rows = torch.arange(1, T)
        is_punct = torch.tensor([i in punct for i in ids])
        layers, _ = ref.forward(params, cfg, ids)
        for l, layer in enumerate(layers):
            w = layer["weights"][:, 1:, :].double()            # (NH, T-1, T): queries 1..T-1
            sums[l, :, 0] += w[:, rows - 1, rows - 1].sum(-1)  # previous token
            sums[l, :, 1] += w[:, :, 0].sum(-1)                # token 0
            sums[l, :, 2] += w[:, rows - 1, rows].sum(-1)      # itself
            sums[l, :, 3] += w[:, :, is_punct].sum((-1, -2))   # punctuation
        count += T - 1
    return sums / count


def repeated_words(tok, words, rng, n):
    """n random words twice: "w1 w2 … wn w1 w2 … wn". Returns the text, its ids and the (query, key) pairs
    of induction: each token of the second copy (from its second word on, whose tokens are the same as in
    the first copy) and the token just after that token's first occurrence."""
    chosen = [rng.choice(words) for _ in range(n)]
    pieces = [tok.bpe(w if k == 0 else " " + w) for k, w in enumerate(chosen)]
    pieces += [tok.bpe(" " + w) for w in chosen]
    starts = [0]
    for p in pieces:
        starts.append(starts[-1] + len(p))
    ids = [i for p in pieces for i in p]
    pairs = [(starts[n + k] + m, starts[k] + m + 1) for k in range(1, n) for m in range(len(pieces[k]))]
    text = " ".join(chosen + chosen)
    assert tok.encode(text) == ids
    return text, ids, pairs


def induction_scores(params, cfg, cases):
    """Mean weight of each head from the second copy's tokens to the token after their first occurrence."""
    sums, count = torch.zeros(cfg["n_layer"], cfg["n_head"], dtype=torch.float64), 0
    for _, ids, pairs in cases:
        layers, _ = ref.forward(params, cfg, ids)
        q, k = torch.tensor(pairs).T
        for l, layer in enumerate(layers):
            sums[l] += layer["weights"][:, q, k].double().sum(-1)
        count += len(pairs)
    return sums / count


def guided_heads_probe(model, docs, cases):
    """Progress of the guided heads for the log: head 0.0's mean weight on the previous token (docs), head
    1.0's on the induction keys (cases)."""
    model.eval()
    for block in model.h:
        block.keep_weights = True
    previous, queries, induction, pairs = 0.0, 0, 0.0, 0
    with torch.no_grad():
        for ids in docs:
            model(torch.tensor([ids]))
            q = torch.arange(1, len(ids))
            previous += model.h[0].weights[0, 0, q, q - 1].sum().item()
            queries += len(q)
        for _, ids, case_pairs in cases:
            model(torch.tensor([ids]))
            q, k = torch.tensor(case_pairs).T
            induction += model.h[1].weights[0, 0, q, k].sum().item()
            pairs += len(case_pairs)
    model.train()
    return {"previous_token": previous / queries, "induction": induction / pairs}


def copy_losses(model, cases, silenced=None):
    """Mean next-token loss (nats) of the same targets seen twice: each induction pair's token after the first
    occurrence, predicted in the first copy and again in the second. With silenced = (layer, head), that
    head's output is removed."""
    if silenced:
        model.h[silenced[0]].silenced = silenced[1]
    first = second = 0.0
    count = 0
    with torch.no_grad():
        for _, ids, pairs in cases:
            t = torch.tensor(ids)
            losses = F.cross_entropy(model(t[None, :-1])[0], t[1:], reduction="none")  # (T - 1,): predicts p + 1
            for q, k in pairs:
                if q < len(losses):
                    first += losses[k - 1].item()
                    second += losses[q].item()
                    count += 1
    if silenced:
        model.h[silenced[0]].silenced = None
    return first / count, second / count


def name_heads(stats, induction):
    """Each head's name from its strongest measured behaviour, with the number in its description."""
    kinds = [
        ("previous token", 0.5, "Attends to the token just before: {:.2f} of its weight on held-out glosses."),
        ("first-token sink", 0.5, "Parks its weight on the first token: {:.2f} of it on held-out glosses."),
        ("self", 0.5, "Attends to its own token: {:.2f} of its weight on held-out glosses."),
        ("induction", 0.4, "On repeated random words, attends to the token after this token's first "
                           "occurrence: {:.2f} of its weight."),
    ]
    layers = []
    for l in range(stats.shape[0]):
        heads = []
        for h in range(stats.shape[1]):
            scores = [stats[l, h, 0].item(), stats[l, h, 1].item(), stats[l, h, 2].item(), induction[l, h].item()]
            best = max(range(4), key=lambda i: scores[i] / kinds[i][1])
            name, threshold, text = kinds[best]
            if scores[best] >= threshold:
                heads.append({"name": name, "description": text.format(scores[best])})
            else:
                heads.append({"name": "mixed", "description": (
                    "No single pattern. On held-out glosses: {:.2f} previous token, {:.2f} first token, {:.2f} "
                    "itself, {:.2f} punctuation; induction {:.2f}.").format(*stats[l, h].tolist(), scores[3])})
        layers.append(heads)
    return layers


def best_head(table):
    """(layer, head, score) of the largest entry of an (L, NH) table."""
    flat = int(torch.argmax(table))
    l, h = divmod(flat, table.shape[1])
    return l, h, table[l, h].item()


def rounded(t):
    if t.dim() == 1:
        return [float(f"{v:.7g}") for v in t.tolist()]
    return [rounded(row) for row in t]


# ---------------------------------------------------------------------------------------------- files

def write_model_folder(out, model, merges, cfg):
    out.mkdir(parents=True, exist_ok=True)
    vocab = ref.write_tokenizer_files(out, merges)
    (out / "config.json").write_text(json.dumps(cfg, indent=2) + "\n")
    stored = {k: v.to(torch.float16) for k, v in model.to_hf().items()}
    ref.write_safetensors(out / "model.safetensors", stored, {"format": "pt"})
    return vocab


def write_fixtures(folder, tok, params, cfg, heldout_texts, ind_cases, prev, ind, rng):
    """heldout.txt, induction.json and reference.json (float32 forward of the F16 weights)."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [t for t in heldout_texts if 8 <= len(tok.encode(t)) <= 40]
    lines = sorted(rng.sample(lines, 20), key=heldout_texts.index)
    (folder / "heldout.txt").write_text("".join(line + "\n" for line in lines))

    cases = []
    for text, ids, pairs in ind_cases[:3]:
        layers, _ = ref.forward(params, cfg, ids)
        q, k = torch.tensor(pairs).T
        cases.append({"text": text, "ids": ids, "induction_pairs": pairs,
                      "induction_head_score": round(layers[ind[0]]["weights"][ind[1], q, k].mean().item(), 4)})
    induction = {
        "about": "Random held-out words repeated twice. induction_pairs: [query, key] positions, from each token of "
                 "the second copy (its second word on) to the token after that token's first occurrence.",
        "induction_head": {"layer": ind[0], "head": ind[1], "score": round(ind[2], 4)},
        "previous_token_head": {"layer": prev[0], "head": prev[1], "score": round(prev[2], 4)},
        "sequences": cases,
    }
    (folder / "induction.json").write_text(json.dumps(induction, indent=1) + "\n")

    reference = {"about": "Float32 forward of resources/tiny's F16 weights (tools/train_tiny_model.py): per layer "
                          "and head the attention weights (T, T); the 5 likeliest next tokens after the last one.",
                 "cases": []}
    for text in [line for line in lines if len(tok.encode(line)) <= 24][:2]:
        ids = tok.encode(text)
        layers, top = ref.forward(params, cfg, ids, top_k=5)
        reference["cases"].append({
            "text": text, "ids": ids,
            "layers": [{"heads": [{"weights": rounded(layer["weights"][h])} for h in range(cfg["n_head"])]}
                       for layer in layers],
            "next_tokens": [{"id": i, "p": float(f"{p:.7g}")} for i, p in top]})
    (folder / "reference.json").write_text(json.dumps(reference, separators=(",", ":")) + "\n")
    return lines


def head_table(heads):
    """The Markdown table of measured.json's "heads"."""
    rows = ["| layer.head | name | previous token | first token | itself | punctuation | induction |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
    for h in (h for layer in heads for h in layer):
        rows.append(f"| {h['layer']}.{h['head']} | {h['name']} | {h['previous_token']:.2f} | {h['first_token']:.2f} "
                    f"| {h['self']:.2f} | {h['punctuation']:.2f} | {h['induction']:.2f} |")
    return "\n".join(rows)


def figure_texts(fixtures):
    """The texts of the page's two figures: the fixtures' held-out gloss nearest 100 characters long, and the
    first 8 words of the first induction sequence written twice."""
    gloss = min((fixtures / "heldout.txt").read_text().splitlines(), key=lambda t: abs(len(t) - 100))
    words = json.loads((fixtures / "induction.json").read_text())["sequences"][0]["text"].split()[:8]
    return gloss, " ".join(words + words)


def write_docs(path, m, table, licence, fixtures):
    c = m["config"]
    gloss, repeated = figure_texts(fixtures)
    guided = m["probe"]["guided"]
    guided_line = "There was no guided phase." if guided is None else (
        f"After the guided phase, head 0.0 put {guided['previous_token']:.2f} of its weight on the previous\n"
        f"  token (300 held-out glosses), and head 1.0 put {guided['induction']:.2f} on the induction keys (20 of\n"
        f"  the sequences below).")
    prev, ind = m["previous_token_head"], m["induction_head"]
    if prev["score"] >= PREVIOUS_TOKEN_TARGET and ind["score"] >= INDUCTION_TARGET:
        outcome = (f"with a previous-token head ({prev['score']:.2f} of its weight on the previous token of held-out\n"
                   f"text) and an induction head ({ind['score']:.2f} on the token after an earlier occurrence). "
                   f"**Those two heads\nwere guided** in the first phase of training, then trained freely: see "
                   f"[How the two heads came about](#how-the-two-heads-came-about)")
    else:
        outcome = (f"but **not trained well enough to show the heads it is meant to show**: the best "
                   f"previous-token head reaches {prev['score']:.2f} (target {PREVIOUS_TOKEN_TARGET}) and the best "
                   f"induction head {ind['score']:.2f} (target {INDUCTION_TARGET}). It still predicts text far "
                   f"better than word frequencies alone")
    text = f"""# The built-in trained model (`resources/tiny/`)

A small GPT-2 trained from scratch on the glosses of WordNet 3.0, small enough to ship with qkview
({m["folder_bytes"] / 1e6:.1f} MB), {outcome}. Unlike the hand-written teaching model
([teaching-model.md](teaching-model.md)), its weights were learned, so it is a real (if tiny) language
model, loaded through the same Hugging Face GPT-2 path as any downloaded checkpoint.

Everything here was written by `tools/train_tiny_model.py`; the numbers are measured by it after training,
with the F16 weights as saved, run in float32, on held-out text only.

## Data and licence

The text is every gloss of WordNet 3.0 as Debian's `wordnet-base` installs it
(`/usr/share/wordnet/data.{{noun,verb,adj,adv}}`): the part of each synset line after ` | `, definitions
separated by `;` and example sentences in double quotes, for example

    {m["example_gloss"]}

The script drops the licence header, normalises whitespace, keeps printable ASCII and keeps each distinct
gloss once: {m["data"]["glosses"]:,} glosses. A seeded shuffle holds out {m["data"]["heldout_glosses"]:,} of them
(5%); the model never trains on those, and every measurement below uses only them. Training text:
{m["data"]["train_tokens"]:,} tokens; held-out: {m["data"]["heldout_tokens"]:,} tokens.

WordNet is used under its licence (Princeton's, permissive, BSD-like: use, copy, modify and distribute for
any purpose without fee, keeping the notice below). The files derived from it (the model folder and the
fixtures in `tests/data/tiny/`, whose `heldout.txt` quotes glosses) carry the notice in
`LICENSE-WordNet.txt`:

```
{licence.rstrip()}
```

## Tokenizer

Byte-level BPE made the way GPT-2's was: GPT-2's byte → character table, text cut into words by GPT-2's
pre-tokenizer pattern (`'s|'t|'re|'ve|'m|'ll|'d| ?\\p{{L}}+| ?\\p{{N}}+| ?[^\\s\\p{{L}}\\p{{N}}]+|\\s+(?!\\S)|\\s+`,
so a word carries its leading space and no merge crosses a word boundary), then the most frequent pair of
symbols merged first (ties to the smallest pair), {m["tokenizer"]["merges"]:,} times over the training words.
`vocab.json` holds the 256 byte symbols (ids 0–255, in GPT-2's order), one entry per merge, then
`{EOT}` as the last id, {m["tokenizer"]["eot_id"]}: {m["tokenizer"]["vocab_size"]:,} tokens. Files:
`vocab.json` and `merges.txt`, as GPT-2's; nothing else is needed. `{EOT}` separates glosses in
training; the tokenizer never produces it from text (and is not asked to: qkview feeds the text as typed,
and training windows also start at the first token of a gloss, with no `{EOT}` before it).

## Architecture

GPT-2 exactly: learned position embeddings, pre-LayerNorm blocks (eps 1e-5), causal multi-head attention
scaled by 1/√hs, an MLP of 4·C with GELU (tanh form, `gelu_new`), a final LayerNorm, and the output matrix
tied to the token embedding (no `lm_head` tensor).

| | |
| --- | --- |
| layers × heads | {c["n_layer"]} × {c["n_head"]} |
| n_embd (C) | {c["n_embd"]} |
| head size (hs) | {c["n_embd"] // c["n_head"]} |
| context | {c["n_positions"]} tokens |
| vocabulary | {c["vocab_size"]:,} |
| parameters | {m["parameters"]:,} |
| weights | F16, Hugging Face GPT-2 names, Conv1D (in, out) layouts |

## Training

    /usr/bin/python3 tools/train_tiny_model.py          # --guided-steps N, --free-steps N, --out DIR, --seed S

Debian's `python3-torch` ({m["training"]["torch"]}), one CPU thread, seed {m["training"]["seed"]}; the same
seed gives the same files. AdamW (betas 0.9/0.95, weight decay 0.1 on the matrices but not the embeddings),
gradients clipped to norm 1, {m["training"]["batch"]} sequences of {c["n_positions"]} tokens a step. Token
vectors start at standard deviation 0.05 and position vectors as sinusoids (std 0.1); both are learned.
A sequence is either a window of glosses joined by `{EOT}`, starting at a gloss, or a **repeated span**:
20 to 128 random tokens or random training words, after nothing, some gloss text or some random tokens,
repeated until the window is full.

1. **Guided phase**, {m["training"]["guided_steps"]:,} steps, {round(100 * m["training"]["repeat_fraction"])}% repeated spans, learning
   rate {m["training"]["peak_lr"]:g} after a 100-step warm-up, cosine decay to a tenth. The loss is next-token
   prediction **plus a guide on two heads' attention**: −log of head 0.0's weight on the previous token, and
   twice −log of head 1.0's total weight on the keys that follow an earlier occurrence of the query's token
   (in repeated spans only). No weight is set by hand; the guide only rewards two patterns.
2. **Free phase**, {m["training"]["free_steps"]:,} steps of next-token prediction alone,
   {round(100 * m["training"]["free_repeat_fraction"])}% repeated spans, learning rate {m["training"]["free_lr"]:g}.

Training took {m["training"]["train_seconds"] / 60:.1f} minutes ({m["training"]["seconds_per_step"]:.2f} s per
step); the whole script {m["training"]["total_seconds"] / 60:.1f} minutes. The loss every 50 steps, and the two
heads every 500, are in `tests/data/tiny/train.log`.

## How the two heads came about

Trained on next-token prediction alone, a model this small did not grow either head in the time this script
may take (about an hour of one CPU): not the earlier version of this model (3 layers, 3,000 steps), nor shorter
experiments with synthetic data only, shorter windows, sinusoidal positions, other learning rates or a data
mix that rewards looking one token back. The best previous-token head stayed below 0.4 and the best
induction head below 0.1. Real models grow both from far more text.
So the first phase guides them, and the second checks that the model keeps them on its own:

- {guided_line}
- After the free phase, with no guide at all: {m["probe"]["free"]["previous_token"]:.2f} and
  {m["probe"]["free"]["induction"]:.2f}.
- The model **uses** the induction head: on the {m["induction"]["sequences"]} repeated word sequences below, its
  next-token loss is {m["copy"]["first"]:.2f} nats on the first copy and {m["copy"]["second"]:.2f} on the second,
  where the induction head can point at what came next last time. With head 1.0's output removed
  (its weights kept, its contribution to the residual stream zeroed), the second copy's loss is
  {m["copy"]["second_without_head"]:.2f}.

A teacher can point at what these heads do, measured below on text the model never saw; that they were
encouraged to do it is part of the story, and should be told with it.

## How good it is

| on held-out glosses | nats / token |
| --- | ---: |
| the model | {m["heldout"]["loss"]:.3f} |
| unigram baseline (training token frequencies) | {m["heldout"]["unigram_loss"]:.3f} |

(The training tokens' unigram entropy is {m["heldout"]["unigram_entropy"]:.3f} nats.) The model is far from
fluent; it knows WordNet's style and common word sequences.

## The heads

Measured on the {m["data"]["heldout_glosses"]:,} held-out glosses, each run alone as typed text: the mean
weight, over every query position ≥ 1, on the **previous token**, on **token 0**, on **itself**, and on
**punctuation** (tokens with no letter or digit). **Induction**: {m["induction"]["sequences"]} sequences of
{m["induction"]["words"]} random words from the held-out glosses' vocabulary, written twice; the mean weight
from each token of the second copy to the token just after its first occurrence. Names (in
`resources/tiny/heads.json`) come from each head's strongest measured behaviour.

{table}

The previous-token head is **{m["previous_token_head"]["layer"]}.{m["previous_token_head"]["head"]}**
({m["previous_token_head"]["score"]:.2f}); the induction head is
**{m["induction_head"]["layer"]}.{m["induction_head"]["head"]}** ({m["induction_head"]["score"]:.2f}).

## Figures

| head 0.0 on a held-out gloss | head 1.0 on 8 random words written twice |
| --- | --- |
| ![previous-token head](figures/tiny-previous-token.png) | ![induction head](figures/tiny-induction.png) |

Each row is a query, each column a key; the previous-token head is the diagonal just below the main one, the
induction head the diagonal that starts where the repeat starts, one key after the first copy. Made with

    qkview export --model tiny --text "{gloss}" \\
        --layer 0 --head 0 --width 8.5cm --height 8.5cm -o docs/figures/tiny-previous-token.png
    qkview export --model tiny --text "{repeated}" \\
        --layer 1 --head 0 --width 8.5cm --height 8.5cm -o docs/figures/tiny-induction.png

## Files

| file | what |
| --- | --- |
| `resources/tiny/config.json`, `model.safetensors`, `vocab.json`, `merges.txt` | the Hugging Face GPT-2 folder |
| `resources/tiny/heads.json` | a name and description for every head, from the measurements |
| `resources/tiny/LICENSE-WordNet.txt` | WordNet's licence notice |
| `tests/data/tiny/measured.json` | every number above, machine-readable |
| `tests/data/tiny/heldout.txt` | 20 held-out glosses, one per line |
| `tests/data/tiny/induction.json` | 3 repeated random word sequences, their induction pairs, the two heads |
| `tests/data/tiny/reference.json` | 2 held-out glosses: ids, every head's weights, top-5 next tokens |

## Retraining

    /usr/bin/python3 tools/train_tiny_model.py

rewrites all of the above (about {m["training"]["total_seconds"] / 60:.0f} minutes at one thread). Needs Debian's
`python3-torch` and `wordnet-base`.
"""
    path.write_text(text)


# ---------------------------------------------------------------------------------------------- main

def main():
    args = parse_args()
    if args.docs_only:  # the text changed, not the model: rewrite the page from the last run's measurements
        m = json.loads((args.fixtures / "measured.json").read_text())
        write_docs(args.docs, m, head_table(m["heads"]), licence_text(args.wordnet), args.fixtures)
        return
    began = time.time()
    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    log = Log(args.log or args.fixtures / "train.log")

    glosses = read_glosses(args.wordnet)
    train_text, heldout_text = split_glosses(glosses, args.seed)
    log(f"{len(glosses)} glosses: {len(train_text)} train, {len(heldout_text)} held out")

    table = ref.bytes_to_unicode()
    log(f"incremental BPE = gpt2_reference.merge_pairs on 400 glosses: {check_bpe_trainer(train_text[:400], table)} merges")
    t0 = time.time()
    merges = train_bpe(word_counts(train_text, table), args.vocab_size - 257)
    tok = Tokenizer(merges)
    V = len(tok.vocab)
    train_docs = [tok.encode(g) for g in train_text]
    heldout_docs = [tok.encode(g) for g in heldout_text]
    log(f"BPE: {len(merges)} merges, vocabulary {V}, {time.time() - t0:.0f} s; "
        f"{sum(map(len, train_docs))} training tokens, {sum(map(len, heldout_docs))} held-out tokens")

    # Random words for the repeated spans: distinct lower-case training words, as " word" tokens.
    train_words = sorted({w for g in train_text for w in re.findall(r"\b[a-z]+\b", g)})
    span_words = [tok.bpe(" " + w) for w in train_words]

    cfg = dict(CONFIG, n_layer=args.layers)
    P = cfg["n_positions"]
    model = GPT2(V, cfg["n_layer"], cfg["n_head"], cfg["n_embd"], P)
    parameters = sum(p.numel() for p in model.parameters())
    log(f"model: {cfg}, V {V}, {parameters} parameters")
    rng = random.Random(args.seed + 2)
    heldout_words = sorted({w for g in heldout_text for w in re.findall(r"\b[a-z]+\b", g)})
    n_words, n_cases = 25, 200
    ind_cases = [repeated_words(tok, heldout_words, rng, n_words) for _ in range(n_cases)]
    batches = Batches(train_docs, tok.eot, span_words, P, args.seed + 1)
    probe = lambda m: guided_heads_probe(m, heldout_docs[:300], ind_cases[:20])
    train_seconds, probes = train(model, batches, args, probe, log)

    hf_cfg = {"architectures": ["GPT2LMHeadModel"], "model_type": "gpt2", "n_layer": cfg["n_layer"],
              "n_head": cfg["n_head"], "n_embd": cfg["n_embd"], "n_positions": P, "n_ctx": P, "vocab_size": V,
              "layer_norm_epsilon": 1e-5, "activation_function": "gelu_new", "bos_token_id": tok.eot,
              "eos_token_id": tok.eot, "tie_word_embeddings": True, "torch_dtype": "float16",
              "_name_or_path": "qkview/tiny-wordnet-gpt2"}
    write_model_folder(args.out, model, merges, hf_cfg)

    # Measure the weights as saved: F16 → float32.
    params = ref.read_safetensors(args.out / "model.safetensors", torch.float32)
    model.load_hf(params)
    model.eval()
    check_ids = heldout_docs[0]
    with torch.no_grad():
        _, mine = model.h[0].attention(model.h[0].ln_1(model.wte(torch.tensor([check_ids])) + model.wpe.weight[:len(check_ids)]))
    theirs, _ = ref.forward(params, hf_cfg, check_ids)
    assert torch.allclose(mine[0], theirs[0]["weights"], atol=1e-5), "saved layout differs from the trained module"

    loss, heldout_stream = heldout_loss(model, heldout_docs, tok.eot, P)
    uni_loss, uni_entropy = unigram_loss(train_docs, heldout_stream, tok.eot, V)
    punct = punctuation_ids(tok)
    stats = head_stats(params, hf_cfg, heldout_docs, punct)             # (L, NH, 4)
    induction = induction_scores(params, hf_cfg, ind_cases)             # (L, NH)
    prev, ind = best_head(stats[:, :, 0]), best_head(induction)
    names = name_heads(stats, induction)
    (args.out / "heads.json").write_text(json.dumps({"layers": names}, indent=1) + "\n")
    licence = licence_text(args.wordnet)
    (args.out / "LICENSE-WordNet.txt").write_text(licence)

    lines = write_fixtures(args.fixtures, tok, params, hf_cfg, heldout_text, ind_cases, prev, ind, rng)
    (args.fixtures / "LICENSE-WordNet.txt").write_text(licence)
    lines_stats = head_stats(params, hf_cfg, [tok.encode(t) for t in lines], punct)
    first_copy, second_copy = copy_losses(model, ind_cases)
    _, second_without_head = copy_losses(model, ind_cases, silenced=(1, 0))
    folder_bytes = sum(f.stat().st_size for f in args.out.iterdir() if f.is_file())

    m = {
        "config": hf_cfg, "parameters": parameters, "folder_bytes": folder_bytes,
        "example_gloss": next(g for g in heldout_text if '"' in g and len(g) < 110),
        "data": {"glosses": len(glosses), "train_glosses": len(train_text), "heldout_glosses": len(heldout_text),
                 "train_tokens": sum(map(len, train_docs)), "heldout_tokens": sum(map(len, heldout_docs))},
        "tokenizer": {"merges": len(merges), "vocab_size": V, "eot_id": tok.eot, "eot": EOT},
        "training": {"seed": args.seed, "guided_steps": args.guided_steps, "free_steps": args.free_steps,
                     "steps": args.guided_steps + args.free_steps, "batch": args.batch, "peak_lr": args.lr,
                     "free_lr": args.free_lr, "repeat_fraction": args.repeat_fraction,
                     "free_repeat_fraction": args.free_repeat_fraction, "threads": 1, "torch": torch.__version__,
                     "train_seconds": round(train_seconds),
                     "seconds_per_step": train_seconds / (args.guided_steps + args.free_steps),
                     "total_seconds": None},
        "heldout": {"loss": loss, "unigram_loss": uni_loss, "unigram_entropy": uni_entropy,
                    "tokens_scored": len(heldout_stream) - 1},
        "induction": {"sequences": n_cases, "words": n_words, "scores": rounded(induction)},
        "probe": probes,
        "copy": {"first": first_copy, "second": second_copy, "second_without_head": second_without_head},
        "heads": [[{"layer": l, "head": h, "name": names[l][h]["name"],
                    "previous_token": round(stats[l, h, 0].item(), 4), "first_token": round(stats[l, h, 1].item(), 4),
                    "self": round(stats[l, h, 2].item(), 4), "punctuation": round(stats[l, h, 3].item(), 4),
                    "induction": round(induction[l, h].item(), 4),
                    "heldout_txt_previous_token": round(lines_stats[l, h, 0].item(), 4)}
                   for h in range(hf_cfg["n_head"])] for l in range(hf_cfg["n_layer"])],
        "previous_token_head": {"layer": prev[0], "head": prev[1], "score": prev[2]},
        "induction_head": {"layer": ind[0], "head": ind[1], "score": ind[2]},
    }
    m["training"]["total_seconds"] = round(time.time() - began)
    (args.fixtures / "measured.json").write_text(json.dumps(m, indent=1) + "\n")
    write_docs(args.docs, m, head_table(m["heads"]), licence, args.fixtures)

    log(f"\nheld-out loss {loss:.3f} nats/token; unigram baseline {uni_loss:.3f} (entropy {uni_entropy:.3f})")
    log(head_table(m["heads"]))
    log(f"previous-token head {prev[0]}.{prev[1]} ({prev[2]:.3f}); induction head {ind[0]}.{ind[1]} ({ind[2]:.3f})")
    ok = prev[2] >= PREVIOUS_TOKEN_TARGET and ind[2] >= INDUCTION_TARGET
    log(f"targets (previous token ≥ {PREVIOUS_TOKEN_TARGET}, induction ≥ {INDUCTION_TARGET}): {'met' if ok else 'NOT met'}")
    log(f"model folder {folder_bytes} bytes; training {train_seconds / 60:.1f} min, total {m['training']['total_seconds'] / 60:.1f} min")


if __name__ == "__main__":
    main()
