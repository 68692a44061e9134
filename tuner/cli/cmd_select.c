/* cmd_select.c - q4k select: measurements -> per-size winners -> profile.
 * Runs anywhere: it needs only the CSV, not the machine that measured. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "measure_csv.h"
#include "profile_text.h"
#include "q4k.h"
#include "report.h"
#include "select.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: q4k select MEASUREMENTS.csv [MORE.csv ...] [--out PROFILE] [--report DIR]\n\n"
            "Per operation and size bucket picks the fastest variant, keeping the simpler\n"
            "one where two are within noise (median +- max(MAD, 1%%)), and the SIMD threshold\n"
            "(the largest size at which the op's scalar baseline is still as fast). Sizes\n"
            "whose input plus output fit in half the last-level cache (llc_bytes in the\n"
            "CSV header: measured by q4k measure) are decided on warm measurements, larger\n"
            "ones on cold; matvec and matvec_q6k on cold at every size (inference reads\n"
            "each weight matrix once per token). Rule: tuner/lib/select_rule.h. The\n"
            "profile has one 'bucket OP SIZE VARIANT' line per bucket (format 2).\n\n"
            "Reads measurements formats 1 (dequant only) and 2.\n"
            "Several files of the same machine and build are merged (a later point\n"
            "replaces an earlier one); files of different machines, compilers, flags or\n"
            "kernels are refused.\n\n"
            "  --out PROFILE   write the profile there (atomically); default: stdout\n"
            "  --report DIR    also write DIR/report.md and DIR/chart.svg\n\n"
            "Use the profile with cmake -DQ4K_PROFILE=PROFILE (compiled in) or\n"
            "Q4K_PROFILE=PROFILE in the environment (loaded at run time).\n");
}

int cmd_select(int argc, char **argv)
{
    const char *inputs[64], *out = NULL, *report_dir = NULL;
    size_t n_inputs = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 0;
        } else if ((!strcmp(a, "--out") || !strcmp(a, "--report")) && i + 1 < argc) {
            *(!strcmp(a, "--out") ? &out : &report_dir) = argv[++i];
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "q4k select: unknown or incomplete option '%s' (try --help)\n", a);
            return 2;
        } else if (n_inputs < sizeof inputs / sizeof inputs[0]) {
            inputs[n_inputs++] = a;
        } else {
            fprintf(stderr, "q4k select: too many input files\n");
            return 2;
        }
    }
    if (n_inputs == 0) {
        fprintf(stderr, "q4k select: no measurements file given (try --help)\n");
        return 2;
    }

    measure_set set;
    memset(&set, 0, sizeof set);
    char err[1024];
    int rc = Q4K_OK;
    for (size_t i = 0; i < n_inputs && rc == Q4K_OK; i++)
        rc = measure_set_read(inputs[i], &set, err, sizeof err);
    selection sel;
    if (rc == Q4K_OK)
        rc = select_run(&set, &sel, err, sizeof err);
    if (rc != Q4K_OK) {
        fprintf(stderr, "q4k select: %s\n", err);
        measure_set_free(&set);
        return rc == Q4K_ENOMEM ? 1 : 2; /* unreadable or bad input: usage/input error */
    }
    const char *emu = measure_header_get(&set, "emulated");
    if (emu && strncmp(emu, "no", 2))
        fprintf(stderr, "select: these measurements were taken under an emulator: the profile is valid "
                        "but its choices are not performance data\n");

    const char *source = strrchr(inputs[0], '/') ? strrchr(inputs[0], '/') + 1 : inputs[0];
    if (out)
        rc = profile_write_file(out, &set, &sel, source, err, sizeof err);
    else
        rc = profile_write(stdout, &set, &sel, source);
    if (rc == Q4K_OK && report_dir)
        rc = report_write(report_dir, &set, &sel, NULL, err, sizeof err);
    if (rc != Q4K_OK) {
        fprintf(stderr, "q4k select: %s\n", out || report_dir ? err : "cannot write the profile");
        measure_set_free(&set);
        return 1;
    }
    size_t n_buckets = 0;
    for (size_t k = 0; k < sel.n_ops; k++)
        n_buckets += sel.ops[k].n_buckets;
    fprintf(stderr, "select: %zu buckets", n_buckets);
    if (out)
        fprintf(stderr, "; profile written to %s", out);
    if (report_dir)
        fprintf(stderr, "; report in %s", report_dir);
    fputc('\n', stderr);
    for (size_t k = 0; k < sel.n_ops; k++) {
        const select_op *o = &sel.ops[k];
        fprintf(stderr, "%s: %s still as fast up to %zu %s\n", o->plan->name, o->plan->baseline, o->scalar_max,
                o->plan->units);
        for (size_t i = 0; i < o->n_buckets; i++)
            fprintf(stderr, "  %8zu %s (%s): %s\n", o->buckets[i].size, o->plan->units, o->buckets[i].mode,
                    o->buckets[i].winner->variant);
    }
    measure_set_free(&set);
    return 0;
}
