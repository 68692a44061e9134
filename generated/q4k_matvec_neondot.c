/* Auto-generated file. Do not edit!
 *   command:  lua5.4 gen/q4kgen.lua
 *   input:    gen/isas.lua
 *   input:    gen/ops/matvec.lua
 *   template: templates/matvec/neondot.c.in
 *   template: templates/matvec/neon_common.c.in
 *   template: templates/matvec/neon_tile.c.in
 *   template: templates/matvec/neon_driver.c.in
 *   arch:     aarch64 only (the whole file is inside #if: empty elsewhere)
 *
 * NEON + dotprod (sdot) kernels of the fused Q4_K x Q8_K product: the
 * canonical result of include/q4k_matvec.h, bit for bit. Apple M1 and
 * later, Cortex-A76 and later (FEAT_DotProd).
 *
 * Per sub-block j of a block (32 values), row r and vector v: two sdot of
 * 16 nibbles (0..15, exact as int8) against 16 q8 bytes give four int32
 * lanes summing to S_j; one mla by lane adds sc[j] * S_j to the row's isum
 * lanes. The 8 scales come from the word trick in integer registers, imin
 * from smull/smlal2 of m[0..7] and the paired bsums. After the 8
 * sub-blocks, vpaddq folds the rows' lanes (row r in lane r) and the two
 * float steps run as vector operations for all rows of the tile at once
 * (neon_common.c.in has the exactness argument).
 *
 * Tile r x c: each q8 load serves r rows, each nibble split serves c
 * vectors. Tails: smaller row heights (halving to 1) and single vectors.
 *
 * _packed variants read weights packed by q4k_pack with interleave 4
 * (q4k_format.h): the same 4-row tiles, fed from one load stream. Per block
 * column the group holds d[4] and dmin[4] as 8 contiguous fp16 (one load,
 * one fcvtl pair), the scales and mins already as bytes (sc[r][j] at 8r + j
 * is the tbl2 table of the quad tile as stored: no 6-bit unpacking), and
 * the 4 rows' quants one after the other. Row tails: the last tile is
 * computed whole (its padding rows are zeros) and only its real rows are
 * stored. */
#if defined(__aarch64__) || defined(_M_ARM64)
/* ---- shared by the NEON matvec families (neon_common.c.in) ----------------
 * The integer dot products differ per family (smull / sdot / smmla); what
 * is around them is the same everywhere and lives here:
 *   - per weight row and block: the 8 scales and 8 mins (the word trick of
 *     q4k_format.h in integer registers), as int32x4 pairs, int16x8, bytes;
 *   - per activation vector and block: d8, and bs[j] = bsums[2j] +
 *     bsums[2j+1] (|bs| <= 2*16*127 = 4064: int16);
 *   - imin of one row and one vector: smull + smlal2 of m[0..7] and bs[0..7]
 *     (|m*bs| <= 63*4064: int32 lanes whose sum is imin, exact);
 *   - the float steps of the canonical result for up to 4 rows at once, one
 *     row per lane: acc = fma(d8*d, (float)isum, acc), then acc =
 *     fma(-(d8*dmin), (float)imin, acc). vmulq_n_f32 rounds d*d8 (the same
 *     product as d8*d), vcvtq_f32_s32 rounds to nearest like (float) does,
 *     vfmaq_f32 is fmaf lane by lane and vfmsq_f32(acc, p, q) is fmla with
 *     the product negated: fma(-p, q, acc), bit for bit, sign of zero
 *     included. Explicit intrinsics: nothing is left to contraction.
 *     d and dmin: vcvt_f32_f16 is exact for every fp16 (subnormals, inf,
 *     NaN), and FPCR.FZ/FZ16 do not apply to the conversion (FPUnpackCV).
 * Lanes of rows a tile does not have carry harmless garbage and are never
 * stored. Every memory access is a byte-vector load/store or memcpy: the
 * blocks, the activations and y may sit at any address. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <arm_neon.h>

#include "q4k_format.h"
#include "q4k_variants.h"

#if defined(__ARM_BIG_ENDIAN)
#error "q4k NEON kernels assume little-endian aarch64 (vector lanes are read as memory bytes)"
#endif

#define Q4K_MV_INLINE static inline __attribute__((always_inline))

/* One weight row's block, what the dot products need. The compiler drops
 * the forms a family does not use. */
typedef struct {
    int32x4_t sc_lo, sc_hi; /* sc[0..3], sc[4..7] (mla by lane, sdot) */
    int16x8_t sc16;         /* sc[0..7] (smlal by lane, smull) */
    uint8x8_t sc8;          /* sc[0..7] as bytes (tbl, smmla) */
    int16x8_t m16;          /* m[0..7] */
} q4k_mv_row;

Q4K_MV_INLINE q4k_mv_row q4k_mv_row_load(const uint8_t *x)
{
    uint32_t sc[2], m[2];
    q4k_unpack_scales_words(x + Q4K_OFF_SCALES, sc, m);
    q4k_mv_row rw;
    rw.sc8 = vcreate_u8((uint64_t)sc[0] | ((uint64_t)sc[1] << 32));
    const uint16x8_t s16 = vmovl_u8(rw.sc8);
    rw.sc16 = vreinterpretq_s16_u16(s16);
    rw.sc_lo = vreinterpretq_s32_u32(vmovl_u16(vget_low_u16(s16)));
    rw.sc_hi = vreinterpretq_s32_u32(vmovl_high_u16(s16));
    rw.m16 = vreinterpretq_s16_u16(vmovl_u8(vcreate_u8((uint64_t)m[0] | ((uint64_t)m[1] << 32))));
    return rw;
}

/* d and dmin (fp16) of a block as one 32-bit word */
Q4K_MV_INLINE uint32_t q4k_mv_dm_word(const uint8_t *x)
{
    uint32_t t;
    memcpy(&t, x + Q4K_OFF_D, sizeof t);
    return t;
}

/* lanes {d, dmin} of rows 0..3 (fp16 pairs in 32-bit lanes) -> d per
 * lane, dmin per lane */
Q4K_MV_INLINE void q4k_mv_dmin4(uint32x4_t dm, float32x4_t *d, float32x4_t *dmin)
{
    const float16x8_t h = vreinterpretq_f16_u32(dm);
    const float32x4_t a = vcvt_f32_f16(vget_low_f16(h)), b = vcvt_high_f32_f16(h);
    *d = vuzp1q_f32(a, b);
    *dmin = vuzp2q_f32(a, b);
}

/* the same for rows 0..1 (lanes 2, 3 repeat them) */
Q4K_MV_INLINE void q4k_mv_dmin2(uint32x2_t dm, float32x4_t *d, float32x4_t *dmin)
{
    const float32x4_t a = vcvt_f32_f16(vreinterpret_f16_u32(dm));
    *d = vuzp1q_f32(a, a);
    *dmin = vuzp2q_f32(a, a);
}

Q4K_MV_INLINE float q4k_mv_d8(const uint8_t *a)
{
    float d8;
    memcpy(&d8, a + Q8K_OFF_D, sizeof d8);
    return d8;
}

/* bs[j] = bsums[2j] + bsums[2j+1], j = 0..7 */
Q4K_MV_INLINE int16x8_t q4k_mv_bsums(const uint8_t *a)
{
    const int16x8_t b0 = vreinterpretq_s16_u8(vld1q_u8(a + Q8K_OFF_BSUMS));
    const int16x8_t b1 = vreinterpretq_s16_u8(vld1q_u8(a + Q8K_OFF_BSUMS + 16));
    return vpaddq_s16(b0, b1);
}

/* int32 lanes whose sum is imin of one row and one vector */
Q4K_MV_INLINE int32x4_t q4k_mv_imin(int16x8_t m16, int16x8_t bs)
{
    return vmlal_high_s16(vmull_s16(vget_low_s16(m16), vget_low_s16(bs)), m16, bs);
}

/* per row in its lane: the two float steps of the canonical result */
Q4K_MV_INLINE float32x4_t q4k_mv_fstep(float32x4_t acc, float32x4_t d, float32x4_t dmin, float d8, int32x4_t isum,
                                       int32x4_t imin)
{
    acc = vfmaq_f32(acc, vmulq_n_f32(d, d8), vcvtq_f32_s32(isum));
    return vfmsq_f32(acc, vmulq_n_f32(dmin, d8), vcvtq_f32_s32(imin));
}

/* lanes 0..n-1 of acc to y (any address) */
Q4K_MV_INLINE void q4k_mv_store4(float *y, float32x4_t acc)
{
    vst1q_u8((uint8_t *)y, vreinterpretq_u8_f32(acc));
}

Q4K_MV_INLINE void q4k_mv_store2(float *y, float32x4_t acc)
{
    vst1_u8((uint8_t *)y, vreinterpret_u8_f32(vget_low_f32(acc)));
}

Q4K_MV_INLINE void q4k_mv_store1(float *y, float32x4_t acc)
{
    const float t = vgetq_lane_f32(acc, 0);
    memcpy(y, &t, sizeof t);
}

/* 1 row x 1 vector, sdot: y[v * ldy + r] for r < 1, v < 1. Not inlined: the
 * block loop is inside, so a call per tile costs nothing, and one copy
 * serves every variant and tail that uses the tile. */
static __attribute__((noinline)) void q4k_mv_sdot_r1_c1(const uint8_t *w, size_t n_bpr, const uint8_t *xq, float *y, size_t ldy)
{
    const size_t ws = n_bpr * 144, xs = n_bpr * Q8K_BLOCK_BYTES;
    const uint8x16_t m4 = vdupq_n_u8(0x0f);
    const int32x4_t z = vdupq_n_s32(0);
    const uint8_t *x0 = w + 0 * ws;
    const uint8_t *a0 = xq + 0 * xs;
    float32x4_t acc0 = vdupq_n_f32(0.0f);
    for (size_t b = 0; b < n_bpr; b++) {
        float32x4_t d, dmin;
        q4k_mv_dmin2(vdup_n_u32(q4k_mv_dm_word(x0)), &d, &dmin);
        const q4k_mv_row rw0 = q4k_mv_row_load(x0);
        const float d8_0 = q4k_mv_d8(a0);
        const int16x8_t bs0 = q4k_mv_bsums(a0);
        const int32x4_t imin0_h = vpaddq_s32(q4k_mv_imin(rw0.m16, bs0), q4k_mv_imin(rw0.m16, bs0));
        const int32x4_t imin0 = vpaddq_s32(imin0_h, imin0_h);
        int32x4_t t00 = vdupq_n_s32(0);
        /* qs[0..31]: sub-blocks 0 (low nibbles) and 1 (high) */
        const uint8x16_t q0_0a = vld1q_u8(x0 + 16), q0_0b = vld1q_u8(x0 + 32);
        const int8x16_t y0_0a = vreinterpretq_s8_u8(vld1q_u8(a0 + 4));
        const int8x16_t y0_0b = vreinterpretq_s8_u8(vld1q_u8(a0 + 20));
        const int8x16_t n0_0a = vreinterpretq_s8_u8(vandq_u8(q0_0a, m4));
        const int8x16_t n0_0b = vreinterpretq_s8_u8(vandq_u8(q0_0b, m4));
        t00 = vmlaq_laneq_s32(t00, vdotq_s32(vdotq_s32(z, n0_0a, y0_0a), n0_0b, y0_0b), rw0.sc_lo, 0);
        const int8x16_t y0_1a = vreinterpretq_s8_u8(vld1q_u8(a0 + 36));
        const int8x16_t y0_1b = vreinterpretq_s8_u8(vld1q_u8(a0 + 52));
        const int8x16_t n0_1a = vreinterpretq_s8_u8(vshrq_n_u8(q0_0a, 4));
        const int8x16_t n0_1b = vreinterpretq_s8_u8(vshrq_n_u8(q0_0b, 4));
        t00 = vmlaq_laneq_s32(t00, vdotq_s32(vdotq_s32(z, n0_1a, y0_1a), n0_1b, y0_1b), rw0.sc_lo, 1);
        /* qs[32..63]: sub-blocks 2 (low nibbles) and 3 (high) */
        const uint8x16_t q0_1a = vld1q_u8(x0 + 48), q0_1b = vld1q_u8(x0 + 64);
        const int8x16_t y0_2a = vreinterpretq_s8_u8(vld1q_u8(a0 + 68));
        const int8x16_t y0_2b = vreinterpretq_s8_u8(vld1q_u8(a0 + 84));
        const int8x16_t n0_2a = vreinterpretq_s8_u8(vandq_u8(q0_1a, m4));
        const int8x16_t n0_2b = vreinterpretq_s8_u8(vandq_u8(q0_1b, m4));
        t00 = vmlaq_laneq_s32(t00, vdotq_s32(vdotq_s32(z, n0_2a, y0_2a), n0_2b, y0_2b), rw0.sc_lo, 2);
        const int8x16_t y0_3a = vreinterpretq_s8_u8(vld1q_u8(a0 + 100));
        const int8x16_t y0_3b = vreinterpretq_s8_u8(vld1q_u8(a0 + 116));
        const int8x16_t n0_3a = vreinterpretq_s8_u8(vshrq_n_u8(q0_1a, 4));
        const int8x16_t n0_3b = vreinterpretq_s8_u8(vshrq_n_u8(q0_1b, 4));
        t00 = vmlaq_laneq_s32(t00, vdotq_s32(vdotq_s32(z, n0_3a, y0_3a), n0_3b, y0_3b), rw0.sc_lo, 3);
        /* qs[64..95]: sub-blocks 4 (low nibbles) and 5 (high) */
        const uint8x16_t q0_2a = vld1q_u8(x0 + 80), q0_2b = vld1q_u8(x0 + 96);
        const int8x16_t y0_4a = vreinterpretq_s8_u8(vld1q_u8(a0 + 132));
        const int8x16_t y0_4b = vreinterpretq_s8_u8(vld1q_u8(a0 + 148));
        const int8x16_t n0_4a = vreinterpretq_s8_u8(vandq_u8(q0_2a, m4));
        const int8x16_t n0_4b = vreinterpretq_s8_u8(vandq_u8(q0_2b, m4));
        t00 = vmlaq_laneq_s32(t00, vdotq_s32(vdotq_s32(z, n0_4a, y0_4a), n0_4b, y0_4b), rw0.sc_hi, 0);
        const int8x16_t y0_5a = vreinterpretq_s8_u8(vld1q_u8(a0 + 164));
        const int8x16_t y0_5b = vreinterpretq_s8_u8(vld1q_u8(a0 + 180));
        const int8x16_t n0_5a = vreinterpretq_s8_u8(vshrq_n_u8(q0_2a, 4));
        const int8x16_t n0_5b = vreinterpretq_s8_u8(vshrq_n_u8(q0_2b, 4));
        t00 = vmlaq_laneq_s32(t00, vdotq_s32(vdotq_s32(z, n0_5a, y0_5a), n0_5b, y0_5b), rw0.sc_hi, 1);
        /* qs[96..127]: sub-blocks 6 (low nibbles) and 7 (high) */
        const uint8x16_t q0_3a = vld1q_u8(x0 + 112), q0_3b = vld1q_u8(x0 + 128);
        const int8x16_t y0_6a = vreinterpretq_s8_u8(vld1q_u8(a0 + 196));
        const int8x16_t y0_6b = vreinterpretq_s8_u8(vld1q_u8(a0 + 212));
        const int8x16_t n0_6a = vreinterpretq_s8_u8(vandq_u8(q0_3a, m4));
        const int8x16_t n0_6b = vreinterpretq_s8_u8(vandq_u8(q0_3b, m4));
        t00 = vmlaq_laneq_s32(t00, vdotq_s32(vdotq_s32(z, n0_6a, y0_6a), n0_6b, y0_6b), rw0.sc_hi, 2);
        const int8x16_t y0_7a = vreinterpretq_s8_u8(vld1q_u8(a0 + 228));
        const int8x16_t y0_7b = vreinterpretq_s8_u8(vld1q_u8(a0 + 244));
        const int8x16_t n0_7a = vreinterpretq_s8_u8(vshrq_n_u8(q0_3a, 4));
        const int8x16_t n0_7b = vreinterpretq_s8_u8(vshrq_n_u8(q0_3b, 4));
        t00 = vmlaq_laneq_s32(t00, vdotq_s32(vdotq_s32(z, n0_7a, y0_7a), n0_7b, y0_7b), rw0.sc_hi, 3);
        const int32x4_t isum0_h = vpaddq_s32(t00, t00);
        const int32x4_t isum0 = vpaddq_s32(isum0_h, isum0_h);
        acc0 = q4k_mv_fstep(acc0, d, dmin, d8_0, isum0, imin0);
        x0 += 144;
        a0 += Q8K_BLOCK_BYTES;
    }
    q4k_mv_store1(y + 0 * ldy, acc0);
}

/* 1 row x 4 vectors, sdot: y[v * ldy + r] for r < 1, v < 4. Not inlined: the
 * block loop is inside, so a call per tile costs nothing, and one copy
 * serves every variant and tail that uses the tile. */
