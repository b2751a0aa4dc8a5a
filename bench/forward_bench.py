#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""qkview's forward pass (with the full trace) against PyTorch on the same random weights, in one run.

Needs Debian's python3 with torch and the fast BLAS it should use:
    apt-get install -y python3-torch libopenblas0-pthread
    cmake --build BUILD --target bench_gpt2
    /usr/bin/python3 bench/forward_bench.py --family gpt2  --build BUILD     # GPT-2 small, F32, ~500 MB
    /usr/bin/python3 bench/forward_bench.py --family llama --build BUILD     # Llama 3.2 1B, BF16, ~2.5 GB
    /usr/bin/python3 bench/forward_bench.py --family llama --shape qwen3-0.6b --no-cpp   # PyTorch only
    /usr/bin/python3 bench/forward_bench.py --family bert  --build BUILD     # bert-base, F32, ~420 MB
    /usr/bin/python3 bench/forward_bench.py --list                           # the shapes
Writes a model folder of a real shape with random weights (config.json, model.safetensors written tensor
by tensor, tokenizer files of synthetic merges or words) to a temporary directory (deleted afterwards; --model DIR
keeps it and reuses it on later runs), runs bench_gpt2 on it (which opens any folder loadModelFolder
reads), then loads the weights into PyTorch as float32 and runs the same computation (keeping the same
intermediates, at 1 and 2 intra-op threads), and prints medians, ratios (qkview / faster PyTorch: below 1
is faster), GFLOP/s, peak RSS and the machine's sgemm peak. Other programs running at the same time skew
both sides. The C++ runs before PyTorch loads the weights, so the two never hold them at once.
"""
import argparse
import json
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import torch

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "data" / "gpt2"))
sys.path.insert(0, str(HERE.parent / "tests" / "data" / "llama"))
sys.path.insert(0, str(HERE.parent / "tests" / "data" / "bert"))
import bert_reference  # noqa: E402
import gpt2_reference  # noqa: E402
import llama_reference  # noqa: E402


# --- the families -------------------------------------------------------------------------------------

class Gpt2:
    shapes = {
        "gpt2-small": {"n_layer": 12, "n_head": 12, "n_embd": 768, "n_positions": 1024, "n_ctx": 1024,
                       "vocab_size": 50257, "layer_norm_epsilon": 1e-5, "model_type": "gpt2",
                       "activation_function": "gelu_new", "_name_or_path": "random-gpt2-small"},
    }
    default_shape = "gpt2-small"
    lengths = [16, 64, 256, 1024]

    @staticmethod
    def write(folder, cfg):
        gpt2_reference.write_tokenizer_files(folder, gpt2_reference.synthetic_merges(cfg["vocab_size"] - 257, seed=7))
        (folder / "config.json").write_text(json.dumps(cfg, indent=2))
        params = gpt2_reference.random_parameters(cfg, seed=5)
        gpt2_reference.write_safetensors(folder / "model.safetensors", params, {"format": "pt"})

    @staticmethod
    def load(folder):
        return gpt2_reference.read_safetensors(folder / "model.safetensors", torch.float32)

    @staticmethod
    def forward(params, cfg, ids):
        return gpt2_reference.forward(params, cfg, ids, fused=True)

    @staticmethod
    def flops(cfg, T):
        """Multiply-adds × 2: the layers' products, q·kᵀ and weights·v in full, one row of logits."""
        C, L, V = cfg["n_embd"], cfg["n_layer"], cfg["vocab_size"]
        return L * (2 * T * C * 12 * C + 2 * 2 * T * T * C) + 2 * V * C


def _llama_shape(name, model_type, layers, heads, kv, hidden, intermediate, vocab, theta, eps, tied, specials,
                 ordinary, head_dim=None, rope_scaling=None, context=131072, **extra):
    cfg = {"architectures": [llama_reference.ARCHITECTURES[model_type]], "model_type": model_type,
           "hidden_act": "silu", "hidden_size": hidden, "intermediate_size": intermediate,
           "num_hidden_layers": layers, "num_attention_heads": heads, "num_key_value_heads": kv,
           "head_dim": head_dim or hidden // heads, "max_position_embeddings": context, "rms_norm_eps": eps,
           "rope_theta": theta, "rope_scaling": rope_scaling, "tie_word_embeddings": tied,
           "torch_dtype": "bfloat16", "vocab_size": vocab, "_name_or_path": f"random-{name}"}
    cfg.update(extra)
    # Not config.json keys: how the tokenizer is made. ordinary tokens: bytes + merges; specials after them.
    cfg["_tokenizer"] = {"specials": specials, "ordinary": ordinary,
                         "split": "qwen2" if model_type.startswith("qwen") else "llama3"}
    return name, cfg


