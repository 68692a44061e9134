/* Auto-generated file. Do not edit!
 *   command:  lua5.4 gen/q4kgen.lua
 *   input:    gen/isas.lua
 *   input:    gen/ops/matvec.lua
 *   template: templates/matvec/avx512vnni.c.in
 *   template: templates/matvec/x86_simde_compat.c.in
 *   arch:     x86_64 only (the whole file is inside #if: empty elsewhere)
 *
 * AVX-512 VNNI kernels of the fused Q4_K x Q8_K product (x86-64), compiled
 * with -mavx512vnni -mavx512f -mavx512bw -mavx512vl -mavx2 -mfma -mf16c
 * for this file only and run only after cpuid and XCR0 say the CPU and the
 * OS support them. The result is the canonical one of include/q4k_matvec.h,
 * bit for bit: the integer sums are exact (in any order), the floats are
 * the reference's operations in the reference's order.
 *
 * One weight row's block in two zmm (qs[0..63], qs[64..127]); masking and
 * shifting gives four zmm of nibbles, two sub-blocks each:
 *   lo0 = sub-blocks 0 | 2, hi0 = 1 | 3, lo1 = 4 | 6, hi1 = 5 | 7
 * (low 256 bits | high 256 bits). The activations are rearranged to match
 * once per block and vector (two 256-bit halves per zmm), so that one
 * vpdpbusd per zmm gives 16 int32 lanes of 4-product sums (|sum| <= 4*15*128,
 * an int16). Rows go in pairs: vpackssdw of the two rows' sums of the same
 * nibble zmm (exact: nothing saturates) puts in every 128-bit lane 4 sums
 * of the first row then 4 of the second, of one sub-block; vpmaddwd /
 * vpdpwssd against the matching scales (vpermw of the unpacked scales of
 * both rows) applies sc[j] exactly and leaves per 128-bit lane [r r r' r']
 * partial isums of the pair.
 * imin, four rows at a time: the rows' mins transposed (128-bit lane k,
 * dword r = row r's m[2k], m[2k+1]) against the bsums in the matching
 * order, m[j] * bsums[2j] + m[j] * bsums[2j+1], exact for any int16 bsums:
 * per 128-bit lane [r0 r1 r2 r3] partial imins.
 *
 * R rows per iteration (R = 4 or 8; the leftover rows in tiles of 4, 2 and
 * 1; headers, d and dmin of four rows per zmm, their packed scales unpacked
 * with a few 32-bit lane operations): the isum and imin partial sums of
 * all R rows fold into one vector, one lane per row, so the per-block float
 * work is vector-wide and lane-wise the reference's:
 *     acc = fma(d8 * d, (float)isum, acc); acc = fma(-(d8 * dmin), (float)imin, acc)
 * with d8*d rounded by its own multiply and (float) by vcvtdq2ps (round to
 * nearest even, as C's conversion). C vectors per iteration reuse each
 * unpacked weight block (and each scale vector).
 *
 * With -DQ4K_SIMDE the same code compiles against SIMDe's portable
 * AVX-512 (tests/simde/test_matvec_simde.c). */
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
#define q4k_matvec__avx512vnni_r4_c1_p0 q4k_matvec__avx512vnni_r4_c1_p0__simde
#define q4k_matvec__avx512vnni_r4_c1_p4 q4k_matvec__avx512vnni_r4_c1_p4__simde
#define q4k_matvec__avx512vnni_r4_c4_p0 q4k_matvec__avx512vnni_r4_c4_p0__simde
#define q4k_matvec__avx512vnni_r4_c4_p4 q4k_matvec__avx512vnni_r4_c4_p4__simde
#define q4k_matvec__avx512vnni_r8_c1_p0 q4k_matvec__avx512vnni_r8_c1_p0__simde
#define q4k_matvec__avx512vnni_r8_c1_p0_packed q4k_matvec__avx512vnni_r8_c1_p0_packed__simde
#define q4k_matvec__avx512vnni_r8_c1_p4 q4k_matvec__avx512vnni_r8_c1_p4__simde
#define q4k_matvec__avx512vnni_r8_c1_p4_packed q4k_matvec__avx512vnni_r8_c1_p4_packed__simde
#define q4k_matvec__avx512vnni_r8_c4_p0 q4k_matvec__avx512vnni_r8_c4_p0__simde
#define q4k_matvec__avx512vnni_r8_c4_p0_packed q4k_matvec__avx512vnni_r8_c4_p0_packed__simde
#define q4k_matvec__avx512vnni_r8_c4_p4 q4k_matvec__avx512vnni_r8_c4_p4__simde
#define q4k_matvec__avx512vnni_r8_c4_p4_packed q4k_matvec__avx512vnni_r8_c4_p4_packed__simde
#else
#include <immintrin.h>
#define Q4K_INLINE static inline __attribute__((always_inline))
#endif
#if defined(Q4K_MATVEC_LOOSE)
/* NOT the canonical result: the same kernels with the 8-row tiles' float
 * sums kept per lane and folded once per row, as a kernel that ignores the
 * contract would (ggml's order of summation, roughly). Built only into
 * tools/q4k_contract_cost.c, to measure what the contract costs. */
