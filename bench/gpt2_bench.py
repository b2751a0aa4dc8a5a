#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Kept for its name: bench/forward_bench.py --family gpt2 (GPT-2 small against PyTorch). Same options."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import forward_bench  # noqa: E402

if __name__ == "__main__":
    forward_bench.main(["--family", "gpt2", *sys.argv[1:]])
