#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs what is missing, builds Release and runs qkview; arguments pass through (e.g. ./run.sh dump --text "Hi").
set -euo pipefail
cd "$(dirname "$0")"
tools/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)" >&2
exec build/release/app/qkview "$@"