#define q4k_matvec__avx512vnni_r4_c1_p0 q4k_matvec__avx512vnni_r4_c1_p0__loose
#define q4k_matvec__avx512vnni_r4_c1_p4 q4k_matvec__avx512vnni_r4_c1_p4__loose
#define q4k_matvec__avx512vnni_r4_c4_p0 q4k_matvec__avx512vnni_r4_c4_p0__loose
#define q4k_matvec__avx512vnni_r4_c4_p4 q4k_matvec__avx512vnni_r4_c4_p4__loose
#define q4k_matvec__avx512vnni_r8_c1_p0 q4k_matvec__avx512vnni_r8_c1_p0__loose
#define q4k_matvec__avx512vnni_r8_c1_p0_packed q4k_matvec__avx512vnni_r8_c1_p0_packed__loose
#define q4k_matvec__avx512vnni_r8_c1_p4 q4k_matvec__avx512vnni_r8_c1_p4__loose
#define q4k_matvec__avx512vnni_r8_c1_p4_packed q4k_matvec__avx512vnni_r8_c1_p4_packed__loose
#define q4k_matvec__avx512vnni_r8_c4_p0 q4k_matvec__avx512vnni_r8_c4_p0__loose
#define q4k_matvec__avx512vnni_r8_c4_p0_packed q4k_matvec__avx512vnni_r8_c4_p0_packed__loose
#define q4k_matvec__avx512vnni_r8_c4_p4 q4k_matvec__avx512vnni_r8_c4_p4__loose
#define q4k_matvec__avx512vnni_r8_c4_p4_packed q4k_matvec__avx512vnni_r8_c4_p4_packed__loose
#endif

#include "q4k_format.h"
#include "q4k_variants.h"

/* The low and high nibbles of 64 quant bytes. */
Q4K_INLINE __m512i nib_lo(__m512i q)
{
    return _mm512_and_si512(q, _mm512_set1_epi8(0x0f));
}

Q4K_INLINE __m512i nib_hi(__m512i q)
{
    return _mm512_and_si512(_mm512_srli_epi16(q, 4), _mm512_set1_epi8(0x0f));
}

/* Per 128-bit lane, a block's first 16 bytes (32-bit words: d|dmin, w0,
 * w1, w2) -> [sc[0..7] | m[0..7]] as bytes: q4k_unpack_scales_words, four
 * rows at a time.
 *   sc[0..3] = w0 & 0x3f..               sc[4..7] = (w2 & 0x0f..) | ((w0 >> 2) & 0x30..)
 *   m[0..3]  = w1 & 0x3f..               m[4..7]  = ((w2 >> 4) & 0x0f..) | ((w1 >> 2) & 0x30..) */
Q4K_INLINE __m512i unpack_scales(__m512i h)
{
    const __m512i a = _mm512_shuffle_epi32(h, _MM_SHUFFLE(3, 2, 3, 1)); /* w0 w2 w1 w2 */
    const __m512i b = _mm512_shuffle_epi32(h, _MM_SHUFFLE(2, 2, 1, 1)); /* w0 w0 w1 w1 */
    const __m512i lo = _mm512_and_si512(_mm512_srlv_epi32(a, _mm512_set4_epi32(4, 0, 0, 0)),
                                        _mm512_set4_epi32(0x0f0f0f0f, 0x3f3f3f3f, 0x0f0f0f0f, 0x3f3f3f3f));
    const __m512i hi = _mm512_and_si512(_mm512_srli_epi32(b, 2), _mm512_set4_epi32(0x30303030, 0, 0x30303030, 0));
    return _mm512_or_si512(lo, hi);
}

/* One vector's activation block, rearranged to the nibble layout:
 * q[0] = q8[0..31 | 64..95], q[1] = [32..63 | 96..127],
 * q[2] = [128..159 | 192..223], q[3] = [160..191 | 224..255]. */
Q4K_INLINE void load_act(const uint8_t *a, __m512i q[4])
{
    const uint8_t *p = a + Q8K_OFF_QS;
    for (int k = 0; k < 4; k++) {
        const uint8_t *s = p + 128 * (k / 2) + 32 * (k % 2);
        q[k] = _mm512_inserti64x4(_mm512_castsi256_si512(_mm256_loadu_si256((const __m256i *)(const void *)s)),
                                  _mm256_loadu_si256((const __m256i *)(const void *)(s + 64)), 1);
    }
}

Q4K_INLINE __m512i dp(__m512i n, __m512i q)
{
    return _mm512_dpbusd_epi32(_mm512_setzero_si512(), n, q);
}

