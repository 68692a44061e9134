/* Auto-generated file. Do not edit!
 *   command:  lua5.4 gen/q4kgen.lua
 *   input:    gen/isas.lua
 *   input:    gen/ops/matvec_q6k.lua
 *   template: templates/matvec_q6k/avx512vnni.c.in
 *   template: templates/matvec_q6k/../matvec/x86_simde_compat.c.in
 *   arch:     x86_64 only (the whole file is inside #if: empty elsewhere)
 *
 * AVX-512 VNNI kernels of the fused Q6_K x Q8_K product (x86-64), compiled
 * with -mavx512vnni -mavx512f -mavx512bw -mavx512vl -mavx2 -mfma -mf16c
 * for this file only and run only after cpuid and XCR0 say the CPU and the
 * OS support them. The result is the canonical one of
 * include/q4k_matvec_q6k.h, bit for bit: the integer sums are exact (in any
 * order), the floats are the reference's operations in the reference's
 * order.
 *
 * A weight row's block is four zmm of quants (0..63 as unsigned bytes), in
 * value order: zmm k = values 64k..64k+63, so 128-bit lane j of zmm k holds
 * sub-block 4k + j, and the activations load straight, 64 bytes at a time.
 * Half n of the block: the low 4 bits are ql[64n..64n+63] (low nibbles for
 * zmm 2n, high nibbles for 2n+1); the top 2 come from qh[32n..32n+31]
 * broadcast to both 256-bit halves and shifted per half (vpsllvw /
 * vpsrlvw) so that bits 2m, 2m+1 land on bits 4-5.
 *
 * vpdpbusd of the quants against the activations accumulates into
 * -32 times the activations' 4-value sums (a vpdpbusd of 32s, once per
 * vector and block, shared by the rows): per dword lane sum (q - 32) * q8
 * over 4 values, |.| <= 4*32*128 = 16384, an int16; nothing reads the Q8_K
 * bsums. vpackssdw of zmm 0 and 1 (2 and 3) is exact and puts in 128-bit
 * lane j the words of sub-blocks j and 4 + j (8 + j and 12 + j);
 * vpmaddwd / vpdpwssd against the matching scales (vpermw of the row's
 * sign-extended scales) give 16 int32 lanes whose sum is isum (|partial|
 * <= 2^27). Per row, vector and block: 4 vpdpbusd, 2 vpackssdw, 1
 * vpmaddwd, 1 vpdpwssd. That is the single row (tile, the last row of an
 * odd count); rows otherwise go in pairs (tile_pairs): vpackssdw of the
 * two rows' vpdpbusd sums of the same zmm (exact, as above) puts in
 * 128-bit lane j 4 sums of each row of sub-block 4k + j; vpmaddwd /
 * vpdpwssd against the pair's scales (one vpmovsxbw of the pair's 32 scale
 * bytes, then vpermw per zmm) leave per 128-bit lane [r r r+1 r+1] partial
 * isums: two vector ops fold four rows instead of nine. Per row pair,
 * vector and block: 8 vpdpbusd, 4 vpackssdw, 1 vpmaddwd, 3 vpdpwssd.
 *
 * R rows per tile (4 or 8; tails in tiles of 4, 2, 1) fold to one lane per
 * row, so the float step is vector-wide and lane-wise the reference's:
 *     acc = fma(d8 * d, (float)isum, acc)
 * (d8*d rounded by its own multiply, (float) by vcvtdq2ps: round to nearest
 * even, as C's cast). C vectors per tile reuse each unpacked block.
 *
 * Packed weights (the _packed variants, q4k_pack_q6k, q4k_format.h): a
 * tile of R rows is one stream of groups, d, scales, ql and qh of the R
 * rows side by side. Its quants need no shuffle: qh's bits are regrouped so
 * that zmm k's top bits are bits 2k, 2k+1 of one 64-byte load (shifted to
 * bits 4-5, masked, merged into the nibbles by one vpternlogd). The last
 * tile's padding rows (all zero) are computed and dropped.
 *
 * Prefetch (p > 0): the block p columns ahead, every cache line of it (R
 * rows' blocks, or the packed group), once per block column. Cold, the
 * hardware prefetcher alone leaves the single core well short of its read
 * rate on these streams; packed and prefetched, one stream runs close to it.
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
#define q4k_matvec_q6k__avx512vnni_r4_c1_p0 q4k_matvec_q6k__avx512vnni_r4_c1_p0__simde
#define q4k_matvec_q6k__avx512vnni_r4_c1_p0_packed q4k_matvec_q6k__avx512vnni_r4_c1_p0_packed__simde
#define q4k_matvec_q6k__avx512vnni_r4_c1_p4 q4k_matvec_q6k__avx512vnni_r4_c1_p4__simde
#define q4k_matvec_q6k__avx512vnni_r4_c1_p4_packed q4k_matvec_q6k__avx512vnni_r4_c1_p4_packed__simde
#define q4k_matvec_q6k__avx512vnni_r8_c1_p0 q4k_matvec_q6k__avx512vnni_r8_c1_p0__simde
#define q4k_matvec_q6k__avx512vnni_r8_c1_p0_packed q4k_matvec_q6k__avx512vnni_r8_c1_p0_packed__simde
#define q4k_matvec_q6k__avx512vnni_r8_c1_p4 q4k_matvec_q6k__avx512vnni_r8_c1_p4__simde
#define q4k_matvec_q6k__avx512vnni_r8_c1_p4_packed q4k_matvec_q6k__avx512vnni_r8_c1_p4_packed__simde
#define q4k_matvec_q6k__avx512vnni_r4_c4_p0 q4k_matvec_q6k__avx512vnni_r4_c4_p0__simde
#define q4k_matvec_q6k__avx512vnni_r4_c4_p0_packed q4k_matvec_q6k__avx512vnni_r4_c4_p0_packed__simde
#else
#include <immintrin.h>
#define Q4K_INLINE static inline __attribute__((always_inline))
#endif

#include "q4k_format.h"
#include "q4k_variants.h"

/* A row's block as four zmm of quants (0..63), values 64k..64k+63 in zmm k. */
Q4K_INLINE void quants(const uint8_t *x, __m512i q[4])
{
    const __m512i m4 = _mm512_set1_epi8(0x0f), m30 = _mm512_set1_epi8(0x30);
    /* per 256-bit half: bits 2m, 2m+1 to bits 4-5, m = 0 | 1 (left by 4 | 2)
     * and m = 2 | 3 (right by 0 | 2), 16-bit shifts, masked per byte */
    const __m512i shl = _mm512_setr_epi64(0x0004000400040004, 0x0004000400040004, 0x0004000400040004,
                                          0x0004000400040004, 0x0002000200020002, 0x0002000200020002,
                                          0x0002000200020002, 0x0002000200020002);
    const __m512i shr = _mm512_setr_epi64(0, 0, 0, 0, 0x0002000200020002, 0x0002000200020002, 0x0002000200020002,
                                          0x0002000200020002);
    const __m512i hb = _mm512_loadu_si512((const void *)(x + Q6K_OFF_QH));
    for (int n = 0; n < 2; n++) {
        const __m512i l = _mm512_loadu_si512((const void *)(x + Q6K_OFF_QL + 64 * n));
        const __m512i h = n ? _mm512_shuffle_i64x2(hb, hb, _MM_SHUFFLE(3, 2, 3, 2))
                            : _mm512_shuffle_i64x2(hb, hb, _MM_SHUFFLE(1, 0, 1, 0));
        q[2 * n] = _mm512_or_si512(_mm512_and_si512(l, m4), _mm512_and_si512(_mm512_sllv_epi16(h, shl), m30));
        q[2 * n + 1] = _mm512_or_si512(_mm512_and_si512(_mm512_srli_epi16(l, 4), m4),
                                       _mm512_and_si512(_mm512_srlv_epi16(h, shr), m30));
    }
}

