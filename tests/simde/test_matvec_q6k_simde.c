/* test_matvec_q6k_simde.c - the AVX-512 VNNI and AVX-VNNI matvec_q6k kernels
 * compiled against SIMDe's portable intrinsics
 * (generated/q4k_matvec_q6k_avx512vnni.c and q4k_matvec_q6k_avxvnni.c built
 * with -DQ4K_SIMDE, the kernels renamed <name>__simde), verified bit for bit
 * against the scalar reference: how those kernels are checked on machines
 * without the instructions. Every native kernel this CPU runs gets the same
 * inputs too.
 *
 * The inputs go beyond what a quantizer produces: every byte of the
 * activations' quants (-128 included) with bsums that do not match them
 * (the contract does not read bsums, and no kernel may), the int32
 * extremes of isum (every scale -128 or 127, every quant 0 or 63, against
 * activations of all +127 or all -128), fp16 specials in d, non-finite and
 * zero d8, and every shape class (row and vector tails of every tile,
 * unaligned pointers). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "q4k.h"
#include "q4k_variants.h"
#include "testutil.h"

#define Q8K 292
#define Q6K 210

typedef void (*mv_fn)(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y,
                      size_t ldy);

#define DECLARE_MV(name) void name##__simde(const void *w, size_t n_rows, size_t n_bpr, const void *xq, \
                                            size_t n_vecs, float *y, size_t ldy);
Q4K_LIST_MATVEC_Q6K_AVX512VNNI(DECLARE_MV)
Q4K_LIST_MATVEC_Q6K_AVXVNNI(DECLARE_MV)

#define ENTRY(name) {#name " (SIMDe)", name##__simde},
static const struct {
    const char *name;
    mv_fn fn;
} simde_kernels[] = {Q4K_LIST_MATVEC_Q6K_AVX512VNNI(ENTRY) Q4K_LIST_MATVEC_Q6K_AVXVNNI(ENTRY)};

/* The emulated kernels, then every native one this CPU runs. */
static struct {
    const char *name;
    mv_fn fn;
    unsigned layout; /* 0, or the packed interleave */
} kernels[Q4K_VARIANT_COUNT_MAX + sizeof simde_kernels / sizeof simde_kernels[0]];
static size_t n_kernels, n_simde;

/* A packed variant's interleave from its name (..._r8_..._packed), else 0. */
static unsigned layout_of(const char *name)
{
    const char *r = strstr(name, "_r");
    unsigned R = 0;
    if (!strstr(name, "_packed") || !r || sscanf(r, "_r%u", &R) != 1)
        return 0;
    return R;
}

static int collect_kernels(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof simde_kernels / sizeof simde_kernels[0]; i++, n_kernels++) {
        kernels[n_kernels].name = simde_kernels[i].name;
        kernels[n_kernels].fn = simde_kernels[i].fn;
        kernels[n_kernels].layout = layout_of(simde_kernels[i].name);
    }
    n_simde = n_kernels;
    for (size_t i = 0; i < q4k_variant_count(); i++) {
        const q4k_variant *v = q4k_variant_at(i);
        if (v->op != Q4K_OP_MATVEC_Q6K || !strcmp(v->isa, "scalar"))
            continue;
        kernels[n_kernels].name = v->name;
        kernels[n_kernels].layout = v->layout;
        kernels[n_kernels++].fn = v->matvec;
    }
    return 0;
}

static uint64_t rng_state = 1;
static uint32_t rnd(void)
{
    rng_state = rng_state * 6364136223846793005u + 1442695040888963407u;
    return (uint32_t)(rng_state >> 32);
}

/* Random Q6_K blocks with a finite d (either sign). */
static void fill_weights(uint8_t *w, size_t n_blocks)
{
    for (size_t i = 0; i < n_blocks * Q6K; i++)
        w[i] = (uint8_t)rnd();
    for (size_t b = 0; b < n_blocks; b++) {
        uint8_t *x = w + b * Q6K;
        x[209] = (uint8_t)(0x10 + (x[209] & 0x0f) + (x[209] & 0x80));
    }
}

/* Raw Q8_K blocks: any quant byte, any bsums, a finite d8. */
static void fill_activations(uint8_t *a, size_t n_blocks)
{
    for (size_t b = 0; b < n_blocks; b++) {
        uint8_t *p = a + b * Q8K;
        for (int i = 4; i < Q8K; i++)
            p[i] = (uint8_t)rnd();
        const float d8 = (float)(rnd() % 2000 + 1) * (rnd() & 1 ? 1e-4f : -1e-4f);
        memcpy(p, &d8, 4);
    }
}

/* kernel k against the reference; a packed kernel gets the weights packed
 * (q4k_pack_q6k_into) into a buffer just as misaligned. */
