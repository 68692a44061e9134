/* test_format.c - the format helpers of q4k_format.h against the format's
 * definition: fp16 -> fp32 for all 65536 inputs, and the 32-bit word
 * unpacking of scales and mins for every value of every scale byte. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "q4k_format.h"
#include "testutil.h"

static void fp16_conversion_is_exact_for_every_input(void **state)
{
    (void)state;
    for (uint32_t h = 0; h < 65536; h++) {
        const float got = q4k_fp16_to_fp32((uint16_t)h);
        const unsigned e = (h >> 10) & 31, f = h & 1023, s = h >> 15;
        if (e == 31 && f) {
            assert_true(isnan(got));
            continue;
        }
        float want = e == 31 ? INFINITY : e == 0 ? ldexpf((float)f, -24) : ldexpf((float)(1024 + f), (int)e - 25);
        want = s ? -want : want;
        if (!tu_same(got, want))
            fail_msg("fp16 0x%04x: got %a, want %a", (unsigned)h, (double)got, (double)want);
    }
}

static void scale_words_match_the_definition(void **state)
{
    (void)state;
    uint8_t s[12];
    for (int pass = 0; pass < 64; pass++) {
        for (int p = 0; p < 12; p++) {
            for (int v = 0; v < 256; v++) {
                tu_random_bytes(s, 12, (uint64_t)(pass * 4096 + p * 256 + v));
                s[p] = (uint8_t)v;
                uint32_t sc[2], m[2];
                q4k_unpack_scales_words(s, sc, m);
                for (int j = 0; j < 8; j++) {
                    unsigned want_sc, want_m;
                    q4k_scale_min(s, j, &want_sc, &want_m);
                    assert_int_equal((sc[j / 4] >> (8 * (j % 4))) & 0xff, want_sc);
                    assert_int_equal((m[j / 4] >> (8 * (j % 4))) & 0xff, want_m);
                    assert_true(want_sc < 64 && want_m < 64);
                }
            }
        }
    }
}

static void unaligned_loads_are_little_endian(void **state)
{
    (void)state;
    const uint8_t b[6] = {0x11, 0x22, 0x33, 0x44, 0x55, 0x66};
    assert_int_equal(q4k_load_le16(b + 1), 0x3322);
    assert_int_equal(q4k_load_le32(b + 1), 0x55443322u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fp16_conversion_is_exact_for_every_input),
        cmocka_unit_test(scale_words_match_the_definition),
        cmocka_unit_test(unaligned_loads_are_little_endian),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
