# SPDX-License-Identifier: MIT
# What `cmake --install` puts under the prefix: the program, its desktop entry, AppStream metainfo, icons in the
# hicolor theme and the man page. The built-in models, help and icon are Qt resources inside the binary, so
# nothing else needs installing and the program never looks at the source tree.
include(GNUInstallDirs)

set(QKVIEW_APP_ID "io.github.qkview.qkview") # AppStream component id (reverse DNS); the desktop id stays qkview

install(TARGETS qkview RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# libopenblas.so.0 is a Debian alternative that may point at the serial build, which gives wrong products
# when two threads call it at once (core/CMakeLists.txt); the build tree finds the pthread build through its
# RUNPATH, so the installed binary keeps that one directory. It also tells dpkg-shlibdeps which package to name.
if(QKVIEW_BLAS AND QKVIEW_OPENBLAS_PTHREAD)
  get_filename_component(QKVIEW_OPENBLAS_DIR "${QKVIEW_OPENBLAS_PTHREAD}" DIRECTORY)
  set_target_properties(qkview PROPERTIES INSTALL_RPATH "${QKVIEW_OPENBLAS_DIR}")
endif()

install(FILES "${PROJECT_SOURCE_DIR}/resources/qkview.desktop" DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES "${PROJECT_SOURCE_DIR}/resources/qkview.metainfo.xml" DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo
        RENAME "${QKVIEW_APP_ID}.metainfo.xml")
configure_file("${PROJECT_SOURCE_DIR}/resources/qkview.1.in" "${PROJECT_BINARY_DIR}/qkview.1" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/qkview.1" DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
# Opening .qkview lessons from a file manager: the MIME type that qkview.desktop declares.
install(FILES "${PROJECT_SOURCE_DIR}/resources/qkview-lesson.xml" DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages)

# Icons: the SVG as drawn, and PNGs rendered from it at build time for desktops that want bitmaps.
set(QKVIEW_ICON_SVG "${PROJECT_SOURCE_DIR}/resources/icons/qkview.svg")
set(QKVIEW_ICON_SIZES 16 32 48 64 128 256)
set(QKVIEW_ICON_DIR "${PROJECT_BINARY_DIR}/icons/hicolor")
set(QKVIEW_ICON_PNGS "")
foreach(size IN LISTS QKVIEW_ICON_SIZES)
  list(APPEND QKVIEW_ICON_PNGS "${QKVIEW_ICON_DIR}/${size}x${size}/apps/qkview.png")
  install(FILES "${QKVIEW_ICON_DIR}/${size}x${size}/apps/qkview.png"
          DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
endforeach()
add_subdirectory("${PROJECT_SOURCE_DIR}/tools/render_icon" "${PROJECT_BINARY_DIR}/tools/render_icon")
string(JOIN ", " QKVIEW_ICON_SIZES_TEXT ${QKVIEW_ICON_SIZES})
add_custom_command(OUTPUT ${QKVIEW_ICON_PNGS}
                   COMMAND qkview_render_icon "${QKVIEW_ICON_SVG}" "${QKVIEW_ICON_DIR}" ${QKVIEW_ICON_SIZES}
                   DEPENDS qkview_render_icon "${QKVIEW_ICON_SVG}"
                   COMMENT "Rendering the qkview icon at ${QKVIEW_ICON_SIZES_TEXT} pixels")
add_custom_target(qkview_icons ALL DEPENDS ${QKVIEW_ICON_PNGS})
install(FILES "${QKVIEW_ICON_SVG}" DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