/* vpermw indices: in 128-bit lane j, words 0..3 take word a + j and words
 * 4..7 word b + j. */
Q4K_INLINE __m512i idx_lanes(short a, short b)
{
    return _mm512_set_epi16(b + 3, b + 3, b + 3, b + 3, a + 3, a + 3, a + 3, a + 3, b + 2, b + 2, b + 2, b + 2,
                            a + 2, a + 2, a + 2, a + 2, b + 1, b + 1, b + 1, b + 1, a + 1, a + 1, a + 1, a + 1, b,
                            b, b, b, a, a, a, a);
}

/* The sum of x's 16 lanes of rows 0..3 (x[r]) per 128-bit lane:
 * [x0 x1 x2 x3] partial sums in every 128-bit lane. */
Q4K_INLINE __m512i rows4(__m512i x0, __m512i x1, __m512i x2, __m512i x3)
{
    const __m512i t01 = _mm512_add_epi32(_mm512_unpacklo_epi32(x0, x1), _mm512_unpackhi_epi32(x0, x1));
    const __m512i t23 = _mm512_add_epi32(_mm512_unpacklo_epi32(x2, x3), _mm512_unpackhi_epi32(x2, x3));
    return _mm512_add_epi32(_mm512_unpacklo_epi64(t01, t23), _mm512_unpackhi_epi64(t01, t23));
}

