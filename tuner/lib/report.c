/* report.c - report.md from the measurements and the selection (report.h).
 * The chart lives in report_chart.c. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fileio.h"
#include "machine.h"
#include "q4k.h"
#include "report.h"
#include "select_rule.h"

static const char *hdr(const measure_set *set, const char *key)
{
    const char *v = measure_header_get(set, key);
    return v && *v ? v : "unknown";
}

/* "1.23 +- 0.04" with a '*' when the point was flagged. */
static void cell_ns(char *out, size_t len, const measure_row *r)
{
    if (!r)
        snprintf(out, len, "-");
    else
        snprintf(out, len, "%.2f%s", r->median_ns, r->flags[0] ? "*" : "");
}

static void ratio(char *out, size_t len, const measure_row *slow, const measure_row *fast)
{
    if (!slow || !fast || fast->median_ns <= 0)
        snprintf(out, len, "n/a");
    else
        snprintf(out, len, "%.2fx", slow->median_ns / fast->median_ns);
}

/* Winner's rate as a share of a limit's rate (same bytes, same mode). */
static void share(char *out, size_t len, const measure_row *w, const measure_row *limit)
{
    if (!w || !limit || w->median_ns <= 0)
        snprintf(out, len, "n/a");
    else
        snprintf(out, len, "%.0f%% of %s", 100.0 * limit->median_ns / w->median_ns, limit->variant + 6);
}

static void size_label(char *out, size_t len, size_t n)
{
    if (n >= 1048576 && n % 1048576 == 0)
        snprintf(out, len, "%zuM", n / 1048576);
    else if (n >= 1024 && n % 1024 == 0)
        snprintf(out, len, "%zuK", n / 1024);
    else
        snprintf(out, len, "%zu", n);
}

static void machine_section(FILE *f, const measure_set *set)
{
    static const struct {
        const char *key, *label;
    } rows[] = {
        {"cpu", "CPU"},           {"core_type", "core type"}, {"arch", "architecture"},
        {"features", "features"}, {"cores", "logical CPUs"},  {"llc_bytes", "last-level cache used (bytes)"},
        {"llc_source", "last-level cache: how found"}, {"llc_reported", "last-level cache the OS reports (bytes)"},
        {"llc_probe", "store loop by buffer size"},
        {"os", "OS"},             {"compiler", "compiler"},   {"flags", "flags"},
        {"generator", "generator/template hash"}, {"version", "q4k version"}, {"commit", "commit"},
        {"timer", "timer"},       {"pinned", "thread pinned"}, {"settings", "settings"},
        {"cold_bytes", "cold rotation (bytes)"}, {"sentinel", "drift sentinel"},
        {"drift_points", "points flagged drift"}, {"emulated", "emulated"},
        {"started", "started"},   {"finished", "finished"},
    };
    fprintf(f, "## Machine and build\n\n| | |\n|---|---|\n");
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        fprintf(f, "| %s | %s |\n", rows[i].label, hdr(set, rows[i].key));
    fprintf(f, "\nCPU, core type, architecture, features, OS, compiler, flags and generator key the measurements: "
               "`q4k measure --resume` and `q4k select` refuse to mix files that differ in any of them. The "
               "last-level cache used decides warm or cold per size; the OS's figure is checked against the "
               "knee of a store loop over doubling buffers (`tuner/lib/llc_probe.h`).\n\n");
}

/* How the cache size the rule uses was found, in a sentence. */
static void llc_sentence(FILE *f, const selection *sel)
{
    char llc[32];
    if (!sel->llc_bytes) {
        fprintf(f, "The last-level cache size is unknown, so every size is decided on **warm** measurements "
                   "(rule 1 of `tuner/lib/select_rule.h`).");
        return;
    }
    machine_format_bytes(sel->llc_bytes, llc, sizeof llc);
    fprintf(f, "Last-level cache taken for the warm/cold rule: **%s**, %s.", llc,
            sel->llc_source ? sel->llc_source
                            : "as the OS reported it (these measurements predate llc_source: not checked)");
}

