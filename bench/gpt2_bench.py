#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""qkview's GPT-2 forward pass (with the full trace) against PyTorch on the same weights, in one run.

Needs Debian's python3 with torch and the fast BLAS it should use:
    apt-get install -y python3-torch libopenblas0-pthread
    cmake --build BUILD --target bench_gpt2
    /usr/bin/python3 bench/gpt2_bench.py --build BUILD
Writes a folder of GPT-2 small's shape (124M random parameters, F32, 50257-token byte-level vocabulary
of synthetic merges) to a temporary directory (about 500 MB, deleted afterwards; --model DIR keeps it),
runs bench_gpt2 on it, runs the same computation in PyTorch (keeping the same intermediates, at 1 and
2 intra-op threads), and prints medians, ratios (qkview / faster PyTorch: below 1 is faster) and the
machine's sgemm peak. Takes about two minutes. Other programs running at the same time skew both sides.
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
import gpt2_reference as ref  # noqa: E402

GPT2_SMALL = {"n_layer": 12, "n_head": 12, "n_embd": 768, "n_positions": 1024, "n_ctx": 1024,
              "vocab_size": 50257, "layer_norm_epsilon": 1e-5, "model_type": "gpt2",
              "activation_function": "gelu_new", "_name_or_path": "random-gpt2-small"}
LENGTHS = [16, 64, 256, 1024]


def blas_report():
    target = pathlib.Path("/etc/alternatives/libblas.so.3-x86_64-linux-gnu")
    blas = os.path.realpath(target) if target.exists() else "unknown"
    torch.set_num_threads(os.cpu_count())
    a, b = torch.randn(4096, 4096), torch.randn(4096, 4096)
    torch.mm(a, b)
    best = min(timed(lambda: torch.mm(a, b)) for _ in range(3))
    return blas, best, 2 * 4096 ** 3 / best / 1e9


def timed(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def write_model(folder):
    print("writing GPT-2 small's shape with random weights ...", flush=True)
    ref.write_tokenizer_files(folder, ref.synthetic_merges(50257 - 257, seed=7))
    (folder / "config.json").write_text(json.dumps(GPT2_SMALL, indent=2))
    params = ref.random_parameters(GPT2_SMALL, seed=5)
    ref.write_safetensors(folder / "model.safetensors", params, {"format": "pt"})
    return params


def run_cpp(binary, folder, name_filter):
    env = dict(os.environ, QKVIEW_GPT2_DIR=str(folder))
    out = subprocess.run([str(binary), f"--benchmark_filter={name_filter}", "--benchmark_format=json"],
                         env=env, check=True, capture_output=True, text=True).stdout
    runs = json.loads(out)["benchmarks"]
    medians = {r["run_name"]: r for r in runs if r.get("aggregate_name") == "median"}
    peak = max(r.get("peak_rss_mb", 0) for r in runs)
    return medians, peak


def ms(run):
    scale = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}[run["time_unit"]]
    return run["real_time"] * scale


def forward_flops(T):
    """Multiply-adds × 2 of one pass: the layers' products, q·kᵀ and weights·v in full, one row of logits."""
    C, L, V = GPT2_SMALL["n_embd"], GPT2_SMALL["n_layer"], GPT2_SMALL["vocab_size"]
    return L * (2 * T * C * 12 * C + 2 * 2 * T * T * C) + 2 * V * C


def torch_forward_ms(params, T, repeats, threads):
    torch.set_num_threads(threads)
    ids = torch.randint(0, GPT2_SMALL["vocab_size"], (T,)).tolist()
    with torch.no_grad():
        ref.forward(params, GPT2_SMALL, ids, fused=True)  # warm-up
        times = [timed(lambda: ref.forward(params, GPT2_SMALL, ids, fused=True)) for _ in range(repeats)]
    return 1e3 * statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default="build/release", help="build directory holding bench/bench_gpt2")
    parser.add_argument("--model", help="keep the model folder here and reuse it on later runs "
                                        "(default: a temporary folder, deleted)")
    args = parser.parse_args()
    binary = pathlib.Path(args.build) / "bench" / "bench_gpt2"
    if not binary.exists():
        sys.exit(f"{binary} not found: cmake --build {args.build} --target bench_gpt2")
    blas, seconds, gflops = blas_report()
    print(f"PyTorch {torch.__version__}, BLAS {blas} ({os.cpu_count()} cores)")
    print(f"sgemm peak: torch.mm 4096x4096 in {seconds * 1e3:.0f} ms = {gflops:.0f} GFLOP/s")

    folder = pathlib.Path(args.model or tempfile.mkdtemp(prefix="qkview-gpt2-bench-"))
    try:
        if args.model and (folder / "model.safetensors").exists():
            params = {k: v.float() for k, v in ref.read_safetensors(folder / "model.safetensors").items()}
        else:
            folder.mkdir(parents=True, exist_ok=True)
            params = write_model(folder)
        size_mb = (folder / "model.safetensors").stat().st_size / 2 ** 20
        # The page cache is warm after writing; the load runs in its own process for its peak RSS.
        load, load_peak = run_cpp(binary, folder, "BM_Gpt2LoadToFirstTrace")
        forward, forward_peak = run_cpp(binary, folder, "BM_Gpt2Forward|BM_Gpt2AppendOne")

        print(f"\nweights file {size_mb:.0f} MiB")
        load_ms = ms(load["BM_Gpt2LoadToFirstTrace/iterations:1/repeats:5/real_time"])
        print(f"load to first trace (warm): {load_ms:.0f} ms median; peak RSS {load_peak:.0f} MiB "
              f"= file + {load_peak - size_mb:.0f} MiB")
        append = forward["BM_Gpt2AppendOne/iterations:20/repeats:3/real_time"]
        print(f"one more token after 32: {ms(append):.1f} ms median (reused {append['reused_rows']:.0f} rows)")
        print(f"peak RSS after every forward pass (traces up to 1024 tokens): {forward_peak:.0f} MiB\n")
        # PyTorch's intra-op threads and OpenBLAS's own threads can fight over the cores: both settings
        # are timed and qkview is compared with the faster.
        print("full forward pass with every intermediate kept, median ms; ratio = qkview / best PyTorch")
        print(f"{'tokens':>6} {'qkview':>8} {'torch 1 thread':>15} {'torch 2 threads':>16} {'ratio':>6} {'GFLOP/s':>8}")
        for T in LENGTHS:
            ours = ms(forward[f"BM_Gpt2Forward/{T}/iterations:1/repeats:5/real_time"])
            theirs = [torch_forward_ms(params, T, 3 if T >= 1024 else 5, threads) for threads in (1, 2)]
            print(f"{T:>6} {ours:>8.1f} {theirs[0]:>15.1f} {theirs[1]:>16.1f} {ours / min(theirs):>6.2f}"
                  f" {forward_flops(T) / ours / 1e6:>8.0f}", flush=True)
    finally:
        if not args.model:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