/* The four 128-bit lanes of u summed: [x0 x1 x2 x3]. */
Q4K_INLINE __m128i lanes4(__m512i u)
{
    const __m256i h = _mm256_add_epi32(_mm512_castsi512_si256(u), _mm512_extracti64x4_epi64(u, 1));
    return _mm_add_epi32(_mm256_castsi256_si128(h), _mm256_extracti128_si256(h, 1));
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

/* R rows x C vectors, every block of the rows (R = 1, 2, 4 or 8; C <= 4),
 * one row at a time: what the single leftover row runs (tile_pairs does
 * the rest). w: row 0's first block; xq: vector 0's first block; y: y[0]
 * of vector 0. */
Q4K_INLINE void tile(const uint8_t *w, size_t n_bpr, const uint8_t *xq, float *y, size_t ldy, const int R,
                     const int C)
{
    const size_t ws = n_bpr * Q6K_BLOCK_BYTES, as = n_bpr * Q8K_BLOCK_BYTES;
    const __m512i k32 = _mm512_set1_epi8(32);
    /* scales of sub-blocks (j, 4 + j) and (8 + j, 12 + j) in 128-bit lane j */
    const __m512i idx01 = idx_lanes(0, 4), idx23 = idx_lanes(8, 12);
    __m256 acc[4];
    for (int c = 0; c < C; c++)
        acc[c] = _mm256_setzero_ps();
    for (size_t b = 0; b < n_bpr; b++) {
        const uint8_t *x = w + b * Q6K_BLOCK_BYTES;
        /* the vectors' activations and their -32 terms */
        __m512i av[4][4], nv[4][4];
        float d8[4];
        for (int c = 0; c < C; c++) {
            const uint8_t *ac = xq + c * as + b * Q8K_BLOCK_BYTES;
            memcpy(&d8[c], ac + Q8K_OFF_D, sizeof d8[c]);
            for (int k = 0; k < 4; k++) {
                av[c][k] = _mm512_loadu_si512((const void *)(ac + Q8K_OFF_QS + 64 * k));
                nv[c][k] = _mm512_sub_epi32(_mm512_setzero_si512(),
                                            _mm512_dpbusd_epi32(_mm512_setzero_si512(), k32, av[c][k]));
            }
        }
        /* per row: 16 lanes whose sum is isum, per vector */
        __m512i z[8][4];
        uint16_t dh[8];
        for (int r = 0; r < R; r++) {
            const uint8_t *xr = x + r * ws;
            dh[r] = q4k_load_le16(xr + Q6K_OFF_D);
            __m512i q[4];
            quants(xr, q);
            const __m512i s16 = _mm512_castsi256_si512(
                _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(const void *)(xr + Q6K_OFF_SCALES))));
            const __m512i s01 = _mm512_permutexvar_epi16(idx01, s16), s23 = _mm512_permutexvar_epi16(idx23, s16);
            for (int c = 0; c < C; c++) {
                __m512i t[4];
                for (int k = 0; k < 4; k++)
                    t[k] = _mm512_dpbusd_epi32(nv[c][k], q[k], av[c][k]);
                z[r][c] = _mm512_dpwssd_epi32(_mm512_madd_epi16(_mm512_packs_epi32(t[0], t[1]), s01),
                                              _mm512_packs_epi32(t[2], t[3]), s23);
            }
        }
        for (int r = R; r < 8; r++)
            dh[r] = dh[0];
        const __m256 d = _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(const void *)dh));
        for (int c = 0; c < C; c++) {
            __m256i isum;
            if (R == 8) {
                const __m512i u0 = rows4(z[0][c], z[1][c], z[2][c], z[3][c]);
                const __m512i u1 = rows4(z[4][c], z[5][c], z[6][c], z[7][c]);
                const __m512i v = _mm512_add_epi32(_mm512_shuffle_i64x2(u0, u1, _MM_SHUFFLE(1, 0, 1, 0)),
                                                   _mm512_shuffle_i64x2(u0, u1, _MM_SHUFFLE(3, 2, 3, 2)));
                const __m512i s = _mm512_add_epi32(_mm512_shuffle_i64x2(v, v, _MM_SHUFFLE(2, 0, 2, 0)),
                                                   _mm512_shuffle_i64x2(v, v, _MM_SHUFFLE(3, 1, 3, 1)));
                isum = _mm512_castsi512_si256(s);
            } else {
                const __m128i s = lanes4(rows4(z[0][c], z[R > 1 ? 1 : 0][c], z[R > 2 ? 2 : 0][c],
                                               z[R > 2 ? 3 : 0][c]));
                isum = _mm256_castsi128_si256(s);
            }
            acc[c] = _mm256_fmadd_ps(_mm256_mul_ps(_mm256_set1_ps(d8[c]), d), _mm256_cvtepi32_ps(isum), acc[c]);
        }
    }
    for (int c = 0; c < C; c++)
        store_rows(y + c * ldy, acc[c], R);
}

