/* test_tuner_verify.c - the tuner's checks of matvec and quantize_q8k
 * variants (tuner/lib/verify_ops.c) on variants made wrong on purpose: a
 * check that passes everything proves nothing. Each fake wraps the scalar
 * reference and breaks one thing: a bit of one result, a byte past the
 * output, the output stride, a result off ggml by 1e-4; and a harmless
 * change (another NaN payload) must pass. No timing. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "op_plan.h"
#include "q4k.h"
#include "testutil.h"
#include "verify.h"

static q4k_matvec_fn ref_matvec;
static q4k_quantize_fn ref_quantize;

static int setup(void **state)
{
    (void)state;
    const q4k_variant *m = q4k_variant_find("q4k_matvec__scalar");
    const q4k_variant *q = q4k_variant_find("q4k_quantize_q8k__scalar");
    if (!m || !q)
        return -1;
    ref_matvec = m->matvec;
    ref_quantize = q->quantize;
    return 0;
}

static const char *data_dir(void)
{
    const char *d = getenv("Q4K_TESTDATA");
    return d && *d ? d : NULL;
}

static q4k_variant fake_matvec(q4k_matvec_fn fn)
{
    q4k_variant v = {.name = "q4k_matvec__fake", .isa = "scalar", .method = "fake", .unroll = 1, .vecs = 1,
                     .op = Q4K_OP_MATVEC, .matvec = fn};
    return v;
}

static q4k_variant fake_quantize(q4k_quantize_fn fn)
{
    q4k_variant v = {.name = "q4k_quantize_q8k__fake", .isa = "scalar", .method = "fake", .unroll = 1,
                     .op = Q4K_OP_QUANTIZE_Q8K, .quantize = fn};
    return v;
}

static int is_nan(float f)
{
    return f != f;
}

/* y may be at any byte address (the checks skew it): memcpy, not y[i]. */
static float get(const float *p)
{
    float f;
    memcpy(&f, p, sizeof f);
    return f;
}

static void put(float *p, float f)
{
    memcpy(p, &f, sizeof f);
}

/* ---- fakes ------------------------------------------------------------------ */

/* One bit of one finite result of the last vector (rows >= 17). */
static void mv_flip_bit(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y,
                        size_t ldy)
{
    ref_matvec(w, n_rows, n_bpr, xq, n_vecs, y, ldy);
    for (size_t r = 16; r < n_rows; r++) {
        float *p = &y[(n_vecs - 1) * ldy + r];
        if (!is_nan(get(p)) && !isinf(get(p))) {
            uint32_t b;
            memcpy(&b, p, 4);
            b ^= 1;
            memcpy(p, &b, 4);
            return;
        }
    }
}

/* One float past the last row of the last vector. */
static void mv_overrun(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y,
                       size_t ldy)
{
    ref_matvec(w, n_rows, n_bpr, xq, n_vecs, y, ldy);
    if (n_rows > 40) {
        float z = 0.0f;
        memcpy(&y[(n_vecs - 1) * ldy + n_rows], &z, sizeof z);
    }
}

/* Vectors n_rows apart instead of ldy. */
static void mv_ignores_ldy(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y,
                           size_t ldy)
{
    (void)ldy;
    ref_matvec(w, n_rows, n_bpr, xq, n_vecs, y, n_rows);
}

/* Every NaN as another NaN: the contract compares NaN by class. */
static void mv_nan_payload(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y,
                           size_t ldy)
{
    ref_matvec(w, n_rows, n_bpr, xq, n_vecs, y, ldy);
    for (size_t v = 0; v < n_vecs; v++)
        for (size_t r = 0; r < n_rows; r++)
            if (is_nan(get(&y[v * ldy + r]))) {
                const uint32_t other = 0xffc00123u;
                memcpy(&y[v * ldy + r], &other, 4);
            }
}

/* 1e-4 too large: off ggml beyond the tolerance, and not the reference. */
static void mv_scaled(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y,
                      size_t ldy)
{
    ref_matvec(w, n_rows, n_bpr, xq, n_vecs, y, ldy);
    for (size_t v = 0; v < n_vecs; v++)
        for (size_t r = 0; r < n_rows; r++)
            put(&y[v * ldy + r], get(&y[v * ldy + r]) * 1.0001f);
}

