/* test_matvec_q6k.c - the fused Q6_K x Q8_K product (q4k_matvec_q6k.h).
 *
 *   - the scalar reference is the canonical result, computed here a second
 *     way from the format's prose (tests/data/README.md: halves, l, the four
 *     quants of ql[l], ql[l+32] and qh[l]);
 *   - it agrees with ggml's Q6_K vec_dot (dot_q6k_<case>.ggml.f32) and with
 *     the float64 value (dot_q6k_<case>.deq_q8.f64) within a tolerance, and
 *     gives ggml's non-finite values (NaN by class) where d is inf or NaN;
 *   - every variant gives the reference's bits exactly: random, golden and
 *     adversarial blocks (fp16 specials in d, every scale -128 or 127 with
 *     every quant 0 or 63 against activations of +-127 and -128: the int32
 *     extremes; non-finite d8), every shape class (one row, rows no multiple
 *     of any tile, 1..9 vectors, unaligned pointers);
 *   - thread counts 1..4 and batch sizes 1..9 give the same bits;
 *   - packed weights (q4k_pack_q6k, interleaves 4 and 8, the last tile
 *     padded): every packed variant and the packed entry points give the
 *     unpacked reference's bits at every shape, thread count and batch;
 *   - bad arguments return a status, never a crash. */
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
#define Q6K Q4K_Q6K_BLOCK_BYTES

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