/* vpermw indices of a scale vector for packed sums: in 128-bit lanes 0 and
 * 1, words 0..3 take word a and words 4..7 word b; in lanes 2 and 3, c and d. */
Q4K_INLINE __m512i idx4(short a, short b, short c, short d)
{
    return _mm512_set_epi16(d, d, d, d, c, c, c, c, d, d, d, d, c, c, c, c, b, b, b, b, a, a, a, a, b, b, b, b, a,
                            a, a, a);
}

/* Row pair (r0, r0 + 1), one vector: n0, n1 the rows' nibbles, q the
 * vector's rearranged activations, s[4] the scale vectors. vpackssdw of
 * the two rows' vpdpbusd sums puts, in every 128-bit lane, 4 sums of row r0
 * then 4 of row r0 + 1 of the same sub-block; vpmaddwd / vpdpwssd against
 * the scales leaves per 128-bit lane [r0 r0 r1 r1] partial isums. */
Q4K_INLINE __m512i isum_pair(const __m512i n0[4], const __m512i n1[4], const __m512i q[4], const __m512i s[4])
{
    __m512i z = _mm512_madd_epi16(_mm512_packs_epi32(dp(n0[0], q[0]), dp(n1[0], q[0])), s[0]);
    for (int k = 1; k < 4; k++)
        z = _mm512_dpwssd_epi32(z, _mm512_packs_epi32(dp(n0[k], q[k]), dp(n1[k], q[k])), s[k]);
    return z;
}

/* One row, one vector (R = 1): 16 lanes of partial isums; the packs pair
 * sub-blocks (0|2 with 1|3, 4|6 with 5|7) instead of rows. */
Q4K_INLINE __m512i isum_row(const __m512i n[4], const __m512i q[4], __m512i sab, __m512i scd)
{
    const __m512i ab = _mm512_packs_epi32(dp(n[0], q[0]), dp(n[1], q[1]));
    const __m512i cd = _mm512_packs_epi32(dp(n[2], q[2]), dp(n[3], q[3]));
    return _mm512_dpwssd_epi32(_mm512_madd_epi16(ab, sab), cd, scd);
}

/* The sum of x's four 32-bit lanes, in every lane. */
Q4K_INLINE __m128i hsum4(__m128i x)
{
    x = _mm_add_epi32(x, _mm_shuffle_epi32(x, _MM_SHUFFLE(1, 0, 3, 2)));
    return _mm_add_epi32(x, _mm_shuffle_epi32(x, _MM_SHUFFLE(2, 3, 0, 1)));
}

/* R floats (lanes 0..R-1) to any address. */
Q4K_INLINE void store_rows(float *y, __m256 v, const int R)
{
    if (R == 8)
        _mm256_storeu_ps(y, v);
    else if (R == 4)
        _mm_storeu_ps(y, _mm256_castps256_ps128(v));
    else if (R == 2)
        _mm_storeu_si64((void *)y, _mm_castps_si128(_mm256_castps256_ps128(v)));
    else
        _mm_storeu_si32((void *)y, _mm_castps_si128(_mm256_castps256_ps128(v)));
}

/* Sums of the four 128-bit lanes: x, y (lane k: [r0 r1 r2 r3] partial sums)
 * -> [x x y y] in 128-bit lanes. */
Q4K_INLINE __m512i fold2(__m512i x, __m512i y)
{
    const __m512i t = _mm512_add_epi32(_mm512_shuffle_i64x2(x, y, _MM_SHUFFLE(1, 0, 1, 0)),
                                       _mm512_shuffle_i64x2(x, y, _MM_SHUFFLE(3, 2, 3, 2)));
    return _mm512_add_epi32(t, _mm512_shuffle_i64x2(t, t, _MM_SHUFFLE(2, 3, 0, 1)));
}

/* The same for four: -> [x y z w]. */
Q4K_INLINE __m512i fold4(__m512i x, __m512i y, __m512i z, __m512i w)
{
    const __m512i a = _mm512_add_epi32(_mm512_shuffle_i64x2(x, y, _MM_SHUFFLE(1, 0, 1, 0)),
                                       _mm512_shuffle_i64x2(x, y, _MM_SHUFFLE(3, 2, 3, 2)));
    const __m512i b = _mm512_add_epi32(_mm512_shuffle_i64x2(z, w, _MM_SHUFFLE(1, 0, 1, 0)),
                                       _mm512_shuffle_i64x2(z, w, _MM_SHUFFLE(3, 2, 3, 2)));
    return _mm512_add_epi32(_mm512_shuffle_i64x2(a, b, _MM_SHUFFLE(2, 0, 2, 0)),
                            _mm512_shuffle_i64x2(a, b, _MM_SHUFFLE(3, 1, 3, 1)));
}

