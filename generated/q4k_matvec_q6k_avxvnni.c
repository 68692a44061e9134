/* Auto-generated file. Do not edit!
 *   command:  lua5.4 gen/q4kgen.lua
 *   input:    gen/isas.lua
 *   input:    gen/ops/matvec_q6k.lua
 *   template: templates/matvec_q6k/avxvnni.c.in
 *   template: templates/matvec_q6k/../matvec/x86_simde_compat.c.in
 *   template: templates/matvec_q6k/x86_ymm.c.in
 *   arch:     x86_64 only (the whole file is inside #if: empty elsewhere)
 *
 * AVX-VNNI kernels of the fused Q6_K x Q8_K product (x86-64), compiled with
 * -mavxvnni -mavx2 -mfma -mf16c for this file only and run
 * only after cpuid says the CPU and the OS support them. The result is the
 * canonical one of include/q4k_matvec_q6k.h, bit for bit.
 *
 * The integer dot product: vpdpbusd (VEX, 256-bit) of the 6-bit quants as
 * unsigned bytes against the signed activations, into accumulators that
 * start at -32 times the same activations' 4-value sums (a vpdpbusd of 32s,
 * once per vector and chunk, shared by the rows): (q - 32) * q8 exactly,
 * without the Q8_K bsums. vpackssdw (exact) and vpdpwssd apply the scales.
 * The rest is x86_ymm.c.in, shared with the AVX2 kernels.
 *
 * With -DQ4K_SIMDE the same code compiles against SIMDe
 * (tests/simde/test_matvec_simde.c), so it is verified on CPUs without
 * AVX-VNNI too. */
#if defined(__x86_64__) || defined(_M_X64)
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(Q4K_SIMDE)
#define SIMDE_ENABLE_NATIVE_ALIASES
#include <simde/x86/avx512.h>
#include <simde/x86/f16c.h>
#include <simde/x86/fma.h>
#define Q4K_INLINE static inline
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
#define q4k_matvec_q6k__avxvnni_r4_c1_p0 q4k_matvec_q6k__avxvnni_r4_c1_p0__simde
#define q4k_matvec_q6k__avxvnni_r4_c4_p0 q4k_matvec_q6k__avxvnni_r4_c4_p0__simde
#else
#include <immintrin.h>
#define Q4K_INLINE static inline __attribute__((always_inline))
#endif

#include "q4k_format.h"
#include "q4k_variants.h"

/* One weight row's chunk j (0..7) of a block: its 32 quants q (0..63, as
 * unsigned bytes), values 32j..32j+31 (sub-blocks 2j, 2j+1). Half n = j/4,
 * m = j%4: the low 4 bits from ql[64n + 32(m&1) ..] (low nibbles for m < 2,
 * high ones after), the top 2 from bits 2m, 2m+1 of qh[32n ..], moved to
 * bits 4-5 (16-bit shifts: the mask drops what crosses a byte). */
Q4K_INLINE __m256i quants(const uint8_t *x, const int j)
{
    const int n = j / 4, m = j % 4;
    const __m256i l = _mm256_loadu_si256((const __m256i *)(const void *)(x + Q6K_OFF_QL + 64 * n + 32 * (m & 1)));
    const __m256i h = _mm256_loadu_si256((const __m256i *)(const void *)(x + Q6K_OFF_QH + 32 * n));
    const __m256i lo = _mm256_and_si256(m < 2 ? l : _mm256_srli_epi16(l, 4), _mm256_set1_epi8(0x0f));
    const __m256i hs = m == 0 ? _mm256_slli_epi16(h, 4)
                     : m == 1 ? _mm256_slli_epi16(h, 2)
                     : m == 2 ? h
                              : _mm256_srli_epi16(h, 2);
    return _mm256_or_si256(lo, _mm256_and_si256(hs, _mm256_set1_epi8(0x30)));
}

/* A row's 16 int8 scales as int16 words, [sc0..7] and [sc8..15] each
 * broadcast to both 128-bit lanes (for vpshufb). */
Q4K_INLINE void scale_words(const uint8_t *x, __m256i s[2])
{
    const __m256i w = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(const void *)(x + Q6K_OFF_SCALES)));
    s[0] = _mm256_permute2x128_si256(w, w, 0x00);
    s[1] = _mm256_permute2x128_si256(w, w, 0x11);
}

/* vpshufb control of scale words: in the low 128-bit lane words 0..3 take
 * word a0 and words 4..7 word a1, in the high lane b0 and b1. */
