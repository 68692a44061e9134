#!/bin/sh
# Installs what q4k needs on Debian 12 (bookworm) x86-64, as root: Lua 5.4,
# CMake, cmocka (native and arm64), the aarch64 cross compiler, qemu-user,
# clang + libFuzzer, SIMDe (to verify AVX-512 kernels on any x86 CPU) and
# hyperfine. Safe to run again.
set -eu
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
# arm64 as a foreign architecture, for libcmocka-dev:arm64 (the aarch64 tests)
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    $SUDO dpkg --add-architecture arm64
fi
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends \
    build-essential cmake lua5.4 libcmocka-dev pkg-config \
    gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user libcmocka-dev:arm64 \
    clang libclang-rt-14-dev llvm libsimde-dev hyperfine git ca-certificates
