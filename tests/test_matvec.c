/* test_matvec.c - the fused Q4_K x Q8_K product and Q8_K quantization.
 *
 *   - q4k_quantize_q8k reproduces ggml's quantize_row_q8_K byte for byte
 *     (dot_x.q8k), every quantize variant agrees with it, and non-finite
 *     input is refused with nothing written;
 *   - the canonical result agrees with ggml's vec_dot (dot_<case>.ggml.f32)
 *     and with the float64 value (dot_<case>.deq_q8.f64) within a
 *     tolerance: ggml sums in another order, so only a tolerance is right;
 *   - every matvec variant gives the scalar reference's bits exactly, on
 *     random, adversarial (int32 extremes, fp16 specials) and awkward
 *     shapes (one row, rows not a multiple of any tile, 1..9 vectors,
 *     unaligned pointers); every thread count gives the same bits;
 *   - bad arguments return a status, never a crash. */
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
#include "testutil.h"

#define Q8K Q4K_Q8K_BLOCK_BYTES

static const q4k_variant *scalar_of(q4k_op op)
{
    for (size_t i = 0; i < q4k_variant_count_all(); i++) {
        const q4k_variant *v = q4k_variant_at_all(i);
        if (v->op == op && !strcmp(v->isa, "scalar") && v->layout == 0)
            return v;
    }
    fail_msg("no scalar variant of op %s", q4k_op_name(op));
    return NULL;
}

/* Random Q4_K blocks with finite d/dmin of realistic size. */
static uint8_t *random_weights(size_t n_blocks, uint64_t seed)
{
    uint8_t *w = malloc(n_blocks * Q4K_BLOCK_BYTES + 1);
    assert_non_null(w);
    tu_random_bytes(w, n_blocks * Q4K_BLOCK_BYTES, seed);
    for (size_t b = 0; b < n_blocks; b++) {
        uint8_t *x = w + b * Q4K_BLOCK_BYTES;
        x[1] = (uint8_t)(0x10 + (x[1] & 0x0f)); /* d, dmin: 2^-11 .. 2^-8 range, either sign */
        x[3] = (uint8_t)(0x10 + (x[3] & 0x0f) + (x[3] & 0x80));
    }
    return w;
}

/* Q8_K vectors from random floats through the library's quantizer. */
static uint8_t *random_activations(size_t n_blocks, uint64_t seed)
{
    float *x = malloc(n_blocks * 256 * sizeof *x);
    uint8_t *q = malloc(n_blocks * Q8K + 1);
    assert_true(x && q);
    uint64_t s = seed;
    for (size_t i = 0; i < n_blocks * 256; i++) {
        s = s * 6364136223846793005u + 1442695040888963407u;
        x[i] = (float)((double)(s >> 11) * 0x1p-53 - 0.5) * (float)(1 + (i / 256) % 7);
    }
    assert_int_equal(q4k_quantize_q8k(x, n_blocks * 256, q), Q4K_OK);
    free(x);
    return q;
}

static void assert_same_floats(const float *got, const float *want, size_t n, const char *what)
{
    long bad = tu_first_mismatch(got, want, n);
    if (bad >= 0)
        fail_msg("%s: y[%ld] = %a, reference %a", what, bad, (double)got[bad], (double)want[bad]);
}

/* ---- Q8_K quantization --------------------------------------------------- */

static void test_quantize_matches_ggml(void **state)
{
    (void)state;
    size_t nx, nq;
    float *x = tu_read_file(tu_data_path("dot_x.f32"), &nx);
    uint8_t *want = tu_read_file(tu_data_path("dot_x.q8k"), &nq);
    assert_int_equal(nx / sizeof(float) / 256 * Q8K, nq);
    uint8_t *got = malloc(nq);
    assert_int_equal(q4k_quantize_q8k(x, nx / sizeof(float), got), Q4K_OK);
    assert_memory_equal(got, want, nq);
    size_t checked = 0;
    for (size_t i = 0; i < q4k_variant_count(); i++) {
        const q4k_variant *v = q4k_variant_at(i);
        if (v->op != Q4K_OP_QUANTIZE_Q8K)
            continue;
        memset(got, 0xa5, nq);
        assert_int_equal(q4k_quantize_q8k_with(v, x, nx / sizeof(float), got), Q4K_OK);
        if (memcmp(got, want, nq))
            fail_msg("%s differs from ggml's quantize_row_q8_K", v->name);
        checked++;
    }
    assert_true(checked >= 1);
    free(x);
    free(want);
    free(got);
}