/* Per 128-bit lane [r0 r1 r2 r3] from two row pairs' [r0 r0 r1 r1], [r2 r2 r3 r3]. */
Q4K_INLINE __m512i pairs_to_rows(__m512i z0, __m512i z1)
{
    const __m512 f0 = _mm512_castsi512_ps(z0), f1 = _mm512_castsi512_ps(z1);
    return _mm512_add_epi32(_mm512_castps_si512(_mm512_shuffle_ps(f0, f1, _MM_SHUFFLE(2, 0, 2, 0))),
                            _mm512_castps_si512(_mm512_shuffle_ps(f0, f1, _MM_SHUFFLE(3, 1, 3, 1))));
}

/* R rows x C vectors, every block of the rows (R = 1, 2, 4 or 8). w: row
 * 0's first block; xq: vector 0's first block; y: y[0] of vector 0.
 * Packed (P = 1, R = 4 or 8, q4k_format.h): w is the tile's first group,
 * the header is loaded ready-made (d and dmin in order, the scales and mins
 * as bytes: widened, not unpacked), and only the first nr rows are stored
 * (the last tile's padding rows are computed and dropped). */
Q4K_INLINE void tile(const uint8_t *w, size_t n_bpr, const uint8_t *xq, float *y, size_t ldy, const int R,
                     const int C, const int P, const int nr, const int PF)
{
    const size_t ws = n_bpr * 144, as = n_bpr * Q8K_BLOCK_BYTES;
    const size_t gs = P ? (size_t)Q4K_PACKED_BLOCK_BYTES * R : 144; /* per block column */
    const int G = (R + 3) / 4; /* groups of four rows, one header vector each */
    /* vpermw indices of the scale vectors: for a row pair (in 128-bit lanes
     * 0 and 1 of the table) the sub-block pairs (0|2), (1|3), (4|6), (5|7)
     * of the nibble layout; for one row (R == 1) (0|2, 1|3), (4|6, 5|7). */
    __m512i idx_s[4];
    for (int k = 0; k < 4; k++) {
        const short j = (short)((k & 1) + 4 * (k >> 1));
        idx_s[k] = idx4(j, j + 8, j + 2, j + 10);
    }
    const __m512i idx_ab = idx4(0, 1, 2, 3), idx_cd = idx4(4, 5, 6, 7);
    /* imin (R >= 2): the rows' mins transposed (128-bit lane k, dword r =
     * row r's m[2k], m[2k+1]) against the bsums (lane k, every dword:
     * bsums 4k and 4k+2, then 4k+1 and 4k+3) */
    const __m512i idx_mt = _mm512_setr_epi32(0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);
    const __m512i idx_be = _mm512_set_epi16(14, 12, 14, 12, 14, 12, 14, 12, 10, 8, 10, 8, 10, 8, 10, 8, 6, 4, 6, 4,
                                            6, 4, 6, 4, 2, 0, 2, 0, 2, 0, 2, 0);
    const __m512i idx_bo = _mm512_add_epi16(idx_be, _mm512_set1_epi16(1));
    /* imin (R == 1): the mins in pairs against the 16 bsums */
    const __m512i idx_md = _mm512_set_epi16(15, 15, 14, 14, 13, 13, 12, 12, 11, 11, 10, 10, 9, 9, 8, 8, 7, 7, 6, 6,
                                            5, 5, 4, 4, 3, 3, 2, 2, 1, 1, 0, 0);
    /* d of rows 0..7, then dmin of rows 0..7 (vpermt2w: 32 + word = the
     * second header vector; vpermw reads only the low five bits) */
    const __m256i idx_dm = _mm256_setr_epi16(0, 8, 16, 24, 32, 40, 48, 56, 1, 9, 17, 25, 33, 41, 49, 57);
    const __m512i neg_hi = _mm512_setr_epi32(0, 0, 0, 0, 0, 0, 0, 0, INT32_MIN, INT32_MIN, INT32_MIN, INT32_MIN,
                                             INT32_MIN, INT32_MIN, INT32_MIN, INT32_MIN);
    __m256 acc[4];
    for (int c = 0; c < C; c++)
        acc[c] = _mm256_setzero_ps();
#if defined(Q4K_MATVEC_LOOSE)
    __m512 lacc[4][2];
    for (int c = 0; c < C; c++)
        lacc[c][0] = lacc[c][1] = _mm512_setzero_ps();
#endif
    for (size_t b = 0; b < n_bpr; b++) {
        const uint8_t *x = w + b * gs;
        const uint8_t *a = xq + b * Q8K_BLOCK_BYTES;
        /* Software prefetch (PF > 0): the block column PF columns ahead,
         * every line of it (a prefetch never faults, past the end
         * included). One core's hardware prefetchers alone leave a cold
         * stream short of the read rate once the kernel's own work is
         * this small (measured on Zen 5: matvec_q6k's p4 packed kernel). */
        if (PF) {
            if (P) {
                for (size_t i = 0; i < gs; i += 64)
                    _mm_prefetch((const char *)(x + PF * gs + i), _MM_HINT_T0);
            } else {
                for (int r = 0; r < R; r++) {
                    const char *row = (const char *)(x + r * ws + PF * 144);
                    _mm_prefetch(row, _MM_HINT_T0);
                    _mm_prefetch(row + 64, _MM_HINT_T0);
                    _mm_prefetch(row + 143, _MM_HINT_T0);
                }
            }
        }
        /* headers: 128-bit lane r of h[g] = row 4g + r's d, dmin, scales;
         * s: its scales and mins as bytes; sc16 / mn16 the same as words */
        __m512i h[2] = {_mm512_setzero_si512(), _mm512_setzero_si512()}, sc16[2], mn16[2], mt[2];
        for (int g = 0; P && g < G; g++) {
            sc16[g] = _mm512_cvtepu8_epi16(
                _mm256_loadu_si256((const __m256i *)(const void *)(x + q4k_packed_off_sc(R) + 32 * g)));
            mn16[g] = _mm512_cvtepu8_epi16(
                _mm256_loadu_si256((const __m256i *)(const void *)(x + q4k_packed_off_m(R) + 32 * g)));
            mt[g] = _mm512_permutexvar_epi32(idx_mt, mn16[g]);
        }
        for (int g = 0; !P && g < G; g++) {
            const uint8_t *xg = x + 4 * g * ws;
            h[g] = _mm512_zextsi128_si512(_mm_loadu_si128((const __m128i *)(const void *)xg));
            if (R - 4 * g > 1)
                h[g] = _mm512_inserti32x4(h[g], _mm_loadu_si128((const __m128i *)(const void *)(xg + ws)), 1);
            if (R - 4 * g > 2)
                h[g] = _mm512_inserti32x4(h[g], _mm_loadu_si128((const __m128i *)(const void *)(xg + 2 * ws)), 2);
            if (R - 4 * g > 3)
                h[g] = _mm512_inserti32x4(h[g], _mm_loadu_si128((const __m128i *)(const void *)(xg + 3 * ws)), 3);
            const __m512i s = unpack_scales(h[g]);
            sc16[g] = _mm512_unpacklo_epi8(s, _mm512_setzero_si512());
            mn16[g] = _mm512_unpackhi_epi8(s, _mm512_setzero_si512());
            mt[g] = _mm512_permutexvar_epi32(idx_mt, mn16[g]);
        }
        /* [d0..d7 | dmin0..dmin7] */
        __m512 dm;
        if (P && R == 8) { /* d[0..7] dmin[0..7]: as stored */
            dm = _mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *)(const void *)x));
        } else if (P) { /* d[0..3] dmin[0..3] -> lanes 0..3 and 8..11 */
            const __m128i h4 = _mm_loadl_epi64((const __m128i *)(const void *)x);
            const __m128i h4m = _mm_loadl_epi64((const __m128i *)(const void *)(x + q4k_packed_off_dmin(R)));
            dm = _mm512_cvtph_ps(_mm256_inserti128_si256(_mm256_castsi128_si256(h4), h4m, 1));
        } else {
            const __m512i dmh = R == 8 ? _mm512_permutex2var_epi16(h[0], _mm512_castsi256_si512(idx_dm), h[1])
                                       : _mm512_permutexvar_epi16(_mm512_castsi256_si512(idx_dm), h[0]);
            dm = _mm512_cvtph_ps(_mm512_castsi512_si256(dmh));
        }
        __m512i md = _mm512_setzero_si512(), sab = md, scd = md;
        if (R == 1) {
            md = _mm512_permutexvar_epi16(idx_md, mn16[0]);
            sab = _mm512_permutexvar_epi16(idx_ab, sc16[0]);
            scd = _mm512_permutexvar_epi16(idx_cd, sc16[0]);
        }
        /* the vectors' activations */
        __m512i q[4][4], be[4], bo[4];
        __m256i bs[4];
        __m512 pd[4];
        for (int c = 0; c < C; c++) {
            const uint8_t *ac = a + c * as;
            load_act(ac, q[c]);
            bs[c] = _mm256_loadu_si256((const __m256i *)(const void *)(ac + Q8K_OFF_BSUMS));
            be[c] = _mm512_permutexvar_epi16(idx_be, _mm512_castsi256_si512(bs[c]));
            bo[c] = _mm512_permutexvar_epi16(idx_bo, _mm512_castsi256_si512(bs[c]));
            float d8;
            memcpy(&d8, ac + Q8K_OFF_D, sizeof d8);
            /* [d8*d | -(d8*dmin)]: each product rounded on its own */
            pd[c] = _mm512_castsi512_ps(
                _mm512_xor_si512(_mm512_castps_si512(_mm512_mul_ps(_mm512_set1_ps(d8), dm)), neg_hi));
        }
        /* isum: row pairs, per 128-bit lane [r r r+1 r+1] partial sums */
        __m512i zp[4][4];
        for (int p = 0; p < R / 2; p++) {
            const uint8_t *qs = P ? x + q4k_packed_off_qs(R) + 256 * p : x + 2 * p * ws + Q4K_OFF_QS;
            const size_t next = P ? 128 : ws; /* from the pair's first row to its second */
            __m512i n0[4], n1[4];
            const __m512i a0 = _mm512_loadu_si512((const void *)qs), a1 = _mm512_loadu_si512((const void *)(qs + 64));
            const __m512i b0 = _mm512_loadu_si512((const void *)(qs + next));
            const __m512i b1 = _mm512_loadu_si512((const void *)(qs + next + 64));
            n0[0] = nib_lo(a0), n0[1] = nib_hi(a0), n0[2] = nib_lo(a1), n0[3] = nib_hi(a1);
            n1[0] = nib_lo(b0), n1[1] = nib_hi(b0), n1[2] = nib_lo(b1), n1[3] = nib_hi(b1);
            /* the pair's rows in 128-bit lanes 0 and 1 of the table */
            const __m512i t = p & 1 ? _mm512_shuffle_i64x2(sc16[p / 2], sc16[p / 2], _MM_SHUFFLE(3, 2, 3, 2))
                                    : sc16[p / 2];
            __m512i sv[4];
            for (int k = 0; k < 4; k++)
                sv[k] = _mm512_permutexvar_epi16(idx_s[k], t);
            for (int c = 0; c < C; c++)
                zp[c][p] = isum_pair(n0, n1, q[c], sv);
        }
        for (int c = 0; c < C; c++) {
            /* 128-bit lanes: isum in the low 256 bits, imin in the high */
            __m512i t;
            if (R == 1) {
                const uint8_t *qs = x + Q4K_OFF_QS;
                const __m512i a0 = _mm512_loadu_si512((const void *)qs);
                const __m512i a1 = _mm512_loadu_si512((const void *)(qs + 64));
                const __m512i n[4] = {nib_lo(a0), nib_hi(a0), nib_lo(a1), nib_hi(a1)};
                const __m512i z = isum_row(n, q[c], sab, scd);
                const __m256i zh = _mm256_add_epi32(_mm512_castsi512_si256(z), _mm512_extracti64x4_epi64(z, 1));
                const __m128i isum = hsum4(_mm_add_epi32(_mm256_castsi256_si128(zh), _mm256_extracti128_si256(zh, 1)));
                const __m256i pm = _mm256_madd_epi16(_mm512_castsi512_si256(md), bs[c]);
                const __m128i imin = hsum4(_mm_add_epi32(_mm256_castsi256_si128(pm), _mm256_extracti128_si256(pm, 1)));
                t = _mm512_inserti32x4(_mm512_castsi128_si512(isum), imin, 2);
            } else {
                __m512i u[2], nm[2];
                for (int g = 0; g < G; g++) {
                    u[g] = pairs_to_rows(zp[c][2 * g], R == 2 ? zp[c][0] : zp[c][2 * g + 1]);
                    nm[g] = _mm512_dpwssd_epi32(_mm512_madd_epi16(mt[g], be[c]), mt[g], bo[c]);
                }
#if defined(Q4K_MATVEC_LOOSE)
                if (R == 8) { /* per-lane float sums, no per-block fold */
                    for (int g = 0; g < 2; g++) {
                        const __m512 sd = _mm512_broadcast_f32x4(_mm512_extractf32x4_ps(pd[c], g));
                        const __m512 sm = _mm512_broadcast_f32x4(_mm512_extractf32x4_ps(pd[c], 2 + g));
                        lacc[c][g] = _mm512_fmadd_ps(sd, _mm512_cvtepi32_ps(u[g]), lacc[c][g]);
                        lacc[c][g] = _mm512_fmadd_ps(sm, _mm512_cvtepi32_ps(nm[g]), lacc[c][g]);
                    }
                    continue;
                }
#endif
                t = R == 8 ? fold4(u[0], u[1], nm[0], nm[1]) : fold2(u[0], nm[0]);
            }
            const __m512 f = _mm512_cvtepi32_ps(t);
            acc[c] = _mm256_fmadd_ps(_mm512_castps512_ps256(pd[c]), _mm512_castps512_ps256(f), acc[c]);
            acc[c] = _mm256_fmadd_ps(_mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(pd[c]), 1)),
                                     _mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(f), 1)), acc[c]);
        }
    }