static void compare(size_t k, const uint8_t *w, const uint8_t *xq, size_t n_rows, size_t n_bpr, size_t n_vecs,
                    unsigned skew)
{
    const char *name = kernels[k].name;
    const mv_fn fn = kernels[k].fn;
    const unsigned layout = kernels[k].layout;
    const size_t wbytes = layout ? q4k_pack_q6k_bytes(n_rows, n_bpr * 256, layout) : n_rows * n_bpr * Q6K;
    uint8_t *wb = malloc(wbytes + 4), *xb = malloc(n_vecs * n_bpr * Q8K + 4);
    uint8_t *yb = malloc(n_vecs * n_rows * sizeof(float) + 4);
    float *want = malloc(n_vecs * n_rows * sizeof(float)), *got = malloc(n_vecs * n_rows * sizeof(float));
    assert_true(wb && xb && yb && want && got);
    if (layout)
        assert_int_equal(q4k_pack_q6k_into(w, n_rows, n_bpr * 256, layout, wb + skew), Q4K_OK);
    else
        memcpy(wb + skew, w, n_rows * n_bpr * Q6K);
    memcpy(xb + skew, xq, n_vecs * n_bpr * Q8K);
    q4k_matvec_q6k__scalar(w, n_rows, n_bpr, xq, n_vecs, want, n_rows);
    memset(yb, 0x7f, n_vecs * n_rows * sizeof(float) + 4);
    fn(wb + skew, n_rows, n_bpr, xb + skew, n_vecs, (float *)(void *)(yb + skew), n_rows);
    memcpy(got, yb + skew, n_vecs * n_rows * sizeof(float));
    long bad = tu_first_mismatch(got, want, n_vecs * n_rows);
    if (bad >= 0)
        fail_msg("%s, %zu rows x %zu blocks, %zu vectors, skew %u: y[%ld] = %a, reference %a", name, n_rows, n_bpr,
                 n_vecs, skew, bad, (double)got[bad], (double)want[bad]);
    free(wb);
    free(xb);
    free(yb);
    free(want);
    free(got);
}

static void kernels_are_bit_exact(void **state)
{
    (void)state;
    static const size_t rows[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 15, 16, 17};
    enum { MAXR = 17, MAXB = 3, MAXV = 9 };
    uint8_t *w = malloc(MAXR * MAXB * Q6K), *xq = malloc(MAXV * MAXB * Q8K);
    assert_true(w && xq);
    rng_state = 21;
    fill_weights(w, MAXR * MAXB);
    fill_activations(xq, MAXV * MAXB);
    assert_true(n_simde >= 2);
    for (size_t k = 0; k < n_kernels; k++) {
        size_t shapes = 0;
        for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++)
            for (size_t b = 1; b <= MAXB; b++, shapes++)
                compare(k, w, xq, rows[r], b, 1 + (r + b) % MAXV, (unsigned)((r + b) % 4));
        for (size_t v = 1; v <= MAXV; v++, shapes++)
            compare(k, w, xq, 13, 2, v, (unsigned)(v % 4));
        print_message("%-48s %zu shapes bit-exact\n", kernels[k].name, shapes);
    }
    free(w);
    free(xq);
}

static void kernels_extremes_and_specials(void **state)
{
    (void)state;
    enum { ROWS = 19, BPR = 2, VECS = 4 };
    uint8_t *w = malloc(ROWS * BPR * Q6K), *xq = malloc(VECS * BPR * Q8K);
    assert_true(w && xq);
    rng_state = 22;
    fill_weights(w, ROWS * BPR);
    fill_activations(xq, VECS * BPR);
    static const uint16_t fp16[] = {0x0000, 0x8000, 0x0001, 0x03ff, 0x0400, 0x3c00, 0x7bff, 0xfbff,
                                    0x7c00, 0xfc00, 0x7e00, 0x7c01, 0xfe00, 0x3555, 0xb555, 0x1234};
    for (int rb = 0; rb < ROWS * BPR; rb++) {
        uint8_t *x = w + rb * Q6K;
        const int r = rb / BPR;
        if (r < 9) { /* (scale, quant) in {127, -128} x {63, 0} */
            memset(x + 192, (r & 1) ? 0x80 : 0x7f, 16);
            memset(x, (r & 2) ? 0x00 : 0xff, 192);
            x[208] = 0x00, x[209] = (r & 4) ? 0xbc : 0x3c;
        } else {
            const uint16_t d = fp16[rb % 16];
            memcpy(x + 208, &d, 2);
        }
    }
    for (int b = 0; b < BPR; b++) { /* vector 0: all +127, vector 1: all -128 */
        memset(xq + b * Q8K + 4, 0x7f, 256);
        memset(xq + (BPR + b) * Q8K + 4, 0x80, 256);
    }
    const float d8s[] = {INFINITY, NAN, 0.0f, -0.0f};
    for (int b = 0; b < BPR; b++)
        memcpy(xq + (2 * BPR + b) * Q8K, &d8s[b], 4);
    memcpy(xq + 3 * BPR * Q8K, &d8s[2], 4);
    memcpy(xq + (3 * BPR + 1) * Q8K, &d8s[3], 4);
    for (size_t k = 0; k < n_kernels; k++)
        for (size_t v = 1; v <= VECS; v++)
            compare(k, w, xq, ROWS, BPR, v, (unsigned)v % 4);
    free(w);
    free(xq);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(kernels_are_bit_exact),
        cmocka_unit_test(kernels_extremes_and_specials),
    };
    return cmocka_run_group_tests(tests, collect_kernels, NULL);
}
