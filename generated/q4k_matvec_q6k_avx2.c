/* Auto-generated file. Do not edit!
 *   command:  lua5.4 gen/q4kgen.lua
 *   input:    gen/isas.lua
 *   input:    gen/ops/matvec_q6k.lua
 *   template: templates/matvec_q6k/avx2.c.in
 *   template: templates/matvec_q6k/x86_ymm.c.in
 *   arch:     x86_64 only (the whole file is inside #if: empty elsewhere)
 *
 * AVX2 + FMA + F16C kernels of the fused Q6_K x Q8_K product (x86-64),
 * compiled with -mavx2 -mfma -mf16c for this file only and run
 * only after cpuid says the CPU and the OS support them. The result is the
 * canonical one of include/q4k_matvec_q6k.h, bit for bit.
 *
 * The integer dot product: vpmaddubsw takes the 6-bit quants as unsigned
 * bytes (0..63) against the signed activations; the -32 of every quant is
 * a second vpmaddubsw of 32s against the same activations, subtracted in
 * int16 (both exact, no saturation), so nothing depends on the Q8_K bsums;
 * vpmaddwd applies the int8 scales (sign-extended to words) exactly. The
 * rest - unpacking, tiles, the fold and the float step - is x86_ymm.c.in,
 * shared with the AVX-VNNI kernels. */
#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "q4k_format.h"
#include "q4k_variants.h"

#define Q4K_INLINE static inline __attribute__((always_inline))

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

/* vpmaddubsw: pairs of q * q8 (|pair| <= 2*63*128 = 16128: no saturation)
 * minus the pairs of 32 * q8 (vpmaddubsw of 32s, |.| <= 8192): sum (q - 32)
 * * q8 over 2 values, |.| <= 8192, exact in int16; vpmaddwd against [sc[2j]
 * x8 | sc[2j+1] x8]: per (row, vector) 8 int32 lanes whose sum is isum
 * (|partial| <= 2^27). Per row, vector and chunk: vpmaddubsw, vpsubw,
 * vpmaddwd, vpaddd. */
