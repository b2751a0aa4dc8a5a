# SPDX-License-Identifier: MIT
# `cmake --install` into a fresh prefix inside the build tree, then the installed files checked as a desktop
# and a packager would: every file in its place, the installed binary running from there (built-in models
# included), and the desktop entry, AppStream metainfo and man page passing their validators. The validators
# come from Debian's desktop-file-utils, appstream and groff-base (tools/setup.sh); a missing one fails.
set(QKVIEW_INSTALL_PREFIX "${CMAKE_CURRENT_BINARY_DIR}/install_prefix")

add_test(NAME install.into_temp_prefix
         COMMAND ${CMAKE_COMMAND} -DBUILD_DIR=${CMAKE_BINARY_DIR} -DPREFIX=${QKVIEW_INSTALL_PREFIX}
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/install/install_into.cmake)
set_tests_properties(install.into_temp_prefix PROPERTIES FIXTURES_SETUP installed LABELS install)

add_test(NAME install.files_in_place
         COMMAND ${CMAKE_COMMAND} -DPREFIX=${QKVIEW_INSTALL_PREFIX}
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/install/check_installed_files.cmake)

# Run from the prefix, with no display, as a user of the package would.
add_test(NAME install.binary_runs
         COMMAND ${QKVIEW_INSTALL_PREFIX}/bin/qkview dump --text "a b" --format text
         WORKING_DIRECTORY ${QKVIEW_INSTALL_PREFIX})
add_test(NAME install.binary_finds_builtin_tiny_model
         COMMAND ${QKVIEW_INSTALL_PREFIX}/bin/qkview dump --model tiny --text "a b" --format text
         WORKING_DIRECTORY ${QKVIEW_INSTALL_PREFIX})
set_tests_properties(install.binary_runs install.binary_finds_builtin_tiny_model
                     PROPERTIES ENVIRONMENT "QT_QPA_PLATFORM=offscreen")

# The installed binary must load OpenBLAS's pthread build, not whatever the libopenblas.so.0 alternative names
# (cmake/Install.cmake): ldd shows the library's directory when the binary's RUNPATH found it.
if(QKVIEW_BLAS AND QKVIEW_OPENBLAS_PTHREAD)
  get_filename_component(openblas_dir "${QKVIEW_OPENBLAS_PTHREAD}" DIRECTORY)
  add_test(NAME install.binary_loads_openblas_pthread COMMAND ldd ${QKVIEW_INSTALL_PREFIX}/bin/qkview)
  set_tests_properties(install.binary_loads_openblas_pthread PROPERTIES
                       PASS_REGULAR_EXPRESSION "=> ${openblas_dir}/libopenblas\\.so"
                       FIXTURES_REQUIRED installed LABELS install)
endif()

# appstreamcli fails on warnings and errors by itself (pedantic hints pass); --no-net: CI may be offline.
add_test(NAME install.metainfo_validates
         COMMAND appstreamcli validate --no-net
                 ${QKVIEW_INSTALL_PREFIX}/share/metainfo/io.github.qkview.qkview.metainfo.xml)
# desktop-file-validate exits 0 on hints and warnings, and groff on its warnings: any output fails the test.
add_test(NAME install.desktop_entry_validates
         COMMAND desktop-file-validate ${QKVIEW_INSTALL_PREFIX}/share/applications/qkview.desktop)
add_test(NAME install.man_page_renders_cleanly
         COMMAND groff -man -ww -z -Tutf8 ${QKVIEW_INSTALL_PREFIX}/share/man/man1/qkview.1)
set_tests_properties(install.desktop_entry_validates install.man_page_renders_cleanly
                     PROPERTIES FAIL_REGULAR_EXPRESSION ".")

set_tests_properties(install.files_in_place install.binary_runs install.binary_finds_builtin_tiny_model
                     install.metainfo_validates install.desktop_entry_validates install.man_page_renders_cleanly
                     PROPERTIES FIXTURES_REQUIRED installed LABELS install)