/* Every quantize variant against the reference on awkward inputs: a zero
 * block, ties for the largest magnitude, values that round at .5, tiny and
 * huge magnitudes, a lone negative maximum. */
static void test_quantize_variants_agree(void **state)
{
    (void)state;
    enum { B = 9 };
    float *x = malloc(B * 256 * sizeof *x);
    uint8_t *want = malloc(B * Q8K), *got = malloc(B * Q8K);
    assert_true(x && want && got);
    tu_random_bytes(x, B * 256 * sizeof *x, 77);
    for (size_t i = 0; i < B * 256; i++) { /* finite: clear the exponent's top bit */
        uint32_t bits;
        memcpy(&bits, &x[i], 4);
        bits &= ~0x40000000u;
        memcpy(&x[i], &bits, 4);
    }
    memset(x, 0, 256 * sizeof *x);                       /* block 0: all zero */
    for (int i = 0; i < 256; i++)                          /* block 1: ties and halves */
        x[256 + i] = (float)((i % 255) - 127) * (i % 3 ? 1.0f : -1.0f);
    for (int i = 0; i < 256; i++)                          /* block 2: tiny */
        x[512 + i] = (float)(i - 128) * 1e-30f;
    for (int i = 0; i < 256; i++)                          /* block 3: huge */
        x[768 + i] = (float)(i - 100) * 1e30f;
    x[1024 + 200] = -1000.0f;                              /* block 4: one negative spike */
    for (int i = 0; i < 256; i++)                          /* block 5: so tiny that -127/max */
        x[1280 + i] = (float)(i - 100) * 1e-40f;           /*   overflows to -inf */
    assert_int_equal(q4k_quantize_q8k_with(scalar_of(Q4K_OP_QUANTIZE_Q8K), x, B * 256, want), Q4K_OK);
    /* block 0: d, quants and bsums all zero */
    for (int k = 0; k < Q8K; k++)
        assert_int_equal(want[k], 0);
    for (size_t i = 0; i < q4k_variant_count(); i++) {
        const q4k_variant *v = q4k_variant_at(i);
        if (v->op != Q4K_OP_QUANTIZE_Q8K)
            continue;
        assert_int_equal(q4k_quantize_q8k_with(v, x, B * 256, got), Q4K_OK);
        for (int b = 0; b < B; b++)
            if (memcmp(got + b * Q8K, want + b * Q8K, Q8K))
                fail_msg("%s: block %d differs from the reference", v->name, b);
    }
    free(x);
    free(want);
    free(got);
}

static void test_quantize_refuses_bad_input(void **state)
{
    (void)state;
    float x[512];
    uint8_t out[2 * Q8K], keep[2 * Q8K];
    for (int i = 0; i < 512; i++)
        x[i] = (float)i;
    memset(out, 0x5a, sizeof out);
    memcpy(keep, out, sizeof out);
    const float specials[] = {NAN, INFINITY, -INFINITY};
    for (int s = 0; s < 3; s++) {
        x[300] = specials[s];
        assert_int_equal(q4k_quantize_q8k(x, 512, out), Q4K_EINVAL);
        assert_memory_equal(out, keep, sizeof out); /* nothing written */
    }
    x[300] = 1;
    assert_int_equal(q4k_quantize_q8k(x, 100, out), Q4K_EINVAL);
    assert_int_equal(q4k_quantize_q8k(NULL, 256, out), Q4K_EINVAL);
    assert_int_equal(q4k_quantize_q8k(x, 256, NULL), Q4K_EINVAL);
    assert_int_equal(q4k_quantize_q8k(NULL, 0, NULL), Q4K_OK);
    assert_int_equal(q4k_quantize_q8k_with(scalar_of(Q4K_OP_MATVEC), x, 256, out), Q4K_EINVAL);
}

/* ---- against ggml ------------------------------------------------------------ */

