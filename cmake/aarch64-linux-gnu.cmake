# Cross-build for aarch64 Linux with Debian's gcc-aarch64-linux-gnu; ctest
# runs the binaries under qemu-aarch64 (timings there mean nothing).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu /usr/lib/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# cmocka for arm64 comes from Debian multiarch (libcmocka-dev:arm64).
set(CMAKE_LIBRARY_PATH /usr/lib/aarch64-linux-gnu)
find_program(QEMU_AARCH64 qemu-aarch64 REQUIRED)
# -L /: the loader and libc come from Debian multiarch (libc6:arm64, pulled in
# by libcmocka-dev:arm64), the same glibc build as cmocka; the cross package's
# ld.so paired with the multiarch libc.so.6 hangs in pthread_create.
set(CMAKE_CROSSCOMPILING_EMULATOR ${QEMU_AARCH64};-L;/)