Q4K_INLINE __m256i ctl4(int a0, int a1, int b0, int b1)
{
    const int8_t p = (int8_t)(2 * a0), q = (int8_t)(2 * a1), r = (int8_t)(2 * b0), t = (int8_t)(2 * b1);
    return _mm256_setr_epi8(p, p + 1, p, p + 1, p, p + 1, p, p + 1, q, q + 1, q, q + 1, q, q + 1, q, q + 1, r, r + 1,
                            r, r + 1, r, r + 1, r, r + 1, t, t + 1, t, t + 1, t, t + 1, t, t + 1);
}

/* vpdpbusd: per dword lane the 4 products q * q8 of 4 consecutive values
 * added to the lane of init = -32 * (their 4 q8) (from vpdpbusd of 32s):
 * sum (q - 32) * q8 over 4 values, |.| <= 4*32*128 = 16384, an int16.
 * Chunks 2p, 2p+1 (sub-blocks 4p..4p+3) go through vpackssdw (exact) into
 * words, [sb 4p x4, sb 4p+2 x4 | sb 4p+1 x4, sb 4p+3 x4], and vpdpwssd
 * against the matching scales: per (row, vector) 8 int32 lanes whose sum is
 * isum (|partial| <= 2^27). Per row, vector and chunk pair: 2 vpdpbusd, 1
 * vpackssdw, 1 vpdpwssd. */
#define Q4K_SCALE_CTLS 2
Q4K_INLINE void scale_ctls(__m256i c[2])
{
    for (int p = 0; p < 2; p++) /* chunk pair p (and p + 2 from s[1]) */
        c[p] = ctl4(4 * p, 4 * p + 2, 4 * p + 1, 4 * p + 3);
}

/* Per 128-bit lane the rows' partial sums x[0..3] (8 lanes each) folded:
 * [x0 x1 x2 x3] (exact: parts of isum). */
Q4K_INLINE __m128i fold4(__m256i x0, __m256i x1, __m256i x2, __m256i x3)
{
    const __m256i h = _mm256_hadd_epi32(_mm256_hadd_epi32(x0, x1), _mm256_hadd_epi32(x2, x3));
    return _mm_add_epi32(_mm256_castsi256_si128(h), _mm256_extracti128_si256(h, 1));
}

/* d of rows 0..R-1 (fp16, exact), lanes past R repeat row 0. */
Q4K_INLINE __m128 load_d(const uint8_t *x, size_t ws, const int R)
{
    uint16_t h[4];
    for (int r = 0; r < 4; r++)
        h[r] = q4k_load_le16(x + (r < R ? r : 0) * ws + Q6K_OFF_D);
    return _mm_cvtph_ps(_mm_loadl_epi64((const __m128i *)(const void *)h));
}

/* R floats (lanes 0..R-1) to any address. */
Q4K_INLINE void store_rows(float *y, __m128 v, const int R)
{
    if (R == 4)
        _mm_storeu_ps(y, v);
    else if (R == 2)
        _mm_storeu_si64((void *)y, _mm_castps_si128(v));
    else
        _mm_storeu_si32((void *)y, _mm_castps_si128(v));
}

/* R rows x C vectors, every block of the rows (R = 1, 2 or 4; C <= 4). w:
 * row 0's first block; xq: vector 0's first block; y: y[0] of vector 0.
 * Per block and chunk, each vector's q8 (and its 32 * q8 term) serves R
 * rows and each row's unpacked quants C vectors; then per vector the R
 * rows' isums folded to one lane each and the canonical float step, lane
 * by lane: acc = fma(d8 * d, (float)isum, acc) (d8*d rounded by its own
 * multiply, (float) by vcvtdq2ps: round to nearest even, as C's cast). */
