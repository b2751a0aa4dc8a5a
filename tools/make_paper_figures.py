#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Makes docs/figures/paper/: the heatmap, lesson, grid (alone and with the selected head's tokens) and values figures at single-column (8.5 cm),
double-column (17 cm) and slide (1600 x 900 px) size with `qkview export`, PNG pages of the PDFs through
pdftoppm, and matplotlib heatmaps of the same weights and size to put beside them.

Usage: tools/make_paper_figures.py [path/to/qkview]   (default: build/fig/app/qkview)
Needs poppler-utils (pdftoppm) and python3-matplotlib.
"""
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QKVIEW = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build", "fig", "app", "qkview")
OUT = os.path.join(ROOT, "docs", "figures", "paper")
TEXT = "The cat sat on the mat and the dog ran"  # 10 tokens of the teaching model
LAYER, HEAD = 0, 2
SIZES = {  # name: (qkview size arguments, size in inches for matplotlib)
    "col": (["--width", "8.5cm", "--height", "7cm"], (8.5 / 2.54, 7 / 2.54)),
    "double": (["--width", "17cm", "--height", "10cm"], (17 / 2.54, 10 / 2.54)),
    "slide": (["--width", "1600", "--height", "900", "--dpi", "150"], (1600 / 150, 900 / 150)),
}
FIGURES = {  # file name: qkview arguments choosing the view
    "heatmap": ["--view", "heatmap"],
    "lesson": ["--view", "lesson"],
    "grid": ["--view", "grid"],
    "grid-tokens": ["--view", "grid", "--grid-tokens"],
    "values": ["--view", "values"],
}
ENV = dict(os.environ, QT_QPA_PLATFORM="offscreen")


def qkview(*args):
    return subprocess.run([QKVIEW, *args], check=True, env=ENV, capture_output=True, text=True)


def export(figure, size, suffix, extra=()):
    path = os.path.join(OUT, f"{figure}-{size}.{suffix}")
    qkview("export", "--text", TEXT, *FIGURES[figure], "--layer", str(LAYER), "--head", str(HEAD),
           *SIZES[size][0], *extra, "-o", path)
    return path


def weights():
    trace = json.loads(qkview("dump", "--text", TEXT, "--layer", str(LAYER), "--head", str(HEAD)).stdout)
    tokens = [t["text"] for t in trace["tokens"]]
    return tokens, trace["layers"][0]["heads"][0]["weights"]  # dump --layer --head keeps just that head


def matplotlib_heatmap(size, tokens, w):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    inches = SIZES[size][1]
    points = 8 if size == "col" else 9 if size == "double" else 12
    plt.rcParams.update({"font.size": points, "font.family": "DejaVu Sans"})
    fig, ax = plt.subplots(figsize=inches, layout="constrained")
    im = ax.imshow(w, cmap="viridis", vmin=0, vmax=1)
    ax.set_xticks(range(len(tokens)), tokens, rotation=90)
    ax.set_yticks(range(len(tokens)), tokens)
    ax.set_xlabel("keys")
    ax.set_ylabel("queries")
    ax.set_title(f"Attention weights, layer {LAYER}, head {HEAD}")
    fig.colorbar(im, ax=ax, ticks=[0, 0.25, 0.5, 0.75, 1])
    path = os.path.join(OUT, f"matplotlib-heatmap-{size}.png")
    fig.savefig(path, dpi=150 if size == "slide" else 300)
    plt.close(fig)


def main():
    os.makedirs(OUT, exist_ok=True)
    tokens, w = weights()
    for size in SIZES:
        for figure in FIGURES:
            extra = ["--numbers"] if figure == "heatmap" and size != "slide" else []
            export(figure, size, "png", ["--dpi", "300"] + extra if size != "slide" else extra)
            pdf = export(figure, size, "pdf", extra)
            subprocess.run(["pdftoppm", "-png", "-r", "150", "-singlefile", pdf, pdf[:-4] + "-pdf"], check=True)
            os.remove(pdf)
        matplotlib_heatmap(size, tokens, w)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
