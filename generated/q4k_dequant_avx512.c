/* Auto-generated file. Do not edit!
 *   command:  lua5.4 gen/q4kgen.lua
 *   input:    gen/isas.lua
 *   input:    gen/ops/dequant.lua
 *   template: templates/dequant/avx512.c.in
 *   template: templates/dequant/x86_common.c.in
 *   template: templates/dequant/x86_staged_nt.c.in
 *   template: templates/dequant/x86_driver.c.in
 *   template: templates/dequant/x86_driver_pipelined.c.in
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
 *   perm: the lut tables with less work around them, so the 16 stores of a
 *        block are the bound rather than the shuffle ports and the front end
 *        (the lut kernel spends about 30 cycles per block):
 *        - quants: one 64-byte load covers two groups; one vpermd + one
 *          vpshufb transpose it so that dword lane i holds bytes i, 16+i,
 *          32+i, 48+i. Shifting by 0, 4, 8, ..., 28 then puts each of the
 *          block half's eight 16-output nibble sets in bits 3:0, which is
 *          all vpermps reads: 2 shuffles per 128 outputs instead of the 4
 *          vpmovzxbd, and no mask;
 *        - scales: all 16 values d*sc[j], dmin*m[j] in one zmm with
 *          vector code only (two vpermd of the scale words, per-lane shifts,
 *          one ternary-logic merge; ~13 instructions instead of ~35 mixed
 *          scalar/vector ones), spilled to a ring of four slots two blocks
 *          ahead of their use, so the 4-byte broadcast loads that build the
 *          tables never wait on a just-stored zmm (store-to-load forwarding
 *          of a 64-byte store to a 4-byte load is slow). An asm barrier
 *          keeps the compiler from "forwarding" the slot in registers,
 *          which would turn each broadcast load back into a shuffle.
 *        Per block: 2 + 16 vpermps-class shuffles for the quants, 8 more
 *        for the tables (body_perm says why), 14 shifts, 8 FMAs with a
 *        broadcast load each, 16 stores. Same exact tables as lut.
 *   permb: perm with the transposition in one vpermb (AVX512-VBMI: Ice Lake,
 *        Zen 4 and later): 2 shuffles fewer per block.
 *   Where the rest of the time goes (Zen 5, tuner/contract/
 *   q4k_dequant_bounds.c): the body alone, tables from a fixed slot,
 *   reaches ~90% of the store loop at 16 blocks and ~86% at 512, where
 *   reading the input alone costs as much; unpacking the 6-bit scales (12
 *   vector instructions and a 17th store, the slot, per block) costs the
 *   other ~15 points.
 * Both perm methods compute the scales four blocks ahead (ring of eight
 * slots): 2-3% faster than two ahead at 512 blocks on Zen 5, the same at
 * 16. Why is not established: store-to-load forwarding from the slot was
 * ruled out (scales computed into slots nobody reads cost the same).
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

/* The permb kernels and their helpers use AVX512-VBMI beyond the file's
 * flags: only they carry it, and they run only where cpuid reports it. */
#if defined(Q4K_SIMDE)
#define Q4K_TARGET_VBMI
#else
#define Q4K_TARGET_VBMI __attribute__((target("avx512vbmi")))
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
#define q4k_dequant__avx512_perm_u1_p0 q4k_dequant__avx512_perm_u1_p0__simde
#define q4k_dequant__avx512_perm_u1_p0_nt q4k_dequant__avx512_perm_u1_p0_nt__simde
#define q4k_dequant__avx512_perm_u1_p16 q4k_dequant__avx512_perm_u1_p16__simde
#define q4k_dequant__avx512_perm_u1_p16_nt q4k_dequant__avx512_perm_u1_p16_nt__simde
#define q4k_dequant__avx512_perm_u2_p0 q4k_dequant__avx512_perm_u2_p0__simde
#define q4k_dequant__avx512_perm_u2_p0_nt q4k_dequant__avx512_perm_u2_p0_nt__simde
#define q4k_dequant__avx512_perm_u2_p16 q4k_dequant__avx512_perm_u2_p16__simde
#define q4k_dequant__avx512_perm_u2_p16_nt q4k_dequant__avx512_perm_u2_p16_nt__simde
#define q4k_dequant__avx512_permb_u1_p0 q4k_dequant__avx512_permb_u1_p0__simde
#define q4k_dequant__avx512_permb_u1_p0_nt q4k_dequant__avx512_permb_u1_p0_nt__simde
#define q4k_dequant__avx512_permb_u1_p16 q4k_dequant__avx512_permb_u1_p16__simde
#define q4k_dequant__avx512_permb_u1_p16_nt q4k_dequant__avx512_permb_u1_p16_nt__simde
#define q4k_dequant__avx512_permb_u2_p0 q4k_dequant__avx512_permb_u2_p0__simde
#define q4k_dequant__avx512_permb_u2_p0_nt q4k_dequant__avx512_permb_u2_p0_nt__simde
#define q4k_dequant__avx512_permb_u2_p16 q4k_dequant__avx512_permb_u2_p16__simde
#define q4k_dequant__avx512_permb_u2_p16_nt q4k_dequant__avx512_permb_u2_p16_nt__simde
#endif
#if defined(Q4K_DEQUANT_PROBE)
/* Probe build for tuner/contract/q4k_dequant_bounds.c: the perm and permb
 * kernels skip the per-block scale work (every block reuses the first
 * block's tables), which times their body alone. Wrong output, by design;
 * renamed so they link beside the real kernels. */
