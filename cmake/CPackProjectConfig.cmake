# SPDX-License-Identifier: MIT
# Read by cpack itself when it runs (CPACK_PROJECT_CONFIG_FILE), after the build: stops a package of a
# -march=native build, which would crash with SIGILL on CPUs older than the one that built it.
if(CPACK_QKVIEW_NATIVE_ARCH)
  message(FATAL_ERROR "qkview: this build uses -march=native and would not run on other CPUs; build packages in "
                      "the package preset's build/package (or configure with -DQKVIEW_NATIVE_ARCH=OFF)")
endif()