static void against_ggml(const char *name)
{
    char path[64];
    size_t nx, nw, ng, nd;
    uint8_t *xq = tu_read_file(tu_data_path("dot_x.q8k"), &nx);
    snprintf(path, sizeof path, "q4k_%s.bin", name);
    uint8_t *w = tu_read_file(tu_data_path(path), &nw);
    snprintf(path, sizeof path, "dot_%s.ggml.f32", name);
    float *ggml = tu_read_file(tu_data_path(path), &ng);
    snprintf(path, sizeof path, "dot_%s.deq_q8.f64", name);
    double *exact = tu_read_file(tu_data_path(path), &nd);
    const size_t rows = ng / sizeof(float), n_cols = 4096;
    assert_int_equal(nd / sizeof(double), rows);
    assert_true(nw >= rows * 16 * Q4K_BLOCK_BYTES);
    float *y = malloc(rows * sizeof *y);
    assert_int_equal(q4k_matvec_q8k(w, rows, n_cols, xq, y), Q4K_OK);
    /* Tolerance: relative to the largest magnitude of the case (rows near
     * zero are sums of large terms that cancel; a relative error per row
     * means nothing there). Measured: ggml's AVX2 path is within 7.6e-5 of
     * the float64 value. */
    double scale = 0, worst_exact = 0, worst_ggml = 0;
    /* Plain comparisons: aarch64 gcc 12 crashes (an internal compiler
     * error) vectorizing fmax reductions at -O3 here. */
    for (size_t r = 0; r < rows; r++)
        if (fabs(exact[r]) > scale)
            scale = fabs(exact[r]);
    for (size_t r = 0; r < rows; r++) {
        double e = fabs((double)y[r] - exact[r]) / scale, g = fabs((double)y[r] - (double)ggml[r]) / scale;
        if (e > worst_exact)
            worst_exact = e;
        if (g > worst_ggml)
            worst_ggml = g;
    }
    print_message("%-9s %3zu rows: max error vs float64 %.2e, vs ggml %.2e (of the largest |y|)\n", name, rows,
                  worst_exact, worst_ggml);
    assert_true(worst_exact < 1e-5);
    assert_true(worst_ggml < 1e-5);
    free(xq);
    free(w);
    free(ggml);
    free(exact);
    free(y);
}

static void test_canonical_result_near_ggml(void **state)
{
    (void)state;
    against_ggml("gaussian");
    against_ggml("outliers");
    against_ggml("large");
}

/* ---- every variant, bit for bit ---------------------------------------------- */

/* y of v against the reference on one shape; pointers offset by `skew`
 * bytes from malloc's alignment. */
static void compare_shape(const q4k_variant *v, const uint8_t *w, const uint8_t *xq, size_t n_rows, size_t n_bpr,
                          size_t n_vecs, unsigned skew)
{
    const q4k_variant *ref = scalar_of(Q4K_OP_MATVEC);
    uint8_t *wbuf = malloc(n_rows * n_bpr * Q4K_BLOCK_BYTES + 4);
    uint8_t *xbuf = malloc(n_vecs * n_bpr * Q8K + 4);
    uint8_t *ybuf = malloc(n_vecs * n_rows * sizeof(float) + 4);
    float *want = malloc(n_vecs * n_rows * sizeof(float));
    float *got = malloc(n_vecs * n_rows * sizeof(float));
    assert_true(wbuf && xbuf && ybuf && want && got);
    memcpy(wbuf + skew, w, n_rows * n_bpr * Q4K_BLOCK_BYTES);
    memcpy(xbuf + skew, xq, n_vecs * n_bpr * Q8K);
    assert_int_equal(q4k_matmul_q8k_with(ref, w, n_rows, n_bpr * 256, xq, n_vecs, want), Q4K_OK);
    float *y = (float *)(void *)(ybuf + skew);
    if (v->layout) { /* packed into a buffer just as misaligned */
        const size_t bytes = q4k_pack_bytes(n_rows, n_bpr * 256, v->layout);
        uint8_t *pbuf = malloc(bytes + 4);
        assert_true(bytes && pbuf);
        assert_int_equal(q4k_pack_into(wbuf + skew, n_rows, n_bpr * 256, v->layout, pbuf + skew), Q4K_OK);
        const q4k_packed pk = {v->layout, n_rows, n_bpr * 256, bytes, pbuf + skew, Q4K_PACKED_Q4K};
        assert_int_equal(q4k_matmul_q8k_packed_mt_with(NULL, v, &pk, xbuf + skew, n_vecs, y), Q4K_OK);
        free(pbuf);
    } else {
        assert_int_equal(q4k_matmul_q8k_with(v, wbuf + skew, n_rows, n_bpr * 256, xbuf + skew, n_vecs, y), Q4K_OK);
    }
    memcpy(got, ybuf + skew, n_vecs * n_rows * sizeof(float));
    char what[160];
    snprintf(what, sizeof what, "%s, %zu rows x %zu blocks, %zu vectors, skew %u", v->name, n_rows, n_bpr, n_vecs,
             skew);
    assert_same_floats(got, want, n_vecs * n_rows, what);
    free(wbuf);
    free(xbuf);
    free(ybuf);
    free(want);
    free(got);
}

