/* test_matvec_simde.c - the AVX-512 VNNI and AVX-VNNI matvec kernels and the
 * AVX-512 Q8_K quantizer, compiled against SIMDe's portable intrinsics
 * (generated/q4k_matvec_avx512vnni.c, q4k_matvec_avxvnni.c and
 * q4k_quantize_q8k_avx512.c built with -DQ4K_SIMDE, the kernels renamed
 * <name>__simde), verified bit for bit against the scalar references. This
 * is how those kernels are checked on machines without the instructions.
 * Every native kernel this CPU runs gets the same inputs here, beside
 * test_matvec's.
 *
 * The inputs go beyond what a quantizer produces: every byte of the
 * activations' quants (-128 included), bsums that do not match the quants
 * (any int16: imin must still be exact), the int32 extremes of isum, fp16
 * specials in d and dmin, non-finite d8, and every shape class (row and
 * vector tails of every tile, unaligned pointers). The quantizer gets the
 * blocks that decide its branches: all zero, signed zeros, ties for the
 * largest magnitude of either sign, halves, magnitudes so small that
 * -127/max overflows, the float extremes. */
#include <float.h>
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

typedef void (*mv_fn)(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y,
                      size_t ldy);
typedef void (*qz_fn)(const float *x, size_t n_blocks, void *out);

#define DECLARE_MV(name) void name##__simde(const void *w, size_t n_rows, size_t n_bpr, const void *xq, \
                                            size_t n_vecs, float *y, size_t ldy);
#define DECLARE_QZ(name) void name##__simde(const float *x, size_t n_blocks, void *out);
Q4K_LIST_MATVEC_AVX512VNNI(DECLARE_MV)
Q4K_LIST_MATVEC_AVXVNNI(DECLARE_MV)
Q4K_LIST_QUANTIZE_Q8K_AVX512(DECLARE_QZ)

#define ENTRY(name) {#name " (SIMDe)", name##__simde},
static const struct {
    const char *name;
    mv_fn fn;
} simde_kernels[] = {Q4K_LIST_MATVEC_AVX512VNNI(ENTRY) Q4K_LIST_MATVEC_AVXVNNI(ENTRY)};
static const struct {
    const char *name;
    qz_fn fn;
} quantize_kernels[] = {Q4K_LIST_QUANTIZE_Q8K_AVX512(ENTRY)};

/* The emulated kernels, then every native one this CPU runs (the same
 * hard inputs reach them too). */
static struct {
    const char *name;
    mv_fn fn;
    unsigned layout; /* 0, or the packed interleave */
} matvec_kernels[Q4K_VARIANT_COUNT_MAX + sizeof simde_kernels / sizeof simde_kernels[0]];
static size_t n_matvec_kernels, n_simde_kernels;

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
    for (size_t i = 0; i < sizeof simde_kernels / sizeof simde_kernels[0]; i++, n_matvec_kernels++) {
        matvec_kernels[n_matvec_kernels].name = simde_kernels[i].name;
        matvec_kernels[n_matvec_kernels].fn = simde_kernels[i].fn;
        matvec_kernels[n_matvec_kernels].layout = layout_of(simde_kernels[i].name);
    }
    n_simde_kernels = n_matvec_kernels;
    for (size_t i = 0; i < q4k_variant_count(); i++) {
        const q4k_variant *v = q4k_variant_at(i);
        if (v->op != Q4K_OP_MATVEC || !strcmp(v->isa, "scalar"))
            continue;
        matvec_kernels[n_matvec_kernels].name = v->name;
        matvec_kernels[n_matvec_kernels].layout = v->layout;
        matvec_kernels[n_matvec_kernels++].fn = v->matvec;
    }
    return 0;
}

static uint64_t rng_state = 1;
static uint32_t rnd(void)
{
    rng_state = rng_state * 6364136223846793005u + 1442695040888963407u;
    return (uint32_t)(rng_state >> 32);
}