#if defined(Q4K_MATVEC_LOOSE)
    for (int c = 0; R == 8 && c < C; c++) { /* the row sums, once per tile */
        __m128 s[2];
        for (int g = 0; g < 2; g++) {
            const __m512 l = lacc[c][g];
            const __m256 h = _mm256_add_ps(_mm512_castps512_ps256(l),
                                           _mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(l), 1)));
            s[g] = _mm_add_ps(_mm256_castps256_ps128(h), _mm256_extractf128_ps(h, 1));
        }
        acc[c] = _mm256_insertf128_ps(_mm256_castps128_ps256(s[0]), s[1], 1);
    }
#endif
    for (int c = 0; c < C; c++) {
        if (P && nr < R) { /* the last tile: its real rows only */
            float part[8];
            _mm256_storeu_ps(part, acc[c]);
            memcpy(y + c * ldy, part, (size_t)nr * sizeof(float));
        } else
            store_rows(y + c * ldy, acc[c], R);
    }
}

/* Every row against C vectors: tiles of R rows, then the leftover rows in
 * tiles of 4, 2 and 1. */
Q4K_INLINE void rows(const uint8_t *w, size_t n_rows, size_t n_bpr, const uint8_t *xq, float *y, size_t ldy,
                     const int R, const int C, const int PF)
{
    const size_t ws = n_bpr * 144;
    size_t r = 0;
    for (; r + R <= n_rows; r += R)
        tile(w + r * ws, n_bpr, xq, y + r, ldy, R, C, 0, R, PF);
    if (R > 4 && r + 4 <= n_rows) {
        tile(w + r * ws, n_bpr, xq, y + r, ldy, 4, C, 0, 4, PF);
        r += 4;
    }
    if (R > 2 && r + 2 <= n_rows) {
        tile(w + r * ws, n_bpr, xq, y + r, ldy, 2, C, 0, 2, PF);
        r += 2;
    }
    if (R > 1 && r < n_rows)
        tile(w + r * ws, n_bpr, xq, y + r, ldy, 1, C, 0, 1, PF);
}