/* A packed row's block as four zmm of quants (0..63), values 64k..64k+63
 * in zmm k: the nibbles of ql (bytes 0..63 for k = 0, 1, 64..127 for 2, 3;
 * low nibbles for even k) and bits 2k, 2k+1 of qh (q4k_q6k_packed_quant). */
Q4K_INLINE void quants_packed(const uint8_t *ql, const uint8_t *qh, __m512i q[4])
{
    const __m512i m4 = _mm512_set1_epi8(0x0f), m30 = _mm512_set1_epi8(0x30);
    const __m512i l0 = _mm512_loadu_si512((const void *)ql), l1 = _mm512_loadu_si512((const void *)(ql + 64));
    const __m512i h = _mm512_loadu_si512((const void *)qh);
    /* (a & 0x0f) | b: vpternlogd 0xec with the mask as third operand */
    q[0] = _mm512_ternarylogic_epi32(l0, _mm512_and_si512(_mm512_slli_epi16(h, 4), m30), m4, 0xec);
    q[1] = _mm512_ternarylogic_epi32(_mm512_srli_epi16(l0, 4), _mm512_and_si512(_mm512_slli_epi16(h, 2), m30), m4,
                                     0xec);
    q[2] = _mm512_ternarylogic_epi32(l1, _mm512_and_si512(h, m30), m4, 0xec);
    q[3] = _mm512_ternarylogic_epi32(_mm512_srli_epi16(l1, 4), _mm512_and_si512(_mm512_srli_epi16(h, 2), m30), m4,
                                     0xec);
}