/* One bsum byte of the third block. */
static void q_flip_bsum(const float *x, size_t n_blocks, void *out)
{
    ref_quantize(x, n_blocks, out);
    if (n_blocks >= 3)
        ((uint8_t *)out)[2 * Q4K_Q8K_BLOCK_BYTES + 260] ^= 0x10;
}

/* One byte past the output. */
static void q_overrun(const float *x, size_t n_blocks, void *out)
{
    ref_quantize(x, n_blocks, out);
    if (n_blocks >= 5)
        ((uint8_t *)out)[n_blocks * Q4K_Q8K_BLOCK_BYTES] = 0;
}

/* Rounds half away from zero instead of to even: quants differ at halves. */
static void q_round_away(const float *x, size_t n_blocks, void *out)
{
    ref_quantize(x, n_blocks, out);
    uint8_t *o = out;
    for (size_t b = 0; b < n_blocks; b++) {
        const float *v = x + b * 256;
        float amax = 0, max = 0;
        for (int j = 0; j < 256; j++)
            if (fabsf(v[j]) > amax)
                amax = fabsf(v[j]), max = v[j];
        if (amax == 0)
            continue;
        const float iscale = -127.f / max;
        for (int j = 0; j < 256; j++) {
            float f = iscale * v[j];
            long q = lroundf(f);
            ((int8_t *)(o + b * Q4K_Q8K_BLOCK_BYTES + 4))[j] = (int8_t)(q < 127 ? q : 127);
        }
    }
}

/* ---- tests ------------------------------------------------------------------ */

static void test_references_pass(void **state)
{
    (void)state;
    q4k_verify_report rep;
    const q4k_variant *m = q4k_variant_find("q4k_matvec__scalar");
    const q4k_variant *q = q4k_variant_find("q4k_quantize_q8k__scalar");
    assert_int_equal(q4k_verify_matvec(m, NULL, &rep), 0);
    assert_true(rep.values > 1000);
    assert_int_equal(rep.mismatches, 0);
    assert_int_equal(q4k_verify_quantize_q8k(q, NULL, &rep), 0);
    assert_true(rep.values > 10000);
    const char *dir = data_dir();
    if (!dir) {
        print_message("Q4K_TESTDATA not set: golden checks skipped\n");
        return;
    }
    size_t plain = 0;
    assert_int_equal(q4k_verify_matvec(m, NULL, &rep), 0);
    plain = rep.values;
    assert_int_equal(q4k_verify_matvec(m, dir, &rep), 0);
    assert_true(rep.values > plain + 900); /* every golden weight file as rows of 16 blocks */
    assert_int_equal(q4k_verify_matvec_golden(m, dir, &rep), 0);
    assert_int_equal(rep.values, 256 + 64 + 16); /* the rows of gaussian, outliers and large */
    assert_int_equal(q4k_verify_quantize_q8k_golden(q, dir, &rep), 0);
    assert_int_equal(rep.values, 16 * Q4K_Q8K_BLOCK_BYTES);
    assert_int_equal(q4k_verify_quantize_q8k(q, dir, &rep), 0);
    /* a folder without the files: nothing compared, nothing failed */
    assert_int_equal(q4k_verify_matvec_golden(m, "/nonexistent", &rep), 0);
    assert_int_equal(rep.values, 0);
    assert_int_equal(q4k_verify_quantize_q8k_golden(q, "/nonexistent", &rep), 0);
    assert_int_equal(rep.values, 0);
}

/* Every plan's own check accepts its baseline. */
static void test_plans_verify_their_baselines(void **state)
{
    (void)state;
    for (size_t k = 0; k < op_plan_count(); k++) {
        const op_plan *p = op_plan_at(k);
        q4k_verify_report rep;
        assert_int_equal(p->verify(q4k_variant_find(p->baseline), NULL, &rep), 0);
        assert_true(rep.values > 0);
    }
}

