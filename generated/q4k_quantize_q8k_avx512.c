/* Auto-generated file. Do not edit!
 *   command:  lua5.4 gen/q4kgen.lua
 *   input:    gen/isas.lua
 *   input:    gen/ops/quantize_q8k.lua
 *   template: templates/quantize_q8k/avx512.c.in
 *   template: templates/quantize_q8k/../matvec/x86_simde_compat.c.in
 *   arch:     x86_64 only (the whole file is inside #if: empty elsewhere)
 *
 * AVX-512 Q8_K quantization (x86-64), compiled with
 * -mavx512f -mavx512bw -mavx512vl -mavx2 -mfma -mf16c for this file only and run
 * only after cpuid and XCR0 say the CPU and the OS support them.
 * Byte-identical to the scalar reference (templates/quantize_q8k/scalar.c.in)
 * and so to ggml's quantize_row_q8_K: the float operations are the same
 * ones, one zmm holds 16 values.
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
 * 1/iscale, a zero of iscale's sign; that case is written as such.
 *
 * With -DQ4K_SIMDE the same code compiles against SIMDe's portable AVX-512
 * (tests/simde/test_matvec_simde.c). */
#if defined(__x86_64__) || defined(_M_X64)
#include <float.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(Q4K_SIMDE)
#define SIMDE_ENABLE_NATIVE_ALIASES
#include <simde/x86/avx512.h>
#include <simde/x86/f16c.h>
/* AVX-VNNI's VEX encodings compute what AVX512-VL VNNI's do. */
#ifndef _mm256_dpbusd_avx_epi32
#define _mm256_dpbusd_avx_epi32 _mm256_dpbusd_epi32
#endif
#ifndef _mm256_dpwssd_avx_epi32
#define _mm256_dpwssd_avx_epi32 _mm256_dpwssd_epi32
#endif
/* SIMDe 0.7.4 declares this alias with four arguments (the masked form's). */
#undef _mm512_madd_epi16
#define _mm512_madd_epi16(a, b) simde_mm512_madd_epi16((a), (b))

/* Element-wise definitions, through memcpy (test builds only). */
#include <math.h>

/* SIMDe 0.7.4 lacks vpmovzxbw zmm. */
static inline __m512i q4k_simde_cvtepu8_epi16(__m256i a)
{
    uint8_t b[32];
    uint16_t w[32];
    memcpy(b, &a, sizeof b);
    for (int i = 0; i < 32; i++)
        w[i] = b[i];
    __m512i r;
    memcpy(&r, w, sizeof r);
    return r;
}
#undef _mm512_cvtepu8_epi16
#define _mm512_cvtepu8_epi16 q4k_simde_cvtepu8_epi16

/* SIMDe 0.7.4 computes these as a*b + c (two roundings) unless the
 * compiler may use FMA instructions: the kernels need the fused rounding. */
static inline __m128 q4k_simde_fmadd_ps(__m128 a, __m128 b, __m128 c)
{
    float x[4], y[4], z[4];
    memcpy(x, &a, sizeof x);
    memcpy(y, &b, sizeof y);
    memcpy(z, &c, sizeof z);
    for (int i = 0; i < 4; i++)
        x[i] = fmaf(x[i], y[i], z[i]);
    memcpy(&a, x, sizeof a);
    return a;
}

static inline __m256 q4k_simde_fmadd256_ps(__m256 a, __m256 b, __m256 c)
{
    float x[8], y[8], z[8];
    memcpy(x, &a, sizeof x);
    memcpy(y, &b, sizeof y);
    memcpy(z, &c, sizeof z);
    for (int i = 0; i < 8; i++)
        x[i] = fmaf(x[i], y[i], z[i]);
    memcpy(&a, x, sizeof a);
    return a;
}

static inline __m512i q4k_simde_shuffle_epi32(__m512i a, int imm)
{
    int32_t s[16], d[16];
    memcpy(s, &a, sizeof s);
    for (int i = 0; i < 16; i++)
        d[i] = s[(i & ~3) + ((imm >> (2 * (i & 3))) & 3)];
    __m512i r;
    memcpy(&r, d, sizeof r);
    return r;
}

static inline __m512i q4k_simde_shuffle_i64x2(__m512i a, __m512i b, int imm)
{
    int64_t s[2][8], d[8];
    memcpy(s[0], &a, sizeof s[0]);
    memcpy(s[1], &b, sizeof s[1]);
    for (int k = 0; k < 4; k++) {
        const int from = (imm >> (2 * k)) & 3;
        d[2 * k] = s[k >= 2][2 * from];
        d[2 * k + 1] = s[k >= 2][2 * from + 1];
    }
    __m512i r;
    memcpy(&r, d, sizeof r);
    return r;
}

static inline __m512i q4k_simde_zextsi128_si512(__m128i a)
{
    return _mm512_inserti32x4(_mm512_setzero_si512(), a, 0);
}

static inline __m512 q4k_simde_cvtepi32_ps(__m512i a)
{
    int32_t s[16];
    float d[16];
    memcpy(s, &a, sizeof s);
    for (int i = 0; i < 16; i++)
        d[i] = (float)s[i]; /* round to nearest even, as vcvtdq2ps */
    __m512 r;
    memcpy(&r, d, sizeof r);
    return r;
}

static inline __m512 q4k_simde_cvtph_ps(__m256i a)
{
    const __m256 lo = _mm256_cvtph_ps(_mm256_castsi256_si128(a));
    const __m256 hi = _mm256_cvtph_ps(_mm256_extracti128_si256(a, 1));
    return _mm512_insertf32x8(_mm512_castps256_ps512(lo), hi, 1);
}