/* Per 128-bit lane [r0 r1 r2 r3] from two row pairs' [r0 r0 r1 r1], [r2 r2 r3 r3]. */
Q4K_INLINE __m512i pairs_to_rows(__m512i z0, __m512i z1)
{
    const __m512 f0 = _mm512_castsi512_ps(z0), f1 = _mm512_castsi512_ps(z1);
    return _mm512_add_epi32(_mm512_castps_si512(_mm512_shuffle_ps(f0, f1, _MM_SHUFFLE(2, 0, 2, 0))),
                            _mm512_castps_si512(_mm512_shuffle_ps(f0, f1, _MM_SHUFFLE(3, 1, 3, 1))));
}

/* R rows in pairs (R = 2, 4 or 8) x C vectors, every block column; the
 * first nr rows stored. Packed (P = 1, R = 4 or 8): w is the tile's first
 * group; else w is row 0's first block (GGUF rows, nr = R). */
Q4K_INLINE void tile_pairs(const uint8_t *w, size_t n_bpr, const uint8_t *xq, float *y, size_t ldy, const int R,
                           const int C, const int P, const int nr, const int PF)
{
    const size_t as = n_bpr * Q8K_BLOCK_BYTES, ws = n_bpr * Q6K_BLOCK_BYTES;
    const size_t gs = P ? (size_t)Q4K_PACKED_Q6K_BLOCK_BYTES * R : Q6K_BLOCK_BYTES; /* per block column */
    const __m512i k32 = _mm512_set1_epi8(32);
    /* vpermw indices of a row pair's scale vector for zmm k (the pair's
     * scales as words: row 0 in words 0..15, row 1 in 16..31): in 128-bit
     * lane j, words 0..3 take row 0's scale 4k + j, words 4..7 row 1's */
    const __m512i idx_k[4] = {idx_lanes(0, 16), idx_lanes(4, 20), idx_lanes(8, 24), idx_lanes(12, 28)};
    __m256 acc[4];
    for (int c = 0; c < C; c++)
        acc[c] = _mm256_setzero_ps();
    for (size_t b = 0; b < n_bpr; b++) {
        const uint8_t *x = w + b * gs;
        if (PF && P) { /* the group PF columns ahead, every line (prefetches never fault) */
            for (size_t i = 0; i < gs; i += 64)
                _mm_prefetch((const char *)(x + PF * gs + i), _MM_HINT_T0);
        } else if (PF) {
            for (int r = 0; r < R; r++)
                for (size_t i = 0; i < Q6K_BLOCK_BYTES + 63; i += 64)
                    _mm_prefetch((const char *)(x + r * ws + PF * Q6K_BLOCK_BYTES + i), _MM_HINT_T0);
        }
        /* the vectors' activations and their -32 terms */
        __m512i av[4][4], nv[4][4];
        float d8[4];
        for (int c = 0; c < C; c++) {
            const uint8_t *ac = xq + c * as + b * Q8K_BLOCK_BYTES;
            memcpy(&d8[c], ac + Q8K_OFF_D, sizeof d8[c]);
            for (int k = 0; k < 4; k++) {
                av[c][k] = _mm512_loadu_si512((const void *)(ac + Q8K_OFF_QS + 64 * k));
                nv[c][k] = _mm512_sub_epi32(_mm512_setzero_si512(),
                                            _mm512_dpbusd_epi32(_mm512_setzero_si512(), k32, av[c][k]));
            }
        }
        /* d of rows 0..R-1 (the lanes after them unused) */
        __m256 d;
        if (P && R == 8) {
            d = _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(const void *)x));
        } else if (P) {
            d = _mm256_cvtph_ps(_mm_loadl_epi64((const __m128i *)(const void *)x));
        } else {
            uint16_t dh[8] = {0};
            for (int r = 0; r < R; r++)
                dh[r] = q4k_load_le16(x + r * ws + Q6K_OFF_D);
            d = _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(const void *)dh));
        }
        /* per row pair and vector: per 128-bit lane [r r r+1 r+1] partial isums */
        __m512i z[4][4];
        for (int p = 0; p < R / 2; p++) {
            __m512i s16, q0[4], q1[4];
            if (P) {
                s16 = _mm512_cvtepi8_epi16(
                    _mm256_loadu_si256((const __m256i *)(const void *)(x + q4k_packed_q6k_off_sc(R) + 32 * p)));
                const uint8_t *ql = x + q4k_packed_q6k_off_ql(R) + 256 * p;
                const uint8_t *qh = x + q4k_packed_q6k_off_qh(R) + 128 * p;
                quants_packed(ql, qh, q0);
                quants_packed(ql + 128, qh + 64, q1);
            } else {
                const uint8_t *x0 = x + 2 * p * ws, *x1 = x0 + ws;
                s16 = _mm512_cvtepi8_epi16(_mm256_inserti128_si256(
                    _mm256_castsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)(x0 + Q6K_OFF_SCALES))),
                    _mm_loadu_si128((const __m128i *)(const void *)(x1 + Q6K_OFF_SCALES)), 1));
                quants(x0, q0);
                quants(x1, q1);
            }
            for (int c = 0; c < C; c++) {
                __m512i t = _mm512_setzero_si512();
                for (int k = 0; k < 4; k++) {
                    const __m512i pk = _mm512_packs_epi32(_mm512_dpbusd_epi32(nv[c][k], q0[k], av[c][k]),
                                                          _mm512_dpbusd_epi32(nv[c][k], q1[k], av[c][k]));
                    const __m512i sk = _mm512_permutexvar_epi16(idx_k[k], s16);
                    t = k ? _mm512_dpwssd_epi32(t, pk, sk) : _mm512_madd_epi16(pk, sk);
                }
                z[c][p] = t;
            }
        }
        for (int c = 0; c < C; c++) {
            __m256i isum;
            const __m512i u0 = pairs_to_rows(z[c][0], z[c][R > 2 ? 1 : 0]);
            if (R == 8) {
                const __m512i u1 = pairs_to_rows(z[c][2], z[c][3]);
                const __m512i v = _mm512_add_epi32(_mm512_shuffle_i64x2(u0, u1, _MM_SHUFFLE(1, 0, 1, 0)),
                                                   _mm512_shuffle_i64x2(u0, u1, _MM_SHUFFLE(3, 2, 3, 2)));
                const __m512i s = _mm512_add_epi32(_mm512_shuffle_i64x2(v, v, _MM_SHUFFLE(2, 0, 2, 0)),
                                                   _mm512_shuffle_i64x2(v, v, _MM_SHUFFLE(3, 1, 3, 1)));
                isum = _mm512_castsi512_si256(s);
            } else {
                isum = _mm256_castsi128_si256(lanes4(u0));
            }
            acc[c] = _mm256_fmadd_ps(_mm256_mul_ps(_mm256_set1_ps(d8[c]), d), _mm256_cvtepi32_ps(isum), acc[c]);
        }
    }
    for (int c = 0; c < C; c++) {
        if (P && nr < R) { /* the last tile: its real rows only */
            float part[8];
            _mm256_storeu_ps(part, acc[c]);
            memcpy(y + c * ldy, part, (size_t)nr * sizeof(float));
        } else
            store_rows(y + c * ldy, acc[c], R);
    }
}

