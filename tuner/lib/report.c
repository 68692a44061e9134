/* report.c - report.md from the measurements and the selection (report.h).
 * The chart lives in report_chart.c. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fileio.h"
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

/* A variant name without the common "q4k_dequant__" prefix. */
static const char *short_name(const char *name)
{
    return strncmp(name, "q4k_dequant__", 13) ? name : name + 13;
}

static void size_label(char *out, size_t len, size_t n)
{
    if (n >= 1024 && n % 1024 == 0)
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
        {"features", "features"}, {"cores", "logical CPUs"},  {"llc_bytes", "last-level cache (bytes)"},
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
    fprintf(f, "\nThe first eight lines (CPU to generator) key the measurements: `q4k measure --resume` and "
               "`q4k select` refuse to mix files that differ in any of them.\n\n");
}

static void winners_section(FILE *f, const selection *sel)
{
    fprintf(f, "## Winners per size bucket\n\n");
    fprintf(f, "Bucket N serves calls of up to N blocks (the last also every larger call). Rule "
               "(`tuner/select_rule.h`): sizes whose input + output fit in half the last-level cache "
               "are decided on **warm** measurements, larger ones on **cold**; among the variants whose "
               "median +- max(MAD, %.0f%%) overlaps the fastest one's, the simplest wins. Times are "
               "medians in ns per block (256 values, 1 KiB of output); `*` marks a point the drift "
               "sentinel flagged.\n\n",
            SELECT_NOISE_FLOOR * 100);
    fprintf(f, "| blocks | mode | winner | ns/block | +- MAD | GB/s | vs scalar | vs default table | "
               "of best store limit | of better store loop | tied |\n");
    fprintf(f, "|---:|---|---|---:|---:|---:|---:|---|---|---|---:|\n");
    for (size_t i = 0; i < sel->n_buckets; i++) {
        const select_bucket *b = &sel->buckets[i];
        const measure_row *w = b->winner;
        char ns[32], vs_scalar[32], vs_default[160], limit[64], loop[64];
        cell_ns(ns, sizeof ns, w);
        ratio(vs_scalar, sizeof vs_scalar, b->scalar, w);
        if (b->default_row) {
            char r[32];
            ratio(r, sizeof r, b->default_row, w);
            snprintf(vs_default, sizeof vs_default, "%s (`%s`)", r, short_name(b->default_name));
        } else {
            snprintf(vs_default, sizeof vs_default, "n/a");
        }
        share(limit, sizeof limit, w, b->store_best);
        share(loop, sizeof loop, w, b->store_loop_best);
        fprintf(f, "| %zu | %s | `%s` | %s | %.2f | %.1f | %s | %s | %s | %s | %zu |\n", b->blocks, b->mode,
                w->variant, ns, w->mad_ns, w->gbps, vs_scalar, vs_default, limit, loop, b->n_tied);
    }
    fprintf(f, "\n");
    if (sel->scalar_max)
        fprintf(f, "**SIMD threshold:** the scalar baseline is still as fast up to %zu blocks, so the buckets "
                   "up to that size run `q4k_dequant__scalar`.\n\n",
                sel->scalar_max);
    else
        fprintf(f, "**SIMD threshold:** 0 - a SIMD variant beats the scalar baseline beyond noise at every "
                   "measured size, down to %zu block%s.\n\n",
                sel->n_buckets ? sel->buckets[0].blocks : 1, sel->n_buckets && sel->buckets[0].blocks == 1 ? "" : "s");
    fprintf(f, "\"vs default table\" compares with what the built-in (untuned) dispatch table runs at that "
               "size, measured in the same run; \"of best store limit\" is the winner's output rate as a "
               "share of the fastest pure-store loop (plain stores, non-temporal stores or memset) writing "
               "the same bytes in the same mode.\n\n");
}