Q4K_INLINE void tile(const uint8_t *w, size_t n_bpr, const uint8_t *xq, float *y, size_t ldy, const int R,
                     const int C)
{
    const size_t ws = n_bpr * Q6K_BLOCK_BYTES, as = n_bpr * Q8K_BLOCK_BYTES;
    const __m256i k32 = _mm256_set1_epi8(32);
    __m256i ctl[Q4K_SCALE_CTLS];
    scale_ctls(ctl);
    __m128 acc[4];
    for (int c = 0; c < C; c++)
        acc[c] = _mm_setzero_ps();
    for (size_t b = 0; b < n_bpr; b++) {
        const uint8_t *x = w + b * Q6K_BLOCK_BYTES;
        const uint8_t *a = xq + b * Q8K_BLOCK_BYTES + Q8K_OFF_QS;
        __m256i s[4][2], z[4][4];
        for (int r = 0; r < R; r++)
            scale_words(x + r * ws, s[r]);
        for (int r = 0; r < R; r++)
            for (int c = 0; c < C; c++)
                z[r][c] = _mm256_setzero_si256();
        { /* chunks 0, 1 (unrolled by the generator: every shift and index a constant) */
            __m256i q[4][2], sc[4];
            for (int r = 0; r < R; r++) {
                q[r][0] = quants(x + r * ws, 0);
                q[r][1] = quants(x + r * ws, 1);
                sc[r] = _mm256_shuffle_epi8(s[r][0], ctl[0]);
            }
            for (int c = 0; c < C; c++) {
                const uint8_t *ac = a + c * as + 0;
                const __m256i a0 = _mm256_loadu_si256((const __m256i *)(const void *)ac);
                const __m256i a1 = _mm256_loadu_si256((const __m256i *)(const void *)(ac + 32));
                const __m256i n0 = _mm256_sub_epi32(_mm256_setzero_si256(),
                                                    _mm256_dpbusd_avx_epi32(_mm256_setzero_si256(), k32, a0));
                const __m256i n1 = _mm256_sub_epi32(_mm256_setzero_si256(),
                                                    _mm256_dpbusd_avx_epi32(_mm256_setzero_si256(), k32, a1));
                for (int r = 0; r < R; r++) {
                    const __m256i t = _mm256_packs_epi32(_mm256_dpbusd_avx_epi32(n0, q[r][0], a0),
                                                         _mm256_dpbusd_avx_epi32(n1, q[r][1], a1));
                    z[r][c] = _mm256_dpwssd_avx_epi32(z[r][c], t, sc[r]);
                }
            }
        }
        { /* chunks 2, 3 (unrolled by the generator: every shift and index a constant) */
            __m256i q[4][2], sc[4];
            for (int r = 0; r < R; r++) {
                q[r][0] = quants(x + r * ws, 2);
                q[r][1] = quants(x + r * ws, 3);
                sc[r] = _mm256_shuffle_epi8(s[r][0], ctl[1]);
            }
            for (int c = 0; c < C; c++) {
                const uint8_t *ac = a + c * as + 64;
                const __m256i a0 = _mm256_loadu_si256((const __m256i *)(const void *)ac);
                const __m256i a1 = _mm256_loadu_si256((const __m256i *)(const void *)(ac + 32));
                const __m256i n0 = _mm256_sub_epi32(_mm256_setzero_si256(),
                                                    _mm256_dpbusd_avx_epi32(_mm256_setzero_si256(), k32, a0));
                const __m256i n1 = _mm256_sub_epi32(_mm256_setzero_si256(),
                                                    _mm256_dpbusd_avx_epi32(_mm256_setzero_si256(), k32, a1));
                for (int r = 0; r < R; r++) {
                    const __m256i t = _mm256_packs_epi32(_mm256_dpbusd_avx_epi32(n0, q[r][0], a0),
                                                         _mm256_dpbusd_avx_epi32(n1, q[r][1], a1));
                    z[r][c] = _mm256_dpwssd_avx_epi32(z[r][c], t, sc[r]);
                }
            }
        }
        { /* chunks 4, 5 (unrolled by the generator: every shift and index a constant) */
            __m256i q[4][2], sc[4];
            for (int r = 0; r < R; r++) {
                q[r][0] = quants(x + r * ws, 4);
                q[r][1] = quants(x + r * ws, 5);
                sc[r] = _mm256_shuffle_epi8(s[r][1], ctl[0]);
            }
            for (int c = 0; c < C; c++) {
                const uint8_t *ac = a + c * as + 128;
                const __m256i a0 = _mm256_loadu_si256((const __m256i *)(const void *)ac);
                const __m256i a1 = _mm256_loadu_si256((const __m256i *)(const void *)(ac + 32));
                const __m256i n0 = _mm256_sub_epi32(_mm256_setzero_si256(),
                                                    _mm256_dpbusd_avx_epi32(_mm256_setzero_si256(), k32, a0));
                const __m256i n1 = _mm256_sub_epi32(_mm256_setzero_si256(),
                                                    _mm256_dpbusd_avx_epi32(_mm256_setzero_si256(), k32, a1));
                for (int r = 0; r < R; r++) {
                    const __m256i t = _mm256_packs_epi32(_mm256_dpbusd_avx_epi32(n0, q[r][0], a0),
                                                         _mm256_dpbusd_avx_epi32(n1, q[r][1], a1));
                    z[r][c] = _mm256_dpwssd_avx_epi32(z[r][c], t, sc[r]);
                }
            }
        }
        { /* chunks 6, 7 (unrolled by the generator: every shift and index a constant) */
            __m256i q[4][2], sc[4];
            for (int r = 0; r < R; r++) {
                q[r][0] = quants(x + r * ws, 6);
                q[r][1] = quants(x + r * ws, 7);
                sc[r] = _mm256_shuffle_epi8(s[r][1], ctl[1]);
            }
            for (int c = 0; c < C; c++) {
                const uint8_t *ac = a + c * as + 192;
                const __m256i a0 = _mm256_loadu_si256((const __m256i *)(const void *)ac);
                const __m256i a1 = _mm256_loadu_si256((const __m256i *)(const void *)(ac + 32));
                const __m256i n0 = _mm256_sub_epi32(_mm256_setzero_si256(),
                                                    _mm256_dpbusd_avx_epi32(_mm256_setzero_si256(), k32, a0));
                const __m256i n1 = _mm256_sub_epi32(_mm256_setzero_si256(),
                                                    _mm256_dpbusd_avx_epi32(_mm256_setzero_si256(), k32, a1));
                for (int r = 0; r < R; r++) {
                    const __m256i t = _mm256_packs_epi32(_mm256_dpbusd_avx_epi32(n0, q[r][0], a0),
                                                         _mm256_dpbusd_avx_epi32(n1, q[r][1], a1));
                    z[r][c] = _mm256_dpwssd_avx_epi32(z[r][c], t, sc[r]);
                }
            }
        }
        const __m128 d = load_d(x, ws, R);
        for (int c = 0; c < C; c++) {
            const __m128i isum = fold4(z[0][c], z[R > 1 ? 1 : 0][c], z[R > 2 ? 2 : 0][c], z[R > 2 ? 3 : 0][c]);
            float d8;
            memcpy(&d8, xq + c * as + b * Q8K_BLOCK_BYTES + Q8K_OFF_D, sizeof d8);
            acc[c] = _mm_fmadd_ps(_mm_mul_ps(_mm_set1_ps(d8), d), _mm_cvtepi32_ps(isum), acc[c]);
        }
    }
    for (int c = 0; c < C; c++)
        store_rows(y + c * ldy, acc[c], R);
}