LLAMA3_SPECIALS = (["<|begin_of_text|>", "<|end_of_text|>", "<|reserved_special_token_0|>",
                    "<|reserved_special_token_1|>", "<|finetune_right_pad_id|>", "<|reserved_special_token_2|>",
                    "<|start_header_id|>", "<|end_header_id|>", "<|eom_id|>", "<|eot_id|>", "<|python_tag|>"]
                   + [f"<|reserved_special_token_{i}|>" for i in range(3, 248)])  # Llama 3.1's 256
QWEN_SPECIALS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|object_ref_start|>", "<|object_ref_end|>",
                 "<|box_start|>", "<|box_end|>", "<|quad_start|>", "<|quad_end|>", "<|vision_start|>",
                 "<|vision_end|>", "<|vision_pad|>", "<|image_pad|>", "<|video_pad|>", "<tool_call>",
                 "</tool_call>", "<|fim_prefix|>", "<|fim_middle|>", "<|fim_suffix|>", "<|fim_pad|>",
                 "<|repo_name|>", "<|file_sep|>"]


class Llama:
    """Llama, Mistral, Qwen2 and Qwen3 shapes, all run by tests/data/llama/llama_reference.py."""
    shapes = dict([
        _llama_shape("llama-3.2-1b", "llama", 16, 32, 8, 2048, 8192, 128256, 500000.0, 1e-5, True,
                     LLAMA3_SPECIALS, 128000, head_dim=64,
                     rope_scaling={"factor": 32.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                                   "original_max_position_embeddings": 8192, "rope_type": "llama3"},
                     attention_bias=False, mlp_bias=False, bos_token_id=128000, eos_token_id=128001),
        _llama_shape("smollm2-135m", "llama", 30, 9, 3, 576, 1536, 49152, 100000.0, 1e-5, True,
                     ["<|endoftext|>", "<|im_start|>", "<|im_end|>"], 49149, context=8192,
                     bos_token_id=1, eos_token_id=2),
        _llama_shape("qwen2.5-0.5b", "qwen2", 24, 14, 2, 896, 4864, 151936, 1000000.0, 1e-6, True,
                     QWEN_SPECIALS, 151643, context=32768, bos_token_id=151643, eos_token_id=151643),
        _llama_shape("qwen3-0.6b", "qwen3", 28, 16, 8, 1024, 3072, 151936, 1000000.0, 1e-6, True,
                     QWEN_SPECIALS, 151643, head_dim=128, context=40960, bos_token_id=151643,
                     eos_token_id=151645),
        # A few seconds end to end: for trying the script itself.
        _llama_shape("tiny", "llama", 2, 4, 2, 64, 128, 512, 10000.0, 1e-5, False, ["<|endoftext|>"], 511,
                     context=2048),
    ])
    default_shape = "llama-3.2-1b"
    lengths = [16, 256, 1024]

    @staticmethod
    def write(folder, cfg):
        tok = cfg["_tokenizer"]
        merges = gpt2_reference.synthetic_merges(tok["ordinary"] - 256, seed=7)
        split = llama_reference.QWEN2_SPLIT if tok["split"] == "qwen2" else llama_reference.LLAMA3_SPLIT
        doc, size, _ = llama_reference.byte_level_tokenizer(merges, tok["specials"], split)
        assert size <= cfg["vocab_size"], (size, cfg["vocab_size"])
        (folder / "tokenizer.json").write_text(json.dumps(doc, ensure_ascii=False))
        config = {k: v for k, v in cfg.items() if not k.startswith("_tokenizer")}
        (folder / "config.json").write_text(json.dumps(config, indent=2))
        # Drawn and written one block at a time, straight to BF16: memory stays near one block.
        entries = llama_reference.random_entries(cfg, seed=5, dtype=torch.bfloat16)
        llama_reference.write_safetensors_streamed(folder / "model.safetensors", entries, {"format": "pt"})

    @staticmethod
    def load(folder):
        return llama_reference.read_folder(folder, torch.float32)

    @staticmethod
    def forward(params, cfg, ids):
        return llama_reference.forward(params, cfg, ids, fused=True)

    @staticmethod
    def flops(cfg, T):
        """Multiply-adds × 2: q, k, v, o, gate, up, down; q·kᵀ and weights·v in full; one row of logits."""
        C, L, V, I = cfg["hidden_size"], cfg["num_hidden_layers"], cfg["vocab_size"], cfg["intermediate_size"]
        NH, NKV, hd = cfg["num_attention_heads"], llama_reference.kv_heads(cfg), llama_reference.head_dim(cfg)
        per_layer = 2 * T * C * (2 * NH * hd + 2 * NKV * hd + 3 * I) + 2 * 2 * T * T * NH * hd
        return L * per_layer + 2 * V * C


