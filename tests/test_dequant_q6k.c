/* test_dequant_q6k.c - Q6_K dequantization (operation dequant_q6k): every
 * variant usable on this CPU bit-exact against llama.cpp's golden output and
 * an independent decoder (written here from tests/data/README.md, in
 * double precision), on random bytes at every size edge and byte
 * misalignment with guard bytes, on every value of every scale byte and on
 * fp16 specials in d; the public entry points' errors; the registry and the
 * built-in dispatch; and the tuner's check (q4k verify) on variants broken on
 * purpose. */
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
#include "verify.h"

enum { QB = 210, QV = 256 };

static const char *const golden_cases[] = {"gaussian", "outliers", "randbytes", "special_d"};

/* ---- the independent decoder ------------------------------------------------- */

static double fp16_value(uint16_t h)
{
    const int e = (h >> 10) & 31, m = h & 1023;
    double v = e == 0 ? ldexp(m, -24) : e == 31 ? (m ? NAN : INFINITY) : ldexp(1024 + m, e - 25);
    return (h & 0x8000) ? -v : v;
}

/* Output k of a block: the README's table, case by case. The product is
 * exact in double and fits float's 24 bits, so the cast does not round. */
static float decode_value(const uint8_t *b, int k)
{
    const int n = k / 128, r = k % 128, l = r % 32, is = l / 16;
    const uint8_t *ql = b + 64 * n, *qh = b + 128 + 32 * n;
    const int8_t *sc = (const int8_t *)(b + 192 + 8 * n);
    int q, s;
    switch (r / 32) {
    case 0: q = (ql[l] & 0xF) | ((qh[l] >> 0) & 3) << 4, s = sc[is + 0]; break;
    case 1: q = (ql[l + 32] & 0xF) | ((qh[l] >> 2) & 3) << 4, s = sc[is + 2]; break;
    case 2: q = (ql[l] >> 4) | ((qh[l] >> 4) & 3) << 4, s = sc[is + 4]; break;
    default: q = (ql[l + 32] >> 4) | ((qh[l] >> 6) & 3) << 4, s = sc[is + 6]; break;
    }
    const double d = fp16_value((uint16_t)(b[208] | b[209] << 8));
    return (float)(d * (double)s * (double)(q - 32));
}

static void decode(const uint8_t *blocks, size_t n, float *out)
{
    for (size_t i = 0; i < n; i++)
        for (int k = 0; k < QV; k++)
            out[QV * i + k] = decode_value(blocks + QB * i, k);
}

/* ---- helpers -------------------------------------------------------------- */

static void check_output(const char *who, const float *got, const float *want, size_t n, const char *what)
{
    long bad = tu_first_mismatch(got, want, n);
    if (bad >= 0) {
        uint32_t g, w;
        memcpy(&g, (const char *)got + 4 * bad, 4);
        memcpy(&w, (const char *)want + 4 * bad, 4);
        fail_msg("%s, %s: value %ld (block %ld): got 0x%08x, want 0x%08x", who, what, bad, bad / QV,
                 (unsigned)g, (unsigned)w);
    }
}

/* The usable variants of dequant_q6k, in registry order; at most 64. */
static size_t usable_variants(const q4k_variant **vs)
{
    size_t n = 0;
    for (size_t i = 0; i < q4k_variant_count() && n < 64; i++)
        if (q4k_variant_at(i)->op == Q4K_OP_DEQUANT_Q6K)
            vs[n++] = q4k_variant_at(i);
    return n;
}

/* ---- tests ------------------------------------------------------------------ */

/* The decoder above and the format helpers of q4k_format.h agree with
 * llama.cpp, so a failure below is the kernel's. */
static void decoder_and_format_helpers_match_llama_cpp(void **state)
{
    (void)state;
    for (size_t c = 0; c < sizeof golden_cases / sizeof golden_cases[0]; c++) {
        char name[64];
        size_t nb, nf;
        snprintf(name, sizeof name, "q6k_%s.bin", golden_cases[c]);
        uint8_t *bin = tu_read_file(tu_data_path(name), &nb);
        snprintf(name, sizeof name, "q6k_%s.f32", golden_cases[c]);
        float *want = tu_read_file(tu_data_path(name), &nf);
        const size_t n = nb / QB;
        assert_int_equal(nb % QB, 0);
        assert_int_equal(nf, n * QV * sizeof(float));
        float *got = malloc(nf);
        assert_non_null(got);
        decode(bin, n, got);
        check_output("independent decoder", got, want, n * QV, golden_cases[c]);
        for (size_t i = 0; i < n; i++)
            for (int k = 0; k < QV; k++) {
                const uint8_t *b = bin + QB * i;
                const int q = q4k_q6k_quant(b, k), s = q4k_q6k_scale(b, k / 16);
                const float y = (float)(fp16_value(q4k_load_le16(b + Q6K_OFF_D)) * s * q);
                if (!tu_same(y, want[QV * i + k]))
                    fail_msg("q4k_q6k_quant/scale, %s block %zu value %d", golden_cases[c], i, k);
            }
        free(bin), free(want), free(got);
    }
}

