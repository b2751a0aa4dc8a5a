# SPDX-License-Identifier: MIT
# cmake -DBUILD_DIR=... -DPREFIX=... -P install_into.cmake: installs the build into an empty PREFIX, so files
# left by an earlier run cannot stand in for ones the install rules no longer make.
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install ${BUILD_DIR} --prefix ${PREFIX} failed: ${rc}")
endif()
