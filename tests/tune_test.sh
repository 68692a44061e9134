#!/bin/sh
# tune_test.sh - end-to-end tests of the tuner pipeline (ctest runs each mode).
#
#   sh tests/tune_test.sh MODE SOURCE_DIR [EMULATOR ARGS...] Q4K
#
# Q4K is the q4k program; when cross-built, the emulator command (qemu)
# comes before it and runs it (and the build's q4k_tablegen). ctest also sets
# Q4K_TABLEGEN (the build's tools/q4k_tablegen.c binary) and Q4K_GEN_INCLUDE
# (the build's generated/include); without them both are looked for next to
# Q4K. Modes:
#   quick           q4k tune --quick: every file, the profile loads, the report
#                   covers every bucket of every op (dequant, matvec with its
#                   read limit, quantize_q8k, dequant_q6k), the charts are SVG
#   split           measure -> select -> q4k_tablegen dispatch table that
#                   compiles; --resume (complete and cut-short files); refusal
#                   to mix machines; an interrupted tune leaves the previous
#                   results intact and --resume continues it, keeping its rows
#   tuned-library   cmake -DQ4K_PROFILE=... builds a tuned libq4k; install it;
#                   a consumer built with find_package(q4k) and one built with
#                   pkg-config prove its dispatcher runs the profile's winners;
#                   Q4K_PROFILE at run time; byte-identical table generation
#   cross-select    select on measurements made under qemu-aarch64 (tests/tune/):
#                   an aarch64 profile that this library and this build's
#                   table generator refuse (another arch), while the generator
#                   accepts the same buckets as 'arch any' with a fallback
#                   compiled here
#   cross-pipeline  the whole cross-tuning path: cross-build q4k for aarch64,
#                   q4k measure --quick under qemu, q4k select here, and the
#                   aarch64 q4k_tablegen (under qemu) accepts that profile and
#                   refuses an x86-64 one (slow: builds)
# Exit 0 pass, 1 fail, 77 skipped (not applicable here).
set -u