/* Every row of packed weights (interleave R) against C vectors: whole
 * tiles, the last one stored in part. */
Q4K_INLINE void rows_packed(const uint8_t *w, size_t n_rows, size_t n_bpr, const uint8_t *xq, float *y,
                            size_t ldy, const int R, const int C, const int PF)
{
    const size_t tile_bytes = n_bpr * Q4K_PACKED_Q6K_BLOCK_BYTES * R;
    for (size_t r = 0; r < n_rows; r += R, w += tile_bytes)
        tile_pairs(w, n_bpr, xq, y + r, ldy, R, C, 1, n_rows - r < (size_t)R ? (int)(n_rows - r) : R, PF);
}

/* Every row against C vectors: tiles of R rows, then the leftover rows in
 * tiles of 4, 2 and 1. */
Q4K_INLINE void rows(const uint8_t *w, size_t n_rows, size_t n_bpr, const uint8_t *xq, float *y, size_t ldy,
                     const int R, const int C, const int PF)
{
    const size_t ws = n_bpr * Q6K_BLOCK_BYTES;
    size_t r = 0;
    for (; r + R <= n_rows; r += R) {
        if (R > 1)
            tile_pairs(w + r * ws, n_bpr, xq, y + r, ldy, R, C, 0, R, PF);
        else
            tile(w + r * ws, n_bpr, xq, y + r, ldy, 1, C);
    }
    if (R > 4 && r + 4 <= n_rows) {
        tile_pairs(w + r * ws, n_bpr, xq, y + r, ldy, 4, C, 0, 4, PF);
        r += 4;
    }
    if (R > 2 && r + 2 <= n_rows) {
        tile_pairs(w + r * ws, n_bpr, xq, y + r, ldy, 2, C, 0, 2, PF);
        r += 2;
    }
    if (R > 1 && r < n_rows)
        tile(w + r * ws, n_bpr, xq, y + r, ldy, 1, C);
}

