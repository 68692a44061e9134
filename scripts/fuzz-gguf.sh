#!/bin/sh
# fuzz-gguf.sh - fuzz the GGUF reader with libFuzzer (clang, ASan + UBSan).
#   scripts/fuzz-gguf.sh [SECONDS [BUILD_DIR]]
# SECONDS defaults to 60, BUILD_DIR to /tmp/q4k-fuzz. Configures a clang build
# with -DQ4K_FUZZ=ON, builds tests/fuzz/fuzz_gguf, runs it over a copy of the
# seed corpus (tests/fuzz/corpus/, left untouched) and prints executions per
# second. Exits non-zero when the fuzzer finds a crash, leak, timeout or
# broken invariant; the reproducer is left in BUILD_DIR/findings/.
# Needs clang and libFuzzer (Debian 12: clang-14, libclang-rt-14-dev).
set -eu

secs=${1:-60}
build=${2:-/tmp/q4k-fuzz}
src=$(cd "$(dirname "$0")/.." && pwd)
jobs=${FUZZ_BUILD_JOBS:-2}

case $secs in
  ''|*[!0-9]*) echo "fuzz-gguf.sh: SECONDS must be a whole number, got '$secs'" >&2; exit 2 ;;
esac
cc=${CC:-clang}
if ! command -v "$cc" >/dev/null 2>&1; then
  echo "fuzz-gguf.sh: $cc not found (install clang and libclang-rt-<version>-dev)" >&2
  exit 2
fi

cmake -S "$src" -B "$build" -DCMAKE_C_COMPILER="$cc" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DQ4K_FUZZ=ON -DQ4K_SANITIZE= >"$build.configure.log" 2>&1 || {
  cat "$build.configure.log" >&2; exit 2; }
cmake --build "$build" --target fuzz_gguf -j "$jobs" >"$build.build.log" 2>&1 || {
  tail -40 "$build.build.log" >&2; exit 2; }

work="$build/corpus-run"
findings="$build/findings"
rm -rf "$work"
mkdir -p "$work" "$findings"
cp "$src"/tests/fuzz/corpus/* "$work"/

log="$build/fuzz.log"
echo "fuzz-gguf.sh: fuzzing for ${secs}s (log: $log)" >&2
status=0
"$build/tests/fuzz/fuzz_gguf" "$work" -max_total_time="$secs" -max_len=65536 -timeout=10 \
  -rss_limit_mb=2048 -artifact_prefix="$findings/" -print_final_stats=1 >"$log" 2>&1 || status=$?

# libFuzzer's final stats: stat::number_of_executed_units, stat::average_exec_per_sec
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 || true)
echo "fuzz-gguf: ${execs:-?} executions in ${secs}s, ${rate:-?} exec/s, ${cov:-cov: ?}, corpus $(ls "$work" | wc -l) files"
if [ "$status" -ne 0 ]; then
  echo "fuzz-gguf: FINDING (exit $status); reproducer(s) in $findings:" >&2
  ls -l "$findings" >&2 || true
  grep -E 'ERROR|SUMMARY|runtime error|deadly signal' "$log" | head -20 >&2 || true
  exit 1
fi
