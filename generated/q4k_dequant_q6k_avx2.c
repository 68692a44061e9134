/* Auto-generated file. Do not edit!
 *   command:  lua5.4 gen/q4kgen.lua
 *   input:    gen/isas.lua
 *   input:    gen/ops/dequant_q6k.lua
 *   template: templates/dequant_q6k/avx2.c.in
 *   template: templates/dequant_q6k/x86_common.c.in
 *   template: templates/dequant_q6k/x86_staged_nt.c.in
 *   template: templates/dequant_q6k/x86_driver.c.in
 *   arch:     x86_64 only (the whole file is inside #if: empty elsewhere)
 *
 * AVX2 + F16C Q6_K dequantization kernels (x86-64), compiled with
 * -mavx2 -mfma -mf16c for this file only and run only after cpuid.
 *
 * Per block: d by one F16C conversion (exact for every fp16), the 16 factors
 * d*scale[j] in two vectors (x86_common.c.in). Per half (128 outputs): three
 * 32-byte loads (ql[0..31], ql[32..63], qh[0..31]) and per 32 quants four
 * byte operations: the nibble (mask, or shift + mask), the two high bits
 * moved to bits 4-5 (16-bit shift + mask: the mask drops what crossed a byte
 * boundary), OR, minus 32: signed bytes q - 32 in output order, staged in
 * L1. Then per 8 outputs one vpmovsxbd (load folded in), one convert, one
 * multiply by d*scale (exact: one rounding-free product, the same bits as
 * ggml's (d*scale)*q), one store. Stores: storeu (any alignment); nt
 * variants stream (vmovntps) when the output is 32-byte aligned, through an
 * L1 tile when it is not, then sfence. */
#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "q4k_format.h"
#include "q4k_variants.h"

#define Q4K_INLINE static inline __attribute__((always_inline))

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

Q4K_INLINE void store8(float *y, __m256 v, int nt)
{
    if (nt)
        _mm256_stream_ps(y, v);
    else
        _mm256_storeu_ps(y, v);
}

/* One half: q[0..127] = the 6-bit quants minus 32, in output order. */
Q4K_INLINE void quants_half(const uint8_t *ql, const uint8_t *qh, int8_t q[128])
{
    const __m256i m0f = _mm256_set1_epi8(0x0f), m30 = _mm256_set1_epi8(0x30), k32 = _mm256_set1_epi8(32);
    const __m256i l0 = _mm256_loadu_si256((const __m256i *)(const void *)ql);
    const __m256i l1 = _mm256_loadu_si256((const __m256i *)(const void *)(ql + 32));
    const __m256i h = _mm256_loadu_si256((const __m256i *)(const void *)qh);
    /* outputs l, l+32, l+64, l+96: low nibbles of ql[l], ql[l+32], high
     * nibbles of both, with qh bits 0-1, 2-3, 4-5, 6-7 as bits 4-5 */
    const __m256i q0 = _mm256_or_si256(_mm256_and_si256(l0, m0f), _mm256_and_si256(_mm256_slli_epi16(h, 4), m30));
    const __m256i q1 = _mm256_or_si256(_mm256_and_si256(l1, m0f), _mm256_and_si256(_mm256_slli_epi16(h, 2), m30));
    const __m256i q2 = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(l0, 4), m0f), _mm256_and_si256(h, m30));
    const __m256i q3 = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(l1, 4), m0f),
                                       _mm256_and_si256(_mm256_srli_epi16(h, 2), m30));
    _mm256_store_si256((__m256i *)(void *)q, _mm256_sub_epi8(q0, k32));
    _mm256_store_si256((__m256i *)(void *)(q + 32), _mm256_sub_epi8(q1, k32));
    _mm256_store_si256((__m256i *)(void *)(q + 64), _mm256_sub_epi8(q2, k32));
    _mm256_store_si256((__m256i *)(void *)(q + 96), _mm256_sub_epi8(q3, k32));
}

Q4K_INLINE __m256 cvt8(const int8_t *q)
{
    return _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_loadl_epi64((const __m128i *)(const void *)q)));
}