static void test_every_variant_bit_identical(void **state)
{
    (void)state;
    static const size_t rows[] = {1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 33, 67};
    static const size_t bprs[] = {1, 2, 3, 16};
    uint8_t *w = random_weights(67 * 16, 1);
    uint8_t *xq = random_activations(9 * 16, 2);
    size_t n_variants = 0;
    for (size_t i = 0; i < q4k_variant_count(); i++) {
        const q4k_variant *v = q4k_variant_at(i);
        if (v->op != Q4K_OP_MATVEC)
            continue;
        n_variants++;
        for (size_t a = 0; a < sizeof rows / sizeof rows[0]; a++)
            for (size_t b = 0; b < sizeof bprs / sizeof bprs[0]; b++)
                compare_shape(v, w, xq, rows[a], bprs[b], 1 + (a + b) % 9, (unsigned)((a + b) % 4));
        for (size_t nv = 1; nv <= 9; nv++) /* batch sizes 1..9 */
            compare_shape(v, w, xq, 13, 2, nv, (unsigned)(nv % 4));
    }
    print_message("%zu matvec variants usable here, each bit-identical to the reference\n", n_variants);
    free(w);
    free(xq);
}

/* The int32 extremes: every scale and min 63, every quant 15, every
 * activation +127 or -127; and fp16 specials in d and dmin. */
static void test_extremes_and_specials(void **state)
{
    (void)state;
    enum { ROWS = 24, BPR = 2 };
    uint8_t *w = random_weights(ROWS * BPR, 3);
    uint8_t *xq = malloc(2 * BPR * Q8K);
    assert_non_null(xq);
    for (int v = 0; v < 2; v++)
        for (int b = 0; b < BPR; b++) {
            uint8_t *a = xq + (v * BPR + b) * Q8K;
            float d8 = 0.0123f;
            memcpy(a, &d8, 4);
            memset(a + 4, v ? 0x81 : 0x7f, 256); /* -127 or +127 */
            for (int k = 0; k < 16; k++) {
                int16_t s = (int16_t)(v ? -16 * 127 : 16 * 127);
                memcpy(a + 260 + 2 * k, &s, 2);
            }
        }
    static const uint16_t fp16[] = {0x0000, 0x8000, 0x0001, 0x03ff, 0x0400, 0x3c00, 0x7bff, 0xfbff,
                                    0x7c00, 0xfc00, 0x7e00, 0x7c01, 0xfe00, 0x3555, 0xb555, 0x1234};
    for (int rb = 0; rb < ROWS * BPR; rb++) {
        const int r = rb / BPR;
        uint8_t *x = w + rb * Q4K_BLOCK_BYTES;
        if (r < 8) { /* the extremes */
            memset(x + 4, 0xff, 12);
            memset(x + 16, 0xff, 128);
            x[0] = 0x00, x[1] = 0x3c; /* d = dmin = 1 */
            x[2] = 0x00, x[3] = (r & 1) ? 0xbc : 0x3c;
        } else { /* fp16 specials in d and dmin */
            uint16_t d = fp16[rb % 16], dmin = fp16[(rb * 7) % 16];
            memcpy(x, &d, 2);
            memcpy(x + 2, &dmin, 2);
        }
    }
    for (size_t i = 0; i < q4k_variant_count(); i++) {
        const q4k_variant *v = q4k_variant_at(i);
        if (v->op == Q4K_OP_MATVEC)
            compare_shape(v, w, xq, ROWS, BPR, 2, 1);
    }
    /* The extreme rows: isum = 8*63*32*15*127 = 30723840 exactly (not a
     * float: (float) rounds it), imin = 8*63*2*16*127 = 2048256. */
    float y[2 * ROWS];
    assert_int_equal(q4k_matmul_q8k(w, ROWS, BPR * 256, xq, 2, y), Q4K_OK);
    const float d8 = 0.0123f;
    float acc = 0;
    for (int b = 0; b < BPR; b++) {
        acc = fmaf(d8 * 1.0f, (float)30723840, acc);
        acc = fmaf(-(d8 * 1.0f), (float)2048256, acc);
    }
    assert_true(tu_same(y[0], acc));
    free(w);
    free(xq);
}

