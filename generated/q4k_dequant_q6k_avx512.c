/* Auto-generated file. Do not edit!
 *   command:  lua5.4 gen/q4kgen.lua
 *   input:    gen/isas.lua
 *   input:    gen/ops/dequant_q6k.lua
 *   template: templates/dequant_q6k/avx512.c.in
 *   template: templates/dequant_q6k/x86_common.c.in
 *   template: templates/dequant_q6k/x86_staged_nt.c.in
 *   template: templates/dequant_q6k/x86_driver.c.in
 *   arch:     x86_64 only (the whole file is inside #if: empty elsewhere)
 *
 * AVX-512 Q6_K dequantization kernels (x86-64), compiled with
 * -mavx512f -mavx512bw -mavx512vl -mavx2 -mfma -mf16c for this file
 * only and run only after cpuid and XCR0 say the CPU and the OS support them.
 *
 * One zmm holds 16 floats: exactly one scale group. Per block: d by F16C
 * (exact for every fp16), the 16 factors d*scale[j] (x86_common.c.in). Per
 * half (128 outputs): one 64-byte load of ql[0..63] and one 32-byte load
 * of qh, widened to [qh, qh >> 2] so that one set of AVX-512BW byte
 * operations serves both 32-output runs of each nibble: low nibbles | qh
 * bits at 4-5, high nibbles | qh bits at 4-5, minus 32 -> 2 x 64 signed
 * bytes q - 32, already in output order, staged in L1. Then per 16 outputs
 * one vpmovsxbd (load folded in), one convert, one multiply by d*scale
 * (exact: the same bits as ggml's (d*scale)*q), one store. Stores: storeu
 * (any alignment); nt variants stream (vmovntps) when the output is 64-byte
 * aligned, through an L1 tile when it is not, then sfence.
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
/* SIMDe 0.7 (Debian 12) lacks these two: compose them from 256-bit
 * halves. Test builds only; the real build uses the native instructions. */
static inline __m512i q4k_simde_cvtepi8_epi32(__m128i a)
{
    return _mm512_inserti64x4(_mm512_castsi256_si512(_mm256_cvtepi8_epi32(a)),
                              _mm256_cvtepi8_epi32(_mm_srli_si128(a, 8)), 1);
}
static inline __m512 q4k_simde_cvtepi32_ps(__m512i a)
{
    const __m256 lo = _mm256_cvtepi32_ps(_mm512_extracti64x4_epi64(a, 0));
    const __m256 hi = _mm256_cvtepi32_ps(_mm512_extracti64x4_epi64(a, 1));
    return _mm512_castpd_ps(_mm512_insertf64x4(_mm512_castpd256_pd512(_mm256_castps_pd(lo)),
                                               _mm256_castps_pd(hi), 1));
}
#define _mm512_cvtepi8_epi32 q4k_simde_cvtepi8_epi32
#define _mm512_cvtepi32_ps q4k_simde_cvtepi32_ps
#define _mm512_stream_ps _mm512_storeu_ps
#define _mm512_stream_si512 _mm512_storeu_si512
#else
#include <immintrin.h>
#define Q4K_INLINE static inline __attribute__((always_inline))
#endif

#if defined(Q4K_SIMDE)
/* Emulated build: rename the kernels so they link beside the real ones. */
#define q4k_dequant_q6k__avx512_u1_p0 q4k_dequant_q6k__avx512_u1_p0__simde
#define q4k_dequant_q6k__avx512_u1_p0_nt q4k_dequant_q6k__avx512_u1_p0_nt__simde
#define q4k_dequant_q6k__avx512_u2_p0 q4k_dequant_q6k__avx512_u2_p0__simde
#define q4k_dequant_q6k__avx512_u2_p0_nt q4k_dequant_q6k__avx512_u2_p0_nt__simde
#endif

#include "q4k_format.h"
#include "q4k_variants.h"

