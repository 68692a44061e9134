/* q4k_contract_cost - what the canonical result (include/q4k_matvec.h)
 * costs: the AVX-512 VNNI 8-row kernels as generated, against the same
 * kernels built with -DQ4K_MATVEC_LOOSE, where the per-block integer sums
 * of a tile are converted and accumulated per lane and folded once per row
 * (a kernel that does not keep the contract: its bits depend on the lane
 * layout, as ggml's do). Same data, same run, one thread, interleaved
 * samples; prints ns per weight block of each and the ratio, hot (weights
 * in L2) and cold (151 MB), plus how far the loose results stray.
 *
 *   q4k_contract_cost [--samples N]
 *
 * A benchmark, not a test: x86-64 with AVX-512 VNNI only (exit 0 with a
 * message elsewhere). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchdata.h"
#include "q4k.h"
#include "timer.h"

/* The loose copies (generated/q4k_matvec_avx512vnni.c built again). */
void q4k_matvec__avx512vnni_r8_c1_p0__loose(const void *w, size_t n_rows, size_t n_bpr, const void *xq,
                                              size_t n_vecs, float *y, size_t ldy);
void q4k_matvec__avx512vnni_r8_c1_p0_packed__loose(const void *w, size_t n_rows, size_t n_bpr, const void *xq,
                                                     size_t n_vecs, float *y, size_t ldy);

enum { COLS = 4096, BPR = COLS / 256 };

static double time_call(q4k_matvec_fn fn, const uint8_t *w, size_t rows, const uint8_t *xq, float *y,
                        unsigned iters)
{
    uint64_t t0 = q4k_now_ns();
    for (unsigned i = 0; i < iters; i++)
        fn(w, rows, BPR, xq, 1, y, rows);
    return (double)(q4k_now_ns() - t0) / iters / ((double)rows * BPR);
}

int main(int argc, char **argv)
{
    unsigned samples = 15;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--samples") && i + 1 < argc)
            samples = (unsigned)strtoul(argv[++i], NULL, 10);
        else {
            fprintf(stderr, "usage: q4k_contract_cost [--samples N]\n");
            return 2;
        }
    }
    if (samples < 3 || samples > 101)
        samples = 15;
    const q4k_variant *canon = q4k_variant_find("q4k_matvec__avx512vnni_r8_c1_p0");
    const q4k_variant *canon_p = q4k_variant_find("q4k_matvec__avx512vnni_r8_c1_p0_packed");
    if (!canon || !canon_p || !q4k_variant_usable(canon)) {
        printf("q4k_contract_cost: this CPU or build has no AVX-512 VNNI kernels; nothing to measure\n");
        return 0;
    }
    printf("# q4k_contract_cost: AVX-512 VNNI 8-row kernels, canonical vs loose summation, 1 thread, "
           "rows of %d columns; ns per weight block, median of %u interleaved samples\n",
           COLS, samples);
    printf("%-8s %-7s %10s %10s %9s %14s\n", "layout", "rows", "canonical", "loose", "cost", "max rel diff");
    static const size_t row_counts[] = {256, 65536}; /* 590 KB (L2), 151 MB (DRAM) */
    for (int packed = 0; packed < 2; packed++)
        for (size_t k = 0; k < 2; k++) {
            const size_t rows = row_counts[k], blocks = rows * BPR;
            uint8_t *w = q4k_bench_blocks(blocks, 1 + k);
            float *x = malloc(COLS * sizeof *x), *y0 = malloc(rows * sizeof *y0), *y1 = malloc(rows * sizeof *y1);
            uint8_t *xq = malloc(BPR * Q4K_Q8K_BLOCK_BYTES);
            if (!w || !x || !y0 || !y1 || !xq)
                return 1;
            uint64_t s = 7;
            for (size_t i = 0; i < COLS; i++)
                x[i] = (float)((double)(q4k_splitmix64(&s) >> 11) * 0x1p-53 - 0.5);
            q4k_quantize_q8k(x, COLS, xq);
            const uint8_t *in = w;
            q4k_packed *pk = NULL;
            q4k_matvec_fn fc = canon->matvec, fl = q4k_matvec__avx512vnni_r8_c1_p0__loose;
            if (packed) {
                if (q4k_pack(w, rows, COLS, 8, &pk) != Q4K_OK)
                    return 1;
                in = pk->data;
                fc = canon_p->matvec, fl = q4k_matvec__avx512vnni_r8_c1_p0_packed__loose;
            }
            fc(in, rows, BPR, xq, 1, y0, rows);
            fl(in, rows, BPR, xq, 1, y1, rows);
            double worst = 0, scale = 0;
            for (size_t r = 0; r < rows; r++)
                scale = fmax(scale, fabs(y0[r]));
            for (size_t r = 0; r < rows; r++)
                worst = fmax(worst, fabs((double)y0[r] - y1[r]) / (scale > 0 ? scale : 1));
            const unsigned iters = rows >= 65536 ? 3 : 2000;
            double a[101], b[101];
            for (unsigned i = 0; i < samples; i++) {
                a[i] = time_call(fc, in, rows, xq, y0, iters);
                b[i] = time_call(fl, in, rows, xq, y1, iters);
            }
            const double ma = q4k_median(a, samples), mb = q4k_median(b, samples);
            printf("%-8s %-7zu %10.3f %10.3f %8.1f%% %14.2e\n", packed ? "packed" : "rows", rows, ma, mb,
                   100.0 * (ma / mb - 1.0), worst);
            q4k_packed_free(pk);
            free(w), free(x), free(y0), free(y1), free(xq);
        }
    printf("# cost = canonical / loose - 1 (positive: the contract is slower); max rel diff = "
           "max |canonical - loose| / max |canonical|\n");
    return 0;
}