/* Every usable variant, and the dispatcher, against llama.cpp's output. */
static void golden_vectors(void **state)
{
    (void)state;
    const q4k_variant *vs[64];
    const size_t nv = usable_variants(vs);
    size_t checked = 0;
    for (size_t c = 0; c < sizeof golden_cases / sizeof golden_cases[0]; c++) {
        char name[64];
        size_t nb, nf;
        snprintf(name, sizeof name, "q6k_%s.bin", golden_cases[c]);
        uint8_t *bin = tu_read_file(tu_data_path(name), &nb);
        snprintf(name, sizeof name, "q6k_%s.f32", golden_cases[c]);
        float *want = tu_read_file(tu_data_path(name), &nf);
        const size_t n = nb / QB;
        float *got = malloc(nf);
        assert_non_null(got);
        for (size_t i = 0; i < nv; i++) {
            memset(got, 0x5a, nf);
            assert_int_equal(q4k_dequantize_q6k_with(vs[i], bin, n, got), Q4K_OK);
            check_output(vs[i]->name, got, want, n * QV, golden_cases[c]);
            checked += n * QV;
        }
        memset(got, 0x5a, nf);
        assert_int_equal(q4k_dequantize_q6k(bin, n, got), Q4K_OK);
        check_output(q4k_dispatch_select(Q4K_OP_DEQUANT_Q6K, n)->name, got, want, n * QV, golden_cases[c]);
        free(bin), free(want), free(got);
    }
    print_message("golden: %zu values bit-exact over %zu dequant_q6k variants\n", checked, nv);
}

/* Random bytes (every bit pattern is valid input) at every size edge of
 * every unroll, input and output at every byte misalignment, guard bytes
 * around the output. */
static void sizes_alignment_and_guards(void **state)
{
    (void)state;
    static const size_t sizes[] = {0, 1, 2, 3, 4, 5, 7, 8, 9, 13, 16, 17, 31, 33, 65};
    /* from a 64-byte aligned address: byte-misaligned, and float-aligned at
     * every skew a 32- or 64-byte streaming store sees */
    static const size_t out_offsets[] = {0, 1, 2, 3, 4, 16, 32, 60};
    enum { MAXN = 65, GUARD = 128, SLACK = 64 };
    const q4k_variant *vs[64];
    const size_t nv = usable_variants(vs);
    uint8_t *src = malloc(MAXN * QB + 8);
    float *want = malloc(MAXN * QV * sizeof(float));
    uint8_t *dst = aligned_alloc(64, MAXN * 1024 + 2 * GUARD + SLACK);
    assert_true(src && want && dst);
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        const size_t n = sizes[s];
        for (size_t in_off = 0; in_off < 4; in_off++) {
            tu_random_bytes(src + in_off, n * QB, 6000 + 10 * s + in_off);
            decode(src + in_off, n, want);
            for (size_t o = 0; o < sizeof out_offsets / sizeof out_offsets[0]; o++) {
                const size_t out_off = out_offsets[o];
                for (size_t i = 0; i < nv; i++) {
                    memset(dst, 0xa5, MAXN * 1024 + 2 * GUARD + SLACK);
                    float *out = (float *)(void *)(dst + GUARD + out_off);
                    assert_int_equal(q4k_dequantize_q6k_with(vs[i], src + in_off, n, out), Q4K_OK);
                    char what[64];
                    snprintf(what, sizeof what, "n=%zu in+%zu out+%zu", n, in_off, out_off);
                    check_output(vs[i]->name, out, want, n * QV, what);
                    for (size_t k = 0; k < MAXN * 1024 + 2 * GUARD + SLACK; k++)
                        if ((k < GUARD + out_off || k >= GUARD + out_off + n * 1024) && dst[k] != 0xa5)
                            fail_msg("%s, %s: wrote byte %td outside the output", vs[i]->name, what,
                                     (ptrdiff_t)k - (ptrdiff_t)(GUARD + out_off));
                }
            }
        }
    }
    free(src), free(want), free(dst);
}

