#!/bin/sh
# neon-estimate.sh - static cycles-per-block estimates of the NEON
# dequantization kernels (Q4_K and Q6_K), for machines that cannot run them.
#
#   scripts/neon-estimate.sh [OUT.csv]        (default: stdout)
#
# Compiles generated/q4k_dequant{,_q6k}_neon.c with clang for -mcpu=apple-m4
# and costs every kernel's main loop with scripts/neon_estimate.lua (an
# Apple M1 P-core throughput model, and llvm-mca). A model, not a
# measurement: `q4k tune --estimate OUT.csv` shows it in the report apart
# from every measured figure. Needs clang and llvm-mca of LLVM 17 or later
# (Debian 12: apt-get install clang-19 llvm-19); CLANG=, MCA= override.
# Exit status 3 when those tools are missing (scripts/tune.sh then skips it).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:-}
pick() { for c in "$@"; do command -v "$c" >/dev/null 2>&1 && { echo "$c"; return 0; }; done; return 1; }
CLANG=${CLANG:-$(pick clang-19 clang-20 clang-18 clang-17 clang || true)}
MCA=${MCA:-$(pick llvm-mca-19 llvm-mca-20 llvm-mca-18 llvm-mca-17 llvm-mca || true)}
LUA=$(pick lua5.4 lua || true)
if [ -z "$CLANG" ] || [ -z "$MCA" ] || [ -z "$LUA" ]; then
    echo "neon-estimate.sh: needs clang, llvm-mca (LLVM 17+) and lua; skipped" >&2
    exit 3
fi
if ! "$CLANG" --target=aarch64-linux-gnu -mcpu=apple-m4 -x c -c /dev/null -o /dev/null 2>/dev/null; then
    echo "neon-estimate.sh: $CLANG does not know -mcpu=apple-m4 (LLVM 17+ does); skipped" >&2
    exit 3
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A macOS SDK where there is one (the M4's own toolchain); else the
# aarch64 Linux headers: same instructions, the kernels call no library.
flags="-O2 -S -mcpu=apple-m4 -I$ROOT/include -I$ROOT/generated/include -I$ROOT/runtime/kernels"
ver=$("$CLANG" --version | head -1)
: >"$tmp/all.csv"
first=1
for op in dequant dequant_q6k; do
    src="$ROOT/generated/q4k_${op}_neon.c"
    [ -f "$src" ] || continue
    if ! "$CLANG" --target=arm64-apple-macos $flags -o "$tmp/$op.s" "$src" 2>/dev/null; then
        "$CLANG" --target=aarch64-linux-gnu $flags -o "$tmp/$op.s" "$src"
    fi
    "$LUA" "$ROOT/scripts/neon_estimate.lua" "$tmp/$op.s" "$MCA" apple-m4 "$ver" >"$tmp/$op.csv"
    # the first file whole; of the others, what follows their preamble and header
    if [ $first = 1 ]; then cat "$tmp/$op.csv"; first=0; else awk 'seen; /^variant,/ { seen = 1 }' "$tmp/$op.csv"; fi \
        >>"$tmp/all.csv"
done
if [ -n "$OUT" ]; then cp "$tmp/all.csv" "$OUT"; else cat "$tmp/all.csv"; fi