/* Random Q4_K blocks with finite d/dmin (either sign). */
static void fill_weights(uint8_t *w, size_t n_blocks)
{
    for (size_t i = 0; i < n_blocks * Q4K_BLOCK_BYTES; i++)
        w[i] = (uint8_t)rnd();
    for (size_t b = 0; b < n_blocks; b++) {
        uint8_t *x = w + b * Q4K_BLOCK_BYTES;
        x[1] = (uint8_t)(0x10 + (x[1] & 0x0f) + (x[1] & 0x80));
        x[3] = (uint8_t)(0x10 + (x[3] & 0x0f) + (x[3] & 0x80));
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

/* One kernel on one shape against the scalar reference; pointers offset by
 * skew bytes. */
static void compare(const char *name, mv_fn fn, unsigned layout, const uint8_t *w, const uint8_t *xq, size_t n_rows,
                    size_t n_bpr, size_t n_vecs, unsigned skew)
{
    uint8_t *wb = malloc(n_rows * n_bpr * Q4K_BLOCK_BYTES + 4), *xb = malloc(n_vecs * n_bpr * Q8K + 4);
    uint8_t *yb = malloc(n_vecs * n_rows * sizeof(float) + 4);
    float *want = malloc(n_vecs * n_rows * sizeof(float)), *got = malloc(n_vecs * n_rows * sizeof(float));
    assert_true(wb && xb && yb && want && got);
    memcpy(wb + skew, w, n_rows * n_bpr * Q4K_BLOCK_BYTES);
    memcpy(xb + skew, xq, n_vecs * n_bpr * Q8K);
    q4k_matvec__scalar(w, n_rows, n_bpr, xq, n_vecs, want, n_rows);
    memset(yb, 0x7f, n_vecs * n_rows * sizeof(float) + 4);
    if (layout) { /* the same weights packed, just as misaligned */
        const size_t bytes = q4k_pack_bytes(n_rows, n_bpr * 256, layout);
        uint8_t *pb = malloc(bytes + 4);
        assert_true(bytes && pb);
        assert_int_equal(q4k_pack_into(w, n_rows, n_bpr * 256, layout, pb + skew), 0);
        fn(pb + skew, n_rows, n_bpr, xb + skew, n_vecs, (float *)(void *)(yb + skew), n_rows);
        free(pb);
    } else {
        fn(wb + skew, n_rows, n_bpr, xb + skew, n_vecs, (float *)(void *)(yb + skew), n_rows);
    }
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

static void matvec_kernels_are_bit_exact(void **state)
{
    (void)state;
    static const size_t rows[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 15, 16, 17};
    enum { MAXR = 17, MAXB = 3, MAXV = 9 };
    uint8_t *w = malloc(MAXR * MAXB * Q4K_BLOCK_BYTES), *xq = malloc(MAXV * MAXB * Q8K);
    assert_true(w && xq);
    rng_state = 11;
    fill_weights(w, MAXR * MAXB);
    fill_activations(xq, MAXV * MAXB);
    assert_true(n_simde_kernels >= 2);
    for (size_t k = 0; k < n_matvec_kernels; k++) {
        size_t shapes = 0;
        for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++)
            for (size_t b = 1; b <= MAXB; b++, shapes++)
                compare(matvec_kernels[k].name, matvec_kernels[k].fn, matvec_kernels[k].layout, w, xq, rows[r], b, 1 + (r + b) % MAXV,
                        (unsigned)((r + b) % 4));
        for (size_t v = 1; v <= MAXV; v++, shapes++)
            compare(matvec_kernels[k].name, matvec_kernels[k].fn, matvec_kernels[k].layout, w, xq, 13, 2, v, (unsigned)(v % 4));
        print_message("%-44s %zu shapes bit-exact\n", matvec_kernels[k].name, shapes);
    }
    free(w);
    free(xq);
}

/* int32 extremes (every scale and min 63, every quant 15, activations all
 * +127 or all -128 with the largest bsums), fp16 specials in d and dmin,
 * and non-finite or zero d8. */
static void matvec_kernels_extremes_and_specials(void **state)
{
    (void)state;
    enum { ROWS = 19, BPR = 2, VECS = 4 };
    uint8_t *w = malloc(ROWS * BPR * Q4K_BLOCK_BYTES), *xq = malloc(VECS * BPR * Q8K);
    assert_true(w && xq);
    rng_state = 12;
    fill_weights(w, ROWS * BPR);
    fill_activations(xq, VECS * BPR);
    static const uint16_t fp16[] = {0x0000, 0x8000, 0x0001, 0x03ff, 0x0400, 0x3c00, 0x7bff, 0xfbff,
                                    0x7c00, 0xfc00, 0x7e00, 0x7c01, 0xfe00, 0x3555, 0xb555, 0x1234};
    for (int rb = 0; rb < ROWS * BPR; rb++) {
        uint8_t *x = w + rb * Q4K_BLOCK_BYTES;
        if (rb / BPR < 9) {
            memset(x + 4, 0xff, 12);
            memset(x + 16, 0xff, 128);
            x[0] = 0x00, x[1] = 0x3c;
            x[2] = 0x00, x[3] = (rb & 1) ? 0xbc : 0x3c;
        } else {
            uint16_t d = fp16[rb % 16], dmin = fp16[(rb * 7) % 16];
            memcpy(x, &d, 2);
            memcpy(x + 2, &dmin, 2);
        }
    }
    for (int b = 0; b < BPR; b++) {
        uint8_t *a0 = xq + b * Q8K, *a1 = xq + (BPR + b) * Q8K;
        memset(a0 + 4, 0x7f, 256);
        memset(a1 + 4, 0x80, 256);
        for (int k = 0; k < 16; k++) {
            const int16_t s0 = INT16_MAX, s1 = INT16_MIN;
            memcpy(a0 + 260 + 2 * k, &s0, 2);
            memcpy(a1 + 260 + 2 * k, &s1, 2);
        }
    }
    const float d8s[] = {INFINITY, NAN, 0.0f, -0.0f};
    for (int b = 0; b < BPR; b++)
        memcpy(xq + (2 * BPR + b) * Q8K, &d8s[b], 4);
    memcpy(xq + 3 * BPR * Q8K, &d8s[2], 4);
    memcpy(xq + (3 * BPR + 1) * Q8K, &d8s[3], 4);
    for (size_t k = 0; k < n_matvec_kernels; k++)
        for (size_t v = 1; v <= VECS; v++)
            compare(matvec_kernels[k].name, matvec_kernels[k].fn, matvec_kernels[k].layout, w, xq, ROWS, BPR, v, (unsigned)v % 4);
    free(w);
    free(xq);
}

/* The blocks that decide the quantizer's branches, then random ones. */
enum { QB = 14 };
static float *quantize_input(void)
{
    float *x = malloc(QB * 256 * sizeof *x);
    assert_non_null(x);
    rng_state = 13;
    for (int i = 0; i < QB * 256; i++)
        x[i] = (float)((double)rnd() * 0x1p-32 - 0.5) * (float)(1 + i / 256);
    for (int i = 0; i < 256; i++) {
        x[i] = 0.0f;                                       /* 0: all zero */
        x[256 + i] = (i % 5 == 0) ? -0.0f : 0.0f;          /* 1: signed zeros */
        x[512 + i] = (float)(i % 7 - 3) * 1e-40f;          /* 2: subnormal: -127/max overflows */
        x[768 + i] = (float)(i % 3 - 1) * 3.0e-37f;        /* 3: overflows too */
        x[1024 + i] = (float)(i % 3 - 1) * 4.0e-37f;       /* 4: just does not */
        x[1536 + i] = (float)(i - 127) * 0.5f;             /* 6: halves */
        x[2048 + i] = FLT_MIN * (float)(i - 128);          /* 8: tiny normals */
        x[2304 + i] = (float)((i % 255) - 127) * (i % 3 ? 1.0f : -1.0f); /* 9: many ties */
    }
    x[1280 + 17] = 5.0f, x[1280 + 200] = -5.0f;            /* 5: tie, positive first */
    x[1792 + 3] = -FLT_MAX, x[1792 + 250] = FLT_MAX;       /* 7: tie at the extremes, negative first */
    x[2560 + 255] = -1000.0f;                              /* 10: a lone spike, last */
    x[2816 + 0] = 1e30f;                                   /* 11: a lone spike, first */
    return x;
}

static void quantize_is_byte_identical(void **state)
{
    (void)state;
    float *x = quantize_input();
    uint8_t *want = malloc(QB * Q8K), *got = malloc(QB * Q8K);
    assert_true(want && got);
    q4k_quantize_q8k__scalar(x, QB, want);
    size_t checked = 0;
    for (size_t k = 0; k < sizeof quantize_kernels / sizeof quantize_kernels[0]; k++, checked++) {
        memset(got, 0xa5, QB * Q8K);
        quantize_kernels[k].fn(x, QB, got);
        for (int b = 0; b < QB; b++)
            if (memcmp(got + b * Q8K, want + b * Q8K, Q8K))
                fail_msg("%s: block %d differs from the reference", quantize_kernels[k].name, b);
    }
    /* the native variants too, where the CPU runs them */
    for (size_t i = 0; i < q4k_variant_count(); i++) {
        const q4k_variant *v = q4k_variant_at(i);
        if (v->op != Q4K_OP_QUANTIZE_Q8K)
            continue;
        memset(got, 0xa5, QB * Q8K);
        assert_int_equal(q4k_quantize_q8k_with(v, x, QB * 256, got), Q4K_OK);
        for (int b = 0; b < QB; b++)
            if (memcmp(got + b * Q8K, want + b * Q8K, Q8K))
                fail_msg("%s: block %d differs from the reference", v->name, b);
        checked++;
    }
    print_message("%zu quantizers byte-identical on %d blocks\n", checked, QB);
    free(x);
    free(want);
    free(got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(matvec_kernels_are_bit_exact),
        cmocka_unit_test(matvec_kernels_extremes_and_specials),
        cmocka_unit_test(quantize_is_byte_identical),
    };
    return cmocka_run_group_tests(tests, collect_kernels, NULL);
}