/* fp16 specials in d (zeros, subnormals, the smallest normal, the largest
 * finite, infinities, NaNs incl. signalling, both signs), every one of the
 * 256 values of each of the 16 scale bytes, and the extremes of the
 * product: against the decoder and, bit for bit, against the scalar
 * variant. */
static void special_d_and_every_scale_byte(void **state)
{
    (void)state;
    static const uint16_t special[] = {0x0000, 0x8000, 0x0001, 0x8001, 0x03ff, 0x83ff, 0x0400, 0x8400, 0x3c00,
                                       0xbc00, 0x7bff, 0xfbff, 0x7c00, 0xfc00, 0x7e00, 0xfe00, 0x7c01, 0x7fff};
    const size_t ns = sizeof special / sizeof special[0];
    const size_t n = 2 * ns + 16 * 256 + 2;
    uint8_t *src = malloc(n * QB);
    float *want = malloc(n * 1024), *ref = malloc(n * 1024), *got = malloc(n * 1024);
    assert_true(src && want && ref && got);
    tu_random_bytes(src, n * QB, 77);
    for (size_t i = 0; i < 2 * ns; i++) {
        uint8_t *b = src + QB * i;
        if (i >= ns) /* a zero scale and a q of 32 (zero after the offset) next to inf and NaN */
            b[192 + i % 16] = 0, b[i % 64] = 0, b[128 + i % 64] = 0xaa;
        b[208] = (uint8_t)special[i % ns], b[209] = (uint8_t)(special[i % ns] >> 8);
    }
    for (size_t i = 0; i < 16 * 256; i++) {
        uint8_t *b = src + QB * (2 * ns + i);
        b[208] = 0x00, b[209] = 0x3c; /* d = 1 */
        b[192 + i / 256] = (uint8_t)(i % 256);
    }
    for (int k = 0; k < 2; k++) { /* q = -32 and q = 31 everywhere, d = 65504, scales -128 */
        uint8_t *b = src + QB * (2 * ns + 16 * 256 + k);
        memset(b, k ? 0xff : 0x00, 192);
        memset(b + 192, 0x80, 16);
        b[208] = 0xff, b[209] = 0x7b;
    }
    decode(src, n, want);
    size_t nan_seen = 0, neg_zero_seen = 0, inf_seen = 0;
    for (size_t k = 0; k < n * QV; k++) {
        uint32_t bits;
        memcpy(&bits, &want[k], 4);
        nan_seen += want[k] != want[k];
        inf_seen += isinf(want[k]) != 0;
        neg_zero_seen += bits == 0x80000000u;
    }
    assert_true(nan_seen > 0 && inf_seen > 0 && neg_zero_seen > 0); /* the cases that can go wrong are there */
    const q4k_variant *scalar = q4k_variant_find("q4k_dequant_q6k__scalar");
    assert_non_null(scalar);
    assert_int_equal(q4k_dequantize_q6k_with(scalar, src, n, ref), Q4K_OK);
    check_output(scalar->name, ref, want, n * QV, "special d and scale bytes");
    const q4k_variant *vs[64];
    const size_t nv = usable_variants(vs);
    for (size_t i = 0; i < nv; i++) {
        assert_int_equal(q4k_dequantize_q6k_with(vs[i], src, n, got), Q4K_OK);
        check_output(vs[i]->name, got, want, n * QV, "special d and scale bytes");
        check_output(vs[i]->name, got, ref, n * QV, "special d and scale bytes, against the scalar variant");
    }
    free(src), free(want), free(ref), free(got);
}