/* q4k_matvec_q6k__avx512vnni_r4_c1_p0: 4 row(s) x 1 vector(s) per iteration */
void q4k_matvec_q6k__avx512vnni_r4_c1_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *a = (const uint8_t *)xq;
    const size_t as = n_bpr * Q8K_BLOCK_BYTES;
    size_t v = 0;
    for (; v < n_vecs; v++)
        rows((const uint8_t *)w, n_rows, n_bpr, a + v * as, y + v * ldy, ldy, 4, 1, 0);
}

/* q4k_matvec_q6k__avx512vnni_r4_c1_p0_packed: 4 row(s) x 1 vector(s) per iteration, packed weights */
void q4k_matvec_q6k__avx512vnni_r4_c1_p0_packed(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *a = (const uint8_t *)xq;
    const size_t as = n_bpr * Q8K_BLOCK_BYTES;
    size_t v = 0;
    for (; v < n_vecs; v++)
        rows_packed((const uint8_t *)w, n_rows, n_bpr, a + v * as, y + v * ldy, ldy, 4, 1, 0);
}

/* q4k_matvec_q6k__avx512vnni_r4_c1_p4: 4 row(s) x 1 vector(s) per iteration */
void q4k_matvec_q6k__avx512vnni_r4_c1_p4(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *a = (const uint8_t *)xq;
    const size_t as = n_bpr * Q8K_BLOCK_BYTES;
    size_t v = 0;
    for (; v < n_vecs; v++)
        rows((const uint8_t *)w, n_rows, n_bpr, a + v * as, y + v * ldy, ldy, 4, 1, 4);
}

/* q4k_matvec_q6k__avx512vnni_r4_c1_p4_packed: 4 row(s) x 1 vector(s) per iteration, packed weights */
void q4k_matvec_q6k__avx512vnni_r4_c1_p4_packed(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *a = (const uint8_t *)xq;
    const size_t as = n_bpr * Q8K_BLOCK_BYTES;
    size_t v = 0;
    for (; v < n_vecs; v++)
        rows_packed((const uint8_t *)w, n_rows, n_bpr, a + v * as, y + v * ldy, ldy, 4, 1, 4);
}

