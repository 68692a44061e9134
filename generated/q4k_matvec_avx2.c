/* Auto-generated file. Do not edit!
 *   command:  lua5.4 gen/q4kgen.lua
 *   input:    gen/isas.lua
 *   input:    gen/ops/matvec.lua
 *   template: templates/matvec/avx2.c.in
 *   template: templates/matvec/x86_ymm.c.in
 *   arch:     x86_64 only (the whole file is inside #if: empty elsewhere)
 *
 * AVX2 + FMA + F16C kernels of the fused Q4_K x Q8_K product (x86-64),
 * compiled with -mavx2 -mfma -mf16c for this file only and run
 * only after cpuid says the CPU and the OS support them. The result is the
 * canonical one of include/q4k_matvec.h, bit for bit.
 *
 * The integer dot product: vpmaddubsw (unsigned nibble x signed activation,
 * pairs summed in int16: |pair| <= 2*15*128, never saturating), the two
 * 16-value halves of a sub-block added in int16 (|sum| <= 7680) and
 * vpmaddwd against the sub-block's scale (exact). Everything else is
 * x86_ymm.c.in, shared with the AVX-VNNI kernels: two rows per vector (one
 * per 128-bit lane) against the activations broadcast to both lanes, the R
 * rows' isum and imin reduced to one lane per row, and the float work per
 * block the reference's, lane-wise:
 *     acc = fma(d8 * d, (float)isum, acc); acc = fma(-(d8 * dmin), (float)imin, acc)
 * (d8*d rounded by its own multiply, (float) by vcvtdq2ps: round to
 * nearest even, as C's conversion). */
#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "q4k_format.h"
#include "q4k_variants.h"

#define Q4K_INLINE static inline __attribute__((always_inline))

/* vpmaddubsw (|pair| <= 2*15*128: no saturation), the two halves of a
 * sub-block added in int16 (|4-product sum| <= 7680), vpmaddwd against
 * sc[j] in every word. */
Q4K_INLINE __m256i group_isum(__m256i z, __m256i la, __m256i lb, __m256i ha, __m256i hb, const __m256i a[4],
                              __m256i sl, __m256i sh)
{
    const __m256i lo = _mm256_add_epi16(_mm256_maddubs_epi16(la, a[0]), _mm256_maddubs_epi16(lb, a[1]));
    const __m256i hi = _mm256_add_epi16(_mm256_maddubs_epi16(ha, a[2]), _mm256_maddubs_epi16(hb, a[3]));
    return _mm256_add_epi32(z, _mm256_add_epi32(_mm256_madd_epi16(lo, sl), _mm256_madd_epi16(hi, sh)));
}
#define SCALE_CTL(g) ctl_words(2 * (g), 2 * (g)), ctl_words(2 * (g) + 1, 2 * (g) + 1)
#define ACC_MADD(z, p, s) _mm256_add_epi32((z), _mm256_madd_epi16((p), (s)))

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

/* q4k_matvec__avx2_r4_c1_p0: 4 row(s) x 1 vector(s) per iteration */
void q4k_matvec__avx2_r4_c1_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *a = (const uint8_t *)xq;
    const size_t as = n_bpr * Q8K_BLOCK_BYTES;
    size_t v = 0;
    for (; v < n_vecs; v++)
        rows((const uint8_t *)w, n_rows, n_bpr, a + v * as, y + v * ldy, ldy, 4, 1);
}

/* q4k_matvec__avx2_r4_c4_p0: 4 row(s) x 4 vector(s) per iteration */
void q4k_matvec__avx2_r4_c4_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
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
