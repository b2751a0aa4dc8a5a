#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Shared by run.sh and test.sh: installs the Debian packages that are missing, nothing else.
set -euo pipefail

packages=(cmake ninja-build g++ pkg-config
          qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6opengl6-dev libgl-dev
          libeigen3-dev libopenblas-pthread-dev libgtest-dev libgmock-dev libbenchmark-dev
          clang libclang-rt-dev valgrind
          xvfb xauth poppler-utils fonts-dejavu-core
          appstream desktop-file-utils groff-base  # validators of the installed files (tests/install_tests.cmake)
          dpkg-dev file)                           # cpack -G DEB: dpkg-shlibdeps names the runtime packages

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "qkview: installing ${missing[*]}" >&2
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