/* Random Q6_K blocks with a finite d of realistic size, either sign. */
static uint8_t *random_weights(size_t n_blocks, uint64_t seed)
{
    uint8_t *w = malloc(n_blocks * Q6K + 1);
    assert_non_null(w);
    tu_random_bytes(w, n_blocks * Q6K, seed);
    for (size_t b = 0; b < n_blocks; b++) {
        uint8_t *x = w + b * Q6K;
        x[209] = (uint8_t)(0x10 + (x[209] & 0x0f) + (x[209] & 0x80)); /* d: 2^-11 .. 2^-8 */
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

/* ---- the reference, a second way ------------------------------------------- */

/* One row's canonical dot, written from the format's prose: half n, l =
 * 0..31, the four values l, l+32, l+64, l+96 of the half. */
static float prose_dot(const uint8_t *x, const uint8_t *a, size_t n_bpr)
{
    float acc = 0.0f;
    for (size_t b = 0; b < n_bpr; b++, x += Q6K, a += Q8K) {
        int32_t sub[16] = {0};
        for (int n = 0; n < 2; n++) {
            const uint8_t *ql = x + 64 * n, *qh = x + 128 + 32 * n;
            const int8_t *q8 = (const int8_t *)(a + 4) + 128 * n;
            for (int l = 0; l < 32; l++) {
                const int q[4] = {(ql[l] & 0xF) | ((qh[l] >> 0) & 3) << 4, (ql[l + 32] & 0xF) | ((qh[l] >> 2) & 3) << 4,
                                  (ql[l] >> 4) | ((qh[l] >> 4) & 3) << 4, (ql[l + 32] >> 4) | ((qh[l] >> 6) & 3) << 4};
                for (int m = 0; m < 4; m++)
                    sub[8 * n + 2 * m + l / 16] += (q[m] - 32) * q8[l + 32 * m];
            }
        }
        int32_t isum = 0;
        for (int k = 0; k < 16; k++)
            isum += (int8_t)x[192 + k] * sub[k];
        uint16_t h;
        memcpy(&h, x + 208, 2);
        float d8;
        memcpy(&d8, a, 4);
        acc = fmaf(d8 * q4k_fp16_to_fp32(h), (float)isum, acc);
    }
    return acc;
}

static void test_reference_is_the_definition(void **state)
{
    (void)state;
    enum { ROWS = 9, BPR = 3 };
    uint8_t *w = random_weights(ROWS * BPR, 21);
    uint8_t *xq = random_activations(BPR, 22);
    float y[ROWS];
    assert_int_equal(q4k_matvec_q6k_q8k(w, ROWS, BPR * 256, xq, y), Q4K_OK);
    assert_int_equal(q4k_matmul_q6k_q8k_with(scalar_of(Q4K_OP_MATVEC_Q6K), w, ROWS, BPR * 256, xq, 1, y), Q4K_OK);
    for (int r = 0; r < ROWS; r++) {
        const float want = prose_dot(w + r * BPR * Q6K, xq, BPR);
        if (!tu_same(y[r], want))
            fail_msg("row %d: %a, from the prose %a", r, (double)y[r], (double)want);
    }
    /* q6k_quant (q4k_format.h) against the prose, for every value index */
    for (int i = 0; i < 256; i++) {
        const int n = i / 128, m = (i % 128) / 32, l = i % 32;
        const uint8_t *ql = w + 64 * n, *qh = w + 128 + 32 * n;
        const uint8_t lo = m & 1 ? ql[l + 32] : ql[l];
        const int want = (m < 2 ? lo & 0xF : lo >> 4) | ((qh[l] >> (2 * m)) & 3) << 4;
        assert_int_equal(q6k_quant(w, i), want);
    }
    free(w);
    free(xq);
}

/* ---- against ggml ------------------------------------------------------------ */

static void against_ggml(const char *name)
{
    char path[64];
    size_t nx, nw, ng, nd;
    uint8_t *xq = tu_read_file(tu_data_path("dot_x.q8k"), &nx);
    snprintf(path, sizeof path, "q6k_%s.bin", name);
    uint8_t *w = tu_read_file(tu_data_path(path), &nw);
    snprintf(path, sizeof path, "dot_q6k_%s.ggml.f32", name);
    float *ggml = tu_read_file(tu_data_path(path), &ng);
    snprintf(path, sizeof path, "dot_q6k_%s.deq_q8.f64", name);
    double *exact = tu_read_file(tu_data_path(path), &nd);
    const size_t rows = ng / sizeof(float), n_cols = 4096;
    assert_int_equal(nd / sizeof(double), rows);
    assert_int_equal(nx, 16 * Q8K);
    assert_true(nw >= rows * 16 * Q6K);
    float *y = malloc(rows * sizeof *y), *yv = malloc(rows * sizeof *yv);
    assert_true(y && yv);
    assert_int_equal(q4k_matvec_q6k_q8k(w, rows, n_cols, xq, y), Q4K_OK);
    /* Tolerance relative to the largest finite magnitude of the case (rows
     * near zero are sums of large terms that cancel). Rows whose d is inf
     * or NaN: ggml's value, NaN by class. */
    double scale = 0, worst_exact = 0, worst_ggml = 0;
    size_t nonfinite = 0;
    for (size_t r = 0; r < rows; r++)
        if (isfinite(exact[r]) && isfinite(ggml[r]) && fabs(exact[r]) > scale)
            scale = fabs(exact[r]);
    for (size_t r = 0; r < rows; r++) {
        if (!isfinite(exact[r]) || !isfinite(ggml[r])) {
            nonfinite++;
            if (isnan(ggml[r]) ? !isnan(y[r]) : y[r] != ggml[r])
                fail_msg("%s row %zu: %a, ggml %a", name, r, (double)y[r], (double)ggml[r]);
            continue;
        }
        double e = fabs((double)y[r] - exact[r]) / scale, g = fabs((double)y[r] - (double)ggml[r]) / scale;
        if (e > worst_exact)
            worst_exact = e;
        if (g > worst_ggml)
            worst_ggml = g;
    }
    print_message("%-10s %3zu rows (%zu not finite): max error vs float64 %.2e, vs ggml %.2e (of the largest |y|)\n",
                  name, rows, nonfinite, worst_exact, worst_ggml);
    assert_true(worst_exact < 1e-5);
    assert_true(worst_ggml < 1e-5);
    /* every variant: the reference's bits on the golden rows too */
    for (size_t i = 0; i < q4k_variant_count(); i++) {
        const q4k_variant *v = q4k_variant_at(i);
        if (v->op != Q4K_OP_MATVEC_Q6K)
            continue;
        if (v->layout) {
            q4k_packed *pk = NULL;
            assert_int_equal(q4k_pack_q6k(w, rows, n_cols, v->layout, &pk), Q4K_OK);
            assert_int_equal(q4k_matmul_q6k_q8k_packed_mt_with(NULL, v, pk, xq, 1, yv), Q4K_OK);
            q4k_packed_free(pk);
        } else {
            assert_int_equal(q4k_matmul_q6k_q8k_with(v, w, rows, n_cols, xq, 1, yv), Q4K_OK);
        }
        char what[96];
        snprintf(what, sizeof what, "%s on q6k_%s.bin", v->name, name);
        assert_same_floats(yv, y, rows, what);
    }
    free(xq);
    free(w);
    free(ggml);
    free(exact);
    free(y);
    free(yv);
}

static void test_canonical_result_near_ggml(void **state)
{
    (void)state;
    against_ggml("gaussian");
    against_ggml("outliers");
    against_ggml("randbytes");
    against_ggml("special_d");
}

/* ---- every variant, bit for bit ---------------------------------------------- */

/* y of v against the reference on one shape; pointers offset by `skew`
 * bytes from malloc's alignment. */
static void compare_shape(const q4k_variant *v, const uint8_t *w, const uint8_t *xq, size_t n_rows, size_t n_bpr,
                          size_t n_vecs, unsigned skew)
{
    const q4k_variant *ref = scalar_of(Q4K_OP_MATVEC_Q6K);
    uint8_t *wbuf = malloc(n_rows * n_bpr * Q6K + 4);
    uint8_t *xbuf = malloc(n_vecs * n_bpr * Q8K + 4);
    uint8_t *ybuf = malloc(n_vecs * n_rows * sizeof(float) + 4);
    float *want = malloc(n_vecs * n_rows * sizeof(float));
    float *got = malloc(n_vecs * n_rows * sizeof(float));
    assert_true(wbuf && xbuf && ybuf && want && got);
    memcpy(wbuf + skew, w, n_rows * n_bpr * Q6K);
    memcpy(xbuf + skew, xq, n_vecs * n_bpr * Q8K);
    assert_int_equal(q4k_matmul_q6k_q8k_with(ref, w, n_rows, n_bpr * 256, xq, n_vecs, want), Q4K_OK);
    float *y = (float *)(void *)(ybuf + skew);
    if (v->layout) { /* packed into a buffer just as misaligned */
        const size_t bytes = q4k_pack_q6k_bytes(n_rows, n_bpr * 256, v->layout);
        uint8_t *pbuf = malloc(bytes + 4);
        assert_true(bytes && pbuf);
        assert_int_equal(q4k_pack_q6k_into(wbuf + skew, n_rows, n_bpr * 256, v->layout, pbuf + skew), Q4K_OK);
        const q4k_packed pk = {v->layout, n_rows, n_bpr * 256, bytes, pbuf + skew, Q4K_PACKED_Q6K};
        assert_int_equal(q4k_matmul_q6k_q8k_packed_mt_with(NULL, v, &pk, xbuf + skew, n_vecs, y), Q4K_OK);
        free(pbuf);
    } else {
        assert_int_equal(q4k_matmul_q6k_q8k_with(v, wbuf + skew, n_rows, n_bpr * 256, xbuf + skew, n_vecs, y),
                         Q4K_OK);
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
        if (v->op != Q4K_OP_MATVEC_Q6K)
            continue;
        n_variants++;
        for (size_t a = 0; a < sizeof rows / sizeof rows[0]; a++)
            for (size_t b = 0; b < sizeof bprs / sizeof bprs[0]; b++)
                compare_shape(v, w, xq, rows[a], bprs[b], 1 + (a + b) % 9, (unsigned)((a + b) % 4));
        for (size_t nv = 1; nv <= 9; nv++) /* batch sizes 1..9 */
            compare_shape(v, w, xq, 13, 2, nv, (unsigned)(nv % 4));
    }
    print_message("%zu matvec_q6k variants usable here, each bit-identical to the reference\n", n_variants);
    assert_true(n_variants >= 1);
    free(w);
    free(xq);
}

/* Activation block: every quant `q`, d8 given. */
static void fill_q8k(uint8_t *a, int8_t q, float d8)
{
    memcpy(a, &d8, 4);
    memset(a + 4, (uint8_t)q, 256);
    for (int k = 0; k < 16; k++) {
        const int16_t s = (int16_t)(16 * q);
        memcpy(a + 260 + 2 * k, &s, 2);
    }
}

/* The int32 extremes: every scale -128 or 127, every quant 0 or 63, every
 * activation +127, -127 or -128 (a byte the quantizer never writes, which
 * the contract still covers); fp16 specials in d; non-finite d8. */
static void test_extremes_and_specials(void **state)
{
    (void)state;
    enum { ROWS = 27, BPR = 2, VECS = 5 };
    uint8_t *w = random_weights(ROWS * BPR, 3);
    uint8_t *xq = random_activations(VECS * BPR, 4);
    for (int b = 0; b < BPR; b++) {
        fill_q8k(xq + (0 * BPR + b) * Q8K, 127, 0.0123f);
        fill_q8k(xq + (1 * BPR + b) * Q8K, -127, 0.0123f);
        fill_q8k(xq + (2 * BPR + b) * Q8K, -128, 0.0123f);
    }
    const float d8s[] = {INFINITY, NAN, 0.0f, -0.0f};
    memcpy(xq + 3 * BPR * Q8K, &d8s[0], 4);
    memcpy(xq + (3 * BPR + 1) * Q8K, &d8s[1], 4);
    memcpy(xq + 4 * BPR * Q8K, &d8s[2], 4);
    memcpy(xq + (4 * BPR + 1) * Q8K, &d8s[3], 4);
    static const uint16_t fp16[] = {0x0000, 0x8000, 0x0001, 0x03ff, 0x0400, 0x3c00, 0x7bff, 0xfbff,
                                    0x7c00, 0xfc00, 0x7e00, 0x7c01, 0xfe00, 0x3555, 0xb555, 0x1234};
    for (int rb = 0; rb < ROWS * BPR; rb++) {
        const int r = rb / BPR;
        uint8_t *x = w + rb * Q6K;
        if (r < 8) { /* the extremes: (scale, quant) in {127, -128} x {63, 0}, d = +-1 */
            memset(x + 192, (r & 1) ? 0x80 : 0x7f, 16);
            memset(x, (r & 2) ? 0x00 : 0xff, 192);
            x[208] = 0x00, x[209] = (r & 4) ? 0xbc : 0x3c;
        } else { /* fp16 specials in d */
            const uint16_t d = fp16[rb % 16];
            memcpy(x + 208, &d, 2);
        }
    }
    for (size_t i = 0; i < q4k_variant_count(); i++) {
        const q4k_variant *v = q4k_variant_at(i);
        if (v->op != Q4K_OP_MATVEC_Q6K)
            continue;
        for (size_t nv = 1; nv <= VECS; nv++)
            compare_shape(v, w, xq, ROWS, BPR, nv, (unsigned)nv % 4);
    }
    /* The extreme rows, by hand: isum = 16 * sc * 16 * (q - 32) * q8, e.g.
     * -128 * 16 * 16 * (0 - 32) * -128 = -2^27, the bound of the contract. */
    float y[VECS * ROWS];
    assert_int_equal(q4k_matmul_q6k_q8k(w, ROWS, BPR * 256, xq, VECS, y), Q4K_OK);
    static const int q8s[3] = {127, -127, -128};
    for (int vv = 0; vv < 3; vv++)
        for (int r = 0; r < 8; r++) {
            const int32_t sc = (r & 1) ? -128 : 127, q = (r & 2) ? 0 : 63;
            const int32_t isum = 16 * sc * 16 * (q - 32) * q8s[vv];
            const float d = (r & 4) ? -1.0f : 1.0f, d8 = 0.0123f;
            float acc = 0;
            for (int b = 0; b < BPR; b++)
                acc = fmaf(d8 * d, (float)isum, acc);
            if (!tu_same(y[vv * ROWS + r], acc))
                fail_msg("extreme row %d, vector %d: %a, want %a", r, vv, (double)y[vv * ROWS + r], (double)acc);
            if (vv == 2 && r == 3)
                assert_int_equal(isum, -(1 << 27));
        }
    free(w);
    free(xq);
}

/* Thread counts 1..4 and batch sizes 1..9: the same bits as one thread. */
static void test_threads_give_the_same_bits(void **state)
{
    (void)state;
    enum { ROWS = 301, BPR = 2, VECS = 9 }; /* 5 chunks, the last one short */
    uint8_t *w = random_weights(ROWS * BPR, 5);
    uint8_t *xq = random_activations(VECS * BPR, 6);
    float *want = malloc(VECS * ROWS * sizeof(float)), *got = malloc(VECS * ROWS * sizeof(float));
    assert_true(want && got);
    /* vector v's results alone, as the reference of every batch */
    for (size_t v = 0; v < VECS; v++)
        assert_int_equal(q4k_matvec_q6k_q8k(w, ROWS, BPR * 256, xq + v * BPR * Q8K, want + v * ROWS), Q4K_OK);
    for (unsigned t = 1; t <= 4; t++) {
        q4k_pool *pool;
        assert_int_equal(q4k_pool_create(t, &pool), Q4K_OK);
        assert_int_equal(q4k_pool_threads(pool), t);
        for (size_t nv = 1; nv <= VECS; nv++) {
            memset(got, 0, VECS * ROWS * sizeof(float));
            assert_int_equal(q4k_matmul_q6k_q8k_mt(pool, w, ROWS, BPR * 256, xq, nv, got), Q4K_OK);
            assert_same_floats(got, want, nv * ROWS, "threaded batch");
        }
        assert_int_equal(q4k_matvec_q6k_q8k_mt(pool, w, ROWS, BPR * 256, xq, got), Q4K_OK);
        assert_same_floats(got, want, ROWS, "threaded matvec");
        /* every usable variant through the pool */
        for (size_t i = 0; i < q4k_variant_count(); i++) {
            const q4k_variant *v = q4k_variant_at(i);
            if (v->op != Q4K_OP_MATVEC_Q6K)
                continue;
            if (v->layout) {
                q4k_packed *pk = NULL;
                assert_int_equal(q4k_pack_q6k(w, ROWS, BPR * 256, v->layout, &pk), Q4K_OK);
                assert_int_equal(q4k_matmul_q6k_q8k_packed_mt_with(pool, v, pk, xq, 3, got), Q4K_OK);
                q4k_packed_free(pk);
            } else {
                assert_int_equal(q4k_matmul_q6k_q8k_mt_with(pool, v, w, ROWS, BPR * 256, xq, 3, got), Q4K_OK);
            }
            assert_same_floats(got, want, 3 * ROWS, v->name);
        }
        q4k_pool_destroy(pool);
    }
    free(want);
    free(got);
    free(w);
    free(xq);
}

/* The packed layout, byte by byte: q4k_q6k_packed_quant of every value of
 * every row of a tile against the GGUF block's, d and scales as stored,
 * padding rows all zero. */
static void test_packed_layout(void **state)
{
    (void)state;
    enum { ROWS = 5, BPR = 2 };
    uint8_t *w = random_weights(ROWS * BPR, 13);
    static const unsigned interleaves[] = {4, 8};
    for (size_t k = 0; k < 2; k++) {
        const unsigned R = interleaves[k];
        const size_t bytes = q4k_pack_q6k_bytes(ROWS, BPR * 256, R);
        assert_int_equal(bytes, ((ROWS + R - 1) / R) * R * BPR * 210);
        uint8_t *p = malloc(bytes);
        assert_non_null(p);
        assert_int_equal(q4k_pack_q6k_into(w, ROWS, BPR * 256, R, p), Q4K_OK);
        for (size_t t = 0; t * R < ROWS; t++)
            for (size_t b = 0; b < BPR; b++) {
                const uint8_t *g = p + (t * BPR + b) * 210 * R;
                for (unsigned r = 0; r < R; r++) {
                    const size_t row = t * R + r;
                    const uint8_t *ql = g + q4k_packed_q6k_off_ql(R) + 128 * r;
                    const uint8_t *qh = g + q4k_packed_q6k_off_qh(R) + 64 * r;
                    if (row >= ROWS) { /* padding: all zero */
                        for (int i = 0; i < 2; i++)
                            assert_int_equal(g[2 * r + i], 0);
                        for (int i = 0; i < 16; i++)
                            assert_int_equal(g[q4k_packed_q6k_off_sc(R) + 16 * r + i], 0);
                        for (int i = 0; i < 128; i++)
                            assert_int_equal(ql[i], 0);
                        for (int i = 0; i < 64; i++)
                            assert_int_equal(qh[i], 0);
                        continue;
                    }
                    const uint8_t *x = w + (row * BPR + b) * Q6K;
                    assert_memory_equal(g + 2 * r, x + 208, 2);
                    assert_memory_equal(g + q4k_packed_q6k_off_sc(R) + 16 * r, x + 192, 16);
                    for (int i = 0; i < 256; i++)
                        assert_int_equal(q4k_q6k_packed_quant(ql, qh, i), q6k_quant(x, i));
                }
            }
        free(p);
    }
    free(w);
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
    assert_int_equal(q4k_matmul_q6k_q8k(w, ROWS, BPR * 256, xq, VECS, want), Q4K_OK);
    static const unsigned interleaves[] = {0, 4, 8};
    for (size_t k = 0; k < 3; k++) {
        q4k_packed *pk = NULL;
        assert_int_equal(q4k_pack_q6k(w, ROWS, BPR * 256, interleaves[k], &pk), Q4K_OK);
        assert_true(pk->interleave == 4 || pk->interleave == 8);
        assert_true(!interleaves[k] || pk->interleave == interleaves[k]);
        assert_int_equal(pk->format, Q4K_PACKED_Q6K);
        assert_int_equal(pk->bytes, q4k_pack_q6k_bytes(ROWS, BPR * 256, pk->interleave));
        assert_int_equal((uintptr_t)pk->data % 64, 0);
        for (unsigned t = 1; t <= 4; t++) {
            q4k_pool *pool;
            assert_int_equal(q4k_pool_create(t, &pool), Q4K_OK);
            for (size_t nv = 1; nv <= VECS; nv++) {
                memset(got, 0, sizeof got);
                assert_int_equal(q4k_matmul_q6k_q8k_packed_mt(pool, pk, xq, nv, got), Q4K_OK);
                assert_same_floats(got, want, nv * ROWS, "packed");
            }
            q4k_pool_destroy(pool);
        }
        assert_int_equal(q4k_matvec_q6k_q8k_packed(pk, xq, got), Q4K_OK);
        assert_same_floats(got, want, ROWS, "packed matvec");
        /* a variant of another layout or op, or the Q4_K entry points, are refused */
        assert_int_equal(q4k_matmul_q6k_q8k_packed_mt_with(NULL, scalar_of(Q4K_OP_MATVEC_Q6K), pk, xq, 1, got),
                         Q4K_EINVAL);
        assert_int_equal(q4k_matmul_q8k_packed_mt(NULL, pk, xq, 1, got), Q4K_EINVAL);
        assert_int_equal(q4k_matvec_q8k_packed(pk, xq, got), Q4K_EINVAL);
        q4k_packed_free(pk);
    }
    /* and a Q4_K packed matrix is refused by the Q6_K entry points */
    {
        uint8_t q4[2 * 144] = {0};
        q4k_packed *p4 = NULL;
        assert_int_equal(q4k_pack(q4, 2, 256, 4, &p4), Q4K_OK);
        assert_int_equal(q4k_matmul_q6k_q8k_packed_mt(NULL, p4, xq, 1, got), Q4K_EINVAL);
        q4k_packed_free(p4);
    }
    unsigned pref = q4k_pack_q6k_preferred(ROWS, BPR * 256, 1, 1);
    assert_true(pref == 0 || pref == 4 || pref == 8);
    /* bad input */
    q4k_packed *pk = (q4k_packed *)(uintptr_t)1;
    assert_int_equal(q4k_pack_q6k(w, ROWS, 100, 4, &pk), Q4K_EINVAL);
    assert_null(pk);
    assert_int_equal(q4k_pack_q6k(w, ROWS, 256, 5, &pk), Q4K_EINVAL);
    assert_int_equal(q4k_pack_q6k(NULL, ROWS, 256, 4, &pk), Q4K_EINVAL);
    assert_int_equal(q4k_pack_q6k(w, ROWS, 256, 4, NULL), Q4K_EINVAL);
    assert_int_equal(q4k_pack_q6k_bytes(SIZE_MAX / 4, 512, 8), 0);
    assert_int_equal(q4k_pack_q6k_bytes(3, 256, 4), 4 * 210);
    assert_int_equal(q4k_pack_q6k_into(w, 3, 256, 3, got), Q4K_EINVAL);
    assert_int_equal(q4k_pack_q6k_into(w, 3, 100, 4, got), Q4K_EINVAL);
    assert_int_equal(q4k_matmul_q6k_q8k_packed_mt(NULL, NULL, xq, 1, got), Q4K_EINVAL);
    free(w);
    free(xq);
}

static void test_bad_arguments(void **state)
{
    (void)state;
    uint8_t w[Q6K] = {0}, xq[Q8K] = {0};
    float y[4];
    assert_int_equal(q4k_matvec_q6k_q8k(w, 1, 100, xq, y), Q4K_EINVAL);
    assert_int_equal(q4k_matvec_q6k_q8k(NULL, 1, 256, xq, y), Q4K_EINVAL);
    assert_int_equal(q4k_matvec_q6k_q8k(w, 1, 256, NULL, y), Q4K_EINVAL);
    assert_int_equal(q4k_matvec_q6k_q8k(w, 1, 256, xq, NULL), Q4K_EINVAL);
    assert_int_equal(q4k_matvec_q6k_q8k(NULL, 0, 256, NULL, NULL), Q4K_OK);
    assert_int_equal(q4k_matmul_q6k_q8k(w, 1, 256, xq, 0, NULL), Q4K_OK);
    assert_int_equal(q4k_matmul_q6k_q8k(NULL, 1, 0, NULL, 1, NULL), Q4K_OK);
    assert_int_equal(q4k_matvec_q6k_q8k(w, SIZE_MAX / 200, 256, xq, y), Q4K_EOVERFLOW);
    assert_int_equal(q4k_matmul_q6k_q8k(w, 1, 256, xq, SIZE_MAX / 8, y), Q4K_EOVERFLOW);
    assert_int_equal(q4k_matmul_q6k_q8k_mt(NULL, w, 1, 257, xq, 1, y), Q4K_EINVAL);
    assert_int_equal(q4k_matvec_q6k_q8k_mt(NULL, w, 1, 256, NULL, y), Q4K_EINVAL);
    assert_int_equal(q4k_matmul_q6k_q8k_with(NULL, w, 1, 256, xq, 1, y), Q4K_EINVAL);
    /* a variant of another op: the Q4_K product's, dequant's */
    assert_int_equal(q4k_matmul_q6k_q8k_with(scalar_of(Q4K_OP_MATVEC), w, 1, 256, xq, 1, y), Q4K_EINVAL);
    assert_int_equal(q4k_matmul_q6k_q8k_mt_with(NULL, scalar_of(Q4K_OP_DEQUANT), w, 1, 256, xq, 1, y), Q4K_EINVAL);
    assert_int_equal(q4k_matmul_q8k_with(scalar_of(Q4K_OP_MATVEC_Q6K), w, 1, 256, xq, 1, y), Q4K_EINVAL);
    /* a variant this CPU cannot run (when there is one) */
    for (size_t i = 0; i < q4k_variant_count_all(); i++) {
        const q4k_variant *v = q4k_variant_at_all(i);
        if (v->op == Q4K_OP_MATVEC_Q6K && !q4k_variant_usable(v)) {
            assert_int_equal(q4k_matmul_q6k_q8k_with(v, w, 1, 256, xq, 1, y), Q4K_EUNSUPPORTED);
            break;
        }
    }
    /* the op is known by name, and the dispatcher has a variant for it */
    assert_int_equal(q4k_op_find("matvec_q6k"), Q4K_OP_MATVEC_Q6K);
    assert_string_equal(q4k_op_name(Q4K_OP_MATVEC_Q6K), "matvec_q6k");
    const q4k_variant *d = q4k_dispatch_select(Q4K_OP_MATVEC_Q6K, 16);
    assert_non_null(d);
    assert_int_equal(d->op, Q4K_OP_MATVEC_Q6K);
    assert_true(q4k_variant_usable(d));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reference_is_the_definition),
        cmocka_unit_test(test_canonical_result_near_ggml),
        cmocka_unit_test(test_every_variant_bit_identical),
        cmocka_unit_test(test_extremes_and_specials),
        cmocka_unit_test(test_threads_give_the_same_bits),
        cmocka_unit_test(test_packed_layout),
        cmocka_unit_test(test_packed_weights),
        cmocka_unit_test(test_bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