static void winners_section(FILE *f, const select_op *o)
{
    const op_plan *p = o->plan;
    fprintf(f, "### Winners per size bucket\n\n");
    fprintf(f, "Bucket N serves calls of up to N %s (the last also every larger call). Rule "
               "(`tuner/lib/select_rule.h`): %s; among the variants whose "
               "median +- max(MAD, %.0f%%) overlaps the fastest one's, the simplest wins. Times are "
               "medians in ns per %s (%s); `*` marks a point the drift sentinel flagged.\n\n",
            p->units,
            p->streamed ? "every size is decided on **cold** measurements, because inference streams this "
                          "op's input (a decode step reads each weight matrix once per token, and the rest "
                          "of the model evicts it before the next)"
                        : "sizes whose input + output fit in half the last-level cache are decided on "
                          "**warm** measurements, larger ones on **cold**",
            SELECT_NOISE_FLOOR * 100, p->unit, p->describe);
    const int reads = p->limits == OP_LIMITS_READ;
    if (reads) {
        fprintf(f, "| %s | mode | winner |%s ns/%s | +- MAD | GB/s | vs scalar | vs default table | "
                   "of read limit | tied |\n", p->units, p->describe_size ? " matrix |" : "", p->unit);
        fprintf(f, "|---:|---|---|%s---:|---:|---:|---:|---|---|---:|\n", p->describe_size ? "---|" : "");
    } else {
        fprintf(f, "| %s | mode | winner | ns/%s | +- MAD | GB/s | vs scalar | vs default table | "
                   "of best store limit | of better store loop | tied |\n", p->units, p->unit);
        fprintf(f, "|---:|---|---|---:|---:|---:|---:|---|---|---|---:|\n");
    }
    for (size_t i = 0; i < o->n_buckets; i++) {
        const select_bucket *b = &o->buckets[i];
        const measure_row *w = b->winner;
        char ns[32], vs_scalar[32], vs_default[160], limit[64], loop[64];
        cell_ns(ns, sizeof ns, w);
        ratio(vs_scalar, sizeof vs_scalar, b->scalar, w);
        if (b->default_row) {
            char r[32];
            ratio(r, sizeof r, b->default_row, w);
            snprintf(vs_default, sizeof vs_default, "%s (`%s`)", r, op_plan_short_name(b->default_name));
        } else {
            snprintf(vs_default, sizeof vs_default, "n/a");
        }
        if (reads) {
            char shape[64] = "";
            if (p->describe_size) {
                char d[48];
                p->describe_size(b->size, d, sizeof d);
                snprintf(shape, sizeof shape, " %s |", d);
            }
            share(limit, sizeof limit, w, b->limit_read);
            fprintf(f, "| %zu | %s | `%s` |%s %s | %.2f | %.1f | %s | %s | %s | %zu |\n", b->size, b->mode, w->variant,
                    shape, ns, w->mad_ns, w->gbps, vs_scalar, vs_default, limit, b->n_tied);
            continue;
        }
        share(limit, sizeof limit, w, b->store_best);
        share(loop, sizeof loop, w, b->store_loop_best);
        fprintf(f, "| %zu | %s | `%s` | %s | %.2f | %.1f | %s | %s | %s | %s | %zu |\n", b->size, b->mode,
                w->variant, ns, w->mad_ns, w->gbps, vs_scalar, vs_default, limit, loop, b->n_tied);
    }
    fprintf(f, "\n");
    if (o->scalar_max)
        fprintf(f, "**SIMD threshold:** the baseline `%s` is still as fast up to %zu %s, so the buckets "
                   "up to that size run it.\n\n",
                p->baseline, o->scalar_max, p->units);
    else
        fprintf(f, "**SIMD threshold:** 0 - a SIMD variant beats the baseline `%s` beyond noise at every "
                   "measured size, down to %zu %s.\n\n",
                p->baseline, o->n_buckets ? o->buckets[0].size : 1,
                o->n_buckets && o->buckets[0].size == 1 ? p->unit : p->units);
    if (reads)
        fprintf(f, "GB/s counts the %s (%zu bytes per %s). \"vs scalar\" is the speed-up over the scalar "
                   "reference `%s`; \"vs default table\" compares with what the built-in (untuned) dispatch "
                   "table runs at that size, measured in the same run; \"of read limit\" is the winner's rate "
                   "as a share of `limit:read`, a plain read loop over the same bytes in the same mode (100%% = as "
                   "fast as merely reading them: the machine's read bandwidth at that size).\n\n",
                p->rate_what, p->rate_bytes_per_unit, p->unit, p->baseline);
    else
        fprintf(f, "\"vs default table\" compares with what the built-in (untuned) dispatch table runs at that "
                   "size, measured in the same run; \"of best store limit\" is the winner's output rate as a "
                   "share of the fastest pure-store loop (plain stores, non-temporal stores or memset) writing "
                   "the same bytes in the same mode.\n\n");
}

