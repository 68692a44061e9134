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

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
