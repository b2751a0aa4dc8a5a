#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs make_expected.mjs when node and the fetched files are there; otherwise says why and exits 0, and
# the tests that compare with the peer skip.
# Usage: make_expected.sh FETCHED_DIR CORPUS OUT_JSON [NAME...]
set -euo pipefail
fetched=${1:?usage: $0 FETCHED_DIR CORPUS OUT_JSON [NAME...]}; corpus=${2:?}; out=${3:?}; shift 3
if ! command -v node >/dev/null; then
    echo "make_expected: node is not installed; the peer comparison will skip" >&2
    exit 0
fi
if [ ! -f "$fetched/peer/tokenizers.mjs" ]; then
    echo "make_expected: $fetched/peer/tokenizers.mjs is missing (not fetched); the peer comparison will skip" >&2
    exit 0
fi
rm -f "$out"
exec node "$(dirname "$0")/make_expected.mjs" "$fetched" "$corpus" "$out" "$@"
