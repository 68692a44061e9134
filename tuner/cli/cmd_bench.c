/* cmd_bench.c - q4k bench: ns/block and GB/s of output per variant and
 * size, median of repeated samples. A benchmark, not the tuner: 'q4k tune'
 * does interleaving, cold caches, drift checks and selection. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchdata.h"
#include "commands.h"
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
    fprintf(f, "usage: q4k bench [--variant NAME]... [--blocks N]... [--repeats R]\n"
               "                 [--min-ms MS] [--csv]\n\n"
               "Times variants (default: every usable one and 'auto', the dispatcher) at\n"
               "sizes in blocks (default: 16 512 65536). Each sample runs the kernel enough\n"
               "times to last MS milliseconds (default 5); the figure is the median of R\n"
               "samples (default 11) with its median absolute deviation. Output buffers\n"
               "are reused (warm); GB/s counts the float32 bytes written.\n");
}

int cmd_bench(int argc, char **argv)
{
    const char *names[MAX_ITEMS];
    size_t sizes[MAX_ITEMS], n_names = 0, n_sizes = 0;
    int csv = 0, repeats = 11;
    double min_ms = 5;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(a, "--csv")) {
            csv = 1;
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
        } else {
            fprintf(stderr, "q4k bench: unknown or incomplete option '%s' (try --help)\n", a);
            return 2;
        }
    }
    const q4k_variant *variants[MAX_ITEMS + 1];
    size_t n_variants = 0;
    if (n_names == 0) {
        variants[n_variants++] = NULL; /* NULL = "auto": q4k_dequantize's dispatch */
        for (size_t i = 0; i < q4k_variant_count() && n_variants < MAX_ITEMS; i++)
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
        variants[n_variants++] = v;
    }
    if (n_sizes == 0) {
        sizes[0] = 16, sizes[1] = 512, sizes[2] = 65536;
        n_sizes = 3;
    }
    size_t max_n = 0;
    for (size_t i = 0; i < n_sizes; i++)
        max_n = sizes[i] > max_n ? sizes[i] : max_n;
    uint8_t *blocks = q4k_bench_blocks(max_n, 42);
    float *out = malloc(max_n * Q4K_BLOCK_VALUES * sizeof(float));
    double *samples = malloc((size_t)repeats * sizeof *samples);
    if (!blocks || !out || !samples) {
        fprintf(stderr, "q4k bench: out of memory for %zu blocks\n", max_n);
        free(blocks), free(out), free(samples);
        return 1;
    }
    if (csv)
        printf("variant,blocks,ns_per_block,mad_ns_per_block,gb_per_s,samples,iterations\n");
    else
        printf("%-36s %8s %12s %10s %9s\n", "variant", "blocks", "ns/block", "+-mad", "GB/s");
    for (size_t s = 0; s < n_sizes; s++) {
        const size_t n = sizes[s];
        for (size_t k = 0; k < n_variants; k++) {
            const q4k_variant *v = variants[k];
            const q4k_variant *run = v ? v : q4k_dispatch_variant(n);
            /* calibrate: iterations so one sample lasts min_ms */
            uint64_t iters = 1;
            for (;;) {
                uint64_t t0 = q4k_now_ns();
                for (uint64_t it = 0; it < iters; it++)
                    v ? (void)run->fn(blocks, out, n) : (void)q4k_dequantize(blocks, n, out);
                uint64_t dt = q4k_now_ns() - t0;
                if (dt >= min_ms * 1e6 || iters >= (1ull << 30))
                    break;
                iters = dt < 1000 ? iters * 16 : (uint64_t)(iters * (min_ms * 1e6 * 1.2 / dt)) + 1;
            }
            for (int r = 0; r < repeats; r++) {
                uint64_t t0 = q4k_now_ns();
                for (uint64_t it = 0; it < iters; it++)
                    v ? (void)run->fn(blocks, out, n) : (void)q4k_dequantize(blocks, n, out);
                samples[r] = (double)(q4k_now_ns() - t0) / ((double)iters * (double)n);
            }
            double med = q4k_median(samples, (size_t)repeats);
            double mad = q4k_mad(samples, (size_t)repeats, med);
            double gbs = med > 0 ? Q4K_BLOCK_VALUES * sizeof(float) / med : 0;
            char label[128];
            snprintf(label, sizeof label, v ? "%s" : "auto (%s)", run->name);
            if (csv)
                printf("%s,%zu,%.4f,%.4f,%.3f,%d,%llu\n", v ? run->name : "auto", n, med, mad, gbs,
                       repeats, (unsigned long long)iters);
            else
                printf("%-36s %8zu %12.2f %10.2f %9.2f\n", label, n, med, mad, gbs);
            fflush(stdout);
        }
    }
    free(blocks), free(out), free(samples);
    return 0;
}