static __attribute__((noinline)) void q4k_mv_sdot_r1_c4(const uint8_t *w, size_t n_bpr, const uint8_t *xq, float *y, size_t ldy)
{
    const size_t ws = n_bpr * 144, xs = n_bpr * Q8K_BLOCK_BYTES;
    const uint8x16_t m4 = vdupq_n_u8(0x0f);
    const int32x4_t z = vdupq_n_s32(0);
    const uint8_t *x0 = w + 0 * ws;
    const uint8_t *a0 = xq + 0 * xs;
    float32x4_t acc0 = vdupq_n_f32(0.0f);
    const uint8_t *a1 = xq + 1 * xs;
    float32x4_t acc1 = vdupq_n_f32(0.0f);
    const uint8_t *a2 = xq + 2 * xs;
    float32x4_t acc2 = vdupq_n_f32(0.0f);
    const uint8_t *a3 = xq + 3 * xs;
    float32x4_t acc3 = vdupq_n_f32(0.0f);
    for (size_t b = 0; b < n_bpr; b++) {
        float32x4_t d, dmin;
        q4k_mv_dmin2(vdup_n_u32(q4k_mv_dm_word(x0)), &d, &dmin);
        const q4k_mv_row rw0 = q4k_mv_row_load(x0);
        const float d8_0 = q4k_mv_d8(a0);
        const int16x8_t bs0 = q4k_mv_bsums(a0);
        const float d8_1 = q4k_mv_d8(a1);
        const int16x8_t bs1 = q4k_mv_bsums(a1);
        const float d8_2 = q4k_mv_d8(a2);
        const int16x8_t bs2 = q4k_mv_bsums(a2);
        const float d8_3 = q4k_mv_d8(a3);
        const int16x8_t bs3 = q4k_mv_bsums(a3);
        const int32x4_t imin0_h = vpaddq_s32(q4k_mv_imin(rw0.m16, bs0), q4k_mv_imin(rw0.m16, bs0));
        const int32x4_t imin0 = vpaddq_s32(imin0_h, imin0_h);
        const int32x4_t imin1_h = vpaddq_s32(q4k_mv_imin(rw0.m16, bs1), q4k_mv_imin(rw0.m16, bs1));
        const int32x4_t imin1 = vpaddq_s32(imin1_h, imin1_h);
        const int32x4_t imin2_h = vpaddq_s32(q4k_mv_imin(rw0.m16, bs2), q4k_mv_imin(rw0.m16, bs2));
        const int32x4_t imin2 = vpaddq_s32(imin2_h, imin2_h);
        const int32x4_t imin3_h = vpaddq_s32(q4k_mv_imin(rw0.m16, bs3), q4k_mv_imin(rw0.m16, bs3));
        const int32x4_t imin3 = vpaddq_s32(imin3_h, imin3_h);
        int32x4_t t00 = vdupq_n_s32(0);
        int32x4_t t01 = vdupq_n_s32(0);
        int32x4_t t02 = vdupq_n_s32(0);
        int32x4_t t03 = vdupq_n_s32(0);
        /* qs[0..31]: sub-blocks 0 (low nibbles) and 1 (high) */
        const uint8x16_t q0_0a = vld1q_u8(x0 + 16), q0_0b = vld1q_u8(x0 + 32);
        const int8x16_t y0_0a = vreinterpretq_s8_u8(vld1q_u8(a0 + 4));
        const int8x16_t y0_0b = vreinterpretq_s8_u8(vld1q_u8(a0 + 20));
        const int8x16_t y1_0a = vreinterpretq_s8_u8(vld1q_u8(a1 + 4));
        const int8x16_t y1_0b = vreinterpretq_s8_u8(vld1q_u8(a1 + 20));
        const int8x16_t y2_0a = vreinterpretq_s8_u8(vld1q_u8(a2 + 4));
        const int8x16_t y2_0b = vreinterpretq_s8_u8(vld1q_u8(a2 + 20));
        const int8x16_t y3_0a = vreinterpretq_s8_u8(vld1q_u8(a3 + 4));
        const int8x16_t y3_0b = vreinterpretq_s8_u8(vld1q_u8(a3 + 20));
        const int8x16_t n0_0a = vreinterpretq_s8_u8(vandq_u8(q0_0a, m4));
        const int8x16_t n0_0b = vreinterpretq_s8_u8(vandq_u8(q0_0b, m4));
        t00 = vmlaq_laneq_s32(t00, vdotq_s32(vdotq_s32(z, n0_0a, y0_0a), n0_0b, y0_0b), rw0.sc_lo, 0);
        t01 = vmlaq_laneq_s32(t01, vdotq_s32(vdotq_s32(z, n0_0a, y1_0a), n0_0b, y1_0b), rw0.sc_lo, 0);
        t02 = vmlaq_laneq_s32(t02, vdotq_s32(vdotq_s32(z, n0_0a, y2_0a), n0_0b, y2_0b), rw0.sc_lo, 0);
        t03 = vmlaq_laneq_s32(t03, vdotq_s32(vdotq_s32(z, n0_0a, y3_0a), n0_0b, y3_0b), rw0.sc_lo, 0);
        const int8x16_t y0_1a = vreinterpretq_s8_u8(vld1q_u8(a0 + 36));
        const int8x16_t y0_1b = vreinterpretq_s8_u8(vld1q_u8(a0 + 52));
        const int8x16_t y1_1a = vreinterpretq_s8_u8(vld1q_u8(a1 + 36));
        const int8x16_t y1_1b = vreinterpretq_s8_u8(vld1q_u8(a1 + 52));
        const int8x16_t y2_1a = vreinterpretq_s8_u8(vld1q_u8(a2 + 36));
        const int8x16_t y2_1b = vreinterpretq_s8_u8(vld1q_u8(a2 + 52));
        const int8x16_t y3_1a = vreinterpretq_s8_u8(vld1q_u8(a3 + 36));
        const int8x16_t y3_1b = vreinterpretq_s8_u8(vld1q_u8(a3 + 52));
        const int8x16_t n0_1a = vreinterpretq_s8_u8(vshrq_n_u8(q0_0a, 4));
        const int8x16_t n0_1b = vreinterpretq_s8_u8(vshrq_n_u8(q0_0b, 4));
        t00 = vmlaq_laneq_s32(t00, vdotq_s32(vdotq_s32(z, n0_1a, y0_1a), n0_1b, y0_1b), rw0.sc_lo, 1);
        t01 = vmlaq_laneq_s32(t01, vdotq_s32(vdotq_s32(z, n0_1a, y1_1a), n0_1b, y1_1b), rw0.sc_lo, 1);
        t02 = vmlaq_laneq_s32(t02, vdotq_s32(vdotq_s32(z, n0_1a, y2_1a), n0_1b, y2_1b), rw0.sc_lo, 1);
        t03 = vmlaq_laneq_s32(t03, vdotq_s32(vdotq_s32(z, n0_1a, y3_1a), n0_1b, y3_1b), rw0.sc_lo, 1);
        /* qs[32..63]: sub-blocks 2 (low nibbles) and 3 (high) */
        const uint8x16_t q0_1a = vld1q_u8(x0 + 48), q0_1b = vld1q_u8(x0 + 64);
        const int8x16_t y0_2a = vreinterpretq_s8_u8(vld1q_u8(a0 + 68));
        const int8x16_t y0_2b = vreinterpretq_s8_u8(vld1q_u8(a0 + 84));
        const int8x16_t y1_2a = vreinterpretq_s8_u8(vld1q_u8(a1 + 68));
        const int8x16_t y1_2b = vreinterpretq_s8_u8(vld1q_u8(a1 + 84));
        const int8x16_t y2_2a = vreinterpretq_s8_u8(vld1q_u8(a2 + 68));
        const int8x16_t y2_2b = vreinterpretq_s8_u8(vld1q_u8(a2 + 84));
        const int8x16_t y3_2a = vreinterpretq_s8_u8(vld1q_u8(a3 + 68));
        const int8x16_t y3_2b = vreinterpretq_s8_u8(vld1q_u8(a3 + 84));
        const int8x16_t n0_2a = vreinterpretq_s8_u8(vandq_u8(q0_1a, m4));
        const int8x16_t n0_2b = vreinterpretq_s8_u8(vandq_u8(q0_1b, m4));
        t00 = vmlaq_laneq_s32(t00, vdotq_s32(vdotq_s32(z, n0_2a, y0_2a), n0_2b, y0_2b), rw0.sc_lo, 2);
        t01 = vmlaq_laneq_s32(t01, vdotq_s32(vdotq_s32(z, n0_2a, y1_2a), n0_2b, y1_2b), rw0.sc_lo, 2);
        t02 = vmlaq_laneq_s32(t02, vdotq_s32(vdotq_s32(z, n0_2a, y2_2a), n0_2b, y2_2b), rw0.sc_lo, 2);
        t03 = vmlaq_laneq_s32(t03, vdotq_s32(vdotq_s32(z, n0_2a, y3_2a), n0_2b, y3_2b), rw0.sc_lo, 2);
        const int8x16_t y0_3a = vreinterpretq_s8_u8(vld1q_u8(a0 + 100));
        const int8x16_t y0_3b = vreinterpretq_s8_u8(vld1q_u8(a0 + 116));
        const int8x16_t y1_3a = vreinterpretq_s8_u8(vld1q_u8(a1 + 100));
        const int8x16_t y1_3b = vreinterpretq_s8_u8(vld1q_u8(a1 + 116));
        const int8x16_t y2_3a = vreinterpretq_s8_u8(vld1q_u8(a2 + 100));
        const int8x16_t y2_3b = vreinterpretq_s8_u8(vld1q_u8(a2 + 116));
        const int8x16_t y3_3a = vreinterpretq_s8_u8(vld1q_u8(a3 + 100));
        const int8x16_t y3_3b = vreinterpretq_s8_u8(vld1q_u8(a3 + 116));
        const int8x16_t n0_3a = vreinterpretq_s8_u8(vshrq_n_u8(q0_1a, 4));
        const int8x16_t n0_3b = vreinterpretq_s8_u8(vshrq_n_u8(q0_1b, 4));
        t00 = vmlaq_laneq_s32(t00, vdotq_s32(vdotq_s32(z, n0_3a, y0_3a), n0_3b, y0_3b), rw0.sc_lo, 3);
        t01 = vmlaq_laneq_s32(t01, vdotq_s32(vdotq_s32(z, n0_3a, y1_3a), n0_3b, y1_3b), rw0.sc_lo, 3);
        t02 = vmlaq_laneq_s32(t02, vdotq_s32(vdotq_s32(z, n0_3a, y2_3a), n0_3b, y2_3b), rw0.sc_lo, 3);
        t03 = vmlaq_laneq_s32(t03, vdotq_s32(vdotq_s32(z, n0_3a, y3_3a), n0_3b, y3_3b), rw0.sc_lo, 3);
        /* qs[64..95]: sub-blocks 4 (low nibbles) and 5 (high) */
        const uint8x16_t q0_2a = vld1q_u8(x0 + 80), q0_2b = vld1q_u8(x0 + 96);
        const int8x16_t y0_4a = vreinterpretq_s8_u8(vld1q_u8(a0 + 132));
        const int8x16_t y0_4b = vreinterpretq_s8_u8(vld1q_u8(a0 + 148));
        const int8x16_t y1_4a = vreinterpretq_s8_u8(vld1q_u8(a1 + 132));
        const int8x16_t y1_4b = vreinterpretq_s8_u8(vld1q_u8(a1 + 148));
        const int8x16_t y2_4a = vreinterpretq_s8_u8(vld1q_u8(a2 + 132));
        const int8x16_t y2_4b = vreinterpretq_s8_u8(vld1q_u8(a2 + 148));
        const int8x16_t y3_4a = vreinterpretq_s8_u8(vld1q_u8(a3 + 132));
        const int8x16_t y3_4b = vreinterpretq_s8_u8(vld1q_u8(a3 + 148));
        const int8x16_t n0_4a = vreinterpretq_s8_u8(vandq_u8(q0_2a, m4));
        const int8x16_t n0_4b = vreinterpretq_s8_u8(vandq_u8(q0_2b, m4));
        t00 = vmlaq_laneq_s32(t00, vdotq_s32(vdotq_s32(z, n0_4a, y0_4a), n0_4b, y0_4b), rw0.sc_hi, 0);
        t01 = vmlaq_laneq_s32(t01, vdotq_s32(vdotq_s32(z, n0_4a, y1_4a), n0_4b, y1_4b), rw0.sc_hi, 0);
        t02 = vmlaq_laneq_s32(t02, vdotq_s32(vdotq_s32(z, n0_4a, y2_4a), n0_4b, y2_4b), rw0.sc_hi, 0);
        t03 = vmlaq_laneq_s32(t03, vdotq_s32(vdotq_s32(z, n0_4a, y3_4a), n0_4b, y3_4b), rw0.sc_hi, 0);
        const int8x16_t y0_5a = vreinterpretq_s8_u8(vld1q_u8(a0 + 164));
        const int8x16_t y0_5b = vreinterpretq_s8_u8(vld1q_u8(a0 + 180));
        const int8x16_t y1_5a = vreinterpretq_s8_u8(vld1q_u8(a1 + 164));
        const int8x16_t y1_5b = vreinterpretq_s8_u8(vld1q_u8(a1 + 180));
        const int8x16_t y2_5a = vreinterpretq_s8_u8(vld1q_u8(a2 + 164));
        const int8x16_t y2_5b = vreinterpretq_s8_u8(vld1q_u8(a2 + 180));
        const int8x16_t y3_5a = vreinterpretq_s8_u8(vld1q_u8(a3 + 164));
        const int8x16_t y3_5b = vreinterpretq_s8_u8(vld1q_u8(a3 + 180));
        const int8x16_t n0_5a = vreinterpretq_s8_u8(vshrq_n_u8(q0_2a, 4));
        const int8x16_t n0_5b = vreinterpretq_s8_u8(vshrq_n_u8(q0_2b, 4));
        t00 = vmlaq_laneq_s32(t00, vdotq_s32(vdotq_s32(z, n0_5a, y0_5a), n0_5b, y0_5b), rw0.sc_hi, 1);
        t01 = vmlaq_laneq_s32(t01, vdotq_s32(vdotq_s32(z, n0_5a, y1_5a), n0_5b, y1_5b), rw0.sc_hi, 1);
        t02 = vmlaq_laneq_s32(t02, vdotq_s32(vdotq_s32(z, n0_5a, y2_5a), n0_5b, y2_5b), rw0.sc_hi, 1);
        t03 = vmlaq_laneq_s32(t03, vdotq_s32(vdotq_s32(z, n0_5a, y3_5a), n0_5b, y3_5b), rw0.sc_hi, 1);
        /* qs[96..127]: sub-blocks 6 (low nibbles) and 7 (high) */
        const uint8x16_t q0_3a = vld1q_u8(x0 + 112), q0_3b = vld1q_u8(x0 + 128);
        const int8x16_t y0_6a = vreinterpretq_s8_u8(vld1q_u8(a0 + 196));
        const int8x16_t y0_6b = vreinterpretq_s8_u8(vld1q_u8(a0 + 212));
        const int8x16_t y1_6a = vreinterpretq_s8_u8(vld1q_u8(a1 + 196));
        const int8x16_t y1_6b = vreinterpretq_s8_u8(vld1q_u8(a1 + 212));
        const int8x16_t y2_6a = vreinterpretq_s8_u8(vld1q_u8(a2 + 196));
        const int8x16_t y2_6b = vreinterpretq_s8_u8(vld1q_u8(a2 + 212));
        const int8x16_t y3_6a = vreinterpretq_s8_u8(vld1q_u8(a3 + 196));
        const int8x16_t y3_6b = vreinterpretq_s8_u8(vld1q_u8(a3 + 212));
        const int8x16_t n0_6a = vreinterpretq_s8_u8(vandq_u8(q0_3a, m4));
        const int8x16_t n0_6b = vreinterpretq_s8_u8(vandq_u8(q0_3b, m4));
        t00 = vmlaq_laneq_s32(t00, vdotq_s32(vdotq_s32(z, n0_6a, y0_6a), n0_6b, y0_6b), rw0.sc_hi, 2);
        t01 = vmlaq_laneq_s32(t01, vdotq_s32(vdotq_s32(z, n0_6a, y1_6a), n0_6b, y1_6b), rw0.sc_hi, 2);
        t02 = vmlaq_laneq_s32(t02, vdotq_s32(vdotq_s32(z, n0_6a, y2_6a), n0_6b, y2_6b), rw0.sc_hi, 2);
        t03 = vmlaq_laneq_s32(t03, vdotq_s32(vdotq_s32(z, n0_6a, y3_6a), n0_6b, y3_6b), rw0.sc_hi, 2);
        const int8x16_t y0_7a = vreinterpretq_s8_u8(vld1q_u8(a0 + 228));
        const int8x16_t y0_7b = vreinterpretq_s8_u8(vld1q_u8(a0 + 244));
        const int8x16_t y1_7a = vreinterpretq_s8_u8(vld1q_u8(a1 + 228));
        const int8x16_t y1_7b = vreinterpretq_s8_u8(vld1q_u8(a1 + 244));
        const int8x16_t y2_7a = vreinterpretq_s8_u8(vld1q_u8(a2 + 228));
        const int8x16_t y2_7b = vreinterpretq_s8_u8(vld1q_u8(a2 + 244));
        const int8x16_t y3_7a = vreinterpretq_s8_u8(vld1q_u8(a3 + 228));
        const int8x16_t y3_7b = vreinterpretq_s8_u8(vld1q_u8(a3 + 244));
        const int8x16_t n0_7a = vreinterpretq_s8_u8(vshrq_n_u8(q0_3a, 4));
        const int8x16_t n0_7b = vreinterpretq_s8_u8(vshrq_n_u8(q0_3b, 4));
        t00 = vmlaq_laneq_s32(t00, vdotq_s32(vdotq_s32(z, n0_7a, y0_7a), n0_7b, y0_7b), rw0.sc_hi, 3);
        t01 = vmlaq_laneq_s32(t01, vdotq_s32(vdotq_s32(z, n0_7a, y1_7a), n0_7b, y1_7b), rw0.sc_hi, 3);
        t02 = vmlaq_laneq_s32(t02, vdotq_s32(vdotq_s32(z, n0_7a, y2_7a), n0_7b, y2_7b), rw0.sc_hi, 3);
        t03 = vmlaq_laneq_s32(t03, vdotq_s32(vdotq_s32(z, n0_7a, y3_7a), n0_7b, y3_7b), rw0.sc_hi, 3);
        const int32x4_t isum0_h = vpaddq_s32(t00, t00);
        const int32x4_t isum0 = vpaddq_s32(isum0_h, isum0_h);
        const int32x4_t isum1_h = vpaddq_s32(t01, t01);
        const int32x4_t isum1 = vpaddq_s32(isum1_h, isum1_h);
        const int32x4_t isum2_h = vpaddq_s32(t02, t02);
        const int32x4_t isum2 = vpaddq_s32(isum2_h, isum2_h);
        const int32x4_t isum3_h = vpaddq_s32(t03, t03);
        const int32x4_t isum3 = vpaddq_s32(isum3_h, isum3_h);
        acc0 = q4k_mv_fstep(acc0, d, dmin, d8_0, isum0, imin0);
        acc1 = q4k_mv_fstep(acc1, d, dmin, d8_1, isum1, imin1);
        acc2 = q4k_mv_fstep(acc2, d, dmin, d8_2, isum2, imin2);
        acc3 = q4k_mv_fstep(acc3, d, dmin, d8_3, isum3, imin3);
        x0 += 144;
        a0 += Q8K_BLOCK_BYTES;
        a1 += Q8K_BLOCK_BYTES;
        a2 += Q8K_BLOCK_BYTES;
        a3 += Q8K_BLOCK_BYTES;
    }
    q4k_mv_store1(y + 0 * ldy, acc0);
    q4k_mv_store1(y + 1 * ldy, acc1);
    q4k_mv_store1(y + 2 * ldy, acc2);
    q4k_mv_store1(y + 3 * ldy, acc3);
}

/* 4 rows x 1 vector, sdot: y[v * ldy + r] for r < 4, v < 1. Not inlined: the
 * block loop is inside, so a call per tile costs nothing, and one copy
 * serves every variant and tail that uses the tile. */
static __attribute__((noinline)) void q4k_mv_sdot_r4_c1(const uint8_t *w, size_t n_bpr, const uint8_t *xq, float *y, size_t ldy)
{
    const size_t ws = n_bpr * 144, xs = n_bpr * Q8K_BLOCK_BYTES;
    const uint8x16_t m4 = vdupq_n_u8(0x0f);
    const int32x4_t z = vdupq_n_s32(0);
    /* tbl indices: sub-block j's scale of rows 0..3 (bytes j, 8 + j, 16 + j,
     * 24 + j of the rows' scale bytes), one int32 lane each */
    static const uint8_t scq_idx[8][16] = {
        {0, 255, 255, 255, 8, 255, 255, 255, 16, 255, 255, 255, 24, 255, 255, 255},
        {1, 255, 255, 255, 9, 255, 255, 255, 17, 255, 255, 255, 25, 255, 255, 255},
        {2, 255, 255, 255, 10, 255, 255, 255, 18, 255, 255, 255, 26, 255, 255, 255},
        {3, 255, 255, 255, 11, 255, 255, 255, 19, 255, 255, 255, 27, 255, 255, 255},
        {4, 255, 255, 255, 12, 255, 255, 255, 20, 255, 255, 255, 28, 255, 255, 255},
        {5, 255, 255, 255, 13, 255, 255, 255, 21, 255, 255, 255, 29, 255, 255, 255},
        {6, 255, 255, 255, 14, 255, 255, 255, 22, 255, 255, 255, 30, 255, 255, 255},
        {7, 255, 255, 255, 15, 255, 255, 255, 23, 255, 255, 255, 31, 255, 255, 255},
    };
    const uint8_t *x0 = w + 0 * ws;
    const uint8_t *x1 = w + 1 * ws;
    const uint8_t *x2 = w + 2 * ws;
    const uint8_t *x3 = w + 3 * ws;
    const uint8_t *a0 = xq + 0 * xs;
    float32x4_t acc0 = vdupq_n_f32(0.0f);
    for (size_t b = 0; b < n_bpr; b++) {
        float32x4_t d, dmin;
        uint32x4_t dm = vdupq_n_u32(q4k_mv_dm_word(x0));
        dm = vsetq_lane_u32(q4k_mv_dm_word(x1), dm, 1);
        dm = vsetq_lane_u32(q4k_mv_dm_word(x2), dm, 2);
        dm = vsetq_lane_u32(q4k_mv_dm_word(x3), dm, 3);
        q4k_mv_dmin4(dm, &d, &dmin);
        const q4k_mv_row rw0 = q4k_mv_row_load(x0);
        const q4k_mv_row rw1 = q4k_mv_row_load(x1);
        const q4k_mv_row rw2 = q4k_mv_row_load(x2);
        const q4k_mv_row rw3 = q4k_mv_row_load(x3);
        const float d8_0 = q4k_mv_d8(a0);
        const int16x8_t bs0 = q4k_mv_bsums(a0);
        const int32x4_t imin0 = vpaddq_s32(vpaddq_s32(q4k_mv_imin(rw0.m16, bs0), q4k_mv_imin(rw1.m16, bs0)), vpaddq_s32(q4k_mv_imin(rw2.m16, bs0), q4k_mv_imin(rw3.m16, bs0)));
        const uint8x16x2_t sctq = {{vcombine_u8(rw0.sc8, rw1.sc8), vcombine_u8(rw2.sc8, rw3.sc8)}};
        int32x4_t t0 = z;
        /* qs[0..31]: sub-blocks 0 (low nibbles) and 1 (high) */
        const uint8x16_t q0_0a = vld1q_u8(x0 + 16), q0_0b = vld1q_u8(x0 + 32);
        const uint8x16_t q1_0a = vld1q_u8(x1 + 16), q1_0b = vld1q_u8(x1 + 32);
        const uint8x16_t q2_0a = vld1q_u8(x2 + 16), q2_0b = vld1q_u8(x2 + 32);
        const uint8x16_t q3_0a = vld1q_u8(x3 + 16), q3_0b = vld1q_u8(x3 + 32);
        const int8x16_t y0_0a = vreinterpretq_s8_u8(vld1q_u8(a0 + 4));
        const int8x16_t y0_0b = vreinterpretq_s8_u8(vld1q_u8(a0 + 20));
        const int32x4_t scq_0 = vreinterpretq_s32_u8(vqtbl2q_u8(sctq, vld1q_u8(scq_idx[0])));
        const int8x16_t n0_0a = vreinterpretq_s8_u8(vandq_u8(q0_0a, m4));
        const int8x16_t n0_0b = vreinterpretq_s8_u8(vandq_u8(q0_0b, m4));
        const int8x16_t n1_0a = vreinterpretq_s8_u8(vandq_u8(q1_0a, m4));
        const int8x16_t n1_0b = vreinterpretq_s8_u8(vandq_u8(q1_0b, m4));
        const int8x16_t n2_0a = vreinterpretq_s8_u8(vandq_u8(q2_0a, m4));
        const int8x16_t n2_0b = vreinterpretq_s8_u8(vandq_u8(q2_0b, m4));
        const int8x16_t n3_0a = vreinterpretq_s8_u8(vandq_u8(q3_0a, m4));
        const int8x16_t n3_0b = vreinterpretq_s8_u8(vandq_u8(q3_0b, m4));
        t0 = vmlaq_s32(t0, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_0a, y0_0a), n0_0b, y0_0b), vdotq_s32(vdotq_s32(z, n1_0a, y0_0a), n1_0b, y0_0b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_0a, y0_0a), n2_0b, y0_0b), vdotq_s32(vdotq_s32(z, n3_0a, y0_0a), n3_0b, y0_0b))), scq_0);
        const int8x16_t y0_1a = vreinterpretq_s8_u8(vld1q_u8(a0 + 36));
        const int8x16_t y0_1b = vreinterpretq_s8_u8(vld1q_u8(a0 + 52));
        const int32x4_t scq_1 = vreinterpretq_s32_u8(vqtbl2q_u8(sctq, vld1q_u8(scq_idx[1])));
        const int8x16_t n0_1a = vreinterpretq_s8_u8(vshrq_n_u8(q0_0a, 4));
        const int8x16_t n0_1b = vreinterpretq_s8_u8(vshrq_n_u8(q0_0b, 4));
        const int8x16_t n1_1a = vreinterpretq_s8_u8(vshrq_n_u8(q1_0a, 4));
        const int8x16_t n1_1b = vreinterpretq_s8_u8(vshrq_n_u8(q1_0b, 4));
        const int8x16_t n2_1a = vreinterpretq_s8_u8(vshrq_n_u8(q2_0a, 4));
        const int8x16_t n2_1b = vreinterpretq_s8_u8(vshrq_n_u8(q2_0b, 4));
        const int8x16_t n3_1a = vreinterpretq_s8_u8(vshrq_n_u8(q3_0a, 4));
        const int8x16_t n3_1b = vreinterpretq_s8_u8(vshrq_n_u8(q3_0b, 4));
        t0 = vmlaq_s32(t0, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_1a, y0_1a), n0_1b, y0_1b), vdotq_s32(vdotq_s32(z, n1_1a, y0_1a), n1_1b, y0_1b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_1a, y0_1a), n2_1b, y0_1b), vdotq_s32(vdotq_s32(z, n3_1a, y0_1a), n3_1b, y0_1b))), scq_1);
        /* qs[32..63]: sub-blocks 2 (low nibbles) and 3 (high) */
        const uint8x16_t q0_1a = vld1q_u8(x0 + 48), q0_1b = vld1q_u8(x0 + 64);
        const uint8x16_t q1_1a = vld1q_u8(x1 + 48), q1_1b = vld1q_u8(x1 + 64);
        const uint8x16_t q2_1a = vld1q_u8(x2 + 48), q2_1b = vld1q_u8(x2 + 64);
        const uint8x16_t q3_1a = vld1q_u8(x3 + 48), q3_1b = vld1q_u8(x3 + 64);
        const int8x16_t y0_2a = vreinterpretq_s8_u8(vld1q_u8(a0 + 68));
        const int8x16_t y0_2b = vreinterpretq_s8_u8(vld1q_u8(a0 + 84));
        const int32x4_t scq_2 = vreinterpretq_s32_u8(vqtbl2q_u8(sctq, vld1q_u8(scq_idx[2])));
        const int8x16_t n0_2a = vreinterpretq_s8_u8(vandq_u8(q0_1a, m4));
        const int8x16_t n0_2b = vreinterpretq_s8_u8(vandq_u8(q0_1b, m4));
        const int8x16_t n1_2a = vreinterpretq_s8_u8(vandq_u8(q1_1a, m4));
        const int8x16_t n1_2b = vreinterpretq_s8_u8(vandq_u8(q1_1b, m4));
        const int8x16_t n2_2a = vreinterpretq_s8_u8(vandq_u8(q2_1a, m4));
        const int8x16_t n2_2b = vreinterpretq_s8_u8(vandq_u8(q2_1b, m4));
        const int8x16_t n3_2a = vreinterpretq_s8_u8(vandq_u8(q3_1a, m4));
        const int8x16_t n3_2b = vreinterpretq_s8_u8(vandq_u8(q3_1b, m4));
        t0 = vmlaq_s32(t0, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_2a, y0_2a), n0_2b, y0_2b), vdotq_s32(vdotq_s32(z, n1_2a, y0_2a), n1_2b, y0_2b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_2a, y0_2a), n2_2b, y0_2b), vdotq_s32(vdotq_s32(z, n3_2a, y0_2a), n3_2b, y0_2b))), scq_2);
        const int8x16_t y0_3a = vreinterpretq_s8_u8(vld1q_u8(a0 + 100));
        const int8x16_t y0_3b = vreinterpretq_s8_u8(vld1q_u8(a0 + 116));
        const int32x4_t scq_3 = vreinterpretq_s32_u8(vqtbl2q_u8(sctq, vld1q_u8(scq_idx[3])));
        const int8x16_t n0_3a = vreinterpretq_s8_u8(vshrq_n_u8(q0_1a, 4));
        const int8x16_t n0_3b = vreinterpretq_s8_u8(vshrq_n_u8(q0_1b, 4));
        const int8x16_t n1_3a = vreinterpretq_s8_u8(vshrq_n_u8(q1_1a, 4));
        const int8x16_t n1_3b = vreinterpretq_s8_u8(vshrq_n_u8(q1_1b, 4));
        const int8x16_t n2_3a = vreinterpretq_s8_u8(vshrq_n_u8(q2_1a, 4));
        const int8x16_t n2_3b = vreinterpretq_s8_u8(vshrq_n_u8(q2_1b, 4));
        const int8x16_t n3_3a = vreinterpretq_s8_u8(vshrq_n_u8(q3_1a, 4));
        const int8x16_t n3_3b = vreinterpretq_s8_u8(vshrq_n_u8(q3_1b, 4));
        t0 = vmlaq_s32(t0, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_3a, y0_3a), n0_3b, y0_3b), vdotq_s32(vdotq_s32(z, n1_3a, y0_3a), n1_3b, y0_3b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_3a, y0_3a), n2_3b, y0_3b), vdotq_s32(vdotq_s32(z, n3_3a, y0_3a), n3_3b, y0_3b))), scq_3);
        /* qs[64..95]: sub-blocks 4 (low nibbles) and 5 (high) */
        const uint8x16_t q0_2a = vld1q_u8(x0 + 80), q0_2b = vld1q_u8(x0 + 96);
        const uint8x16_t q1_2a = vld1q_u8(x1 + 80), q1_2b = vld1q_u8(x1 + 96);
        const uint8x16_t q2_2a = vld1q_u8(x2 + 80), q2_2b = vld1q_u8(x2 + 96);
        const uint8x16_t q3_2a = vld1q_u8(x3 + 80), q3_2b = vld1q_u8(x3 + 96);
        const int8x16_t y0_4a = vreinterpretq_s8_u8(vld1q_u8(a0 + 132));
        const int8x16_t y0_4b = vreinterpretq_s8_u8(vld1q_u8(a0 + 148));
        const int32x4_t scq_4 = vreinterpretq_s32_u8(vqtbl2q_u8(sctq, vld1q_u8(scq_idx[4])));
        const int8x16_t n0_4a = vreinterpretq_s8_u8(vandq_u8(q0_2a, m4));
        const int8x16_t n0_4b = vreinterpretq_s8_u8(vandq_u8(q0_2b, m4));
        const int8x16_t n1_4a = vreinterpretq_s8_u8(vandq_u8(q1_2a, m4));
        const int8x16_t n1_4b = vreinterpretq_s8_u8(vandq_u8(q1_2b, m4));
        const int8x16_t n2_4a = vreinterpretq_s8_u8(vandq_u8(q2_2a, m4));
        const int8x16_t n2_4b = vreinterpretq_s8_u8(vandq_u8(q2_2b, m4));
        const int8x16_t n3_4a = vreinterpretq_s8_u8(vandq_u8(q3_2a, m4));
        const int8x16_t n3_4b = vreinterpretq_s8_u8(vandq_u8(q3_2b, m4));
        t0 = vmlaq_s32(t0, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_4a, y0_4a), n0_4b, y0_4b), vdotq_s32(vdotq_s32(z, n1_4a, y0_4a), n1_4b, y0_4b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_4a, y0_4a), n2_4b, y0_4b), vdotq_s32(vdotq_s32(z, n3_4a, y0_4a), n3_4b, y0_4b))), scq_4);
        const int8x16_t y0_5a = vreinterpretq_s8_u8(vld1q_u8(a0 + 164));
        const int8x16_t y0_5b = vreinterpretq_s8_u8(vld1q_u8(a0 + 180));
        const int32x4_t scq_5 = vreinterpretq_s32_u8(vqtbl2q_u8(sctq, vld1q_u8(scq_idx[5])));
        const int8x16_t n0_5a = vreinterpretq_s8_u8(vshrq_n_u8(q0_2a, 4));
        const int8x16_t n0_5b = vreinterpretq_s8_u8(vshrq_n_u8(q0_2b, 4));
        const int8x16_t n1_5a = vreinterpretq_s8_u8(vshrq_n_u8(q1_2a, 4));
        const int8x16_t n1_5b = vreinterpretq_s8_u8(vshrq_n_u8(q1_2b, 4));
        const int8x16_t n2_5a = vreinterpretq_s8_u8(vshrq_n_u8(q2_2a, 4));
        const int8x16_t n2_5b = vreinterpretq_s8_u8(vshrq_n_u8(q2_2b, 4));
        const int8x16_t n3_5a = vreinterpretq_s8_u8(vshrq_n_u8(q3_2a, 4));
        const int8x16_t n3_5b = vreinterpretq_s8_u8(vshrq_n_u8(q3_2b, 4));
        t0 = vmlaq_s32(t0, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_5a, y0_5a), n0_5b, y0_5b), vdotq_s32(vdotq_s32(z, n1_5a, y0_5a), n1_5b, y0_5b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_5a, y0_5a), n2_5b, y0_5b), vdotq_s32(vdotq_s32(z, n3_5a, y0_5a), n3_5b, y0_5b))), scq_5);
        /* qs[96..127]: sub-blocks 6 (low nibbles) and 7 (high) */
        const uint8x16_t q0_3a = vld1q_u8(x0 + 112), q0_3b = vld1q_u8(x0 + 128);
        const uint8x16_t q1_3a = vld1q_u8(x1 + 112), q1_3b = vld1q_u8(x1 + 128);
        const uint8x16_t q2_3a = vld1q_u8(x2 + 112), q2_3b = vld1q_u8(x2 + 128);
        const uint8x16_t q3_3a = vld1q_u8(x3 + 112), q3_3b = vld1q_u8(x3 + 128);
        const int8x16_t y0_6a = vreinterpretq_s8_u8(vld1q_u8(a0 + 196));
        const int8x16_t y0_6b = vreinterpretq_s8_u8(vld1q_u8(a0 + 212));
        const int32x4_t scq_6 = vreinterpretq_s32_u8(vqtbl2q_u8(sctq, vld1q_u8(scq_idx[6])));
        const int8x16_t n0_6a = vreinterpretq_s8_u8(vandq_u8(q0_3a, m4));
        const int8x16_t n0_6b = vreinterpretq_s8_u8(vandq_u8(q0_3b, m4));
        const int8x16_t n1_6a = vreinterpretq_s8_u8(vandq_u8(q1_3a, m4));
        const int8x16_t n1_6b = vreinterpretq_s8_u8(vandq_u8(q1_3b, m4));
        const int8x16_t n2_6a = vreinterpretq_s8_u8(vandq_u8(q2_3a, m4));
        const int8x16_t n2_6b = vreinterpretq_s8_u8(vandq_u8(q2_3b, m4));
        const int8x16_t n3_6a = vreinterpretq_s8_u8(vandq_u8(q3_3a, m4));
        const int8x16_t n3_6b = vreinterpretq_s8_u8(vandq_u8(q3_3b, m4));
        t0 = vmlaq_s32(t0, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_6a, y0_6a), n0_6b, y0_6b), vdotq_s32(vdotq_s32(z, n1_6a, y0_6a), n1_6b, y0_6b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_6a, y0_6a), n2_6b, y0_6b), vdotq_s32(vdotq_s32(z, n3_6a, y0_6a), n3_6b, y0_6b))), scq_6);
        const int8x16_t y0_7a = vreinterpretq_s8_u8(vld1q_u8(a0 + 228));
        const int8x16_t y0_7b = vreinterpretq_s8_u8(vld1q_u8(a0 + 244));
        const int32x4_t scq_7 = vreinterpretq_s32_u8(vqtbl2q_u8(sctq, vld1q_u8(scq_idx[7])));
        const int8x16_t n0_7a = vreinterpretq_s8_u8(vshrq_n_u8(q0_3a, 4));
        const int8x16_t n0_7b = vreinterpretq_s8_u8(vshrq_n_u8(q0_3b, 4));
        const int8x16_t n1_7a = vreinterpretq_s8_u8(vshrq_n_u8(q1_3a, 4));
        const int8x16_t n1_7b = vreinterpretq_s8_u8(vshrq_n_u8(q1_3b, 4));
        const int8x16_t n2_7a = vreinterpretq_s8_u8(vshrq_n_u8(q2_3a, 4));
        const int8x16_t n2_7b = vreinterpretq_s8_u8(vshrq_n_u8(q2_3b, 4));
        const int8x16_t n3_7a = vreinterpretq_s8_u8(vshrq_n_u8(q3_3a, 4));
        const int8x16_t n3_7b = vreinterpretq_s8_u8(vshrq_n_u8(q3_3b, 4));
        t0 = vmlaq_s32(t0, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_7a, y0_7a), n0_7b, y0_7b), vdotq_s32(vdotq_s32(z, n1_7a, y0_7a), n1_7b, y0_7b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_7a, y0_7a), n2_7b, y0_7b), vdotq_s32(vdotq_s32(z, n3_7a, y0_7a), n3_7b, y0_7b))), scq_7);
        const int32x4_t isum0 = t0;
        acc0 = q4k_mv_fstep(acc0, d, dmin, d8_0, isum0, imin0);
        x0 += 144;
        x1 += 144;
        x2 += 144;
        x3 += 144;
        a0 += Q8K_BLOCK_BYTES;
    }
    q4k_mv_store4(y + 0 * ldy, acc0);
}

