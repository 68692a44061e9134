/* cmd_bench.c - q4k bench: ns per unit of the op's size (dequant: block;
 * matvec: weight block) and GB/s per variant and size, median of repeated
 * samples. A benchmark, not the tuner: 'q4k tune' does interleaving, cold
 * caches, drift checks and selection. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchdata.h"
#include "commands.h"
#include "op_plan.h"
#include "q4k_dispatch.h"
#include "q4k.h"
#include "timer.h"

enum { MAX_ITEMS = 256 };

static int parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *end || v == 0 || v > (1ull << 24))
        return -1;
    *out = (size_t)v;
    return 0;
}

static void usage(FILE *f)
{
    fprintf(f, "usage: q4k bench [--op NAME] [--variant NAME]... [--blocks N]... [--repeats R]\n"
               "                 [--min-ms MS] [--csv] [--vecs N] [--threads N]\n\n"
               "Times variants of one operation (--op, default dequant; there is: %s;\n"
               "default: every usable variant of it and 'auto', the dispatcher) at sizes in\n"
               "the op's unit (--blocks: dequant, dequant_q6k and quantize_q8k Q4_K, Q6_K\n"
               "and Q8_K blocks, default 16 512 65536, the same and 16 64 512; matvec weight\n"
               "blocks of a matrix of 4096 columns, 16 a row, so multiples of 16, default\n"
               "4096 65536 1048576). Each sample runs the kernel enough times to last MS\n"
               "milliseconds (default 5); the figure is the median of R samples (default\n"
               "11) with its median absolute deviation. Buffers are reused (warm). GB/s\n"
               "counts the output written (dequant, dequant_q6k), the weights read (matvec)\n"
               "or the floats read (quantize_q8k).\n"
               "  --vecs N     matvec: activation vectors per call, 1..%d (default 1); the\n"
               "               weights are read once per call for all of them\n"
               "  --threads N  matvec: threads sharing the rows, 1..256 (default 1: the\n"
               "               kernel called directly)\n", op_plan_names(), OP_PLAN_MAX_VECS);
}

int cmd_bench(int argc, char **argv)
{
    const char *names[MAX_ITEMS];
    size_t sizes[MAX_ITEMS], n_names = 0, n_sizes = 0;
    const op_plan *plan = op_plan_get(Q4K_OP_DEQUANT);
    int csv = 0, repeats = 11;
    unsigned long vecs = 1, threads = 1;
    int vecs_given = 0, threads_given = 0;
    double min_ms = 5;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(a, "--csv")) {
            csv = 1;
        } else if (i + 1 < argc && !strcmp(a, "--op")) {
            char err[200];
            if (!(plan = op_plan_parse(argv[++i], err, sizeof err))) {
                fprintf(stderr, "q4k bench: %s\n", err);
                return 2;
            }
        } else if (i + 1 < argc && !strcmp(a, "--variant") && n_names < MAX_ITEMS) {
            names[n_names++] = argv[++i];
        } else if (i + 1 < argc && !strcmp(a, "--blocks") && n_sizes < MAX_ITEMS) {
            if (parse_size(argv[++i], &sizes[n_sizes++])) {
                fprintf(stderr, "q4k bench: --blocks takes a whole number from 1 to 16777216\n");
                return 2;
            }
        } else if (i + 1 < argc && !strcmp(a, "--repeats")) {
            repeats = atoi(argv[++i]);
            if (repeats < 1 || repeats > 1000000) {
                fprintf(stderr, "q4k bench: --repeats takes 1 to 1000000\n");
                return 2;
            }
        } else if (i + 1 < argc && !strcmp(a, "--min-ms")) {
            min_ms = atof(argv[++i]);
            if (!(min_ms >= 0 && min_ms <= 10000)) {
                fprintf(stderr, "q4k bench: --min-ms takes 0 to 10000\n");
                return 2;
            }
        } else if (i + 1 < argc && (!strcmp(a, "--vecs") || !strcmp(a, "--threads"))) {
            int is_vecs = !strcmp(a, "--vecs");
            char *end;
            errno = 0;
            unsigned long v = strtoul(argv[++i], &end, 10);
            if (errno || end == argv[i] || *end || argv[i][0] == '-' || v < 1 ||
                v > (is_vecs ? (unsigned long)OP_PLAN_MAX_VECS : 256ul)) {
                fprintf(stderr, "q4k bench: %s takes 1 to %d\n", a, is_vecs ? OP_PLAN_MAX_VECS : 256);
                return 2;
            }
            if (is_vecs)
                vecs = v, vecs_given = 1;
            else
                threads = v, threads_given = 1;
        } else {
            fprintf(stderr, "q4k bench: unknown or incomplete option '%s' (try --help)\n", a);
            return 2;
        }
    }
    if ((vecs_given || threads_given) && !op_plan_batched(plan)) {
        fprintf(stderr, "q4k bench: %s is for the matrix-vector ops only (--op matvec, matvec_q6k)\n",
                vecs_given ? "--vecs" : "--threads");
        return 2;
    }
    const q4k_variant *variants[MAX_ITEMS + 1];
    size_t n_variants = 0;
    if (n_names == 0) {
        variants[n_variants++] = NULL; /* NULL = "auto": the library's dispatch (plan->run_dispatched) */
        for (size_t i = 0; i < q4k_variant_count() && n_variants < MAX_ITEMS; i++)
            if (q4k_variant_at(i)->op == plan->op)
                variants[n_variants++] = q4k_variant_at(i);
    }
    for (size_t i = 0; i < n_names; i++) {
        if (!strcmp(names[i], "auto")) {
            variants[n_variants++] = NULL;
            continue;
        }
        const q4k_variant *v = q4k_variant_find(names[i]);
        if (!v || !q4k_variant_usable(v)) {
            fprintf(stderr, "q4k bench: %s '%s' (see 'q4k list')\n",
                    v ? "not usable on this CPU:" : "no such variant:", names[i]);
            return 2;
        }
        if (v->op != plan->op) {
            fprintf(stderr, "q4k bench: %s is a variant of %s, not of %s (--op)\n", v->name, q4k_op_name(v->op),
                    plan->name);
            return 2;
        }
        variants[n_variants++] = v;
    }
    if (n_sizes == 0) {
        for (size_t i = 0; i < plan->n_bench_sizes; i++)
            sizes[n_sizes++] = plan->bench_sizes[i];
    }
    size_t max_n = 0;
    for (size_t i = 0; i < n_sizes; i++) {
        if (!op_plan_size_ok(plan, sizes[i])) {
            fprintf(stderr, "q4k bench: %zu is not a size of %s: %s come in rows of %zu (a matrix of %d columns)\n",
                    sizes[i], plan->name, plan->units, plan->row_units, OP_PLAN_MATVEC_COLS);
            return 2;
        }
        max_n = sizes[i] > max_n ? sizes[i] : max_n;
    }
    uint8_t *in = malloc(op_plan_in_bytes(plan, max_n));
    uint8_t *out = malloc(op_plan_out_bytes(plan, max_n, (unsigned)vecs));
    uint8_t *aux = plan->aux_bytes ? malloc(plan->aux_bytes) : NULL;
    double *samples = malloc((size_t)repeats * sizeof *samples);
    q4k_pool *pool = NULL;
    if (!in || !out || !samples || (plan->aux_bytes && !aux)) {
        fprintf(stderr, "q4k bench: out of memory for %zu %s\n", max_n, plan->units);
        free(in), free(out), free(aux), free(samples);
        return 1;
    }
    if (threads > 1 && q4k_pool_create((unsigned)threads, &pool) != Q4K_OK) {
        fprintf(stderr, "q4k bench: cannot start %lu threads\n", threads);
        free(in), free(out), free(aux), free(samples);
        return 1;
    }
    plan->fill_input(in, op_plan_in_bytes(plan, max_n), 42);
    if (aux)
        plan->fill_aux(aux, plan->aux_bytes, 43);
    const int matvec = op_plan_batched(plan);
    if (csv)
        printf("variant,%ss,ns_per_%s,mad_ns_per_%s,gb_per_s,samples,iterations%s\n", plan->unit_id, plan->unit_id,
               plan->unit_id, matvec ? ",vecs,threads" : "");
    else {
        char h[32];
        snprintf(h, sizeof h, "ns/%s", plan->unit);
        if (matvec)
            printf("# %lu vector%s, %lu thread%s; GB/s of %s\n", vecs, vecs == 1 ? "" : "s", threads,
                   threads == 1 ? "" : "s", plan->rate_what);
        printf("%-36s %8s %12s %10s %9s\n", "variant", matvec ? "wblocks" : plan->units, matvec ? "ns/wblock" : h,
               "+-mad", "GB/s");
    }
    for (size_t s = 0; s < n_sizes; s++) {
        const size_t n = sizes[s];
        op_workload w = {.in = in, .out = out, .n = n, .slots = 1, .aux = aux, .vecs = (unsigned)vecs, .pool = pool};
        for (size_t k = 0; k < n_variants; k++) {
            const q4k_variant *v = variants[k];
            const q4k_variant *run =
                v ? v : q4k_dispatch_select_for(plan->op, n, (unsigned)vecs, q4k_pool_threads(pool), 0);
            if (v && op_plan_prepare(plan, v, &w) != Q4K_OK) {
                fprintf(stderr, "q4k bench: cannot prepare the input of %s (out of memory)\n", v->name);
                continue;
            }
            /* calibrate: iterations so one sample lasts min_ms */
            uint64_t iters = 1;
            for (;;) {
                uint64_t t0 = q4k_now_ns();
                if (v)
                    plan->run(run, &w, iters);
                else
                    for (uint64_t it = 0; it < iters; it++)
                        plan->run_dispatched(&w);
                uint64_t dt = q4k_now_ns() - t0;
                if (dt >= min_ms * 1e6 || iters >= (1ull << 30))
                    break;
                iters = dt < 1000 ? iters * 16 : (uint64_t)(iters * (min_ms * 1e6 * 1.2 / dt)) + 1;
            }
            for (int r = 0; r < repeats; r++) {
                uint64_t t0 = q4k_now_ns();
                if (v)
                    plan->run(run, &w, iters);
                else
                    for (uint64_t it = 0; it < iters; it++)
                        plan->run_dispatched(&w);
                samples[r] = (double)(q4k_now_ns() - t0) / ((double)iters * (double)n);
            }
            double med = q4k_median(samples, (size_t)repeats);
            double mad = q4k_mad(samples, (size_t)repeats, med);
            double gbs = med > 0 ? (double)plan->rate_bytes_per_unit / med : 0;
            char label[128];
            snprintf(label, sizeof label, v ? "%s" : "auto (%s)", run->name);
            if (csv) {
                printf("%s,%zu,%.4f,%.4f,%.3f,%d,%llu", v ? run->name : "auto", n, med, mad, gbs, repeats,
                       (unsigned long long)iters);
                if (matvec)
                    printf(",%lu,%lu", vecs, threads);
                putchar('\n');
            } else {
                printf("%-36s %8zu %12.2f %10.2f %9.2f\n", label, n, med, mad, gbs);
            }
            fflush(stdout);
        }
        op_plan_release(plan, &w);
    }
    q4k_pool_destroy(pool);
    free(in), free(out), free(aux), free(samples);
    return 0;
}
