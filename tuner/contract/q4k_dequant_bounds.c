/* q4k_dequant_bounds - what holds the AVX-512 dequantization kernels below
 * the store limit in cache (issue 10): the kernels as generated beside
 * loops that do only part of their work, same buffers, same run,
 * interleaved samples, one pinned core:
 *   limit:store       16 plain 64-byte stores per block (the tuner's loop)
 *   store 16/iter,    the same stores from a loop of 16 and of 32 store
 *   store 32/iter     instructions (one block, two blocks an iteration).
 *                     On Zen 5 the second writes L2-resident output at half
 *                     speed (a scratch test of plain store loops kept the
 *                     rate with 24 store instructions a loop, halved it
 *                     with 32 and 64):
 *                     why the u2 perm/permb kernels (32 stores an
 *                     iteration) lose at 256-512 blocks. The cause is not
 *                     established; a per-instruction store-prefetch table
 *                     of limited size would explain it
 *   load+store        those stores plus the loads of the block's 144 input
 *                     bytes: the op's data movement with no arithmetic
 *   load+store p16    the same, each block's lines prefetched 16 blocks
 *                     ahead (prefetcht0): fetching the input early does not
 *                     make its line fills cheaper
 *   permb body only   the permb kernel with the per-block scale work left
 *                     out (every block reuses the first block's tables:
 *                     generated/q4k_dequant_avx512.c built again with
 *                     -DQ4K_DEQUANT_PROBE; wrong output, by design)
 *   permb, perm       the kernels themselves (u1, no prefetch)
 * at 16 blocks (16 KiB out: L1) and 512 blocks (512 KiB out: L2). The gap
 * between "body only" and the kernel is what the scale unpacking (about
 * twelve instructions and one 64-byte slot store a block) costs; the gap
 * between limit:store and "load+store" is what reading the input costs
 * once the output no longer fits in L1.
 *
 *   q4k_dequant_bounds [--samples N]
 *
 * A benchmark, not a test: x86-64 with AVX-512 VBMI only (exit 0 with a
 * message elsewhere). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <immintrin.h>

#include "benchdata.h"
#include "hugemem.h"
#include "machine.h"
#include "measure.h"
#include "q4k.h"
#include "storelimit.h"
#include "timer.h"

/* The probe copies (generated/q4k_dequant_avx512.c built again). */
void q4k_dequant__avx512_permb_u1_p0__probe(const void *blocks, float *out, size_t n_blocks);

/* The data movement of a dequantization with nothing computed: each
 * block's 144 input bytes loaded (three 64-byte loads: the lines it
 * touches), 16 stores of 64 bytes. The loads feed one register that is
 * stored last, so they cannot be dropped. With pf > 0 the block pf ahead is
 * prefetched into L1 first: whether fetching the input earlier lifts the
 * bound (the kernels' p16 variants do the same). */
__attribute__((target("avx512f"), always_inline)) static inline void load_store_pf(const void *blocks, float *out,
                                                                                  size_t n, size_t pf)
{
    const uint8_t *x = blocks;
    const __m512 one = _mm512_set1_ps(1.0f);
    for (size_t i = 0; i < n; i++, x += 144, out += 256) {
        if (pf)
            for (int l = 0; l < 144; l += 64)
                _mm_prefetch((const char *)(x + pf * 144 + l), _MM_HINT_T0);
        const __m512i a = _mm512_loadu_si512((const void *)x), b = _mm512_loadu_si512((const void *)(x + 64)),
                      c = _mm512_loadu_si512((const void *)(x + 80));
        for (int k = 0; k < 15; k++)
            _mm512_storeu_ps(out + 16 * k, one);
        _mm512_storeu_si512((void *)(out + 240), _mm512_ternarylogic_epi32(a, b, c, 0x96));
    }
}
__attribute__((target("avx512f"))) static void load_store(const void *blocks, float *out, size_t n)
{
    load_store_pf(blocks, out, n, 0);
}
__attribute__((target("avx512f"))) static void load_store_p16(const void *blocks, float *out, size_t n)
{
    load_store_pf(blocks, out, n, 16);
}

/* 64-byte stores of one register, unrolled by the preprocessor so the
 * compiler cannot fold them back into fewer instructions or a loop */