/* 2 rows x 1 vector, sdot: y[v * ldy + r] for r < 2, v < 1. Not inlined: the
 * block loop is inside, so a call per tile costs nothing, and one copy
 * serves every variant and tail that uses the tile. */
static __attribute__((noinline)) void q4k_mv_sdot_r2_c1(const uint8_t *w, size_t n_bpr, const uint8_t *xq, float *y, size_t ldy)
{
    const size_t ws = n_bpr * 144, xs = n_bpr * Q8K_BLOCK_BYTES;
    const uint8x16_t m4 = vdupq_n_u8(0x0f);
    const int32x4_t z = vdupq_n_s32(0);
    const uint8_t *x0 = w + 0 * ws;
    const uint8_t *x1 = w + 1 * ws;
    const uint8_t *a0 = xq + 0 * xs;
    float32x4_t acc0 = vdupq_n_f32(0.0f);
    for (size_t b = 0; b < n_bpr; b++) {
        float32x4_t d, dmin;
        q4k_mv_dmin2(vset_lane_u32(q4k_mv_dm_word(x1), vdup_n_u32(q4k_mv_dm_word(x0)), 1), &d, &dmin);
        const q4k_mv_row rw0 = q4k_mv_row_load(x0);
        const q4k_mv_row rw1 = q4k_mv_row_load(x1);
        const float d8_0 = q4k_mv_d8(a0);
        const int16x8_t bs0 = q4k_mv_bsums(a0);
        const int32x4_t imin0_h = vpaddq_s32(q4k_mv_imin(rw0.m16, bs0), q4k_mv_imin(rw1.m16, bs0));
        const int32x4_t imin0 = vpaddq_s32(imin0_h, imin0_h);
        int32x4_t t00 = vdupq_n_s32(0);
        int32x4_t t10 = vdupq_n_s32(0);
        /* qs[0..31]: sub-blocks 0 (low nibbles) and 1 (high) */
        const uint8x16_t q0_0a = vld1q_u8(x0 + 16), q0_0b = vld1q_u8(x0 + 32);
        const uint8x16_t q1_0a = vld1q_u8(x1 + 16), q1_0b = vld1q_u8(x1 + 32);
        const int8x16_t y0_0a = vreinterpretq_s8_u8(vld1q_u8(a0 + 4));
        const int8x16_t y0_0b = vreinterpretq_s8_u8(vld1q_u8(a0 + 20));
        const int8x16_t n0_0a = vreinterpretq_s8_u8(vandq_u8(q0_0a, m4));
        const int8x16_t n0_0b = vreinterpretq_s8_u8(vandq_u8(q0_0b, m4));
        t00 = vmlaq_laneq_s32(t00, vdotq_s32(vdotq_s32(z, n0_0a, y0_0a), n0_0b, y0_0b), rw0.sc_lo, 0);
        const int8x16_t n1_0a = vreinterpretq_s8_u8(vandq_u8(q1_0a, m4));
        const int8x16_t n1_0b = vreinterpretq_s8_u8(vandq_u8(q1_0b, m4));
        t10 = vmlaq_laneq_s32(t10, vdotq_s32(vdotq_s32(z, n1_0a, y0_0a), n1_0b, y0_0b), rw1.sc_lo, 0);
        const int8x16_t y0_1a = vreinterpretq_s8_u8(vld1q_u8(a0 + 36));
        const int8x16_t y0_1b = vreinterpretq_s8_u8(vld1q_u8(a0 + 52));
        const int8x16_t n0_1a = vreinterpretq_s8_u8(vshrq_n_u8(q0_0a, 4));
        const int8x16_t n0_1b = vreinterpretq_s8_u8(vshrq_n_u8(q0_0b, 4));
        t00 = vmlaq_laneq_s32(t00, vdotq_s32(vdotq_s32(z, n0_1a, y0_1a), n0_1b, y0_1b), rw0.sc_lo, 1);
        const int8x16_t n1_1a = vreinterpretq_s8_u8(vshrq_n_u8(q1_0a, 4));
        const int8x16_t n1_1b = vreinterpretq_s8_u8(vshrq_n_u8(q1_0b, 4));
        t10 = vmlaq_laneq_s32(t10, vdotq_s32(vdotq_s32(z, n1_1a, y0_1a), n1_1b, y0_1b), rw1.sc_lo, 1);
        /* qs[32..63]: sub-blocks 2 (low nibbles) and 3 (high) */
        const uint8x16_t q0_1a = vld1q_u8(x0 + 48), q0_1b = vld1q_u8(x0 + 64);
        const uint8x16_t q1_1a = vld1q_u8(x1 + 48), q1_1b = vld1q_u8(x1 + 64);
        const int8x16_t y0_2a = vreinterpretq_s8_u8(vld1q_u8(a0 + 68));
        const int8x16_t y0_2b = vreinterpretq_s8_u8(vld1q_u8(a0 + 84));
        const int8x16_t n0_2a = vreinterpretq_s8_u8(vandq_u8(q0_1a, m4));
        const int8x16_t n0_2b = vreinterpretq_s8_u8(vandq_u8(q0_1b, m4));
        t00 = vmlaq_laneq_s32(t00, vdotq_s32(vdotq_s32(z, n0_2a, y0_2a), n0_2b, y0_2b), rw0.sc_lo, 2);
        const int8x16_t n1_2a = vreinterpretq_s8_u8(vandq_u8(q1_1a, m4));
        const int8x16_t n1_2b = vreinterpretq_s8_u8(vandq_u8(q1_1b, m4));
        t10 = vmlaq_laneq_s32(t10, vdotq_s32(vdotq_s32(z, n1_2a, y0_2a), n1_2b, y0_2b), rw1.sc_lo, 2);
        const int8x16_t y0_3a = vreinterpretq_s8_u8(vld1q_u8(a0 + 100));
        const int8x16_t y0_3b = vreinterpretq_s8_u8(vld1q_u8(a0 + 116));
        const int8x16_t n0_3a = vreinterpretq_s8_u8(vshrq_n_u8(q0_1a, 4));
        const int8x16_t n0_3b = vreinterpretq_s8_u8(vshrq_n_u8(q0_1b, 4));
        t00 = vmlaq_laneq_s32(t00, vdotq_s32(vdotq_s32(z, n0_3a, y0_3a), n0_3b, y0_3b), rw0.sc_lo, 3);
        const int8x16_t n1_3a = vreinterpretq_s8_u8(vshrq_n_u8(q1_1a, 4));
        const int8x16_t n1_3b = vreinterpretq_s8_u8(vshrq_n_u8(q1_1b, 4));
        t10 = vmlaq_laneq_s32(t10, vdotq_s32(vdotq_s32(z, n1_3a, y0_3a), n1_3b, y0_3b), rw1.sc_lo, 3);
        /* qs[64..95]: sub-blocks 4 (low nibbles) and 5 (high) */
        const uint8x16_t q0_2a = vld1q_u8(x0 + 80), q0_2b = vld1q_u8(x0 + 96);
        const uint8x16_t q1_2a = vld1q_u8(x1 + 80), q1_2b = vld1q_u8(x1 + 96);
        const int8x16_t y0_4a = vreinterpretq_s8_u8(vld1q_u8(a0 + 132));
        const int8x16_t y0_4b = vreinterpretq_s8_u8(vld1q_u8(a0 + 148));
        const int8x16_t n0_4a = vreinterpretq_s8_u8(vandq_u8(q0_2a, m4));
        const int8x16_t n0_4b = vreinterpretq_s8_u8(vandq_u8(q0_2b, m4));
        t00 = vmlaq_laneq_s32(t00, vdotq_s32(vdotq_s32(z, n0_4a, y0_4a), n0_4b, y0_4b), rw0.sc_hi, 0);
        const int8x16_t n1_4a = vreinterpretq_s8_u8(vandq_u8(q1_2a, m4));
        const int8x16_t n1_4b = vreinterpretq_s8_u8(vandq_u8(q1_2b, m4));
        t10 = vmlaq_laneq_s32(t10, vdotq_s32(vdotq_s32(z, n1_4a, y0_4a), n1_4b, y0_4b), rw1.sc_hi, 0);
        const int8x16_t y0_5a = vreinterpretq_s8_u8(vld1q_u8(a0 + 164));
        const int8x16_t y0_5b = vreinterpretq_s8_u8(vld1q_u8(a0 + 180));
        const int8x16_t n0_5a = vreinterpretq_s8_u8(vshrq_n_u8(q0_2a, 4));
        const int8x16_t n0_5b = vreinterpretq_s8_u8(vshrq_n_u8(q0_2b, 4));
        t00 = vmlaq_laneq_s32(t00, vdotq_s32(vdotq_s32(z, n0_5a, y0_5a), n0_5b, y0_5b), rw0.sc_hi, 1);
        const int8x16_t n1_5a = vreinterpretq_s8_u8(vshrq_n_u8(q1_2a, 4));
        const int8x16_t n1_5b = vreinterpretq_s8_u8(vshrq_n_u8(q1_2b, 4));
        t10 = vmlaq_laneq_s32(t10, vdotq_s32(vdotq_s32(z, n1_5a, y0_5a), n1_5b, y0_5b), rw1.sc_hi, 1);
        /* qs[96..127]: sub-blocks 6 (low nibbles) and 7 (high) */
        const uint8x16_t q0_3a = vld1q_u8(x0 + 112), q0_3b = vld1q_u8(x0 + 128);
        const uint8x16_t q1_3a = vld1q_u8(x1 + 112), q1_3b = vld1q_u8(x1 + 128);
        const int8x16_t y0_6a = vreinterpretq_s8_u8(vld1q_u8(a0 + 196));
        const int8x16_t y0_6b = vreinterpretq_s8_u8(vld1q_u8(a0 + 212));
        const int8x16_t n0_6a = vreinterpretq_s8_u8(vandq_u8(q0_3a, m4));
        const int8x16_t n0_6b = vreinterpretq_s8_u8(vandq_u8(q0_3b, m4));
        t00 = vmlaq_laneq_s32(t00, vdotq_s32(vdotq_s32(z, n0_6a, y0_6a), n0_6b, y0_6b), rw0.sc_hi, 2);
        const int8x16_t n1_6a = vreinterpretq_s8_u8(vandq_u8(q1_3a, m4));
        const int8x16_t n1_6b = vreinterpretq_s8_u8(vandq_u8(q1_3b, m4));
        t10 = vmlaq_laneq_s32(t10, vdotq_s32(vdotq_s32(z, n1_6a, y0_6a), n1_6b, y0_6b), rw1.sc_hi, 2);
        const int8x16_t y0_7a = vreinterpretq_s8_u8(vld1q_u8(a0 + 228));
        const int8x16_t y0_7b = vreinterpretq_s8_u8(vld1q_u8(a0 + 244));
        const int8x16_t n0_7a = vreinterpretq_s8_u8(vshrq_n_u8(q0_3a, 4));
        const int8x16_t n0_7b = vreinterpretq_s8_u8(vshrq_n_u8(q0_3b, 4));
        t00 = vmlaq_laneq_s32(t00, vdotq_s32(vdotq_s32(z, n0_7a, y0_7a), n0_7b, y0_7b), rw0.sc_hi, 3);
        const int8x16_t n1_7a = vreinterpretq_s8_u8(vshrq_n_u8(q1_3a, 4));
        const int8x16_t n1_7b = vreinterpretq_s8_u8(vshrq_n_u8(q1_3b, 4));
        t10 = vmlaq_laneq_s32(t10, vdotq_s32(vdotq_s32(z, n1_7a, y0_7a), n1_7b, y0_7b), rw1.sc_hi, 3);
        const int32x4_t isum0_h = vpaddq_s32(t00, t10);
        const int32x4_t isum0 = vpaddq_s32(isum0_h, isum0_h);
        acc0 = q4k_mv_fstep(acc0, d, dmin, d8_0, isum0, imin0);
        x0 += 144;
        x1 += 144;
        a0 += Q8K_BLOCK_BYTES;
    }
    q4k_mv_store2(y + 0 * ldy, acc0);
}

/* 4 rows x 1 vector, sdot, packed weights (w: the tile's first group): y[v * ldy + r] for r < 4, v < 1. Not inlined: the
 * block loop is inside, so a call per tile costs nothing, and one copy
 * serves every variant and tail that uses the tile. */
