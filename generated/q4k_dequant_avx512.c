/* Auto-generated file. Do not edit!
 *   command:  lua5.4 gen/q4kgen.lua
 *   input:    gen/isas.lua
 *   input:    gen/ops/dequant.lua
 *   template: templates/dequant/avx512.c.in
 *   template: templates/dequant/x86_common.c.in
 *   template: templates/dequant/x86_staged_nt.c.in
 *   template: templates/dequant/x86_driver.c.in
 *   arch:     x86_64 only (the whole file is inside #if: empty elsewhere)
 *
 * AVX-512 Q4_K dequantization kernels (x86-64), compiled with
 * -mavx512f -mavx512bw -mavx512vl -mavx2 -mfma -mf16c for this file
 * only and run only after cpuid and XCR0 say the CPU and the OS support them.
 *
 * Per block the scales as in the AVX2 kernels (8 floats d*sc[j], 8 floats
 * -(dmin*m[j])), then per 16 outputs (one zmm):
 *   cvt: vpmovzxbd of 16 quant bytes (shared by both nibbles), mask or
 *        shift, convert, ONE fma(d1, q, -m1), store. Exact products, so
 *        fused == unfused, bit for bit.
 *   lut: the sub-block's 16 possible outputs d1*q - m1 fill exactly one zmm
 *        (one FMA on {0..15}); vpermps reads only index bits 3:0, so the low
 *        nibbles index it with no mask at all and the high ones after one
 *        shift: per 32 outputs one vpmovzxbd, one shift, two vpermps.
 * Stores: storeu (any alignment); nt variants stream (vmovntps): directly
 * when the output is 64-byte aligned, through an L1 tile when it is not
 * (x86_staged_nt.c.in), then sfence.
 *
 * With -DQ4K_SIMDE the same code compiles against SIMDe's portable
 * AVX-512 (tests/simde/test_avx512_simde.c), so the kernels are verified on
 * machines without AVX-512 too. */
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
/* SIMDe 0.7 (Debian 12) lacks these three: compose them from 256-bit
 * halves. Test builds only; the real build uses the native instructions. */
static inline __m512i q4k_simde_cvtepu8_epi32(__m128i a)
{
    return _mm512_inserti64x4(_mm512_castsi256_si512(_mm256_cvtepu8_epi32(a)),
                              _mm256_cvtepu8_epi32(_mm_srli_si128(a, 8)), 1);
}
static inline __m512 q4k_simde_cvtepi32_ps(__m512i a)
{
    const __m256 lo = _mm256_cvtepi32_ps(_mm512_extracti64x4_epi64(a, 0));
    const __m256 hi = _mm256_cvtepi32_ps(_mm512_extracti64x4_epi64(a, 1));
    return _mm512_castpd_ps(_mm512_insertf64x4(_mm512_castpd256_pd512(_mm256_castps_pd(lo)),
                                               _mm256_castps_pd(hi), 1));
}
#define _mm512_cvtepu8_epi32 q4k_simde_cvtepu8_epi32
#define _mm512_cvtepi32_ps q4k_simde_cvtepi32_ps
#define _mm512_stream_ps _mm512_storeu_ps
#define _mm512_stream_si512 _mm512_storeu_si512
#else
#include <immintrin.h>
#define Q4K_INLINE static inline __attribute__((always_inline))
#endif