/* The read limit beside the baseline and the winner, per size and mode. */
static void read_limit_section(FILE *f, const measure_set *set, const select_op *o)
{
    const op_plan *p = o->plan;
    fprintf(f, "### Read limit (GB/s of %s, same sizes, same run)\n\n", p->rate_what);
    fprintf(f, "`limit:read` = a plain vector read loop over the bytes a call reads (N %s, %zu bytes each), "
               "writing nothing; the scalar baseline and the size's winner in the same units.\n\n",
            p->units, p->in_bytes_per_unit);
    fprintf(f, "| %s | mode | limit:read | scalar baseline | winner | winner of limit |\n", p->units);
    fprintf(f, "|---:|---|---:|---:|---:|---:|\n");
    for (int pass = 0; pass < 2; pass++) {
        const char *mode = pass ? "cold" : "warm";
        for (size_t i = 0; i < o->n_buckets; i++) {
            const select_bucket *b = &o->buckets[i];
            const measure_row *l = measure_set_find(set, p->name, "limit:read", mode, b->size);
            const measure_row *base = measure_set_find(set, p->name, p->baseline, mode, b->size);
            const measure_row *w = measure_set_find(set, p->name, b->winner->variant, mode, b->size);
            if (!l && !base)
                continue;
            fprintf(f, "| %zu | %s |", b->size, mode);
            const measure_row *cols[3] = {l, base, w};
            for (int k = 0; k < 3; k++)
                if (cols[k])
                    fprintf(f, " %.1f |", cols[k]->gbps);
                else
                    fprintf(f, " - |");
            if (l && w && w->median_ns > 0)
                fprintf(f, " %.0f%% |\n", 100.0 * l->median_ns / w->median_ns);
            else
                fprintf(f, " - |\n");
        }
    }
    fprintf(f, "\n");
}

static void limits_section(FILE *f, const measure_set *set, const select_op *o)
{
    const op_plan *p = o->plan;
    fprintf(f, "### Pure-store limits (GB/s of output, same sizes, same run)\n\n");
    fprintf(f, "`limit:store` = plain vector stores, `limit:stream` = non-temporal stores, "
               "`limit:memset` = the C library's memset of a nonzero byte (zeros can take a "
               "shortcut that kernel output cannot); each writes the output bytes of N %s "
               "and reads nothing.\n\n",
            p->units);
    fprintf(f, "| %s | mode | limit:store | limit:stream | limit:memset | scalar baseline |\n", p->units);
    fprintf(f, "|---:|---|---:|---:|---:|---:|\n");
    for (int pass = 0; pass < 2; pass++) {
        const char *mode = pass ? "cold" : "warm";
        for (size_t i = 0; i < o->n_buckets; i++) {
            size_t n = o->buckets[i].size;
            const measure_row *l[4] = {measure_set_find(set, p->name, "limit:store", mode, n),
                                       measure_set_find(set, p->name, "limit:stream", mode, n),
                                       measure_set_find(set, p->name, "limit:memset", mode, n),
                                       measure_set_find(set, p->name, p->baseline, mode, n)};
            if (!l[0] && !l[1] && !l[2] && !l[3])
                continue;
            fprintf(f, "| %zu | %s |", n, mode);
            for (int k = 0; k < 4; k++)
                if (l[k])
                    fprintf(f, " %.1f |", l[k]->gbps);
                else
                    fprintf(f, " - |");
            fprintf(f, "\n");
        }
    }
    fprintf(f, "\n");
}