static __attribute__((noinline)) void q4k_mv_sdot_r4_c1_packed(const uint8_t *w, size_t n_bpr, const uint8_t *xq, float *y, size_t ldy)
{
    const size_t xs = n_bpr * Q8K_BLOCK_BYTES;
    const uint8x16_t m4 = vdupq_n_u8(0x0f);
    const int32x4_t z = vdupq_n_s32(0);
    /* tbl indices: sub-block j's scale of rows 0..3 (bytes j, 8 + j, 16 + j,
     * 24 + j of the rows' scale bytes), one int32 lane each */
    static const uint8_t scq_idx[8][16] = {
        {0, 255, 255, 255, 8, 255, 255, 255, 16, 255, 255, 255, 24, 255, 255, 255},
        {1, 255, 255, 255, 9, 255, 255, 255, 17, 255, 255, 255, 25, 255, 255, 255},
        {2, 255, 255, 255, 10, 255, 255, 255, 18, 255, 255, 255, 26, 255, 255, 255},
        {3, 255, 255, 255, 11, 255, 255, 255, 19, 255, 255, 255, 27, 255, 255, 255},
        {4, 255, 255, 255, 12, 255, 255, 255, 20, 255, 255, 255, 28, 255, 255, 255},
        {5, 255, 255, 255, 13, 255, 255, 255, 21, 255, 255, 255, 29, 255, 255, 255},
        {6, 255, 255, 255, 14, 255, 255, 255, 22, 255, 255, 255, 30, 255, 255, 255},
        {7, 255, 255, 255, 15, 255, 255, 255, 23, 255, 255, 255, 31, 255, 255, 255},
    };
    const uint8_t *x = w;
    const uint8_t *a0 = xq + 0 * xs;
    float32x4_t acc0 = vdupq_n_f32(0.0f);
    for (size_t b = 0; b < n_bpr; b++) {
        float32x4_t d, dmin;
        /* d[0..3] dmin[0..3]: 8 fp16 as stored */
        const float16x8_t dmh = vreinterpretq_f16_u8(vld1q_u8(x));
        d = vcvt_f32_f16(vget_low_f16(dmh));
        dmin = vcvt_high_f32_f16(dmh);
        const int16x8_t m16_0 = vreinterpretq_s16_u16(vmovl_u8(vld1_u8(x + q4k_packed_off_m(4) + 0)));
        const int16x8_t m16_1 = vreinterpretq_s16_u16(vmovl_u8(vld1_u8(x + q4k_packed_off_m(4) + 8)));
        const int16x8_t m16_2 = vreinterpretq_s16_u16(vmovl_u8(vld1_u8(x + q4k_packed_off_m(4) + 16)));
        const int16x8_t m16_3 = vreinterpretq_s16_u16(vmovl_u8(vld1_u8(x + q4k_packed_off_m(4) + 24)));
        const float d8_0 = q4k_mv_d8(a0);
        const int16x8_t bs0 = q4k_mv_bsums(a0);
        const int32x4_t imin0 = vpaddq_s32(vpaddq_s32(q4k_mv_imin(m16_0, bs0), q4k_mv_imin(m16_1, bs0)), vpaddq_s32(q4k_mv_imin(m16_2, bs0), q4k_mv_imin(m16_3, bs0)));
        const uint8x16x2_t sctq = {{vld1q_u8(x + q4k_packed_off_sc(4)), vld1q_u8(x + q4k_packed_off_sc(4) + 16)}};
        int32x4_t t0 = z;
        /* qs[0..31]: sub-blocks 0 (low nibbles) and 1 (high) */
        const uint8x16_t q0_0a = vld1q_u8(x + q4k_packed_off_qs(4) + 0), q0_0b = vld1q_u8(x + q4k_packed_off_qs(4) + 16);
        const uint8x16_t q1_0a = vld1q_u8(x + q4k_packed_off_qs(4) + 128), q1_0b = vld1q_u8(x + q4k_packed_off_qs(4) + 144);
        const uint8x16_t q2_0a = vld1q_u8(x + q4k_packed_off_qs(4) + 256), q2_0b = vld1q_u8(x + q4k_packed_off_qs(4) + 272);
        const uint8x16_t q3_0a = vld1q_u8(x + q4k_packed_off_qs(4) + 384), q3_0b = vld1q_u8(x + q4k_packed_off_qs(4) + 400);
        const int8x16_t y0_0a = vreinterpretq_s8_u8(vld1q_u8(a0 + 4));
        const int8x16_t y0_0b = vreinterpretq_s8_u8(vld1q_u8(a0 + 20));
        const int32x4_t scq_0 = vreinterpretq_s32_u8(vqtbl2q_u8(sctq, vld1q_u8(scq_idx[0])));
        const int8x16_t n0_0a = vreinterpretq_s8_u8(vandq_u8(q0_0a, m4));
        const int8x16_t n0_0b = vreinterpretq_s8_u8(vandq_u8(q0_0b, m4));
        const int8x16_t n1_0a = vreinterpretq_s8_u8(vandq_u8(q1_0a, m4));
        const int8x16_t n1_0b = vreinterpretq_s8_u8(vandq_u8(q1_0b, m4));
        const int8x16_t n2_0a = vreinterpretq_s8_u8(vandq_u8(q2_0a, m4));
        const int8x16_t n2_0b = vreinterpretq_s8_u8(vandq_u8(q2_0b, m4));
        const int8x16_t n3_0a = vreinterpretq_s8_u8(vandq_u8(q3_0a, m4));
        const int8x16_t n3_0b = vreinterpretq_s8_u8(vandq_u8(q3_0b, m4));
        t0 = vmlaq_s32(t0, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_0a, y0_0a), n0_0b, y0_0b), vdotq_s32(vdotq_s32(z, n1_0a, y0_0a), n1_0b, y0_0b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_0a, y0_0a), n2_0b, y0_0b), vdotq_s32(vdotq_s32(z, n3_0a, y0_0a), n3_0b, y0_0b))), scq_0);
        const int8x16_t y0_1a = vreinterpretq_s8_u8(vld1q_u8(a0 + 36));
        const int8x16_t y0_1b = vreinterpretq_s8_u8(vld1q_u8(a0 + 52));
        const int32x4_t scq_1 = vreinterpretq_s32_u8(vqtbl2q_u8(sctq, vld1q_u8(scq_idx[1])));
        const int8x16_t n0_1a = vreinterpretq_s8_u8(vshrq_n_u8(q0_0a, 4));
        const int8x16_t n0_1b = vreinterpretq_s8_u8(vshrq_n_u8(q0_0b, 4));
        const int8x16_t n1_1a = vreinterpretq_s8_u8(vshrq_n_u8(q1_0a, 4));
        const int8x16_t n1_1b = vreinterpretq_s8_u8(vshrq_n_u8(q1_0b, 4));
        const int8x16_t n2_1a = vreinterpretq_s8_u8(vshrq_n_u8(q2_0a, 4));
        const int8x16_t n2_1b = vreinterpretq_s8_u8(vshrq_n_u8(q2_0b, 4));
        const int8x16_t n3_1a = vreinterpretq_s8_u8(vshrq_n_u8(q3_0a, 4));
        const int8x16_t n3_1b = vreinterpretq_s8_u8(vshrq_n_u8(q3_0b, 4));
        t0 = vmlaq_s32(t0, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_1a, y0_1a), n0_1b, y0_1b), vdotq_s32(vdotq_s32(z, n1_1a, y0_1a), n1_1b, y0_1b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_1a, y0_1a), n2_1b, y0_1b), vdotq_s32(vdotq_s32(z, n3_1a, y0_1a), n3_1b, y0_1b))), scq_1);
        /* qs[32..63]: sub-blocks 2 (low nibbles) and 3 (high) */
        const uint8x16_t q0_1a = vld1q_u8(x + q4k_packed_off_qs(4) + 32), q0_1b = vld1q_u8(x + q4k_packed_off_qs(4) + 48);
        const uint8x16_t q1_1a = vld1q_u8(x + q4k_packed_off_qs(4) + 160), q1_1b = vld1q_u8(x + q4k_packed_off_qs(4) + 176);
        const uint8x16_t q2_1a = vld1q_u8(x + q4k_packed_off_qs(4) + 288), q2_1b = vld1q_u8(x + q4k_packed_off_qs(4) + 304);
        const uint8x16_t q3_1a = vld1q_u8(x + q4k_packed_off_qs(4) + 416), q3_1b = vld1q_u8(x + q4k_packed_off_qs(4) + 432);
        const int8x16_t y0_2a = vreinterpretq_s8_u8(vld1q_u8(a0 + 68));
        const int8x16_t y0_2b = vreinterpretq_s8_u8(vld1q_u8(a0 + 84));
        const int32x4_t scq_2 = vreinterpretq_s32_u8(vqtbl2q_u8(sctq, vld1q_u8(scq_idx[2])));
        const int8x16_t n0_2a = vreinterpretq_s8_u8(vandq_u8(q0_1a, m4));
        const int8x16_t n0_2b = vreinterpretq_s8_u8(vandq_u8(q0_1b, m4));
        const int8x16_t n1_2a = vreinterpretq_s8_u8(vandq_u8(q1_1a, m4));
        const int8x16_t n1_2b = vreinterpretq_s8_u8(vandq_u8(q1_1b, m4));
        const int8x16_t n2_2a = vreinterpretq_s8_u8(vandq_u8(q2_1a, m4));
        const int8x16_t n2_2b = vreinterpretq_s8_u8(vandq_u8(q2_1b, m4));
        const int8x16_t n3_2a = vreinterpretq_s8_u8(vandq_u8(q3_1a, m4));
        const int8x16_t n3_2b = vreinterpretq_s8_u8(vandq_u8(q3_1b, m4));
        t0 = vmlaq_s32(t0, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_2a, y0_2a), n0_2b, y0_2b), vdotq_s32(vdotq_s32(z, n1_2a, y0_2a), n1_2b, y0_2b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_2a, y0_2a), n2_2b, y0_2b), vdotq_s32(vdotq_s32(z, n3_2a, y0_2a), n3_2b, y0_2b))), scq_2);
        const int8x16_t y0_3a = vreinterpretq_s8_u8(vld1q_u8(a0 + 100));
        const int8x16_t y0_3b = vreinterpretq_s8_u8(vld1q_u8(a0 + 116));
        const int32x4_t scq_3 = vreinterpretq_s32_u8(vqtbl2q_u8(sctq, vld1q_u8(scq_idx[3])));
        const int8x16_t n0_3a = vreinterpretq_s8_u8(vshrq_n_u8(q0_1a, 4));
        const int8x16_t n0_3b = vreinterpretq_s8_u8(vshrq_n_u8(q0_1b, 4));
        const int8x16_t n1_3a = vreinterpretq_s8_u8(vshrq_n_u8(q1_1a, 4));
        const int8x16_t n1_3b = vreinterpretq_s8_u8(vshrq_n_u8(q1_1b, 4));
        const int8x16_t n2_3a = vreinterpretq_s8_u8(vshrq_n_u8(q2_1a, 4));
        const int8x16_t n2_3b = vreinterpretq_s8_u8(vshrq_n_u8(q2_1b, 4));
        const int8x16_t n3_3a = vreinterpretq_s8_u8(vshrq_n_u8(q3_1a, 4));
        const int8x16_t n3_3b = vreinterpretq_s8_u8(vshrq_n_u8(q3_1b, 4));
        t0 = vmlaq_s32(t0, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_3a, y0_3a), n0_3b, y0_3b), vdotq_s32(vdotq_s32(z, n1_3a, y0_3a), n1_3b, y0_3b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_3a, y0_3a), n2_3b, y0_3b), vdotq_s32(vdotq_s32(z, n3_3a, y0_3a), n3_3b, y0_3b))), scq_3);
        /* qs[64..95]: sub-blocks 4 (low nibbles) and 5 (high) */
        const uint8x16_t q0_2a = vld1q_u8(x + q4k_packed_off_qs(4) + 64), q0_2b = vld1q_u8(x + q4k_packed_off_qs(4) + 80);
        const uint8x16_t q1_2a = vld1q_u8(x + q4k_packed_off_qs(4) + 192), q1_2b = vld1q_u8(x + q4k_packed_off_qs(4) + 208);
        const uint8x16_t q2_2a = vld1q_u8(x + q4k_packed_off_qs(4) + 320), q2_2b = vld1q_u8(x + q4k_packed_off_qs(4) + 336);
        const uint8x16_t q3_2a = vld1q_u8(x + q4k_packed_off_qs(4) + 448), q3_2b = vld1q_u8(x + q4k_packed_off_qs(4) + 464);
        const int8x16_t y0_4a = vreinterpretq_s8_u8(vld1q_u8(a0 + 132));
        const int8x16_t y0_4b = vreinterpretq_s8_u8(vld1q_u8(a0 + 148));
        const int32x4_t scq_4 = vreinterpretq_s32_u8(vqtbl2q_u8(sctq, vld1q_u8(scq_idx[4])));
        const int8x16_t n0_4a = vreinterpretq_s8_u8(vandq_u8(q0_2a, m4));
        const int8x16_t n0_4b = vreinterpretq_s8_u8(vandq_u8(q0_2b, m4));
        const int8x16_t n1_4a = vreinterpretq_s8_u8(vandq_u8(q1_2a, m4));
        const int8x16_t n1_4b = vreinterpretq_s8_u8(vandq_u8(q1_2b, m4));
        const int8x16_t n2_4a = vreinterpretq_s8_u8(vandq_u8(q2_2a, m4));
        const int8x16_t n2_4b = vreinterpretq_s8_u8(vandq_u8(q2_2b, m4));
        const int8x16_t n3_4a = vreinterpretq_s8_u8(vandq_u8(q3_2a, m4));
        const int8x16_t n3_4b = vreinterpretq_s8_u8(vandq_u8(q3_2b, m4));
        t0 = vmlaq_s32(t0, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_4a, y0_4a), n0_4b, y0_4b), vdotq_s32(vdotq_s32(z, n1_4a, y0_4a), n1_4b, y0_4b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_4a, y0_4a), n2_4b, y0_4b), vdotq_s32(vdotq_s32(z, n3_4a, y0_4a), n3_4b, y0_4b))), scq_4);
        const int8x16_t y0_5a = vreinterpretq_s8_u8(vld1q_u8(a0 + 164));
        const int8x16_t y0_5b = vreinterpretq_s8_u8(vld1q_u8(a0 + 180));
        const int32x4_t scq_5 = vreinterpretq_s32_u8(vqtbl2q_u8(sctq, vld1q_u8(scq_idx[5])));
        const int8x16_t n0_5a = vreinterpretq_s8_u8(vshrq_n_u8(q0_2a, 4));
        const int8x16_t n0_5b = vreinterpretq_s8_u8(vshrq_n_u8(q0_2b, 4));
        const int8x16_t n1_5a = vreinterpretq_s8_u8(vshrq_n_u8(q1_2a, 4));
        const int8x16_t n1_5b = vreinterpretq_s8_u8(vshrq_n_u8(q1_2b, 4));
        const int8x16_t n2_5a = vreinterpretq_s8_u8(vshrq_n_u8(q2_2a, 4));
        const int8x16_t n2_5b = vreinterpretq_s8_u8(vshrq_n_u8(q2_2b, 4));
        const int8x16_t n3_5a = vreinterpretq_s8_u8(vshrq_n_u8(q3_2a, 4));
        const int8x16_t n3_5b = vreinterpretq_s8_u8(vshrq_n_u8(q3_2b, 4));
        t0 = vmlaq_s32(t0, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_5a, y0_5a), n0_5b, y0_5b), vdotq_s32(vdotq_s32(z, n1_5a, y0_5a), n1_5b, y0_5b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_5a, y0_5a), n2_5b, y0_5b), vdotq_s32(vdotq_s32(z, n3_5a, y0_5a), n3_5b, y0_5b))), scq_5);
        /* qs[96..127]: sub-blocks 6 (low nibbles) and 7 (high) */
        const uint8x16_t q0_3a = vld1q_u8(x + q4k_packed_off_qs(4) + 96), q0_3b = vld1q_u8(x + q4k_packed_off_qs(4) + 112);
        const uint8x16_t q1_3a = vld1q_u8(x + q4k_packed_off_qs(4) + 224), q1_3b = vld1q_u8(x + q4k_packed_off_qs(4) + 240);
        const uint8x16_t q2_3a = vld1q_u8(x + q4k_packed_off_qs(4) + 352), q2_3b = vld1q_u8(x + q4k_packed_off_qs(4) + 368);
        const uint8x16_t q3_3a = vld1q_u8(x + q4k_packed_off_qs(4) + 480), q3_3b = vld1q_u8(x + q4k_packed_off_qs(4) + 496);
        const int8x16_t y0_6a = vreinterpretq_s8_u8(vld1q_u8(a0 + 196));
        const int8x16_t y0_6b = vreinterpretq_s8_u8(vld1q_u8(a0 + 212));
        const int32x4_t scq_6 = vreinterpretq_s32_u8(vqtbl2q_u8(sctq, vld1q_u8(scq_idx[6])));
        const int8x16_t n0_6a = vreinterpretq_s8_u8(vandq_u8(q0_3a, m4));
        const int8x16_t n0_6b = vreinterpretq_s8_u8(vandq_u8(q0_3b, m4));
        const int8x16_t n1_6a = vreinterpretq_s8_u8(vandq_u8(q1_3a, m4));
        const int8x16_t n1_6b = vreinterpretq_s8_u8(vandq_u8(q1_3b, m4));
        const int8x16_t n2_6a = vreinterpretq_s8_u8(vandq_u8(q2_3a, m4));
        const int8x16_t n2_6b = vreinterpretq_s8_u8(vandq_u8(q2_3b, m4));
        const int8x16_t n3_6a = vreinterpretq_s8_u8(vandq_u8(q3_3a, m4));
        const int8x16_t n3_6b = vreinterpretq_s8_u8(vandq_u8(q3_3b, m4));
        t0 = vmlaq_s32(t0, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_6a, y0_6a), n0_6b, y0_6b), vdotq_s32(vdotq_s32(z, n1_6a, y0_6a), n1_6b, y0_6b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_6a, y0_6a), n2_6b, y0_6b), vdotq_s32(vdotq_s32(z, n3_6a, y0_6a), n3_6b, y0_6b))), scq_6);
        const int8x16_t y0_7a = vreinterpretq_s8_u8(vld1q_u8(a0 + 228));
        const int8x16_t y0_7b = vreinterpretq_s8_u8(vld1q_u8(a0 + 244));
        const int32x4_t scq_7 = vreinterpretq_s32_u8(vqtbl2q_u8(sctq, vld1q_u8(scq_idx[7])));
        const int8x16_t n0_7a = vreinterpretq_s8_u8(vshrq_n_u8(q0_3a, 4));
        const int8x16_t n0_7b = vreinterpretq_s8_u8(vshrq_n_u8(q0_3b, 4));
        const int8x16_t n1_7a = vreinterpretq_s8_u8(vshrq_n_u8(q1_3a, 4));
        const int8x16_t n1_7b = vreinterpretq_s8_u8(vshrq_n_u8(q1_3b, 4));
        const int8x16_t n2_7a = vreinterpretq_s8_u8(vshrq_n_u8(q2_3a, 4));
        const int8x16_t n2_7b = vreinterpretq_s8_u8(vshrq_n_u8(q2_3b, 4));
        const int8x16_t n3_7a = vreinterpretq_s8_u8(vshrq_n_u8(q3_3a, 4));
        const int8x16_t n3_7b = vreinterpretq_s8_u8(vshrq_n_u8(q3_3b, 4));
        t0 = vmlaq_s32(t0, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_7a, y0_7a), n0_7b, y0_7b), vdotq_s32(vdotq_s32(z, n1_7a, y0_7a), n1_7b, y0_7b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_7a, y0_7a), n2_7b, y0_7b), vdotq_s32(vdotq_s32(z, n3_7a, y0_7a), n3_7b, y0_7b))), scq_7);
        const int32x4_t isum0 = t0;
        acc0 = q4k_mv_fstep(acc0, d, dmin, d8_0, isum0, imin0);
        x += Q4K_PACKED_BLOCK_BYTES * 4;
        a0 += Q8K_BLOCK_BYTES;
    }
    q4k_mv_store4(y + 0 * ldy, acc0);
}

/* 4 rows x 4 vectors, sdot: y[v * ldy + r] for r < 4, v < 4. Not inlined: the
 * block loop is inside, so a call per tile costs nothing, and one copy
 * serves every variant and tail that uses the tile. */