#if defined(Q4K_SIMDE)
/* Emulated build: rename the kernels so they link beside the real ones. */
#define q4k_dequant__avx512_u1_p0 q4k_dequant__avx512_u1_p0__simde
#define q4k_dequant__avx512_u1_p0_nt q4k_dequant__avx512_u1_p0_nt__simde
#define q4k_dequant__avx512_u1_p16 q4k_dequant__avx512_u1_p16__simde
#define q4k_dequant__avx512_u1_p16_nt q4k_dequant__avx512_u1_p16_nt__simde
#define q4k_dequant__avx512_u2_p0 q4k_dequant__avx512_u2_p0__simde
#define q4k_dequant__avx512_u2_p0_nt q4k_dequant__avx512_u2_p0_nt__simde
#define q4k_dequant__avx512_u2_p16 q4k_dequant__avx512_u2_p16__simde
#define q4k_dequant__avx512_u2_p16_nt q4k_dequant__avx512_u2_p16_nt__simde
#define q4k_dequant__avx512_u4_p0 q4k_dequant__avx512_u4_p0__simde
#define q4k_dequant__avx512_u4_p0_nt q4k_dequant__avx512_u4_p0_nt__simde
#define q4k_dequant__avx512_u4_p16 q4k_dequant__avx512_u4_p16__simde
#define q4k_dequant__avx512_u4_p16_nt q4k_dequant__avx512_u4_p16_nt__simde
#define q4k_dequant__avx512_lut_u1_p0 q4k_dequant__avx512_lut_u1_p0__simde
#define q4k_dequant__avx512_lut_u1_p0_nt q4k_dequant__avx512_lut_u1_p0_nt__simde
#define q4k_dequant__avx512_lut_u1_p16 q4k_dequant__avx512_lut_u1_p16__simde
#define q4k_dequant__avx512_lut_u1_p16_nt q4k_dequant__avx512_lut_u1_p16_nt__simde
#define q4k_dequant__avx512_lut_u2_p0 q4k_dequant__avx512_lut_u2_p0__simde
#define q4k_dequant__avx512_lut_u2_p0_nt q4k_dequant__avx512_lut_u2_p0_nt__simde
#define q4k_dequant__avx512_lut_u2_p16 q4k_dequant__avx512_lut_u2_p16__simde
#define q4k_dequant__avx512_lut_u2_p16_nt q4k_dequant__avx512_lut_u2_p16_nt__simde
#define q4k_dequant__avx512_lut_u4_p0 q4k_dequant__avx512_lut_u4_p0__simde
#define q4k_dequant__avx512_lut_u4_p0_nt q4k_dequant__avx512_lut_u4_p0_nt__simde
#define q4k_dequant__avx512_lut_u4_p16 q4k_dequant__avx512_lut_u4_p16__simde
#define q4k_dequant__avx512_lut_u4_p16_nt q4k_dequant__avx512_lut_u4_p16_nt__simde
#endif

#include "q4k_format.h"
#include "q4k_variants.h"

/* s[0..7] = d*sc[0..7], s[8..15] = -(dmin*m[0..7]): spilled to the stack
 * so that each sub-block's pair is two vbroadcastss loads (load ports)
 * rather than two vpermps (vector ALU, which the conversion needs). */
Q4K_INLINE void scales_avx512(const uint8_t *x, float s[16])
{
    const __m128 dm = _mm_cvtph_ps(_mm_cvtsi32_si128((int)q4k_load_le32(x)));
    const __m256 d = _mm256_broadcastss_ps(dm);
    /* -dmin by flipping the sign bit: 0 - dmin would turn -0 into +0 and
     * break the sign of zero outputs */
    const __m256 nd = _mm256_broadcastss_ps(_mm_xor_ps(_mm_set1_ps(-0.0f), _mm_movehdup_ps(dm)));
    uint32_t sc[2], m[2];
    q4k_unpack_scales_words(x + Q4K_OFF_SCALES, sc, m);
    const __m128i sc8 = _mm_cvtsi64_si128((long long)(((uint64_t)sc[1] << 32) | sc[0]));
    const __m128i m8 = _mm_cvtsi64_si128((long long)(((uint64_t)m[1] << 32) | m[0]));
    _mm256_storeu_ps(s, _mm256_mul_ps(d, _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(sc8))));
    _mm256_storeu_ps(s + 8, _mm256_mul_ps(nd, _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(m8))));
}

Q4K_INLINE void prefetch_block(const uint8_t *p)
{
    /* a block spans 144 bytes: up to three cache lines */
    _mm_prefetch((const char *)p, _MM_HINT_T0);
    _mm_prefetch((const char *)p + 64, _MM_HINT_T0);
    _mm_prefetch((const char *)p + 143, _MM_HINT_T0);
}

