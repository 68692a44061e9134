#!/bin/sh
# cli_test.sh [EMULATOR ARGS...] Q4K - the q4k program's behaviour and error
# paths: exit codes (0 ok, 1 failure, 2 usage/input error), messages on
# stderr, outputs that match the golden vectors, nothing half-written; the
# fused matrix-vector product (q4k matvec, q4k gguf matvec): the same bits
# for every variant and thread count, close to ggml and to the float
# reference.
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
# check DESCRIPTION -- COMMAND...: the command succeeds (a test, cmp, ...)
check() {
    what=$1; shift 2
    if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $what"; fi
}
# floats FILE: the little-endian float32 of FILE, one per line
floats() { od -An -v -f "$1" | tr -s ' ' '\n' | grep -v '^$'; }
# close_to A.f32 B.f32 TOL: as many floats, max |a - b| <= TOL * max |b|
close_to() {
    floats "$1" >"$tmp/close_a"
    floats "$2" >"$tmp/close_b"
    [ "$(wc -l <"$tmp/close_a")" -eq "$(wc -l <"$tmp/close_b")" ] &&
        paste "$tmp/close_a" "$tmp/close_b" | awk -v tol="$3" '
            {d = $1 - $2; if (d < 0) d = -d; if (d > md) md = d; b = $2 < 0 ? -$2 : $2; if (b > mb) mb = b; n++}
            END {if (!(n > 0 && md <= tol * mb)) {printf "  max |a-b| %g, max |b| %g\n", md, mb; exit 1}}'
}

expect 0 "top-level help" -- $Q4K --help
grep_out "$tmp/out" "verify" "help lists commands"
expect 2 "no command" -- $Q4K
expect 2 "unknown command" -- $Q4K frobnicate
grep_out "$tmp/err" "unknown command" "unknown command message"
for c in list verify dequant matvec bench measure select tune info gguf; do
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
grep_out "$tmp/out" "golden vectors (matvec baseline) .* pass" "verify checks matvec against ggml"
grep_out "$tmp/out" "golden vectors (quantize_q8k baseline) .* pass" "verify checks Q8_K against ggml"
grep_out "$tmp/out" "q4k_matvec__scalar .* pass" "verify passes the matvec baseline"
grep_out "$tmp/out" "q4k_quantize_q8k__scalar .* pass" "verify passes the quantize baseline"
grep_out "$tmp/out" "golden vectors (dequant_q6k baseline) .* pass" "verify checks Q6_K against llama.cpp"
grep_out "$tmp/out" "q4k_dequant_q6k__scalar .* pass" "verify passes the Q6_K baseline"
grep_out "$tmp/out" "golden vectors (matvec_q6k baseline) .* pass" "verify checks matvec_q6k against ggml"
grep_out "$tmp/out" "q4k_matvec_q6k__scalar .* pass" "verify passes the matvec_q6k baseline"
awk 'NR > 1 && $NF != "pass" {bad = 1; print "  " $0} END {exit bad}' "$tmp/out" &&
    passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL: q4k verify: a line without pass"; }
expect 0 "verify --op matvec" -- $Q4K verify --op matvec --data "$DATA"
if grep -q "dequant" "$tmp/out"; then failed=$((failed + 1)); echo "FAIL: verify --op matvec checks dequant"; else
    passed=$((passed + 1)); fi
expect 0 "list --op matvec" -- $Q4K list --op matvec
grep_out "$tmp/out" "^q4k_matvec__scalar  *matvec " "list --op matvec shows the matvec baseline"
if grep -q "^q4k_dequant" "$tmp/out"; then failed=$((failed + 1)); echo "FAIL: list --op matvec lists dequant"; else
    passed=$((passed + 1)); fi
expect 0 "list --op matvec --json" -- $Q4K list --op matvec --json
grep_out "$tmp/out" '"op": "matvec".*"vecs": 1' "list --json gives a matvec variant's vecs"
expect 0 "verify --op dequant_q6k" -- $Q4K verify --op dequant_q6k --data "$DATA"
if grep -q "^q4k_dequant__\|matvec\|quantize" "$tmp/out"; then failed=$((failed + 1)); echo "FAIL: verify --op dequant_q6k checks other ops"; else
    passed=$((passed + 1)); fi
