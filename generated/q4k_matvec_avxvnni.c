/* Auto-generated file. Do not edit!
 *   command:  lua5.4 gen/q4kgen.lua
 *   input:    gen/isas.lua
 *   input:    gen/ops/matvec.lua
 *   template: templates/matvec/avxvnni.c.in
 *   template: templates/matvec/x86_simde_compat.c.in
 *   template: templates/matvec/x86_ymm.c.in
 *   arch:     x86_64 only (the whole file is inside #if: empty elsewhere)
 *
 * AVX-VNNI kernels of the fused Q4_K x Q8_K product (x86-64), compiled with
 * -mavxvnni -mavx2 -mfma -mf16c for this file only and run
 * only after cpuid says the CPU and the OS support them. The result is the
 * canonical one of include/q4k_matvec.h, bit for bit.
 *
 * The integer dot product: vpdpbusd (VEX, 256-bit: 4 products unsigned
 * nibble x signed activation summed into int32, both 16-value halves of a
 * sub-block into one accumulator: |sum| <= 8*15*128), vpackssdw of two
 * sub-blocks (exact) and vpdpwssd against their scales. Everything else is
 * x86_ymm.c.in, shared with the AVX2 kernels: two rows per vector (one per
 * 128-bit lane) against the activations broadcast to both lanes, the R
 * rows' isum and imin reduced to one lane per row, and the float work per
 * block the reference's, lane-wise:
 *     acc = fma(d8 * d, (float)isum, acc); acc = fma(-(d8 * dmin), (float)imin, acc)
 * (d8*d rounded by its own multiply, (float) by vcvtdq2ps: round to
 * nearest even, as C's conversion).
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
#define q4k_matvec__avxvnni_r4_c1_p0 q4k_matvec__avxvnni_r4_c1_p0__simde
#define q4k_matvec__avxvnni_r4_c4_p0 q4k_matvec__avxvnni_r4_c4_p0__simde
#else
#include <immintrin.h>
#define Q4K_INLINE static inline __attribute__((always_inline))
#endif

#include "q4k_format.h"
#include "q4k_variants.h"

/* vpdpbusd twice into one accumulator (|8-product sum| <= 8*15*128, an
 * int16), vpackssdw of the two sub-blocks (exact), vpdpwssd against
 * [sc[2g] x4, sc[2g+1] x4] per lane. */
Q4K_INLINE __m256i group_isum(__m256i z, __m256i la, __m256i lb, __m256i ha, __m256i hb, const __m256i a[4],
                              __m256i sl, __m256i sh)
{
    (void)sh;
    const __m256i lo = _mm256_dpbusd_avx_epi32(_mm256_dpbusd_avx_epi32(_mm256_setzero_si256(), la, a[0]), lb, a[1]);
    const __m256i hi = _mm256_dpbusd_avx_epi32(_mm256_dpbusd_avx_epi32(_mm256_setzero_si256(), ha, a[2]), hb, a[3]);
    return _mm256_dpwssd_avx_epi32(z, _mm256_packs_epi32(lo, hi), sl);
}
#define SCALE_CTL(g) ctl_words(2 * (g), 2 * (g) + 1), ctl_words(2 * (g), 2 * (g) + 1)
#define ACC_MADD(z, p, s) _mm256_dpwssd_avx_epi32((z), (p), (s))

/* Per 128-bit lane, a block's first 16 bytes (32-bit words d|dmin, w0, w1,
 * w2) -> [sc[0..7] | m[0..7]] as bytes (q4k_unpack_scales_words, two rows
 * at a time):
 *   sc[0..3] = w0 & 0x3f..               sc[4..7] = (w2 & 0x0f..) | ((w0 >> 2) & 0x30..)
 *   m[0..3]  = w1 & 0x3f..               m[4..7]  = ((w2 >> 4) & 0x0f..) | ((w1 >> 2) & 0x30..) */
Q4K_INLINE __m256i unpack_scales(__m256i h)
{
    const __m256i a = _mm256_shuffle_epi32(h, _MM_SHUFFLE(3, 2, 3, 1)); /* w0 w2 w1 w2 */
    const __m256i b = _mm256_shuffle_epi32(h, _MM_SHUFFLE(2, 2, 1, 1)); /* w0 w0 w1 w1 */
    const __m256i lo = _mm256_and_si256(_mm256_srlv_epi32(a, _mm256_setr_epi32(0, 0, 0, 4, 0, 0, 0, 4)),
                                        _mm256_setr_epi32(0x3f3f3f3f, 0x0f0f0f0f, 0x3f3f3f3f, 0x0f0f0f0f,
                                                          0x3f3f3f3f, 0x0f0f0f0f, 0x3f3f3f3f, 0x0f0f0f0f));
    const __m256i hi = _mm256_and_si256(_mm256_srli_epi32(b, 2), _mm256_setr_epi32(0, 0x30303030, 0, 0x30303030,
                                                                                   0, 0x30303030, 0, 0x30303030));
    return _mm256_or_si256(lo, hi);
}