/* 64 bytes from anywhere to an aligned address, bypassing the caches */
Q4K_INLINE void stream_chunk(uint8_t *dst, const uint8_t *src)
{
    _mm512_stream_si512((void *)dst, _mm512_loadu_si512((const void *)src));
}

/* s[j] in all 16 lanes. */
Q4K_INLINE __m512 lane(const float *s, int j)
{
    return _mm512_set1_ps(s[j]);
}

Q4K_INLINE void store16(float *y, __m512 v, int nt)
{
    if (nt)
        _mm512_stream_ps(y, v);
    else
        _mm512_storeu_ps(y, v);
}

Q4K_INLINE __m512i load16_u8_as_u32(const uint8_t *q)
{
    return _mm512_cvtepu8_epi32(_mm_loadu_si128((const __m128i *)(const void *)q));
}

/* One block, method cvt. */
Q4K_INLINE void block_cvt(const uint8_t *x, float *y, int nt)
{
    float s[16];
    scales_avx512(x, s);
    const __m512i low4 = _mm512_set1_epi32(0xf);
    const uint8_t *q = x + Q4K_OFF_QS;
    for (int g = 0; g < 4; g++, q += 32, y += 64) {
        const __m512 d1 = lane(s, 2 * g), m1 = lane(s, 8 + 2 * g);
        const __m512 d2 = lane(s, 2 * g + 1), m2 = lane(s, 8 + 2 * g + 1);
        for (int k = 0; k < 2; k++) {
            const __m512i b = load16_u8_as_u32(q + 16 * k);
            const __m512 lo = _mm512_cvtepi32_ps(_mm512_and_si512(b, low4));
            const __m512 hi = _mm512_cvtepi32_ps(_mm512_srli_epi32(b, 4));
            store16(y + 16 * k, _mm512_fmadd_ps(d1, lo, m1), nt);
            store16(y + 32 + 16 * k, _mm512_fmadd_ps(d2, hi, m2), nt);
        }
    }
}