expect 0 "list --op dequant_q6k" -- $Q4K list --op dequant_q6k
grep_out "$tmp/out" "^q4k_dequant_q6k__scalar  *dequant_q6k " "list --op dequant_q6k shows the Q6_K baseline"
if grep -q "^q4k_dequant__" "$tmp/out"; then failed=$((failed + 1)); echo "FAIL: list --op dequant_q6k lists dequant"; else
    passed=$((passed + 1)); fi
expect 0 "verify --op matvec_q6k" -- $Q4K verify --op matvec_q6k --data "$DATA"
grep_out "$tmp/out" "q4k_matvec_q6k__scalar .* pass" "verify --op matvec_q6k passes the baseline"
if grep -q "q4k_matvec__" "$tmp/out"; then failed=$((failed + 1)); echo "FAIL: verify --op matvec_q6k checks matvec"; else
    passed=$((passed + 1)); fi
expect 0 "list --op matvec_q6k" -- $Q4K list --op matvec_q6k
grep_out "$tmp/out" "^q4k_matvec_q6k__scalar  *matvec_q6k " "list --op matvec_q6k shows its baseline"
if grep -q "^q4k_matvec__" "$tmp/out"; then failed=$((failed + 1)); echo "FAIL: list --op matvec_q6k lists matvec"; else
    passed=$((passed + 1)); fi
expect 0 "list --op matvec_q6k --json" -- $Q4K list --op matvec_q6k --json
grep_out "$tmp/out" '"op": "matvec_q6k".*"vecs": 1' "list --json gives a matvec_q6k variant's vecs"
expect 0 "bench matvec_q6k" -- $Q4K bench --op matvec_q6k --variant q4k_matvec_q6k__scalar --variant auto --blocks 32 \
    --vecs 2 --repeats 1 --min-ms 0 --csv
grep_out "$tmp/out" "^q4k_matvec_q6k__scalar,32,.*,2,1$" "bench matvec_q6k csv row"
expect 2 "list --op nope" -- $Q4K list --op nope
grep_out "$tmp/err" "matvec" "list --op names the operations"
expect 2 "verify unknown variant" -- $Q4K verify --variant nope