static void registry_and_dispatch(void **state)
{
    (void)state;
    assert_int_equal(Q4K_OP_DEQUANT_Q6K, 3);
    assert_string_equal(q4k_op_name(Q4K_OP_DEQUANT_Q6K), "dequant_q6k");
    assert_int_equal(q4k_op_find("dequant_q6k"), Q4K_OP_DEQUANT_Q6K);
    const q4k_variant *scalar = q4k_variant_find("q4k_dequant_q6k__scalar");
    assert_non_null(scalar);
    assert_true(q4k_variant_usable(scalar));
    assert_string_equal(scalar->isa, "scalar");
    size_t per_isa[4] = {0};
    for (size_t i = 0; i < q4k_variant_count_all(); i++) {
        const q4k_variant *v = q4k_variant_at_all(i);
        if (v->op != Q4K_OP_DEQUANT_Q6K)
            continue;
        assert_non_null(v->fn);
        assert_null(v->matvec);
        assert_null(v->quantize);
        assert_true(strncmp(v->name, "q4k_dequant_q6k__", 17) == 0);
        assert_true(strstr(v->name, v->isa) == v->name + 17);
        assert_true(v->unroll >= 1);
        assert_int_equal(v->nontemporal, strstr(v->name, "_nt") != NULL);
        if (strcmp(v->isa, "scalar")) {
            char tag[32];
            snprintf(tag, sizeof tag, "_u%u_p%u", v->unroll, v->prefetch);
            assert_non_null(strstr(v->name, tag));
        }
        per_isa[!strcmp(v->isa, "neon") ? 1 : !strcmp(v->isa, "avx2") ? 2 : !strcmp(v->isa, "avx512") ? 3 : 0]++;
    }
    assert_int_equal(per_isa[0], 1);
#if defined(__aarch64__)
    assert_int_equal(per_isa[1], 4);
#elif defined(__x86_64__)
    assert_int_equal(per_isa[2], 4);
    assert_int_equal(per_isa[3], 4);
#endif
    /* the built-in table has dequant_q6k buckets, and every size runs a
     * usable variant of this op */
    const q4k_dispatch_table *t = q4k_dispatch_current();
    size_t buckets = 0;
    for (size_t i = 0; i < t->n_buckets; i++)
        buckets += t->buckets[i].op == Q4K_OP_DEQUANT_Q6K;
    assert_true(buckets >= 1);
    for (size_t n = 0; n <= ((size_t)1 << 24); n = n * 3 / 2 + 1) {
        const q4k_variant *v = q4k_dispatch_select(Q4K_OP_DEQUANT_Q6K, n);
        assert_non_null(v);
        assert_int_equal(v->op, Q4K_OP_DEQUANT_Q6K);
        assert_true(q4k_variant_usable(v));
    }
    assert_int_equal(q4k_dispatch_select(Q4K_OP_DEQUANT_Q6K, SIZE_MAX)->op, Q4K_OP_DEQUANT_Q6K);
    print_message("dequant_q6k variants: scalar %zu, neon %zu, avx2 %zu, avx512 %zu; %zu built-in buckets\n",
                  per_isa[0], per_isa[1], per_isa[2], per_isa[3], buckets);
}

static void bad_arguments_are_clear_errors(void **state)
{
    (void)state;
    float out[256];
    uint8_t block[QB] = {0};
    const q4k_variant *scalar = q4k_variant_find("q4k_dequant_q6k__scalar");
    assert_int_equal(q4k_dequantize_q6k(NULL, 1, out), Q4K_EINVAL);
    assert_int_equal(q4k_dequantize_q6k(block, 1, NULL), Q4K_EINVAL);
    assert_int_equal(q4k_dequantize_q6k(NULL, 0, NULL), Q4K_OK);
    assert_int_equal(q4k_dequantize_q6k(block, SIZE_MAX / 1024 + 1, out), Q4K_EOVERFLOW);
    assert_int_equal(q4k_dequantize_q6k(block, SIZE_MAX, out), Q4K_EOVERFLOW);
    assert_int_equal(q4k_dequantize_q6k_with(NULL, block, 1, out), Q4K_EINVAL);
    assert_int_equal(q4k_dequantize_q6k_with(scalar, NULL, 1, out), Q4K_EINVAL);
    assert_int_equal(q4k_dequantize_q6k_with(scalar, block, 1, NULL), Q4K_EINVAL);
    assert_int_equal(q4k_dequantize_q6k_with(scalar, block, SIZE_MAX, out), Q4K_EOVERFLOW);
    assert_int_equal(q4k_dequantize_q6k_with(scalar, NULL, 0, NULL), Q4K_OK);
    /* a variant of another operation, with the same kernel signature, is
     * refused both ways round */
    const q4k_variant *q4 = q4k_variant_find("q4k_dequant__scalar");
    assert_non_null(q4);
    assert_int_equal(q4k_dequantize_q6k_with(q4, block, 1, out), Q4K_EINVAL);
    assert_int_equal(q4k_dequantize_with(scalar, block, 1, out), Q4K_EINVAL);
    /* one this CPU cannot run is refused, not executed */
    for (size_t i = 0; i < q4k_variant_count_all(); i++) {
        const q4k_variant *v = q4k_variant_at_all(i);
        if (v->op == Q4K_OP_DEQUANT_Q6K && !q4k_variant_usable(v))
            assert_int_equal(q4k_dequantize_q6k_with(v, block, 1, out), Q4K_EUNSUPPORTED);
    }
    q4k_variant fake = *scalar;
    fake.features = 1u << 31; /* a feature no CPU reports */
    assert_int_equal(q4k_dequantize_q6k_with(&fake, block, 1, out), Q4K_EUNSUPPORTED);
    fake = *scalar;
    fake.fn = NULL;
    assert_int_equal(q4k_dequantize_q6k_with(&fake, block, 1, out), Q4K_EINVAL);
    /* and a good call after all that: an all-zero block is d = 0, 256 zeros */
    assert_int_equal(q4k_dequantize_q6k(block, 1, out), Q4K_OK);
    for (int k = 0; k < 256; k++)
        assert_true(out[k] == 0.0f);
}