/* One block, method lut. */
Q4K_INLINE void block_lut(const uint8_t *x, float *y, int nt)
{
    float s[16];
    scales_avx512(x, s);
    const __m512 iota = _mm512_setr_ps(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    const uint8_t *q = x + Q4K_OFF_QS;
    for (int g = 0; g < 4; g++, q += 32, y += 64) {
        /* T[q] = d*sc*q - dmin*m for q = 0..15: exact products, one rounding */
        const __m512 t1 = _mm512_fmadd_ps(lane(s, 2 * g), iota, lane(s, 8 + 2 * g));
        const __m512 t2 = _mm512_fmadd_ps(lane(s, 2 * g + 1), iota, lane(s, 8 + 2 * g + 1));
        for (int k = 0; k < 2; k++) {
            const __m512i b = load16_u8_as_u32(q + 16 * k);
            store16(y + 16 * k, _mm512_permutexvar_ps(b, t1), nt);
            store16(y + 32 + 16 * k, _mm512_permutexvar_ps(_mm512_srli_epi32(b, 4), t2), nt);
        }
    }
}

/* Streaming stores (vmovntps) need addresses aligned to 64 bytes, and
 * malloc'd outputs usually are not (glibc's large blocks sit 16 bytes past a
 * page). So each block is staged: dequantized into an aligned 1 KiB tile in
 * L1 with ordinary stores, then streamed out shifted by the output's skew.
 * The one chunk that straddles two blocks is assembled in a small carry
 * buffer; the bytes before the first aligned address and after the last
 * one are written with ordinary stores. Streaming avoids the read for
 * ownership that ordinary stores pay once the output exceeds the caches,
 * which more than pays for the extra trip through L1. */
Q4K_INLINE void staged_nt_cvt(const uint8_t *x, float *out, size_t n, size_t prefetch)
{
    _Alignas(64) uint8_t tile[1024];
    uint8_t carry[64];
    uint8_t *dst = (uint8_t *)out;
    const size_t skew = (size_t)(-(uintptr_t)dst) & 63; /* bytes before an aligned address */
    const size_t tail = 64 - skew;                       /* a block's bytes after its last full chunk */
    for (size_t i = 0; i < n; i++) {
        if (prefetch)
            prefetch_block(x + (i + prefetch) * 144);
        block_cvt(x + i * 144, (float *)(void *)tile, 0);
        uint8_t *base = dst + 1024 * i;
        if (i == 0) {
            memcpy(base, tile, skew);
        } else {
            memcpy(carry + tail, tile, skew);
            stream_chunk(base - tail, carry);
        }
        for (size_t k = skew; k + 64 <= 1024; k += 64)
            stream_chunk(base + k, tile + k);
        memcpy(carry, tile + 1024 - tail, tail);
    }
    if (n)
        memcpy(dst + 1024 * n - tail, carry, tail);
}

/* Streaming stores (vmovntps) need addresses aligned to 64 bytes, and
 * malloc'd outputs usually are not (glibc's large blocks sit 16 bytes past a
 * page). So each block is staged: dequantized into an aligned 1 KiB tile in
 * L1 with ordinary stores, then streamed out shifted by the output's skew.
 * The one chunk that straddles two blocks is assembled in a small carry
 * buffer; the bytes before the first aligned address and after the last
 * one are written with ordinary stores. Streaming avoids the read for
 * ownership that ordinary stores pay once the output exceeds the caches,
 * which more than pays for the extra trip through L1. */
Q4K_INLINE void staged_nt_lut(const uint8_t *x, float *out, size_t n, size_t prefetch)
{
    _Alignas(64) uint8_t tile[1024];
    uint8_t carry[64];
    uint8_t *dst = (uint8_t *)out;
    const size_t skew = (size_t)(-(uintptr_t)dst) & 63; /* bytes before an aligned address */
    const size_t tail = 64 - skew;                       /* a block's bytes after its last full chunk */
    for (size_t i = 0; i < n; i++) {
        if (prefetch)
            prefetch_block(x + (i + prefetch) * 144);
        block_lut(x + i * 144, (float *)(void *)tile, 0);
        uint8_t *base = dst + 1024 * i;
        if (i == 0) {
            memcpy(base, tile, skew);
        } else {
            memcpy(carry + tail, tile, skew);
            stream_chunk(base - tail, carry);
        }
        for (size_t k = skew; k + 64 <= 1024; k += 64)
            stream_chunk(base + k, tile + k);
        memcpy(carry, tile + 1024 - tail, tail);
    }
    if (n)
        memcpy(dst + 1024 * n - tail, carry, tail);
}

/* q4k_dequant__avx512_u1_p0: method cvt, 1 block(s) per iteration, prefetch off, ordinary stores */
void q4k_dequant__avx512_u1_p0(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    size_t i = 0;
    for (; i + 1 <= n_blocks; i += 1) {
        block_cvt(x + (i + 0) * 144, out + (i + 0) * 256, 0);
    }
}

/* q4k_dequant__avx512_u1_p0_nt: method cvt, 1 block(s) per iteration, prefetch off, streaming stores */
void q4k_dequant__avx512_u1_p0_nt(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    const int nt = ((uintptr_t)out & 63) == 0;
    if (!nt) {
        staged_nt_cvt(x, out, n_blocks, 0);
        _mm_sfence();
        return;
    }
    size_t i = 0;
    for (; i + 1 <= n_blocks; i += 1) {
        block_cvt(x + (i + 0) * 144, out + (i + 0) * 256, nt);
    }
    _mm_sfence();
}

/* q4k_dequant__avx512_u1_p16: method cvt, 1 block(s) per iteration, prefetch 16 blocks ahead, ordinary stores */
void q4k_dequant__avx512_u1_p16(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    size_t i = 0;
    for (; i + 1 <= n_blocks; i += 1) {
        prefetch_block(x + (i + 16) * 144);
        block_cvt(x + (i + 0) * 144, out + (i + 0) * 256, 0);
    }
}

/* q4k_dequant__avx512_u1_p16_nt: method cvt, 1 block(s) per iteration, prefetch 16 blocks ahead, streaming stores */
void q4k_dequant__avx512_u1_p16_nt(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    const int nt = ((uintptr_t)out & 63) == 0;
    if (!nt) {
        staged_nt_cvt(x, out, n_blocks, 16);
        _mm_sfence();
        return;
    }
    size_t i = 0;
    for (; i + 1 <= n_blocks; i += 1) {
        prefetch_block(x + (i + 16) * 144);
        block_cvt(x + (i + 0) * 144, out + (i + 0) * 256, nt);
    }
    _mm_sfence();
}

/* q4k_dequant__avx512_u2_p0: method cvt, 2 block(s) per iteration, prefetch off, ordinary stores */
void q4k_dequant__avx512_u2_p0(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    size_t i = 0;
    for (; i + 2 <= n_blocks; i += 2) {
        block_cvt(x + (i + 0) * 144, out + (i + 0) * 256, 0);
        block_cvt(x + (i + 1) * 144, out + (i + 1) * 256, 0);
    }
    for (; i < n_blocks; i++)
        block_cvt(x + i * 144, out + i * 256, 0);
}

/* q4k_dequant__avx512_u2_p0_nt: method cvt, 2 block(s) per iteration, prefetch off, streaming stores */
void q4k_dequant__avx512_u2_p0_nt(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    const int nt = ((uintptr_t)out & 63) == 0;
    if (!nt) {
        staged_nt_cvt(x, out, n_blocks, 0);
        _mm_sfence();
        return;
    }
    size_t i = 0;
    for (; i + 2 <= n_blocks; i += 2) {
        block_cvt(x + (i + 0) * 144, out + (i + 0) * 256, nt);
        block_cvt(x + (i + 1) * 144, out + (i + 1) * 256, nt);
    }
    for (; i < n_blocks; i++)
        block_cvt(x + i * 144, out + i * 256, nt);
    _mm_sfence();
}

/* q4k_dequant__avx512_u2_p16: method cvt, 2 block(s) per iteration, prefetch 16 blocks ahead, ordinary stores */
void q4k_dequant__avx512_u2_p16(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    size_t i = 0;
    for (; i + 2 <= n_blocks; i += 2) {
        prefetch_block(x + (i + 16) * 144);
        prefetch_block(x + (i + 17) * 144);
        block_cvt(x + (i + 0) * 144, out + (i + 0) * 256, 0);
        block_cvt(x + (i + 1) * 144, out + (i + 1) * 256, 0);
    }
    for (; i < n_blocks; i++)
        block_cvt(x + i * 144, out + i * 256, 0);
}

/* q4k_dequant__avx512_u2_p16_nt: method cvt, 2 block(s) per iteration, prefetch 16 blocks ahead, streaming stores */
void q4k_dequant__avx512_u2_p16_nt(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    const int nt = ((uintptr_t)out & 63) == 0;
    if (!nt) {
        staged_nt_cvt(x, out, n_blocks, 16);
        _mm_sfence();
        return;
    }
    size_t i = 0;
    for (; i + 2 <= n_blocks; i += 2) {
        prefetch_block(x + (i + 16) * 144);
        prefetch_block(x + (i + 17) * 144);
        block_cvt(x + (i + 0) * 144, out + (i + 0) * 256, nt);
        block_cvt(x + (i + 1) * 144, out + (i + 1) * 256, nt);
    }
    for (; i < n_blocks; i++)
        block_cvt(x + i * 144, out + i * 256, nt);
    _mm_sfence();
}

/* q4k_dequant__avx512_u4_p0: method cvt, 4 block(s) per iteration, prefetch off, ordinary stores */
void q4k_dequant__avx512_u4_p0(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    size_t i = 0;
    for (; i + 4 <= n_blocks; i += 4) {
        block_cvt(x + (i + 0) * 144, out + (i + 0) * 256, 0);
        block_cvt(x + (i + 1) * 144, out + (i + 1) * 256, 0);
        block_cvt(x + (i + 2) * 144, out + (i + 2) * 256, 0);
        block_cvt(x + (i + 3) * 144, out + (i + 3) * 256, 0);
    }
    for (; i < n_blocks; i++)
        block_cvt(x + i * 144, out + i * 256, 0);
}

/* q4k_dequant__avx512_u4_p0_nt: method cvt, 4 block(s) per iteration, prefetch off, streaming stores */
void q4k_dequant__avx512_u4_p0_nt(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    const int nt = ((uintptr_t)out & 63) == 0;
    if (!nt) {
        staged_nt_cvt(x, out, n_blocks, 0);
        _mm_sfence();
        return;
    }
    size_t i = 0;
    for (; i + 4 <= n_blocks; i += 4) {
        block_cvt(x + (i + 0) * 144, out + (i + 0) * 256, nt);
        block_cvt(x + (i + 1) * 144, out + (i + 1) * 256, nt);
        block_cvt(x + (i + 2) * 144, out + (i + 2) * 256, nt);
        block_cvt(x + (i + 3) * 144, out + (i + 3) * 256, nt);
    }
    for (; i < n_blocks; i++)
        block_cvt(x + i * 144, out + i * 256, nt);
    _mm_sfence();
}

/* q4k_dequant__avx512_u4_p16: method cvt, 4 block(s) per iteration, prefetch 16 blocks ahead, ordinary stores */
void q4k_dequant__avx512_u4_p16(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    size_t i = 0;
    for (; i + 4 <= n_blocks; i += 4) {
        prefetch_block(x + (i + 16) * 144);
        prefetch_block(x + (i + 17) * 144);
        prefetch_block(x + (i + 18) * 144);
        prefetch_block(x + (i + 19) * 144);
        block_cvt(x + (i + 0) * 144, out + (i + 0) * 256, 0);
        block_cvt(x + (i + 1) * 144, out + (i + 1) * 256, 0);
        block_cvt(x + (i + 2) * 144, out + (i + 2) * 256, 0);
        block_cvt(x + (i + 3) * 144, out + (i + 3) * 256, 0);
    }
    for (; i < n_blocks; i++)
        block_cvt(x + i * 144, out + i * 256, 0);
}

/* q4k_dequant__avx512_u4_p16_nt: method cvt, 4 block(s) per iteration, prefetch 16 blocks ahead, streaming stores */
void q4k_dequant__avx512_u4_p16_nt(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    const int nt = ((uintptr_t)out & 63) == 0;
    if (!nt) {
        staged_nt_cvt(x, out, n_blocks, 16);
        _mm_sfence();
        return;
    }
    size_t i = 0;
    for (; i + 4 <= n_blocks; i += 4) {
        prefetch_block(x + (i + 16) * 144);
        prefetch_block(x + (i + 17) * 144);
        prefetch_block(x + (i + 18) * 144);
        prefetch_block(x + (i + 19) * 144);
        block_cvt(x + (i + 0) * 144, out + (i + 0) * 256, nt);
        block_cvt(x + (i + 1) * 144, out + (i + 1) * 256, nt);
        block_cvt(x + (i + 2) * 144, out + (i + 2) * 256, nt);
        block_cvt(x + (i + 3) * 144, out + (i + 3) * 256, nt);
    }
    for (; i < n_blocks; i++)
        block_cvt(x + i * 144, out + i * 256, nt);
    _mm_sfence();
}

/* q4k_dequant__avx512_lut_u1_p0: method lut, 1 block(s) per iteration, prefetch off, ordinary stores */
void q4k_dequant__avx512_lut_u1_p0(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    size_t i = 0;
    for (; i + 1 <= n_blocks; i += 1) {
        block_lut(x + (i + 0) * 144, out + (i + 0) * 256, 0);
    }
}

/* q4k_dequant__avx512_lut_u1_p0_nt: method lut, 1 block(s) per iteration, prefetch off, streaming stores */
void q4k_dequant__avx512_lut_u1_p0_nt(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    const int nt = ((uintptr_t)out & 63) == 0;
    if (!nt) {
        staged_nt_lut(x, out, n_blocks, 0);
        _mm_sfence();
        return;
    }
    size_t i = 0;
    for (; i + 1 <= n_blocks; i += 1) {
        block_lut(x + (i + 0) * 144, out + (i + 0) * 256, nt);
    }
    _mm_sfence();
}

/* q4k_dequant__avx512_lut_u1_p16: method lut, 1 block(s) per iteration, prefetch 16 blocks ahead, ordinary stores */
void q4k_dequant__avx512_lut_u1_p16(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    size_t i = 0;
    for (; i + 1 <= n_blocks; i += 1) {
        prefetch_block(x + (i + 16) * 144);
        block_lut(x + (i + 0) * 144, out + (i + 0) * 256, 0);
    }
}

/* q4k_dequant__avx512_lut_u1_p16_nt: method lut, 1 block(s) per iteration, prefetch 16 blocks ahead, streaming stores */
void q4k_dequant__avx512_lut_u1_p16_nt(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    const int nt = ((uintptr_t)out & 63) == 0;
    if (!nt) {
        staged_nt_lut(x, out, n_blocks, 16);
        _mm_sfence();
        return;
    }
    size_t i = 0;
    for (; i + 1 <= n_blocks; i += 1) {
        prefetch_block(x + (i + 16) * 144);
        block_lut(x + (i + 0) * 144, out + (i + 0) * 256, nt);
    }
    _mm_sfence();
}

/* q4k_dequant__avx512_lut_u2_p0: method lut, 2 block(s) per iteration, prefetch off, ordinary stores */
void q4k_dequant__avx512_lut_u2_p0(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    size_t i = 0;
    for (; i + 2 <= n_blocks; i += 2) {
        block_lut(x + (i + 0) * 144, out + (i + 0) * 256, 0);
        block_lut(x + (i + 1) * 144, out + (i + 1) * 256, 0);
    }
    for (; i < n_blocks; i++)
        block_lut(x + i * 144, out + i * 256, 0);
}

/* q4k_dequant__avx512_lut_u2_p0_nt: method lut, 2 block(s) per iteration, prefetch off, streaming stores */
void q4k_dequant__avx512_lut_u2_p0_nt(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    const int nt = ((uintptr_t)out & 63) == 0;
    if (!nt) {
        staged_nt_lut(x, out, n_blocks, 0);
        _mm_sfence();
        return;
    }
    size_t i = 0;
    for (; i + 2 <= n_blocks; i += 2) {
        block_lut(x + (i + 0) * 144, out + (i + 0) * 256, nt);
        block_lut(x + (i + 1) * 144, out + (i + 1) * 256, nt);
    }
    for (; i < n_blocks; i++)
        block_lut(x + i * 144, out + i * 256, nt);
    _mm_sfence();
}

/* q4k_dequant__avx512_lut_u2_p16: method lut, 2 block(s) per iteration, prefetch 16 blocks ahead, ordinary stores */
void q4k_dequant__avx512_lut_u2_p16(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    size_t i = 0;
    for (; i + 2 <= n_blocks; i += 2) {
        prefetch_block(x + (i + 16) * 144);
        prefetch_block(x + (i + 17) * 144);
        block_lut(x + (i + 0) * 144, out + (i + 0) * 256, 0);
        block_lut(x + (i + 1) * 144, out + (i + 1) * 256, 0);
    }
    for (; i < n_blocks; i++)
        block_lut(x + i * 144, out + i * 256, 0);
}

/* q4k_dequant__avx512_lut_u2_p16_nt: method lut, 2 block(s) per iteration, prefetch 16 blocks ahead, streaming stores */
void q4k_dequant__avx512_lut_u2_p16_nt(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    const int nt = ((uintptr_t)out & 63) == 0;
    if (!nt) {
        staged_nt_lut(x, out, n_blocks, 16);
        _mm_sfence();
        return;
    }
    size_t i = 0;
    for (; i + 2 <= n_blocks; i += 2) {
        prefetch_block(x + (i + 16) * 144);
        prefetch_block(x + (i + 17) * 144);
        block_lut(x + (i + 0) * 144, out + (i + 0) * 256, nt);
        block_lut(x + (i + 1) * 144, out + (i + 1) * 256, nt);
    }
    for (; i < n_blocks; i++)
        block_lut(x + i * 144, out + i * 256, nt);
    _mm_sfence();
}

/* q4k_dequant__avx512_lut_u4_p0: method lut, 4 block(s) per iteration, prefetch off, ordinary stores */
void q4k_dequant__avx512_lut_u4_p0(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    size_t i = 0;
    for (; i + 4 <= n_blocks; i += 4) {
        block_lut(x + (i + 0) * 144, out + (i + 0) * 256, 0);
        block_lut(x + (i + 1) * 144, out + (i + 1) * 256, 0);
        block_lut(x + (i + 2) * 144, out + (i + 2) * 256, 0);
        block_lut(x + (i + 3) * 144, out + (i + 3) * 256, 0);
    }
    for (; i < n_blocks; i++)
        block_lut(x + i * 144, out + i * 256, 0);
}

/* q4k_dequant__avx512_lut_u4_p0_nt: method lut, 4 block(s) per iteration, prefetch off, streaming stores */
void q4k_dequant__avx512_lut_u4_p0_nt(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    const int nt = ((uintptr_t)out & 63) == 0;
    if (!nt) {
        staged_nt_lut(x, out, n_blocks, 0);
        _mm_sfence();
        return;
    }
    size_t i = 0;
    for (; i + 4 <= n_blocks; i += 4) {
        block_lut(x + (i + 0) * 144, out + (i + 0) * 256, nt);
        block_lut(x + (i + 1) * 144, out + (i + 1) * 256, nt);
        block_lut(x + (i + 2) * 144, out + (i + 2) * 256, nt);
        block_lut(x + (i + 3) * 144, out + (i + 3) * 256, nt);
    }
    for (; i < n_blocks; i++)
        block_lut(x + i * 144, out + i * 256, nt);
    _mm_sfence();
}

/* q4k_dequant__avx512_lut_u4_p16: method lut, 4 block(s) per iteration, prefetch 16 blocks ahead, ordinary stores */
void q4k_dequant__avx512_lut_u4_p16(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    size_t i = 0;
    for (; i + 4 <= n_blocks; i += 4) {
        prefetch_block(x + (i + 16) * 144);
        prefetch_block(x + (i + 17) * 144);
        prefetch_block(x + (i + 18) * 144);
        prefetch_block(x + (i + 19) * 144);
        block_lut(x + (i + 0) * 144, out + (i + 0) * 256, 0);
        block_lut(x + (i + 1) * 144, out + (i + 1) * 256, 0);
        block_lut(x + (i + 2) * 144, out + (i + 2) * 256, 0);
        block_lut(x + (i + 3) * 144, out + (i + 3) * 256, 0);
    }
    for (; i < n_blocks; i++)
        block_lut(x + i * 144, out + i * 256, 0);
}

/* q4k_dequant__avx512_lut_u4_p16_nt: method lut, 4 block(s) per iteration, prefetch 16 blocks ahead, streaming stores */
void q4k_dequant__avx512_lut_u4_p16_nt(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    const int nt = ((uintptr_t)out & 63) == 0;
    if (!nt) {
        staged_nt_lut(x, out, n_blocks, 16);
        _mm_sfence();
        return;
    }
    size_t i = 0;
    for (; i + 4 <= n_blocks; i += 4) {
        prefetch_block(x + (i + 16) * 144);
        prefetch_block(x + (i + 17) * 144);
        prefetch_block(x + (i + 18) * 144);
        prefetch_block(x + (i + 19) * 144);
        block_lut(x + (i + 0) * 144, out + (i + 0) * 256, nt);
        block_lut(x + (i + 1) * 144, out + (i + 1) * 256, nt);
        block_lut(x + (i + 2) * 144, out + (i + 2) * 256, nt);
        block_lut(x + (i + 3) * 144, out + (i + 3) * 256, nt);
    }
    for (; i < n_blocks; i++)
        block_lut(x + i * 144, out + i * 256, nt);
    _mm_sfence();
}
#endif /* defined(__x86_64__) || defined(_M_X64) */