/* The fastest row of op p at (size, mode) among kernel variants of one
 * series (limit loops left out); NULL when none. */
static const measure_row *fastest_of(const measure_set *set, const op_plan *p, size_t n, const char *mode,
                                     unsigned vecs, unsigned threads)
{
    const measure_row *best = NULL;
    for (size_t i = 0; i < set->n_rows; i++) {
        const measure_row *r = &set->rows[i];
        if (r->size != n || r->vecs != vecs || r->threads != threads || strcmp(r->mode, mode) ||
            strcmp(r->op, p->name) || !strcmp(r->isa, "limit"))
            continue;
        if (measure_set_find_series(set, p->name, r->variant, mode, n, vecs, threads) != r)
            continue; /* superseded */
        if (!best || r->median_ns < best->median_ns)
            best = r;
    }
    return best;
}

/* The extra series of an op (matvec: more activation vectors per call,
 * more threads), beside the one-vector, one-thread figures; nothing when
 * the op has none. */
static void series_section(FILE *f, const measure_set *set, const select_op *o)
{
    enum { MAX_SERIES = 16 };
    const op_plan *p = o->plan;
    unsigned vecs[MAX_SERIES], threads[MAX_SERIES];
    size_t n_series = 0;
    for (size_t i = 0; i < set->n_rows; i++) {
        const measure_row *r = &set->rows[i];
        if (strcmp(r->op, p->name) || (r->vecs == 1 && r->threads == 1))
            continue;
        size_t k;
        for (k = 0; k < n_series && (vecs[k] != r->vecs || threads[k] != r->threads); k++)
            ;
        if (k == n_series && n_series < MAX_SERIES) {
            /* sorted: batches by vectors, then threads by count */
            size_t at = n_series;
            while (at > 0 && (threads[at - 1] > r->threads ||
                              (threads[at - 1] == r->threads && vecs[at - 1] > r->vecs))) {
                vecs[at] = vecs[at - 1], threads[at] = threads[at - 1];
                at--;
            }
            vecs[at] = r->vecs, threads[at] = r->threads;
            n_series++;
        }
    }
    if (!n_series)
        return;
    fprintf(f, "### Batches and threads (each series has its own buckets in the profile)\n\n");
    fprintf(f, "The same variants (all but the scalar baseline) at the same sizes, with more activation vectors "
               "per call (a prompt batch: the weights are read and unpacked once for all the vectors) or with "
               "more threads sharing the rows (fixed chunks of %d rows, so the smallest sizes stay on one "
               "thread). Each cell: the fastest variant of the series, in ns per %s per vector for batches "
               "and per %s for threads, and in brackets its speed-up over the fastest one-vector, one-thread "
               "variant of the same size and mode (first column).\n\n",
            Q4K_MATVEC_CHUNK_ROWS, p->unit, p->unit);
    fprintf(f, "| %s | mode | 1 vector, 1 thread |", p->units);
    for (size_t k = 0; k < n_series; k++)
        if (threads[k] == 1)
            fprintf(f, " %u vectors |", vecs[k]);
        else if (vecs[k] == 1)
            fprintf(f, " %u threads |", threads[k]);
        else
            fprintf(f, " %u vectors, %u threads |", vecs[k], threads[k]);
    fprintf(f, "\n|---:|---|---|");
    for (size_t k = 0; k < n_series; k++)
        fprintf(f, "---|");
    fprintf(f, "\n");
    for (int pass = 0; pass < 2; pass++) {
        const char *mode = pass ? "cold" : "warm";
        for (size_t i = 0; i < o->n_buckets; i++) {
            const size_t n = o->buckets[i].size;
            const measure_row *one = fastest_of(set, p, n, mode, 1, 1);
            if (!one)
                continue;
            fprintf(f, "| %zu | %s | %.2f%s `%s` |", n, mode, one->median_ns, one->flags[0] ? "*" : "",
                    op_plan_short_name(one->variant));
            for (size_t k = 0; k < n_series; k++) {
                const measure_row *r = fastest_of(set, p, n, mode, vecs[k], threads[k]);
                if (!r) {
                    fprintf(f, " - |");
                    continue;
                }
                double per = r->median_ns / r->vecs;
                fprintf(f, " %.2f%s (%.2fx) `%s` |", per, r->flags[0] ? "*" : "", per > 0 ? one->median_ns / per : 0,
                        op_plan_short_name(r->variant));
            }
            fprintf(f, "\n");
        }
    }
    fprintf(f, "\n");
}