#define Q4K_ST1(o) _mm512_storeu_ps(out + 16 * (o), one);
#define Q4K_ST4(o) Q4K_ST1(o) Q4K_ST1((o) + 1) Q4K_ST1((o) + 2) Q4K_ST1((o) + 3)
#define Q4K_ST16(o) Q4K_ST4(o) Q4K_ST4((o) + 4) Q4K_ST4((o) + 8) Q4K_ST4((o) + 12)
__attribute__((target("avx512f"))) static void store_16_per_iter(const void *blocks, float *out, size_t n)
{
    (void)blocks;
    const __m512 one = _mm512_set1_ps(1.0f);
    for (size_t i = 0; i < n; i++, out += 256) {
        Q4K_ST16(0)
    }
}
__attribute__((target("avx512f"))) static void store_32_per_iter(const void *blocks, float *out, size_t n)
{
    (void)blocks;
    const __m512 one = _mm512_set1_ps(1.0f);
    size_t i = 0;
    for (; i + 2 <= n; i += 2, out += 512) {
        Q4K_ST16(0) Q4K_ST16(16)
    }
    if (i < n) {
        Q4K_ST16(0)
    }
}

typedef void (*kernel_fn)(const void *, float *, size_t);

static const storelimit *store_limit;
static void limit_store(const void *blocks, float *out, size_t n)
{
    (void)blocks;
    store_limit->fn(out, n * 1024);
}

int main(int argc, char **argv)
{
    unsigned samples = 21;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--samples") && i + 1 < argc) {
            samples = (unsigned)strtoul(argv[++i], NULL, 10);
        } else {
            fprintf(stderr, "usage: q4k_dequant_bounds [--samples N]\n");
            return 2;
        }
    }
    if (samples < 3 || samples > 101)
        samples = 21;
    const q4k_variant *permb = q4k_variant_find("q4k_dequant__avx512_permb_u1_p0");
    const q4k_variant *perm = q4k_variant_find("q4k_dequant__avx512_perm_u1_p0");
    store_limit = storelimit_find("limit:store");
    if (!permb || !perm || !store_limit || !q4k_variant_usable(permb)) {
        printf("q4k_dequant_bounds: this CPU or build has no AVX-512 VBMI kernels; nothing to measure\n");
        return 0;
    }
    char pinned[128];
    measure_pin_thread(pinned, sizeof pinned);
    const struct {
        const char *name;
        kernel_fn fn;
    } rows[] = {
        {"limit:store", limit_store},
        {"store 16/iter", store_16_per_iter},
        {"store 32/iter", store_32_per_iter},
        {"load+store", load_store},
        {"load+store p16", load_store_p16},
        {"permb body only", q4k_dequant__avx512_permb_u1_p0__probe},
        {"permb u1_p0", permb->fn},
        {"perm u1_p0", perm->fn},
    };
    enum { ROWS = sizeof rows / sizeof rows[0] };
    q4k_machine m;
    machine_describe(&m);
    printf("# q4k_dequant_bounds: %s (%s), %s %s, commit %s, generator %s\n", m.cpu, m.device, m.compiler, m.flags,
           m.commit, m.generator);
    printf("# ns per block (median of %u interleaved samples), %s, warm buffers; %% = limit:store / row\n", samples,
           pinned);
    printf("%-7s %-16s %9s %8s\n", "blocks", "loop", "ns/block", "% store");
    static const size_t sizes[] = {16, 512};
    for (size_t si = 0; si < 2; si++) {
        const size_t n = sizes[si];
        uint8_t *in = q4k_bench_blocks(n, 3);
        float *out = q4k_huge_alloc(n * 1024);
        if (!in || !out)
            return 1;
        /* ~1.5 ms a sample at ~6 ns a block; the first pass warms the
         * buffers and lets the clock settle and is not kept */
        const unsigned iters = (unsigned)(250000 / n) + 1;
        double t[ROWS][101];
        for (size_t r = 0; r < ROWS; r++)
            for (unsigned i = 0; i < iters * 10; i++)
                rows[r].fn(in, out, n);
        for (unsigned s = 0; s < samples; s++)
            for (size_t r = 0; r < ROWS; r++) {
                uint64_t t0 = q4k_now_ns();
                for (unsigned i = 0; i < iters; i++)
                    rows[r].fn(in, out, n);
                t[r][s] = (double)(q4k_now_ns() - t0) / iters / (double)n;
            }
        const double limit = q4k_median(t[0], samples);
        for (size_t r = 0; r < ROWS; r++) {
            const double m = q4k_median(t[r], samples);
            printf("%-7zu %-16s %9.2f %7.0f%%\n", n, rows[r].name, m, 100.0 * limit / m);
        }
        free(in);
        free(out);
    }
    return 0;
}
