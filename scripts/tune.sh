#!/bin/sh
# tune.sh - tune this machine end to end and build the tuned library.
#
#   scripts/tune.sh [--quick] [--resume] [--no-deps] [--out DIR] [--build-dir DIR]
#                   [--prefix DIR] [--jobs N]
#
#  1. installs what is missing (apt-get on Debian/Ubuntu, brew on macOS),
#     unless --no-deps: a C compiler, cmake, Lua 5.4, hyperfine, pkg-config
#  2. builds q4k (Release)                          -> BUILD/release
#  3. runs `q4k tune`                                -> results/<device>/ (or --out DIR)
#     (measurements.csv, profile, report.md, chart.svg, hyperfine.*), with
#     scripts/neon-estimate.sh's static NEON estimate when clang and llvm-mca
#     (LLVM 17+) are installed (neon-estimate.csv, its own report section)
#  4. builds libq4k with the profile compiled in     -> BUILD/tuned
#  5. installs it                                    -> PREFIX (default install/<device>)
#  6. builds the example consumer against the install with find_package(q4k)
#     and checks that its dispatcher runs the profile's winners
#
# --quick measures few sizes (well under a minute; a pipeline check, not a
# tuning). --resume continues an interrupted tune. Run it on a quiet machine:
# other work disturbs the measurements (the report counts flagged points).
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD="$ROOT/build"
PREFIX=""
JOBS=""
QUICK=""
RESUME=""
DEPS=1
OUTARG=""

usage() { sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
    case "$1" in
    --quick) QUICK=--quick ;;
    --resume) RESUME=--resume ;;
    --no-deps) DEPS=0 ;;
    --out) OUTARG=$2; shift ;;
    --build-dir) BUILD=$2; shift ;;
    --prefix) PREFIX=$2; shift ;;
    --jobs) JOBS=$2; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "tune.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
    esac
    shift
done
if [ -z "$JOBS" ]; then
    JOBS=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)
fi
step() { printf '\n== %s\n' "$*" >&2; }

# ---- 1. dependencies ------------------------------------------------------
if [ $DEPS = 1 ]; then
    step "checking tools"
    missing=""
    command -v cc >/dev/null || command -v gcc >/dev/null || command -v clang >/dev/null || missing="$missing cc"
    command -v cmake >/dev/null || missing="$missing cmake"
    command -v lua5.4 >/dev/null || command -v lua >/dev/null || missing="$missing lua"
    command -v hyperfine >/dev/null || missing="$missing hyperfine"
    command -v pkg-config >/dev/null || missing="$missing pkg-config"
    if [ -n "$missing" ]; then
        echo "missing:$missing" >&2
        if command -v apt-get >/dev/null; then
            pkgs=""
            for m in $missing; do
                case $m in
                cc) pkgs="$pkgs build-essential" ;;
                lua) pkgs="$pkgs lua5.4" ;;
                *) pkgs="$pkgs $m" ;;
                esac
            done
            SUDO=""
            [ "$(id -u)" = 0 ] || SUDO=sudo
            $SUDO apt-get update && $SUDO apt-get install -y $pkgs
        elif command -v brew >/dev/null; then
            pkgs=""
            for m in $missing; do
                case $m in
                cc) echo "install the Xcode command line tools: xcode-select --install" >&2; exit 1 ;;
                *) pkgs="$pkgs $m" ;;
                esac
            done
            brew install $pkgs
        else
            echo "tune.sh: install$missing and run again (or --no-deps)" >&2
            exit 1
        fi
    fi
fi

# ---- 2. build -------------------------------------------------------------
step "building q4k (Release) in $BUILD/release"
cmake -S "$ROOT" -B "$BUILD/release" -DCMAKE_BUILD_TYPE=Release -DQ4K_TESTS=OFF >/dev/null
cmake --build "$BUILD/release" -j "$JOBS" --target q4k_cli

# ---- 3. tune --------------------------------------------------------------
# The static NEON estimate first (clang + llvm-mca of LLVM 17+, optional):
# the report shows it apart from the measurements.
set --
step "static NEON estimate (scripts/neon-estimate.sh)"
if sh "$ROOT/scripts/neon-estimate.sh" "$BUILD/neon-estimate.csv"; then
    set -- --estimate "$BUILD/neon-estimate.csv"
else
    echo "(none: for it, install clang-19 and llvm-19, or LLVM 17+)" >&2
fi
step "q4k tune $QUICK $RESUME (progress below)"
cd "$ROOT"
if [ -n "$OUTARG" ]; then
    OUT=$("$BUILD/release/tuner/q4k" tune $QUICK $RESUME "$@" --out "$OUTARG")
else
    OUT=$("$BUILD/release/tuner/q4k" tune $QUICK $RESUME "$@")
fi
case "$OUT" in /*) ;; *) OUT="$ROOT/$OUT" ;; esac
PROFILE="$OUT/profile"
[ -s "$PROFILE" ] || { echo "tune.sh: no profile at $PROFILE" >&2; exit 1; }
DEVICE=$(sed -n 's/^device //p' "$PROFILE")

# ---- 4. tuned library -----------------------------------------------------
step "building the tuned library (-DQ4K_PROFILE=$PROFILE) in $BUILD/tuned"
cmake -S "$ROOT" -B "$BUILD/tuned" -DCMAKE_BUILD_TYPE=Release -DQ4K_TESTS=OFF -DQ4K_PROFILE="$PROFILE" >/dev/null
cmake --build "$BUILD/tuned" -j "$JOBS" --target q4k q4k_cli

# ---- 5. install -----------------------------------------------------------
[ -n "$PREFIX" ] || PREFIX="$ROOT/install/$DEVICE"
step "installing into $PREFIX"
cmake --install "$BUILD/tuned" --prefix "$PREFIX" >/dev/null
env -u Q4K_PROFILE -u Q4K_VARIANT "$PREFIX/bin/q4k" info | sed -n '/dispatch table in force/,$p'

# ---- 6. consumer ----------------------------------------------------------
step "building the example consumer against $PREFIX (find_package(q4k))"
cmake -S "$ROOT/tests/consumer" -B "$BUILD/consumer" -DCMAKE_PREFIX_PATH="$PREFIX" >/dev/null
cmake --build "$BUILD/consumer" >/dev/null
env -u Q4K_PROFILE -u Q4K_VARIANT "$BUILD/consumer/consumer" "$PROFILE"

step "done"
cat >&2 <<EOF
results:        $OUT/  (report.md, chart.svg, profile, measurements.csv, hyperfine.*)
tuned library:  $PREFIX/lib/libq4k.a  (headers in $PREFIX/include)
use it:         find_package(q4k) with -DCMAKE_PREFIX_PATH=$PREFIX, or
                PKG_CONFIG_PATH=$PREFIX/lib/pkgconfig pkg-config --cflags --libs q4k
EOF