/* Every row of packed weights (interleave R) against C vectors: whole
 * tiles, the last one stored in part. */
Q4K_INLINE void rows_packed(const uint8_t *w, size_t n_rows, size_t n_bpr, const uint8_t *xq, float *y,
                            size_t ldy, const int R, const int C, const int PF)
{
    const size_t tile_bytes = n_bpr * Q4K_PACKED_BLOCK_BYTES * R;
    for (size_t r = 0; r < n_rows; r += R, w += tile_bytes)
        tile(w, n_bpr, xq, y + r, ldy, R, C, 1, n_rows - r < (size_t)R ? (int)(n_rows - r) : R, PF);
}

/* q4k_matvec__avx512vnni_r4_c1_p0: 4 row(s) x 1 vector(s) per iteration */
void q4k_matvec__avx512vnni_r4_c1_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *a = (const uint8_t *)xq;
    const size_t as = n_bpr * Q8K_BLOCK_BYTES;
    size_t v = 0;
    for (; v < n_vecs; v++)
        rows((const uint8_t *)w, n_rows, n_bpr, a + v * as, y + v * ldy, ldy, 4, 1, 0);
}

/* q4k_matvec__avx512vnni_r4_c1_p4: 4 row(s) x 1 vector(s) per iteration */
void q4k_matvec__avx512vnni_r4_c1_p4(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *a = (const uint8_t *)xq;
    const size_t as = n_bpr * Q8K_BLOCK_BYTES;
    size_t v = 0;
    for (; v < n_vecs; v++)
        rows((const uint8_t *)w, n_rows, n_bpr, a + v * as, y + v * ldy, ldy, 4, 1, 4);
}