static inline __m512i q4k_simde_cvtps_epi32(__m512 a)
{
    const __m256i lo = _mm256_cvtps_epi32(_mm512_castps512_ps256(a));
    const __m256i hi = _mm256_cvtps_epi32(_mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(a), 1)));
    return _mm512_inserti64x4(_mm512_castsi256_si512(lo), hi, 1);
}

static inline __m256i q4k_simde_cvtepi32_epi16(__m512i a)
{
    int32_t s[16];
    int16_t d[16];
    memcpy(s, &a, sizeof s);
    for (int i = 0; i < 16; i++)
        d[i] = (int16_t)s[i]; /* truncation, as vpmovdw */
    __m256i r;
    memcpy(&r, d, sizeof r);
    return r;
}

static inline float q4k_simde_reduce_max_ps(__m512 a)
{
    float s[16];
    memcpy(s, &a, sizeof s);
    float m = s[0];
    for (int i = 1; i < 16; i++)
        m = s[i] > m ? s[i] : m;
    return m;
}

#undef _mm_fmadd_ps
#undef _mm256_fmadd_ps
#define _mm_fmadd_ps q4k_simde_fmadd_ps
#define _mm256_fmadd_ps q4k_simde_fmadd256_ps
#define _mm512_shuffle_epi32(a, imm) q4k_simde_shuffle_epi32((a), (int)(imm))
#define _mm512_shuffle_i64x2(a, b, imm) q4k_simde_shuffle_i64x2((a), (b), (imm))
#define _mm512_zextsi128_si512 q4k_simde_zextsi128_si512
#define _mm512_cvtepi32_ps q4k_simde_cvtepi32_ps
#define _mm512_cvtph_ps q4k_simde_cvtph_ps
#define _mm512_cvtps_epi32 q4k_simde_cvtps_epi32
#define _mm512_cvtepi32_epi16 q4k_simde_cvtepi32_epi16
#define _mm512_reduce_max_ps q4k_simde_reduce_max_ps
#define q4k_quantize_q8k__avx512 q4k_quantize_q8k__avx512__simde
#else
#include <immintrin.h>
#endif

#include "q4k_format.h"
#include "q4k_variants.h"

void q4k_quantize_q8k__avx512(const float *x, size_t n_blocks, void *out)
{
    const __m512i sign = _mm512_set1_epi32(INT32_MIN);
    /* 128-bit lane k, dword m -> dword 4m + k: undoes the packs' lane order */
    const __m512i order = _mm512_setr_epi32(0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);
    uint8_t *o = (uint8_t *)out;
    for (size_t b = 0; b < n_blocks; b++, x += 256, o += Q8K_BLOCK_BYTES) {
        __m512 v[16];
        __m512 m = _mm512_setzero_ps();
        for (int k = 0; k < 16; k++) {
            v[k] = _mm512_loadu_ps(x + 16 * k);
            m = _mm512_max_ps(m, _mm512_castsi512_ps(_mm512_andnot_si512(sign, _mm512_castps_si512(v[k]))));
        }
        const float amax = _mm512_reduce_max_ps(m);
        memset(o, 0, Q8K_BLOCK_BYTES);
        if (amax == 0)
            continue; /* d = 0, every quant and bsum 0 */
        /* the first value of largest magnitude */
        const __m512 am = _mm512_set1_ps(amax);
        int first = 0;
        for (int k = 0; k < 16; k++) {
            const __m512 ax = _mm512_castsi512_ps(_mm512_andnot_si512(sign, _mm512_castps_si512(v[k])));
            const unsigned hit = (unsigned)_mm512_cmp_ps_mask(ax, am, _CMP_EQ_OQ);
            if (hit) {
                first = 16 * k + __builtin_ctz(hit);
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
        const __m512 is = _mm512_set1_ps(iscale);
        __m512i q[4], s[4];
        for (int t = 0; t < 4; t++) {
            __m512i i[4];
            for (int k = 0; k < 4; k++)
                i[k] = _mm512_cvtps_epi32(_mm512_mul_ps(is, v[4 * t + k]));
            const __m512i p = _mm512_packs_epi16(_mm512_packs_epi32(i[0], i[1]), _mm512_packs_epi32(i[2], i[3]));
            q[t] = _mm512_permutexvar_epi32(order, p);
            _mm512_storeu_si512((void *)(o + Q8K_OFF_QS + 64 * t), q[t]);
            /* 4-value sums: 128-bit lane k holds bsums group 4t + k */
            s[t] = _mm512_madd_epi16(_mm512_maddubs_epi16(_mm512_set1_epi8(1), q[t]), _mm512_set1_epi16(1));
        }
        /* lane k: [group k, 4 + k, 8 + k, 12 + k] */
        const __m512i s01 = _mm512_add_epi32(_mm512_unpacklo_epi32(s[0], s[1]), _mm512_unpackhi_epi32(s[0], s[1]));
        const __m512i s23 = _mm512_add_epi32(_mm512_unpacklo_epi32(s[2], s[3]), _mm512_unpackhi_epi32(s[2], s[3]));
        const __m512i g = _mm512_add_epi32(_mm512_unpacklo_epi64(s01, s23), _mm512_unpackhi_epi64(s01, s23));
        /* |bsum| <= 16*127: vpmovdw keeps it exactly */
        _mm256_storeu_si256((__m256i *)(void *)(o + Q8K_OFF_BSUMS),
                            _mm512_cvtepi32_epi16(_mm512_permutexvar_epi32(order, g)));
    }
}
#endif /* defined(__x86_64__) || defined(_M_X64) */