/* ds[j] = d * scales[j], j = 0..15 (exact: 11 x 7 bits), spilled to the
 * stack so that each 16-output group's factor is one vbroadcastss load. */
Q4K_INLINE void scales_q6k(const uint8_t *x, float ds[16])
{
    /* F16C: exact for subnormals, infinities and NaN */
    const __m256 d = _mm256_broadcastss_ps(_mm_cvtph_ps(_mm_cvtsi32_si128((int)q4k_load_le16(x + Q6K_OFF_D))));
    const __m128i sc = _mm_loadu_si128((const __m128i *)(const void *)(x + Q6K_OFF_SCALES));
    _mm256_storeu_ps(ds, _mm256_mul_ps(d, _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(sc))));
    _mm256_storeu_ps(ds + 8, _mm256_mul_ps(d, _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_srli_si128(sc, 8)))));
}

Q4K_INLINE void store16(float *y, __m512 v, int nt)
{
    if (nt)
        _mm512_stream_ps(y, v);
    else
        _mm512_storeu_ps(y, v);
}

/* One half: q[0..127] = the 6-bit quants minus 32, in output order. */
Q4K_INLINE void quants_half(const uint8_t *ql, const uint8_t *qh, int8_t q[128])
{
    const __m512i m0f = _mm512_set1_epi8(0x0f), m30 = _mm512_set1_epi8(0x30), k32 = _mm512_set1_epi8(32);
    /* bytes 0-31: ql[l] (outputs l and l+64); 32-63: ql[l+32] (l+32, l+96) */
    const __m512i l = _mm512_loadu_si512((const void *)ql);
    const __m256i h = _mm256_loadu_si256((const __m256i *)(const void *)qh);
    /* the high bits of outputs l / l+64 are qh bits 0-1 / 4-5, those of
     * l+32 / l+96 bits 2-3 / 6-7: shift the upper copy by 2 and both runs
     * read the same bit positions (the masks drop what crosses a byte) */
    const __m512i hh = _mm512_inserti64x4(_mm512_castsi256_si512(h), _mm256_srli_epi16(h, 2), 1);
    const __m512i lo = _mm512_or_si512(_mm512_and_si512(l, m0f), _mm512_and_si512(_mm512_slli_epi16(hh, 4), m30));
    const __m512i hi = _mm512_or_si512(_mm512_and_si512(_mm512_srli_epi16(l, 4), m0f), _mm512_and_si512(hh, m30));
    _mm512_store_si512((void *)q, _mm512_sub_epi8(lo, k32));
    _mm512_store_si512((void *)(q + 64), _mm512_sub_epi8(hi, k32));
}

/* One block: 256 outputs. */
Q4K_INLINE void block(const uint8_t *x, float *y, int nt)
{
    float ds[16];
    _Alignas(64) int8_t q[256];
    scales_q6k(x, ds);
    quants_half(x + Q6K_OFF_QL, x + Q6K_OFF_QH, q);
    quants_half(x + Q6K_OFF_QL + 64, x + Q6K_OFF_QH + 32, q + 128);
    for (int g = 0; g < 16; g++) {
        const __m512i v = _mm512_cvtepi8_epi32(_mm_load_si128((const __m128i *)(const void *)(q + 16 * g)));
        store16(y + 16 * g, _mm512_mul_ps(_mm512_set1_ps(ds[g]), _mm512_cvtepi32_ps(v)), nt);
    }
}

/* 64 bytes from anywhere to an aligned address, bypassing the caches */
Q4K_INLINE void stream_chunk(uint8_t *dst, const uint8_t *src)
{
    _mm512_stream_si512((void *)dst, _mm512_loadu_si512((const void *)src));
}

/* Streaming stores (vmovntps) need addresses aligned to 64 bytes; a
 * caller's output often is not. Then each block is staged: dequantized into
 * an aligned 1 KiB tile in L1 with ordinary stores, and streamed out shifted
 * by the output's skew. The chunk that straddles two blocks is assembled in
 * a small carry buffer; the bytes before the first aligned address and
 * after the last one are written with ordinary stores. (The same scheme as
 * Q4_K's templates/dequant/x86_staged_nt.c.in, for 210-byte blocks.) */
