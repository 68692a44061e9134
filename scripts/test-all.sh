#!/bin/sh
# Every test, every way (the README's test command runs this after setup):
#   1. generated/ in sync with gen/ + templates/
#   2. native x86-64 build, all tests (every variant this CPU can run, the
#      AVX-512 kernels also through SIMDe); the configure and build must
#      write nothing into the source tree, and the library's files call
#      each other without cycles (scripts/check-layers.sh)
#   3. AddressSanitizer + UndefinedBehaviorSanitizer, all tests
#   4. ThreadSanitizer, the multi-threaded tests
#   5. aarch64 cross build, all tests under qemu-aarch64 (NEON kernels)
#   6. the GGUF reader's libFuzzer target for a bounded time
# Build trees go to $Q4K_BUILD_ROOT (default: build/). Stops at the first failure.
set -eu
cd "$(dirname "$0")/.."
ROOT=${Q4K_BUILD_ROOT:-build}
JOBS=${JOBS:-2}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}

step() { printf '\n=== %s ===\n' "$*"; }

build_and_test() { # NAME CTEST-ARGS -- CMAKE-ARGS...
    name=$1; ctest_args=$2; shift 3
    step "$name: configure + build"
    cmake -S . -B "$ROOT/$name" "$@" >"$ROOT/$name.configure.log" 2>&1 ||
        { cat "$ROOT/$name.configure.log"; exit 1; }
    cmake --build "$ROOT/$name" -j "$JOBS"
    step "$name: test"
    (cd "$ROOT/$name" && ctest --output-on-failure -j "$JOBS" $ctest_args)
}

mkdir -p "$ROOT"
step "generated/ in sync"
sh scripts/check-generated.sh

# The build writes only into its build folder: nothing in the checkout
# (outside the build root) may be newer than this stamp after it.
stamp=$(mktemp)
build_and_test native "" -- -DCMAKE_BUILD_TYPE=Release
step "the build wrote nothing into the source tree"
root_abs=$(cd "$ROOT" && pwd)
written=$(find . -path ./.git -prune -o -newer "$stamp" -type f -print | while read -r f; do
    case "$(cd "$(dirname "$f")" && pwd)/" in "$root_abs"/*) ;; *) echo "$f" ;; esac
done)
rm -f "$stamp"
if [ -n "$written" ]; then
    echo "the build or its tests wrote into the source tree:" >&2
    echo "$written" >&2
    exit 1
fi
echo "nothing written outside $ROOT"
step "no call cycles between the library's source files"
sh scripts/check-layers.sh "$ROOT/native"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
    build_and_test asan-ubsan "" -- -DCMAKE_BUILD_TYPE=RelWithDebInfo -DQ4K_SANITIZE=address,undefined
TSAN_OPTIONS=halt_on_error=1 \
    build_and_test tsan "-L threads" -- -DCMAKE_BUILD_TYPE=RelWithDebInfo -DQ4K_SANITIZE=thread
build_and_test aarch64-qemu "" -- -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_TOOLCHAIN_FILE=cmake/aarch64-linux-gnu.cmake

if [ -x scripts/fuzz-gguf.sh ]; then
    step "fuzz: GGUF reader, ${FUZZ_SECONDS}s"
    sh scripts/fuzz-gguf.sh "$FUZZ_SECONDS" "$ROOT/fuzz"
fi
step "all tests passed"