#define Q4K_SCALE_CTLS 4
Q4K_INLINE void scale_ctls(__m256i c[4])
{
    for (int j = 0; j < 4; j++) /* chunk j (and j + 4 from s[1]): low lane sc[2j], high sc[2j+1] */
        c[j] = ctl4(2 * j, 2 * j, 2 * j + 1, 2 * j + 1);
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
        { /* chunk 0 (unrolled by the generator: every shift and index a constant) */
            __m256i q[4], sc[4];
            for (int r = 0; r < R; r++) {
                q[r] = quants(x + r * ws, 0);
                sc[r] = _mm256_shuffle_epi8(s[r][0], ctl[0]);
            }
            for (int c = 0; c < C; c++) {
                const __m256i av = _mm256_loadu_si256((const __m256i *)(const void *)(a + c * as + 0));
                const __m256i o = _mm256_maddubs_epi16(k32, av);
                for (int r = 0; r < R; r++) {
                    const __m256i t = _mm256_sub_epi16(_mm256_maddubs_epi16(q[r], av), o);
                    z[r][c] = _mm256_add_epi32(z[r][c], _mm256_madd_epi16(t, sc[r]));
                }
            }
        }
        { /* chunk 1 (unrolled by the generator: every shift and index a constant) */
            __m256i q[4], sc[4];
            for (int r = 0; r < R; r++) {
                q[r] = quants(x + r * ws, 1);
                sc[r] = _mm256_shuffle_epi8(s[r][0], ctl[1]);
            }
            for (int c = 0; c < C; c++) {
                const __m256i av = _mm256_loadu_si256((const __m256i *)(const void *)(a + c * as + 32));
                const __m256i o = _mm256_maddubs_epi16(k32, av);
                for (int r = 0; r < R; r++) {
                    const __m256i t = _mm256_sub_epi16(_mm256_maddubs_epi16(q[r], av), o);
                    z[r][c] = _mm256_add_epi32(z[r][c], _mm256_madd_epi16(t, sc[r]));
                }
            }
        }
        { /* chunk 2 (unrolled by the generator: every shift and index a constant) */
            __m256i q[4], sc[4];
            for (int r = 0; r < R; r++) {
                q[r] = quants(x + r * ws, 2);
                sc[r] = _mm256_shuffle_epi8(s[r][0], ctl[2]);
            }
            for (int c = 0; c < C; c++) {
                const __m256i av = _mm256_loadu_si256((const __m256i *)(const void *)(a + c * as + 64));
                const __m256i o = _mm256_maddubs_epi16(k32, av);
                for (int r = 0; r < R; r++) {
                    const __m256i t = _mm256_sub_epi16(_mm256_maddubs_epi16(q[r], av), o);
                    z[r][c] = _mm256_add_epi32(z[r][c], _mm256_madd_epi16(t, sc[r]));
                }
            }
        }
        { /* chunk 3 (unrolled by the generator: every shift and index a constant) */
            __m256i q[4], sc[4];
            for (int r = 0; r < R; r++) {
                q[r] = quants(x + r * ws, 3);
                sc[r] = _mm256_shuffle_epi8(s[r][0], ctl[3]);
            }
            for (int c = 0; c < C; c++) {
                const __m256i av = _mm256_loadu_si256((const __m256i *)(const void *)(a + c * as + 96));
                const __m256i o = _mm256_maddubs_epi16(k32, av);
                for (int r = 0; r < R; r++) {
                    const __m256i t = _mm256_sub_epi16(_mm256_maddubs_epi16(q[r], av), o);
                    z[r][c] = _mm256_add_epi32(z[r][c], _mm256_madd_epi16(t, sc[r]));
                }
            }
        }
        { /* chunk 4 (unrolled by the generator: every shift and index a constant) */
            __m256i q[4], sc[4];
            for (int r = 0; r < R; r++) {
                q[r] = quants(x + r * ws, 4);
                sc[r] = _mm256_shuffle_epi8(s[r][1], ctl[0]);
            }
            for (int c = 0; c < C; c++) {
                const __m256i av = _mm256_loadu_si256((const __m256i *)(const void *)(a + c * as + 128));
                const __m256i o = _mm256_maddubs_epi16(k32, av);
                for (int r = 0; r < R; r++) {
                    const __m256i t = _mm256_sub_epi16(_mm256_maddubs_epi16(q[r], av), o);
                    z[r][c] = _mm256_add_epi32(z[r][c], _mm256_madd_epi16(t, sc[r]));
                }
            }
        }
        { /* chunk 5 (unrolled by the generator: every shift and index a constant) */
            __m256i q[4], sc[4];
            for (int r = 0; r < R; r++) {
                q[r] = quants(x + r * ws, 5);
                sc[r] = _mm256_shuffle_epi8(s[r][1], ctl[1]);
            }
            for (int c = 0; c < C; c++) {
                const __m256i av = _mm256_loadu_si256((const __m256i *)(const void *)(a + c * as + 160));
                const __m256i o = _mm256_maddubs_epi16(k32, av);
                for (int r = 0; r < R; r++) {
                    const __m256i t = _mm256_sub_epi16(_mm256_maddubs_epi16(q[r], av), o);
                    z[r][c] = _mm256_add_epi32(z[r][c], _mm256_madd_epi16(t, sc[r]));
                }
            }
        }
        { /* chunk 6 (unrolled by the generator: every shift and index a constant) */
            __m256i q[4], sc[4];
            for (int r = 0; r < R; r++) {
                q[r] = quants(x + r * ws, 6);
                sc[r] = _mm256_shuffle_epi8(s[r][1], ctl[2]);
            }
            for (int c = 0; c < C; c++) {
                const __m256i av = _mm256_loadu_si256((const __m256i *)(const void *)(a + c * as + 192));
                const __m256i o = _mm256_maddubs_epi16(k32, av);
                for (int r = 0; r < R; r++) {
                    const __m256i t = _mm256_sub_epi16(_mm256_maddubs_epi16(q[r], av), o);
                    z[r][c] = _mm256_add_epi32(z[r][c], _mm256_madd_epi16(t, sc[r]));
                }
            }
        }
        { /* chunk 7 (unrolled by the generator: every shift and index a constant) */
            __m256i q[4], sc[4];
            for (int r = 0; r < R; r++) {
                q[r] = quants(x + r * ws, 7);
                sc[r] = _mm256_shuffle_epi8(s[r][1], ctl[3]);
            }
            for (int c = 0; c < C; c++) {
                const __m256i av = _mm256_loadu_si256((const __m256i *)(const void *)(a + c * as + 224));
                const __m256i o = _mm256_maddubs_epi16(k32, av);
                for (int r = 0; r < R; r++) {
                    const __m256i t = _mm256_sub_epi16(_mm256_maddubs_epi16(q[r], av), o);
                    z[r][c] = _mm256_add_epi32(z[r][c], _mm256_madd_epi16(t, sc[r]));
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

/* q4k_matvec_q6k__avx2_r4_c1_p0: 4 row(s) x 1 vector(s) per iteration */
void q4k_matvec_q6k__avx2_r4_c1_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *a = (const uint8_t *)xq;
    const size_t as = n_bpr * Q8K_BLOCK_BYTES;
    size_t v = 0;
    for (; v < n_vecs; v++)
        rows((const uint8_t *)w, n_rows, n_bpr, a + v * as, y + v * ldy, ldy, 4, 1);
}

/* q4k_matvec_q6k__avx2_r4_c4_p0: 4 row(s) x 4 vector(s) per iteration */
void q4k_matvec_q6k__avx2_r4_c4_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
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