Q4K_INLINE void staged_nt(const uint8_t *x, float *out, size_t n)
{
    _Alignas(64) uint8_t tile[1024];
    uint8_t carry[64];
    uint8_t *dst = (uint8_t *)out;
    const size_t skew = (size_t)(-(uintptr_t)dst) & 63; /* bytes before an aligned address */
    const size_t tail = 64 - skew;                       /* a block's bytes after its last full chunk */
    for (size_t i = 0; i < n; i++) {
        block(x + i * Q4K_Q6K_BLOCK_BYTES, (float *)(void *)tile, 0);
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

/* q4k_dequant_q6k__avx512_u1_p0: 1 block(s) per iteration, ordinary stores.
 * blocks: n_blocks Q6_K blocks (210 bytes each, any alignment); out: 256 * n_blocks floats (any alignment). */
void q4k_dequant_q6k__avx512_u1_p0(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    size_t i = 0;
    for (; i + 1 <= n_blocks; i += 1) {
        block(x + (i + 0) * Q4K_Q6K_BLOCK_BYTES, out + (i + 0) * 256, 0);
    }
}

/* q4k_dequant_q6k__avx512_u1_p0_nt: 1 block(s) per iteration, streaming stores.
 * blocks: n_blocks Q6_K blocks (210 bytes each, any alignment); out: 256 * n_blocks floats (any alignment). */
void q4k_dequant_q6k__avx512_u1_p0_nt(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    if (((uintptr_t)out & 63) != 0) {
        staged_nt(x, out, n_blocks);
        _mm_sfence();
        return;
    }
    size_t i = 0;
    for (; i + 1 <= n_blocks; i += 1) {
        block(x + (i + 0) * Q4K_Q6K_BLOCK_BYTES, out + (i + 0) * 256, 1);
    }
    _mm_sfence();
}

/* q4k_dequant_q6k__avx512_u2_p0: 2 block(s) per iteration, ordinary stores.
 * blocks: n_blocks Q6_K blocks (210 bytes each, any alignment); out: 256 * n_blocks floats (any alignment). */
void q4k_dequant_q6k__avx512_u2_p0(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    size_t i = 0;
    for (; i + 2 <= n_blocks; i += 2) {
        block(x + (i + 0) * Q4K_Q6K_BLOCK_BYTES, out + (i + 0) * 256, 0);
        block(x + (i + 1) * Q4K_Q6K_BLOCK_BYTES, out + (i + 1) * 256, 0);
    }
    for (; i < n_blocks; i++)
        block(x + i * Q4K_Q6K_BLOCK_BYTES, out + i * 256, 0);
}

/* q4k_dequant_q6k__avx512_u2_p0_nt: 2 block(s) per iteration, streaming stores.
 * blocks: n_blocks Q6_K blocks (210 bytes each, any alignment); out: 256 * n_blocks floats (any alignment). */
void q4k_dequant_q6k__avx512_u2_p0_nt(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    if (((uintptr_t)out & 63) != 0) {
        staged_nt(x, out, n_blocks);
        _mm_sfence();
        return;
    }
    size_t i = 0;
    for (; i + 2 <= n_blocks; i += 2) {
        block(x + (i + 0) * Q4K_Q6K_BLOCK_BYTES, out + (i + 0) * 256, 1);
        block(x + (i + 1) * Q4K_Q6K_BLOCK_BYTES, out + (i + 1) * 256, 1);
    }
    for (; i < n_blocks; i++)
        block(x + i * Q4K_Q6K_BLOCK_BYTES, out + i * 256, 1);
    _mm_sfence();
}
#endif /* defined(__x86_64__) || defined(_M_X64) */