static __attribute__((noinline)) void q4k_mv_sdot_r4_c4(const uint8_t *w, size_t n_bpr, const uint8_t *xq, float *y, size_t ldy)
{
    const size_t ws = n_bpr * 144, xs = n_bpr * Q8K_BLOCK_BYTES;
    const uint8x16_t m4 = vdupq_n_u8(0x0f);
    const int32x4_t z = vdupq_n_s32(0);
    /* tbl indices: sub-block j's scale of rows 0..3 (bytes j, 8 + j, 16 + j,
     * 24 + j of the rows' scale bytes), one int32 lane each */
    static const uint8_t scq_idx[8][16] = {
        {0, 255, 255, 255, 8, 255, 255, 255, 16, 255, 255, 255, 24, 255, 255, 255},
        {1, 255, 255, 255, 9, 255, 255, 255, 17, 255, 255, 255, 25, 255, 255, 255},
        {2, 255, 255, 255, 10, 255, 255, 255, 18, 255, 255, 255, 26, 255, 255, 255},
        {3, 255, 255, 255, 11, 255, 255, 255, 19, 255, 255, 255, 27, 255, 255, 255},
        {4, 255, 255, 255, 12, 255, 255, 255, 20, 255, 255, 255, 28, 255, 255, 255},
        {5, 255, 255, 255, 13, 255, 255, 255, 21, 255, 255, 255, 29, 255, 255, 255},
        {6, 255, 255, 255, 14, 255, 255, 255, 22, 255, 255, 255, 30, 255, 255, 255},
        {7, 255, 255, 255, 15, 255, 255, 255, 23, 255, 255, 255, 31, 255, 255, 255},
    };
    const uint8_t *x0 = w + 0 * ws;
    const uint8_t *x1 = w + 1 * ws;
    const uint8_t *x2 = w + 2 * ws;
    const uint8_t *x3 = w + 3 * ws;
    const uint8_t *a0 = xq + 0 * xs;
    float32x4_t acc0 = vdupq_n_f32(0.0f);
    const uint8_t *a1 = xq + 1 * xs;
    float32x4_t acc1 = vdupq_n_f32(0.0f);
    const uint8_t *a2 = xq + 2 * xs;
    float32x4_t acc2 = vdupq_n_f32(0.0f);
    const uint8_t *a3 = xq + 3 * xs;
    float32x4_t acc3 = vdupq_n_f32(0.0f);
    for (size_t b = 0; b < n_bpr; b++) {
        float32x4_t d, dmin;
        uint32x4_t dm = vdupq_n_u32(q4k_mv_dm_word(x0));
        dm = vsetq_lane_u32(q4k_mv_dm_word(x1), dm, 1);
        dm = vsetq_lane_u32(q4k_mv_dm_word(x2), dm, 2);
        dm = vsetq_lane_u32(q4k_mv_dm_word(x3), dm, 3);
        q4k_mv_dmin4(dm, &d, &dmin);
        const q4k_mv_row rw0 = q4k_mv_row_load(x0);
        const q4k_mv_row rw1 = q4k_mv_row_load(x1);
        const q4k_mv_row rw2 = q4k_mv_row_load(x2);
        const q4k_mv_row rw3 = q4k_mv_row_load(x3);
        const float d8_0 = q4k_mv_d8(a0);
        const int16x8_t bs0 = q4k_mv_bsums(a0);
        const float d8_1 = q4k_mv_d8(a1);
        const int16x8_t bs1 = q4k_mv_bsums(a1);
        const float d8_2 = q4k_mv_d8(a2);
        const int16x8_t bs2 = q4k_mv_bsums(a2);
        const float d8_3 = q4k_mv_d8(a3);
        const int16x8_t bs3 = q4k_mv_bsums(a3);
        const int32x4_t imin0 = vpaddq_s32(vpaddq_s32(q4k_mv_imin(rw0.m16, bs0), q4k_mv_imin(rw1.m16, bs0)), vpaddq_s32(q4k_mv_imin(rw2.m16, bs0), q4k_mv_imin(rw3.m16, bs0)));
        const int32x4_t imin1 = vpaddq_s32(vpaddq_s32(q4k_mv_imin(rw0.m16, bs1), q4k_mv_imin(rw1.m16, bs1)), vpaddq_s32(q4k_mv_imin(rw2.m16, bs1), q4k_mv_imin(rw3.m16, bs1)));
        const int32x4_t imin2 = vpaddq_s32(vpaddq_s32(q4k_mv_imin(rw0.m16, bs2), q4k_mv_imin(rw1.m16, bs2)), vpaddq_s32(q4k_mv_imin(rw2.m16, bs2), q4k_mv_imin(rw3.m16, bs2)));
        const int32x4_t imin3 = vpaddq_s32(vpaddq_s32(q4k_mv_imin(rw0.m16, bs3), q4k_mv_imin(rw1.m16, bs3)), vpaddq_s32(q4k_mv_imin(rw2.m16, bs3), q4k_mv_imin(rw3.m16, bs3)));
        const uint8x16x2_t sctq = {{vcombine_u8(rw0.sc8, rw1.sc8), vcombine_u8(rw2.sc8, rw3.sc8)}};
        int32x4_t t0 = z;
        int32x4_t t1 = z;
        int32x4_t t2 = z;
        int32x4_t t3 = z;
        /* qs[0..31]: sub-blocks 0 (low nibbles) and 1 (high) */
        const uint8x16_t q0_0a = vld1q_u8(x0 + 16), q0_0b = vld1q_u8(x0 + 32);
        const uint8x16_t q1_0a = vld1q_u8(x1 + 16), q1_0b = vld1q_u8(x1 + 32);
        const uint8x16_t q2_0a = vld1q_u8(x2 + 16), q2_0b = vld1q_u8(x2 + 32);
        const uint8x16_t q3_0a = vld1q_u8(x3 + 16), q3_0b = vld1q_u8(x3 + 32);
        const int8x16_t y0_0a = vreinterpretq_s8_u8(vld1q_u8(a0 + 4));
        const int8x16_t y0_0b = vreinterpretq_s8_u8(vld1q_u8(a0 + 20));
        const int8x16_t y1_0a = vreinterpretq_s8_u8(vld1q_u8(a1 + 4));
        const int8x16_t y1_0b = vreinterpretq_s8_u8(vld1q_u8(a1 + 20));
        const int8x16_t y2_0a = vreinterpretq_s8_u8(vld1q_u8(a2 + 4));
        const int8x16_t y2_0b = vreinterpretq_s8_u8(vld1q_u8(a2 + 20));
        const int8x16_t y3_0a = vreinterpretq_s8_u8(vld1q_u8(a3 + 4));
        const int8x16_t y3_0b = vreinterpretq_s8_u8(vld1q_u8(a3 + 20));
        const int32x4_t scq_0 = vreinterpretq_s32_u8(vqtbl2q_u8(sctq, vld1q_u8(scq_idx[0])));
        const int8x16_t n0_0a = vreinterpretq_s8_u8(vandq_u8(q0_0a, m4));
        const int8x16_t n0_0b = vreinterpretq_s8_u8(vandq_u8(q0_0b, m4));
        const int8x16_t n1_0a = vreinterpretq_s8_u8(vandq_u8(q1_0a, m4));
        const int8x16_t n1_0b = vreinterpretq_s8_u8(vandq_u8(q1_0b, m4));
        const int8x16_t n2_0a = vreinterpretq_s8_u8(vandq_u8(q2_0a, m4));
        const int8x16_t n2_0b = vreinterpretq_s8_u8(vandq_u8(q2_0b, m4));
        const int8x16_t n3_0a = vreinterpretq_s8_u8(vandq_u8(q3_0a, m4));
        const int8x16_t n3_0b = vreinterpretq_s8_u8(vandq_u8(q3_0b, m4));
        t0 = vmlaq_s32(t0, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_0a, y0_0a), n0_0b, y0_0b), vdotq_s32(vdotq_s32(z, n1_0a, y0_0a), n1_0b, y0_0b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_0a, y0_0a), n2_0b, y0_0b), vdotq_s32(vdotq_s32(z, n3_0a, y0_0a), n3_0b, y0_0b))), scq_0);
        t1 = vmlaq_s32(t1, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_0a, y1_0a), n0_0b, y1_0b), vdotq_s32(vdotq_s32(z, n1_0a, y1_0a), n1_0b, y1_0b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_0a, y1_0a), n2_0b, y1_0b), vdotq_s32(vdotq_s32(z, n3_0a, y1_0a), n3_0b, y1_0b))), scq_0);
        t2 = vmlaq_s32(t2, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_0a, y2_0a), n0_0b, y2_0b), vdotq_s32(vdotq_s32(z, n1_0a, y2_0a), n1_0b, y2_0b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_0a, y2_0a), n2_0b, y2_0b), vdotq_s32(vdotq_s32(z, n3_0a, y2_0a), n3_0b, y2_0b))), scq_0);
        t3 = vmlaq_s32(t3, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_0a, y3_0a), n0_0b, y3_0b), vdotq_s32(vdotq_s32(z, n1_0a, y3_0a), n1_0b, y3_0b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_0a, y3_0a), n2_0b, y3_0b), vdotq_s32(vdotq_s32(z, n3_0a, y3_0a), n3_0b, y3_0b))), scq_0);
        const int8x16_t y0_1a = vreinterpretq_s8_u8(vld1q_u8(a0 + 36));
        const int8x16_t y0_1b = vreinterpretq_s8_u8(vld1q_u8(a0 + 52));
        const int8x16_t y1_1a = vreinterpretq_s8_u8(vld1q_u8(a1 + 36));
        const int8x16_t y1_1b = vreinterpretq_s8_u8(vld1q_u8(a1 + 52));
        const int8x16_t y2_1a = vreinterpretq_s8_u8(vld1q_u8(a2 + 36));
        const int8x16_t y2_1b = vreinterpretq_s8_u8(vld1q_u8(a2 + 52));
        const int8x16_t y3_1a = vreinterpretq_s8_u8(vld1q_u8(a3 + 36));
        const int8x16_t y3_1b = vreinterpretq_s8_u8(vld1q_u8(a3 + 52));
        const int32x4_t scq_1 = vreinterpretq_s32_u8(vqtbl2q_u8(sctq, vld1q_u8(scq_idx[1])));
        const int8x16_t n0_1a = vreinterpretq_s8_u8(vshrq_n_u8(q0_0a, 4));
        const int8x16_t n0_1b = vreinterpretq_s8_u8(vshrq_n_u8(q0_0b, 4));
        const int8x16_t n1_1a = vreinterpretq_s8_u8(vshrq_n_u8(q1_0a, 4));
        const int8x16_t n1_1b = vreinterpretq_s8_u8(vshrq_n_u8(q1_0b, 4));
        const int8x16_t n2_1a = vreinterpretq_s8_u8(vshrq_n_u8(q2_0a, 4));
        const int8x16_t n2_1b = vreinterpretq_s8_u8(vshrq_n_u8(q2_0b, 4));
        const int8x16_t n3_1a = vreinterpretq_s8_u8(vshrq_n_u8(q3_0a, 4));
        const int8x16_t n3_1b = vreinterpretq_s8_u8(vshrq_n_u8(q3_0b, 4));
        t0 = vmlaq_s32(t0, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_1a, y0_1a), n0_1b, y0_1b), vdotq_s32(vdotq_s32(z, n1_1a, y0_1a), n1_1b, y0_1b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_1a, y0_1a), n2_1b, y0_1b), vdotq_s32(vdotq_s32(z, n3_1a, y0_1a), n3_1b, y0_1b))), scq_1);
        t1 = vmlaq_s32(t1, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_1a, y1_1a), n0_1b, y1_1b), vdotq_s32(vdotq_s32(z, n1_1a, y1_1a), n1_1b, y1_1b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_1a, y1_1a), n2_1b, y1_1b), vdotq_s32(vdotq_s32(z, n3_1a, y1_1a), n3_1b, y1_1b))), scq_1);
        t2 = vmlaq_s32(t2, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_1a, y2_1a), n0_1b, y2_1b), vdotq_s32(vdotq_s32(z, n1_1a, y2_1a), n1_1b, y2_1b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_1a, y2_1a), n2_1b, y2_1b), vdotq_s32(vdotq_s32(z, n3_1a, y2_1a), n3_1b, y2_1b))), scq_1);
        t3 = vmlaq_s32(t3, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_1a, y3_1a), n0_1b, y3_1b), vdotq_s32(vdotq_s32(z, n1_1a, y3_1a), n1_1b, y3_1b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_1a, y3_1a), n2_1b, y3_1b), vdotq_s32(vdotq_s32(z, n3_1a, y3_1a), n3_1b, y3_1b))), scq_1);
        /* qs[32..63]: sub-blocks 2 (low nibbles) and 3 (high) */
        const uint8x16_t q0_1a = vld1q_u8(x0 + 48), q0_1b = vld1q_u8(x0 + 64);
        const uint8x16_t q1_1a = vld1q_u8(x1 + 48), q1_1b = vld1q_u8(x1 + 64);
        const uint8x16_t q2_1a = vld1q_u8(x2 + 48), q2_1b = vld1q_u8(x2 + 64);
        const uint8x16_t q3_1a = vld1q_u8(x3 + 48), q3_1b = vld1q_u8(x3 + 64);
        const int8x16_t y0_2a = vreinterpretq_s8_u8(vld1q_u8(a0 + 68));
        const int8x16_t y0_2b = vreinterpretq_s8_u8(vld1q_u8(a0 + 84));
        const int8x16_t y1_2a = vreinterpretq_s8_u8(vld1q_u8(a1 + 68));
        const int8x16_t y1_2b = vreinterpretq_s8_u8(vld1q_u8(a1 + 84));
        const int8x16_t y2_2a = vreinterpretq_s8_u8(vld1q_u8(a2 + 68));
        const int8x16_t y2_2b = vreinterpretq_s8_u8(vld1q_u8(a2 + 84));
        const int8x16_t y3_2a = vreinterpretq_s8_u8(vld1q_u8(a3 + 68));
        const int8x16_t y3_2b = vreinterpretq_s8_u8(vld1q_u8(a3 + 84));
        const int32x4_t scq_2 = vreinterpretq_s32_u8(vqtbl2q_u8(sctq, vld1q_u8(scq_idx[2])));
        const int8x16_t n0_2a = vreinterpretq_s8_u8(vandq_u8(q0_1a, m4));
        const int8x16_t n0_2b = vreinterpretq_s8_u8(vandq_u8(q0_1b, m4));
        const int8x16_t n1_2a = vreinterpretq_s8_u8(vandq_u8(q1_1a, m4));
        const int8x16_t n1_2b = vreinterpretq_s8_u8(vandq_u8(q1_1b, m4));
        const int8x16_t n2_2a = vreinterpretq_s8_u8(vandq_u8(q2_1a, m4));
        const int8x16_t n2_2b = vreinterpretq_s8_u8(vandq_u8(q2_1b, m4));
        const int8x16_t n3_2a = vreinterpretq_s8_u8(vandq_u8(q3_1a, m4));
        const int8x16_t n3_2b = vreinterpretq_s8_u8(vandq_u8(q3_1b, m4));
        t0 = vmlaq_s32(t0, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_2a, y0_2a), n0_2b, y0_2b), vdotq_s32(vdotq_s32(z, n1_2a, y0_2a), n1_2b, y0_2b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_2a, y0_2a), n2_2b, y0_2b), vdotq_s32(vdotq_s32(z, n3_2a, y0_2a), n3_2b, y0_2b))), scq_2);
        t1 = vmlaq_s32(t1, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_2a, y1_2a), n0_2b, y1_2b), vdotq_s32(vdotq_s32(z, n1_2a, y1_2a), n1_2b, y1_2b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_2a, y1_2a), n2_2b, y1_2b), vdotq_s32(vdotq_s32(z, n3_2a, y1_2a), n3_2b, y1_2b))), scq_2);
        t2 = vmlaq_s32(t2, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_2a, y2_2a), n0_2b, y2_2b), vdotq_s32(vdotq_s32(z, n1_2a, y2_2a), n1_2b, y2_2b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_2a, y2_2a), n2_2b, y2_2b), vdotq_s32(vdotq_s32(z, n3_2a, y2_2a), n3_2b, y2_2b))), scq_2);
        t3 = vmlaq_s32(t3, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_2a, y3_2a), n0_2b, y3_2b), vdotq_s32(vdotq_s32(z, n1_2a, y3_2a), n1_2b, y3_2b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_2a, y3_2a), n2_2b, y3_2b), vdotq_s32(vdotq_s32(z, n3_2a, y3_2a), n3_2b, y3_2b))), scq_2);
        const int8x16_t y0_3a = vreinterpretq_s8_u8(vld1q_u8(a0 + 100));
        const int8x16_t y0_3b = vreinterpretq_s8_u8(vld1q_u8(a0 + 116));
        const int8x16_t y1_3a = vreinterpretq_s8_u8(vld1q_u8(a1 + 100));
        const int8x16_t y1_3b = vreinterpretq_s8_u8(vld1q_u8(a1 + 116));
        const int8x16_t y2_3a = vreinterpretq_s8_u8(vld1q_u8(a2 + 100));
        const int8x16_t y2_3b = vreinterpretq_s8_u8(vld1q_u8(a2 + 116));
        const int8x16_t y3_3a = vreinterpretq_s8_u8(vld1q_u8(a3 + 100));
        const int8x16_t y3_3b = vreinterpretq_s8_u8(vld1q_u8(a3 + 116));
        const int32x4_t scq_3 = vreinterpretq_s32_u8(vqtbl2q_u8(sctq, vld1q_u8(scq_idx[3])));
        const int8x16_t n0_3a = vreinterpretq_s8_u8(vshrq_n_u8(q0_1a, 4));
        const int8x16_t n0_3b = vreinterpretq_s8_u8(vshrq_n_u8(q0_1b, 4));
        const int8x16_t n1_3a = vreinterpretq_s8_u8(vshrq_n_u8(q1_1a, 4));
        const int8x16_t n1_3b = vreinterpretq_s8_u8(vshrq_n_u8(q1_1b, 4));
        const int8x16_t n2_3a = vreinterpretq_s8_u8(vshrq_n_u8(q2_1a, 4));
        const int8x16_t n2_3b = vreinterpretq_s8_u8(vshrq_n_u8(q2_1b, 4));
        const int8x16_t n3_3a = vreinterpretq_s8_u8(vshrq_n_u8(q3_1a, 4));
        const int8x16_t n3_3b = vreinterpretq_s8_u8(vshrq_n_u8(q3_1b, 4));
        t0 = vmlaq_s32(t0, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_3a, y0_3a), n0_3b, y0_3b), vdotq_s32(vdotq_s32(z, n1_3a, y0_3a), n1_3b, y0_3b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_3a, y0_3a), n2_3b, y0_3b), vdotq_s32(vdotq_s32(z, n3_3a, y0_3a), n3_3b, y0_3b))), scq_3);
        t1 = vmlaq_s32(t1, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_3a, y1_3a), n0_3b, y1_3b), vdotq_s32(vdotq_s32(z, n1_3a, y1_3a), n1_3b, y1_3b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_3a, y1_3a), n2_3b, y1_3b), vdotq_s32(vdotq_s32(z, n3_3a, y1_3a), n3_3b, y1_3b))), scq_3);
        t2 = vmlaq_s32(t2, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_3a, y2_3a), n0_3b, y2_3b), vdotq_s32(vdotq_s32(z, n1_3a, y2_3a), n1_3b, y2_3b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_3a, y2_3a), n2_3b, y2_3b), vdotq_s32(vdotq_s32(z, n3_3a, y2_3a), n3_3b, y2_3b))), scq_3);
        t3 = vmlaq_s32(t3, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_3a, y3_3a), n0_3b, y3_3b), vdotq_s32(vdotq_s32(z, n1_3a, y3_3a), n1_3b, y3_3b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_3a, y3_3a), n2_3b, y3_3b), vdotq_s32(vdotq_s32(z, n3_3a, y3_3a), n3_3b, y3_3b))), scq_3);
        /* qs[64..95]: sub-blocks 4 (low nibbles) and 5 (high) */
        const uint8x16_t q0_2a = vld1q_u8(x0 + 80), q0_2b = vld1q_u8(x0 + 96);
        const uint8x16_t q1_2a = vld1q_u8(x1 + 80), q1_2b = vld1q_u8(x1 + 96);
        const uint8x16_t q2_2a = vld1q_u8(x2 + 80), q2_2b = vld1q_u8(x2 + 96);
        const uint8x16_t q3_2a = vld1q_u8(x3 + 80), q3_2b = vld1q_u8(x3 + 96);
        const int8x16_t y0_4a = vreinterpretq_s8_u8(vld1q_u8(a0 + 132));
        const int8x16_t y0_4b = vreinterpretq_s8_u8(vld1q_u8(a0 + 148));
        const int8x16_t y1_4a = vreinterpretq_s8_u8(vld1q_u8(a1 + 132));
        const int8x16_t y1_4b = vreinterpretq_s8_u8(vld1q_u8(a1 + 148));
        const int8x16_t y2_4a = vreinterpretq_s8_u8(vld1q_u8(a2 + 132));
        const int8x16_t y2_4b = vreinterpretq_s8_u8(vld1q_u8(a2 + 148));
        const int8x16_t y3_4a = vreinterpretq_s8_u8(vld1q_u8(a3 + 132));
        const int8x16_t y3_4b = vreinterpretq_s8_u8(vld1q_u8(a3 + 148));
        const int32x4_t scq_4 = vreinterpretq_s32_u8(vqtbl2q_u8(sctq, vld1q_u8(scq_idx[4])));
        const int8x16_t n0_4a = vreinterpretq_s8_u8(vandq_u8(q0_2a, m4));
        const int8x16_t n0_4b = vreinterpretq_s8_u8(vandq_u8(q0_2b, m4));
        const int8x16_t n1_4a = vreinterpretq_s8_u8(vandq_u8(q1_2a, m4));
        const int8x16_t n1_4b = vreinterpretq_s8_u8(vandq_u8(q1_2b, m4));
        const int8x16_t n2_4a = vreinterpretq_s8_u8(vandq_u8(q2_2a, m4));
        const int8x16_t n2_4b = vreinterpretq_s8_u8(vandq_u8(q2_2b, m4));
        const int8x16_t n3_4a = vreinterpretq_s8_u8(vandq_u8(q3_2a, m4));
        const int8x16_t n3_4b = vreinterpretq_s8_u8(vandq_u8(q3_2b, m4));
        t0 = vmlaq_s32(t0, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_4a, y0_4a), n0_4b, y0_4b), vdotq_s32(vdotq_s32(z, n1_4a, y0_4a), n1_4b, y0_4b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_4a, y0_4a), n2_4b, y0_4b), vdotq_s32(vdotq_s32(z, n3_4a, y0_4a), n3_4b, y0_4b))), scq_4);
        t1 = vmlaq_s32(t1, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_4a, y1_4a), n0_4b, y1_4b), vdotq_s32(vdotq_s32(z, n1_4a, y1_4a), n1_4b, y1_4b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_4a, y1_4a), n2_4b, y1_4b), vdotq_s32(vdotq_s32(z, n3_4a, y1_4a), n3_4b, y1_4b))), scq_4);
        t2 = vmlaq_s32(t2, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_4a, y2_4a), n0_4b, y2_4b), vdotq_s32(vdotq_s32(z, n1_4a, y2_4a), n1_4b, y2_4b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_4a, y2_4a), n2_4b, y2_4b), vdotq_s32(vdotq_s32(z, n3_4a, y2_4a), n3_4b, y2_4b))), scq_4);
        t3 = vmlaq_s32(t3, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_4a, y3_4a), n0_4b, y3_4b), vdotq_s32(vdotq_s32(z, n1_4a, y3_4a), n1_4b, y3_4b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_4a, y3_4a), n2_4b, y3_4b), vdotq_s32(vdotq_s32(z, n3_4a, y3_4a), n3_4b, y3_4b))), scq_4);
        const int8x16_t y0_5a = vreinterpretq_s8_u8(vld1q_u8(a0 + 164));
        const int8x16_t y0_5b = vreinterpretq_s8_u8(vld1q_u8(a0 + 180));
        const int8x16_t y1_5a = vreinterpretq_s8_u8(vld1q_u8(a1 + 164));
        const int8x16_t y1_5b = vreinterpretq_s8_u8(vld1q_u8(a1 + 180));
        const int8x16_t y2_5a = vreinterpretq_s8_u8(vld1q_u8(a2 + 164));
        const int8x16_t y2_5b = vreinterpretq_s8_u8(vld1q_u8(a2 + 180));
        const int8x16_t y3_5a = vreinterpretq_s8_u8(vld1q_u8(a3 + 164));
        const int8x16_t y3_5b = vreinterpretq_s8_u8(vld1q_u8(a3 + 180));
        const int32x4_t scq_5 = vreinterpretq_s32_u8(vqtbl2q_u8(sctq, vld1q_u8(scq_idx[5])));
        const int8x16_t n0_5a = vreinterpretq_s8_u8(vshrq_n_u8(q0_2a, 4));
        const int8x16_t n0_5b = vreinterpretq_s8_u8(vshrq_n_u8(q0_2b, 4));
        const int8x16_t n1_5a = vreinterpretq_s8_u8(vshrq_n_u8(q1_2a, 4));
        const int8x16_t n1_5b = vreinterpretq_s8_u8(vshrq_n_u8(q1_2b, 4));
        const int8x16_t n2_5a = vreinterpretq_s8_u8(vshrq_n_u8(q2_2a, 4));
        const int8x16_t n2_5b = vreinterpretq_s8_u8(vshrq_n_u8(q2_2b, 4));
        const int8x16_t n3_5a = vreinterpretq_s8_u8(vshrq_n_u8(q3_2a, 4));
        const int8x16_t n3_5b = vreinterpretq_s8_u8(vshrq_n_u8(q3_2b, 4));
        t0 = vmlaq_s32(t0, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_5a, y0_5a), n0_5b, y0_5b), vdotq_s32(vdotq_s32(z, n1_5a, y0_5a), n1_5b, y0_5b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_5a, y0_5a), n2_5b, y0_5b), vdotq_s32(vdotq_s32(z, n3_5a, y0_5a), n3_5b, y0_5b))), scq_5);
        t1 = vmlaq_s32(t1, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_5a, y1_5a), n0_5b, y1_5b), vdotq_s32(vdotq_s32(z, n1_5a, y1_5a), n1_5b, y1_5b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_5a, y1_5a), n2_5b, y1_5b), vdotq_s32(vdotq_s32(z, n3_5a, y1_5a), n3_5b, y1_5b))), scq_5);
        t2 = vmlaq_s32(t2, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_5a, y2_5a), n0_5b, y2_5b), vdotq_s32(vdotq_s32(z, n1_5a, y2_5a), n1_5b, y2_5b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_5a, y2_5a), n2_5b, y2_5b), vdotq_s32(vdotq_s32(z, n3_5a, y2_5a), n3_5b, y2_5b))), scq_5);
        t3 = vmlaq_s32(t3, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_5a, y3_5a), n0_5b, y3_5b), vdotq_s32(vdotq_s32(z, n1_5a, y3_5a), n1_5b, y3_5b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_5a, y3_5a), n2_5b, y3_5b), vdotq_s32(vdotq_s32(z, n3_5a, y3_5a), n3_5b, y3_5b))), scq_5);
        /* qs[96..127]: sub-blocks 6 (low nibbles) and 7 (high) */
        const uint8x16_t q0_3a = vld1q_u8(x0 + 112), q0_3b = vld1q_u8(x0 + 128);
        const uint8x16_t q1_3a = vld1q_u8(x1 + 112), q1_3b = vld1q_u8(x1 + 128);
        const uint8x16_t q2_3a = vld1q_u8(x2 + 112), q2_3b = vld1q_u8(x2 + 128);
        const uint8x16_t q3_3a = vld1q_u8(x3 + 112), q3_3b = vld1q_u8(x3 + 128);
        const int8x16_t y0_6a = vreinterpretq_s8_u8(vld1q_u8(a0 + 196));
        const int8x16_t y0_6b = vreinterpretq_s8_u8(vld1q_u8(a0 + 212));
        const int8x16_t y1_6a = vreinterpretq_s8_u8(vld1q_u8(a1 + 196));
        const int8x16_t y1_6b = vreinterpretq_s8_u8(vld1q_u8(a1 + 212));
        const int8x16_t y2_6a = vreinterpretq_s8_u8(vld1q_u8(a2 + 196));
        const int8x16_t y2_6b = vreinterpretq_s8_u8(vld1q_u8(a2 + 212));
        const int8x16_t y3_6a = vreinterpretq_s8_u8(vld1q_u8(a3 + 196));
        const int8x16_t y3_6b = vreinterpretq_s8_u8(vld1q_u8(a3 + 212));
        const int32x4_t scq_6 = vreinterpretq_s32_u8(vqtbl2q_u8(sctq, vld1q_u8(scq_idx[6])));
        const int8x16_t n0_6a = vreinterpretq_s8_u8(vandq_u8(q0_3a, m4));
        const int8x16_t n0_6b = vreinterpretq_s8_u8(vandq_u8(q0_3b, m4));
        const int8x16_t n1_6a = vreinterpretq_s8_u8(vandq_u8(q1_3a, m4));
        const int8x16_t n1_6b = vreinterpretq_s8_u8(vandq_u8(q1_3b, m4));
        const int8x16_t n2_6a = vreinterpretq_s8_u8(vandq_u8(q2_3a, m4));
        const int8x16_t n2_6b = vreinterpretq_s8_u8(vandq_u8(q2_3b, m4));
        const int8x16_t n3_6a = vreinterpretq_s8_u8(vandq_u8(q3_3a, m4));
        const int8x16_t n3_6b = vreinterpretq_s8_u8(vandq_u8(q3_3b, m4));
        t0 = vmlaq_s32(t0, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_6a, y0_6a), n0_6b, y0_6b), vdotq_s32(vdotq_s32(z, n1_6a, y0_6a), n1_6b, y0_6b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_6a, y0_6a), n2_6b, y0_6b), vdotq_s32(vdotq_s32(z, n3_6a, y0_6a), n3_6b, y0_6b))), scq_6);
        t1 = vmlaq_s32(t1, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_6a, y1_6a), n0_6b, y1_6b), vdotq_s32(vdotq_s32(z, n1_6a, y1_6a), n1_6b, y1_6b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_6a, y1_6a), n2_6b, y1_6b), vdotq_s32(vdotq_s32(z, n3_6a, y1_6a), n3_6b, y1_6b))), scq_6);
        t2 = vmlaq_s32(t2, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_6a, y2_6a), n0_6b, y2_6b), vdotq_s32(vdotq_s32(z, n1_6a, y2_6a), n1_6b, y2_6b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_6a, y2_6a), n2_6b, y2_6b), vdotq_s32(vdotq_s32(z, n3_6a, y2_6a), n3_6b, y2_6b))), scq_6);
        t3 = vmlaq_s32(t3, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_6a, y3_6a), n0_6b, y3_6b), vdotq_s32(vdotq_s32(z, n1_6a, y3_6a), n1_6b, y3_6b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_6a, y3_6a), n2_6b, y3_6b), vdotq_s32(vdotq_s32(z, n3_6a, y3_6a), n3_6b, y3_6b))), scq_6);
        const int8x16_t y0_7a = vreinterpretq_s8_u8(vld1q_u8(a0 + 228));
        const int8x16_t y0_7b = vreinterpretq_s8_u8(vld1q_u8(a0 + 244));
        const int8x16_t y1_7a = vreinterpretq_s8_u8(vld1q_u8(a1 + 228));
        const int8x16_t y1_7b = vreinterpretq_s8_u8(vld1q_u8(a1 + 244));
        const int8x16_t y2_7a = vreinterpretq_s8_u8(vld1q_u8(a2 + 228));
        const int8x16_t y2_7b = vreinterpretq_s8_u8(vld1q_u8(a2 + 244));
        const int8x16_t y3_7a = vreinterpretq_s8_u8(vld1q_u8(a3 + 228));
        const int8x16_t y3_7b = vreinterpretq_s8_u8(vld1q_u8(a3 + 244));
        const int32x4_t scq_7 = vreinterpretq_s32_u8(vqtbl2q_u8(sctq, vld1q_u8(scq_idx[7])));
        const int8x16_t n0_7a = vreinterpretq_s8_u8(vshrq_n_u8(q0_3a, 4));
        const int8x16_t n0_7b = vreinterpretq_s8_u8(vshrq_n_u8(q0_3b, 4));
        const int8x16_t n1_7a = vreinterpretq_s8_u8(vshrq_n_u8(q1_3a, 4));
        const int8x16_t n1_7b = vreinterpretq_s8_u8(vshrq_n_u8(q1_3b, 4));
        const int8x16_t n2_7a = vreinterpretq_s8_u8(vshrq_n_u8(q2_3a, 4));
        const int8x16_t n2_7b = vreinterpretq_s8_u8(vshrq_n_u8(q2_3b, 4));
        const int8x16_t n3_7a = vreinterpretq_s8_u8(vshrq_n_u8(q3_3a, 4));
        const int8x16_t n3_7b = vreinterpretq_s8_u8(vshrq_n_u8(q3_3b, 4));
        t0 = vmlaq_s32(t0, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_7a, y0_7a), n0_7b, y0_7b), vdotq_s32(vdotq_s32(z, n1_7a, y0_7a), n1_7b, y0_7b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_7a, y0_7a), n2_7b, y0_7b), vdotq_s32(vdotq_s32(z, n3_7a, y0_7a), n3_7b, y0_7b))), scq_7);
        t1 = vmlaq_s32(t1, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_7a, y1_7a), n0_7b, y1_7b), vdotq_s32(vdotq_s32(z, n1_7a, y1_7a), n1_7b, y1_7b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_7a, y1_7a), n2_7b, y1_7b), vdotq_s32(vdotq_s32(z, n3_7a, y1_7a), n3_7b, y1_7b))), scq_7);
        t2 = vmlaq_s32(t2, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_7a, y2_7a), n0_7b, y2_7b), vdotq_s32(vdotq_s32(z, n1_7a, y2_7a), n1_7b, y2_7b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_7a, y2_7a), n2_7b, y2_7b), vdotq_s32(vdotq_s32(z, n3_7a, y2_7a), n3_7b, y2_7b))), scq_7);
        t3 = vmlaq_s32(t3, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_7a, y3_7a), n0_7b, y3_7b), vdotq_s32(vdotq_s32(z, n1_7a, y3_7a), n1_7b, y3_7b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_7a, y3_7a), n2_7b, y3_7b), vdotq_s32(vdotq_s32(z, n3_7a, y3_7a), n3_7b, y3_7b))), scq_7);
        const int32x4_t isum0 = t0;
        const int32x4_t isum1 = t1;
        const int32x4_t isum2 = t2;
        const int32x4_t isum3 = t3;
        acc0 = q4k_mv_fstep(acc0, d, dmin, d8_0, isum0, imin0);
        acc1 = q4k_mv_fstep(acc1, d, dmin, d8_1, isum1, imin1);
        acc2 = q4k_mv_fstep(acc2, d, dmin, d8_2, isum2, imin2);
        acc3 = q4k_mv_fstep(acc3, d, dmin, d8_3, isum3, imin3);
        x0 += 144;
        x1 += 144;
        x2 += 144;
        x3 += 144;
        a0 += Q8K_BLOCK_BYTES;
        a1 += Q8K_BLOCK_BYTES;
        a2 += Q8K_BLOCK_BYTES;
        a3 += Q8K_BLOCK_BYTES;
    }
    q4k_mv_store4(y + 0 * ldy, acc0);
    q4k_mv_store4(y + 1 * ldy, acc1);
    q4k_mv_store4(y + 2 * ldy, acc2);
    q4k_mv_store4(y + 3 * ldy, acc3);
}