/* q4k_matvec__avx512vnni_r4_c4_p0: 4 row(s) x 4 vector(s) per iteration */
void q4k_matvec__avx512vnni_r4_c4_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *a = (const uint8_t *)xq;
    const size_t as = n_bpr * Q8K_BLOCK_BYTES;
    size_t v = 0;
    for (; v + 4 <= n_vecs; v += 4)
        rows((const uint8_t *)w, n_rows, n_bpr, a + v * as, y + v * ldy, ldy, 4, 4, 0);
    for (; v < n_vecs; v++)
        rows((const uint8_t *)w, n_rows, n_bpr, a + v * as, y + v * ldy, ldy, 4, 1, 0);
}

/* q4k_matvec__avx512vnni_r4_c4_p4: 4 row(s) x 4 vector(s) per iteration */
void q4k_matvec__avx512vnni_r4_c4_p4(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *a = (const uint8_t *)xq;
    const size_t as = n_bpr * Q8K_BLOCK_BYTES;
    size_t v = 0;
    for (; v + 4 <= n_vecs; v += 4)
        rows((const uint8_t *)w, n_rows, n_bpr, a + v * as, y + v * ldy, ldy, 4, 4, 4);
    for (; v < n_vecs; v++)
        rows((const uint8_t *)w, n_rows, n_bpr, a + v * as, y + v * ldy, ldy, 4, 1, 4);
}