/* The fastest row of isa on weights of the given kind (packed or GGUF
 * rows) at (n, mode), one vector, one thread. */
static const measure_row *fastest_layout(const measure_set *set, const op_plan *p, size_t n, const char *mode,
                                         const char *isa, int packed)
{
    const measure_row *best = NULL;
    for (size_t i = 0; i < set->n_rows; i++) {
        const measure_row *r = &set->rows[i];
        if (r->size != n || r->vecs != 1 || r->threads != 1 || strcmp(r->mode, mode) || strcmp(r->op, p->name) ||
            strcmp(r->isa, isa) || (select_row_layout(r) != 0) != packed)
            continue;
        if (measure_set_find(set, p->name, r->variant, mode, n) != r)
            continue;
        if (!best || r->median_ns < best->median_ns)
            best = r;
    }
    return best;
}

/* Whether packing the weights (q4k_pack) pays, per ISA family and size:
 * nothing when no packed variant was measured. */
static void packing_section(FILE *f, const measure_set *set, const select_op *o)
{
    enum { MAX_ISAS = 8 };
    const op_plan *p = o->plan;
    const char *isas[MAX_ISAS];
    size_t n_isas = 0;
    for (size_t i = 0; i < set->n_rows; i++) {
        const measure_row *r = &set->rows[i];
        if (strcmp(r->op, p->name) || !strcmp(r->isa, "scalar") || !select_row_layout(r))
            continue;
        size_t k;
        for (k = 0; k < n_isas && strcmp(isas[k], r->isa); k++)
            ;
        if (k == n_isas && n_isas < MAX_ISAS)
            isas[n_isas++] = r->isa;
    }
    if (!n_isas)
        return;
    const int q6k = p->op == Q4K_OP_MATVEC_Q6K;
    fprintf(f, "### Does packing pay? (%s)\n\n",
            q6k ? "q4k_pack_q6k: rows interleaved, high bits regrouped" : "q4k_pack: rows interleaved, scales as bytes");
    fprintf(f, "Per ISA family, the fastest variant on GGUF rows and the fastest on packed weights, one vector, "
               "one thread, in the mode that decides each bucket; the gain is rows / packed (above 1: packing "
               "pays). The profile lists the best of both layouts per bucket, so %s says "
               "which the winner reads.\n\n| %s | mode |", q6k ? "q4k_pack_q6k_preferred()" : "q4k_pack_preferred()",
            p->units);
    for (size_t k = 0; k < n_isas; k++)
        fprintf(f, " %s rows | %s packed | gain |", isas[k], isas[k]);
    fprintf(f, "\n|---:|---|");
    for (size_t k = 0; k < n_isas; k++)
        fprintf(f, "---:|---:|---:|");
    fprintf(f, "\n");
    for (size_t i = 0; i < o->n_buckets; i++) {
        const select_bucket *b = &o->buckets[i];
        fprintf(f, "| %zu | %s |", b->size, b->mode);
        for (size_t k = 0; k < n_isas; k++) {
            const measure_row *rows = fastest_layout(set, p, b->size, b->mode, isas[k], 0);
            const measure_row *packed = fastest_layout(set, p, b->size, b->mode, isas[k], 1);
            char a[32] = "-", c[32] = "-", g[32] = "-";
            if (rows)
                snprintf(a, sizeof a, "%.2f", rows->median_ns);
            if (packed)
                snprintf(c, sizeof c, "%.2f", packed->median_ns);
            if (rows && packed && packed->median_ns > 0)
                snprintf(g, sizeof g, "%.2fx", rows->median_ns / packed->median_ns);
            fprintf(f, " %s | %s | %s |", a, c, g);
        }
        fprintf(f, "\n");
    }
    fprintf(f, "\n");
}

