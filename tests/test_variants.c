/* test_variants.c - every kernel variant usable on this CPU, bit-exact
 * (ARCHITECTURE.md section 3) against llama.cpp's golden output and an
 * independent decoder: every size edge, unaligned pointers, guard bytes,
 * special fp16 scales and every scale byte value. */
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

static const char *const golden_cases[] = {
    "gaussian", "uniform", "outliers", "zeros", "tiny", "large", "overflow",
    "structured", "randbytes", "special_dm", "scalebytes", "fp16mix",
};

static void check_variant_output(const q4k_variant *v, const float *got, const float *want,
                                 size_t n, const char *what)
{
    long bad = tu_first_mismatch(got, want, n);
    if (bad >= 0) {
        uint32_t g, w;
        memcpy(&g, (const char *)got + 4 * bad, 4);
        memcpy(&w, (const char *)want + 4 * bad, 4);
        fail_msg("%s, %s: value %ld (block %ld): got 0x%08x, want 0x%08x", v->name, what, bad,
                 bad / 256, (unsigned)g, (unsigned)w);
    }
}

/* Every usable variant against llama.cpp's own dequantized output. */
static void golden_vectors(void **state)
{
    (void)state;
    size_t checked = 0;
    for (size_t c = 0; c < sizeof golden_cases / sizeof golden_cases[0]; c++) {
        char name[64];
        size_t bin_size, f32_size;
        snprintf(name, sizeof name, "q4k_%s.bin", golden_cases[c]);
        uint8_t *bin = tu_read_file(tu_data_path(name), &bin_size);
        snprintf(name, sizeof name, "q4k_%s.f32", golden_cases[c]);
        float *want = tu_read_file(tu_data_path(name), &f32_size);
        const size_t n = bin_size / 144;
        assert_int_equal(bin_size % 144, 0);
        assert_int_equal(f32_size, n * 256 * sizeof(float));
        float *got = malloc(f32_size);
        assert_non_null(got);
        for (size_t i = 0; i < q4k_variant_count(); i++) {
            const q4k_variant *v = q4k_variant_at(i);
            if (v->op != Q4K_OP_DEQUANT)
                continue;
            memset(got, 0x5a, f32_size);
            assert_int_equal(q4k_dequantize_with(v, bin, n, got), Q4K_OK);
            check_variant_output(v, got, want, n * 256, golden_cases[c]);
            checked += n * 256;
        }
        /* and the dispatcher */
        memset(got, 0x5a, f32_size);
        assert_int_equal(q4k_dequantize(bin, n, got), Q4K_OK);
        check_variant_output(q4k_dispatch_variant(n), got, want, n * 256, golden_cases[c]);
        free(bin), free(want), free(got);
    }
    print_message("golden: %zu values bit-exact over %zu variants\n", checked, q4k_variant_count());
}

/* Random bytes (any bit pattern is valid input) against the independent
 * decoder, at every size edge of every unroll factor, with input and
 * output at every byte misalignment and guard bytes around the output. */
