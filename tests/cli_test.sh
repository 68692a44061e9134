#!/bin/sh
# cli_test.sh [EMULATOR ARGS...] Q4K - the q4k program's behaviour and error
# paths: exit codes (0 ok, 1 failure, 2 usage/input error), messages on
# stderr, outputs that match the golden vectors, nothing half-written.
set -u
prefix=""
exe=""
for a in "$@"; do prefix="$prefix $exe"; exe="$a"; done
Q4K="$prefix $exe"
DATA=${Q4K_TESTDATA:?Q4K_TESTDATA must name tests/data}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

# expect CODE DESCRIPTION -- COMMAND...: run, compare the exit status
expect() {
    want=$1; what=$2; shift 3
    "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" -eq "$want" ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL: $what: exit $got, want $want ($*)"
        sed 's/^/  stderr: /' "$tmp/err" | head -5
    fi
}
# grep_out FILE PATTERN DESCRIPTION
grep_out() {
    if grep -q -- "$2" "$1"; then passed=$((passed + 1)); else
        failed=$((failed + 1)); echo "FAIL: $3: '$2' not in $1:"; head -5 "$1"; fi
}

expect 0 "top-level help" -- $Q4K --help
grep_out "$tmp/out" "verify" "help lists commands"
expect 2 "no command" -- $Q4K
expect 2 "unknown command" -- $Q4K frobnicate
grep_out "$tmp/err" "unknown command" "unknown command message"
for c in list verify dequant bench measure select tune info gguf; do
    expect 0 "$c --help" -- $Q4K $c --help
    grep_out "$tmp/out" "usage" "$c --help says usage"
done

expect 0 "list" -- $Q4K list
grep_out "$tmp/out" "q4k_dequant__scalar" "list shows the scalar baseline"
expect 0 "list --all --json" -- $Q4K list --all --json
grep_out "$tmp/out" '"name": "q4k_dequant__scalar"' "json names"
expect 2 "list bad option" -- $Q4K list --bogus

expect 0 "verify" -- $Q4K verify --data "$DATA"
grep_out "$tmp/out" "golden vectors" "verify checks the golden vectors"
grep_out "$tmp/out" "q4k_dequant__scalar .* pass" "verify passes the baseline"
expect 2 "verify unknown variant" -- $Q4K verify --variant nope

# dequant: output equal to llama.cpp's, byte for byte (no NaN in this case)
expect 0 "dequant" -- $Q4K dequant "$DATA/q4k_structured.bin" "$tmp/s.f32"
if cmp -s "$tmp/s.f32" "$DATA/q4k_structured.f32"; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL: dequant output differs from the golden file"; fi
first=$($Q4K list 2>/dev/null | awk 'NR==2 {print $1}')
last=$($Q4K list 2>/dev/null | tail -n 1 | awk '{print $1}')
for v in $first $last; do
    expect 0 "dequant --variant $v" -- $Q4K dequant --variant "$v" "$DATA/q4k_gaussian.bin" "$tmp/g.f32"
    if cmp -s "$tmp/g.f32" "$DATA/q4k_gaussian.f32"; then passed=$((passed + 1)); else
        failed=$((failed + 1)); echo "FAIL: dequant --variant $v differs from the golden file"; fi