static void excluded_section(FILE *f, const measure_set *set)
{
    fprintf(f, "## Verification\n\n");
    size_t n = 0;
    for (size_t i = 0; i < set->n_header; i++)
        if (!strcmp(set->header[i].key, "excluded")) {
            if (!n++)
                fprintf(f, "These variants failed the bit-exact check against the scalar baseline and were "
                           "**excluded** (never measured, never selected):\n\n");
            fprintf(f, "- %s\n", set->header[i].value);
        }
    if (!n)
        fprintf(f, "Every variant measured here first passed the bit-exact check against the scalar baseline "
                   "(random, adversarial and, where present, golden blocks); none was excluded.\n");
    fprintf(f, "\n");
}

/* Every variant of op o at every size, one table per mode. */
static void all_variants_section(FILE *f, const measure_set *set, const select_op *o)
{
    const op_plan *p = o->plan;
    for (int pass = 0; pass < 2; pass++) {
        const char *mode = pass ? "cold" : "warm";
        int any = 0;
        for (size_t i = 0; i < set->n_rows && !any; i++)
            any = !strcmp(set->rows[i].mode, mode) && !strcmp(set->rows[i].op, p->name);
        if (!any)
            continue;
        fprintf(f, "## `%s`: every variant, ns/%s by size (%s)\n\n", p->name, p->unit, mode);
        fprintf(f, "%s. Bold: the bucket's winner where this mode decided it.\n\n",
                pass ? "Cold: input and output rotated over more than the last-level cache"
                     : "Warm: the same input and output every call");
        fprintf(f, "| variant |");
        for (size_t i = 0; i < o->n_buckets; i++) {
            char l[24];
            size_label(l, sizeof l, o->buckets[i].size);
            fprintf(f, " %s |", l);
        }
        fprintf(f, "\n|---|");
        for (size_t i = 0; i < o->n_buckets; i++)
            fprintf(f, "---:|");
        fprintf(f, "\n");
        /* variants of this op in file order, each once */
        for (size_t r = 0; r < set->n_rows; r++) {
            const measure_row *row = &set->rows[r];
            if (strcmp(row->op, p->name))
                continue;
            size_t first;
            for (first = 0; first < r && (strcmp(set->rows[first].variant, row->variant) ||
                                          strcmp(set->rows[first].op, row->op));
                 first++)
                ;
            if (first != r)
                continue;
            fprintf(f, "| `%s` |", row->variant);
            for (size_t i = 0; i < o->n_buckets; i++) {
                const select_bucket *b = &o->buckets[i];
                const measure_row *x = measure_set_find(set, p->name, row->variant, mode, b->size);
                char c[32];
                cell_ns(c, sizeof c, x);
                int bold = x && b->winner && !strcmp(b->mode, mode) && !strcmp(b->winner->variant, row->variant);
                fprintf(f, bold ? " **%s** |" : " %s |", c);
            }
            fprintf(f, "\n");
        }
        fprintf(f, "\n");
    }
}

const char *report_chart_file(const select_op *o, char *buf, size_t len)
{
    if (o->plan->op == Q4K_OP_DEQUANT)
        snprintf(buf, len, "chart.svg");
    else
        snprintf(buf, len, "chart-%s.svg", o->plan->name);
    return buf;
}

/* This run's measurement of an estimated kernel: its warm single-thread
 * row at the size nearest 512 blocks (the in-cache size the model stands
 * for); NULL when this run has none (always, on another architecture). */
static const measure_row *estimate_measured(const measure_set *set, const char *line, int len)
{
    char name[80];
    int n = 0;
    while (n < len && line[n] != ',' && n < (int)sizeof name - 1)
        name[n] = line[n], n++;
    name[n] = '\0';
    const measure_row *best = NULL;
    for (size_t i = 0; i < set->n_rows; i++) {
        const measure_row *r = &set->rows[i];
        if (strcmp(r->variant, name) || strcmp(r->mode, "warm") || r->vecs > 1 || r->threads > 1)
            continue;
        double d = fabs(log((double)r->size / 512.0)), bd = best ? fabs(log((double)best->size / 512.0)) : 0;
        if (!best || d < bd || (d == bd && r->size > best->size))
            best = r;
    }
    return best;
}