static void sizes_alignment_and_guards(void **state)
{
    (void)state;
    static const size_t sizes[] = {0, 1, 2, 3, 4, 5, 7, 8, 9, 13, 16, 17, 31, 33, 65};
    /* output offsets from a 64-byte aligned address: byte-misaligned, and
     * float-aligned at every skew a 32- or 64-byte streaming store sees */
    static const size_t out_offsets[] = {0, 1, 2, 3, 4, 16, 32, 60};
    enum { MAXN = 65, GUARD = 128, SLACK = 64 };
    uint8_t *src = malloc(MAXN * 144 + 8);
    float *want = malloc(MAXN * 256 * sizeof(float));
    uint8_t *dst = aligned_alloc(64, MAXN * 1024 + 2 * GUARD + SLACK);
    assert_true(src && want && dst);
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        const size_t n = sizes[s];
        for (size_t in_off = 0; in_off < 4; in_off++) {
            tu_random_bytes(src + in_off, n * 144, 1000 * s + in_off);
            for (size_t b = 0; b < n; b++)
                tu_reference_block(src + in_off + 144 * b, want + 256 * b);
            for (size_t o = 0; o < sizeof out_offsets / sizeof out_offsets[0]; o++) {
                const size_t out_off = out_offsets[o];
                for (size_t i = 0; i < q4k_variant_count(); i++) {
                    const q4k_variant *v = q4k_variant_at(i);
                    if (v->op != Q4K_OP_DEQUANT)
                        continue;
                    memset(dst, 0xa5, MAXN * 1024 + 2 * GUARD + SLACK);
                    float *out = (float *)(void *)(dst + GUARD + out_off);
                    assert_int_equal(q4k_dequantize_with(v, src + in_off, n, out), Q4K_OK);
                    char what[64];
                    snprintf(what, sizeof what, "n=%zu in+%zu out+%zu", n, in_off, out_off);
                    check_variant_output(v, out, want, n * 256, what);
                    for (size_t k = 0; k < MAXN * 1024 + 2 * GUARD + SLACK; k++)
                        if ((k < GUARD + out_off || k >= GUARD + out_off + n * 1024) && dst[k] != 0xa5)
                            fail_msg("%s, %s: wrote byte %zd outside the output", v->name, what,
                                     (ptrdiff_t)k - (ptrdiff_t)(GUARD + out_off));
                }
            }
        }
    }
    free(src), free(want), free(dst);
}

/* fp16 d/dmin: zeros, subnormals, max, infinities, NaNs (incl. signalling),
 * both signs, and the edge of the NEON fmlal fast path (d*2^24 still an
 * fp16 up to 0x1bff, not from 0x1c00); plus every byte value in each of the
 * 12 scale bytes. */
static void special_scales_and_every_scale_byte(void **state)
{
    (void)state;
    static const uint16_t special[] = {0x0000, 0x8000, 0x0001, 0x8001, 0x03ff, 0x83ff, 0x0400,
                                       0x3c00, 0xbc00, 0x7bff, 0xfbff, 0x7c00, 0xfc00, 0x7e00,
                                       0xfe00, 0x7c01, 0x7fff, 0xfc01, 0x1bff, 0x9bff, 0x1c00,
                                       0x9c00};
    const size_t ns = sizeof special / sizeof special[0];
    const size_t n = ns * ns + 12 * 256;
    uint8_t *src = malloc(n * 144);
    float *want = malloc(n * 1024), *got = malloc(n * 1024);
    assert_true(src && want && got);
    tu_random_bytes(src, n * 144, 77);
    for (size_t i = 0; i < ns * ns; i++) {
        uint8_t *b = src + 144 * i;
        b[0] = (uint8_t)special[i / ns], b[1] = (uint8_t)(special[i / ns] >> 8);
        b[2] = (uint8_t)special[i % ns], b[3] = (uint8_t)(special[i % ns] >> 8);
    }
    for (size_t i = 0; i < 12 * 256; i++) {
        uint8_t *b = src + 144 * (ns * ns + i);
        b[0] = 0x00, b[1] = 0x3c, b[2] = 0x00, b[3] = 0x38; /* d = 1, dmin = 0.5: exact */
        b[4 + i / 256] = (uint8_t)(i % 256);
    }
    for (size_t b = 0; b < n; b++)
        tu_reference_block(src + 144 * b, want + 256 * b);
    size_t nan_seen = 0, neg_zero_seen = 0;
    for (size_t k = 0; k < n * 256; k++) {
        nan_seen += want[k] != want[k];
        uint32_t bits;
        memcpy(&bits, &want[k], 4);
        neg_zero_seen += bits == 0x80000000u;
    }
    assert_true(nan_seen > 0 && neg_zero_seen > 0); /* the cases that can go wrong are there */
    for (size_t i = 0; i < q4k_variant_count(); i++) {
        const q4k_variant *v = q4k_variant_at(i);
        if (v->op != Q4K_OP_DEQUANT)
            continue;
        assert_int_equal(q4k_dequantize_with(v, src, n, got), Q4K_OK);
        check_variant_output(v, got, want, n * 256, "special d/dmin and scale bytes");
    }
    free(src), free(want), free(got);
}