/* q4k_matvec_q6k__avx512vnni_r8_c1_p0: 8 row(s) x 1 vector(s) per iteration */
void q4k_matvec_q6k__avx512vnni_r8_c1_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *a = (const uint8_t *)xq;
    const size_t as = n_bpr * Q8K_BLOCK_BYTES;
    size_t v = 0;
    for (; v < n_vecs; v++)
        rows((const uint8_t *)w, n_rows, n_bpr, a + v * as, y + v * ldy, ldy, 8, 1, 0);
}

/* q4k_matvec_q6k__avx512vnni_r8_c1_p0_packed: 8 row(s) x 1 vector(s) per iteration, packed weights */
void q4k_matvec_q6k__avx512vnni_r8_c1_p0_packed(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *a = (const uint8_t *)xq;
    const size_t as = n_bpr * Q8K_BLOCK_BYTES;
    size_t v = 0;
    for (; v < n_vecs; v++)
        rows_packed((const uint8_t *)w, n_rows, n_bpr, a + v * as, y + v * ldy, ldy, 8, 1, 0);
}

/* q4k_matvec_q6k__avx512vnni_r8_c1_p4: 8 row(s) x 1 vector(s) per iteration */
void q4k_matvec_q6k__avx512vnni_r8_c1_p4(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *a = (const uint8_t *)xq;
    const size_t as = n_bpr * Q8K_BLOCK_BYTES;
    size_t v = 0;
    for (; v < n_vecs; v++)
        rows((const uint8_t *)w, n_rows, n_bpr, a + v * as, y + v * ldy, ldy, 8, 1, 4);
}

/* q4k_matvec_q6k__avx512vnni_r8_c1_p4_packed: 8 row(s) x 1 vector(s) per iteration, packed weights */
void q4k_matvec_q6k__avx512vnni_r8_c1_p4_packed(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *a = (const uint8_t *)xq;
    const size_t as = n_bpr * Q8K_BLOCK_BYTES;
    size_t v = 0;
    for (; v < n_vecs; v++)
        rows_packed((const uint8_t *)w, n_rows, n_bpr, a + v * as, y + v * ldy, ldy, 8, 1, 4);
}

/* q4k_matvec_q6k__avx512vnni_r4_c4_p0: 4 row(s) x 4 vector(s) per iteration */
void q4k_matvec_q6k__avx512vnni_r4_c4_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *a = (const uint8_t *)xq;
    const size_t as = n_bpr * Q8K_BLOCK_BYTES;
    size_t v = 0;
    for (; v + 4 <= n_vecs; v += 4)
        rows((const uint8_t *)w, n_rows, n_bpr, a + v * as, y + v * ldy, ldy, 4, 4, 0);
    for (; v < n_vecs; v++)
        rows((const uint8_t *)w, n_rows, n_bpr, a + v * as, y + v * ldy, ldy, 4, 1, 0);
}

/* q4k_matvec_q6k__avx512vnni_r4_c4_p0_packed: 4 row(s) x 4 vector(s) per iteration, packed weights */
void q4k_matvec_q6k__avx512vnni_r4_c4_p0_packed(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *a = (const uint8_t *)xq;
    const size_t as = n_bpr * Q8K_BLOCK_BYTES;
    size_t v = 0;
    for (; v + 4 <= n_vecs; v += 4)
        rows_packed((const uint8_t *)w, n_rows, n_bpr, a + v * as, y + v * ldy, ldy, 4, 4, 0);
    for (; v < n_vecs; v++)
        rows_packed((const uint8_t *)w, n_rows, n_bpr, a + v * as, y + v * ldy, ldy, 4, 1, 0);
}
#endif /* defined(__x86_64__) || defined(_M_X64) */