/* 2 rows x 4 vectors, sdot: y[v * ldy + r] for r < 2, v < 4. Not inlined: the
 * block loop is inside, so a call per tile costs nothing, and one copy
 * serves every variant and tail that uses the tile. */
static __attribute__((noinline)) void q4k_mv_sdot_r2_c4(const uint8_t *w, size_t n_bpr, const uint8_t *xq, float *y, size_t ldy)
{
    const size_t ws = n_bpr * 144, xs = n_bpr * Q8K_BLOCK_BYTES;
    const uint8x16_t m4 = vdupq_n_u8(0x0f);
    const int32x4_t z = vdupq_n_s32(0);
    const uint8_t *x0 = w + 0 * ws;
    const uint8_t *x1 = w + 1 * ws;
    const uint8_t *a0 = xq + 0 * xs;
    float32x4_t acc0 = vdupq_n_f32(0.0f);
    const uint8_t *a1 = xq + 1 * xs;
    float32x4_t acc1 = vdupq_n_f32(0.0f);
    const uint8_t *a2 = xq + 2 * xs;
    float32x4_t acc2 = vdupq_n_f32(0.0f);
    const uint8_t *a3 = xq + 3 * xs;
    float32x4_t acc3 = vdupq_n_f32(0.0f);
    for (size_t b = 0; b < n_bpr; b++) {
        float32x4_t d, dmin;
        q4k_mv_dmin2(vset_lane_u32(q4k_mv_dm_word(x1), vdup_n_u32(q4k_mv_dm_word(x0)), 1), &d, &dmin);
        const q4k_mv_row rw0 = q4k_mv_row_load(x0);
        const q4k_mv_row rw1 = q4k_mv_row_load(x1);
        const float d8_0 = q4k_mv_d8(a0);
        const int16x8_t bs0 = q4k_mv_bsums(a0);
        const float d8_1 = q4k_mv_d8(a1);
        const int16x8_t bs1 = q4k_mv_bsums(a1);
        const float d8_2 = q4k_mv_d8(a2);
        const int16x8_t bs2 = q4k_mv_bsums(a2);
        const float d8_3 = q4k_mv_d8(a3);
        const int16x8_t bs3 = q4k_mv_bsums(a3);
        const int32x4_t imin0_h = vpaddq_s32(q4k_mv_imin(rw0.m16, bs0), q4k_mv_imin(rw1.m16, bs0));
        const int32x4_t imin0 = vpaddq_s32(imin0_h, imin0_h);
        const int32x4_t imin1_h = vpaddq_s32(q4k_mv_imin(rw0.m16, bs1), q4k_mv_imin(rw1.m16, bs1));
        const int32x4_t imin1 = vpaddq_s32(imin1_h, imin1_h);
        const int32x4_t imin2_h = vpaddq_s32(q4k_mv_imin(rw0.m16, bs2), q4k_mv_imin(rw1.m16, bs2));
        const int32x4_t imin2 = vpaddq_s32(imin2_h, imin2_h);
        const int32x4_t imin3_h = vpaddq_s32(q4k_mv_imin(rw0.m16, bs3), q4k_mv_imin(rw1.m16, bs3));
        const int32x4_t imin3 = vpaddq_s32(imin3_h, imin3_h);
        int32x4_t t00 = vdupq_n_s32(0);
        int32x4_t t01 = vdupq_n_s32(0);
        int32x4_t t02 = vdupq_n_s32(0);
        int32x4_t t03 = vdupq_n_s32(0);
        int32x4_t t10 = vdupq_n_s32(0);
        int32x4_t t11 = vdupq_n_s32(0);
        int32x4_t t12 = vdupq_n_s32(0);
        int32x4_t t13 = vdupq_n_s32(0);
        /* qs[0..31]: sub-blocks 0 (low nibbles) and 1 (high) */
        const uint8x16_t q0_0a = vld1q_u8(x0 + 16), q0_0b = vld1q_u8(x0 + 32);
        const uint8x16_t q1_0a = vld1q_u8(x1 + 16), q1_0b = vld1q_u8(x1 + 32);
        const int8x16_t y0_0a = vreinterpretq_s8_u8(vld1q_u8(a0 + 4));
        const int8x16_t y0_0b = vreinterpretq_s8_u8(vld1q_u8(a0 + 20));
        const int8x16_t y1_0a = vreinterpretq_s8_u8(vld1q_u8(a1 + 4));
        const int8x16_t y1_0b = vreinterpretq_s8_u8(vld1q_u8(a1 + 20));
        const int8x16_t y2_0a = vreinterpretq_s8_u8(vld1q_u8(a2 + 4));
        const int8x16_t y2_0b = vreinterpretq_s8_u8(vld1q_u8(a2 + 20));
        const int8x16_t y3_0a = vreinterpretq_s8_u8(vld1q_u8(a3 + 4));
        const int8x16_t y3_0b = vreinterpretq_s8_u8(vld1q_u8(a3 + 20));
        const int8x16_t n0_0a = vreinterpretq_s8_u8(vandq_u8(q0_0a, m4));
        const int8x16_t n0_0b = vreinterpretq_s8_u8(vandq_u8(q0_0b, m4));
        t00 = vmlaq_laneq_s32(t00, vdotq_s32(vdotq_s32(z, n0_0a, y0_0a), n0_0b, y0_0b), rw0.sc_lo, 0);
        t01 = vmlaq_laneq_s32(t01, vdotq_s32(vdotq_s32(z, n0_0a, y1_0a), n0_0b, y1_0b), rw0.sc_lo, 0);
        t02 = vmlaq_laneq_s32(t02, vdotq_s32(vdotq_s32(z, n0_0a, y2_0a), n0_0b, y2_0b), rw0.sc_lo, 0);
        t03 = vmlaq_laneq_s32(t03, vdotq_s32(vdotq_s32(z, n0_0a, y3_0a), n0_0b, y3_0b), rw0.sc_lo, 0);
        const int8x16_t n1_0a = vreinterpretq_s8_u8(vandq_u8(q1_0a, m4));
        const int8x16_t n1_0b = vreinterpretq_s8_u8(vandq_u8(q1_0b, m4));
        t10 = vmlaq_laneq_s32(t10, vdotq_s32(vdotq_s32(z, n1_0a, y0_0a), n1_0b, y0_0b), rw1.sc_lo, 0);
        t11 = vmlaq_laneq_s32(t11, vdotq_s32(vdotq_s32(z, n1_0a, y1_0a), n1_0b, y1_0b), rw1.sc_lo, 0);
        t12 = vmlaq_laneq_s32(t12, vdotq_s32(vdotq_s32(z, n1_0a, y2_0a), n1_0b, y2_0b), rw1.sc_lo, 0);
        t13 = vmlaq_laneq_s32(t13, vdotq_s32(vdotq_s32(z, n1_0a, y3_0a), n1_0b, y3_0b), rw1.sc_lo, 0);
        const int8x16_t y0_1a = vreinterpretq_s8_u8(vld1q_u8(a0 + 36));
        const int8x16_t y0_1b = vreinterpretq_s8_u8(vld1q_u8(a0 + 52));
        const int8x16_t y1_1a = vreinterpretq_s8_u8(vld1q_u8(a1 + 36));
        const int8x16_t y1_1b = vreinterpretq_s8_u8(vld1q_u8(a1 + 52));
        const int8x16_t y2_1a = vreinterpretq_s8_u8(vld1q_u8(a2 + 36));
        const int8x16_t y2_1b = vreinterpretq_s8_u8(vld1q_u8(a2 + 52));
        const int8x16_t y3_1a = vreinterpretq_s8_u8(vld1q_u8(a3 + 36));
        const int8x16_t y3_1b = vreinterpretq_s8_u8(vld1q_u8(a3 + 52));
        const int8x16_t n0_1a = vreinterpretq_s8_u8(vshrq_n_u8(q0_0a, 4));
        const int8x16_t n0_1b = vreinterpretq_s8_u8(vshrq_n_u8(q0_0b, 4));
        t00 = vmlaq_laneq_s32(t00, vdotq_s32(vdotq_s32(z, n0_1a, y0_1a), n0_1b, y0_1b), rw0.sc_lo, 1);
        t01 = vmlaq_laneq_s32(t01, vdotq_s32(vdotq_s32(z, n0_1a, y1_1a), n0_1b, y1_1b), rw0.sc_lo, 1);
        t02 = vmlaq_laneq_s32(t02, vdotq_s32(vdotq_s32(z, n0_1a, y2_1a), n0_1b, y2_1b), rw0.sc_lo, 1);
        t03 = vmlaq_laneq_s32(t03, vdotq_s32(vdotq_s32(z, n0_1a, y3_1a), n0_1b, y3_1b), rw0.sc_lo, 1);
        const int8x16_t n1_1a = vreinterpretq_s8_u8(vshrq_n_u8(q1_0a, 4));
        const int8x16_t n1_1b = vreinterpretq_s8_u8(vshrq_n_u8(q1_0b, 4));
        t10 = vmlaq_laneq_s32(t10, vdotq_s32(vdotq_s32(z, n1_1a, y0_1a), n1_1b, y0_1b), rw1.sc_lo, 1);
        t11 = vmlaq_laneq_s32(t11, vdotq_s32(vdotq_s32(z, n1_1a, y1_1a), n1_1b, y1_1b), rw1.sc_lo, 1);
        t12 = vmlaq_laneq_s32(t12, vdotq_s32(vdotq_s32(z, n1_1a, y2_1a), n1_1b, y2_1b), rw1.sc_lo, 1);
        t13 = vmlaq_laneq_s32(t13, vdotq_s32(vdotq_s32(z, n1_1a, y3_1a), n1_1b, y3_1b), rw1.sc_lo, 1);
        /* qs[32..63]: sub-blocks 2 (low nibbles) and 3 (high) */
        const uint8x16_t q0_1a = vld1q_u8(x0 + 48), q0_1b = vld1q_u8(x0 + 64);
        const uint8x16_t q1_1a = vld1q_u8(x1 + 48), q1_1b = vld1q_u8(x1 + 64);
        const int8x16_t y0_2a = vreinterpretq_s8_u8(vld1q_u8(a0 + 68));
        const int8x16_t y0_2b = vreinterpretq_s8_u8(vld1q_u8(a0 + 84));
        const int8x16_t y1_2a = vreinterpretq_s8_u8(vld1q_u8(a1 + 68));
        const int8x16_t y1_2b = vreinterpretq_s8_u8(vld1q_u8(a1 + 84));
        const int8x16_t y2_2a = vreinterpretq_s8_u8(vld1q_u8(a2 + 68));
        const int8x16_t y2_2b = vreinterpretq_s8_u8(vld1q_u8(a2 + 84));
        const int8x16_t y3_2a = vreinterpretq_s8_u8(vld1q_u8(a3 + 68));
        const int8x16_t y3_2b = vreinterpretq_s8_u8(vld1q_u8(a3 + 84));
        const int8x16_t n0_2a = vreinterpretq_s8_u8(vandq_u8(q0_1a, m4));
        const int8x16_t n0_2b = vreinterpretq_s8_u8(vandq_u8(q0_1b, m4));
        t00 = vmlaq_laneq_s32(t00, vdotq_s32(vdotq_s32(z, n0_2a, y0_2a), n0_2b, y0_2b), rw0.sc_lo, 2);
        t01 = vmlaq_laneq_s32(t01, vdotq_s32(vdotq_s32(z, n0_2a, y1_2a), n0_2b, y1_2b), rw0.sc_lo, 2);
        t02 = vmlaq_laneq_s32(t02, vdotq_s32(vdotq_s32(z, n0_2a, y2_2a), n0_2b, y2_2b), rw0.sc_lo, 2);
        t03 = vmlaq_laneq_s32(t03, vdotq_s32(vdotq_s32(z, n0_2a, y3_2a), n0_2b, y3_2b), rw0.sc_lo, 2);
        const int8x16_t n1_2a = vreinterpretq_s8_u8(vandq_u8(q1_1a, m4));
        const int8x16_t n1_2b = vreinterpretq_s8_u8(vandq_u8(q1_1b, m4));
        t10 = vmlaq_laneq_s32(t10, vdotq_s32(vdotq_s32(z, n1_2a, y0_2a), n1_2b, y0_2b), rw1.sc_lo, 2);
        t11 = vmlaq_laneq_s32(t11, vdotq_s32(vdotq_s32(z, n1_2a, y1_2a), n1_2b, y1_2b), rw1.sc_lo, 2);
        t12 = vmlaq_laneq_s32(t12, vdotq_s32(vdotq_s32(z, n1_2a, y2_2a), n1_2b, y2_2b), rw1.sc_lo, 2);
        t13 = vmlaq_laneq_s32(t13, vdotq_s32(vdotq_s32(z, n1_2a, y3_2a), n1_2b, y3_2b), rw1.sc_lo, 2);
        const int8x16_t y0_3a = vreinterpretq_s8_u8(vld1q_u8(a0 + 100));
        const int8x16_t y0_3b = vreinterpretq_s8_u8(vld1q_u8(a0 + 116));
        const int8x16_t y1_3a = vreinterpretq_s8_u8(vld1q_u8(a1 + 100));
        const int8x16_t y1_3b = vreinterpretq_s8_u8(vld1q_u8(a1 + 116));
        const int8x16_t y2_3a = vreinterpretq_s8_u8(vld1q_u8(a2 + 100));
        const int8x16_t y2_3b = vreinterpretq_s8_u8(vld1q_u8(a2 + 116));
        const int8x16_t y3_3a = vreinterpretq_s8_u8(vld1q_u8(a3 + 100));
        const int8x16_t y3_3b = vreinterpretq_s8_u8(vld1q_u8(a3 + 116));
        const int8x16_t n0_3a = vreinterpretq_s8_u8(vshrq_n_u8(q0_1a, 4));
        const int8x16_t n0_3b = vreinterpretq_s8_u8(vshrq_n_u8(q0_1b, 4));
        t00 = vmlaq_laneq_s32(t00, vdotq_s32(vdotq_s32(z, n0_3a, y0_3a), n0_3b, y0_3b), rw0.sc_lo, 3);
        t01 = vmlaq_laneq_s32(t01, vdotq_s32(vdotq_s32(z, n0_3a, y1_3a), n0_3b, y1_3b), rw0.sc_lo, 3);
        t02 = vmlaq_laneq_s32(t02, vdotq_s32(vdotq_s32(z, n0_3a, y2_3a), n0_3b, y2_3b), rw0.sc_lo, 3);
        t03 = vmlaq_laneq_s32(t03, vdotq_s32(vdotq_s32(z, n0_3a, y3_3a), n0_3b, y3_3b), rw0.sc_lo, 3);
        const int8x16_t n1_3a = vreinterpretq_s8_u8(vshrq_n_u8(q1_1a, 4));
        const int8x16_t n1_3b = vreinterpretq_s8_u8(vshrq_n_u8(q1_1b, 4));
        t10 = vmlaq_laneq_s32(t10, vdotq_s32(vdotq_s32(z, n1_3a, y0_3a), n1_3b, y0_3b), rw1.sc_lo, 3);
        t11 = vmlaq_laneq_s32(t11, vdotq_s32(vdotq_s32(z, n1_3a, y1_3a), n1_3b, y1_3b), rw1.sc_lo, 3);
        t12 = vmlaq_laneq_s32(t12, vdotq_s32(vdotq_s32(z, n1_3a, y2_3a), n1_3b, y2_3b), rw1.sc_lo, 3);
        t13 = vmlaq_laneq_s32(t13, vdotq_s32(vdotq_s32(z, n1_3a, y3_3a), n1_3b, y3_3b), rw1.sc_lo, 3);
        /* qs[64..95]: sub-blocks 4 (low nibbles) and 5 (high) */
        const uint8x16_t q0_2a = vld1q_u8(x0 + 80), q0_2b = vld1q_u8(x0 + 96);
        const uint8x16_t q1_2a = vld1q_u8(x1 + 80), q1_2b = vld1q_u8(x1 + 96);
        const int8x16_t y0_4a = vreinterpretq_s8_u8(vld1q_u8(a0 + 132));
        const int8x16_t y0_4b = vreinterpretq_s8_u8(vld1q_u8(a0 + 148));
        const int8x16_t y1_4a = vreinterpretq_s8_u8(vld1q_u8(a1 + 132));
        const int8x16_t y1_4b = vreinterpretq_s8_u8(vld1q_u8(a1 + 148));
        const int8x16_t y2_4a = vreinterpretq_s8_u8(vld1q_u8(a2 + 132));
        const int8x16_t y2_4b = vreinterpretq_s8_u8(vld1q_u8(a2 + 148));
        const int8x16_t y3_4a = vreinterpretq_s8_u8(vld1q_u8(a3 + 132));
        const int8x16_t y3_4b = vreinterpretq_s8_u8(vld1q_u8(a3 + 148));
        const int8x16_t n0_4a = vreinterpretq_s8_u8(vandq_u8(q0_2a, m4));
        const int8x16_t n0_4b = vreinterpretq_s8_u8(vandq_u8(q0_2b, m4));
        t00 = vmlaq_laneq_s32(t00, vdotq_s32(vdotq_s32(z, n0_4a, y0_4a), n0_4b, y0_4b), rw0.sc_hi, 0);
        t01 = vmlaq_laneq_s32(t01, vdotq_s32(vdotq_s32(z, n0_4a, y1_4a), n0_4b, y1_4b), rw0.sc_hi, 0);
        t02 = vmlaq_laneq_s32(t02, vdotq_s32(vdotq_s32(z, n0_4a, y2_4a), n0_4b, y2_4b), rw0.sc_hi, 0);
        t03 = vmlaq_laneq_s32(t03, vdotq_s32(vdotq_s32(z, n0_4a, y3_4a), n0_4b, y3_4b), rw0.sc_hi, 0);
        const int8x16_t n1_4a = vreinterpretq_s8_u8(vandq_u8(q1_2a, m4));
        const int8x16_t n1_4b = vreinterpretq_s8_u8(vandq_u8(q1_2b, m4));
        t10 = vmlaq_laneq_s32(t10, vdotq_s32(vdotq_s32(z, n1_4a, y0_4a), n1_4b, y0_4b), rw1.sc_hi, 0);
        t11 = vmlaq_laneq_s32(t11, vdotq_s32(vdotq_s32(z, n1_4a, y1_4a), n1_4b, y1_4b), rw1.sc_hi, 0);
        t12 = vmlaq_laneq_s32(t12, vdotq_s32(vdotq_s32(z, n1_4a, y2_4a), n1_4b, y2_4b), rw1.sc_hi, 0);
        t13 = vmlaq_laneq_s32(t13, vdotq_s32(vdotq_s32(z, n1_4a, y3_4a), n1_4b, y3_4b), rw1.sc_hi, 0);
        const int8x16_t y0_5a = vreinterpretq_s8_u8(vld1q_u8(a0 + 164));
        const int8x16_t y0_5b = vreinterpretq_s8_u8(vld1q_u8(a0 + 180));
        const int8x16_t y1_5a = vreinterpretq_s8_u8(vld1q_u8(a1 + 164));
        const int8x16_t y1_5b = vreinterpretq_s8_u8(vld1q_u8(a1 + 180));
        const int8x16_t y2_5a = vreinterpretq_s8_u8(vld1q_u8(a2 + 164));
        const int8x16_t y2_5b = vreinterpretq_s8_u8(vld1q_u8(a2 + 180));
        const int8x16_t y3_5a = vreinterpretq_s8_u8(vld1q_u8(a3 + 164));
        const int8x16_t y3_5b = vreinterpretq_s8_u8(vld1q_u8(a3 + 180));
        const int8x16_t n0_5a = vreinterpretq_s8_u8(vshrq_n_u8(q0_2a, 4));
        const int8x16_t n0_5b = vreinterpretq_s8_u8(vshrq_n_u8(q0_2b, 4));
        t00 = vmlaq_laneq_s32(t00, vdotq_s32(vdotq_s32(z, n0_5a, y0_5a), n0_5b, y0_5b), rw0.sc_hi, 1);
        t01 = vmlaq_laneq_s32(t01, vdotq_s32(vdotq_s32(z, n0_5a, y1_5a), n0_5b, y1_5b), rw0.sc_hi, 1);
        t02 = vmlaq_laneq_s32(t02, vdotq_s32(vdotq_s32(z, n0_5a, y2_5a), n0_5b, y2_5b), rw0.sc_hi, 1);
        t03 = vmlaq_laneq_s32(t03, vdotq_s32(vdotq_s32(z, n0_5a, y3_5a), n0_5b, y3_5b), rw0.sc_hi, 1);
        const int8x16_t n1_5a = vreinterpretq_s8_u8(vshrq_n_u8(q1_2a, 4));
        const int8x16_t n1_5b = vreinterpretq_s8_u8(vshrq_n_u8(q1_2b, 4));
        t10 = vmlaq_laneq_s32(t10, vdotq_s32(vdotq_s32(z, n1_5a, y0_5a), n1_5b, y0_5b), rw1.sc_hi, 1);
        t11 = vmlaq_laneq_s32(t11, vdotq_s32(vdotq_s32(z, n1_5a, y1_5a), n1_5b, y1_5b), rw1.sc_hi, 1);
        t12 = vmlaq_laneq_s32(t12, vdotq_s32(vdotq_s32(z, n1_5a, y2_5a), n1_5b, y2_5b), rw1.sc_hi, 1);
        t13 = vmlaq_laneq_s32(t13, vdotq_s32(vdotq_s32(z, n1_5a, y3_5a), n1_5b, y3_5b), rw1.sc_hi, 1);
        /* qs[96..127]: sub-blocks 6 (low nibbles) and 7 (high) */
        const uint8x16_t q0_3a = vld1q_u8(x0 + 112), q0_3b = vld1q_u8(x0 + 128);
        const uint8x16_t q1_3a = vld1q_u8(x1 + 112), q1_3b = vld1q_u8(x1 + 128);
        const int8x16_t y0_6a = vreinterpretq_s8_u8(vld1q_u8(a0 + 196));
        const int8x16_t y0_6b = vreinterpretq_s8_u8(vld1q_u8(a0 + 212));
        const int8x16_t y1_6a = vreinterpretq_s8_u8(vld1q_u8(a1 + 196));
        const int8x16_t y1_6b = vreinterpretq_s8_u8(vld1q_u8(a1 + 212));
        const int8x16_t y2_6a = vreinterpretq_s8_u8(vld1q_u8(a2 + 196));
        const int8x16_t y2_6b = vreinterpretq_s8_u8(vld1q_u8(a2 + 212));
        const int8x16_t y3_6a = vreinterpretq_s8_u8(vld1q_u8(a3 + 196));
        const int8x16_t y3_6b = vreinterpretq_s8_u8(vld1q_u8(a3 + 212));
        const int8x16_t n0_6a = vreinterpretq_s8_u8(vandq_u8(q0_3a, m4));
        const int8x16_t n0_6b = vreinterpretq_s8_u8(vandq_u8(q0_3b, m4));
        t00 = vmlaq_laneq_s32(t00, vdotq_s32(vdotq_s32(z, n0_6a, y0_6a), n0_6b, y0_6b), rw0.sc_hi, 2);
        t01 = vmlaq_laneq_s32(t01, vdotq_s32(vdotq_s32(z, n0_6a, y1_6a), n0_6b, y1_6b), rw0.sc_hi, 2);
        t02 = vmlaq_laneq_s32(t02, vdotq_s32(vdotq_s32(z, n0_6a, y2_6a), n0_6b, y2_6b), rw0.sc_hi, 2);
        t03 = vmlaq_laneq_s32(t03, vdotq_s32(vdotq_s32(z, n0_6a, y3_6a), n0_6b, y3_6b), rw0.sc_hi, 2);
        const int8x16_t n1_6a = vreinterpretq_s8_u8(vandq_u8(q1_3a, m4));
        const int8x16_t n1_6b = vreinterpretq_s8_u8(vandq_u8(q1_3b, m4));
        t10 = vmlaq_laneq_s32(t10, vdotq_s32(vdotq_s32(z, n1_6a, y0_6a), n1_6b, y0_6b), rw1.sc_hi, 2);
        t11 = vmlaq_laneq_s32(t11, vdotq_s32(vdotq_s32(z, n1_6a, y1_6a), n1_6b, y1_6b), rw1.sc_hi, 2);
        t12 = vmlaq_laneq_s32(t12, vdotq_s32(vdotq_s32(z, n1_6a, y2_6a), n1_6b, y2_6b), rw1.sc_hi, 2);
        t13 = vmlaq_laneq_s32(t13, vdotq_s32(vdotq_s32(z, n1_6a, y3_6a), n1_6b, y3_6b), rw1.sc_hi, 2);
        const int8x16_t y0_7a = vreinterpretq_s8_u8(vld1q_u8(a0 + 228));
        const int8x16_t y0_7b = vreinterpretq_s8_u8(vld1q_u8(a0 + 244));
        const int8x16_t y1_7a = vreinterpretq_s8_u8(vld1q_u8(a1 + 228));
        const int8x16_t y1_7b = vreinterpretq_s8_u8(vld1q_u8(a1 + 244));
        const int8x16_t y2_7a = vreinterpretq_s8_u8(vld1q_u8(a2 + 228));
        const int8x16_t y2_7b = vreinterpretq_s8_u8(vld1q_u8(a2 + 244));
        const int8x16_t y3_7a = vreinterpretq_s8_u8(vld1q_u8(a3 + 228));
        const int8x16_t y3_7b = vreinterpretq_s8_u8(vld1q_u8(a3 + 244));
        const int8x16_t n0_7a = vreinterpretq_s8_u8(vshrq_n_u8(q0_3a, 4));
        const int8x16_t n0_7b = vreinterpretq_s8_u8(vshrq_n_u8(q0_3b, 4));
        t00 = vmlaq_laneq_s32(t00, vdotq_s32(vdotq_s32(z, n0_7a, y0_7a), n0_7b, y0_7b), rw0.sc_hi, 3);
        t01 = vmlaq_laneq_s32(t01, vdotq_s32(vdotq_s32(z, n0_7a, y1_7a), n0_7b, y1_7b), rw0.sc_hi, 3);
        t02 = vmlaq_laneq_s32(t02, vdotq_s32(vdotq_s32(z, n0_7a, y2_7a), n0_7b, y2_7b), rw0.sc_hi, 3);
        t03 = vmlaq_laneq_s32(t03, vdotq_s32(vdotq_s32(z, n0_7a, y3_7a), n0_7b, y3_7b), rw0.sc_hi, 3);
        const int8x16_t n1_7a = vreinterpretq_s8_u8(vshrq_n_u8(q1_3a, 4));
        const int8x16_t n1_7b = vreinterpretq_s8_u8(vshrq_n_u8(q1_3b, 4));
        t10 = vmlaq_laneq_s32(t10, vdotq_s32(vdotq_s32(z, n1_7a, y0_7a), n1_7b, y0_7b), rw1.sc_hi, 3);
        t11 = vmlaq_laneq_s32(t11, vdotq_s32(vdotq_s32(z, n1_7a, y1_7a), n1_7b, y1_7b), rw1.sc_hi, 3);
        t12 = vmlaq_laneq_s32(t12, vdotq_s32(vdotq_s32(z, n1_7a, y2_7a), n1_7b, y2_7b), rw1.sc_hi, 3);
        t13 = vmlaq_laneq_s32(t13, vdotq_s32(vdotq_s32(z, n1_7a, y3_7a), n1_7b, y3_7b), rw1.sc_hi, 3);
        const int32x4_t isum0_h = vpaddq_s32(t00, t10);
        const int32x4_t isum0 = vpaddq_s32(isum0_h, isum0_h);
        const int32x4_t isum1_h = vpaddq_s32(t01, t11);
        const int32x4_t isum1 = vpaddq_s32(isum1_h, isum1_h);
        const int32x4_t isum2_h = vpaddq_s32(t02, t12);
        const int32x4_t isum2 = vpaddq_s32(isum2_h, isum2_h);
        const int32x4_t isum3_h = vpaddq_s32(t03, t13);
        const int32x4_t isum3 = vpaddq_s32(isum3_h, isum3_h);
        acc0 = q4k_mv_fstep(acc0, d, dmin, d8_0, isum0, imin0);
        acc1 = q4k_mv_fstep(acc1, d, dmin, d8_1, isum1, imin1);
        acc2 = q4k_mv_fstep(acc2, d, dmin, d8_2, isum2, imin2);
        acc3 = q4k_mv_fstep(acc3, d, dmin, d8_3, isum3, imin3);
        x0 += 144;
        x1 += 144;
        a0 += Q8K_BLOCK_BYTES;
        a1 += Q8K_BLOCK_BYTES;
        a2 += Q8K_BLOCK_BYTES;
        a3 += Q8K_BLOCK_BYTES;
    }
    q4k_mv_store2(y + 0 * ldy, acc0);
    q4k_mv_store2(y + 1 * ldy, acc1);
    q4k_mv_store2(y + 2 * ldy, acc2);
    q4k_mv_store2(y + 3 * ldy, acc3);
}