#if defined(__aarch64__)
static uint64_t fpcr_get(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, fpcr" : "=r"(v));
    return v;
}

static void fpcr_set(uint64_t v)
{
    __asm__ volatile("msr fpcr, %0" : : "r"(v) : "memory");
}

/* A caller may run with FPCR.FZ16 (bit 19) and FZ (bit 24) set. The
 * contract (q4k_format.h) is stated for the default FPCR, and every NEON
 * variant must give the same bits anyway: FMLAL would flush an fp16
 * subnormal d under FZ16, so the fmlal kernels read FPCR and then run the
 * half method; fp32 flushing never applies (no value is an fp32
 * subnormal). Inputs: the special d/dmin pairs, the golden "tiny" and
 * "fp16mix" files, and blocks whose d is an fp16 subnormal. The expected
 * values come from the reference decoder under the default FPCR. */
static void neon_variants_ignore_fz16_and_fz(void **state)
{
    (void)state;
    static const uint16_t special[] = {0x0000, 0x8000, 0x0001, 0x8001, 0x03ff, 0x83ff, 0x0400,
                                       0x3c00, 0xbc00, 0x7bff, 0xfbff, 0x7c00, 0xfc00, 0x7e00,
                                       0xfe00, 0x7c01, 0x7fff, 0xfc01, 0x0200, 0x8155};
    enum { NSUB = 2048 };
    const size_t ns = sizeof special / sizeof special[0];
    size_t tiny_size, mix_size;
    uint8_t *tiny = tu_read_file(tu_data_path("q4k_tiny.bin"), &tiny_size);
    uint8_t *mix = tu_read_file(tu_data_path("q4k_fp16mix.bin"), &mix_size);
    assert_int_equal(tiny_size % 144, 0);
    assert_int_equal(mix_size % 144, 0);
    const size_t n = ns * ns + NSUB + tiny_size / 144 + mix_size / 144;
    uint8_t *src = malloc(n * 144);
    float *want = malloc(n * 1024), *got = malloc(n * 1024);
    assert_true(src && want && got);
    tu_random_bytes(src, n * 144, 4242);
    for (size_t i = 0; i < ns * ns; i++) {
        uint8_t *b = src + 144 * i;
        b[0] = (uint8_t)special[i / ns], b[1] = (uint8_t)(special[i / ns] >> 8);
        b[2] = (uint8_t)special[i % ns], b[3] = (uint8_t)(special[i % ns] >> 8);
    }
    for (size_t i = 0; i < NSUB; i++) { /* d: every fp16 subnormal, both signs */
        uint8_t *b = src + 144 * (ns * ns + i);
        const unsigned h = (unsigned)(i & 0x3ff ? i & 0x3ff : 0x155) | (i & 0x400 ? 0x8000u : 0u);
        b[0] = (uint8_t)h, b[1] = (uint8_t)(h >> 8);
    }
    memcpy(src + 144 * (ns * ns + NSUB), tiny, tiny_size);
    memcpy(src + 144 * (ns * ns + NSUB) + tiny_size, mix, mix_size);
    for (size_t b = 0; b < n; b++)
        tu_reference_block(src + 144 * b, want + 256 * b);

    const uint64_t old = fpcr_get(), flush = (1u << 19) | (1u << 24);
    fpcr_set(old | flush);
    const uint64_t now = fpcr_get();
    fpcr_set(old);
    /* FZ always sticks; FZ16 is RES0 without FEAT_FP16 (e.g. Cortex-A72),
     * but a CPU with fhm (the fmlal kernels) has FP16 and keeps it */
    assert_true(now & (1u << 24));
    if (q4k_cpu_features_detected() & Q4K_FEAT_FHM)
        assert_true(now & (1u << 19));
    size_t checked = 0;
    for (size_t i = 0; i < q4k_variant_count(); i++) {
        const q4k_variant *v = q4k_variant_at(i);
        if (v->op != Q4K_OP_DEQUANT || strcmp(v->isa, "neon"))
            continue;
        memset(got, 0x5a, n * 1024);
        fpcr_set(old | flush);
        const int st = q4k_dequantize_with(v, src, n, got);
        fpcr_set(old); /* before any check: a failure longjmps */
        assert_int_equal(st, Q4K_OK);
        check_variant_output(v, got, want, n * 256, "FPCR.FZ16|FZ");
        checked++;
    }
    assert_true(checked > 0);
    assert_int_equal(fpcr_get(), old);
    print_message("FPCR.FZ16|FZ: %zu NEON variants bit-exact over %zu blocks\n", checked, n);
    free(tiny), free(mix), free(src), free(want), free(got);
}
#endif