/* The static estimate (REPORT_ESTIMATE_FILE, scripts/neon_estimate.lua's
 * CSV): its '#' lines say how it was made; then a header and one line per
 * kernel. Shown as it is, in a section that says it is not measured; where
 * this run measured the same kernel (a run on the ARM machine itself), its
 * warm ns per block goes beside the model. */
static void estimate_section(FILE *f, const measure_set *set, const char *csv)
{
    int any_measured = 0;
    for (const char *l = csv; l && *l;) {
        const char *end = strchr(l, '\n');
        int len = (int)(end ? (size_t)(end - l) : strlen(l));
        if (len > 0 && l[0] != '#' && estimate_measured(set, l, len))
            any_measured = 1;
        l = end ? end + 1 : NULL;
    }
    fprintf(f, "## Static estimate, not measured: NEON kernels\n\n"
               "%s"
               "`scripts/neon-estimate.sh` costed the NEON kernels' compiled main loops. These are model figures "
               "in cycles per block, never measurements, and nothing above uses them%s. How they were made:\n\n",
            any_measured ? "" : "This machine cannot run the aarch64 kernels (qemu timings mean nothing), so ",
            any_measured ? "; the last column is this run's measurement of the same kernel, for comparison"
                         : "; put a real Apple-silicon run's report beside them");
    const char *line = csv;
    int header = 0;
    while (line && *line) {
        const char *end = strchr(line, '\n');
        int len = (int)(end ? (size_t)(end - line) : strlen(line));
        if (len > 0 && line[0] == '#') {
            fprintf(f, "%s- %.*s\n", header == 1 ? "\n" : "", len - 1 - (line[1] == ' '), line + 1 + (line[1] == ' '));
            header += header == 1; /* after the table: a blank line, once */
        } else if (len > 0 && !header) { /* the CSV's own header names the columns */
            header = 1;
            fputs("\n| ", f);
            int cols = 1;
            for (int i = 0; i < len; i++) {
                if (line[i] == ',')
                    fputs(" | ", f), cols++;
                else
                    fputc(line[i] == '_' ? ' ' : line[i], f);
            }
            fprintf(f, " |%s\n|---|", any_measured ? " measured ns/block (warm, at blocks) |" : "");
            for (int c = 1; c < cols + any_measured; c++)
                fputs("---:|", f);
            fputc('\n', f);
        } else if (len > 0) {
            fputs("| ", f);
            for (int i = 0; i < len; i++) {
                if (line[i] == ',')
                    fputs(" | ", f);
                else
                    fputc(line[i], f);
            }
            if (any_measured) {
                const measure_row *m = estimate_measured(set, line, len);
                if (m)
                    fprintf(f, " | %.2f at %zu", m->median_ns, m->size);
                else
                    fputs(" | -", f);
            }
            fputs(" |\n", f);
        }
        line = end ? end + 1 : NULL;
    }
    fputs("\n", f);
}