MODE=$1
SRC=$2
shift 2
Q4K_RUN="$*"               # emulator (if any) and the program
eval "Q4K_EXE=\${$#}"       # the program alone
EMU=""                      # the emulator command alone
while [ $# -gt 1 ]; do EMU="$EMU $1"; shift; done
EMULATED=0
[ -n "$EMU" ] && EMULATED=1
BUILD_DIR=$(dirname "$Q4K_EXE")
[ -e "$BUILD_DIR/CMakeCache.txt" ] || BUILD_DIR=$(dirname "$BUILD_DIR")
TABLEGEN=${Q4K_TABLEGEN:-$BUILD_DIR/q4k_tablegen}
GEN_INCLUDE=${Q4K_GEN_INCLUDE:-}
if [ -z "$GEN_INCLUDE" ]; then
    GEN_INCLUDE="$BUILD_DIR/generated/include"
    [ -d "$GEN_INCLUDE" ] || GEN_INCLUDE="$SRC/generated/include"
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/q4k_tune_test.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM

fail() { echo "FAIL: $*" >&2; exit 1; }
note() { echo "--- $*" >&2; }
q4k() { $Q4K_RUN "$@"; }
tablegen() { $EMU "$TABLEGEN" "$@"; }
# expect_exit CODE TEXT CMD...: CMD exits with CODE and says TEXT on stderr
expect_exit() {
    want=$1 text=$2
    shift 2
    "$@" >"$T/out" 2>"$T/err"
    got=$?
    [ "$got" = "$want" ] || { cat "$T/err" >&2; fail "'$*' exited $got, want $want"; }
    grep -q -- "$text" "$T/err" || { cat "$T/err" >&2; fail "'$*' did not say '$text'"; }
}
# Measurement CSVs are read by their column names (the header line after the
# '# key: value' lines), so added columns do not break these checks.
# csv_rows FILE: the data rows, without comments and the column line
csv_rows() { awk '/^#/ || !NF {next} !hdr {hdr=1; next} {print}' "$1"; }
data_rows() { csv_rows "$1" | wc -l | tr -d ' '; }
# csv_column FILE NAME...: those columns of every data row, comma-separated
# (?NAME: only if the file has that column)
csv_column() {
    f=$1
    shift
    awk -F, -v want="$*" '/^#/ || !NF {next}
        !hdr {hdr = 1; for (i = 1; i <= NF; i++) col[$i] = i
              n = 0; m = split(want, w, " ")
              for (k = 1; k <= m; k++) {
                  name = w[k]; opt = sub(/^[?]/, "", name)
                  if (name in col) use[++n] = col[name]
                  else if (!opt) {print "no column " name " in " FILENAME > "/dev/stderr"; bad = 1; exit 1}
              }
              next}
        {line = ""; for (k = 1; k <= n; k++) line = line (k > 1 ? "," : "") $(use[k]); print line}
        END {exit bad}' "$f"
}
# distinct (op, variant, mode, size, vecs, threads) points: a re-measured
# point has several rows
points() { csv_column "$1" '?op' variant mode blocks '?vecs' '?threads' | sort -u | wc -l | tr -d ' '; }
has_variant() { csv_column "$1" variant | grep -q -x -- "$2"; }
# A dispatch table from a profile by this build's q4k_tablegen, compiled
# against the public headers: table_check PROFILE OUT.c
table_check() {
    [ -x "$TABLEGEN" ] || fail "no q4k_tablegen at $TABLEGEN (set Q4K_TABLEGEN)"
    tablegen --profile "$1" --out "$2" 2>"$T/tg.err" || { cat "$T/tg.err" >&2; fail "q4k_tablegen refused $1"; }
    grep -q 'q4k_dispatch_builtin' "$2" || fail "no table emitted"
    if command -v cc >/dev/null; then
        cc -std=gnu11 -Wall -Wextra -Werror -fsyntax-only -I"$SRC/include" -I"$GEN_INCLUDE" "$2" ||
            fail "the table from $1 does not compile"
    fi
}

case "$MODE" in
quick)
    note "q4k tune --quick --estimate (a static estimate goes into its own report section)"
    printf '# made by hand for this test\nvariant,blocks_per_iter,paths,instructions,simd_ops,port_cycles,port_bound,port_cycles_max,mca_cycles,mca_cycles_max\nq4k_dequant__neon_half_u1_p0,1,1,308.0,203.0,50.8,simd,50.8,97.1,97.1\n' >"$T/est.csv"
    q4k tune --quick --estimate "$T/est.csv" --out "$T/results" >"$T/tune.out" 2>"$T/tune.err" ||
        { cat "$T/tune.err" >&2; fail "tune --quick"; }
    R="$T/results"
    cmp -s "$T/est.csv" "$R/neon-estimate.csv" || fail "the estimate was not kept beside the results"
    grep -q '^## Static estimate, not measured' "$R/report.md" || fail "report.md lacks the estimate section"
    # (on an aarch64 host the run measured the kernel too: its ns/block in one more column)
    grep -q -E '^\| q4k_dequant__neon_half_u1_p0 \| 1 \| 1 \| 308\.0 \| 203\.0 \| 50\.8 \| simd \| 50\.8 \| 97\.1 \| 97\.1 \|( [0-9.]+ at [0-9]+ \|)?$' \
        "$R/report.md" ||
        fail "report.md does not show the estimate's row"
    [ "$(grep -c 'q4k_dequant__neon_half_u1_p0 | 1 | 1 | 308' "$R/report.md")" = 1 ] ||
        fail "the estimate appears outside its section"
    for f in measurements.csv profile report.md chart.svg chart-matvec.svg chart-quantize_q8k.svg \
        chart-dequant_q6k.svg chart-matvec_q6k.svg; do
        [ -s "$R/$f" ] || fail "tune did not write $f"
    done
    if [ $EMULATED = 0 ] && command -v hyperfine >/dev/null; then
        for f in hyperfine.json hyperfine.md; do [ -s "$R/$f" ] || fail "no $f"; done
        grep -q '"results"' "$R/hyperfine.json" || fail "hyperfine.json has no results"
        grep -q 'Process-level confirmation' "$R/report.md" || fail "report lacks the hyperfine section"
    fi
    [ ! -e "$R.partial" ] || fail "the partial folder was left behind"
    q4k info --profile "$R/profile" >"$T/info" 2>&1 || { cat "$T/info" >&2; fail "the profile does not load"; }
    grep -q "dispatch table in force: profile" "$T/info" || fail "info does not show the loaded profile"
    grep -q '^q4k-profile 2$' "$R/profile" || fail "the profile is not format version 2"
    # bucket OP SIZE NAME [NAME...]: the report names the first (the winner)
    n=0
    while read -r kw op size winner rest; do
        [ "$kw" = bucket ] || continue
        case $winner in vecs=*) continue ;; esac # a batch/thread series: in its own section
        n=$((n + 1))
        grep -q -E "^\| ($op \| )?$size \| " "$R/report.md" || fail "report.md has no row for bucket $op $size"
        grep -q -E "^\| ($op \| )?$size \| [a-z]* \| \`$winner\`" "$R/report.md" ||
            fail "report.md names another winner than $winner at $op $size"
    done <"$R/profile"
    [ "$n" -ge 3 ] || fail "only $n buckets in the profile"
    for s in limit:store limit:memset q4k_dequant__scalar limit:read q4k_matvec__scalar q4k_quantize_q8k__scalar \
        q4k_dequant_q6k__scalar q4k_matvec_q6k__scalar; do
        has_variant "$R/measurements.csv" "$s" || fail "no $s rows in the measurements"
    done
    # matvec: measured against the read limit (a read loop over the same
    # weight bytes), never against the store loops; hot and cold sizes
    csv_column "$R/measurements.csv" op variant | grep -q -x 'matvec,limit:read' || fail "no matvec read-limit rows"
    csv_column "$R/measurements.csv" op variant | grep -q -x 'matvec_q6k,limit:read' || fail "no matvec_q6k read-limit rows"
    csv_column "$R/measurements.csv" op variant | grep -q -x 'matvec,limit:store' && fail "matvec timed a store limit"
    csv_column "$R/measurements.csv" op variant | grep -q -x 'dequant,limit:read' && fail "dequant timed the read limit"
    # dequant_q6k writes 1 KiB a block like dequant: the store limits
    csv_column "$R/measurements.csv" op variant | grep -q -x 'dequant_q6k,limit:store' || fail "no dequant_q6k store-limit rows"
    csv_column "$R/measurements.csv" op variant | grep -q -x 'dequant_q6k,limit:read' && fail "dequant_q6k timed the read limit"
    for op in dequant matvec quantize_q8k dequant_q6k matvec_q6k; do
        grep -q "^bucket $op " "$R/profile" || fail "the profile has no $op bucket"
        grep -q "^## Operation \`$op\`" "$R/report.md" || fail "report.md has no section for $op"
    done
    grep -q '| weight blocks | mode | winner | matrix | ns/weight block |.*| vs scalar |.*| of read limit |' \
        "$R/report.md" || fail "report.md: no matvec winners table with the read-limit share"
    grep -q '^### Read limit (GB/s of weights read' "$R/report.md" || fail "report.md: no matvec read-limit table"
    grep -q -E '^\| [0-9]+ \| (warm|cold) \| `q4k_matvec__[a-z0-9_]*` \| [0-9]+ x 4096, [0-9]+ [KM]iB \| .*% of read \|' \
        "$R/report.md" || fail "report.md: a matvec winner row lacks its shape or read-limit share"
    grep -q 'GB/s of weights read' "$R/chart-matvec.svg" && grep -q 'polyline' "$R/chart-matvec.svg" ||
        fail "chart-matvec.svg is not a chart of weights read"
    # the batch and thread series: measured, reported, never in the profile
    # (not under an emulator with --quick, where they would only cost time)
    if [ $EMULATED = 0 ] && [ "$(q4k list --op matvec 2>/dev/null | wc -l)" -gt 2 ]; then
        csv_column "$R/measurements.csv" op vecs threads | grep -q -x 'matvec,8,1' || fail "no 8-vector series"
        grep -q '^### Batches and threads' "$R/report.md" || fail "report.md has no batch/thread series"
    fi
    csv_column "$R/measurements.csv" mode | grep -q -x warm && csv_column "$R/measurements.csv" mode | grep -q -x cold ||
        fail "warm and cold expected"
    grep -q '^<svg' "$R/chart.svg" && grep -q '</svg>' "$R/chart.svg" && grep -q 'polyline' "$R/chart.svg" ||
        fail "chart.svg is not a chart"
    grep -q 'scalar baseline' "$R/chart.svg" || fail "chart has no scalar line"
    if [ $EMULATED = 1 ]; then
        grep -qi 'not performance' "$R/report.md" || fail "an emulated report must say its timings are not performance"
    fi
    ;;