/* 4 rows x 4 vectors, sdot, packed weights (w: the tile's first group): y[v * ldy + r] for r < 4, v < 4. Not inlined: the
 * block loop is inside, so a call per tile costs nothing, and one copy
 * serves every variant and tail that uses the tile. */
static __attribute__((noinline)) void q4k_mv_sdot_r4_c4_packed(const uint8_t *w, size_t n_bpr, const uint8_t *xq, float *y, size_t ldy)
{
    const size_t xs = n_bpr * Q8K_BLOCK_BYTES;
    const uint8x16_t m4 = vdupq_n_u8(0x0f);
    const int32x4_t z = vdupq_n_s32(0);
    /* tbl indices: sub-block j's scale of rows 0..3 (bytes j, 8 + j, 16 + j,
     * 24 + j of the rows' scale bytes), one int32 lane each */
    static const uint8_t scq_idx[8][16] = {
        {0, 255, 255, 255, 8, 255, 255, 255, 16, 255, 255, 255, 24, 255, 255, 255},
        {1, 255, 255, 255, 9, 255, 255, 255, 17, 255, 255, 255, 25, 255, 255, 255},
        {2, 255, 255, 255, 10, 255, 255, 255, 18, 255, 255, 255, 26, 255, 255, 255},
        {3, 255, 255, 255, 11, 255, 255, 255, 19, 255, 255, 255, 27, 255, 255, 255},
        {4, 255, 255, 255, 12, 255, 255, 255, 20, 255, 255, 255, 28, 255, 255, 255},
        {5, 255, 255, 255, 13, 255, 255, 255, 21, 255, 255, 255, 29, 255, 255, 255},
        {6, 255, 255, 255, 14, 255, 255, 255, 22, 255, 255, 255, 30, 255, 255, 255},
        {7, 255, 255, 255, 15, 255, 255, 255, 23, 255, 255, 255, 31, 255, 255, 255},
    };
    const uint8_t *x = w;
    const uint8_t *a0 = xq + 0 * xs;
    float32x4_t acc0 = vdupq_n_f32(0.0f);
    const uint8_t *a1 = xq + 1 * xs;
    float32x4_t acc1 = vdupq_n_f32(0.0f);
    const uint8_t *a2 = xq + 2 * xs;
    float32x4_t acc2 = vdupq_n_f32(0.0f);
    const uint8_t *a3 = xq + 3 * xs;
    float32x4_t acc3 = vdupq_n_f32(0.0f);
    for (size_t b = 0; b < n_bpr; b++) {
        float32x4_t d, dmin;
        /* d[0..3] dmin[0..3]: 8 fp16 as stored */
        const float16x8_t dmh = vreinterpretq_f16_u8(vld1q_u8(x));
        d = vcvt_f32_f16(vget_low_f16(dmh));
        dmin = vcvt_high_f32_f16(dmh);
        const int16x8_t m16_0 = vreinterpretq_s16_u16(vmovl_u8(vld1_u8(x + q4k_packed_off_m(4) + 0)));
        const int16x8_t m16_1 = vreinterpretq_s16_u16(vmovl_u8(vld1_u8(x + q4k_packed_off_m(4) + 8)));
        const int16x8_t m16_2 = vreinterpretq_s16_u16(vmovl_u8(vld1_u8(x + q4k_packed_off_m(4) + 16)));
        const int16x8_t m16_3 = vreinterpretq_s16_u16(vmovl_u8(vld1_u8(x + q4k_packed_off_m(4) + 24)));
        const float d8_0 = q4k_mv_d8(a0);
        const int16x8_t bs0 = q4k_mv_bsums(a0);
        const float d8_1 = q4k_mv_d8(a1);
        const int16x8_t bs1 = q4k_mv_bsums(a1);
        const float d8_2 = q4k_mv_d8(a2);
        const int16x8_t bs2 = q4k_mv_bsums(a2);
        const float d8_3 = q4k_mv_d8(a3);
        const int16x8_t bs3 = q4k_mv_bsums(a3);
        const int32x4_t imin0 = vpaddq_s32(vpaddq_s32(q4k_mv_imin(m16_0, bs0), q4k_mv_imin(m16_1, bs0)), vpaddq_s32(q4k_mv_imin(m16_2, bs0), q4k_mv_imin(m16_3, bs0)));
        const int32x4_t imin1 = vpaddq_s32(vpaddq_s32(q4k_mv_imin(m16_0, bs1), q4k_mv_imin(m16_1, bs1)), vpaddq_s32(q4k_mv_imin(m16_2, bs1), q4k_mv_imin(m16_3, bs1)));
        const int32x4_t imin2 = vpaddq_s32(vpaddq_s32(q4k_mv_imin(m16_0, bs2), q4k_mv_imin(m16_1, bs2)), vpaddq_s32(q4k_mv_imin(m16_2, bs2), q4k_mv_imin(m16_3, bs2)));
        const int32x4_t imin3 = vpaddq_s32(vpaddq_s32(q4k_mv_imin(m16_0, bs3), q4k_mv_imin(m16_1, bs3)), vpaddq_s32(q4k_mv_imin(m16_2, bs3), q4k_mv_imin(m16_3, bs3)));
        const uint8x16x2_t sctq = {{vld1q_u8(x + q4k_packed_off_sc(4)), vld1q_u8(x + q4k_packed_off_sc(4) + 16)}};
        int32x4_t t0 = z;
        int32x4_t t1 = z;
        int32x4_t t2 = z;
        int32x4_t t3 = z;
        /* qs[0..31]: sub-blocks 0 (low nibbles) and 1 (high) */
        const uint8x16_t q0_0a = vld1q_u8(x + q4k_packed_off_qs(4) + 0), q0_0b = vld1q_u8(x + q4k_packed_off_qs(4) + 16);
        const uint8x16_t q1_0a = vld1q_u8(x + q4k_packed_off_qs(4) + 128), q1_0b = vld1q_u8(x + q4k_packed_off_qs(4) + 144);
        const uint8x16_t q2_0a = vld1q_u8(x + q4k_packed_off_qs(4) + 256), q2_0b = vld1q_u8(x + q4k_packed_off_qs(4) + 272);
        const uint8x16_t q3_0a = vld1q_u8(x + q4k_packed_off_qs(4) + 384), q3_0b = vld1q_u8(x + q4k_packed_off_qs(4) + 400);
        const int8x16_t y0_0a = vreinterpretq_s8_u8(vld1q_u8(a0 + 4));
        const int8x16_t y0_0b = vreinterpretq_s8_u8(vld1q_u8(a0 + 20));
        const int8x16_t y1_0a = vreinterpretq_s8_u8(vld1q_u8(a1 + 4));
        const int8x16_t y1_0b = vreinterpretq_s8_u8(vld1q_u8(a1 + 20));
        const int8x16_t y2_0a = vreinterpretq_s8_u8(vld1q_u8(a2 + 4));
        const int8x16_t y2_0b = vreinterpretq_s8_u8(vld1q_u8(a2 + 20));
        const int8x16_t y3_0a = vreinterpretq_s8_u8(vld1q_u8(a3 + 4));
        const int8x16_t y3_0b = vreinterpretq_s8_u8(vld1q_u8(a3 + 20));
        const int32x4_t scq_0 = vreinterpretq_s32_u8(vqtbl2q_u8(sctq, vld1q_u8(scq_idx[0])));
        const int8x16_t n0_0a = vreinterpretq_s8_u8(vandq_u8(q0_0a, m4));
        const int8x16_t n0_0b = vreinterpretq_s8_u8(vandq_u8(q0_0b, m4));
        const int8x16_t n1_0a = vreinterpretq_s8_u8(vandq_u8(q1_0a, m4));
        const int8x16_t n1_0b = vreinterpretq_s8_u8(vandq_u8(q1_0b, m4));
        const int8x16_t n2_0a = vreinterpretq_s8_u8(vandq_u8(q2_0a, m4));
        const int8x16_t n2_0b = vreinterpretq_s8_u8(vandq_u8(q2_0b, m4));
        const int8x16_t n3_0a = vreinterpretq_s8_u8(vandq_u8(q3_0a, m4));
        const int8x16_t n3_0b = vreinterpretq_s8_u8(vandq_u8(q3_0b, m4));
        t0 = vmlaq_s32(t0, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_0a, y0_0a), n0_0b, y0_0b), vdotq_s32(vdotq_s32(z, n1_0a, y0_0a), n1_0b, y0_0b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_0a, y0_0a), n2_0b, y0_0b), vdotq_s32(vdotq_s32(z, n3_0a, y0_0a), n3_0b, y0_0b))), scq_0);
        t1 = vmlaq_s32(t1, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_0a, y1_0a), n0_0b, y1_0b), vdotq_s32(vdotq_s32(z, n1_0a, y1_0a), n1_0b, y1_0b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_0a, y1_0a), n2_0b, y1_0b), vdotq_s32(vdotq_s32(z, n3_0a, y1_0a), n3_0b, y1_0b))), scq_0);
        t2 = vmlaq_s32(t2, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_0a, y2_0a), n0_0b, y2_0b), vdotq_s32(vdotq_s32(z, n1_0a, y2_0a), n1_0b, y2_0b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_0a, y2_0a), n2_0b, y2_0b), vdotq_s32(vdotq_s32(z, n3_0a, y2_0a), n3_0b, y2_0b))), scq_0);
        t3 = vmlaq_s32(t3, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_0a, y3_0a), n0_0b, y3_0b), vdotq_s32(vdotq_s32(z, n1_0a, y3_0a), n1_0b, y3_0b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_0a, y3_0a), n2_0b, y3_0b), vdotq_s32(vdotq_s32(z, n3_0a, y3_0a), n3_0b, y3_0b))), scq_0);
        const int8x16_t y0_1a = vreinterpretq_s8_u8(vld1q_u8(a0 + 36));
        const int8x16_t y0_1b = vreinterpretq_s8_u8(vld1q_u8(a0 + 52));
        const int8x16_t y1_1a = vreinterpretq_s8_u8(vld1q_u8(a1 + 36));
        const int8x16_t y1_1b = vreinterpretq_s8_u8(vld1q_u8(a1 + 52));
        const int8x16_t y2_1a = vreinterpretq_s8_u8(vld1q_u8(a2 + 36));
        const int8x16_t y2_1b = vreinterpretq_s8_u8(vld1q_u8(a2 + 52));
        const int8x16_t y3_1a = vreinterpretq_s8_u8(vld1q_u8(a3 + 36));
        const int8x16_t y3_1b = vreinterpretq_s8_u8(vld1q_u8(a3 + 52));
        const int32x4_t scq_1 = vreinterpretq_s32_u8(vqtbl2q_u8(sctq, vld1q_u8(scq_idx[1])));
        const int8x16_t n0_1a = vreinterpretq_s8_u8(vshrq_n_u8(q0_0a, 4));
        const int8x16_t n0_1b = vreinterpretq_s8_u8(vshrq_n_u8(q0_0b, 4));
        const int8x16_t n1_1a = vreinterpretq_s8_u8(vshrq_n_u8(q1_0a, 4));
        const int8x16_t n1_1b = vreinterpretq_s8_u8(vshrq_n_u8(q1_0b, 4));
        const int8x16_t n2_1a = vreinterpretq_s8_u8(vshrq_n_u8(q2_0a, 4));
        const int8x16_t n2_1b = vreinterpretq_s8_u8(vshrq_n_u8(q2_0b, 4));
        const int8x16_t n3_1a = vreinterpretq_s8_u8(vshrq_n_u8(q3_0a, 4));
        const int8x16_t n3_1b = vreinterpretq_s8_u8(vshrq_n_u8(q3_0b, 4));
        t0 = vmlaq_s32(t0, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_1a, y0_1a), n0_1b, y0_1b), vdotq_s32(vdotq_s32(z, n1_1a, y0_1a), n1_1b, y0_1b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_1a, y0_1a), n2_1b, y0_1b), vdotq_s32(vdotq_s32(z, n3_1a, y0_1a), n3_1b, y0_1b))), scq_1);
        t1 = vmlaq_s32(t1, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_1a, y1_1a), n0_1b, y1_1b), vdotq_s32(vdotq_s32(z, n1_1a, y1_1a), n1_1b, y1_1b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_1a, y1_1a), n2_1b, y1_1b), vdotq_s32(vdotq_s32(z, n3_1a, y1_1a), n3_1b, y1_1b))), scq_1);
        t2 = vmlaq_s32(t2, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_1a, y2_1a), n0_1b, y2_1b), vdotq_s32(vdotq_s32(z, n1_1a, y2_1a), n1_1b, y2_1b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_1a, y2_1a), n2_1b, y2_1b), vdotq_s32(vdotq_s32(z, n3_1a, y2_1a), n3_1b, y2_1b))), scq_1);
        t3 = vmlaq_s32(t3, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_1a, y3_1a), n0_1b, y3_1b), vdotq_s32(vdotq_s32(z, n1_1a, y3_1a), n1_1b, y3_1b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_1a, y3_1a), n2_1b, y3_1b), vdotq_s32(vdotq_s32(z, n3_1a, y3_1a), n3_1b, y3_1b))), scq_1);
        /* qs[32..63]: sub-blocks 2 (low nibbles) and 3 (high) */
        const uint8x16_t q0_1a = vld1q_u8(x + q4k_packed_off_qs(4) + 32), q0_1b = vld1q_u8(x + q4k_packed_off_qs(4) + 48);
        const uint8x16_t q1_1a = vld1q_u8(x + q4k_packed_off_qs(4) + 160), q1_1b = vld1q_u8(x + q4k_packed_off_qs(4) + 176);
        const uint8x16_t q2_1a = vld1q_u8(x + q4k_packed_off_qs(4) + 288), q2_1b = vld1q_u8(x + q4k_packed_off_qs(4) + 304);
        const uint8x16_t q3_1a = vld1q_u8(x + q4k_packed_off_qs(4) + 416), q3_1b = vld1q_u8(x + q4k_packed_off_qs(4) + 432);
        const int8x16_t y0_2a = vreinterpretq_s8_u8(vld1q_u8(a0 + 68));
        const int8x16_t y0_2b = vreinterpretq_s8_u8(vld1q_u8(a0 + 84));
        const int8x16_t y1_2a = vreinterpretq_s8_u8(vld1q_u8(a1 + 68));
        const int8x16_t y1_2b = vreinterpretq_s8_u8(vld1q_u8(a1 + 84));
        const int8x16_t y2_2a = vreinterpretq_s8_u8(vld1q_u8(a2 + 68));
        const int8x16_t y2_2b = vreinterpretq_s8_u8(vld1q_u8(a2 + 84));
        const int8x16_t y3_2a = vreinterpretq_s8_u8(vld1q_u8(a3 + 68));
        const int8x16_t y3_2b = vreinterpretq_s8_u8(vld1q_u8(a3 + 84));
        const int32x4_t scq_2 = vreinterpretq_s32_u8(vqtbl2q_u8(sctq, vld1q_u8(scq_idx[2])));
        const int8x16_t n0_2a = vreinterpretq_s8_u8(vandq_u8(q0_1a, m4));
        const int8x16_t n0_2b = vreinterpretq_s8_u8(vandq_u8(q0_1b, m4));
        const int8x16_t n1_2a = vreinterpretq_s8_u8(vandq_u8(q1_1a, m4));
        const int8x16_t n1_2b = vreinterpretq_s8_u8(vandq_u8(q1_1b, m4));
        const int8x16_t n2_2a = vreinterpretq_s8_u8(vandq_u8(q2_1a, m4));
        const int8x16_t n2_2b = vreinterpretq_s8_u8(vandq_u8(q2_1b, m4));
        const int8x16_t n3_2a = vreinterpretq_s8_u8(vandq_u8(q3_1a, m4));
        const int8x16_t n3_2b = vreinterpretq_s8_u8(vandq_u8(q3_1b, m4));
        t0 = vmlaq_s32(t0, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_2a, y0_2a), n0_2b, y0_2b), vdotq_s32(vdotq_s32(z, n1_2a, y0_2a), n1_2b, y0_2b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_2a, y0_2a), n2_2b, y0_2b), vdotq_s32(vdotq_s32(z, n3_2a, y0_2a), n3_2b, y0_2b))), scq_2);
        t1 = vmlaq_s32(t1, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_2a, y1_2a), n0_2b, y1_2b), vdotq_s32(vdotq_s32(z, n1_2a, y1_2a), n1_2b, y1_2b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_2a, y1_2a), n2_2b, y1_2b), vdotq_s32(vdotq_s32(z, n3_2a, y1_2a), n3_2b, y1_2b))), scq_2);
        t2 = vmlaq_s32(t2, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_2a, y2_2a), n0_2b, y2_2b), vdotq_s32(vdotq_s32(z, n1_2a, y2_2a), n1_2b, y2_2b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_2a, y2_2a), n2_2b, y2_2b), vdotq_s32(vdotq_s32(z, n3_2a, y2_2a), n3_2b, y2_2b))), scq_2);
        t3 = vmlaq_s32(t3, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_2a, y3_2a), n0_2b, y3_2b), vdotq_s32(vdotq_s32(z, n1_2a, y3_2a), n1_2b, y3_2b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_2a, y3_2a), n2_2b, y3_2b), vdotq_s32(vdotq_s32(z, n3_2a, y3_2a), n3_2b, y3_2b))), scq_2);
        const int8x16_t y0_3a = vreinterpretq_s8_u8(vld1q_u8(a0 + 100));
        const int8x16_t y0_3b = vreinterpretq_s8_u8(vld1q_u8(a0 + 116));
        const int8x16_t y1_3a = vreinterpretq_s8_u8(vld1q_u8(a1 + 100));
        const int8x16_t y1_3b = vreinterpretq_s8_u8(vld1q_u8(a1 + 116));
        const int8x16_t y2_3a = vreinterpretq_s8_u8(vld1q_u8(a2 + 100));
        const int8x16_t y2_3b = vreinterpretq_s8_u8(vld1q_u8(a2 + 116));
        const int8x16_t y3_3a = vreinterpretq_s8_u8(vld1q_u8(a3 + 100));
        const int8x16_t y3_3b = vreinterpretq_s8_u8(vld1q_u8(a3 + 116));
        const int32x4_t scq_3 = vreinterpretq_s32_u8(vqtbl2q_u8(sctq, vld1q_u8(scq_idx[3])));
        const int8x16_t n0_3a = vreinterpretq_s8_u8(vshrq_n_u8(q0_1a, 4));
        const int8x16_t n0_3b = vreinterpretq_s8_u8(vshrq_n_u8(q0_1b, 4));
        const int8x16_t n1_3a = vreinterpretq_s8_u8(vshrq_n_u8(q1_1a, 4));
        const int8x16_t n1_3b = vreinterpretq_s8_u8(vshrq_n_u8(q1_1b, 4));
        const int8x16_t n2_3a = vreinterpretq_s8_u8(vshrq_n_u8(q2_1a, 4));
        const int8x16_t n2_3b = vreinterpretq_s8_u8(vshrq_n_u8(q2_1b, 4));
        const int8x16_t n3_3a = vreinterpretq_s8_u8(vshrq_n_u8(q3_1a, 4));
        const int8x16_t n3_3b = vreinterpretq_s8_u8(vshrq_n_u8(q3_1b, 4));
        t0 = vmlaq_s32(t0, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_3a, y0_3a), n0_3b, y0_3b), vdotq_s32(vdotq_s32(z, n1_3a, y0_3a), n1_3b, y0_3b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_3a, y0_3a), n2_3b, y0_3b), vdotq_s32(vdotq_s32(z, n3_3a, y0_3a), n3_3b, y0_3b))), scq_3);
        t1 = vmlaq_s32(t1, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_3a, y1_3a), n0_3b, y1_3b), vdotq_s32(vdotq_s32(z, n1_3a, y1_3a), n1_3b, y1_3b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_3a, y1_3a), n2_3b, y1_3b), vdotq_s32(vdotq_s32(z, n3_3a, y1_3a), n3_3b, y1_3b))), scq_3);
        t2 = vmlaq_s32(t2, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_3a, y2_3a), n0_3b, y2_3b), vdotq_s32(vdotq_s32(z, n1_3a, y2_3a), n1_3b, y2_3b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_3a, y2_3a), n2_3b, y2_3b), vdotq_s32(vdotq_s32(z, n3_3a, y2_3a), n3_3b, y2_3b))), scq_3);
        t3 = vmlaq_s32(t3, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_3a, y3_3a), n0_3b, y3_3b), vdotq_s32(vdotq_s32(z, n1_3a, y3_3a), n1_3b, y3_3b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_3a, y3_3a), n2_3b, y3_3b), vdotq_s32(vdotq_s32(z, n3_3a, y3_3a), n3_3b, y3_3b))), scq_3);
        /* qs[64..95]: sub-blocks 4 (low nibbles) and 5 (high) */
        const uint8x16_t q0_2a = vld1q_u8(x + q4k_packed_off_qs(4) + 64), q0_2b = vld1q_u8(x + q4k_packed_off_qs(4) + 80);
        const uint8x16_t q1_2a = vld1q_u8(x + q4k_packed_off_qs(4) + 192), q1_2b = vld1q_u8(x + q4k_packed_off_qs(4) + 208);
        const uint8x16_t q2_2a = vld1q_u8(x + q4k_packed_off_qs(4) + 320), q2_2b = vld1q_u8(x + q4k_packed_off_qs(4) + 336);
        const uint8x16_t q3_2a = vld1q_u8(x + q4k_packed_off_qs(4) + 448), q3_2b = vld1q_u8(x + q4k_packed_off_qs(4) + 464);
        const int8x16_t y0_4a = vreinterpretq_s8_u8(vld1q_u8(a0 + 132));
        const int8x16_t y0_4b = vreinterpretq_s8_u8(vld1q_u8(a0 + 148));
        const int8x16_t y1_4a = vreinterpretq_s8_u8(vld1q_u8(a1 + 132));
        const int8x16_t y1_4b = vreinterpretq_s8_u8(vld1q_u8(a1 + 148));
        const int8x16_t y2_4a = vreinterpretq_s8_u8(vld1q_u8(a2 + 132));
        const int8x16_t y2_4b = vreinterpretq_s8_u8(vld1q_u8(a2 + 148));
        const int8x16_t y3_4a = vreinterpretq_s8_u8(vld1q_u8(a3 + 132));
        const int8x16_t y3_4b = vreinterpretq_s8_u8(vld1q_u8(a3 + 148));
        const int32x4_t scq_4 = vreinterpretq_s32_u8(vqtbl2q_u8(sctq, vld1q_u8(scq_idx[4])));
        const int8x16_t n0_4a = vreinterpretq_s8_u8(vandq_u8(q0_2a, m4));
        const int8x16_t n0_4b = vreinterpretq_s8_u8(vandq_u8(q0_2b, m4));
        const int8x16_t n1_4a = vreinterpretq_s8_u8(vandq_u8(q1_2a, m4));
        const int8x16_t n1_4b = vreinterpretq_s8_u8(vandq_u8(q1_2b, m4));
        const int8x16_t n2_4a = vreinterpretq_s8_u8(vandq_u8(q2_2a, m4));
        const int8x16_t n2_4b = vreinterpretq_s8_u8(vandq_u8(q2_2b, m4));
        const int8x16_t n3_4a = vreinterpretq_s8_u8(vandq_u8(q3_2a, m4));
        const int8x16_t n3_4b = vreinterpretq_s8_u8(vandq_u8(q3_2b, m4));
        t0 = vmlaq_s32(t0, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_4a, y0_4a), n0_4b, y0_4b), vdotq_s32(vdotq_s32(z, n1_4a, y0_4a), n1_4b, y0_4b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_4a, y0_4a), n2_4b, y0_4b), vdotq_s32(vdotq_s32(z, n3_4a, y0_4a), n3_4b, y0_4b))), scq_4);
        t1 = vmlaq_s32(t1, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_4a, y1_4a), n0_4b, y1_4b), vdotq_s32(vdotq_s32(z, n1_4a, y1_4a), n1_4b, y1_4b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_4a, y1_4a), n2_4b, y1_4b), vdotq_s32(vdotq_s32(z, n3_4a, y1_4a), n3_4b, y1_4b))), scq_4);
        t2 = vmlaq_s32(t2, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_4a, y2_4a), n0_4b, y2_4b), vdotq_s32(vdotq_s32(z, n1_4a, y2_4a), n1_4b, y2_4b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_4a, y2_4a), n2_4b, y2_4b), vdotq_s32(vdotq_s32(z, n3_4a, y2_4a), n3_4b, y2_4b))), scq_4);
        t3 = vmlaq_s32(t3, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_4a, y3_4a), n0_4b, y3_4b), vdotq_s32(vdotq_s32(z, n1_4a, y3_4a), n1_4b, y3_4b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_4a, y3_4a), n2_4b, y3_4b), vdotq_s32(vdotq_s32(z, n3_4a, y3_4a), n3_4b, y3_4b))), scq_4);
        const int8x16_t y0_5a = vreinterpretq_s8_u8(vld1q_u8(a0 + 164));
        const int8x16_t y0_5b = vreinterpretq_s8_u8(vld1q_u8(a0 + 180));
        const int8x16_t y1_5a = vreinterpretq_s8_u8(vld1q_u8(a1 + 164));
        const int8x16_t y1_5b = vreinterpretq_s8_u8(vld1q_u8(a1 + 180));
        const int8x16_t y2_5a = vreinterpretq_s8_u8(vld1q_u8(a2 + 164));
        const int8x16_t y2_5b = vreinterpretq_s8_u8(vld1q_u8(a2 + 180));
        const int8x16_t y3_5a = vreinterpretq_s8_u8(vld1q_u8(a3 + 164));
        const int8x16_t y3_5b = vreinterpretq_s8_u8(vld1q_u8(a3 + 180));
        const int32x4_t scq_5 = vreinterpretq_s32_u8(vqtbl2q_u8(sctq, vld1q_u8(scq_idx[5])));
        const int8x16_t n0_5a = vreinterpretq_s8_u8(vshrq_n_u8(q0_2a, 4));
        const int8x16_t n0_5b = vreinterpretq_s8_u8(vshrq_n_u8(q0_2b, 4));
        const int8x16_t n1_5a = vreinterpretq_s8_u8(vshrq_n_u8(q1_2a, 4));
        const int8x16_t n1_5b = vreinterpretq_s8_u8(vshrq_n_u8(q1_2b, 4));
        const int8x16_t n2_5a = vreinterpretq_s8_u8(vshrq_n_u8(q2_2a, 4));
        const int8x16_t n2_5b = vreinterpretq_s8_u8(vshrq_n_u8(q2_2b, 4));
        const int8x16_t n3_5a = vreinterpretq_s8_u8(vshrq_n_u8(q3_2a, 4));
        const int8x16_t n3_5b = vreinterpretq_s8_u8(vshrq_n_u8(q3_2b, 4));
        t0 = vmlaq_s32(t0, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_5a, y0_5a), n0_5b, y0_5b), vdotq_s32(vdotq_s32(z, n1_5a, y0_5a), n1_5b, y0_5b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_5a, y0_5a), n2_5b, y0_5b), vdotq_s32(vdotq_s32(z, n3_5a, y0_5a), n3_5b, y0_5b))), scq_5);
        t1 = vmlaq_s32(t1, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_5a, y1_5a), n0_5b, y1_5b), vdotq_s32(vdotq_s32(z, n1_5a, y1_5a), n1_5b, y1_5b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_5a, y1_5a), n2_5b, y1_5b), vdotq_s32(vdotq_s32(z, n3_5a, y1_5a), n3_5b, y1_5b))), scq_5);
        t2 = vmlaq_s32(t2, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_5a, y2_5a), n0_5b, y2_5b), vdotq_s32(vdotq_s32(z, n1_5a, y2_5a), n1_5b, y2_5b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_5a, y2_5a), n2_5b, y2_5b), vdotq_s32(vdotq_s32(z, n3_5a, y2_5a), n3_5b, y2_5b))), scq_5);
        t3 = vmlaq_s32(t3, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_5a, y3_5a), n0_5b, y3_5b), vdotq_s32(vdotq_s32(z, n1_5a, y3_5a), n1_5b, y3_5b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_5a, y3_5a), n2_5b, y3_5b), vdotq_s32(vdotq_s32(z, n3_5a, y3_5a), n3_5b, y3_5b))), scq_5);
        /* qs[96..127]: sub-blocks 6 (low nibbles) and 7 (high) */
        const uint8x16_t q0_3a = vld1q_u8(x + q4k_packed_off_qs(4) + 96), q0_3b = vld1q_u8(x + q4k_packed_off_qs(4) + 112);
        const uint8x16_t q1_3a = vld1q_u8(x + q4k_packed_off_qs(4) + 224), q1_3b = vld1q_u8(x + q4k_packed_off_qs(4) + 240);
        const uint8x16_t q2_3a = vld1q_u8(x + q4k_packed_off_qs(4) + 352), q2_3b = vld1q_u8(x + q4k_packed_off_qs(4) + 368);
        const uint8x16_t q3_3a = vld1q_u8(x + q4k_packed_off_qs(4) + 480), q3_3b = vld1q_u8(x + q4k_packed_off_qs(4) + 496);
        const int8x16_t y0_6a = vreinterpretq_s8_u8(vld1q_u8(a0 + 196));
        const int8x16_t y0_6b = vreinterpretq_s8_u8(vld1q_u8(a0 + 212));
        const int8x16_t y1_6a = vreinterpretq_s8_u8(vld1q_u8(a1 + 196));
        const int8x16_t y1_6b = vreinterpretq_s8_u8(vld1q_u8(a1 + 212));
        const int8x16_t y2_6a = vreinterpretq_s8_u8(vld1q_u8(a2 + 196));
        const int8x16_t y2_6b = vreinterpretq_s8_u8(vld1q_u8(a2 + 212));
        const int8x16_t y3_6a = vreinterpretq_s8_u8(vld1q_u8(a3 + 196));
        const int8x16_t y3_6b = vreinterpretq_s8_u8(vld1q_u8(a3 + 212));
        const int32x4_t scq_6 = vreinterpretq_s32_u8(vqtbl2q_u8(sctq, vld1q_u8(scq_idx[6])));
        const int8x16_t n0_6a = vreinterpretq_s8_u8(vandq_u8(q0_3a, m4));
        const int8x16_t n0_6b = vreinterpretq_s8_u8(vandq_u8(q0_3b, m4));
        const int8x16_t n1_6a = vreinterpretq_s8_u8(vandq_u8(q1_3a, m4));
        const int8x16_t n1_6b = vreinterpretq_s8_u8(vandq_u8(q1_3b, m4));
        const int8x16_t n2_6a = vreinterpretq_s8_u8(vandq_u8(q2_3a, m4));
        const int8x16_t n2_6b = vreinterpretq_s8_u8(vandq_u8(q2_3b, m4));
        const int8x16_t n3_6a = vreinterpretq_s8_u8(vandq_u8(q3_3a, m4));
        const int8x16_t n3_6b = vreinterpretq_s8_u8(vandq_u8(q3_3b, m4));
        t0 = vmlaq_s32(t0, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_6a, y0_6a), n0_6b, y0_6b), vdotq_s32(vdotq_s32(z, n1_6a, y0_6a), n1_6b, y0_6b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_6a, y0_6a), n2_6b, y0_6b), vdotq_s32(vdotq_s32(z, n3_6a, y0_6a), n3_6b, y0_6b))), scq_6);
        t1 = vmlaq_s32(t1, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_6a, y1_6a), n0_6b, y1_6b), vdotq_s32(vdotq_s32(z, n1_6a, y1_6a), n1_6b, y1_6b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_6a, y1_6a), n2_6b, y1_6b), vdotq_s32(vdotq_s32(z, n3_6a, y1_6a), n3_6b, y1_6b))), scq_6);
        t2 = vmlaq_s32(t2, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_6a, y2_6a), n0_6b, y2_6b), vdotq_s32(vdotq_s32(z, n1_6a, y2_6a), n1_6b, y2_6b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_6a, y2_6a), n2_6b, y2_6b), vdotq_s32(vdotq_s32(z, n3_6a, y2_6a), n3_6b, y2_6b))), scq_6);
        t3 = vmlaq_s32(t3, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_6a, y3_6a), n0_6b, y3_6b), vdotq_s32(vdotq_s32(z, n1_6a, y3_6a), n1_6b, y3_6b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_6a, y3_6a), n2_6b, y3_6b), vdotq_s32(vdotq_s32(z, n3_6a, y3_6a), n3_6b, y3_6b))), scq_6);
        const int8x16_t y0_7a = vreinterpretq_s8_u8(vld1q_u8(a0 + 228));
        const int8x16_t y0_7b = vreinterpretq_s8_u8(vld1q_u8(a0 + 244));
        const int8x16_t y1_7a = vreinterpretq_s8_u8(vld1q_u8(a1 + 228));
        const int8x16_t y1_7b = vreinterpretq_s8_u8(vld1q_u8(a1 + 244));
        const int8x16_t y2_7a = vreinterpretq_s8_u8(vld1q_u8(a2 + 228));
        const int8x16_t y2_7b = vreinterpretq_s8_u8(vld1q_u8(a2 + 244));
        const int8x16_t y3_7a = vreinterpretq_s8_u8(vld1q_u8(a3 + 228));
        const int8x16_t y3_7b = vreinterpretq_s8_u8(vld1q_u8(a3 + 244));
        const int32x4_t scq_7 = vreinterpretq_s32_u8(vqtbl2q_u8(sctq, vld1q_u8(scq_idx[7])));
        const int8x16_t n0_7a = vreinterpretq_s8_u8(vshrq_n_u8(q0_3a, 4));
        const int8x16_t n0_7b = vreinterpretq_s8_u8(vshrq_n_u8(q0_3b, 4));
        const int8x16_t n1_7a = vreinterpretq_s8_u8(vshrq_n_u8(q1_3a, 4));
        const int8x16_t n1_7b = vreinterpretq_s8_u8(vshrq_n_u8(q1_3b, 4));
        const int8x16_t n2_7a = vreinterpretq_s8_u8(vshrq_n_u8(q2_3a, 4));
        const int8x16_t n2_7b = vreinterpretq_s8_u8(vshrq_n_u8(q2_3b, 4));
        const int8x16_t n3_7a = vreinterpretq_s8_u8(vshrq_n_u8(q3_3a, 4));
        const int8x16_t n3_7b = vreinterpretq_s8_u8(vshrq_n_u8(q3_3b, 4));
        t0 = vmlaq_s32(t0, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_7a, y0_7a), n0_7b, y0_7b), vdotq_s32(vdotq_s32(z, n1_7a, y0_7a), n1_7b, y0_7b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_7a, y0_7a), n2_7b, y0_7b), vdotq_s32(vdotq_s32(z, n3_7a, y0_7a), n3_7b, y0_7b))), scq_7);
        t1 = vmlaq_s32(t1, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_7a, y1_7a), n0_7b, y1_7b), vdotq_s32(vdotq_s32(z, n1_7a, y1_7a), n1_7b, y1_7b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_7a, y1_7a), n2_7b, y1_7b), vdotq_s32(vdotq_s32(z, n3_7a, y1_7a), n3_7b, y1_7b))), scq_7);
        t2 = vmlaq_s32(t2, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_7a, y2_7a), n0_7b, y2_7b), vdotq_s32(vdotq_s32(z, n1_7a, y2_7a), n1_7b, y2_7b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_7a, y2_7a), n2_7b, y2_7b), vdotq_s32(vdotq_s32(z, n3_7a, y2_7a), n3_7b, y2_7b))), scq_7);
        t3 = vmlaq_s32(t3, vpaddq_s32(vpaddq_s32(vdotq_s32(vdotq_s32(z, n0_7a, y3_7a), n0_7b, y3_7b), vdotq_s32(vdotq_s32(z, n1_7a, y3_7a), n1_7b, y3_7b)),
                                          vpaddq_s32(vdotq_s32(vdotq_s32(z, n2_7a, y3_7a), n2_7b, y3_7b), vdotq_s32(vdotq_s32(z, n3_7a, y3_7a), n3_7b, y3_7b))), scq_7);
        const int32x4_t isum0 = t0;
        const int32x4_t isum1 = t1;
        const int32x4_t isum2 = t2;
        const int32x4_t isum3 = t3;
        acc0 = q4k_mv_fstep(acc0, d, dmin, d8_0, isum0, imin0);
        acc1 = q4k_mv_fstep(acc1, d, dmin, d8_1, isum1, imin1);
        acc2 = q4k_mv_fstep(acc2, d, dmin, d8_2, isum2, imin2);
        acc3 = q4k_mv_fstep(acc3, d, dmin, d8_3, isum3, imin3);
        x += Q4K_PACKED_BLOCK_BYTES * 4;
        a0 += Q8K_BLOCK_BYTES;
        a1 += Q8K_BLOCK_BYTES;
        a2 += Q8K_BLOCK_BYTES;
        a3 += Q8K_BLOCK_BYTES;
    }
    q4k_mv_store4(y + 0 * ldy, acc0);
    q4k_mv_store4(y + 1 * ldy, acc1);
    q4k_mv_store4(y + 2 * ldy, acc2);
    q4k_mv_store4(y + 3 * ldy, acc3);
}