static void test_matvec_wrong_bit(void **state)
{
    (void)state;
    q4k_variant v = fake_matvec(mv_flip_bit);
    q4k_verify_report rep;
    assert_int_equal(q4k_verify_matvec(&v, NULL, &rep), 1);
    assert_true(rep.mismatches >= 1);
    assert_non_null(strstr(rep.first, "y of vector"));
    print_message("caught: %s\n", rep.first);
}

static void test_matvec_overrun(void **state)
{
    (void)state;
    q4k_variant v = fake_matvec(mv_overrun);
    q4k_verify_report rep;
    assert_int_equal(q4k_verify_matvec(&v, NULL, &rep), 1);
    assert_non_null(strstr(rep.first, "wrote outside"));
    print_message("caught: %s\n", rep.first);
}

static void test_matvec_stride(void **state)
{
    (void)state;
    q4k_variant v = fake_matvec(mv_ignores_ldy);
    q4k_verify_report rep;
    assert_int_equal(q4k_verify_matvec(&v, NULL, &rep), 1);
    print_message("caught: %s\n", rep.first);
}

static void test_matvec_nan_payload_passes(void **state)
{
    (void)state;
    q4k_variant v = fake_matvec(mv_nan_payload);
    q4k_verify_report rep;
    assert_int_equal(q4k_verify_matvec(&v, data_dir(), &rep), 0);
    assert_int_equal(rep.mismatches, 0);
}

static void test_matvec_off_ggml(void **state)
{
    (void)state;
    q4k_variant v = fake_matvec(mv_scaled);
    q4k_verify_report rep;
    assert_int_equal(q4k_verify_matvec(&v, NULL, &rep), 1); /* not the reference's bits */
    const char *dir = data_dir();
    if (!dir)
        return;
    assert_int_equal(q4k_verify_matvec_golden(&v, dir, &rep), 1);
    assert_non_null(strstr(rep.first, "tolerance"));
    print_message("caught: %s\n", rep.first);
}

static void test_quantize_wrong_byte(void **state)
{
    (void)state;
    q4k_variant v = fake_quantize(q_flip_bsum);
    q4k_verify_report rep;
    assert_int_equal(q4k_verify_quantize_q8k(&v, NULL, &rep), 1);
    assert_non_null(strstr(rep.first, "block 2, byte 260"));
    print_message("caught: %s\n", rep.first);
}

static void test_quantize_overrun(void **state)
{
    (void)state;
    q4k_variant v = fake_quantize(q_overrun);
    q4k_verify_report rep;
    assert_int_equal(q4k_verify_quantize_q8k(&v, NULL, &rep), 1);
    assert_non_null(strstr(rep.first, "wrote outside"));
}

static void test_quantize_rounding(void **state)
{
    (void)state;
    q4k_variant v = fake_quantize(q_round_away);
    q4k_verify_report rep;
    assert_int_equal(q4k_verify_quantize_q8k(&v, NULL, &rep), 1); /* the exact halves */
    print_message("caught: %s\n", rep.first);
}

static void test_wrong_op_refused(void **state)
{
    (void)state;
    q4k_verify_report rep;
    const q4k_variant *d = q4k_variant_find("q4k_dequant__scalar");
    assert_int_equal(q4k_verify_matvec(d, NULL, &rep), Q4K_EINVAL);
    assert_int_equal(q4k_verify_quantize_q8k(d, NULL, &rep), Q4K_EINVAL);
    assert_int_equal(q4k_verify_matvec_golden(NULL, "/nonexistent", &rep), Q4K_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_references_pass),
        cmocka_unit_test(test_plans_verify_their_baselines),
        cmocka_unit_test(test_matvec_wrong_bit),
        cmocka_unit_test(test_matvec_overrun),
        cmocka_unit_test(test_matvec_stride),
        cmocka_unit_test(test_matvec_nan_payload_passes),
        cmocka_unit_test(test_matvec_off_ggml),
        cmocka_unit_test(test_quantize_wrong_byte),
        cmocka_unit_test(test_quantize_overrun),
        cmocka_unit_test(test_quantize_rounding),
        cmocka_unit_test(test_wrong_op_refused),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