/* The independent decoder itself agrees with llama.cpp on the golden data
 * (so a failure above is the kernel's, not the reference's). */
static void reference_decoder_matches_llama_cpp(void **state)
{
    (void)state;
    size_t bin_size, f32_size;
    uint8_t *bin = tu_read_file(tu_data_path("q4k_special_dm.bin"), &bin_size);
    float *want = tu_read_file(tu_data_path("q4k_special_dm.f32"), &f32_size);
    float got[256];
    for (size_t b = 0; b < bin_size / 144; b++) {
        tu_reference_block(bin + 144 * b, got);
        long bad = tu_first_mismatch(got, want + 256 * b, 256);
        if (bad >= 0)
            fail_msg("reference decoder, block %zu value %ld", b, bad);
    }
    free(bin), free(want);
}

static void registry_is_consistent(void **state)
{
    (void)state;
    assert_true(q4k_variant_count() >= 1);
    assert_true(q4k_variant_count_all() >= q4k_variant_count());
    const q4k_variant *scalar = q4k_variant_find("q4k_dequant__scalar");
    assert_non_null(scalar);
    assert_true(q4k_variant_usable(scalar));
    assert_string_equal(scalar->isa, "scalar");
    assert_null(q4k_variant_find("q4k_dequant__no_such_kernel"));
    assert_null(q4k_variant_find(NULL));
    assert_null(q4k_variant_at(q4k_variant_count()));
    assert_null(q4k_variant_at_all(q4k_variant_count_all()));
    for (size_t i = 0; i < q4k_variant_count_all(); i++) {
        const q4k_variant *v = q4k_variant_at_all(i);
        assert_ptr_equal(q4k_variant_find(v->name), v);
        /* the name starts with its operation: q4k_<op>__<isa>... */
        char prefix[40];
        snprintf(prefix, sizeof prefix, "q4k_%s__%s", q4k_op_name(v->op), v->isa);
        assert_true(strncmp(v->name, prefix, strlen(prefix)) == 0);
        if (v->op != Q4K_OP_DEQUANT)
            continue;
        assert_true(v->fn != NULL);
        assert_true(strstr(v->name, v->isa) == v->name + 13);
        assert_true(v->unroll >= 1);
        char tag[32];
        snprintf(tag, sizeof tag, "_u%u_p%u", v->unroll, v->prefetch);
        if (strcmp(v->isa, "scalar"))
            assert_non_null(strstr(v->name, tag));
        assert_int_equal(v->nontemporal, strstr(v->name, "_nt") != NULL);
    }
    size_t per_isa[4] = {0};
    for (size_t i = 0; i < q4k_variant_count_all(); i++) {
        if (q4k_variant_at_all(i)->op != Q4K_OP_DEQUANT)
            continue;
        const char *isa = q4k_variant_at_all(i)->isa;
        per_isa[!strcmp(isa, "neon") ? 1 : !strcmp(isa, "avx2") ? 2 : !strcmp(isa, "avx512") ? 3 : 0]++;
    }
#if defined(__aarch64__)
    assert_true(per_isa[1] >= 8);
    /* NEON is baseline: only a variant that needs more (fmlal: fhm) may be unusable */
    for (size_t i = 0; i < q4k_variant_count_all(); i++) {
        const q4k_variant *v = q4k_variant_at_all(i);
        if (v->op == Q4K_OP_DEQUANT && (v->features & ~(unsigned)Q4K_FEAT_NEON) == 0)
            assert_true(q4k_variant_usable(v));
    }
#elif defined(__x86_64__)
    assert_true(per_isa[2] >= 12 && per_isa[3] >= 12);
#endif
    print_message("variants: %zu compiled, %zu usable (scalar %zu, neon %zu, avx2 %zu, avx512 %zu)\n",
                  q4k_variant_count_all(), q4k_variant_count(), per_isa[0], per_isa[1], per_isa[2],
                  per_isa[3]);
}

