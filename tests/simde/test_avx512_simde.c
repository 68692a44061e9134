/* test_avx512_simde.c - the AVX-512 kernels, compiled against SIMDe's
 * portable AVX-512 (generated/q4k_dequant_avx512.c built with -DQ4K_SIMDE),
 * verified bit-exactly against the scalar baseline and the golden vectors.
 * This is how the AVX-512 code is checked on machines without AVX-512
 * (the real kernels are also checked natively wherever the CPU has it). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <cmocka.h>

#include "q4k.h"
#include "q4k_variants.h"
#include "verify.h"

#define DECLARE_SIMDE(name) void name##__simde(const void *blocks, float *out, size_t n_blocks);
Q4K_LIST_AVX512(DECLARE_SIMDE)

#define ENTRY_SIMDE(name) {#name " (SIMDe)", name##__simde},
static const struct {
    const char *name;
    q4k_kernel_fn fn;
} kernels[] = {Q4K_LIST_AVX512(ENTRY_SIMDE)};

static void every_avx512_kernel_is_bit_exact(void **state)
{
    (void)state;
    size_t n = sizeof kernels / sizeof kernels[0];
    assert_int_equal(n, 40);
    for (size_t i = 0; i < n; i++) {
        /* features 0: the emulated kernel runs on any CPU */
        q4k_variant v = {.name = kernels[i].name, .isa = "avx512", .fn = kernels[i].fn, .method = "", .unroll = 1,
                         .op = Q4K_OP_DEQUANT};
        q4k_verify_report rep;
        int st = q4k_verify_variant(&v, q4k_default_golden_dir(), &rep);
        if (st != 0)
            fail_msg("%s: %s (%zu of %zu values wrong)", kernels[i].name, rep.first,
                     rep.mismatches, rep.values);
        assert_true(rep.values > 1000000);
        print_message("%-44s %zu values bit-exact\n", kernels[i].name, rep.values);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(every_avx512_kernel_is_bit_exact)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
