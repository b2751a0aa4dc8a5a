# SPDX-License-Identifier: MIT
# `cpack -G DEB` in a build directory makes a Debian 12 package of what cmake/Install.cmake installs.
# Configure packages with -DQKVIEW_NATIVE_ARCH=OFF (the `package` preset does): -march=native would make a
# binary that dies with SIGILL on an older CPU than the one that built it.
set(QKVIEW_PACKAGE_MAINTAINER "qkview maintainers <maintainers@users.noreply.r-seed-d2c43c14.example>"
    CACHE STRING "Maintainer field of the Debian package")

set(CPACK_PACKAGE_NAME "qkview")
set(CPACK_PACKAGE_VENDOR "qkview maintainers")
set(CPACK_PACKAGE_CONTACT "${QKVIEW_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "see what transformer attention attends to")
# One line per line of the control file (CPack does not wrap; dpkg shows lines as they are).
set(CPACK_PACKAGE_DESCRIPTION
    "qkview makes transformer attention visible. Type a sentence and see, on\n"
    "every keystroke, what each token asks (its query), what it offers (its key),\n"
    "how well they match (the scaled dot-product scores and the softmax weights)\n"
    "and what each token pulls in (the weighted sum of the values). It explores a\n"
    "built-in teaching model whose heads have named roles, and GPT-2, Llama,\n"
    "Mistral, Qwen, BERT and RoBERTa models opened from Hugging Face folders, and\n"
    "exports figures (PNG, SVG, PDF) and numbers (CSV, JSON, NumPy) from the\n"
    "window or the command line.")
string(CONCAT CPACK_PACKAGE_DESCRIPTION ${CPACK_PACKAGE_DESCRIPTION})
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)

set(CPACK_GENERATOR "DEB") # plain `cpack` makes the Debian package
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # qkview_VERSION_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
# Runtime libraries (Qt, OpenBLAS, libstdc++) come from dpkg-shlibdeps (package dpkg-dev).
# Qt's platform, SVG icon and image plugins ship in libqt6gui6 and libqt6svg6, which shlibdeps names already.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# shlibdeps names libopenblas0, which any of Debian's OpenBLAS builds satisfies; the program wants the pthread
# build by its path (cmake/Install.cmake): the serial one gives wrong products from several threads.
if(QKVIEW_BLAS AND QKVIEW_OPENBLAS_PTHREAD)
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "libopenblas0-pthread")
endif()
# Without it Qt runs through XWayland on a Wayland desktop: it works, so it is only recommended.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-wayland")

# cpack refuses a -march=native build (CPackProjectConfig.cmake); configure time cannot tell a package build.
set(CPACK_QKVIEW_NATIVE_ARCH "${QKVIEW_NATIVE_ARCH}")
set(CPACK_PROJECT_CONFIG_FILE "${CMAKE_CURRENT_LIST_DIR}/CPackProjectConfig.cmake")

include(CPack)