/* q4k_matvec__neondot_r1_c1_p0: sdot, 1 row x 1 vector per tile. */
void q4k_matvec__neondot_r1_c1_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *wr = (const uint8_t *)w, *a = (const uint8_t *)xq;
    const size_t ws = n_bpr * 144, xs = n_bpr * Q8K_BLOCK_BYTES;
    size_t r = 0;
    for (; n_rows - r >= 1; r += 1) {
        size_t v = 0;
        for (; n_vecs - v >= 1; v += 1)
            q4k_mv_sdot_r1_c1(wr + r * ws, n_bpr, a + v * xs, y + v * ldy + r, ldy);
    }
}

/* q4k_matvec__neondot_r1_c4_p0: sdot, 1 row x 4 vectors per tile. */
void q4k_matvec__neondot_r1_c4_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *wr = (const uint8_t *)w, *a = (const uint8_t *)xq;
    const size_t ws = n_bpr * 144, xs = n_bpr * Q8K_BLOCK_BYTES;
    size_t r = 0;
    for (; n_rows - r >= 1; r += 1) {
        size_t v = 0;
        for (; n_vecs - v >= 4; v += 4)
            q4k_mv_sdot_r1_c4(wr + r * ws, n_bpr, a + v * xs, y + v * ldy + r, ldy);
        for (; n_vecs - v >= 1; v += 1)
            q4k_mv_sdot_r1_c1(wr + r * ws, n_bpr, a + v * xs, y + v * ldy + r, ldy);
    }
}

/* q4k_matvec__neondot_r4_c1_p0: sdot, 4 rows x 1 vector per tile. */
void q4k_matvec__neondot_r4_c1_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *wr = (const uint8_t *)w, *a = (const uint8_t *)xq;
    const size_t ws = n_bpr * 144, xs = n_bpr * Q8K_BLOCK_BYTES;
    size_t r = 0;
    for (; n_rows - r >= 4; r += 4) {
        size_t v = 0;
        for (; n_vecs - v >= 1; v += 1)
            q4k_mv_sdot_r4_c1(wr + r * ws, n_bpr, a + v * xs, y + v * ldy + r, ldy);
    }
    for (; n_rows - r >= 2; r += 2) {
        size_t v = 0;
        for (; n_vecs - v >= 1; v += 1)
            q4k_mv_sdot_r2_c1(wr + r * ws, n_bpr, a + v * xs, y + v * ldy + r, ldy);
    }
    for (; n_rows - r >= 1; r += 1) {
        size_t v = 0;
        for (; n_vecs - v >= 1; v += 1)
            q4k_mv_sdot_r1_c1(wr + r * ws, n_bpr, a + v * xs, y + v * ldy + r, ldy);
    }
}

/* q4k_matvec__neondot_r4_c1_p0_packed: sdot, 4 rows x 1 vector per tile, weights packed with interleave 4. */
void q4k_matvec__neondot_r4_c1_p0_packed(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *wt = (const uint8_t *)w, *a = (const uint8_t *)xq;
    const size_t ts = n_bpr * Q4K_PACKED_BLOCK_BYTES * 4, xs = n_bpr * Q8K_BLOCK_BYTES;
    size_t r = 0;
    for (; n_rows - r >= 4; r += 4, wt += ts) {
        size_t v = 0;
        for (; n_vecs - v >= 1; v += 1)
            q4k_mv_sdot_r4_c1_packed(wt, n_bpr, a + v * xs, y + v * ldy + r, ldy);
    }
    if (r < n_rows) { /* the last tile: its real rows only */
        const size_t nr = n_rows - r;
        float part[4];
        size_t v = 0;
        for (; n_vecs - v >= 1; v += 1) {
            q4k_mv_sdot_r4_c1_packed(wt, n_bpr, a + v * xs, part, 4);
            for (size_t c = 0; c < 1; c++)
                memcpy(y + (v + c) * ldy + r, part + 4 * c, nr * sizeof(float));
        }
    }
}

/* q4k_matvec__neondot_r4_c4_p0: sdot, 4 rows x 4 vectors per tile. */
void q4k_matvec__neondot_r4_c4_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *wr = (const uint8_t *)w, *a = (const uint8_t *)xq;
    const size_t ws = n_bpr * 144, xs = n_bpr * Q8K_BLOCK_BYTES;
    size_t r = 0;
    for (; n_rows - r >= 4; r += 4) {
        size_t v = 0;
        for (; n_vecs - v >= 4; v += 4)
            q4k_mv_sdot_r4_c4(wr + r * ws, n_bpr, a + v * xs, y + v * ldy + r, ldy);
        for (; n_vecs - v >= 1; v += 1)
            q4k_mv_sdot_r4_c1(wr + r * ws, n_bpr, a + v * xs, y + v * ldy + r, ldy);
    }
    for (; n_rows - r >= 2; r += 2) {
        size_t v = 0;
        for (; n_vecs - v >= 4; v += 4)
            q4k_mv_sdot_r2_c4(wr + r * ws, n_bpr, a + v * xs, y + v * ldy + r, ldy);
        for (; n_vecs - v >= 1; v += 1)
            q4k_mv_sdot_r2_c1(wr + r * ws, n_bpr, a + v * xs, y + v * ldy + r, ldy);
    }
    for (; n_rows - r >= 1; r += 1) {
        size_t v = 0;
        for (; n_vecs - v >= 4; v += 4)
            q4k_mv_sdot_r1_c4(wr + r * ws, n_bpr, a + v * xs, y + v * ldy + r, ldy);
        for (; n_vecs - v >= 1; v += 1)
            q4k_mv_sdot_r1_c1(wr + r * ws, n_bpr, a + v * xs, y + v * ldy + r, ldy);
    }
}

/* q4k_matvec__neondot_r4_c4_p0_packed: sdot, 4 rows x 4 vectors per tile, weights packed with interleave 4. */
void q4k_matvec__neondot_r4_c4_p0_packed(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *wt = (const uint8_t *)w, *a = (const uint8_t *)xq;
    const size_t ts = n_bpr * Q4K_PACKED_BLOCK_BYTES * 4, xs = n_bpr * Q8K_BLOCK_BYTES;
    size_t r = 0;
    for (; n_rows - r >= 4; r += 4, wt += ts) {
        size_t v = 0;
        for (; n_vecs - v >= 4; v += 4)
            q4k_mv_sdot_r4_c4_packed(wt, n_bpr, a + v * xs, y + v * ldy + r, ldy);
        for (; n_vecs - v >= 1; v += 1)
            q4k_mv_sdot_r4_c1_packed(wt, n_bpr, a + v * xs, y + v * ldy + r, ldy);
    }
    if (r < n_rows) { /* the last tile: its real rows only */
        const size_t nr = n_rows - r;
        float part[16];
        size_t v = 0;
        for (; n_vecs - v >= 4; v += 4) {
            q4k_mv_sdot_r4_c4_packed(wt, n_bpr, a + v * xs, part, 4);
            for (size_t c = 0; c < 4; c++)
                memcpy(y + (v + c) * ldy + r, part + 4 * c, nr * sizeof(float));
        }
        for (; n_vecs - v >= 1; v += 1) {
            q4k_mv_sdot_r4_c1_packed(wt, n_bpr, a + v * xs, part, 4);
            for (size_t c = 0; c < 1; c++)
                memcpy(y + (v + c) * ldy + r, part + 4 * c, nr * sizeof(float));
        }
    }
}
#endif /* defined(__aarch64__) || defined(_M_ARM64) */