/* q4k_matvec__avx512vnni_r8_c1_p0: 8 row(s) x 1 vector(s) per iteration */
void q4k_matvec__avx512vnni_r8_c1_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *a = (const uint8_t *)xq;
    const size_t as = n_bpr * Q8K_BLOCK_BYTES;
    size_t v = 0;
    for (; v < n_vecs; v++)
        rows((const uint8_t *)w, n_rows, n_bpr, a + v * as, y + v * ldy, ldy, 8, 1, 0);
}

/* q4k_matvec__avx512vnni_r8_c1_p0_packed: 8 row(s) x 1 vector(s) per iteration, packed weights */
void q4k_matvec__avx512vnni_r8_c1_p0_packed(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *a = (const uint8_t *)xq;
    const size_t as = n_bpr * Q8K_BLOCK_BYTES;
    size_t v = 0;
    for (; v < n_vecs; v++)
        rows_packed((const uint8_t *)w, n_rows, n_bpr, a + v * as, y + v * ldy, ldy, 8, 1, 0);
}

/* q4k_matvec__avx512vnni_r8_c1_p4: 8 row(s) x 1 vector(s) per iteration */
void q4k_matvec__avx512vnni_r8_c1_p4(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *a = (const uint8_t *)xq;
    const size_t as = n_bpr * Q8K_BLOCK_BYTES;
    size_t v = 0;
    for (; v < n_vecs; v++)
        rows((const uint8_t *)w, n_rows, n_bpr, a + v * as, y + v * ldy, ldy, 8, 1, 4);
}

/* q4k_matvec__avx512vnni_r8_c1_p4_packed: 8 row(s) x 1 vector(s) per iteration, packed weights */
void q4k_matvec__avx512vnni_r8_c1_p4_packed(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *a = (const uint8_t *)xq;
    const size_t as = n_bpr * Q8K_BLOCK_BYTES;
    size_t v = 0;
    for (; v < n_vecs; v++)
        rows_packed((const uint8_t *)w, n_rows, n_bpr, a + v * as, y + v * ldy, ldy, 8, 1, 4);
}

/* q4k_matvec__avx512vnni_r8_c4_p0: 8 row(s) x 4 vector(s) per iteration */
void q4k_matvec__avx512vnni_r8_c4_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *a = (const uint8_t *)xq;
    const size_t as = n_bpr * Q8K_BLOCK_BYTES;
    size_t v = 0;
    for (; v + 4 <= n_vecs; v += 4)
        rows((const uint8_t *)w, n_rows, n_bpr, a + v * as, y + v * ldy, ldy, 8, 4, 0);
    for (; v < n_vecs; v++)
        rows((const uint8_t *)w, n_rows, n_bpr, a + v * as, y + v * ldy, ldy, 8, 1, 0);
}

/* q4k_matvec__avx512vnni_r8_c4_p0_packed: 8 row(s) x 4 vector(s) per iteration, packed weights */
void q4k_matvec__avx512vnni_r8_c4_p0_packed(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *a = (const uint8_t *)xq;
    const size_t as = n_bpr * Q8K_BLOCK_BYTES;
    size_t v = 0;
    for (; v + 4 <= n_vecs; v += 4)
        rows_packed((const uint8_t *)w, n_rows, n_bpr, a + v * as, y + v * ldy, ldy, 8, 4, 0);
    for (; v < n_vecs; v++)
        rows_packed((const uint8_t *)w, n_rows, n_bpr, a + v * as, y + v * ldy, ldy, 8, 1, 0);
}

/* q4k_matvec__avx512vnni_r8_c4_p4: 8 row(s) x 4 vector(s) per iteration */
void q4k_matvec__avx512vnni_r8_c4_p4(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *a = (const uint8_t *)xq;
    const size_t as = n_bpr * Q8K_BLOCK_BYTES;
    size_t v = 0;
    for (; v + 4 <= n_vecs; v += 4)
        rows((const uint8_t *)w, n_rows, n_bpr, a + v * as, y + v * ldy, ldy, 8, 4, 4);
    for (; v < n_vecs; v++)
        rows((const uint8_t *)w, n_rows, n_bpr, a + v * as, y + v * ldy, ldy, 8, 1, 4);
}

/* q4k_matvec__avx512vnni_r8_c4_p4_packed: 8 row(s) x 4 vector(s) per iteration, packed weights */
void q4k_matvec__avx512vnni_r8_c4_p4_packed(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *a = (const uint8_t *)xq;
    const size_t as = n_bpr * Q8K_BLOCK_BYTES;
    size_t v = 0;
    for (; v + 4 <= n_vecs; v += 4)
        rows_packed((const uint8_t *)w, n_rows, n_bpr, a + v * as, y + v * ldy, ldy, 8, 4, 4);
    for (; v < n_vecs; v++)
        rows_packed((const uint8_t *)w, n_rows, n_bpr, a + v * as, y + v * ldy, ldy, 8, 1, 4);
}
#endif /* defined(__x86_64__) || defined(_M_X64) */