/* Every row against C vectors: tiles of R rows, then the leftover rows in
 * tiles of 2 and 1. */
Q4K_INLINE void rows(const uint8_t *w, size_t n_rows, size_t n_bpr, const uint8_t *xq, float *y, size_t ldy,
                     const int R, const int C)
{
    const size_t ws = n_bpr * Q6K_BLOCK_BYTES;
    size_t r = 0;
    for (; r + R <= n_rows; r += R)
        tile(w + r * ws, n_bpr, xq, y + r, ldy, R, C);
    if (R > 2 && r + 2 <= n_rows) {
        tile(w + r * ws, n_bpr, xq, y + r, ldy, 2, C);
        r += 2;
    }
    if (R > 1 && r < n_rows)
        tile(w + r * ws, n_bpr, xq, y + r, ldy, 1, C);
}

/* q4k_matvec_q6k__avxvnni_r4_c1_p0: 4 row(s) x 1 vector(s) per iteration */
void q4k_matvec_q6k__avxvnni_r4_c1_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *a = (const uint8_t *)xq;
    const size_t as = n_bpr * Q8K_BLOCK_BYTES;
    size_t v = 0;
    for (; v < n_vecs; v++)
        rows((const uint8_t *)w, n_rows, n_bpr, a + v * as, y + v * ldy, ldy, 4, 1);
}

/* q4k_matvec_q6k__avxvnni_r4_c4_p0: 4 row(s) x 4 vector(s) per iteration */
void q4k_matvec_q6k__avxvnni_r4_c4_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *a = (const uint8_t *)xq;
    const size_t as = n_bpr * Q8K_BLOCK_BYTES;
    size_t v = 0;
    for (; v + 4 <= n_vecs; v += 4)
        rows((const uint8_t *)w, n_rows, n_bpr, a + v * as, y + v * ldy, ldy, 4, 4);
    for (; v < n_vecs; v++)
        rows((const uint8_t *)w, n_rows, n_bpr, a + v * as, y + v * ldy, ldy, 4, 1);
}
#endif /* defined(__x86_64__) || defined(_M_X64) */