done
head -c 145 "$DATA/q4k_gaussian.bin" >"$tmp/odd.bin"
expect 2 "dequant of a partial block" -- $Q4K dequant "$tmp/odd.bin" "$tmp/odd.f32"
grep_out "$tmp/err" "not a whole number" "partial block message"
[ ! -e "$tmp/odd.f32" ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL: output written for bad input"; }
expect 2 "dequant missing input" -- $Q4K dequant "$tmp/none.bin" "$tmp/none.f32"
expect 2 "dequant unknown variant" -- $Q4K dequant --variant q4k_dequant__nope "$DATA/q4k_zeros.bin" "$tmp/z.f32"
expect 2 "dequant missing argument" -- $Q4K dequant "$DATA/q4k_zeros.bin"
expect 1 "dequant into a missing folder" -- $Q4K dequant "$DATA/q4k_zeros.bin" "$tmp/no/such/dir/z.f32"
: >"$tmp/empty.bin"
expect 0 "dequant of an empty file" -- $Q4K dequant "$tmp/empty.bin" "$tmp/empty.f32"
[ -e "$tmp/empty.f32" ] && [ ! -s "$tmp/empty.f32" ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL: empty output"; }

expect 0 "bench csv" -- $Q4K bench --variant q4k_dequant__scalar --variant auto --blocks 3 --repeats 1 --min-ms 0 --csv
grep_out "$tmp/out" "^variant,blocks,ns_per_block" "bench csv header"
grep_out "$tmp/out" "^q4k_dequant__scalar,3," "bench csv row"
expect 2 "bench zero blocks" -- $Q4K bench --blocks 0
expect 2 "bench unknown variant" -- $Q4K bench --variant nope

# gguf layers: both policies side by side; on 2x-budget cyclic passes
# without warming, reuse must beat LRU (which hits nothing).
G="$DATA/tinyA-Q4_K_M.gguf"
expect 0 "gguf layers --help" -- $Q4K gguf layers --help
grep_out "$tmp/out" "usage" "gguf layers --help says usage"
expect 0 "gguf layers" -- $Q4K gguf layers "$G" --cache-mb 4 --passes 3
grep_out "$tmp/out" "25 Q4_K tensors in 4 layers" "gguf layers finds the layers"
grep_out "$tmp/out" "max RSS" "gguf layers reports memory"
expect 0 "gguf layers --csv" -- $Q4K gguf layers "$G" --cache-mb 6 --passes 4 --no-warm --csv
grep_out "$tmp/out" "^policy,pass,ms,hits" "gguf layers csv header"
grep_out "$tmp/out" "^lru,4,[0-9.]*,0,25," "gguf layers: LRU hits nothing on a cyclic walk"
if awk -F, '$1=="reuse" && $2==4 && $4>=5 {ok=1} END {exit !ok}' "$tmp/out"; then
    passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: gguf layers: reuse keeps part of the model"; fi
expect 2 "gguf layers bad policy" -- $Q4K gguf layers "$G" --policy mru
expect 2 "gguf layers bad budget" -- $Q4K gguf layers "$G" --cache-mb 0
expect 2 "gguf layers no file" -- $Q4K gguf layers
expect 2 "gguf layers not a gguf" -- $Q4K gguf layers "$DATA/q4k_zeros.bin"

# Q4K_CPU_DISABLE masks CPU features (names as `q4k info` prints them), and
# the dispatch rule: per bucket the first candidate compiled in and usable
# here wins; a profile is refused only when a bucket has none.
expect 0 "info" -- $Q4K info
arch=$(sed -n 's/^arch: *\([a-z0-9_]*\), features: .*/\1/p' "$tmp/out")
features=" $(sed -n 's/^arch: *[a-z0-9_]*, features: \(.*\)/\1/p' "$tmp/out") "
mask=""
case "$arch" in
x86_64)
    usable=q4k_dequant__avx2_u2_p0
    if [ "${features#* avx512f }" != "$features" ]; then
        mask=avx512f masked=q4k_dequant__avx512_lut_u2_p0 masked2=q4k_dequant__avx512_u1_p0
    elif [ "${features#* avx2 }" != "$features" ]; then
        mask=avx2 masked=q4k_dequant__avx2_u2_p0 masked2=q4k_dequant__avx2_lut_u1_p0 usable=q4k_dequant__scalar
    fi
    ;;
aarch64)
    [ "${features#* neon }" != "$features" ] &&
        mask=neon masked=q4k_dequant__neon_half_u2_p0 masked2=q4k_dequant__neon_u1_p0 usable=q4k_dequant__scalar
    ;;
