/* Auto-generated file. Do not edit!
 *   command:  lua5.4 gen/q4kgen.lua
 *   input:    gen/isas.lua
 *   input:    gen/ops/quantize_q8k.lua
 *   template: templates/quantize_q8k/avx2.c.in
 *   arch:     x86_64 only (the whole file is inside #if: empty elsewhere)
 *
 * AVX2 Q8_K quantization (x86-64), compiled with
 * -mavx2 -mfma -mf16c for this file only and run only after
 * cpuid says the CPU and the OS support them. Byte-identical to the scalar
 * reference (templates/quantize_q8k/scalar.c.in) and so to ggml's
 * quantize_row_q8_K: the float operations are the same ones, one ymm holds
 * 8 values.
 *   max      the largest |x| by vmaxps (exact: a maximum is one of its
 *            inputs), then the FIRST value whose |x| equals it, with its
 *            sign (ggml keeps the first on ties)
 *   iscale   -127.f / max, one division, as the reference
 *   quants   vcvtps2dq of iscale*x under the default rounding mode: round
 *            half to even, what the reference's magic-number trick gives for
 *            |v| <= 2^22 (here |v| <= 127); vpackssdw / vpacksswb saturate
 *            at 127 exactly like its min(127, v) (v >= -127 always)
 *   bsums    vpmaddubsw against ones, vpmaddwd against ones, then lane sums
 *   d        1 / iscale
 * An all-zero block is all zeros. When |max| is so small that -127/max
 * overflows to infinity, the reference's magic-number trick turns every
 * iscale*x (infinite or NaN) into 0: all quants and bsums are 0 and d is
 * 1/iscale, a zero of iscale's sign; that case is written as such. */
#if defined(__x86_64__) || defined(_M_X64)
#include <float.h>
#include <immintrin.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "q4k_format.h"
#include "q4k_variants.h"

void q4k_quantize_q8k__avx2(const float *x, size_t n_blocks, void *out)
{
    const __m256 abs_mask = _mm256_castsi256_ps(_mm256_set1_epi32(INT32_MAX));
    /* the packs interleave 128-bit lanes: dword order 0 4 1 5 2 6 3 7 */
    const __m256i order = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);
    uint8_t *o = (uint8_t *)out;
    for (size_t b = 0; b < n_blocks; b++, x += 256, o += Q8K_BLOCK_BYTES) {
        __m256 m0 = _mm256_setzero_ps(), m1 = m0, m2 = m0, m3 = m0;
        for (int k = 0; k < 32; k += 4) {
            m0 = _mm256_max_ps(m0, _mm256_and_ps(abs_mask, _mm256_loadu_ps(x + 8 * k)));
            m1 = _mm256_max_ps(m1, _mm256_and_ps(abs_mask, _mm256_loadu_ps(x + 8 * k + 8)));
            m2 = _mm256_max_ps(m2, _mm256_and_ps(abs_mask, _mm256_loadu_ps(x + 8 * k + 16)));
            m3 = _mm256_max_ps(m3, _mm256_and_ps(abs_mask, _mm256_loadu_ps(x + 8 * k + 24)));
        }
        const __m256 m8 = _mm256_max_ps(_mm256_max_ps(m0, m1), _mm256_max_ps(m2, m3));
        __m128 m4 = _mm_max_ps(_mm256_castps256_ps128(m8), _mm256_extractf128_ps(m8, 1));
        m4 = _mm_max_ps(m4, _mm_movehl_ps(m4, m4));
        m4 = _mm_max_ss(m4, _mm_movehdup_ps(m4));
        const float amax = _mm_cvtss_f32(m4);
        memset(o, 0, Q8K_BLOCK_BYTES);
        if (amax == 0)
            continue; /* d = 0, every quant and bsum 0 */
        /* the first value of largest magnitude */
        const __m256 am = _mm256_set1_ps(amax);
        int first = 0;
        for (int k = 0; k < 32; k++) {
            const __m256 ax = _mm256_and_ps(abs_mask, _mm256_loadu_ps(x + 8 * k));
            const int hit = _mm256_movemask_ps(_mm256_cmp_ps(ax, am, _CMP_EQ_OQ));
            if (hit) {
                first = 8 * k + __builtin_ctz((unsigned)hit);
                break;
            }
        }
        const float iscale = -127.f / x[first];
        const float d = 1 / iscale;
        uint32_t bits;
        memcpy(&bits, &d, sizeof bits);
        for (int k = 0; k < 4; k++)
            o[Q8K_OFF_D + k] = (uint8_t)(bits >> (8 * k));
        if (!(fabsf(iscale) <= FLT_MAX))
            continue; /* the reference's quants are all 0 here */
        const __m256 is = _mm256_set1_ps(iscale);
        __m256i s[8];
        for (int t = 0; t < 8; t++) {
            const float *xt = x + 32 * t;
            const __m256i i0 = _mm256_cvtps_epi32(_mm256_mul_ps(is, _mm256_loadu_ps(xt)));
            const __m256i i1 = _mm256_cvtps_epi32(_mm256_mul_ps(is, _mm256_loadu_ps(xt + 8)));
            const __m256i i2 = _mm256_cvtps_epi32(_mm256_mul_ps(is, _mm256_loadu_ps(xt + 16)));
            const __m256i i3 = _mm256_cvtps_epi32(_mm256_mul_ps(is, _mm256_loadu_ps(xt + 24)));
            const __m256i p = _mm256_packs_epi16(_mm256_packs_epi32(i0, i1), _mm256_packs_epi32(i2, i3));
            const __m256i q = _mm256_permutevar8x32_epi32(p, order);
            _mm256_storeu_si256((__m256i *)(void *)(o + Q8K_OFF_QS + 32 * t), q);
            /* 4-value sums: 128-bit lane L holds bsums group 2t + L */
            s[t] = _mm256_madd_epi16(_mm256_maddubs_epi16(_mm256_set1_epi8(1), q), _mm256_set1_epi16(1));
        }
        /* lane L: [group 2t + L for t = 0..3] and [t = 4..7] */
        __m256i g[2];
        for (int h = 0; h < 2; h++) {
            const __m256i *e = s + 4 * h;
            const __m256i e01 = _mm256_add_epi32(_mm256_unpacklo_epi32(e[0], e[1]), _mm256_unpackhi_epi32(e[0], e[1]));
            const __m256i e23 = _mm256_add_epi32(_mm256_unpacklo_epi32(e[2], e[3]), _mm256_unpackhi_epi32(e[2], e[3]));
            g[h] = _mm256_add_epi32(_mm256_unpacklo_epi64(e01, e23), _mm256_unpackhi_epi64(e01, e23));
        }
        /* words, lane 0: groups 0 2 4 .. 14, lane 1: 1 3 .. 15 (|bsum| <= 16*127: exact) */
        const __m256i w = _mm256_packs_epi32(g[0], g[1]);
        const __m128i lo = _mm256_castsi256_si128(w), hi = _mm256_extracti128_si256(w, 1);
        _mm_storeu_si128((__m128i *)(void *)(o + Q8K_OFF_BSUMS), _mm_unpacklo_epi16(lo, hi));
        _mm_storeu_si128((__m128i *)(void *)(o + Q8K_OFF_BSUMS + 16), _mm_unpackhi_epi16(lo, hi));
    }
}
#endif /* defined(__x86_64__) || defined(_M_X64) */