#define q4k_dequant__avx512_u1_p0 q4k_dequant__avx512_u1_p0__probe
#define q4k_dequant__avx512_u1_p0_nt q4k_dequant__avx512_u1_p0_nt__probe
#define q4k_dequant__avx512_u1_p16 q4k_dequant__avx512_u1_p16__probe
#define q4k_dequant__avx512_u1_p16_nt q4k_dequant__avx512_u1_p16_nt__probe
#define q4k_dequant__avx512_u2_p0 q4k_dequant__avx512_u2_p0__probe
#define q4k_dequant__avx512_u2_p0_nt q4k_dequant__avx512_u2_p0_nt__probe
#define q4k_dequant__avx512_u2_p16 q4k_dequant__avx512_u2_p16__probe
#define q4k_dequant__avx512_u2_p16_nt q4k_dequant__avx512_u2_p16_nt__probe
#define q4k_dequant__avx512_u4_p0 q4k_dequant__avx512_u4_p0__probe
#define q4k_dequant__avx512_u4_p0_nt q4k_dequant__avx512_u4_p0_nt__probe
#define q4k_dequant__avx512_u4_p16 q4k_dequant__avx512_u4_p16__probe
#define q4k_dequant__avx512_u4_p16_nt q4k_dequant__avx512_u4_p16_nt__probe
#define q4k_dequant__avx512_lut_u1_p0 q4k_dequant__avx512_lut_u1_p0__probe
#define q4k_dequant__avx512_lut_u1_p0_nt q4k_dequant__avx512_lut_u1_p0_nt__probe
#define q4k_dequant__avx512_lut_u1_p16 q4k_dequant__avx512_lut_u1_p16__probe
#define q4k_dequant__avx512_lut_u1_p16_nt q4k_dequant__avx512_lut_u1_p16_nt__probe
#define q4k_dequant__avx512_lut_u2_p0 q4k_dequant__avx512_lut_u2_p0__probe
#define q4k_dequant__avx512_lut_u2_p0_nt q4k_dequant__avx512_lut_u2_p0_nt__probe
#define q4k_dequant__avx512_lut_u2_p16 q4k_dequant__avx512_lut_u2_p16__probe
#define q4k_dequant__avx512_lut_u2_p16_nt q4k_dequant__avx512_lut_u2_p16_nt__probe
#define q4k_dequant__avx512_lut_u4_p0 q4k_dequant__avx512_lut_u4_p0__probe
#define q4k_dequant__avx512_lut_u4_p0_nt q4k_dequant__avx512_lut_u4_p0_nt__probe
#define q4k_dequant__avx512_lut_u4_p16 q4k_dequant__avx512_lut_u4_p16__probe
#define q4k_dequant__avx512_lut_u4_p16_nt q4k_dequant__avx512_lut_u4_p16_nt__probe
#define q4k_dequant__avx512_perm_u1_p0 q4k_dequant__avx512_perm_u1_p0__probe
#define q4k_dequant__avx512_perm_u1_p0_nt q4k_dequant__avx512_perm_u1_p0_nt__probe
#define q4k_dequant__avx512_perm_u1_p16 q4k_dequant__avx512_perm_u1_p16__probe
#define q4k_dequant__avx512_perm_u1_p16_nt q4k_dequant__avx512_perm_u1_p16_nt__probe
#define q4k_dequant__avx512_perm_u2_p0 q4k_dequant__avx512_perm_u2_p0__probe
#define q4k_dequant__avx512_perm_u2_p0_nt q4k_dequant__avx512_perm_u2_p0_nt__probe
#define q4k_dequant__avx512_perm_u2_p16 q4k_dequant__avx512_perm_u2_p16__probe
#define q4k_dequant__avx512_perm_u2_p16_nt q4k_dequant__avx512_perm_u2_p16_nt__probe
#define q4k_dequant__avx512_permb_u1_p0 q4k_dequant__avx512_permb_u1_p0__probe
#define q4k_dequant__avx512_permb_u1_p0_nt q4k_dequant__avx512_permb_u1_p0_nt__probe
#define q4k_dequant__avx512_permb_u1_p16 q4k_dequant__avx512_permb_u1_p16__probe
#define q4k_dequant__avx512_permb_u1_p16_nt q4k_dequant__avx512_permb_u1_p16_nt__probe
#define q4k_dequant__avx512_permb_u2_p0 q4k_dequant__avx512_permb_u2_p0__probe
#define q4k_dequant__avx512_permb_u2_p0_nt q4k_dequant__avx512_permb_u2_p0_nt__probe
#define q4k_dequant__avx512_permb_u2_p16 q4k_dequant__avx512_permb_u2_p16__probe
#define q4k_dequant__avx512_permb_u2_p16_nt q4k_dequant__avx512_permb_u2_p16_nt__probe
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