/* One block: 256 outputs. */
Q4K_INLINE void block(const uint8_t *x, float *y, int nt)
{
    float ds[16];
    _Alignas(32) int8_t q[256];
    scales_q6k(x, ds);
    quants_half(x + Q6K_OFF_QL, x + Q6K_OFF_QH, q);
    quants_half(x + Q6K_OFF_QL + 64, x + Q6K_OFF_QH + 32, q + 128);
    for (int g = 0; g < 16; g++) {
        const __m256 s = _mm256_broadcast_ss(ds + g);
        store8(y + 16 * g, _mm256_mul_ps(s, cvt8(q + 16 * g)), nt);
        store8(y + 16 * g + 8, _mm256_mul_ps(s, cvt8(q + 16 * g + 8)), nt);
    }
}

/* 32 bytes from anywhere to an aligned address, bypassing the caches */
Q4K_INLINE void stream_chunk(uint8_t *dst, const uint8_t *src)
{
    _mm256_stream_si256((__m256i *)(void *)dst, _mm256_loadu_si256((const __m256i *)(const void *)src));
}

/* Streaming stores (vmovntps) need addresses aligned to 32 bytes; a
 * caller's output often is not. Then each block is staged: dequantized into
 * an aligned 1 KiB tile in L1 with ordinary stores, and streamed out shifted
 * by the output's skew. The chunk that straddles two blocks is assembled in
 * a small carry buffer; the bytes before the first aligned address and
 * after the last one are written with ordinary stores. (The same scheme as
 * Q4_K's templates/dequant/x86_staged_nt.c.in, for 210-byte blocks.) */
Q4K_INLINE void staged_nt(const uint8_t *x, float *out, size_t n)
{
    _Alignas(64) uint8_t tile[1024];
    uint8_t carry[32];
    uint8_t *dst = (uint8_t *)out;
    const size_t skew = (size_t)(-(uintptr_t)dst) & 31; /* bytes before an aligned address */
    const size_t tail = 32 - skew;                       /* a block's bytes after its last full chunk */
    for (size_t i = 0; i < n; i++) {
        block(x + i * Q4K_Q6K_BLOCK_BYTES, (float *)(void *)tile, 0);
        uint8_t *base = dst + 1024 * i;
        if (i == 0) {
            memcpy(base, tile, skew);
        } else {
            memcpy(carry + tail, tile, skew);
            stream_chunk(base - tail, carry);
        }
        for (size_t k = skew; k + 32 <= 1024; k += 32)
            stream_chunk(base + k, tile + k);
        memcpy(carry, tile + 1024 - tail, tail);
    }
    if (n)
        memcpy(dst + 1024 * n - tail, carry, tail);
}

/* q4k_dequant_q6k__avx2_u1_p0: 1 block(s) per iteration, ordinary stores.
 * blocks: n_blocks Q6_K blocks (210 bytes each, any alignment); out: 256 * n_blocks floats (any alignment). */
void q4k_dequant_q6k__avx2_u1_p0(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    size_t i = 0;
    for (; i + 1 <= n_blocks; i += 1) {
        block(x + (i + 0) * Q4K_Q6K_BLOCK_BYTES, out + (i + 0) * 256, 0);
    }
}

/* q4k_dequant_q6k__avx2_u1_p0_nt: 1 block(s) per iteration, streaming stores.
 * blocks: n_blocks Q6_K blocks (210 bytes each, any alignment); out: 256 * n_blocks floats (any alignment). */
void q4k_dequant_q6k__avx2_u1_p0_nt(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    if (((uintptr_t)out & 31) != 0) {
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

/* q4k_dequant_q6k__avx2_u2_p0: 2 block(s) per iteration, ordinary stores.
 * blocks: n_blocks Q6_K blocks (210 bytes each, any alignment); out: 256 * n_blocks floats (any alignment). */
void q4k_dequant_q6k__avx2_u2_p0(const void *blocks, float *out, size_t n_blocks)
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

/* q4k_dequant_q6k__avx2_u2_p0_nt: 2 block(s) per iteration, streaming stores.
 * blocks: n_blocks Q6_K blocks (210 bytes each, any alignment); out: 256 * n_blocks floats (any alignment). */
void q4k_dequant_q6k__avx2_u2_p0_nt(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    if (((uintptr_t)out & 31) != 0) {
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
