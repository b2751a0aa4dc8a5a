# SPDX-License-Identifier: MIT
# cmake -DPREFIX=... -P check_installed_files.cmake: every file a desktop, a software centre and man need is
# under PREFIX, and each PNG icon has the size its folder names (read from the PNG's IHDR chunk).
set(expected
    bin/qkview
    share/applications/qkview.desktop
    share/metainfo/io.github.qkview.qkview.metainfo.xml
    share/mime/packages/qkview-lesson.xml
    share/man/man1/qkview.1
    share/icons/hicolor/scalable/apps/qkview.svg)
set(sizes 16 32 48 64 128 256)
foreach(size IN LISTS sizes)
  list(APPEND expected share/icons/hicolor/${size}x${size}/apps/qkview.png)
endforeach()

set(problems "")
foreach(file IN LISTS expected)
  if(NOT EXISTS "${PREFIX}/${file}")
    string(APPEND problems "\n  missing ${file}")
  endif()
endforeach()
if(EXISTS "${PREFIX}/bin/qkview" AND NOT IS_DIRECTORY "${PREFIX}/bin/qkview")
  file(READ "${PREFIX}/bin/qkview" elf LIMIT 4 HEX)
  if(NOT elf STREQUAL "7f454c46")
    string(APPEND problems "\n  bin/qkview is not an ELF executable")
  endif()
endif()

foreach(size IN LISTS sizes)
  set(png "${PREFIX}/share/icons/hicolor/${size}x${size}/apps/qkview.png")
  if(NOT EXISTS "${png}")
    continue()
  endif()
  # PNG: 8-byte signature, then IHDR (length, type), then width and height as 32-bit big-endian numbers.
  file(READ "${png}" header LIMIT 24 HEX)
  string(SUBSTRING "${header}" 0 16 signature)
  string(SUBSTRING "${header}" 32 8 width_hex)
  string(SUBSTRING "${header}" 40 8 height_hex)
  math(EXPR width "0x${width_hex}")
  math(EXPR height "0x${height_hex}")
  if(NOT signature STREQUAL "89504e470d0a1a0a" OR NOT width EQUAL size OR NOT height EQUAL size)
    string(APPEND problems "\n  ${size}x${size}/apps/qkview.png is not a ${size} x ${size} PNG (${width} x ${height})")
  endif()
endforeach()

if(problems)
  message(FATAL_ERROR "installed files under ${PREFIX}:${problems}")
endif()
list(LENGTH expected count)
message(STATUS "all ${count} installed files in place")