/* Method perm: s[0..7] = d*sc[j], s[8..15] = dmin*m[j] from one 64-byte
 * load of the block's start (dwords: d|dmin, w0, w1, w2 as in
 * q4k_unpack_scales_words), in vector registers only:
 *   sc[j]   = w0 >> 8j & 63                      j < 4 (lanes 0-3)
 *   sc[4+j] = (w2 >> 8j & 15) | (w0 >> 8j+2 & 0x30)      (lanes 4-7)
 *   m[j]    = w1 >> 8j & 63                              (lanes 8-11)
 *   m[4+j]  = (w2 >> 8j+4 & 15) | (w1 >> 8j+2 & 0x30)    (lanes 12-15)
 * i.e. (X & 15) | (Y & 0x30) with X, Y = per-lane shifts of one scale word.
 * The mins stay positive: body_perm subtracts them (fmsub), which is the
 * format's d*sc*q - dmin*m with its one rounding, signed zeros included.
 * Every product is exact. */
Q4K_INLINE void scales_perm(const uint8_t *x, float *s)
{
    const __m512i v = _mm512_loadu_si512((const void *)x);
    const __m512i wx = _mm512_permutexvar_epi32(_mm512_setr_epi32(1, 1, 1, 1, 3, 3, 3, 3, 2, 2, 2, 2, 3, 3, 3, 3), v);
    const __m512i wy = _mm512_permutexvar_epi32(_mm512_setr_epi32(1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2), v);
    const __m512i X = _mm512_srlv_epi32(wx, _mm512_setr_epi32(0, 8, 16, 24, 0, 8, 16, 24, 0, 8, 16, 24, 4, 12, 20, 28));
    const __m512i Y = _mm512_and_si512(_mm512_srlv_epi32(wy, _mm512_setr_epi32(0, 8, 16, 24, 2, 10, 18, 26, 0, 8, 16, 24, 2, 10, 18, 26)),
                                       _mm512_set1_epi32(0x30));
    /* imm 0xec: (X & C) | Y with C = 15 */
    const __m512i scm = _mm512_ternarylogic_epi32(X, Y, _mm512_set1_epi32(0x0f), 0xec);
    const __m128 dm = _mm_cvtph_ps(_mm512_castsi512_si128(v)); /* d, dmin, junk, junk */
    const __m512 f = _mm512_permutexvar_ps(_mm512_setr_epi32(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1),
                                           _mm512_castps128_ps512(dm));
    _mm512_storeu_ps(s, _mm512_mul_ps(f, _mm512_cvtepi32_ps(scm)));
}

/* The compiler must read the slots back from memory (broadcast loads) rather
 * than keep them in registers (broadcast shuffles). */
#if defined(Q4K_SIMDE)
#define Q4K_SLOTS_BARRIER(s) ((void)(s))
#else
#define Q4K_SLOTS_BARRIER(s) __asm__("" : "+m"(s))
#endif

/* 64 quant bytes (two groups) transposed: dword lane i = bytes i, 16+i, 32+i, 48+i */
Q4K_INLINE __m512i quants_perm(const uint8_t *q)
{
    const __m512i dw = _mm512_permutexvar_epi32(_mm512_setr_epi32(0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15),
                                                _mm512_loadu_si512((const void *)q));
    return _mm512_shuffle_epi8(dw, _mm512_broadcast_i32x4(_mm_setr_epi8(0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15)));
}

/* The same transposition in one vpermb: byte 4i+k of the result is byte
 * 16k+i of the 64 quant bytes. */
