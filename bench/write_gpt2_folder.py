#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes a GPT-2 model folder of a real shape with random weights, tensor by tensor (one in memory at a
time), for the memory benchmarks of long texts and big models. Never commit what it writes.

    /usr/bin/python3 bench/write_gpt2_folder.py --shape medium|large|xl [--dtype f16|f32] DIR
"""
import argparse
import json
import pathlib
import sys

import torch

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "data" / "gpt2"))
import gpt2_reference as ref  # noqa: E402

SHAPES = {"small": (12, 12, 768), "medium": (24, 16, 1024), "large": (36, 20, 1280), "xl": (48, 25, 1600)}


def entries(cfg, dtype, seed=5):
    """(name, dtype, shape, make) for write_safetensors_streamed, in the layout random_parameters uses."""
    g = torch.Generator().manual_seed(seed)
    C, L, V, P = cfg["n_embd"], cfg["n_layer"], cfg["vocab_size"], cfg["n_positions"]

    def rnd(shape, std, shift=0.0):
        return lambda: (torch.randn(*shape, generator=g) * std + shift).to(dtype)

    out = [("wte.weight", (V, C), rnd((V, C), 0.3)), ("wpe.weight", (P, C), rnd((P, C), 0.1))]
    for l in range(L):
        h = f"h.{l}."
        out += [(h + "ln_1.weight", (C,), rnd((C,), 0.1, 1.0)), (h + "ln_1.bias", (C,), rnd((C,), 0.1)),
                (h + "attn.c_attn.weight", (C, 3 * C), rnd((C, 3 * C), 0.4 / (C / 768) ** 0.5)),
                (h + "attn.c_attn.bias", (3 * C,), rnd((3 * C,), 0.1)),
                (h + "attn.c_proj.weight", (C, C), rnd((C, C), 0.2 / (C / 768) ** 0.5)),
                (h + "attn.c_proj.bias", (C,), rnd((C,), 0.05)),
                (h + "ln_2.weight", (C,), rnd((C,), 0.1, 1.0)), (h + "ln_2.bias", (C,), rnd((C,), 0.1)),
                (h + "mlp.c_fc.weight", (C, 4 * C), rnd((C, 4 * C), 0.2 / (C / 768) ** 0.5)),
                (h + "mlp.c_fc.bias", (4 * C,), rnd((4 * C,), 0.05)),
                (h + "mlp.c_proj.weight", (4 * C, C), rnd((4 * C, C), 0.1 / (C / 768) ** 0.5)),
                (h + "mlp.c_proj.bias", (C,), rnd((C,), 0.05))]
    out += [("ln_f.weight", (C,), rnd((C,), 0.1, 1.0)), ("ln_f.bias", (C,), rnd((C,), 0.1))]
    return [(name, dtype, list(shape), make) for name, shape, make in out]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shape", choices=SHAPES, default="medium")
    parser.add_argument("--dtype", choices=["f16", "f32"], default="f16")
    parser.add_argument("folder")
    args = parser.parse_args()
    L, H, C = SHAPES[args.shape]
    cfg = {"n_layer": L, "n_head": H, "n_embd": C, "n_positions": 1024, "n_ctx": 1024, "vocab_size": 50257,
           "layer_norm_epsilon": 1e-5, "model_type": "gpt2", "activation_function": "gelu_new",
           "_name_or_path": f"random-gpt2-{args.shape}"}
    folder = pathlib.Path(args.folder)
    folder.mkdir(parents=True, exist_ok=True)
    ref.write_tokenizer_files(folder, ref.synthetic_merges(cfg["vocab_size"] - 257, seed=7))
    (folder / "config.json").write_text(json.dumps(cfg, indent=2))
    dtype = torch.float16 if args.dtype == "f16" else torch.float32
    ref.write_safetensors_streamed(folder / "model.safetensors", entries(cfg, dtype), {"format": "pt"})
    print(f"wrote {folder} ({(folder / 'model.safetensors').stat().st_size / 2**30:.2f} GiB)")


if __name__ == "__main__":
    main()