/* ---- the tuner's check, on variants broken on purpose ----------------------- */

static q4k_kernel_fn ref_fn;

/* One bit of one finite output of the 5th block of every call of 5+. */
static void broken_bit(const void *blocks, float *out, size_t n)
{
    ref_fn(blocks, out, n);
    for (size_t i = 4 * 256 + 17; i < n * 256; i += 256) {
        float f;
        memcpy(&f, out + i, 4);
        if (f == f) {
            uint32_t b;
            memcpy(&b, &f, 4);
            b ^= 1;
            memcpy(out + i, &b, 4);
            return;
        }
    }
}

/* One float past the output, in the calls the check makes with guard
 * bytes (up to 64 blocks; its one big call has none: a real overrun). */
static void broken_overrun(const void *blocks, float *out, size_t n)
{
    ref_fn(blocks, out, n);
    if (n && n <= 64) {
        const float z = 0;
        memcpy(out + n * 256, &z, 4);
    }
}

/* +0 where the result is -0 (a sign of zero lost). */
static void broken_zero_sign(const void *blocks, float *out, size_t n)
{
    ref_fn(blocks, out, n);
    for (size_t i = 0; i < n * 256; i++) {
        float f;
        memcpy(&f, out + i, 4);
        if (f == 0) {
            f = 0.0f;
            memcpy(out + i, &f, 4);
        }
    }
}

/* A NaN of another payload and sign: allowed by the contract. */
static void other_nan(const void *blocks, float *out, size_t n)
{
    ref_fn(blocks, out, n);
    for (size_t i = 0; i < n * 256; i++) {
        float f;
        memcpy(&f, out + i, 4);
        if (f != f) {
            const uint32_t b = 0xffc01234u;
            memcpy(out + i, &b, 4);
        }
    }
}

static void tuner_verify_catches_broken_variants(void **state)
{
    (void)state;
    const q4k_variant *scalar = q4k_variant_find("q4k_dequant_q6k__scalar");
    ref_fn = scalar->fn;
    const char *data = getenv("Q4K_TESTDATA");
    q4k_variant v = *scalar;
    q4k_verify_report rep;
    /* every usable variant passes, golden files included */
    const q4k_variant *vs[64];
    const size_t nv = usable_variants(vs);
    for (size_t i = 0; i < nv; i++) {
        int st = q4k_verify_dequant_q6k(vs[i], data, &rep);
        if (st != 0)
            fail_msg("%s: %s", vs[i]->name, rep.first);
        assert_true(rep.values > 1000000);
    }
    assert_int_equal(q4k_verify_dequant_q6k_golden(scalar, data, &rep), 0);
    assert_int_equal(rep.values, (3 * 1024 + 352) * 256);
    static const struct {
        q4k_kernel_fn fn;
        int want;
        const char *what;
    } fakes[] = {
        {broken_bit, 1, "value"},
        {broken_overrun, 1, "outside"},
        {broken_zero_sign, 1, "value"},
        {other_nan, 0, ""},
    };
    for (size_t f = 0; f < sizeof fakes / sizeof fakes[0]; f++) {
        v.name = "q4k_dequant_q6k__fake";
        v.fn = fakes[f].fn;
        int st = q4k_verify_dequant_q6k(&v, NULL, &rep);
        if (st != fakes[f].want)
            fail_msg("fake %zu: verify returned %d, want %d (%s)", f, st, fakes[f].want, rep.first);
        if (fakes[f].want)
            assert_non_null(strstr(rep.first, fakes[f].what));
    }
    /* a variant of another op is not checked as this one */
    assert_int_equal(q4k_verify_dequant_q6k(q4k_variant_find("q4k_dequant__scalar"), NULL, &rep), Q4K_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(decoder_and_format_helpers_match_llama_cpp),
        cmocka_unit_test(registry_and_dispatch),
        cmocka_unit_test(golden_vectors),
        cmocka_unit_test(sizes_alignment_and_guards),
        cmocka_unit_test(special_d_and_every_scale_byte),
        cmocka_unit_test(bad_arguments_are_clear_errors),
        cmocka_unit_test(tuner_verify_catches_broken_variants),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