esac
if [ -n "$mask" ]; then
    # the names must exist in this build, else the checks below test nothing
    $Q4K list --all >"$tmp/all" 2>/dev/null
    for v in $masked $masked2 $usable; do
        grep_out "$tmp/all" "^$v " "variant $v exists for the Q4K_CPU_DISABLE checks"
    done
    profile_head() { printf 'q4k-profile 2\ndevice cpu-disable-test\narch %s\ndate 2026-01-01T00:00:00Z\n' "$arch"; }
    { profile_head
      echo "bucket dequant 1 $masked $usable q4k_dequant__scalar"
      echo "bucket dequant 65536 $masked $usable q4k_dequant__scalar"
      echo end; } >"$tmp/masked-first.profile"
    expect 0 "info, Q4K_CPU_DISABLE=$mask, profile with $masked first" -- \
        env Q4K_PROFILE="$tmp/masked-first.profile" Q4K_CPU_DISABLE=$mask $Q4K info
    grep_out "$tmp/out" "dispatch table in force: profile" "Q4K_CPU_DISABLE=$mask: the profile is in force"
    grep_out "$tmp/out" "^  dequant  *1  *$usable  *$masked, $usable" \
        "Q4K_CPU_DISABLE=$mask: bucket 1 runs the first usable candidate $usable"
    grep_out "$tmp/out" "^  dequant  *>= 2  *$usable  *$masked, $usable" \
        "Q4K_CPU_DISABLE=$mask: the last bucket runs the first usable candidate $usable"
    if grep -q "refused" "$tmp/err"; then
        failed=$((failed + 1)); echo "FAIL: Q4K_CPU_DISABLE=$mask: a profile with a usable candidate was refused:"
        head -3 "$tmp/err"
    else passed=$((passed + 1)); fi
    expect 0 "info --profile, Q4K_CPU_DISABLE=$mask" -- \
        env Q4K_CPU_DISABLE=$mask $Q4K info --profile "$tmp/masked-first.profile"
    grep_out "$tmp/out" "^  dequant  *>= 2  *$usable " "info --profile with Q4K_CPU_DISABLE=$mask runs $usable"
    expect 0 "list, Q4K_CPU_DISABLE=$mask" -- env Q4K_CPU_DISABLE=$mask $Q4K list
    if grep -q "^$masked " "$tmp/out"; then
        failed=$((failed + 1)); echo "FAIL: Q4K_CPU_DISABLE=$mask: list still offers $masked"
    else passed=$((passed + 1)); fi
    # and the dispatcher really runs it: the same bytes as llama.cpp
    expect 0 "dequant, Q4K_CPU_DISABLE=$mask and that profile" -- env Q4K_PROFILE="$tmp/masked-first.profile" \
        Q4K_CPU_DISABLE=$mask $Q4K dequant "$DATA/q4k_gaussian.bin" "$tmp/m.f32"
    if cmp -s "$tmp/m.f32" "$DATA/q4k_gaussian.f32"; then passed=$((passed + 1)); else
        failed=$((failed + 1)); echo "FAIL: dequant with Q4K_CPU_DISABLE=$mask differs from the golden file"; fi

    # only masked candidates: refused, naming the missing feature; the tool works on
    { profile_head
      echo "bucket dequant 16 q4k_dequant__scalar"
      echo "bucket dequant 65536 $masked $masked2"
      echo end; } >"$tmp/masked-only.profile"
    expect 0 "info, Q4K_CPU_DISABLE=$mask, profile with only masked candidates" -- \
        env Q4K_PROFILE="$tmp/masked-only.profile" Q4K_CPU_DISABLE=$mask $Q4K info
    grep_out "$tmp/err" "Q4K_PROFILE=.* refused" "a profile with only masked candidates is refused"
    grep_out "$tmp/err" "needs .*$mask" "the refusal names the masked feature $mask"
    grep_out "$tmp/err" "Q4K_CPU_DISABLE" "the refusal mentions Q4K_CPU_DISABLE"
    grep_out "$tmp/out" "dispatch table in force: built-in default" "the built-in table stays after the refusal"
    expect 2 "info --profile with only masked candidates" -- \
        env Q4K_CPU_DISABLE=$mask $Q4K info --profile "$tmp/masked-only.profile"
    grep_out "$tmp/err" "needs .*$mask" "info --profile names the masked feature $mask"
    expect 0 "dequant, Q4K_CPU_DISABLE=$mask and a refused profile" -- env Q4K_PROFILE="$tmp/masked-only.profile" \
        Q4K_CPU_DISABLE=$mask $Q4K dequant "$DATA/q4k_gaussian.bin" "$tmp/r.f32"
    if cmp -s "$tmp/r.f32" "$DATA/q4k_gaussian.f32"; then passed=$((passed + 1)); else
        failed=$((failed + 1)); echo "FAIL: dequant after a refused profile differs from the golden file"; fi
    # without the mask the same profile loads (the refusal was the mask's doing)
    expect 0 "info --profile with only masked candidates, no mask" -- \
        env -u Q4K_CPU_DISABLE $Q4K info --profile "$tmp/masked-only.profile"
    grep_out "$tmp/out" "^  dequant  *>= 17  *$masked " "without Q4K_CPU_DISABLE the profile runs $masked"
else
    echo "note: no maskable SIMD feature on '$arch' ($features): Q4K_CPU_DISABLE dispatch checks skipped"
fi
# an unknown name: warned about on stderr, ignored
expect 0 "info, Q4K_CPU_DISABLE with an unknown name" -- env Q4K_CPU_DISABLE=frobnicate512 $Q4K info
grep_out "$tmp/err" "Q4K_CPU_DISABLE.*unknown.*frobnicate512" "Q4K_CPU_DISABLE warns about an unknown name"
grep_out "$tmp/out" "dispatch table in force: built-in default" "an unknown Q4K_CPU_DISABLE name changes nothing"

# a version-1 profile: refused, telling to re-run q4k select
printf '%s\n' 'q4k-profile 1' 'device old-format' "arch ${arch:-x86_64}" 'date 2026-01-01T00:00:00Z' \
    'simd_threshold 4' 'bucket 1 q4k_dequant__scalar' 'bucket 65536 q4k_dequant__scalar' 'end' >"$tmp/v1.profile"
expect 0 "info, Q4K_PROFILE of format version 1" -- env Q4K_PROFILE="$tmp/v1.profile" $Q4K info
grep_out "$tmp/err" "refused.*version 1" "a version-1 Q4K_PROFILE is refused"
grep_out "$tmp/err" "q4k select" "the version-1 refusal says to re-run q4k select"
grep_out "$tmp/out" "dispatch table in force: built-in default" "the built-in table stays after a version-1 profile"
expect 2 "info --profile of format version 1" -- $Q4K info --profile "$tmp/v1.profile"
grep_out "$tmp/err" "version 1" "info --profile names the version"
grep_out "$tmp/err" "q4k select" "info --profile says to re-run q4k select"

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