Q4K_TARGET_VBMI Q4K_INLINE __m512i quants_permb(const uint8_t *q)
{
    const __m512i idx = _mm512_setr_epi32(0x30201000, 0x31211101, 0x32221202, 0x33231303, 0x34241404, 0x35251505,
                                          0x36261606, 0x37271707, 0x38281808, 0x39291909, 0x3a2a1a0a, 0x3b2b1b0b,
                                          0x3c2c1c0c, 0x3d2d1d0d, 0x3e2e1e0e, 0x3f2f1f0f);
    return _mm512_permutexvar_epi8(idx, _mm512_loadu_si512((const void *)q));
}

/* One block, method perm, its scales s (64-byte aligned) already
 * computed. A table takes d*sc[j] as a broadcast load folded into its FMA
 * and dmin*m[j] by vpermps from the slot loaded once: 8 broadcast loads a
 * block instead of 16. Once the output spills out of L1 (512 blocks), the
 * loads compete with the output's line fills and 16 of them cost ~10%
 * (measured on Zen 5: 75% of the store loop against 69%); the 8 vpermps
 * are cheaper there, and no worse in L1. */
Q4K_INLINE void body_perm(const uint8_t *x, const float *s, float *y, int nt)
{
    const __m512 iota = _mm512_setr_ps(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    const __m512 slot = _mm512_load_ps(s);
    const uint8_t *q = x + Q4K_OFF_QS;
    for (int h = 0; h < 2; h++, q += 64, y += 128) {
        const __m512i b = quants_perm(q);
        for (int g = 0; g < 2; g++) {
            const int j = 4 * h + 2 * g; /* sub-blocks j (low nibbles) and j+1 (high) */
            const __m512 m1 = _mm512_permutexvar_ps(_mm512_set1_epi32(8 + j), slot);
            const __m512 m2 = _mm512_permutexvar_ps(_mm512_set1_epi32(9 + j), slot);
            const __m512 t1 = _mm512_fmsub_ps(_mm512_set1_ps(s[j]), iota, m1);
            const __m512 t2 = _mm512_fmsub_ps(_mm512_set1_ps(s[j + 1]), iota, m2);
            float *z = y + 64 * g;
            const __m512i b0 = g ? _mm512_srli_epi32(b, 16) : b;
            store16(z, _mm512_permutexvar_ps(b0, t1), nt);
            store16(z + 16, _mm512_permutexvar_ps(_mm512_srli_epi32(b, 16 * g + 8), t1), nt);
            store16(z + 32, _mm512_permutexvar_ps(_mm512_srli_epi32(b, 16 * g + 4), t2), nt);
            store16(z + 48, _mm512_permutexvar_ps(_mm512_srli_epi32(b, 16 * g + 12), t2), nt);
        }
    }
}

/* One block, method perm, on its own (the staged streaming path). */
Q4K_INLINE void block_perm(const uint8_t *x, float *y, int nt)
{
    _Alignas(64) float s[16];
    scales_perm(x, s);
    Q4K_SLOTS_BARRIER(s);
    body_perm(x, s, y, nt);
}

/* Block k of n in the pipelined perm loop: computes block k+4's scales
 * (the last block's again near the end: the input is never read past it)
 * into the slot block k+4 will read, then writes block k. The last four
 * computations are wasted; a loop that skips them measured slower at 512
 * blocks on Zen 5 (70% of the store loop against 75%), for reasons the
 * instruction counts do not show. */
Q4K_INLINE void step_perm(const uint8_t *x, float *out, size_t k, size_t n, float s[8][16], int nt)
{
#if defined(Q4K_DEQUANT_PROBE)
    (void)n;
    body_perm(x + k * 144, s[0], out + k * 256, nt);
#else
    const size_t ahead = k + 4 < n ? k + 4 : n - 1;
    scales_perm(x + ahead * 144, s[(k + 4) & 7]);
    Q4K_SLOTS_BARRIER(*(float(*)[8][16])s);
    body_perm(x + k * 144, s[k & 7], out + k * 256, nt);
#endif
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
Q4K_INLINE void staged_nt_perm(const uint8_t *x, float *out, size_t n, size_t prefetch)
{
    _Alignas(64) uint8_t tile[1024];
    uint8_t carry[64];
    uint8_t *dst = (uint8_t *)out;
    const size_t skew = (size_t)(-(uintptr_t)dst) & 63; /* bytes before an aligned address */
    const size_t tail = 64 - skew;                       /* a block's bytes after its last full chunk */
    for (size_t i = 0; i < n; i++) {
        if (prefetch)
            prefetch_block(x + (i + prefetch) * 144);
        block_perm(x + i * 144, (float *)(void *)tile, 0);
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

/* One block, method permb, its scales s (64-byte aligned) already
 * computed. A table takes d*sc[j] as a broadcast load folded into its FMA
 * and dmin*m[j] by vpermps from the slot loaded once: 8 broadcast loads a
 * block instead of 16. Once the output spills out of L1 (512 blocks), the
 * loads compete with the output's line fills and 16 of them cost ~10%
 * (measured on Zen 5: 75% of the store loop against 69%); the 8 vpermps
 * are cheaper there, and no worse in L1. */
Q4K_TARGET_VBMI Q4K_INLINE void body_permb(const uint8_t *x, const float *s, float *y, int nt)
{
    const __m512 iota = _mm512_setr_ps(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    const __m512 slot = _mm512_load_ps(s);
    const uint8_t *q = x + Q4K_OFF_QS;
    for (int h = 0; h < 2; h++, q += 64, y += 128) {
        const __m512i b = quants_permb(q);
        for (int g = 0; g < 2; g++) {
            const int j = 4 * h + 2 * g; /* sub-blocks j (low nibbles) and j+1 (high) */
            const __m512 m1 = _mm512_permutexvar_ps(_mm512_set1_epi32(8 + j), slot);
            const __m512 m2 = _mm512_permutexvar_ps(_mm512_set1_epi32(9 + j), slot);
            const __m512 t1 = _mm512_fmsub_ps(_mm512_set1_ps(s[j]), iota, m1);
            const __m512 t2 = _mm512_fmsub_ps(_mm512_set1_ps(s[j + 1]), iota, m2);
            float *z = y + 64 * g;
            const __m512i b0 = g ? _mm512_srli_epi32(b, 16) : b;
            store16(z, _mm512_permutexvar_ps(b0, t1), nt);
            store16(z + 16, _mm512_permutexvar_ps(_mm512_srli_epi32(b, 16 * g + 8), t1), nt);
            store16(z + 32, _mm512_permutexvar_ps(_mm512_srli_epi32(b, 16 * g + 4), t2), nt);
            store16(z + 48, _mm512_permutexvar_ps(_mm512_srli_epi32(b, 16 * g + 12), t2), nt);
        }
    }
}

/* One block, method permb, on its own (the staged streaming path). */
Q4K_TARGET_VBMI Q4K_INLINE void block_permb(const uint8_t *x, float *y, int nt)
{
    _Alignas(64) float s[16];
    scales_perm(x, s);
    Q4K_SLOTS_BARRIER(s);
    body_permb(x, s, y, nt);
}

/* Block k of n in the pipelined permb loop: computes block k+4's scales
 * (the last block's again near the end: the input is never read past it)
 * into the slot block k+4 will read, then writes block k. The last four
 * computations are wasted; a loop that skips them measured slower at 512
 * blocks on Zen 5 (70% of the store loop against 75%), for reasons the
 * instruction counts do not show. */
Q4K_TARGET_VBMI Q4K_INLINE void step_permb(const uint8_t *x, float *out, size_t k, size_t n, float s[8][16], int nt)
{
#if defined(Q4K_DEQUANT_PROBE)
    (void)n;
    body_permb(x + k * 144, s[0], out + k * 256, nt);
#else
    const size_t ahead = k + 4 < n ? k + 4 : n - 1;
    scales_perm(x + ahead * 144, s[(k + 4) & 7]);
    Q4K_SLOTS_BARRIER(*(float(*)[8][16])s);
    body_permb(x + k * 144, s[k & 7], out + k * 256, nt);
#endif
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
Q4K_TARGET_VBMI Q4K_INLINE void staged_nt_permb(const uint8_t *x, float *out, size_t n, size_t prefetch)
{
    _Alignas(64) uint8_t tile[1024];
    uint8_t carry[64];
    uint8_t *dst = (uint8_t *)out;
    const size_t skew = (size_t)(-(uintptr_t)dst) & 63; /* bytes before an aligned address */
    const size_t tail = 64 - skew;                       /* a block's bytes after its last full chunk */
    for (size_t i = 0; i < n; i++) {
        if (prefetch)
            prefetch_block(x + (i + prefetch) * 144);
        block_permb(x + i * 144, (float *)(void *)tile, 0);
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

/* q4k_dequant__avx512_perm_u1_p0: method perm (scales four blocks ahead), 1 block(s) per iteration, prefetch off, ordinary stores */
void q4k_dequant__avx512_perm_u1_p0(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    if (n_blocks == 0)
        return;
    _Alignas(64) float s[8][16];
    for (size_t k = 0; k < 4; k++)
        scales_perm(x + (k < n_blocks ? k : n_blocks - 1) * 144, s[k]);
    size_t i = 0;
    for (; i + 1 <= n_blocks; i += 1) {
        step_perm(x, out, i + 0, n_blocks, s, 0);
    }
}

/* q4k_dequant__avx512_perm_u1_p0_nt: method perm (scales four blocks ahead), 1 block(s) per iteration, prefetch off, streaming stores */
void q4k_dequant__avx512_perm_u1_p0_nt(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    const int nt = ((uintptr_t)out & 63) == 0;
    if (!nt) {
        staged_nt_perm(x, out, n_blocks, 0);
        _mm_sfence();
        return;
    }
    if (n_blocks == 0)
        return;
    _Alignas(64) float s[8][16];
    for (size_t k = 0; k < 4; k++)
        scales_perm(x + (k < n_blocks ? k : n_blocks - 1) * 144, s[k]);
    size_t i = 0;
    for (; i + 1 <= n_blocks; i += 1) {
        step_perm(x, out, i + 0, n_blocks, s, nt);
    }
    _mm_sfence();
}

/* q4k_dequant__avx512_perm_u1_p16: method perm (scales four blocks ahead), 1 block(s) per iteration, prefetch 16 blocks ahead, ordinary stores */
void q4k_dequant__avx512_perm_u1_p16(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    if (n_blocks == 0)
        return;
    _Alignas(64) float s[8][16];
    for (size_t k = 0; k < 4; k++)
        scales_perm(x + (k < n_blocks ? k : n_blocks - 1) * 144, s[k]);
    size_t i = 0;
    for (; i + 1 <= n_blocks; i += 1) {
        prefetch_block(x + (i + 16) * 144);
        step_perm(x, out, i + 0, n_blocks, s, 0);
    }
}

/* q4k_dequant__avx512_perm_u1_p16_nt: method perm (scales four blocks ahead), 1 block(s) per iteration, prefetch 16 blocks ahead, streaming stores */
void q4k_dequant__avx512_perm_u1_p16_nt(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    const int nt = ((uintptr_t)out & 63) == 0;
    if (!nt) {
        staged_nt_perm(x, out, n_blocks, 16);
        _mm_sfence();
        return;
    }
    if (n_blocks == 0)
        return;
    _Alignas(64) float s[8][16];
    for (size_t k = 0; k < 4; k++)
        scales_perm(x + (k < n_blocks ? k : n_blocks - 1) * 144, s[k]);
    size_t i = 0;
    for (; i + 1 <= n_blocks; i += 1) {
        prefetch_block(x + (i + 16) * 144);
        step_perm(x, out, i + 0, n_blocks, s, nt);
    }
    _mm_sfence();
}

/* q4k_dequant__avx512_perm_u2_p0: method perm (scales four blocks ahead), 2 block(s) per iteration, prefetch off, ordinary stores */
void q4k_dequant__avx512_perm_u2_p0(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    if (n_blocks == 0)
        return;
    _Alignas(64) float s[8][16];
    for (size_t k = 0; k < 4; k++)
        scales_perm(x + (k < n_blocks ? k : n_blocks - 1) * 144, s[k]);
    size_t i = 0;
    for (; i + 2 <= n_blocks; i += 2) {
        step_perm(x, out, i + 0, n_blocks, s, 0);
        step_perm(x, out, i + 1, n_blocks, s, 0);
    }
    for (; i < n_blocks; i++)
        step_perm(x, out, i, n_blocks, s, 0);
}

/* q4k_dequant__avx512_perm_u2_p0_nt: method perm (scales four blocks ahead), 2 block(s) per iteration, prefetch off, streaming stores */
void q4k_dequant__avx512_perm_u2_p0_nt(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    const int nt = ((uintptr_t)out & 63) == 0;
    if (!nt) {
        staged_nt_perm(x, out, n_blocks, 0);
        _mm_sfence();
        return;
    }
    if (n_blocks == 0)
        return;
    _Alignas(64) float s[8][16];
    for (size_t k = 0; k < 4; k++)
        scales_perm(x + (k < n_blocks ? k : n_blocks - 1) * 144, s[k]);
    size_t i = 0;
    for (; i + 2 <= n_blocks; i += 2) {
        step_perm(x, out, i + 0, n_blocks, s, nt);
        step_perm(x, out, i + 1, n_blocks, s, nt);
    }
    for (; i < n_blocks; i++)
        step_perm(x, out, i, n_blocks, s, nt);
    _mm_sfence();
}

/* q4k_dequant__avx512_perm_u2_p16: method perm (scales four blocks ahead), 2 block(s) per iteration, prefetch 16 blocks ahead, ordinary stores */
void q4k_dequant__avx512_perm_u2_p16(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    if (n_blocks == 0)
        return;
    _Alignas(64) float s[8][16];
    for (size_t k = 0; k < 4; k++)
        scales_perm(x + (k < n_blocks ? k : n_blocks - 1) * 144, s[k]);
    size_t i = 0;
    for (; i + 2 <= n_blocks; i += 2) {
        prefetch_block(x + (i + 16) * 144);
        prefetch_block(x + (i + 17) * 144);
        step_perm(x, out, i + 0, n_blocks, s, 0);
        step_perm(x, out, i + 1, n_blocks, s, 0);
    }
    for (; i < n_blocks; i++)
        step_perm(x, out, i, n_blocks, s, 0);
}

/* q4k_dequant__avx512_perm_u2_p16_nt: method perm (scales four blocks ahead), 2 block(s) per iteration, prefetch 16 blocks ahead, streaming stores */
void q4k_dequant__avx512_perm_u2_p16_nt(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    const int nt = ((uintptr_t)out & 63) == 0;
    if (!nt) {
        staged_nt_perm(x, out, n_blocks, 16);
        _mm_sfence();
        return;
    }
    if (n_blocks == 0)
        return;
    _Alignas(64) float s[8][16];
    for (size_t k = 0; k < 4; k++)
        scales_perm(x + (k < n_blocks ? k : n_blocks - 1) * 144, s[k]);
    size_t i = 0;
    for (; i + 2 <= n_blocks; i += 2) {
        prefetch_block(x + (i + 16) * 144);
        prefetch_block(x + (i + 17) * 144);
        step_perm(x, out, i + 0, n_blocks, s, nt);
        step_perm(x, out, i + 1, n_blocks, s, nt);
    }
    for (; i < n_blocks; i++)
        step_perm(x, out, i, n_blocks, s, nt);
    _mm_sfence();
}

/* q4k_dequant__avx512_permb_u1_p0: method permb (scales four blocks ahead), 1 block(s) per iteration, prefetch off, ordinary stores */
Q4K_TARGET_VBMI void q4k_dequant__avx512_permb_u1_p0(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    if (n_blocks == 0)
        return;
    _Alignas(64) float s[8][16];
    for (size_t k = 0; k < 4; k++)
        scales_perm(x + (k < n_blocks ? k : n_blocks - 1) * 144, s[k]);
    size_t i = 0;
    for (; i + 1 <= n_blocks; i += 1) {
        step_permb(x, out, i + 0, n_blocks, s, 0);
    }
}

/* q4k_dequant__avx512_permb_u1_p0_nt: method permb (scales four blocks ahead), 1 block(s) per iteration, prefetch off, streaming stores */
Q4K_TARGET_VBMI void q4k_dequant__avx512_permb_u1_p0_nt(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    const int nt = ((uintptr_t)out & 63) == 0;
    if (!nt) {
        staged_nt_permb(x, out, n_blocks, 0);
        _mm_sfence();
        return;
    }
    if (n_blocks == 0)
        return;
    _Alignas(64) float s[8][16];
    for (size_t k = 0; k < 4; k++)
        scales_perm(x + (k < n_blocks ? k : n_blocks - 1) * 144, s[k]);
    size_t i = 0;
    for (; i + 1 <= n_blocks; i += 1) {
        step_permb(x, out, i + 0, n_blocks, s, nt);
    }
    _mm_sfence();
}

/* q4k_dequant__avx512_permb_u1_p16: method permb (scales four blocks ahead), 1 block(s) per iteration, prefetch 16 blocks ahead, ordinary stores */
Q4K_TARGET_VBMI void q4k_dequant__avx512_permb_u1_p16(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    if (n_blocks == 0)
        return;
    _Alignas(64) float s[8][16];
    for (size_t k = 0; k < 4; k++)
        scales_perm(x + (k < n_blocks ? k : n_blocks - 1) * 144, s[k]);
    size_t i = 0;
    for (; i + 1 <= n_blocks; i += 1) {
        prefetch_block(x + (i + 16) * 144);
        step_permb(x, out, i + 0, n_blocks, s, 0);
    }
}

/* q4k_dequant__avx512_permb_u1_p16_nt: method permb (scales four blocks ahead), 1 block(s) per iteration, prefetch 16 blocks ahead, streaming stores */
Q4K_TARGET_VBMI void q4k_dequant__avx512_permb_u1_p16_nt(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    const int nt = ((uintptr_t)out & 63) == 0;
    if (!nt) {
        staged_nt_permb(x, out, n_blocks, 16);
        _mm_sfence();
        return;
    }
    if (n_blocks == 0)
        return;
    _Alignas(64) float s[8][16];
    for (size_t k = 0; k < 4; k++)
        scales_perm(x + (k < n_blocks ? k : n_blocks - 1) * 144, s[k]);
    size_t i = 0;
    for (; i + 1 <= n_blocks; i += 1) {
        prefetch_block(x + (i + 16) * 144);
        step_permb(x, out, i + 0, n_blocks, s, nt);
    }
    _mm_sfence();
}

/* q4k_dequant__avx512_permb_u2_p0: method permb (scales four blocks ahead), 2 block(s) per iteration, prefetch off, ordinary stores */
Q4K_TARGET_VBMI void q4k_dequant__avx512_permb_u2_p0(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    if (n_blocks == 0)
        return;
    _Alignas(64) float s[8][16];
    for (size_t k = 0; k < 4; k++)
        scales_perm(x + (k < n_blocks ? k : n_blocks - 1) * 144, s[k]);
    size_t i = 0;
    for (; i + 2 <= n_blocks; i += 2) {
        step_permb(x, out, i + 0, n_blocks, s, 0);
        step_permb(x, out, i + 1, n_blocks, s, 0);
    }
    for (; i < n_blocks; i++)
        step_permb(x, out, i, n_blocks, s, 0);
}

/* q4k_dequant__avx512_permb_u2_p0_nt: method permb (scales four blocks ahead), 2 block(s) per iteration, prefetch off, streaming stores */
Q4K_TARGET_VBMI void q4k_dequant__avx512_permb_u2_p0_nt(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    const int nt = ((uintptr_t)out & 63) == 0;
    if (!nt) {
        staged_nt_permb(x, out, n_blocks, 0);
        _mm_sfence();
        return;
    }
    if (n_blocks == 0)
        return;
    _Alignas(64) float s[8][16];
    for (size_t k = 0; k < 4; k++)
        scales_perm(x + (k < n_blocks ? k : n_blocks - 1) * 144, s[k]);
    size_t i = 0;
    for (; i + 2 <= n_blocks; i += 2) {
        step_permb(x, out, i + 0, n_blocks, s, nt);
        step_permb(x, out, i + 1, n_blocks, s, nt);
    }
    for (; i < n_blocks; i++)
        step_permb(x, out, i, n_blocks, s, nt);
    _mm_sfence();
}

/* q4k_dequant__avx512_permb_u2_p16: method permb (scales four blocks ahead), 2 block(s) per iteration, prefetch 16 blocks ahead, ordinary stores */
Q4K_TARGET_VBMI void q4k_dequant__avx512_permb_u2_p16(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    if (n_blocks == 0)
        return;
    _Alignas(64) float s[8][16];
    for (size_t k = 0; k < 4; k++)
        scales_perm(x + (k < n_blocks ? k : n_blocks - 1) * 144, s[k]);
    size_t i = 0;
    for (; i + 2 <= n_blocks; i += 2) {
        prefetch_block(x + (i + 16) * 144);
        prefetch_block(x + (i + 17) * 144);
        step_permb(x, out, i + 0, n_blocks, s, 0);
        step_permb(x, out, i + 1, n_blocks, s, 0);
    }
    for (; i < n_blocks; i++)
        step_permb(x, out, i, n_blocks, s, 0);
}

/* q4k_dequant__avx512_permb_u2_p16_nt: method permb (scales four blocks ahead), 2 block(s) per iteration, prefetch 16 blocks ahead, streaming stores */
Q4K_TARGET_VBMI void q4k_dequant__avx512_permb_u2_p16_nt(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    const int nt = ((uintptr_t)out & 63) == 0;
    if (!nt) {
        staged_nt_permb(x, out, n_blocks, 16);
        _mm_sfence();
        return;
    }
    if (n_blocks == 0)
        return;
    _Alignas(64) float s[8][16];
    for (size_t k = 0; k < 4; k++)
        scales_perm(x + (k < n_blocks ? k : n_blocks - 1) * 144, s[k]);
    size_t i = 0;
    for (; i + 2 <= n_blocks; i += 2) {
        prefetch_block(x + (i + 16) * 144);
        prefetch_block(x + (i + 17) * 144);
        step_permb(x, out, i + 0, n_blocks, s, nt);
        step_permb(x, out, i + 1, n_blocks, s, nt);
    }
    for (; i < n_blocks; i++)
        step_permb(x, out, i, n_blocks, s, nt);
    _mm_sfence();
}
#endif /* defined(__x86_64__) || defined(_M_X64) */