static void limits_section(FILE *f, const measure_set *set, const selection *sel)
{
    fprintf(f, "## Pure-store limits (GB/s of output, same sizes, same run)\n\n");
    fprintf(f, "`limit:store` = plain vector stores, `limit:stream` = non-temporal stores, "
               "`limit:memset` = the C library's memset; each writes the output bytes of N blocks "
               "and reads nothing.\n\n");
    fprintf(f, "| blocks | mode | limit:store | limit:stream | limit:memset | scalar baseline |\n");
    fprintf(f, "|---:|---|---:|---:|---:|---:|\n");
    for (int pass = 0; pass < 2; pass++) {
        const char *mode = pass ? "cold" : "warm";
        for (size_t i = 0; i < sel->n_buckets; i++) {
            size_t n = sel->buckets[i].blocks;
            const measure_row *l[4] = {
                measure_set_find(set, "limit:store", mode, n), measure_set_find(set, "limit:stream", mode, n),
                measure_set_find(set, "limit:memset", mode, n), measure_set_find(set, "q4k_dequant__scalar", mode, n)};
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

/* Every variant's ns/block at every size, one table per mode. */
static void all_variants_section(FILE *f, const measure_set *set, const selection *sel)
{
    for (int pass = 0; pass < 2; pass++) {
        const char *mode = pass ? "cold" : "warm";
        int any = 0;
        for (size_t i = 0; i < set->n_rows && !any; i++)
            any = !strcmp(set->rows[i].mode, mode);
        if (!any)
            continue;
        fprintf(f, "## Every variant, ns/block by size (%s)\n\n", mode);
        fprintf(f, "%s. Bold: the bucket's winner where this mode decided it.\n\n",
                pass ? "Cold: input and output rotated over more than the last-level cache"
                     : "Warm: the same input and output every call");
        fprintf(f, "| variant |");
        for (size_t i = 0; i < sel->n_buckets; i++) {
            char l[24];
            size_label(l, sizeof l, sel->buckets[i].blocks);
            fprintf(f, " %s |", l);
        }
        fprintf(f, "\n|---|");
        for (size_t i = 0; i < sel->n_buckets; i++)
            fprintf(f, "---:|");
        fprintf(f, "\n");
        /* variants in file order, each once */
        for (size_t r = 0; r < set->n_rows; r++) {
            const measure_row *row = &set->rows[r];
            size_t first;
            for (first = 0; first < r && strcmp(set->rows[first].variant, row->variant); first++)
                ;
            if (first != r)
                continue;
            fprintf(f, "| `%s` |", row->variant);
            for (size_t i = 0; i < sel->n_buckets; i++) {
                const select_bucket *b = &sel->buckets[i];
                const measure_row *x = measure_set_find(set, row->variant, mode, b->blocks);
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

static void write_markdown(FILE *f, const measure_set *set, const selection *sel, const char *hyperfine_md)
{
    const char *emu = measure_header_get(set, "emulated");
    int emulated = emu && strncmp(emu, "no", 2);
    fprintf(f, "# q4k tuning report: %s\n\n", hdr(set, "device"));
    if (emulated)
        fprintf(f, "> **Measured under an emulator (qemu): these timings are not performance.** This report "
                   "checks the pipeline only; measure on the real machine for a profile worth using.\n\n");
    fprintf(f, "%s, %s. Measured %s with `%s`; q4k %s (commit %s), kernels from generator %s.\n\n",
            hdr(set, "cpu"), hdr(set, "features"), hdr(set, "started"), hdr(set, "command"), hdr(set, "version"),
            hdr(set, "commit"), hdr(set, "generator"));
    fprintf(f, "Files: `measurements.csv` (every point), `profile` (the winners below), `chart.svg`%s.\n\n",
            hyperfine_md ? ", `hyperfine.json` / `hyperfine.md` (process-level confirmation)" : "");
    winners_section(f, sel);
    fprintf(f, "## Throughput\n\n![Output GB/s against blocks per call, warm and cold](chart.svg)\n\n"
               "One line per family (ISA + method: the best of its unroll/prefetch/store variants at each "
               "size), the scalar baseline and the pure-store limits; log x axis.\n\n");
    limits_section(f, set, sel);
    excluded_section(f, set);
    machine_section(f, set);
    if (hyperfine_md)
        fprintf(f, "## Process-level confirmation (hyperfine)\n\n%s\n\n", hyperfine_md);
    all_variants_section(f, set, sel);
    fprintf(f, "## Use it\n\n"
               "```sh\n"
               "cmake -S . -B build-tuned -DQ4K_PROFILE=results/%s/profile && cmake --build build-tuned\n"
               "Q4K_PROFILE=results/%s/profile ./app     # or load it at run time\n"
               "```\n",
            hdr(set, "device"), hdr(set, "device"));
}

static int write_via_memstream(const char *path, int svg, const measure_set *set, const selection *sel,
                               const char *hyperfine_md, char *err, size_t errlen)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem) {
        snprintf(err, errlen, "out of memory");
        return Q4K_ENOMEM;
    }
    if (svg)
        report_chart_svg(mem, set, sel);
    else
        write_markdown(mem, set, sel, hyperfine_md);
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
    size_t n = strlen(dir) + 16;
    char *path = malloc(n);
    if (!path)
        return Q4K_ENOMEM;
    snprintf(path, n, "%s/report.md", dir);
    int rc = write_via_memstream(path, 0, set, sel, hyperfine_md, err, errlen);
    if (rc == Q4K_OK) {
        snprintf(path, n, "%s/chart.svg", dir);
        rc = write_via_memstream(path, 1, set, sel, NULL, err, errlen);
    }
    free(path);
    return rc;
}