static void bad_arguments_are_clear_errors(void **state)
{
    (void)state;
    float out[256];
    uint8_t block[144] = {0};
    const q4k_variant *scalar = q4k_variant_find("q4k_dequant__scalar");
    assert_int_equal(q4k_dequantize(NULL, 1, out), Q4K_EINVAL);
    assert_int_equal(q4k_dequantize(block, 1, NULL), Q4K_EINVAL);
    assert_int_equal(q4k_dequantize(NULL, 0, NULL), Q4K_OK);
    assert_int_equal(q4k_dequantize(block, SIZE_MAX / 1024 + 1, out), Q4K_EOVERFLOW);
    assert_int_equal(q4k_dequantize(block, SIZE_MAX, out), Q4K_EOVERFLOW);
    assert_int_equal(q4k_dequantize_with(NULL, block, 1, out), Q4K_EINVAL);
    assert_int_equal(q4k_dequantize_with(scalar, NULL, 1, out), Q4K_EINVAL);
    assert_int_equal(q4k_dequantize_with(scalar, block, SIZE_MAX, out), Q4K_EOVERFLOW);
    assert_int_equal(q4k_dequantize_with(scalar, NULL, 0, NULL), Q4K_OK);
    /* a compiled variant this CPU cannot run is refused, not executed */
    for (size_t i = 0; i < q4k_variant_count_all(); i++) {
        const q4k_variant *v = q4k_variant_at_all(i);
        if (!q4k_variant_usable(v))
            assert_int_equal(q4k_dequantize_with(v, block, 1, out),
                             v->op == Q4K_OP_DEQUANT ? Q4K_EUNSUPPORTED : Q4K_EINVAL);
    }
    q4k_variant fake = *scalar;
    fake.features = 1u << 31; /* a feature no CPU reports */
    assert_int_equal(q4k_dequantize_with(&fake, block, 1, out), Q4K_EUNSUPPORTED);
    fake = *scalar;
    fake.fn = NULL;
    assert_int_equal(q4k_dequantize_with(&fake, block, 1, out), Q4K_EINVAL);
    for (int st = 0; st >= -12; st--) {
        assert_non_null(q4k_strerror(st));
        assert_true(strlen(q4k_strerror(st)) > 3);
    }
    assert_string_equal(q4k_strerror(Q4K_OK), "success");
    assert_string_not_equal(q4k_strerror(Q4K_EINVAL), q4k_strerror(Q4K_EOVERFLOW));
}

static void dispatcher_picks_usable_variants(void **state)
{
    (void)state;
    for (size_t n = 1; n <= ((size_t)1 << 24); n = n * 3 / 2 + 1) {
        const q4k_variant *v = q4k_dispatch_variant(n);
        assert_non_null(v);
        assert_true(q4k_variant_usable(v));
    }
    assert_non_null(q4k_dispatch_variant(0));
    assert_non_null(q4k_dispatch_variant(SIZE_MAX));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(registry_is_consistent),
        cmocka_unit_test(reference_decoder_matches_llama_cpp),
        cmocka_unit_test(golden_vectors),
        cmocka_unit_test(sizes_alignment_and_guards),
        cmocka_unit_test(special_scales_and_every_scale_byte),
#if defined(__aarch64__)
        cmocka_unit_test(neon_variants_ignore_fz16_and_fz),
#endif
        cmocka_unit_test(bad_arguments_are_clear_errors),
        cmocka_unit_test(dispatcher_picks_usable_variants),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