static void test_threads_give_the_same_bits(void **state)
{
    (void)state;
    enum { ROWS = 301, BPR = 4, VECS = 3 }; /* 5 chunks, the last one short */
    uint8_t *w = random_weights(ROWS * BPR, 5);
    uint8_t *xq = random_activations(VECS * BPR, 6);
    float want[VECS * ROWS], got[VECS * ROWS];
    assert_int_equal(q4k_matmul_q8k(w, ROWS, BPR * 256, xq, VECS, want), Q4K_OK);
    for (unsigned t = 1; t <= 4; t++) {
        q4k_pool *pool;
        assert_int_equal(q4k_pool_create(t, &pool), Q4K_OK);
        assert_int_equal(q4k_pool_threads(pool), t);
        for (int rep = 0; rep < 3; rep++) {
            memset(got, 0, sizeof got);
            assert_int_equal(q4k_matmul_q8k_mt(pool, w, ROWS, BPR * 256, xq, VECS, got), Q4K_OK);
            assert_same_floats(got, want, VECS * ROWS, "threaded");
            assert_int_equal(q4k_matvec_q8k_mt(pool, w, ROWS, BPR * 256, xq, got), Q4K_OK);
            assert_same_floats(got, want, ROWS, "threaded matvec");
        }
        q4k_pool_destroy(pool);
    }
    free(w);
    free(xq);
}

/* Packed weights through the public entry points: the unpacked bits at
 * every interleave, thread count and batch size, and the checks. */
static void test_packed_weights(void **state)
{
    (void)state;
    enum { ROWS = 203, BPR = 3, VECS = 5 }; /* 4 chunks, the last tile short for both interleaves */
    uint8_t *w = random_weights(ROWS * BPR, 11);
    uint8_t *xq = random_activations(VECS * BPR, 12);
    float want[VECS * ROWS], got[VECS * ROWS];
    assert_int_equal(q4k_matmul_q8k(w, ROWS, BPR * 256, xq, VECS, want), Q4K_OK);
    static const unsigned interleaves[] = {0, 4, 8};
    for (size_t k = 0; k < 3; k++) {
        q4k_packed *pk = NULL;
        assert_int_equal(q4k_pack(w, ROWS, BPR * 256, interleaves[k], &pk), Q4K_OK);
        assert_true(pk->interleave == 4 || pk->interleave == 8);
        assert_true(!interleaves[k] || pk->interleave == interleaves[k]);
        assert_int_equal(pk->bytes, q4k_pack_bytes(ROWS, BPR * 256, pk->interleave));
        assert_int_equal((uintptr_t)pk->data % 64, 0);
        for (unsigned t = 1; t <= 3; t++) {
            q4k_pool *pool;
            assert_int_equal(q4k_pool_create(t, &pool), Q4K_OK);
            for (size_t nv = 1; nv <= VECS; nv += 2) {
                memset(got, 0, sizeof got);
                assert_int_equal(q4k_matmul_q8k_packed_mt(pool, pk, xq, nv, got), Q4K_OK);
                assert_same_floats(got, want, nv * ROWS, "packed");
            }
            q4k_pool_destroy(pool);
        }
        assert_int_equal(q4k_matvec_q8k_packed(pk, xq, got), Q4K_OK);
        assert_same_floats(got, want, ROWS, "packed matvec");
        /* a variant of another layout is refused */
        assert_int_equal(q4k_matmul_q8k_packed_mt_with(NULL, scalar_of(Q4K_OP_MATVEC), pk, xq, 1, got), Q4K_EINVAL);
        q4k_packed_free(pk);
    }
    unsigned pref = q4k_pack_preferred(ROWS, BPR * 256, 1, 1);
    assert_true(pref == 0 || pref == 4 || pref == 8);
    /* bad input */
    q4k_packed *pk = (q4k_packed *)(uintptr_t)1;
    assert_int_equal(q4k_pack(w, ROWS, 100, 4, &pk), Q4K_EINVAL);
    assert_null(pk);
    assert_int_equal(q4k_pack(w, ROWS, 256, 5, &pk), Q4K_EINVAL);
    assert_int_equal(q4k_pack(NULL, ROWS, 256, 4, &pk), Q4K_EINVAL);
    assert_int_equal(q4k_pack(w, ROWS, 256, 4, NULL), Q4K_EINVAL);
    assert_int_equal(q4k_pack_bytes(SIZE_MAX / 4, 512, 8), 0);
    assert_int_equal(q4k_pack_bytes(3, 256, 4), 4 * 148);
    assert_int_equal(q4k_pack_into(w, 3, 256, 3, got), Q4K_EINVAL);
    assert_int_equal(q4k_matmul_q8k_packed_mt(NULL, NULL, xq, 1, got), Q4K_EINVAL);
    q4k_packed_free(NULL);
    free(w);
    free(xq);
}