split)
    note "measure -> select -> dispatch table"
    M="$T/m.csv"
    q4k measure --quick --warm --sizes 1,16 --out "$M" 2>"$T/err" || { cat "$T/err" >&2; fail "measure"; }
    grep -q '^# cpu: ' "$M" && grep -q '^# generator: ' "$M" && grep -q '^# compiler: ' "$M" || fail "CSV header lacks keys"
    grep -q 'ETA' "$T/err" || fail "no progress/ETA on stderr"
    rows=$(data_rows "$M")
    npoints=$(points "$M")
    [ "$npoints" -ge 8 ] || fail "only $npoints points"
    q4k select "$M" --out "$T/profile" 2>"$T/err" || { cat "$T/err" >&2; fail "select"; }
    grep -q '^q4k-profile 2$' "$T/profile" && grep -q '^end$' "$T/profile" || fail "not a version 2 profile"
    # one comment per measured size; a bucket line per size, less those
    # whose next bucket names the same variants (merged into it)
    [ "$(sed -n '/^# dequant (/,/^# matvec (/p' "$T/profile" | grep -c '^# [0-9]* blocks, warm')" = 2 ] ||
        fail "want 2 dequant sizes"
    nb=$(grep -c '^bucket dequant ' "$T/profile")
    [ "$nb" -ge 1 ] && [ "$nb" -le 2 ] || fail "want 1 or 2 dequant buckets, got $nb"
    # matvec's sizes are weight blocks of 16-block rows: of 1 and 16 only 16 is one
    # (one per series: one vector on one thread, and the batch/thread series)
    [ "$(grep -c '^bucket matvec 16 q4k_' "$T/profile")" = 1 ] &&
        [ "$(grep '^bucket matvec ' "$T/profile" | grep -vc ' vecs=')" = 1 ] || fail "want 1 matvec bucket (16)"
    if [ "$(csv_column "$M" vecs | sort -u | wc -l)" -gt 1 ]; then
        grep -q '^bucket matvec 16 vecs=[0-9]* threads=[0-9]* q4k_matvec__' "$T/profile" ||
            fail "the batch/thread series have no buckets"
    fi
    nb=$(grep -c '^bucket quantize_q8k ' "$T/profile")
    [ "$nb" -ge 1 ] && [ "$nb" -le 2 ] || fail "want 1 or 2 quantize_q8k buckets, got $nb"
    nb=$(grep -c '^bucket dequant_q6k ' "$T/profile")
    [ "$nb" -ge 1 ] && [ "$nb" -le 2 ] || fail "want 1 or 2 dequant_q6k buckets, got $nb"
    [ "$(grep '^bucket matvec_q6k ' "$T/profile" | grep -vc ' vecs=')" = 1 ] || fail "want 1 matvec_q6k bucket (16)"
    grep -q '^simd_threshold' "$T/profile" && fail "version 2 has no simd_threshold key"
    q4k select "$M" >"$T/profile.stdout" 2>/dev/null || fail "select to stdout"
    cmp -s "$T/profile" "$T/profile.stdout" || fail "select is not deterministic"
    note "q4k_tablegen: the profile as the compiled-in table"
    table_check "$T/profile" "$T/table.c"
    for w in $(sed -n 's/^bucket [a-z0-9_]* [0-9]*\( vecs=[0-9]* threads=[0-9]*\)* \([^ ]*\).*/\2/p' "$T/profile"); do
        grep -q "\"$w\"" "$T/table.c" || fail "the table lacks the winner $w"
    done
    q4k info --profile "$T/profile" >"$T/info" 2>&1 || { cat "$T/info" >&2; fail "the profile does not load"; }
    grep -q '^  matvec  *1-16 \|^  matvec  *>= 1 ' "$T/info" || { cat "$T/info" >&2; fail "info shows no matvec bucket"; }
    note "--sizes with no matvec size: matvec left out, unless asked for"
    q4k measure --quick --warm --sizes 1 --samples 3 --out "$T/one.csv" 2>"$T/err" || { cat "$T/err" >&2; fail "measure --sizes 1"; }
    grep -q 'matvec left out' "$T/err" || fail "measure --sizes 1 does not say matvec is left out"
    csv_column "$T/one.csv" op | grep -q -x matvec && fail "matvec measured at a size that is no row"
    expect_exit 2 "no sizes to measure matvec" q4k measure --op matvec --sizes 1,8 --out "$T/x.csv"
    sed -e 's/^q4k-profile 2$/q4k-profile 1/' "$T/profile" >"$T/v1.profile"
    expect_exit 1 "q4k select" tablegen --profile "$T/v1.profile" --out "$T/v1.c"
    [ ! -e "$T/v1.c" ] || fail "q4k_tablegen wrote a table for a refused profile"

    note "resume: a complete file adds nothing"
    q4k measure --quick --warm --sizes 1,16 --out "$M" --resume 2>"$T/err" || { cat "$T/err" >&2; fail "resume"; }
    grep -q 'already measured' "$T/err" || fail "resume re-measured finished points"
    [ "$(data_rows "$M")" = "$rows" ] || fail "resume changed the row count"

    note "resume: a file cut short mid-row is completed"
    # the header lines, 3 data rows, then the first half of the 4th (a crash mid-write)
    awk '/^#/ || !NF {print; next} !hdr {hdr = 1; print; next} {n++} n <= 3 {print}' "$M" >"$T/cut.csv"
    cut_row=$(csv_rows "$M" | sed -n '4p')
    cut_part=$(printf '%s' "$cut_row" | cut -c 1-$((${#cut_row} / 2)))
    [ -n "$cut_part" ] || fail "no 4th row to cut"
    printf '%s' "$cut_part" >>"$T/cut.csv"
    q4k measure --quick --warm --sizes 1,16 --out "$T/cut.csv" --resume 2>"$T/err" || { cat "$T/err" >&2; fail "resume of a cut file"; }
    [ "$(points "$T/cut.csv")" = "$npoints" ] || fail "resumed file has $(points "$T/cut.csv") points, want $npoints"
    grep -q -x -F -- "$cut_part" "$T/cut.csv" && fail "the cut row was kept"
    q4k select "$T/cut.csv" >/dev/null 2>"$T/err" || { cat "$T/err" >&2; fail "select on the resumed file"; }

    note "refusal to mix machines or builds"
    sed 's/^# cpu: .*/# cpu: Some Other CPU/' "$M" >"$T/other.csv"
    expect_exit 2 "must not be mixed" q4k select "$M" "$T/other.csv"
    expect_exit 2 "refusing to mix" q4k measure --quick --warm --sizes 1 --out "$T/other.csv" --resume
    sed 's/^# flags: .*/# flags: -O0 -funusual/' "$M" >"$T/flags.csv"
    expect_exit 2 "flags" q4k select "$M" "$T/flags.csv"
    q4k select "$M" "$M" >/dev/null 2>&1 || fail "the same machine twice must merge"

    note "usage and input errors"
    expect_exit 2 "no measurements file" q4k select
    expect_exit 2 "sizes" q4k measure --sizes 0
    expect_exit 2 "unknown option" q4k measure --frobnicate
    expect_exit 2 "unknown" q4k tune --frobnicate
    expect_exit 2 "needs a value" q4k tune --estimate
    expect_exit 2 "No such file" q4k tune --estimate "$T/none.csv" --out "$T/never"
    printf 'garbage\n\001\002' >"$T/garbage.csv"
    expect_exit 2 "not a q4k measurements file" q4k select "$T/garbage.csv"
    expect_exit 2 "No such file" q4k select "$T/none.csv"
    expect_exit 2 "no usable variant matches" q4k measure --variants 'nothing*' --sizes 1 --out "$T/x.csv"
    for c in measure select tune info; do
        q4k $c --help >"$T/help" 2>&1 || fail "$c --help"
        grep -q "usage: q4k $c" "$T/help" || fail "$c --help has no usage"
    done

    note "an interrupted tune leaves the previous results intact; --resume continues it"
    mkdir -p "$T/res"
    echo previous >"$T/res/marker"
    # Long enough that it cannot finish between its first row and the kill
    # however fast the machine: every point takes at least samples x
    # min-sample-us of wall time (17 sizes x 4 subjects x 25 x 2 ms > 3 s).
    set -- tune --op dequant --variants q4k_dequant__scalar --sizes 1-65536 --warm --samples 25 \
        --min-sample-us 2000 --no-hyperfine --out "$T/res"
    # (SIGTERM: a non-interactive shell starts background jobs with SIGINT ignored)
    $Q4K_RUN "$@" >"$T/tune.out" 2>"$T/tune.err" &
    pid=$!
    # Wait for the event, not a clock: the first measured row (verification
    # comes first and may take long, e.g. under sanitizers or qemu). Only
    # ctest's TIMEOUT bounds this; a tune that ends first is a failure.
    P="$T/res.partial/measurements.csv"
    while [ ! -f "$P" ] || [ "$(data_rows "$P")" = 0 ]; do
        kill -0 $pid 2>/dev/null || {
            wait $pid
            st=$?
            cat "$T/tune.err" >&2
            fail "the tune ended (status $st) before its first measured row"
        }
        sleep 0.1
    done
    kill -TERM $pid 2>/dev/null
    wait $pid
    st=$?
    [ $st != 0 ] || fail "the tune finished before it was interrupted: make the run longer"
    [ "$(cat "$T/res/marker" 2>/dev/null)" = previous ] || fail "the previous results were touched"
    [ ! -e "$T/res/measurements.csv" ] || fail "half results were published"
    [ -s "$P" ] || fail "the interrupted measurements were not kept for --resume"
    # the complete rows measured before the kill (a last line without its
    # newline is a row cut by the kill: --resume may drop it)
    if [ -z "$(tail -c 1 "$P")" ]; then csv_rows "$P"; else csv_rows "$P" | sed '$d'; fi >"$T/kept.rows"
    kept=$(wc -l <"$T/kept.rows" | tr -d ' ')
    [ "$kept" -ge 1 ] || fail "no complete row before the interruption"
    note "$kept rows measured before the interruption; tune --resume"
    $Q4K_RUN "$@" --resume >"$T/tune.out" 2>"$T/tune.err" || { cat "$T/tune.err" >&2; fail "tune --resume"; }
    grep -q 'already measured' "$T/tune.err" || { cat "$T/tune.err" >&2; fail "tune --resume re-measured the kept points"; }
    [ -s "$T/res/measurements.csv" ] && [ -s "$T/res/profile" ] || fail "tune --resume published no results"
    [ ! -e "$T/res.partial" ] || fail "the partial folder was left behind after --resume"
    csv_rows "$T/res/measurements.csv" >"$T/final.rows"
    missing=$(grep -c -v -x -F -f "$T/final.rows" "$T/kept.rows")
    [ "$missing" = 0 ] || fail "--resume lost $missing of the $kept rows measured before the interruption"
    # every subject (the variant, the store limits) at all 17 sizes
    csv_column "$T/res/measurements.csv" variant blocks | sort -u | cut -d, -f1 | uniq -c >"$T/per_subject"
    [ "$(wc -l <"$T/per_subject")" -ge 2 ] && ! grep -v -q '^ *17 ' "$T/per_subject" ||
        { cat "$T/per_subject" >&2; fail "the resumed results do not cover every size for every subject"; }
    ;;

tuned-library)
    [ $EMULATED = 0 ] || { echo "skipped: builds natively only"; exit 77; }
    command -v cmake >/dev/null || { echo "skipped: no cmake"; exit 77; }
    note "profile from a quick measurement"
    # dequant only: tests/consumer checks that the compiled-in table has
    # exactly the profile's dequant buckets (split checks the other ops'
    # buckets through q4k_tablegen)
    q4k measure --quick --warm --op dequant --sizes 1,16,512 --out "$T/m.csv" 2>"$T/err" ||
        { cat "$T/err" >&2; fail "measure"; }
    q4k select "$T/m.csv" --out "$T/profile" 2>/dev/null || fail "select"
    note "cmake -DQ4K_PROFILE: the tuned library and q4k"
    cmake -S "$SRC" -B "$T/build" -DQ4K_PROFILE="$T/profile" -DQ4K_TESTS=OFF -DCMAKE_BUILD_TYPE=Release \
        >"$T/cfg.log" 2>&1 || { cat "$T/cfg.log" >&2; fail "configure with Q4K_PROFILE"; }
    cmake --build "$T/build" -j2 --target q4k q4k_cli >"$T/build.log" 2>&1 || { tail -30 "$T/build.log" >&2; fail "build"; }
    TUNED_Q4K=$T/build/q4k
    [ -x "$TUNED_Q4K" ] || TUNED_Q4K=$T/build/tuner/q4k
    [ -x "$TUNED_Q4K" ] || fail "the tuned build has no q4k program"
    env -u Q4K_PROFILE -u Q4K_VARIANT -u Q4K_CPU_DISABLE "$TUNED_Q4K" info >"$T/info" 2>&1 || fail "tuned q4k info"
    grep -q "dispatch table in force: profile" "$T/info" || { cat "$T/info" >&2; fail "tuned build does not report its profile"; }
    grep -q "device:   $(sed -n 's/^device //p' "$T/profile")" "$T/info" || fail "tuned build shows another device"

    note "byte-identical table from the same profile"
    TABLE="$T/build/q4k_dispatch_table.c"
    [ -s "$TABLE" ] || fail "the build made no $TABLE"
    grep -q "profile: profile (fnv1a64 " "$TABLE" || fail "no provenance"
    # the same arguments as the build used (its origin: the profile's name)
    origin=$(sed -n 's/^ \*   command: q4k_tablegen --profile \(.*\) --out .*/\1/p' "$TABLE")
    [ -n "$origin" ] || fail "the table does not record its command"
    mkdir -p "$T/again"
    "$T/build/q4k_tablegen" --profile "$T/profile" --out "$T/again/$(basename "$TABLE")" --origin "$origin" ||
        fail "q4k_tablegen of the tuned build"
    cmp "$TABLE" "$T/again/$(basename "$TABLE")" || fail "the table is not reproducible"
    mkdir -p "$T/again2"
    [ -x "$TABLEGEN" ] && { "$TABLEGEN" --profile "$T/profile" --out "$T/again2/$(basename "$TABLE")" --origin "$origin" &&
        diff "$TABLE" "$T/again2/$(basename "$TABLE")" >&2 ||
        fail "this build's q4k_tablegen makes another table from the same profile"; }

    note "install; consumers via find_package and pkg-config"
    cmake --install "$T/build" --prefix "$T/prefix" >/dev/null || fail "install"
    for f in lib/libq4k.a include/q4k.h include/q4k_dispatch.h include/q4k_features.h lib/pkgconfig/q4k.pc \
        lib/cmake/q4k/q4kConfig.cmake share/q4k/profile bin/q4k; do
        [ -s "$T/prefix/$f" ] || fail "install lacks $f"
    done
    cmake -S "$SRC/tests/consumer" -B "$T/consumer" -DCMAKE_PREFIX_PATH="$T/prefix" >"$T/c.log" 2>&1 &&
        cmake --build "$T/consumer" >>"$T/c.log" 2>&1 || { cat "$T/c.log" >&2; fail "find_package consumer"; }
    env -u Q4K_PROFILE -u Q4K_VARIANT -u Q4K_CPU_DISABLE "$T/consumer/consumer" "$T/profile" ||
        fail "consumer (find_package) does not run the profile's winners"
    if command -v pkg-config >/dev/null; then
        PKG_CONFIG_PATH="$T/prefix/lib/pkgconfig" make -s -f "$SRC/tests/consumer/Makefile" OUT="$T/consumer-pc" ||
            fail "pkg-config consumer"
        env -u Q4K_PROFILE -u Q4K_VARIANT -u Q4K_CPU_DISABLE "$T/consumer-pc" "$T/profile" ||
            fail "consumer (pkg-config) does not run the profile's winners"
    fi

    note "Q4K_PROFILE at run time in the default build; a bad one is refused loudly"
    Q4K_PROFILE="$T/profile" "$Q4K_EXE" info >"$T/info2" 2>&1 || fail "info with Q4K_PROFILE"
    grep -q "dispatch table in force: profile" "$T/info2" || fail "Q4K_PROFILE was not loaded"
    printf 'q4k-profile 2\ndevice x\n' >"$T/bad"
    Q4K_PROFILE="$T/bad" "$Q4K_EXE" info >"$T/info3" 2>&1
    grep -q "refused" "$T/info3" && grep -q "truncated" "$T/info3" || { cat "$T/info3" >&2; fail "bad Q4K_PROFILE not refused loudly"; }
    grep -q "dispatch table in force: built-in default" "$T/info3" || fail "bad Q4K_PROFILE replaced the table"
    ;;

cross-select|cross-pipeline)
    [ $EMULATED = 0 ] || { echo "skipped: runs on the build host"; exit 77; }
    [ -x "$TABLEGEN" ] || fail "no q4k_tablegen at $TABLEGEN (set Q4K_TABLEGEN)"
    ARM_TABLEGEN=""
    if [ "$MODE" = cross-pipeline ]; then
        command -v aarch64-linux-gnu-gcc >/dev/null && command -v qemu-aarch64 >/dev/null ||
            { echo "skipped: needs aarch64-linux-gnu-gcc and qemu-aarch64"; exit 77; }
        # the cross toolchain's emulator command (cmake/aarch64-linux-gnu.cmake)
        QEMU="qemu-aarch64 -L /"
        note "cross-building q4k (and its q4k_tablegen) for aarch64"
        cmake -S "$SRC" -B "$T/arm" -DCMAKE_TOOLCHAIN_FILE="$SRC/cmake/aarch64-linux-gnu.cmake" \
            -DCMAKE_BUILD_TYPE=Release -DQ4K_TESTS=OFF >"$T/cfg.log" 2>&1 || { cat "$T/cfg.log" >&2; fail "configure"; }
        cmake --build "$T/arm" -j2 --target q4k_cli q4k_tablegen >"$T/build.log" 2>&1 ||
            { tail -30 "$T/build.log" >&2; fail "build"; }
        ARM_Q4K=$T/arm/q4k
        [ -x "$ARM_Q4K" ] || ARM_Q4K=$T/arm/tuner/q4k
        ARM_TABLEGEN=$T/arm/q4k_tablegen
        note "q4k measure --quick under qemu-aarch64 (the 'target')"
        $QEMU "$ARM_Q4K" measure --quick --out "$T/arm.csv" 2>"$T/err" ||
            { cat "$T/err" >&2; fail "measure under qemu"; }
        grep -qi 'not performance' "$T/err" || fail "emulated measure does not warn"
        CSV="$T/arm.csv"
    else
        CSV="$SRC/tests/tune/aarch64-qemu-quick.csv"
        [ -s "$CSV" ] || fail "missing $CSV"
        # a fixture naming variants the generator no longer makes tests a
        # pipeline nobody runs: regenerate it (tests/tune/README.md)
        for v in $(csv_column "$CSV" variant | grep '^q4k_' | sort -u); do
            grep -q "[ *]$v(" "$SRC/generated/q4k_variants.h" ||
                fail "$CSV names $v, which generated/q4k_variants.h does not declare: regenerate it (tests/tune/README.md)"
        done
    fi
    note "q4k select here, on the target's measurements (a static estimate beside them)"
    mkdir -p "$T/arm-report"
    printf 'variant,blocks_per_iter,paths,instructions,simd_ops,port_cycles,port_bound,port_cycles_max,mca_cycles,mca_cycles_max\nq4k_dequant__neon_half_u2_p0,2,1,322.5,203.0,50.8,simd,50.8,87.5,87.5\n' \
        >"$T/arm-report/neon-estimate.csv"
    q4k select "$CSV" --out "$T/arm.profile" --report "$T/arm-report" 2>"$T/err" || { cat "$T/err" >&2; fail "select"; }
    grep -q '^| q4k_dequant__neon_half_u2_p0 | 2 | 1 | .* | 87.5 | [0-9.]* at [0-9]* |$' "$T/arm-report/report.md" ||
        fail "the report does not put the measured kernel beside its estimate"
    grep -q '^q4k-profile 2$' "$T/arm.profile" || fail "not a version 2 profile"
    grep -q '^arch aarch64$' "$T/arm.profile" || fail "profile is not for aarch64"
    grep -q 'EMULATOR' "$T/arm.profile" || fail "profile from qemu measurements is not labelled"
    grep -qi 'not performance' "$T/arm-report/report.md" || fail "report from qemu measurements is not labelled"

    host_arch=$(q4k info 2>/dev/null | sed -n 's/^arch: *\([a-z0-9_]*\).*/\1/p')
    [ -n "$host_arch" ] || fail "q4k info names no arch"
    if [ "$host_arch" = aarch64 ]; then
        note "this host is aarch64 itself: its library and table generator take the profile"
        q4k info --profile "$T/arm.profile" >"$T/info" 2>&1 || { cat "$T/info" >&2; fail "the aarch64 profile does not load"; }
        table_check "$T/arm.profile" "$T/arm_here.c"
    else
        note "this library ($host_arch) refuses the aarch64 profile and keeps its table"
        expect_exit 2 "aarch64" q4k info --profile "$T/arm.profile"
        Q4K_PROFILE="$T/arm.profile" "$Q4K_EXE" info >"$T/info" 2>&1
        grep -q "refused" "$T/info" && grep -q "dispatch table in force: built-in default" "$T/info" ||
            { cat "$T/info" >&2; fail "this library must refuse an aarch64 profile and keep its table"; }

        note "this build's table generator ($host_arch) refuses the aarch64 profile, accepts 'arch any'"
        expect_exit 1 "profile is for aarch64" "$TABLEGEN" --profile "$T/arm.profile" --out "$T/x.c"
        grep -q "runs on $host_arch" "$T/err" || { cat "$T/err" >&2; fail "the refusal does not name this arch"; }
        [ ! -e "$T/x.c" ] || fail "a table was written for a refused profile"
        # the same buckets for any architecture: NEON is not compiled in here...
        sed -e 's/^arch aarch64$/arch any/' -e 's/^\(bucket dequant [0-9]*\) .*/\1 q4k_dequant__neon_half_u2_p0/' \
            "$T/arm.profile" >"$T/any.profile"
        expect_exit 1 "compiled into this library" "$TABLEGEN" --profile "$T/any.profile" --out "$T/x.c"
        # ...but with its op's scalar baseline as each bucket's fallback it builds
        sed -e 's/^arch aarch64$/arch any/' -e 's/^\(bucket \([a-z0-9_]*\) .*\)$/\1 q4k_\2__scalar/' "$T/arm.profile" \
            >"$T/any-fallback.profile"
        table_check "$T/any-fallback.profile" "$T/any.c"
    fi

    if [ -n "$ARM_TABLEGEN" ]; then
        note "the aarch64 table generator (under qemu) accepts the aarch64 profile, refuses an x86-64 one"
        $QEMU "$ARM_TABLEGEN" --profile "$T/arm.profile" --out "$T/arm_table.c" 2>"$T/err" ||
            { cat "$T/err" >&2; fail "the aarch64 table generator refused the aarch64 profile"; }
        for w in $(sed -n 's/^bucket dequant [0-9]* \([^ ]*\).*/\1/p' "$T/arm.profile"); do
            grep -q "\"$w\"" "$T/arm_table.c" || fail "the aarch64 table lacks the winner $w"
        done
        arm_gen=$T/arm/generated/include
        [ -d "$arm_gen" ] || arm_gen=$SRC/generated/include
        cc -std=gnu11 -Wall -Wextra -Werror -fsyntax-only -I"$SRC/include" -I"$arm_gen" "$T/arm_table.c" ||
            fail "the aarch64 table does not compile"
        sed -e 's/^arch aarch64$/arch x86_64/' -e 's/q4k_dequant__neon[a-z0-9_]*/q4k_dequant__avx2_u2_p0/g' \
            "$T/arm.profile" >"$T/x86.profile"
        expect_exit 1 "profile is for x86_64" $QEMU "$ARM_TABLEGEN" --profile "$T/x86.profile" --out "$T/x.c"
        grep -q "runs on aarch64" "$T/err" || { cat "$T/err" >&2; fail "the aarch64 refusal does not name aarch64"; }
    fi
    ;;

*)
    echo "unknown mode '$MODE'" >&2
    exit 2
    ;;
esac
echo "tune_test $MODE: ok"
exit 0