def _bert_shape(name, layers, heads, hidden, intermediate, vocab=30522, positions=512):
    cfg = {"architectures": ["BertForMaskedLM"], "attention_probs_dropout_prob": 0.1, "hidden_act": "gelu",
           "hidden_dropout_prob": 0.1, "hidden_size": hidden, "initializer_range": 0.02,
           "intermediate_size": intermediate, "layer_norm_eps": 1e-12, "max_position_embeddings": positions,
           "model_type": "bert", "num_attention_heads": heads, "num_hidden_layers": layers, "pad_token_id": 0,
           "position_embedding_type": "absolute", "type_vocab_size": 2, "vocab_size": vocab,
           "_name_or_path": f"random-{name}"}
    return name, cfg


class Bert:
    """BERT (BertForMaskedLM, "bert." names, F32) run by tests/data/bert/bert_reference.py: bidirectional
    attention with the whole trace, and the masked-LM head at one position (the middle token)."""
    shapes = dict([
        _bert_shape("bert-base", 12, 12, 768, 3072),
        # A few seconds end to end: for trying the script itself.
        _bert_shape("tiny", 2, 4, 64, 128, vocab=512, positions=512),
    ])
    default_shape = "bert-base"
    lengths = [16, 128, 512]

    @staticmethod
    def write(folder, cfg):
        # bert-base-uncased's special ids: [PAD] 0, [unused0-98] 1-99, [UNK] 100, [CLS] 101, [SEP] 102,
        # [MASK] 103; then synthetic words and ##pieces up to vocab_size.
        specials = ["[PAD]"] + [f"[unused{i}]" for i in range(99)] + ["[UNK]", "[CLS]", "[SEP]", "[MASK]"]
        rest = cfg["vocab_size"] - len(specials)
        words = [("##" if i % 4 == 3 else "") + f"w{i:x}" for i in range(rest)]
        vocab = specials + words
        assert len(vocab) == cfg["vocab_size"] and len(set(vocab)) == len(vocab)
        bert_reference.write_wordpiece_files(folder, vocab, max_length=cfg["max_position_embeddings"])
        config = {k: v for k, v in cfg.items() if not k.startswith("_tokenizer")}
        (folder / "config.json").write_text(json.dumps(config, indent=2))
        entries = bert_reference.random_entries(cfg, seed=5, dtype=torch.float32)
        bert_reference.write_safetensors_streamed(folder / "model.safetensors", entries, {"format": "pt"})

    @staticmethod
    def load(folder):
        return bert_reference.read_safetensors(folder / "model.safetensors", torch.float32)

    @staticmethod
    def forward(params, cfg, ids):
        return bert_reference.forward(params, cfg, ids, mask_positions=[len(ids) // 2], fused=True)

    @staticmethod
    def flops(cfg, T):
        """Multiply-adds × 2: q, k, v, o and the two FFN products; q·kᵀ and weights·v in full; the masked-LM
        head at one position (its dense layer and one row of logits)."""
        C, L, V, I = cfg["hidden_size"], cfg["num_hidden_layers"], cfg["vocab_size"], cfg["intermediate_size"]
        return L * (2 * T * C * (4 * C + 2 * I) + 2 * 2 * T * T * C) + 2 * C * C + 2 * V * C


FAMILIES = {"gpt2": Gpt2, "llama": Llama, "bert": Bert}


# --- measuring ----------------------------------------------------------------------------------------

def timed(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def peak_rss_mb():
    """This process's peak resident memory (VmHWM)."""
    for line in pathlib.Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def blas_report():
    target = pathlib.Path("/etc/alternatives/libblas.so.3-x86_64-linux-gnu")
    blas = os.path.realpath(target) if target.exists() else "unknown"
    torch.set_num_threads(os.cpu_count())
    a, b = torch.randn(4096, 4096), torch.randn(4096, 4096)
    torch.mm(a, b)
    best = min(timed(lambda: torch.mm(a, b)) for _ in range(3))
    return blas, best, 2 * 4096 ** 3 / best / 1e9


def run_cpp(binary, folder, name_filter):
    # bench_gpt2 reads the folder from QKVIEW_GPT2_DIR; QKVIEW_MODEL_DIR is set too, for a renamed binary.
    env = dict(os.environ, QKVIEW_GPT2_DIR=str(folder), QKVIEW_MODEL_DIR=str(folder))
    out = subprocess.run([str(binary), f"--benchmark_filter={name_filter}", "--benchmark_format=json"],
                         env=env, check=True, capture_output=True, text=True).stdout
    runs = json.loads(out)["benchmarks"]
    errors = {r["run_name"]: r["error_message"] for r in runs
              if r.get("error_occurred") and r["error_message"] != "longer than the model's context"}
    if errors:
        sys.exit(f"{binary.name} failed: {errors}")
    medians = {r["run_name"]: r for r in runs if r.get("aggregate_name") == "median"}
    peak = max(r.get("peak_rss_mb", 0) for r in runs)
    return medians, peak


def ms(run):
    scale = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}[run["time_unit"]]
    return run["real_time"] * scale


def torch_forward_ms(family, params, cfg, T, repeats, threads):
    torch.set_num_threads(threads)
    ids = torch.randint(0, cfg["vocab_size"], (T,), generator=torch.Generator().manual_seed(T)).tolist()
    with torch.no_grad():
        family.forward(params, cfg, ids)  # warm-up
        times = [timed(lambda: family.forward(params, cfg, ids)) for _ in range(repeats)]
    return 1e3 * statistics.median(times)


def folder_matches(folder, cfg):
    config = folder / "config.json"
    if not config.exists() or not any(folder.glob("*.safetensors")):
        return False
    written = json.loads(config.read_text())
    return all(written.get(k) == v for k, v in cfg.items() if not k.startswith("_tokenizer"))


def check_folder(folder, shapes, dtype="BF16", size=2):
    """Reads the header back and checks every tensor's name, shape and dtype and the file's size."""
    path = folder / "model.safetensors"
    with open(path, "rb") as f:
        n = int.from_bytes(f.read(8), "little")
        header = json.loads(f.read(n))
    header.pop("__metadata__", None)
    assert list(header) == list(shapes), "tensor names and order"
    end = 0
    for name, entry in header.items():
        assert entry["dtype"] == dtype and tuple(entry["shape"]) == shapes[name], name
        begin, stop = entry["data_offsets"]
        assert begin == end and stop - begin == size * torch.Size(shapes[name]).numel(), name
        end = stop
    assert path.stat().st_size == 8 + n + end, "file size"


# --- main ---------------------------------------------------------------------------------------------

def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--family", choices=FAMILIES, default="gpt2")
    parser.add_argument("--shape", help="a shape of the family (default: gpt2-small, llama-3.2-1b, bert-base); "
                                         "--list")
    parser.add_argument("--list", action="store_true", help="print the shapes and exit")
    parser.add_argument("--build", default="build/release", help="build directory holding bench/bench_gpt2")
    parser.add_argument("--binary", help="the C++ benchmark (default: BUILD/bench/bench_gpt2)")
    parser.add_argument("--no-cpp", action="store_true", help="time PyTorch only")
    parser.add_argument("--lengths", type=lambda s: [int(x) for x in s.split(",")],
                        help="token counts, comma-separated (default: the family's; the C++ side has "
                             "16,64,256,1024)")
    parser.add_argument("--model", help="keep the model folder here and reuse it on later runs "
                                        "(default: a temporary folder, deleted)")
    args = parser.parse_args(argv)
    if args.list:
        for name, family in FAMILIES.items():
            print(f"--family {name}: {', '.join(family.shapes)} (default {family.default_shape})")
        return
    family = FAMILIES[args.family]
    shape = args.shape or family.default_shape
    if shape not in family.shapes:
        sys.exit(f"--family {args.family} has no shape {shape!r}: {', '.join(family.shapes)}")
    cfg = family.shapes[shape]
    lengths = args.lengths or family.lengths
    binary = pathlib.Path(args.binary) if args.binary else pathlib.Path(args.build) / "bench" / "bench_gpt2"
    if not args.no_cpp and not binary.exists():
        sys.exit(f"{binary} not found: cmake --build {args.build} --target bench_gpt2 (or --no-cpp)")
    blas, seconds, gflops = blas_report()
    print(f"PyTorch {torch.__version__}, BLAS {blas} ({os.cpu_count()} cores)")
    print(f"sgemm peak: torch.mm 4096x4096 in {seconds * 1e3:.0f} ms = {gflops:.0f} GFLOP/s")

    folder = pathlib.Path(args.model or tempfile.mkdtemp(prefix=f"qkview-{shape}-bench-"))
    try:
        if args.model and folder_matches(folder, cfg):
            print(f"reusing {folder}")
        else:
            folder.mkdir(parents=True, exist_ok=True)
            for old in folder.glob("*.safetensors*"):
                old.unlink()
            print(f"writing {shape}'s shape with random weights to {folder} ...", flush=True)
            seconds = timed(lambda: family.write(folder, cfg))
            print(f"  {seconds:.1f} s, peak RSS of this script so far {peak_rss_mb():.0f} MiB")
        if family is Llama:
            check_folder(folder, llama_reference.parameter_shapes(cfg))
        elif family is Bert:
            check_folder(folder, bert_reference.parameter_shapes(cfg), "F32", 4)
        size_mb = sum(f.stat().st_size for f in folder.glob("*.safetensors")) / 2 ** 20
        print(f"weights {size_mb:.0f} MiB")

        ours = {}
        if not args.no_cpp:
            # The page cache is warm after writing; the load runs in its own process for its peak RSS.
            load, load_peak = run_cpp(binary, folder, "BM_Gpt2LoadToFirstTrace")
            forwards = "|".join(f"BM_Gpt2Forward/{T}/" for T in lengths)
            forward, forward_peak = run_cpp(binary, folder, f"{forwards}|BM_Gpt2AppendOne")
            load_ms = ms(load["BM_Gpt2LoadToFirstTrace/iterations:1/repeats:5/real_time"])
            print(f"load to first trace (warm): {load_ms:.0f} ms median; peak RSS {load_peak:.0f} MiB "
                  f"= file + {load_peak - size_mb:.0f} MiB")
            for prefix in (32, 256, 1000):
                append = forward.get(f"BM_Gpt2AppendOne/{prefix}/iterations:10/repeats:3/real_time")
                if append:
                    reused = f" (reused {append['reused_rows']:.0f} rows)" if "reused_rows" in append else ""
                    print(f"one more token after {prefix}: {ms(append):.1f} ms median{reused}")
            print(f"peak RSS after every forward pass (traces up to {max(lengths)} tokens): {forward_peak:.0f} MiB")
            runs = {T: forward.get(f"BM_Gpt2Forward/{T}/iterations:1/repeats:5/real_time") for T in lengths}
            ours = {T: ms(run) for T, run in runs.items() if run}
            missing = [T for T, run in runs.items() if not run]
            if missing:  # bench_gpt2 registers 16, 64, 128, 256, 512 and 1024 tokens
                print(f"{binary.name} has no BM_Gpt2Forward at {', '.join(map(str, missing))} tokens: '-' below")

        start = time.perf_counter()
        params = family.load(folder)
        print(f"PyTorch: weights read as float32 in {time.perf_counter() - start:.1f} s\n")
        # PyTorch's intra-op threads and OpenBLAS's own threads can fight over the cores: both settings
        # are timed and qkview is compared with the faster.
        print("full forward pass with every intermediate kept, median ms; ratio = qkview / best PyTorch; "
              "GFLOP/s of each")
        print(f"{'tokens':>6} {'qkview':>8} {'torch 1 thread':>15} {'torch 2 threads':>16} {'ratio':>6} "
              f"{'GFLOP/s':>8} {'torch GFLOP/s':>14}")
        for T in lengths:
            theirs = [torch_forward_ms(family, params, cfg, T, 3 if T >= 1024 else 5, threads) for threads in (1, 2)]
            best = min(theirs)
            flops = family.flops(cfg, T)
            if T in ours:
                mine = f"{ours[T]:>8.1f}", f"{ours[T] / best:>6.2f}", f"{flops / ours[T] / 1e6:>8.0f}"
            else:
                mine = f"{'-':>8}", f"{'-':>6}", f"{'-':>8}"
            print(f"{T:>6} {mine[0]} {theirs[0]:>15.1f} {theirs[1]:>16.1f} {mine[1]} {mine[2]} "
                  f"{flops / best / 1e6:>14.0f}", flush=True)
        print(f"\npeak RSS of PyTorch (weights in float32 and traces up to {max(lengths)} tokens): "
              f"{peak_rss_mb():.0f} MiB")
    finally:
        if not args.model:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