static void test_float_convenience(void **state)
{
    (void)state;
    enum { ROWS = 5, BPR = 2, VECS = 2 };
    uint8_t *w = random_weights(ROWS * BPR, 8);
    float x[VECS * BPR * 256];
    for (size_t i = 0; i < sizeof x / sizeof x[0]; i++)
        x[i] = (float)sin((double)i);
    uint8_t xq[VECS * BPR * Q8K];
    float want[VECS * ROWS], got[VECS * ROWS];
    assert_int_equal(q4k_quantize_q8k(x, VECS * BPR * 256, xq), Q4K_OK);
    assert_int_equal(q4k_matmul_q8k(w, ROWS, BPR * 256, xq, VECS, want), Q4K_OK);
    assert_int_equal(q4k_matmul_f32(w, ROWS, BPR * 256, x, VECS, got), Q4K_OK);
    assert_same_floats(got, want, VECS * ROWS, "q4k_matmul_f32");
    x[7] = NAN;
    assert_int_equal(q4k_matmul_f32(w, ROWS, BPR * 256, x, VECS, got), Q4K_EINVAL);
    free(w);
}

static void test_bad_arguments(void **state)
{
    (void)state;
    uint8_t w[Q4K_BLOCK_BYTES] = {0}, xq[Q8K] = {0};
    float y[4];
    assert_int_equal(q4k_matvec_q8k(w, 1, 100, xq, y), Q4K_EINVAL);
    assert_int_equal(q4k_matvec_q8k(NULL, 1, 256, xq, y), Q4K_EINVAL);
    assert_int_equal(q4k_matvec_q8k(w, 1, 256, NULL, y), Q4K_EINVAL);
    assert_int_equal(q4k_matvec_q8k(w, 1, 256, xq, NULL), Q4K_EINVAL);
    assert_int_equal(q4k_matvec_q8k(NULL, 0, 256, NULL, NULL), Q4K_OK);
    assert_int_equal(q4k_matmul_q8k(w, 1, 256, xq, 0, NULL), Q4K_OK);
    assert_int_equal(q4k_matvec_q8k(w, SIZE_MAX / 2, 256, xq, y), Q4K_EOVERFLOW);
    assert_int_equal(q4k_matmul_q8k(w, 1, 256, xq, SIZE_MAX / 8, y), Q4K_EOVERFLOW);
    assert_int_equal(q4k_matmul_q8k_with(NULL, w, 1, 256, xq, 1, y), Q4K_EINVAL);
    assert_int_equal(q4k_matmul_q8k_with(scalar_of(Q4K_OP_DEQUANT), w, 1, 256, xq, 1, y), Q4K_EINVAL);
    assert_int_equal(q4k_dequantize_with(scalar_of(Q4K_OP_MATVEC), w, 1, (float *)(void *)xq), Q4K_EINVAL);
    q4k_pool *pool = (q4k_pool *)(uintptr_t)1;
    assert_int_equal(q4k_pool_create(0, &pool), Q4K_EINVAL);
    assert_int_equal(q4k_pool_create(2, NULL), Q4K_EINVAL);
    q4k_pool_destroy(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quantize_matches_ggml),
        cmocka_unit_test(test_quantize_variants_agree),
        cmocka_unit_test(test_quantize_refuses_bad_input),
        cmocka_unit_test(test_canonical_result_near_ggml),
        cmocka_unit_test(test_every_variant_bit_identical),
        cmocka_unit_test(test_extremes_and_specials),
        cmocka_unit_test(test_threads_give_the_same_bits),
        cmocka_unit_test(test_packed_weights),
        cmocka_unit_test(test_float_convenience),
        cmocka_unit_test(test_bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
