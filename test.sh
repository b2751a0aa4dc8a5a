#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs what is missing, builds with warnings as errors, runs every test; then the same under ASan+UBSan;
# then each libFuzzer target for QKVIEW_FUZZ_SECONDS (45) from its seeds (tests/fuzz/); then the core tests
# under valgrind. QKVIEW_SKIP_ASAN=1 skips these three passes for a quick local run.
set -euo pipefail
cd "$(dirname "$0")"
tools/setup.sh
jobs=$(nproc)
export QT_QPA_PLATFORM=offscreen

cmake --preset release -DQKVIEW_WERROR=ON >/dev/null
cmake --build --preset release -j"$jobs"
ctest --preset release -j"$jobs"

if [ "${QKVIEW_SKIP_ASAN:-0}" != 1 ]; then
    cmake --preset asan -DQKVIEW_WERROR=ON >/dev/null
    cmake --build --preset asan -j"$jobs"
    ctest --preset asan -j"$jobs"

    cmake --preset fuzz -DQKVIEW_WERROR=ON -DQKVIEW_FUZZ_SECONDS="${QKVIEW_FUZZ_SECONDS:-45}" >/dev/null
    cmake --build --preset fuzz -j"$jobs"
    ctest --preset fuzz -j"$jobs"

    cmake --preset valgrind -DQKVIEW_WERROR=ON >/dev/null
    cmake --build --preset valgrind -j"$jobs"
    ctest --preset valgrind -j"$jobs"
fi