/* 16 bytes of two rows in the two 128-bit lanes. */
Q4K_INLINE __m256i load_pair(const uint8_t *x0, const uint8_t *x1)
{
    return _mm256_inserti128_si256(_mm256_castsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)x0)),
                                   _mm_loadu_si128((const __m128i *)(const void *)x1), 1);
}

/* vpshufb control: words [byte a x4, byte b x4] in both 128-bit lanes
 * (bytes zero-extended: 0x80 selects zero). */
Q4K_INLINE __m256i ctl_words(int a, int b)
{
    const int8_t z = (int8_t)0x80, x = (int8_t)a, y = (int8_t)b;
    return _mm256_setr_epi8(x, z, x, z, x, z, x, z, y, z, y, z, y, z, y, z, x, z, x, z, x, z, x, z, y, z, y, z, y,
                            z, y, z);
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

/* R rows x C vectors, every block of the rows (R = 1, 2 or 4). w: row 0's
 * first block; xq: vector 0's first block; y: y[0] of vector 0.
 *
 * A row pair (r0, r1) shares every vector: 128-bit lane r holds row r (one
 * row, R == 1, fills both lanes). Per group g of quants, two 16-byte loads
 * of each row give the low nibbles (sub-block 2g) and the high nibbles
 * (2g+1) of values 0..15 and 16..31 against the activations broadcast to
 * both lanes; the sub-block scales come from each lane's own row (vpshufb
 * of the unpacked header), leaving per lane 4 partial isums of its row.
 * imin the same way: the row's mins duplicated in pairs against the bsums
 * in pairs (m[j]*bsums[2j] + m[j]*bsums[2j+1], exact for any bsums). */
Q4K_INLINE void tile(const uint8_t *w, size_t n_bpr, const uint8_t *xq, float *y, size_t ldy, const int R,
                     const int C)
{
    const size_t ws = n_bpr * 144, as = n_bpr * Q8K_BLOCK_BYTES;
    const int P = R == 4 ? 2 : 1;             /* row pairs */
    const size_t r1 = R == 1 ? 0 : ws;        /* a pair's second row */
    const __m256i m4 = _mm256_set1_epi8(0x0f);
    /* imin: per lane, dwords (m[i], m[i]) for i = 0..3 (ma) and 4..7 (mb) */
    const __m256i ctl_ma = _mm256_setr_epi8(8, -128, 8, -128, 9, -128, 9, -128, 10, -128, 10, -128, 11, -128, 11,
                                            -128, 8, -128, 8, -128, 9, -128, 9, -128, 10, -128, 10, -128, 11, -128,
                                            11, -128);
    const __m256i ctl_mb = _mm256_add_epi8(ctl_ma, _mm256_setr_epi8(4, 0, 4, 0, 4, 0, 4, 0, 4, 0, 4, 0, 4, 0, 4, 0,
                                                                     4, 0, 4, 0, 4, 0, 4, 0, 4, 0, 4, 0, 4, 0, 4,
                                                                     0));
    /* d of rows 0..3, then dmin (from [hd0 hd1 hd2 hd3], hd = d | dmin << 16) */
    const __m128i ctl_dm = _mm_setr_epi8(0, 1, 4, 5, 8, 9, 12, 13, 2, 3, 6, 7, 10, 11, 14, 15);
    const __m256 neg_hi = _mm256_castsi256_ps(_mm256_setr_epi32(0, 0, 0, 0, INT32_MIN, INT32_MIN, INT32_MIN,
                                                                INT32_MIN));
    /* [z r0, z r1, z r2, z r3, n r0, n r1, n r2, n r3] from the reduction below */
    const __m256i order = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);
    /* vpshufb controls of the scale vectors of group g (outside the loop:
     * not every compiler folds them) */
    __m256i ctl_s[4][2];
    for (int g = 0; g < 4; g++) {
        const __m256i t[2] = {SCALE_CTL(g)};
        ctl_s[g][0] = t[0];
        ctl_s[g][1] = t[1];
    }
    __m128 acc[4];
    for (int c = 0; c < C; c++)
        acc[c] = _mm_setzero_ps();
    for (size_t b = 0; b < n_bpr; b++) {
        const uint8_t *x = w + b * 144;
        const uint8_t *a = xq + b * Q8K_BLOCK_BYTES;
        /* headers: lane r of h[p] = row 2p + r; s: [sc[0..7] | m[0..7]] per lane */
        __m256i h[2], s[2], ma[2], mb[2];
        for (int p = 0; p < P; p++) {
            h[p] = load_pair(x + 2 * p * ws, x + 2 * p * ws + r1);
            s[p] = unpack_scales(h[p]);
            ma[p] = _mm256_shuffle_epi8(s[p], ctl_ma);
            mb[p] = _mm256_shuffle_epi8(s[p], ctl_mb);
        }
        /* [d0..d3 | dmin0..dmin3] */
        const __m256 l = _mm256_shuffle_ps(_mm256_castsi256_ps(h[0]), _mm256_castsi256_ps(h[P - 1]), 0);
        const __m128 hd = _mm_blend_ps(_mm256_castps256_ps128(l), _mm256_extractf128_ps(l, 1), 0xa);
        const __m256 dm = _mm256_cvtph_ps(_mm_shuffle_epi8(_mm_castps_si128(hd), ctl_dm));
        __m256i z[4][2];
        for (int c = 0; c < C; c++)
            for (int p = 0; p < P; p++)
                z[c][p] = _mm256_setzero_si256();
        for (int g = 0; g < 4; g++)
            for (int p = 0; p < P; p++) {
                const uint8_t *q = x + 2 * p * ws + Q4K_OFF_QS + 32 * g;
                const __m256i na = load_pair(q, q + r1), nb = load_pair(q + 16, q + 16 + r1);
                const __m256i la = _mm256_and_si256(na, m4), ha = _mm256_and_si256(_mm256_srli_epi16(na, 4), m4);
                const __m256i lb = _mm256_and_si256(nb, m4), hb = _mm256_and_si256(_mm256_srli_epi16(nb, 4), m4);
                const __m256i sl = _mm256_shuffle_epi8(s[p], ctl_s[g][0]), sh = _mm256_shuffle_epi8(s[p], ctl_s[g][1]);
                for (int c = 0; c < C; c++) {
                    const uint8_t *ac = a + c * as + Q8K_OFF_QS + 64 * g;
                    __m256i av[4];
                    for (int k = 0; k < 4; k++)
                        av[k] = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)(ac + 16 * k)));
                    z[c][p] = group_isum(z[c][p], la, lb, ha, hb, av, sl, sh);
                }
            }
        for (int c = 0; c < C; c++) {
            const uint8_t *ac = a + c * as;
            /* imin: the bsums in pairs, (b(2i), b(2i+1)) in dword i of each lane (+8 for bb) */
            const __m256i ba = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)(ac + Q8K_OFF_BSUMS)));
            const __m256i bb = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)(ac + Q8K_OFF_BSUMS + 16)));
            __m256i nm[2];
            for (int p = 0; p < P; p++)
                nm[p] = ACC_MADD(_mm256_madd_epi16(ma[p], ba), mb[p], bb);
            /* lane 0: [z r0, z r2, n r0, n r2], lane 1: the same for rows 1 and 3 */
            const __m256i z0 = z[c][0], z1 = z[c][P - 1], n0 = nm[0], n1 = nm[P - 1];
            const __m256i t = _mm256_add_epi32(_mm256_unpacklo_epi32(z0, z1), _mm256_unpackhi_epi32(z0, z1));
            const __m256i u = _mm256_add_epi32(_mm256_unpacklo_epi32(n0, n1), _mm256_unpackhi_epi32(n0, n1));
            const __m256i v = _mm256_add_epi32(_mm256_unpacklo_epi64(t, u), _mm256_unpackhi_epi64(t, u));
            /* [isum(4) | imin(4)] */
            const __m256 f = _mm256_cvtepi32_ps(_mm256_permutevar8x32_epi32(v, order));
            float d8;
            memcpy(&d8, ac + Q8K_OFF_D, sizeof d8);
            /* [d8*d | -(d8*dmin)]: each product rounded on its own */
            const __m256 pd = _mm256_xor_ps(_mm256_mul_ps(_mm256_set1_ps(d8), dm), neg_hi);
            acc[c] = _mm_fmadd_ps(_mm256_castps256_ps128(pd), _mm256_castps256_ps128(f), acc[c]);
            acc[c] = _mm_fmadd_ps(_mm256_extractf128_ps(pd, 1), _mm256_extractf128_ps(f, 1), acc[c]);
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
    const size_t ws = n_bpr * 144;
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

/* q4k_matvec__avxvnni_r4_c1_p0: 4 row(s) x 1 vector(s) per iteration */
void q4k_matvec__avxvnni_r4_c1_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *a = (const uint8_t *)xq;
    const size_t as = n_bpr * Q8K_BLOCK_BYTES;
    size_t v = 0;
    for (; v < n_vecs; v++)
        rows((const uint8_t *)w, n_rows, n_bpr, a + v * as, y + v * ldy, ldy, 4, 1);
}

/* q4k_matvec__avxvnni_r4_c4_p0: 4 row(s) x 4 vector(s) per iteration */
void q4k_matvec__avxvnni_r4_c4_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
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