# dequant: output equal to llama.cpp's, byte for byte (no NaN in this case)
expect 0 "dequant" -- $Q4K dequant "$DATA/q4k_structured.bin" "$tmp/s.f32"
if cmp -s "$tmp/s.f32" "$DATA/q4k_structured.f32"; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL: dequant output differs from the golden file"; fi
first=$($Q4K list --op dequant 2>/dev/null | awk 'NR==2 {print $1}')
last=$($Q4K list --op dequant 2>/dev/null | tail -n 1 | awk '{print $1}')
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
expect 2 "dequant with a matvec variant" -- $Q4K dequant --variant q4k_matvec__scalar "$DATA/q4k_zeros.bin" "$tmp/z.f32"
grep_out "$tmp/err" "not of dequant" "dequant refuses another op's variant"
expect 2 "dequant missing argument" -- $Q4K dequant "$DATA/q4k_zeros.bin"
expect 1 "dequant into a missing folder" -- $Q4K dequant "$DATA/q4k_zeros.bin" "$tmp/no/such/dir/z.f32"
: >"$tmp/empty.bin"
expect 0 "dequant of an empty file" -- $Q4K dequant "$tmp/empty.bin" "$tmp/empty.f32"
[ -e "$tmp/empty.f32" ] && [ ! -s "$tmp/empty.f32" ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL: empty output"; }

# dequant --type q6_K: Q6_K blocks, equal to llama.cpp's output byte for byte
expect 0 "dequant --type q6_K" -- $Q4K dequant --type q6_K "$DATA/q6k_gaussian.bin" "$tmp/q6.f32"
if cmp -s "$tmp/q6.f32" "$DATA/q6k_gaussian.f32"; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL: dequant --type q6_K differs from the golden file"; fi
grep_out "$tmp/err" "1024 Q6_K block(s) -> 262144 floats, variant q4k_dequant_q6k__" "dequant --type q6_K says what it did"
for v in $($Q4K list --op dequant_q6k 2>/dev/null | awk 'NR > 1 && $(NF - 1) == "yes" {print $1}'); do
    expect 0 "dequant --variant $v" -- $Q4K dequant --variant "$v" "$DATA/q6k_outliers.bin" "$tmp/q6v.f32"
    if cmp -s "$tmp/q6v.f32" "$DATA/q6k_outliers.f32"; then passed=$((passed + 1)); else
        failed=$((failed + 1)); echo "FAIL: dequant --variant $v differs from the golden file"; fi
done
expect 2 "dequant --type q6_K of Q4_K bytes" -- $Q4K dequant --type q6_K "$DATA/q4k_zeros.bin" "$tmp/q6bad.f32"
grep_out "$tmp/err" "210-byte Q6_K blocks" "dequant names the Q6_K block size"
expect 2 "dequant --type q6_K with a Q4_K variant" -- $Q4K dequant --type q6_K --variant q4k_dequant__scalar \
    "$DATA/q6k_gaussian.bin" "$tmp/q6bad.f32"
grep_out "$tmp/err" "not of dequant_q6k" "dequant --type q6_K refuses a Q4_K variant"
expect 2 "dequant --type q5_K" -- $Q4K dequant --type q5_K "$DATA/q6k_gaussian.bin" "$tmp/q6bad.f32"

expect 0 "bench csv" -- $Q4K bench --variant q4k_dequant__scalar --variant auto --blocks 3 --repeats 1 --min-ms 0 --csv
grep_out "$tmp/out" "^variant,blocks,ns_per_block" "bench csv header"
grep_out "$tmp/out" "^q4k_dequant__scalar,3," "bench csv row"
expect 2 "bench zero blocks" -- $Q4K bench --blocks 0
expect 2 "bench unknown variant" -- $Q4K bench --variant nope
expect 0 "bench matvec csv" -- $Q4K bench --op matvec --variant q4k_matvec__scalar --variant auto --blocks 32 \
    --repeats 1 --min-ms 0 --csv
grep_out "$tmp/out" "^variant,weight_blocks,ns_per_weight_block,.*,vecs,threads$" "bench matvec csv header"
grep_out "$tmp/out" "^q4k_matvec__scalar,32,.*,1,1$" "bench matvec csv row"
grep_out "$tmp/out" "^auto,32," "bench matvec auto row"
expect 0 "bench matvec table, 2 vectors, 2 threads" -- $Q4K bench --op matvec --blocks 256 --vecs 2 --threads 2 \
    --repeats 1 --min-ms 0
grep_out "$tmp/out" "2 vectors, 2 threads; GB/s of weights read" "bench matvec says what it timed"
grep_out "$tmp/out" "^q4k_matvec__scalar  *256 " "bench matvec table row"
expect 2 "bench matvec, blocks not whole rows" -- $Q4K bench --op matvec --blocks 24
grep_out "$tmp/err" "multiple\|rows of 16" "bench matvec names the row size"
expect 2 "bench --vecs without matvec" -- $Q4K bench --vecs 2
expect 2 "bench --threads 0" -- $Q4K bench --op matvec --threads 0
expect 0 "bench quantize_q8k" -- $Q4K bench --op quantize_q8k --blocks 4 --repeats 1 --min-ms 0 --csv
grep_out "$tmp/out" "^q4k_quantize_q8k__scalar,4," "bench quantize_q8k row"
expect 0 "bench dequant_q6k" -- $Q4K bench --op dequant_q6k --variant q4k_dequant_q6k__scalar --variant auto \
    --blocks 4 --repeats 1 --min-ms 0 --csv
grep_out "$tmp/out" "^q4k_dequant_q6k__scalar,4," "bench dequant_q6k row"
grep_out "$tmp/out" "^auto,4," "bench dequant_q6k auto row"

# ---- matvec: raw Q4_K rows x float32 vectors (through Q8_K) ----
# q4k_gaussian.bin: 4096 blocks = 256 rows of 4096 columns; dot_x.f32: 4096 floats
W="$DATA/q4k_gaussian.bin"
X="$DATA/dot_x.f32"
expect 0 "matvec" -- $Q4K matvec --cols 4096 "$W" "$X" "$tmp/y.f32"
grep_out "$tmp/err" "256 rows x 4096 columns, 1 vector -> 256 floats" "matvec says what it did"
check "matvec writes 256 floats" -- [ "$(wc -c <"$tmp/y.f32" | tr -d ' ')" = 1024 ]
# ggml's vec_dot sums in another order: within 1e-5 of the largest |y|
check "matvec within 1e-5 of ggml's vec_dot" -- close_to "$tmp/y.f32" "$DATA/dot_gaussian.ggml.f32" 1e-5
# the same bits for every usable variant and every thread count
n_mv=0
for v in $($Q4K list --op matvec 2>/dev/null | awk 'NR > 1 {print $1}'); do
    n_mv=$((n_mv + 1))
    for t in 1 2 3 4; do
        expect 0 "matvec --variant $v --threads $t" -- \
            $Q4K matvec --variant "$v" --threads "$t" --cols 4096 "$W" "$X" "$tmp/yv.f32"
        check "matvec --variant $v --threads $t: the same bits" -- cmp -s "$tmp/yv.f32" "$tmp/y.f32"
    done
done
check "matvec variants found ($n_mv)" -- [ "$n_mv" -ge 1 ]
# two vectors: vector after vector, each the same as alone
cat "$X" "$X" >"$tmp/x2.f32"
expect 0 "matvec --vecs 2 --threads 3" -- $Q4K matvec --vecs 2 --threads 3 --cols 4096 "$W" "$tmp/x2.f32" "$tmp/y2.f32"
head -c 1024 "$tmp/y2.f32" >"$tmp/y2a.f32"
tail -c 1024 "$tmp/y2.f32" >"$tmp/y2b.f32"
check "matvec --vecs 2: first vector's results" -- cmp -s "$tmp/y2a.f32" "$tmp/y.f32"
check "matvec --vecs 2: second vector's results" -- cmp -s "$tmp/y2b.f32" "$tmp/y.f32"
# the same matrix read as 1024 rows of 1024 columns: another shape, the same file
expect 0 "matvec --cols 1024" -- $Q4K matvec --cols 1024 "$W" "$tmp/x2.f32" "$tmp/y1k.f32" --vecs 8
check "matvec --cols 1024 --vecs 8 writes 8 x 1024 floats" -- [ "$(wc -c <"$tmp/y1k.f32" | tr -d ' ')" = 32768 ]
# input errors: exit 2, a message, no output
expect 2 "matvec without --cols" -- $Q4K matvec "$W" "$X" "$tmp/bad.f32"
grep_out "$tmp/err" "cols" "matvec without --cols names it"
expect 2 "matvec --cols 100" -- $Q4K matvec --cols 100 "$W" "$X" "$tmp/bad.f32"
grep_out "$tmp/err" "multiple of 256" "matvec --cols 100 message"
head -c 2305 "$W" >"$tmp/w_partial.q4k"
expect 2 "matvec, a partial row" -- $Q4K matvec --cols 4096 "$tmp/w_partial.q4k" "$X" "$tmp/bad.f32"
grep_out "$tmp/err" "not a whole number of rows" "matvec partial row message"
head -c 1000 "$X" >"$tmp/x_short.f32"
expect 2 "matvec, X too short" -- $Q4K matvec --cols 4096 "$W" "$tmp/x_short.f32" "$tmp/bad.f32"
grep_out "$tmp/err" "1000 bytes, want 16384" "matvec X size message"
expect 2 "matvec, --vecs 2 with one vector" -- $Q4K matvec --vecs 2 --cols 4096 "$W" "$X" "$tmp/bad.f32"
grep_out "$tmp/err" "want 32768" "matvec --vecs size message"
{ printf '\000\000\300\177'; tail -c +5 "$X"; } >"$tmp/x_nan.f32"
expect 2 "matvec, a NaN activation" -- $Q4K matvec --cols 4096 "$W" "$tmp/x_nan.f32" "$tmp/bad.f32"
grep_out "$tmp/err" "finite" "matvec NaN message"
expect 2 "matvec unknown variant" -- $Q4K matvec --variant q4k_matvec__nope --cols 4096 "$W" "$X" "$tmp/bad.f32"
expect 2 "matvec with a dequant variant" -- $Q4K matvec --variant q4k_dequant__scalar --cols 4096 "$W" "$X" "$tmp/bad.f32"
grep_out "$tmp/err" "not of matvec" "matvec refuses another op's variant"
expect 2 "matvec --threads 0" -- $Q4K matvec --threads 0 --cols 4096 "$W" "$X" "$tmp/bad.f32"
expect 2 "matvec missing W" -- $Q4K matvec --cols 4096 "$tmp/none.q4k" "$X" "$tmp/bad.f32"
expect 2 "matvec too many arguments" -- $Q4K matvec --cols 4096 "$W" "$X" "$tmp/bad.f32" extra
expect 2 "matvec unknown option" -- $Q4K matvec --frobnicate --cols 4096 "$W" "$X" "$tmp/bad.f32"
check "nothing written for bad input" -- [ ! -e "$tmp/bad.f32" ]
expect 1 "matvec into a missing folder" -- $Q4K matvec --cols 4096 "$W" "$X" "$tmp/no/such/dir/y.f32"
expect 0 "matvec of an empty matrix" -- $Q4K matvec --cols 4096 "$tmp/empty.bin" "$X" "$tmp/y0.f32"
check "matvec of an empty matrix writes an empty file" -- [ -e "$tmp/y0.f32" ] && [ ! -s "$tmp/y0.f32" ]

# gguf matvec: a Q4_K tensor of a real model (ne0 = columns, ne1 = rows)
G="$DATA/tinyA-Q4_K_M.gguf"
head -c 1024 "$X" >"$tmp/x256.f32"
expect 0 "gguf matvec --help" -- $Q4K gguf matvec --help
grep_out "$tmp/out" "usage" "gguf matvec --help says usage"
expect 0 "gguf matvec" -- $Q4K gguf matvec "$G" blk.0.attn_q.weight "$tmp/x256.f32" "$tmp/gy.f32"
grep_out "$tmp/err" "256 rows x 256 columns" "gguf matvec names the shape"
check "gguf matvec writes 256 floats" -- [ "$(wc -c <"$tmp/gy.f32" | tr -d ' ')" = 1024 ]
# the same bits as q4k matvec on the tensor's raw bytes (offset and size from the sidecar)
set -- $(awk -F '\t' '$1 == "blk.0.attn_q.weight" {print $5, $6}' "$G.tensors.tsv")
tail -c +$(($1 + 1)) "$G" | head -c "$2" >"$tmp/attn_q.q4k"
expect 0 "matvec on the tensor's raw bytes" -- $Q4K matvec --cols 256 "$tmp/attn_q.q4k" "$tmp/x256.f32" "$tmp/gy_raw.f32"
check "gguf matvec = matvec on the raw bytes" -- cmp -s "$tmp/gy.f32" "$tmp/gy_raw.f32"
for v in $($Q4K list --op matvec 2>/dev/null | awk 'NR > 1 {print $1}'); do
    for t in 1 4; do
        expect 0 "gguf matvec --variant $v --threads $t" -- \
            $Q4K gguf matvec "$G" blk.0.attn_q.weight "$tmp/x256.f32" "$tmp/gyv.f32" --variant "$v" --threads "$t"
        check "gguf matvec --variant $v --threads $t: the same bits" -- cmp -s "$tmp/gyv.f32" "$tmp/gy.f32"
    done
done
# against the float reference (llama.cpp's dequantized tensor times x, in
# double): Q8_K rounds the activations, so within 2% of the largest |y|
floats "$DATA/tinyA-Q4_K_M.gguf.blk.0.attn_q.weight.f32" >"$tmp/deq.txt"
floats "$tmp/x256.f32" >"$tmp/x256.txt"
awk 'NR == FNR {x[NR - 1] = $1; next} {y[int((FNR - 1) / 256)] += $1 * x[(FNR - 1) % 256]}
     END {for (r = 0; r < 256; r++) printf "%.9g\n", y[r]}' "$tmp/x256.txt" "$tmp/deq.txt" >"$tmp/yref.txt"
floats "$tmp/gy.f32" | paste - "$tmp/yref.txt" | awk '
    {d = $1 - $2; if (d < 0) d = -d; if (d > md) md = d; b = $2 < 0 ? -$2 : $2; if (b > mb) mb = b; n++}
    END {if (!(n == 256 && md <= 0.02 * mb)) {printf "  max |y - ref| %g, max |ref| %g, %d rows\n", md, mb, n; exit 1}}' &&
    passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL: gguf matvec is far from the float reference"; }
# ne0 = 768 columns, 256 rows; two vectors
head -c 3072 "$X" >"$tmp/x768.f32"
cat "$tmp/x768.f32" "$tmp/x768.f32" >"$tmp/x768x2.f32"
expect 0 "gguf matvec ffn_down, 2 vectors" -- $Q4K gguf matvec "$G" blk.1.ffn_down.weight "$tmp/x768x2.f32" \
    "$tmp/gd.f32" --vecs 2 --threads 2
grep_out "$tmp/err" "256 rows x 768 columns, 2 vectors -> 512 floats" "gguf matvec ffn_down shape"
head -c 1024 "$tmp/gd.f32" >"$tmp/gd1.f32"
tail -c 1024 "$tmp/gd.f32" >"$tmp/gd2.f32"
check "gguf matvec --vecs 2: both vectors alike" -- cmp -s "$tmp/gd1.f32" "$tmp/gd2.f32"
# a q6_K tensor: the matvec_q6k product, the same bits with its scalar
# reference on two threads
expect 0 "gguf matvec of a q6_K tensor" -- $Q4K gguf matvec "$G" output.weight "$tmp/x256.f32" "$tmp/g6.f32"
grep_out "$tmp/err" "output.weight: q6_K, " "gguf matvec names the q6_K tensor"
grep_out "$tmp/err" "variant q4k_matvec_q6k__" "gguf matvec runs a matvec_q6k variant"
expect 0 "gguf matvec q6_K, scalar, 2 threads" -- $Q4K gguf matvec "$G" output.weight "$tmp/x256.f32" \
    "$tmp/g6s.f32" --variant q4k_matvec_q6k__scalar --threads 2
check "gguf matvec q6_K: the dispatched variant gives the scalar bits" -- cmp -s "$tmp/g6.f32" "$tmp/g6s.f32"
# every matvec_q6k variant this CPU runs (packed ones pack the tensor first)
for v in $($Q4K list --op matvec_q6k 2>/dev/null | awk 'NR > 1 {print $1}'); do
    expect 0 "gguf matvec q6_K --variant $v" -- \
        $Q4K gguf matvec "$G" output.weight "$tmp/x256.f32" "$tmp/g6v.f32" --variant "$v" --threads 2
    check "gguf matvec q6_K --variant $v: the same bits" -- cmp -s "$tmp/g6v.f32" "$tmp/g6.f32"
done
expect 2 "gguf matvec q6_K with a Q4_K variant" -- $Q4K gguf matvec "$G" output.weight "$tmp/x256.f32" \
    "$tmp/bad.f32" --variant q4k_matvec__scalar
grep_out "$tmp/err" "not of matvec_q6k" "gguf matvec names the op a q6_K tensor needs"
expect 2 "gguf matvec of an f32 tensor" -- $Q4K gguf matvec "$G" output_norm.weight "$tmp/x256.f32" "$tmp/bad.f32"
grep_out "$tmp/err" "f32.*q4_K and q6_K" "gguf matvec names the type it refuses"
expect 2 "gguf matvec of no such tensor" -- $Q4K gguf matvec "$G" blk.9.nope "$tmp/x256.f32" "$tmp/bad.f32"
grep_out "$tmp/err" "no tensor named" "gguf matvec unknown tensor message"
expect 2 "gguf matvec, X of the wrong size" -- $Q4K gguf matvec "$G" blk.0.attn_q.weight "$X" "$tmp/bad.f32"
grep_out "$tmp/err" "16384 bytes, want 1024" "gguf matvec X size message"
expect 2 "gguf matvec, not a gguf" -- $Q4K gguf matvec "$W" blk.0.attn_q.weight "$tmp/x256.f32" "$tmp/bad.f32"
expect 2 "gguf matvec, missing arguments" -- $Q4K gguf matvec "$G" blk.0.attn_q.weight
expect 2 "gguf matvec bad variant" -- $Q4K gguf matvec "$G" blk.0.attn_q.weight "$tmp/x256.f32" "$tmp/bad.f32" \
    --variant q4k_dequant__scalar
check "gguf matvec wrote nothing for bad input" -- [ ! -e "$tmp/bad.f32" ]

# gguf layers: both policies side by side; on 2x-budget cyclic passes
# without warming, reuse must beat LRU (which hits nothing).
G="$DATA/tinyA-Q4_K_M.gguf"
expect 0 "gguf layers --help" -- $Q4K gguf layers --help
grep_out "$tmp/out" "usage" "gguf layers --help says usage"
expect 0 "gguf layers" -- $Q4K gguf layers "$G" --cache-mb 4 --passes 3
grep_out "$tmp/out" "30 tensors (25 Q4_K, 5 Q6_K) in 4 layers" "gguf layers finds the layers, Q6_K tensors included"
grep_out "$tmp/out" "max RSS" "gguf layers reports memory"
expect 0 "gguf layers --csv" -- $Q4K gguf layers "$G" --cache-mb 6 --passes 4 --no-warm --csv
grep_out "$tmp/out" "^policy,pass,ms,hits" "gguf layers csv header"
grep_out "$tmp/out" "^lru,4,[0-9.]*,0,30," "gguf layers: LRU hits nothing on a cyclic walk"
if awk -F, '$1=="reuse" && $2==4 && $4>=5 {ok=1} END {exit !ok}' "$tmp/out"; then
    passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: gguf layers: reuse keeps part of the model"; fi
expect 2 "gguf layers bad policy" -- $Q4K gguf layers "$G" --policy mru
expect 2 "gguf layers bad budget" -- $Q4K gguf layers "$G" --cache-mb 0
expect 2 "gguf layers no file" -- $Q4K gguf layers
expect 2 "gguf layers not a gguf" -- $Q4K gguf layers "$DATA/q4k_zeros.bin"

# gguf bench: a decode step's weight work per token through the fused kernels
# (small --read-mb keeps the read-limit loop short in tests)
expect 0 "gguf bench --help" -- $Q4K gguf bench --help
grep_out "$tmp/out" "usage" "gguf bench --help says usage"
grep_out "$tmp/out" "token_embd" "gguf bench --help says token_embd is skipped"
expect 0 "gguf bench" -- $Q4K gguf bench "$G" --tokens 2 --read-mb 16
grep_out "$tmp/out" "29 matrices (24 q4_K, 5 q6_K)" "gguf bench counts the Q4_K and Q6_K matrices"
grep_out "$tmp/out" "1 token_embd" "gguf bench skips token_embd"
grep_out "$tmp/out" "ms/token" "gguf bench prints ms per token"
grep_out "$tmp/out" "of the read limit" "gguf bench compares with the read limit"
expect 0 "gguf bench --json --compare-dequant" -- \
    $Q4K gguf bench "$G" --tokens 2 --read-mb 16 --threads 2 --vecs 2 --compare-dequant --json
for k in ms_per_token gbps read_limit_gbps threads vecs tokens dequant_ms_per_token speedup cpu q4_K q6_K; do
    grep_out "$tmp/out" "\"$k\": " "gguf bench --json has $k"
done
grep_out "$tmp/out" '"threads": 2, "vecs": 2, "tokens": 2,' "gguf bench --json echoes the options"
grep_out "$tmp/out" '"matrices": 29,' "gguf bench --json counts 29 matrices"
if command -v python3 >/dev/null 2>&1; then
    check "gguf bench --json parses" -- python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["ms_per_token"] > 0 and d["speedup"] > 0' "$tmp/out"
fi
# --pack: every Q4_K and Q6_K matrix packed at load, the packed kernels,
# the same results (the checksum of y is the same bits)
expect 0 "gguf bench --pack --json" -- $Q4K gguf bench "$G" --tokens 2 --read-mb 16 --threads 2 --pack --json
grep_out "$tmp/out" '"packed_matrices": 29,' "gguf bench --pack packs the 29 Q4_K and Q6_K matrices"
grep_out "$tmp/out" '"q4_K": {"matrices": 24,.*_packed", "variants_vary": [a-z]*, "packed": 24,' "gguf bench --pack runs a packed Q4_K kernel"
grep_out "$tmp/out" '"q6_K": {"matrices": 5,.*_packed", "variants_vary": [a-z]*, "packed": 5,' "gguf bench --pack runs a packed Q6_K kernel"
sed -n 's/.*"checksum": \([^}]*\)}.*/\1/p' "$tmp/out" >"$tmp/sum_packed"
expect 0 "gguf bench unpacked --json" -- $Q4K gguf bench "$G" --tokens 2 --read-mb 16 --threads 2 --json
sed -n 's/.*"checksum": \([^}]*\)}.*/\1/p' "$tmp/out" >"$tmp/sum_rows"
check "gguf bench: packed and unpacked weights give the same results" -- cmp -s "$tmp/sum_packed" "$tmp/sum_rows"
check "gguf bench: a checksum was printed" -- test -s "$tmp/sum_rows"
# the file read into memory (the default) or mapped (--mmap): the same bytes, the same results
grep_out "$tmp/out" '"weights": "read",' "gguf bench reads the file into memory by default"
expect 0 "gguf bench --mmap --json" -- $Q4K gguf bench "$G" --tokens 2 --read-mb 16 --threads 2 --mmap --json
grep_out "$tmp/out" '"weights": "mapped",' "gguf bench --mmap maps the file"
sed -n 's/.*"checksum": \([^}]*\)}.*/\1/p' "$tmp/out" >"$tmp/sum_mapped"
check "gguf bench: mapped and loaded weights give the same results" -- cmp -s "$tmp/sum_mapped" "$tmp/sum_rows"
expect 0 "gguf layers --mmap" -- $Q4K gguf layers "$G" --cache-mb 4 --passes 1 --mmap
grep_out "$tmp/out" "file mapped" "gguf layers --mmap says the file is mapped"
expect 2 "gguf bench no file" -- $Q4K gguf bench
expect 2 "gguf bench missing file" -- $Q4K gguf bench "$tmp/nonexistent.gguf"
expect 2 "gguf bench not a gguf" -- $Q4K gguf bench "$DATA/q4k_zeros.bin"
grep_out "$tmp/err" "GGUF" "gguf bench says the file is no GGUF"
printf 'GGUF\003\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000' >"$tmp/empty.gguf"
expect 2 "gguf bench of a model without matrices" -- $Q4K gguf bench "$tmp/empty.gguf"
grep_out "$tmp/err" "no Q4_K or Q6_K weight matrices" "gguf bench: no matrices message"
expect 2 "gguf bench --tokens 1" -- $Q4K gguf bench "$G" --tokens 1
expect 2 "gguf bench --threads 0" -- $Q4K gguf bench "$G" --threads 0
expect 2 "gguf bench --vecs x" -- $Q4K gguf bench "$G" --vecs x
expect 2 "gguf bench --tokens missing value" -- $Q4K gguf bench "$G" --tokens
expect 2 "gguf bench unknown option" -- $Q4K gguf bench "$G" --bogus
# the synth tiny model: every layer's matrices and the output, Q6_K included
expect 0 "gguf synth --preset tiny" -- $Q4K gguf synth "$tmp/tiny.gguf" --preset tiny --quiet
expect 0 "gguf bench on the tiny synth model" -- $Q4K gguf bench "$tmp/tiny.gguf" --tokens 2 --read-mb 16 --json
grep_out "$tmp/out" '"matrices": 57,' "gguf bench: 57 matrices in the tiny synth model"
grep_out "$tmp/out" '"skipped_token_embd": 1,' "gguf bench: tiny synth token_embd skipped"
rm -f "$tmp/tiny.gguf"

# Q4K_CPU_DISABLE masks CPU features (names as `q4k info` prints them), and
# the dispatch rule: per bucket the first candidate compiled in and usable
# here wins; a profile is refused only when a bucket has none.
expect 0 "info" -- $Q4K info
arch=$(sed -n 's/^arch: *\([a-z0-9_]*\).*/\1/p' "$tmp/out")
features=" $(sed -n 's/^features: *\(.*\)/\1/p' "$tmp/out") "
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