static void write_markdown(FILE *f, const measure_set *set, const selection *sel, const char *hyperfine_md,
                           const char *estimate_csv)
{
    const char *emu = measure_header_get(set, "emulated");
    int emulated = emu && strncmp(emu, "no", 2);
    char chart[64];
    fprintf(f, "# q4k tuning report: %s\n\n", hdr(set, "device"));
    if (emulated)
        fprintf(f, "> **Measured under an emulator (qemu): these timings are not performance.** This report "
                   "checks the pipeline only; measure on the real machine for a profile worth using.\n\n");
    fprintf(f, "%s, %s. Measured %s with `%s`; q4k %s (commit %s), kernels from generator %s.\n\n",
            hdr(set, "cpu"), hdr(set, "features"), hdr(set, "started"), hdr(set, "command"), hdr(set, "version"),
            hdr(set, "commit"), hdr(set, "generator"));
    fprintf(f, "Files: `measurements.csv` (every point), `profile` (the winners below), ");
    for (size_t k = 0; k < sel->n_ops; k++)
        fprintf(f, "%s`%s`", k ? ", " : "", report_chart_file(&sel->ops[k], chart, sizeof chart));
    fprintf(f, "%s.\n\n", hyperfine_md && strncmp(hyperfine_md, "Skipped", 7) ? ", `hyperfine.json` / `hyperfine.md` (process-level confirmation)" : "");
    llc_sentence(f, sel);
    fprintf(f, " Sizes whose input + output fit in half of it are decided on warm measurements, larger ones on "
               "cold.\n\n");
    for (size_t k = 0; k < sel->n_ops; k++) {
        const select_op *o = &sel->ops[k];
        fprintf(f, "## Operation `%s`\n\n", o->plan->name);
        winners_section(f, o);
        if (o->plan->limits == OP_LIMITS_READ) {
            fprintf(f, "### Throughput\n\n![GB/s of %s against %s per call, warm and cold](%s)\n\n"
                       "One line per family (ISA + method: the best of its variants at each size), the scalar "
                       "baseline and the read limit; log x axis.\n\n",
                    o->plan->rate_what, o->plan->units, report_chart_file(o, chart, sizeof chart));
            read_limit_section(f, set, o);
            series_section(f, set, o);
            packing_section(f, set, o);
            continue;
        }
        fprintf(f, "### Throughput\n\n![Output GB/s against %s per call, warm and cold](%s)\n\n"
                   "One line per family (ISA + method: the best of its unroll/prefetch/store variants at each "
                   "size), the scalar baseline and the pure-store limits; log x axis.\n\n",
                o->plan->units, report_chart_file(o, chart, sizeof chart));
        limits_section(f, set, o);
    }
    excluded_section(f, set);
    machine_section(f, set);
    if (hyperfine_md)
        fprintf(f, "## Process-level confirmation (hyperfine)\n\n%s\n\n", hyperfine_md);
    if (estimate_csv)
        estimate_section(f, set, estimate_csv);
    for (size_t k = 0; k < sel->n_ops; k++)
        all_variants_section(f, set, &sel->ops[k]);
    fprintf(f, "## Use it\n\n"
               "```sh\n"
               "cmake -S . -B build-tuned -DQ4K_PROFILE=results/%s/profile && cmake --build build-tuned\n"
               "Q4K_PROFILE=results/%s/profile ./app     # or load it at run time\n"
               "```\n",
            hdr(set, "device"), hdr(set, "device"));
}

static int write_via_memstream(const char *path, const select_op *svg, const measure_set *set,
                               const selection *sel, const char *hyperfine_md, const char *estimate_csv,
                               char *err, size_t errlen)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem) {
        snprintf(err, errlen, "out of memory");
        return Q4K_ENOMEM;
    }
    if (svg)
        report_chart_svg(mem, set, svg);
    else
        write_markdown(mem, set, sel, hyperfine_md, estimate_csv);
    if (fclose(mem) != 0) {
        free(text);
        snprintf(err, errlen, "out of memory");
        return Q4K_ENOMEM;
    }
    int rc = q4k_write_file_atomic(path, text, len, err, errlen);
    free(text);
    return rc;
}

int report_write(const char *dir, const measure_set *set, const selection *sel, const char *hyperfine_md,
                 char *err, size_t errlen)
{
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        snprintf(err, errlen, "%s: cannot create: %s", dir, strerror(errno));
        return Q4K_EIO;
    }
    size_t n = strlen(dir) + 80;
    char *path = malloc(n);
    if (!path)
        return Q4K_ENOMEM;
    snprintf(path, n, "%s/" REPORT_ESTIMATE_FILE, dir);
    void *estimate = NULL;
    size_t estimate_len = 0;
    char ignored[256];
    if (q4k_read_file(path, &estimate, &estimate_len, ignored, sizeof ignored) != Q4K_OK)
        estimate = NULL; /* none: no section */
    snprintf(path, n, "%s/report.md", dir);
    int rc = write_via_memstream(path, NULL, set, sel, hyperfine_md, estimate, err, errlen);
    free(estimate);
    for (size_t k = 0; k < sel->n_ops && rc == Q4K_OK; k++) {
        char chart[64];
        snprintf(path, n, "%s/%s", dir, report_chart_file(&sel->ops[k], chart, sizeof chart));
        rc = write_via_memstream(path, &sel->ops[k], set, sel, NULL, NULL, err, errlen);
    }
    free(path);
    return rc;
}
