# q4kInstall.cmake - install rules, included by the top-level CMakeLists.txt.
#
# `cmake --install BUILD --prefix PREFIX` puts in place:
#   lib/libq4k.a                   the library (with the tuned table when built with -DQ4K_PROFILE)
#   include/q4k.h, q4k_*.h         every public header (q4k.h includes them all)
#   lib/pkgconfig/q4k.pc           pkg-config: cc app.c $(pkg-config --cflags --libs q4k)
#   lib/cmake/q4k/                 CMake package: find_package(q4k) -> target q4k::q4k
#   bin/q4k                        the tuner and tools
#   share/q4k/profile              the profile compiled in, if any
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(Q4K_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/q4k)

install(TARGETS q4k EXPORT q4kTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS q4k_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# Every public header: include/ (q4k.h and the headers it includes) and the
# generated include/q4k_features.h, installed as whole folders so a new
# public header is installed without touching this file.
install(DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/include/ ${Q4K_GEN_DIR}/include/
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} FILES_MATCHING PATTERN "*.h")

if(Q4K_PROFILE)
  get_filename_component(Q4K_PROFILE_INSTALLED ${Q4K_PROFILE} ABSOLUTE)
  install(FILES ${Q4K_PROFILE_INSTALLED} DESTINATION ${CMAKE_INSTALL_DATADIR}/q4k RENAME profile)
  set(Q4K_TABLE_DESCRIPTION "tuned dispatch table from profile ${Q4K_PROFILE}")
else()
  set(Q4K_TABLE_DESCRIPTION "built-in default dispatch table")
endif()

# ---- CMake package: find_package(q4k) gives q4k::q4k ----
install(EXPORT q4kTargets NAMESPACE q4k:: DESTINATION ${Q4K_INSTALL_CMAKEDIR})
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/q4kConfig.cmake.in [=[
# q4kConfig.cmake - find_package(q4k) for libq4k (@Q4K_TABLE_DESCRIPTION@).
@PACKAGE_INIT@
include(CMakeFindDependencyMacro)
find_dependency(Threads)
include("${CMAKE_CURRENT_LIST_DIR}/q4kTargets.cmake")
set(q4k_PROFILE "@Q4K_PROFILE@")
check_required_components(q4k)
]=])
configure_package_config_file(${CMAKE_CURRENT_BINARY_DIR}/q4kConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/q4kConfig.cmake
  INSTALL_DESTINATION ${Q4K_INSTALL_CMAKEDIR})
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/q4kConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/q4kConfig.cmake ${CMAKE_CURRENT_BINARY_DIR}/q4kConfigVersion.cmake
  DESTINATION ${Q4K_INSTALL_CMAKEDIR})

# ---- pkg-config ----
# A static library: its own dependencies (libm, threads) go in Libs so a
# plain `pkg-config --libs q4k` links.
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/q4k.pc.in [=[
prefix=${pcfiledir}/../..
exec_prefix=${prefix}
libdir=${prefix}/@CMAKE_INSTALL_LIBDIR@
includedir=${prefix}/@CMAKE_INSTALL_INCLUDEDIR@

Name: q4k
Description: Generated, autotuned Q4_K dequantization kernels (@Q4K_TABLE_DESCRIPTION@)
Version: @PROJECT_VERSION@
Cflags: -I${includedir}
Libs: -L${libdir} -lq4k -lm -pthread
]=])
configure_file(${CMAKE_CURRENT_BINARY_DIR}/q4k.pc.in ${CMAKE_CURRENT_BINARY_DIR}/q4k.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/q4k.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
