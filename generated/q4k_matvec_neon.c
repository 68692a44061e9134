/* Auto-generated file. Do not edit!
 *   command:  lua5.4 gen/q4kgen.lua
 *   input:    gen/isas.lua
 *   input:    gen/ops/matvec.lua
 *   template: templates/matvec/neon.c.in
 *   template: templates/matvec/neon_common.c.in
 *   template: templates/matvec/neon_tile.c.in
 *   template: templates/matvec/neon_driver.c.in
 *   arch:     aarch64 only (the whole file is inside #if: empty elsewhere)
 *
 * NEON (baseline Armv8-A, no dotprod) kernels of the fused Q4_K x Q8_K
 * product: the canonical result of include/q4k_matvec.h, bit for bit. For
 * cores without FEAT_DotProd (Cortex-A53, A57, A72, A73).
 *
 * Per sub-block j (32 values), row r and vector v: smull/smlal2/smlal/
 * smlal2 multiply the 32 nibbles (0..15, as int8) by the 32 q8 bytes into
 * eight int16 lanes of four products each (|lane| <= 4*15*127 = 7620: no
 * overflow), then smlal/smlal2 by the scale's lane widen them into the
 * row's int32 isum lanes with sc[j] applied (|7620*63| fits). 6 SIMD ops
 * per sub-block, row and vector, against sdot's 3. The rest (scales, imin,
 * the row fold and the float steps) is shared with the sdot family:
 * neon_common.c.in.
 *
 * Tile r x c: each q8 load serves r rows. Row tails: halving heights. */
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

/* 1 row x 1 vector, mull: y[v * ldy + r] for r < 1, v < 1. Not inlined: the
 * block loop is inside, so a call per tile costs nothing, and one copy
 * serves every variant and tail that uses the tile. */
static __attribute__((noinline)) void q4k_mv_mull_r1_c1(const uint8_t *w, size_t n_bpr, const uint8_t *xq, float *y, size_t ldy)
{
    const size_t ws = n_bpr * 144, xs = n_bpr * Q8K_BLOCK_BYTES;
    const uint8x16_t m4 = vdupq_n_u8(0x0f);
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
        int16x8_t p00_0 = vmull_s8(vget_low_s8(n0_0a), vget_low_s8(y0_0a));
        p00_0 = vmlal_high_s8(p00_0, n0_0a, y0_0a);
        p00_0 = vmlal_s8(p00_0, vget_low_s8(n0_0b), vget_low_s8(y0_0b));
        p00_0 = vmlal_high_s8(p00_0, n0_0b, y0_0b);
        t00 = vmlal_laneq_s16(t00, vget_low_s16(p00_0), rw0.sc16, 0);
        t00 = vmlal_high_laneq_s16(t00, p00_0, rw0.sc16, 0);
        const int8x16_t y0_1a = vreinterpretq_s8_u8(vld1q_u8(a0 + 36));
        const int8x16_t y0_1b = vreinterpretq_s8_u8(vld1q_u8(a0 + 52));
        const int8x16_t n0_1a = vreinterpretq_s8_u8(vshrq_n_u8(q0_0a, 4));
        const int8x16_t n0_1b = vreinterpretq_s8_u8(vshrq_n_u8(q0_0b, 4));
        int16x8_t p00_1 = vmull_s8(vget_low_s8(n0_1a), vget_low_s8(y0_1a));
        p00_1 = vmlal_high_s8(p00_1, n0_1a, y0_1a);
        p00_1 = vmlal_s8(p00_1, vget_low_s8(n0_1b), vget_low_s8(y0_1b));
        p00_1 = vmlal_high_s8(p00_1, n0_1b, y0_1b);
        t00 = vmlal_laneq_s16(t00, vget_low_s16(p00_1), rw0.sc16, 1);
        t00 = vmlal_high_laneq_s16(t00, p00_1, rw0.sc16, 1);
        /* qs[32..63]: sub-blocks 2 (low nibbles) and 3 (high) */
        const uint8x16_t q0_1a = vld1q_u8(x0 + 48), q0_1b = vld1q_u8(x0 + 64);
        const int8x16_t y0_2a = vreinterpretq_s8_u8(vld1q_u8(a0 + 68));
        const int8x16_t y0_2b = vreinterpretq_s8_u8(vld1q_u8(a0 + 84));
        const int8x16_t n0_2a = vreinterpretq_s8_u8(vandq_u8(q0_1a, m4));
        const int8x16_t n0_2b = vreinterpretq_s8_u8(vandq_u8(q0_1b, m4));
        int16x8_t p00_2 = vmull_s8(vget_low_s8(n0_2a), vget_low_s8(y0_2a));
        p00_2 = vmlal_high_s8(p00_2, n0_2a, y0_2a);
        p00_2 = vmlal_s8(p00_2, vget_low_s8(n0_2b), vget_low_s8(y0_2b));
        p00_2 = vmlal_high_s8(p00_2, n0_2b, y0_2b);
        t00 = vmlal_laneq_s16(t00, vget_low_s16(p00_2), rw0.sc16, 2);
        t00 = vmlal_high_laneq_s16(t00, p00_2, rw0.sc16, 2);
        const int8x16_t y0_3a = vreinterpretq_s8_u8(vld1q_u8(a0 + 100));
        const int8x16_t y0_3b = vreinterpretq_s8_u8(vld1q_u8(a0 + 116));
        const int8x16_t n0_3a = vreinterpretq_s8_u8(vshrq_n_u8(q0_1a, 4));
        const int8x16_t n0_3b = vreinterpretq_s8_u8(vshrq_n_u8(q0_1b, 4));
        int16x8_t p00_3 = vmull_s8(vget_low_s8(n0_3a), vget_low_s8(y0_3a));
        p00_3 = vmlal_high_s8(p00_3, n0_3a, y0_3a);
        p00_3 = vmlal_s8(p00_3, vget_low_s8(n0_3b), vget_low_s8(y0_3b));
        p00_3 = vmlal_high_s8(p00_3, n0_3b, y0_3b);
        t00 = vmlal_laneq_s16(t00, vget_low_s16(p00_3), rw0.sc16, 3);
        t00 = vmlal_high_laneq_s16(t00, p00_3, rw0.sc16, 3);
        /* qs[64..95]: sub-blocks 4 (low nibbles) and 5 (high) */
        const uint8x16_t q0_2a = vld1q_u8(x0 + 80), q0_2b = vld1q_u8(x0 + 96);
        const int8x16_t y0_4a = vreinterpretq_s8_u8(vld1q_u8(a0 + 132));
        const int8x16_t y0_4b = vreinterpretq_s8_u8(vld1q_u8(a0 + 148));
        const int8x16_t n0_4a = vreinterpretq_s8_u8(vandq_u8(q0_2a, m4));
        const int8x16_t n0_4b = vreinterpretq_s8_u8(vandq_u8(q0_2b, m4));
        int16x8_t p00_4 = vmull_s8(vget_low_s8(n0_4a), vget_low_s8(y0_4a));
        p00_4 = vmlal_high_s8(p00_4, n0_4a, y0_4a);
        p00_4 = vmlal_s8(p00_4, vget_low_s8(n0_4b), vget_low_s8(y0_4b));
        p00_4 = vmlal_high_s8(p00_4, n0_4b, y0_4b);
        t00 = vmlal_laneq_s16(t00, vget_low_s16(p00_4), rw0.sc16, 4);
        t00 = vmlal_high_laneq_s16(t00, p00_4, rw0.sc16, 4);
        const int8x16_t y0_5a = vreinterpretq_s8_u8(vld1q_u8(a0 + 164));
        const int8x16_t y0_5b = vreinterpretq_s8_u8(vld1q_u8(a0 + 180));
        const int8x16_t n0_5a = vreinterpretq_s8_u8(vshrq_n_u8(q0_2a, 4));
        const int8x16_t n0_5b = vreinterpretq_s8_u8(vshrq_n_u8(q0_2b, 4));
        int16x8_t p00_5 = vmull_s8(vget_low_s8(n0_5a), vget_low_s8(y0_5a));
        p00_5 = vmlal_high_s8(p00_5, n0_5a, y0_5a);
        p00_5 = vmlal_s8(p00_5, vget_low_s8(n0_5b), vget_low_s8(y0_5b));
        p00_5 = vmlal_high_s8(p00_5, n0_5b, y0_5b);
        t00 = vmlal_laneq_s16(t00, vget_low_s16(p00_5), rw0.sc16, 5);
        t00 = vmlal_high_laneq_s16(t00, p00_5, rw0.sc16, 5);
        /* qs[96..127]: sub-blocks 6 (low nibbles) and 7 (high) */
        const uint8x16_t q0_3a = vld1q_u8(x0 + 112), q0_3b = vld1q_u8(x0 + 128);
        const int8x16_t y0_6a = vreinterpretq_s8_u8(vld1q_u8(a0 + 196));
        const int8x16_t y0_6b = vreinterpretq_s8_u8(vld1q_u8(a0 + 212));
        const int8x16_t n0_6a = vreinterpretq_s8_u8(vandq_u8(q0_3a, m4));
        const int8x16_t n0_6b = vreinterpretq_s8_u8(vandq_u8(q0_3b, m4));
        int16x8_t p00_6 = vmull_s8(vget_low_s8(n0_6a), vget_low_s8(y0_6a));
        p00_6 = vmlal_high_s8(p00_6, n0_6a, y0_6a);
        p00_6 = vmlal_s8(p00_6, vget_low_s8(n0_6b), vget_low_s8(y0_6b));
        p00_6 = vmlal_high_s8(p00_6, n0_6b, y0_6b);
        t00 = vmlal_laneq_s16(t00, vget_low_s16(p00_6), rw0.sc16, 6);
        t00 = vmlal_high_laneq_s16(t00, p00_6, rw0.sc16, 6);
        const int8x16_t y0_7a = vreinterpretq_s8_u8(vld1q_u8(a0 + 228));
        const int8x16_t y0_7b = vreinterpretq_s8_u8(vld1q_u8(a0 + 244));
        const int8x16_t n0_7a = vreinterpretq_s8_u8(vshrq_n_u8(q0_3a, 4));
        const int8x16_t n0_7b = vreinterpretq_s8_u8(vshrq_n_u8(q0_3b, 4));
        int16x8_t p00_7 = vmull_s8(vget_low_s8(n0_7a), vget_low_s8(y0_7a));
        p00_7 = vmlal_high_s8(p00_7, n0_7a, y0_7a);
        p00_7 = vmlal_s8(p00_7, vget_low_s8(n0_7b), vget_low_s8(y0_7b));
        p00_7 = vmlal_high_s8(p00_7, n0_7b, y0_7b);
        t00 = vmlal_laneq_s16(t00, vget_low_s16(p00_7), rw0.sc16, 7);
        t00 = vmlal_high_laneq_s16(t00, p00_7, rw0.sc16, 7);
        const int32x4_t isum0_h = vpaddq_s32(t00, t00);
        const int32x4_t isum0 = vpaddq_s32(isum0_h, isum0_h);
        acc0 = q4k_mv_fstep(acc0, d, dmin, d8_0, isum0, imin0);
        x0 += 144;
        a0 += Q8K_BLOCK_BYTES;
    }
    q4k_mv_store1(y + 0 * ldy, acc0);
}

/* 4 rows x 1 vector, mull: y[v * ldy + r] for r < 4, v < 1. Not inlined: the
 * block loop is inside, so a call per tile costs nothing, and one copy
 * serves every variant and tail that uses the tile. */
static __attribute__((noinline)) void q4k_mv_mull_r4_c1(const uint8_t *w, size_t n_bpr, const uint8_t *xq, float *y, size_t ldy)
{
    const size_t ws = n_bpr * 144, xs = n_bpr * Q8K_BLOCK_BYTES;
    const uint8x16_t m4 = vdupq_n_u8(0x0f);
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
        int32x4_t t00 = vdupq_n_s32(0);
        int32x4_t t10 = vdupq_n_s32(0);
        int32x4_t t20 = vdupq_n_s32(0);
        int32x4_t t30 = vdupq_n_s32(0);
        /* qs[0..31]: sub-blocks 0 (low nibbles) and 1 (high) */
        const uint8x16_t q0_0a = vld1q_u8(x0 + 16), q0_0b = vld1q_u8(x0 + 32);
        const uint8x16_t q1_0a = vld1q_u8(x1 + 16), q1_0b = vld1q_u8(x1 + 32);
        const uint8x16_t q2_0a = vld1q_u8(x2 + 16), q2_0b = vld1q_u8(x2 + 32);
        const uint8x16_t q3_0a = vld1q_u8(x3 + 16), q3_0b = vld1q_u8(x3 + 32);
        const int8x16_t y0_0a = vreinterpretq_s8_u8(vld1q_u8(a0 + 4));
        const int8x16_t y0_0b = vreinterpretq_s8_u8(vld1q_u8(a0 + 20));
        const int8x16_t n0_0a = vreinterpretq_s8_u8(vandq_u8(q0_0a, m4));
        const int8x16_t n0_0b = vreinterpretq_s8_u8(vandq_u8(q0_0b, m4));
        int16x8_t p00_0 = vmull_s8(vget_low_s8(n0_0a), vget_low_s8(y0_0a));
        p00_0 = vmlal_high_s8(p00_0, n0_0a, y0_0a);
        p00_0 = vmlal_s8(p00_0, vget_low_s8(n0_0b), vget_low_s8(y0_0b));
        p00_0 = vmlal_high_s8(p00_0, n0_0b, y0_0b);
        t00 = vmlal_laneq_s16(t00, vget_low_s16(p00_0), rw0.sc16, 0);
        t00 = vmlal_high_laneq_s16(t00, p00_0, rw0.sc16, 0);
        const int8x16_t n1_0a = vreinterpretq_s8_u8(vandq_u8(q1_0a, m4));
        const int8x16_t n1_0b = vreinterpretq_s8_u8(vandq_u8(q1_0b, m4));
        int16x8_t p10_0 = vmull_s8(vget_low_s8(n1_0a), vget_low_s8(y0_0a));
        p10_0 = vmlal_high_s8(p10_0, n1_0a, y0_0a);
        p10_0 = vmlal_s8(p10_0, vget_low_s8(n1_0b), vget_low_s8(y0_0b));
        p10_0 = vmlal_high_s8(p10_0, n1_0b, y0_0b);
        t10 = vmlal_laneq_s16(t10, vget_low_s16(p10_0), rw1.sc16, 0);
        t10 = vmlal_high_laneq_s16(t10, p10_0, rw1.sc16, 0);
        const int8x16_t n2_0a = vreinterpretq_s8_u8(vandq_u8(q2_0a, m4));
        const int8x16_t n2_0b = vreinterpretq_s8_u8(vandq_u8(q2_0b, m4));
        int16x8_t p20_0 = vmull_s8(vget_low_s8(n2_0a), vget_low_s8(y0_0a));
        p20_0 = vmlal_high_s8(p20_0, n2_0a, y0_0a);
        p20_0 = vmlal_s8(p20_0, vget_low_s8(n2_0b), vget_low_s8(y0_0b));
        p20_0 = vmlal_high_s8(p20_0, n2_0b, y0_0b);
        t20 = vmlal_laneq_s16(t20, vget_low_s16(p20_0), rw2.sc16, 0);
        t20 = vmlal_high_laneq_s16(t20, p20_0, rw2.sc16, 0);
        const int8x16_t n3_0a = vreinterpretq_s8_u8(vandq_u8(q3_0a, m4));
        const int8x16_t n3_0b = vreinterpretq_s8_u8(vandq_u8(q3_0b, m4));
        int16x8_t p30_0 = vmull_s8(vget_low_s8(n3_0a), vget_low_s8(y0_0a));
        p30_0 = vmlal_high_s8(p30_0, n3_0a, y0_0a);
        p30_0 = vmlal_s8(p30_0, vget_low_s8(n3_0b), vget_low_s8(y0_0b));
        p30_0 = vmlal_high_s8(p30_0, n3_0b, y0_0b);
        t30 = vmlal_laneq_s16(t30, vget_low_s16(p30_0), rw3.sc16, 0);
        t30 = vmlal_high_laneq_s16(t30, p30_0, rw3.sc16, 0);
        const int8x16_t y0_1a = vreinterpretq_s8_u8(vld1q_u8(a0 + 36));
        const int8x16_t y0_1b = vreinterpretq_s8_u8(vld1q_u8(a0 + 52));
        const int8x16_t n0_1a = vreinterpretq_s8_u8(vshrq_n_u8(q0_0a, 4));
        const int8x16_t n0_1b = vreinterpretq_s8_u8(vshrq_n_u8(q0_0b, 4));
        int16x8_t p00_1 = vmull_s8(vget_low_s8(n0_1a), vget_low_s8(y0_1a));
        p00_1 = vmlal_high_s8(p00_1, n0_1a, y0_1a);
        p00_1 = vmlal_s8(p00_1, vget_low_s8(n0_1b), vget_low_s8(y0_1b));
        p00_1 = vmlal_high_s8(p00_1, n0_1b, y0_1b);
        t00 = vmlal_laneq_s16(t00, vget_low_s16(p00_1), rw0.sc16, 1);
        t00 = vmlal_high_laneq_s16(t00, p00_1, rw0.sc16, 1);
        const int8x16_t n1_1a = vreinterpretq_s8_u8(vshrq_n_u8(q1_0a, 4));
        const int8x16_t n1_1b = vreinterpretq_s8_u8(vshrq_n_u8(q1_0b, 4));
        int16x8_t p10_1 = vmull_s8(vget_low_s8(n1_1a), vget_low_s8(y0_1a));
        p10_1 = vmlal_high_s8(p10_1, n1_1a, y0_1a);
        p10_1 = vmlal_s8(p10_1, vget_low_s8(n1_1b), vget_low_s8(y0_1b));
        p10_1 = vmlal_high_s8(p10_1, n1_1b, y0_1b);
        t10 = vmlal_laneq_s16(t10, vget_low_s16(p10_1), rw1.sc16, 1);
        t10 = vmlal_high_laneq_s16(t10, p10_1, rw1.sc16, 1);
        const int8x16_t n2_1a = vreinterpretq_s8_u8(vshrq_n_u8(q2_0a, 4));
        const int8x16_t n2_1b = vreinterpretq_s8_u8(vshrq_n_u8(q2_0b, 4));
        int16x8_t p20_1 = vmull_s8(vget_low_s8(n2_1a), vget_low_s8(y0_1a));
        p20_1 = vmlal_high_s8(p20_1, n2_1a, y0_1a);
        p20_1 = vmlal_s8(p20_1, vget_low_s8(n2_1b), vget_low_s8(y0_1b));
        p20_1 = vmlal_high_s8(p20_1, n2_1b, y0_1b);
        t20 = vmlal_laneq_s16(t20, vget_low_s16(p20_1), rw2.sc16, 1);
        t20 = vmlal_high_laneq_s16(t20, p20_1, rw2.sc16, 1);
        const int8x16_t n3_1a = vreinterpretq_s8_u8(vshrq_n_u8(q3_0a, 4));
        const int8x16_t n3_1b = vreinterpretq_s8_u8(vshrq_n_u8(q3_0b, 4));
        int16x8_t p30_1 = vmull_s8(vget_low_s8(n3_1a), vget_low_s8(y0_1a));
        p30_1 = vmlal_high_s8(p30_1, n3_1a, y0_1a);
        p30_1 = vmlal_s8(p30_1, vget_low_s8(n3_1b), vget_low_s8(y0_1b));
        p30_1 = vmlal_high_s8(p30_1, n3_1b, y0_1b);
        t30 = vmlal_laneq_s16(t30, vget_low_s16(p30_1), rw3.sc16, 1);
        t30 = vmlal_high_laneq_s16(t30, p30_1, rw3.sc16, 1);
        /* qs[32..63]: sub-blocks 2 (low nibbles) and 3 (high) */
        const uint8x16_t q0_1a = vld1q_u8(x0 + 48), q0_1b = vld1q_u8(x0 + 64);
        const uint8x16_t q1_1a = vld1q_u8(x1 + 48), q1_1b = vld1q_u8(x1 + 64);
        const uint8x16_t q2_1a = vld1q_u8(x2 + 48), q2_1b = vld1q_u8(x2 + 64);
        const uint8x16_t q3_1a = vld1q_u8(x3 + 48), q3_1b = vld1q_u8(x3 + 64);
        const int8x16_t y0_2a = vreinterpretq_s8_u8(vld1q_u8(a0 + 68));
        const int8x16_t y0_2b = vreinterpretq_s8_u8(vld1q_u8(a0 + 84));
        const int8x16_t n0_2a = vreinterpretq_s8_u8(vandq_u8(q0_1a, m4));
        const int8x16_t n0_2b = vreinterpretq_s8_u8(vandq_u8(q0_1b, m4));
        int16x8_t p00_2 = vmull_s8(vget_low_s8(n0_2a), vget_low_s8(y0_2a));
        p00_2 = vmlal_high_s8(p00_2, n0_2a, y0_2a);
        p00_2 = vmlal_s8(p00_2, vget_low_s8(n0_2b), vget_low_s8(y0_2b));
        p00_2 = vmlal_high_s8(p00_2, n0_2b, y0_2b);
        t00 = vmlal_laneq_s16(t00, vget_low_s16(p00_2), rw0.sc16, 2);
        t00 = vmlal_high_laneq_s16(t00, p00_2, rw0.sc16, 2);
        const int8x16_t n1_2a = vreinterpretq_s8_u8(vandq_u8(q1_1a, m4));
        const int8x16_t n1_2b = vreinterpretq_s8_u8(vandq_u8(q1_1b, m4));
        int16x8_t p10_2 = vmull_s8(vget_low_s8(n1_2a), vget_low_s8(y0_2a));
        p10_2 = vmlal_high_s8(p10_2, n1_2a, y0_2a);
        p10_2 = vmlal_s8(p10_2, vget_low_s8(n1_2b), vget_low_s8(y0_2b));
        p10_2 = vmlal_high_s8(p10_2, n1_2b, y0_2b);
        t10 = vmlal_laneq_s16(t10, vget_low_s16(p10_2), rw1.sc16, 2);
        t10 = vmlal_high_laneq_s16(t10, p10_2, rw1.sc16, 2);
        const int8x16_t n2_2a = vreinterpretq_s8_u8(vandq_u8(q2_1a, m4));
        const int8x16_t n2_2b = vreinterpretq_s8_u8(vandq_u8(q2_1b, m4));
        int16x8_t p20_2 = vmull_s8(vget_low_s8(n2_2a), vget_low_s8(y0_2a));
        p20_2 = vmlal_high_s8(p20_2, n2_2a, y0_2a);
        p20_2 = vmlal_s8(p20_2, vget_low_s8(n2_2b), vget_low_s8(y0_2b));
        p20_2 = vmlal_high_s8(p20_2, n2_2b, y0_2b);
        t20 = vmlal_laneq_s16(t20, vget_low_s16(p20_2), rw2.sc16, 2);
        t20 = vmlal_high_laneq_s16(t20, p20_2, rw2.sc16, 2);
        const int8x16_t n3_2a = vreinterpretq_s8_u8(vandq_u8(q3_1a, m4));
        const int8x16_t n3_2b = vreinterpretq_s8_u8(vandq_u8(q3_1b, m4));
        int16x8_t p30_2 = vmull_s8(vget_low_s8(n3_2a), vget_low_s8(y0_2a));
        p30_2 = vmlal_high_s8(p30_2, n3_2a, y0_2a);
        p30_2 = vmlal_s8(p30_2, vget_low_s8(n3_2b), vget_low_s8(y0_2b));
        p30_2 = vmlal_high_s8(p30_2, n3_2b, y0_2b);
        t30 = vmlal_laneq_s16(t30, vget_low_s16(p30_2), rw3.sc16, 2);
        t30 = vmlal_high_laneq_s16(t30, p30_2, rw3.sc16, 2);
        const int8x16_t y0_3a = vreinterpretq_s8_u8(vld1q_u8(a0 + 100));
        const int8x16_t y0_3b = vreinterpretq_s8_u8(vld1q_u8(a0 + 116));
        const int8x16_t n0_3a = vreinterpretq_s8_u8(vshrq_n_u8(q0_1a, 4));
        const int8x16_t n0_3b = vreinterpretq_s8_u8(vshrq_n_u8(q0_1b, 4));
        int16x8_t p00_3 = vmull_s8(vget_low_s8(n0_3a), vget_low_s8(y0_3a));
        p00_3 = vmlal_high_s8(p00_3, n0_3a, y0_3a);
        p00_3 = vmlal_s8(p00_3, vget_low_s8(n0_3b), vget_low_s8(y0_3b));
        p00_3 = vmlal_high_s8(p00_3, n0_3b, y0_3b);
        t00 = vmlal_laneq_s16(t00, vget_low_s16(p00_3), rw0.sc16, 3);
        t00 = vmlal_high_laneq_s16(t00, p00_3, rw0.sc16, 3);
        const int8x16_t n1_3a = vreinterpretq_s8_u8(vshrq_n_u8(q1_1a, 4));
        const int8x16_t n1_3b = vreinterpretq_s8_u8(vshrq_n_u8(q1_1b, 4));
        int16x8_t p10_3 = vmull_s8(vget_low_s8(n1_3a), vget_low_s8(y0_3a));
        p10_3 = vmlal_high_s8(p10_3, n1_3a, y0_3a);
        p10_3 = vmlal_s8(p10_3, vget_low_s8(n1_3b), vget_low_s8(y0_3b));
        p10_3 = vmlal_high_s8(p10_3, n1_3b, y0_3b);
        t10 = vmlal_laneq_s16(t10, vget_low_s16(p10_3), rw1.sc16, 3);
        t10 = vmlal_high_laneq_s16(t10, p10_3, rw1.sc16, 3);
        const int8x16_t n2_3a = vreinterpretq_s8_u8(vshrq_n_u8(q2_1a, 4));
        const int8x16_t n2_3b = vreinterpretq_s8_u8(vshrq_n_u8(q2_1b, 4));
        int16x8_t p20_3 = vmull_s8(vget_low_s8(n2_3a), vget_low_s8(y0_3a));
        p20_3 = vmlal_high_s8(p20_3, n2_3a, y0_3a);
        p20_3 = vmlal_s8(p20_3, vget_low_s8(n2_3b), vget_low_s8(y0_3b));
        p20_3 = vmlal_high_s8(p20_3, n2_3b, y0_3b);
        t20 = vmlal_laneq_s16(t20, vget_low_s16(p20_3), rw2.sc16, 3);
        t20 = vmlal_high_laneq_s16(t20, p20_3, rw2.sc16, 3);
        const int8x16_t n3_3a = vreinterpretq_s8_u8(vshrq_n_u8(q3_1a, 4));
        const int8x16_t n3_3b = vreinterpretq_s8_u8(vshrq_n_u8(q3_1b, 4));
        int16x8_t p30_3 = vmull_s8(vget_low_s8(n3_3a), vget_low_s8(y0_3a));
        p30_3 = vmlal_high_s8(p30_3, n3_3a, y0_3a);
        p30_3 = vmlal_s8(p30_3, vget_low_s8(n3_3b), vget_low_s8(y0_3b));
        p30_3 = vmlal_high_s8(p30_3, n3_3b, y0_3b);
        t30 = vmlal_laneq_s16(t30, vget_low_s16(p30_3), rw3.sc16, 3);
        t30 = vmlal_high_laneq_s16(t30, p30_3, rw3.sc16, 3);
        /* qs[64..95]: sub-blocks 4 (low nibbles) and 5 (high) */
        const uint8x16_t q0_2a = vld1q_u8(x0 + 80), q0_2b = vld1q_u8(x0 + 96);
        const uint8x16_t q1_2a = vld1q_u8(x1 + 80), q1_2b = vld1q_u8(x1 + 96);
        const uint8x16_t q2_2a = vld1q_u8(x2 + 80), q2_2b = vld1q_u8(x2 + 96);
        const uint8x16_t q3_2a = vld1q_u8(x3 + 80), q3_2b = vld1q_u8(x3 + 96);
        const int8x16_t y0_4a = vreinterpretq_s8_u8(vld1q_u8(a0 + 132));
        const int8x16_t y0_4b = vreinterpretq_s8_u8(vld1q_u8(a0 + 148));
        const int8x16_t n0_4a = vreinterpretq_s8_u8(vandq_u8(q0_2a, m4));
        const int8x16_t n0_4b = vreinterpretq_s8_u8(vandq_u8(q0_2b, m4));
        int16x8_t p00_4 = vmull_s8(vget_low_s8(n0_4a), vget_low_s8(y0_4a));
        p00_4 = vmlal_high_s8(p00_4, n0_4a, y0_4a);
        p00_4 = vmlal_s8(p00_4, vget_low_s8(n0_4b), vget_low_s8(y0_4b));
        p00_4 = vmlal_high_s8(p00_4, n0_4b, y0_4b);
        t00 = vmlal_laneq_s16(t00, vget_low_s16(p00_4), rw0.sc16, 4);
        t00 = vmlal_high_laneq_s16(t00, p00_4, rw0.sc16, 4);
        const int8x16_t n1_4a = vreinterpretq_s8_u8(vandq_u8(q1_2a, m4));
        const int8x16_t n1_4b = vreinterpretq_s8_u8(vandq_u8(q1_2b, m4));
        int16x8_t p10_4 = vmull_s8(vget_low_s8(n1_4a), vget_low_s8(y0_4a));
        p10_4 = vmlal_high_s8(p10_4, n1_4a, y0_4a);
        p10_4 = vmlal_s8(p10_4, vget_low_s8(n1_4b), vget_low_s8(y0_4b));
        p10_4 = vmlal_high_s8(p10_4, n1_4b, y0_4b);
        t10 = vmlal_laneq_s16(t10, vget_low_s16(p10_4), rw1.sc16, 4);
        t10 = vmlal_high_laneq_s16(t10, p10_4, rw1.sc16, 4);
        const int8x16_t n2_4a = vreinterpretq_s8_u8(vandq_u8(q2_2a, m4));
        const int8x16_t n2_4b = vreinterpretq_s8_u8(vandq_u8(q2_2b, m4));
        int16x8_t p20_4 = vmull_s8(vget_low_s8(n2_4a), vget_low_s8(y0_4a));
        p20_4 = vmlal_high_s8(p20_4, n2_4a, y0_4a);
        p20_4 = vmlal_s8(p20_4, vget_low_s8(n2_4b), vget_low_s8(y0_4b));
        p20_4 = vmlal_high_s8(p20_4, n2_4b, y0_4b);
        t20 = vmlal_laneq_s16(t20, vget_low_s16(p20_4), rw2.sc16, 4);
        t20 = vmlal_high_laneq_s16(t20, p20_4, rw2.sc16, 4);
        const int8x16_t n3_4a = vreinterpretq_s8_u8(vandq_u8(q3_2a, m4));
        const int8x16_t n3_4b = vreinterpretq_s8_u8(vandq_u8(q3_2b, m4));
        int16x8_t p30_4 = vmull_s8(vget_low_s8(n3_4a), vget_low_s8(y0_4a));
        p30_4 = vmlal_high_s8(p30_4, n3_4a, y0_4a);
        p30_4 = vmlal_s8(p30_4, vget_low_s8(n3_4b), vget_low_s8(y0_4b));
        p30_4 = vmlal_high_s8(p30_4, n3_4b, y0_4b);
        t30 = vmlal_laneq_s16(t30, vget_low_s16(p30_4), rw3.sc16, 4);
        t30 = vmlal_high_laneq_s16(t30, p30_4, rw3.sc16, 4);
        const int8x16_t y0_5a = vreinterpretq_s8_u8(vld1q_u8(a0 + 164));
        const int8x16_t y0_5b = vreinterpretq_s8_u8(vld1q_u8(a0 + 180));
        const int8x16_t n0_5a = vreinterpretq_s8_u8(vshrq_n_u8(q0_2a, 4));
        const int8x16_t n0_5b = vreinterpretq_s8_u8(vshrq_n_u8(q0_2b, 4));
        int16x8_t p00_5 = vmull_s8(vget_low_s8(n0_5a), vget_low_s8(y0_5a));
        p00_5 = vmlal_high_s8(p00_5, n0_5a, y0_5a);
        p00_5 = vmlal_s8(p00_5, vget_low_s8(n0_5b), vget_low_s8(y0_5b));
        p00_5 = vmlal_high_s8(p00_5, n0_5b, y0_5b);
        t00 = vmlal_laneq_s16(t00, vget_low_s16(p00_5), rw0.sc16, 5);
        t00 = vmlal_high_laneq_s16(t00, p00_5, rw0.sc16, 5);
        const int8x16_t n1_5a = vreinterpretq_s8_u8(vshrq_n_u8(q1_2a, 4));
        const int8x16_t n1_5b = vreinterpretq_s8_u8(vshrq_n_u8(q1_2b, 4));
        int16x8_t p10_5 = vmull_s8(vget_low_s8(n1_5a), vget_low_s8(y0_5a));
        p10_5 = vmlal_high_s8(p10_5, n1_5a, y0_5a);
        p10_5 = vmlal_s8(p10_5, vget_low_s8(n1_5b), vget_low_s8(y0_5b));
        p10_5 = vmlal_high_s8(p10_5, n1_5b, y0_5b);
        t10 = vmlal_laneq_s16(t10, vget_low_s16(p10_5), rw1.sc16, 5);
        t10 = vmlal_high_laneq_s16(t10, p10_5, rw1.sc16, 5);
        const int8x16_t n2_5a = vreinterpretq_s8_u8(vshrq_n_u8(q2_2a, 4));
        const int8x16_t n2_5b = vreinterpretq_s8_u8(vshrq_n_u8(q2_2b, 4));
        int16x8_t p20_5 = vmull_s8(vget_low_s8(n2_5a), vget_low_s8(y0_5a));
        p20_5 = vmlal_high_s8(p20_5, n2_5a, y0_5a);
        p20_5 = vmlal_s8(p20_5, vget_low_s8(n2_5b), vget_low_s8(y0_5b));
        p20_5 = vmlal_high_s8(p20_5, n2_5b, y0_5b);
        t20 = vmlal_laneq_s16(t20, vget_low_s16(p20_5), rw2.sc16, 5);
        t20 = vmlal_high_laneq_s16(t20, p20_5, rw2.sc16, 5);
        const int8x16_t n3_5a = vreinterpretq_s8_u8(vshrq_n_u8(q3_2a, 4));
        const int8x16_t n3_5b = vreinterpretq_s8_u8(vshrq_n_u8(q3_2b, 4));
        int16x8_t p30_5 = vmull_s8(vget_low_s8(n3_5a), vget_low_s8(y0_5a));
        p30_5 = vmlal_high_s8(p30_5, n3_5a, y0_5a);
        p30_5 = vmlal_s8(p30_5, vget_low_s8(n3_5b), vget_low_s8(y0_5b));
        p30_5 = vmlal_high_s8(p30_5, n3_5b, y0_5b);
        t30 = vmlal_laneq_s16(t30, vget_low_s16(p30_5), rw3.sc16, 5);
        t30 = vmlal_high_laneq_s16(t30, p30_5, rw3.sc16, 5);
        /* qs[96..127]: sub-blocks 6 (low nibbles) and 7 (high) */
        const uint8x16_t q0_3a = vld1q_u8(x0 + 112), q0_3b = vld1q_u8(x0 + 128);
        const uint8x16_t q1_3a = vld1q_u8(x1 + 112), q1_3b = vld1q_u8(x1 + 128);
        const uint8x16_t q2_3a = vld1q_u8(x2 + 112), q2_3b = vld1q_u8(x2 + 128);
        const uint8x16_t q3_3a = vld1q_u8(x3 + 112), q3_3b = vld1q_u8(x3 + 128);
        const int8x16_t y0_6a = vreinterpretq_s8_u8(vld1q_u8(a0 + 196));
        const int8x16_t y0_6b = vreinterpretq_s8_u8(vld1q_u8(a0 + 212));
        const int8x16_t n0_6a = vreinterpretq_s8_u8(vandq_u8(q0_3a, m4));
        const int8x16_t n0_6b = vreinterpretq_s8_u8(vandq_u8(q0_3b, m4));
        int16x8_t p00_6 = vmull_s8(vget_low_s8(n0_6a), vget_low_s8(y0_6a));
        p00_6 = vmlal_high_s8(p00_6, n0_6a, y0_6a);
        p00_6 = vmlal_s8(p00_6, vget_low_s8(n0_6b), vget_low_s8(y0_6b));
        p00_6 = vmlal_high_s8(p00_6, n0_6b, y0_6b);
        t00 = vmlal_laneq_s16(t00, vget_low_s16(p00_6), rw0.sc16, 6);
        t00 = vmlal_high_laneq_s16(t00, p00_6, rw0.sc16, 6);
        const int8x16_t n1_6a = vreinterpretq_s8_u8(vandq_u8(q1_3a, m4));
        const int8x16_t n1_6b = vreinterpretq_s8_u8(vandq_u8(q1_3b, m4));
        int16x8_t p10_6 = vmull_s8(vget_low_s8(n1_6a), vget_low_s8(y0_6a));
        p10_6 = vmlal_high_s8(p10_6, n1_6a, y0_6a);
        p10_6 = vmlal_s8(p10_6, vget_low_s8(n1_6b), vget_low_s8(y0_6b));
        p10_6 = vmlal_high_s8(p10_6, n1_6b, y0_6b);
        t10 = vmlal_laneq_s16(t10, vget_low_s16(p10_6), rw1.sc16, 6);
        t10 = vmlal_high_laneq_s16(t10, p10_6, rw1.sc16, 6);
        const int8x16_t n2_6a = vreinterpretq_s8_u8(vandq_u8(q2_3a, m4));
        const int8x16_t n2_6b = vreinterpretq_s8_u8(vandq_u8(q2_3b, m4));
        int16x8_t p20_6 = vmull_s8(vget_low_s8(n2_6a), vget_low_s8(y0_6a));
        p20_6 = vmlal_high_s8(p20_6, n2_6a, y0_6a);
        p20_6 = vmlal_s8(p20_6, vget_low_s8(n2_6b), vget_low_s8(y0_6b));
        p20_6 = vmlal_high_s8(p20_6, n2_6b, y0_6b);
        t20 = vmlal_laneq_s16(t20, vget_low_s16(p20_6), rw2.sc16, 6);
        t20 = vmlal_high_laneq_s16(t20, p20_6, rw2.sc16, 6);
        const int8x16_t n3_6a = vreinterpretq_s8_u8(vandq_u8(q3_3a, m4));
        const int8x16_t n3_6b = vreinterpretq_s8_u8(vandq_u8(q3_3b, m4));
        int16x8_t p30_6 = vmull_s8(vget_low_s8(n3_6a), vget_low_s8(y0_6a));
        p30_6 = vmlal_high_s8(p30_6, n3_6a, y0_6a);
        p30_6 = vmlal_s8(p30_6, vget_low_s8(n3_6b), vget_low_s8(y0_6b));
        p30_6 = vmlal_high_s8(p30_6, n3_6b, y0_6b);
        t30 = vmlal_laneq_s16(t30, vget_low_s16(p30_6), rw3.sc16, 6);
        t30 = vmlal_high_laneq_s16(t30, p30_6, rw3.sc16, 6);
        const int8x16_t y0_7a = vreinterpretq_s8_u8(vld1q_u8(a0 + 228));
        const int8x16_t y0_7b = vreinterpretq_s8_u8(vld1q_u8(a0 + 244));
        const int8x16_t n0_7a = vreinterpretq_s8_u8(vshrq_n_u8(q0_3a, 4));
        const int8x16_t n0_7b = vreinterpretq_s8_u8(vshrq_n_u8(q0_3b, 4));
        int16x8_t p00_7 = vmull_s8(vget_low_s8(n0_7a), vget_low_s8(y0_7a));
        p00_7 = vmlal_high_s8(p00_7, n0_7a, y0_7a);
        p00_7 = vmlal_s8(p00_7, vget_low_s8(n0_7b), vget_low_s8(y0_7b));
        p00_7 = vmlal_high_s8(p00_7, n0_7b, y0_7b);
        t00 = vmlal_laneq_s16(t00, vget_low_s16(p00_7), rw0.sc16, 7);
        t00 = vmlal_high_laneq_s16(t00, p00_7, rw0.sc16, 7);
        const int8x16_t n1_7a = vreinterpretq_s8_u8(vshrq_n_u8(q1_3a, 4));
        const int8x16_t n1_7b = vreinterpretq_s8_u8(vshrq_n_u8(q1_3b, 4));
        int16x8_t p10_7 = vmull_s8(vget_low_s8(n1_7a), vget_low_s8(y0_7a));
        p10_7 = vmlal_high_s8(p10_7, n1_7a, y0_7a);
        p10_7 = vmlal_s8(p10_7, vget_low_s8(n1_7b), vget_low_s8(y0_7b));
        p10_7 = vmlal_high_s8(p10_7, n1_7b, y0_7b);
        t10 = vmlal_laneq_s16(t10, vget_low_s16(p10_7), rw1.sc16, 7);
        t10 = vmlal_high_laneq_s16(t10, p10_7, rw1.sc16, 7);
        const int8x16_t n2_7a = vreinterpretq_s8_u8(vshrq_n_u8(q2_3a, 4));
        const int8x16_t n2_7b = vreinterpretq_s8_u8(vshrq_n_u8(q2_3b, 4));
        int16x8_t p20_7 = vmull_s8(vget_low_s8(n2_7a), vget_low_s8(y0_7a));
        p20_7 = vmlal_high_s8(p20_7, n2_7a, y0_7a);
        p20_7 = vmlal_s8(p20_7, vget_low_s8(n2_7b), vget_low_s8(y0_7b));
        p20_7 = vmlal_high_s8(p20_7, n2_7b, y0_7b);
        t20 = vmlal_laneq_s16(t20, vget_low_s16(p20_7), rw2.sc16, 7);
        t20 = vmlal_high_laneq_s16(t20, p20_7, rw2.sc16, 7);
        const int8x16_t n3_7a = vreinterpretq_s8_u8(vshrq_n_u8(q3_3a, 4));
        const int8x16_t n3_7b = vreinterpretq_s8_u8(vshrq_n_u8(q3_3b, 4));
        int16x8_t p30_7 = vmull_s8(vget_low_s8(n3_7a), vget_low_s8(y0_7a));
        p30_7 = vmlal_high_s8(p30_7, n3_7a, y0_7a);
        p30_7 = vmlal_s8(p30_7, vget_low_s8(n3_7b), vget_low_s8(y0_7b));
        p30_7 = vmlal_high_s8(p30_7, n3_7b, y0_7b);
        t30 = vmlal_laneq_s16(t30, vget_low_s16(p30_7), rw3.sc16, 7);
        t30 = vmlal_high_laneq_s16(t30, p30_7, rw3.sc16, 7);
        const int32x4_t isum0 = vpaddq_s32(vpaddq_s32(t00, t10), vpaddq_s32(t20, t30));
        acc0 = q4k_mv_fstep(acc0, d, dmin, d8_0, isum0, imin0);
        x0 += 144;
        x1 += 144;
        x2 += 144;
        x3 += 144;
        a0 += Q8K_BLOCK_BYTES;
    }
    q4k_mv_store4(y + 0 * ldy, acc0);
}

/* 2 rows x 1 vector, mull: y[v * ldy + r] for r < 2, v < 1. Not inlined: the
 * block loop is inside, so a call per tile costs nothing, and one copy
 * serves every variant and tail that uses the tile. */
static __attribute__((noinline)) void q4k_mv_mull_r2_c1(const uint8_t *w, size_t n_bpr, const uint8_t *xq, float *y, size_t ldy)
{
    const size_t ws = n_bpr * 144, xs = n_bpr * Q8K_BLOCK_BYTES;
    const uint8x16_t m4 = vdupq_n_u8(0x0f);
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
        int16x8_t p00_0 = vmull_s8(vget_low_s8(n0_0a), vget_low_s8(y0_0a));
        p00_0 = vmlal_high_s8(p00_0, n0_0a, y0_0a);
        p00_0 = vmlal_s8(p00_0, vget_low_s8(n0_0b), vget_low_s8(y0_0b));
        p00_0 = vmlal_high_s8(p00_0, n0_0b, y0_0b);
        t00 = vmlal_laneq_s16(t00, vget_low_s16(p00_0), rw0.sc16, 0);
        t00 = vmlal_high_laneq_s16(t00, p00_0, rw0.sc16, 0);
        const int8x16_t n1_0a = vreinterpretq_s8_u8(vandq_u8(q1_0a, m4));
        const int8x16_t n1_0b = vreinterpretq_s8_u8(vandq_u8(q1_0b, m4));
        int16x8_t p10_0 = vmull_s8(vget_low_s8(n1_0a), vget_low_s8(y0_0a));
        p10_0 = vmlal_high_s8(p10_0, n1_0a, y0_0a);
        p10_0 = vmlal_s8(p10_0, vget_low_s8(n1_0b), vget_low_s8(y0_0b));
        p10_0 = vmlal_high_s8(p10_0, n1_0b, y0_0b);
        t10 = vmlal_laneq_s16(t10, vget_low_s16(p10_0), rw1.sc16, 0);
        t10 = vmlal_high_laneq_s16(t10, p10_0, rw1.sc16, 0);
        const int8x16_t y0_1a = vreinterpretq_s8_u8(vld1q_u8(a0 + 36));
        const int8x16_t y0_1b = vreinterpretq_s8_u8(vld1q_u8(a0 + 52));
        const int8x16_t n0_1a = vreinterpretq_s8_u8(vshrq_n_u8(q0_0a, 4));
        const int8x16_t n0_1b = vreinterpretq_s8_u8(vshrq_n_u8(q0_0b, 4));
        int16x8_t p00_1 = vmull_s8(vget_low_s8(n0_1a), vget_low_s8(y0_1a));
        p00_1 = vmlal_high_s8(p00_1, n0_1a, y0_1a);
        p00_1 = vmlal_s8(p00_1, vget_low_s8(n0_1b), vget_low_s8(y0_1b));
        p00_1 = vmlal_high_s8(p00_1, n0_1b, y0_1b);
        t00 = vmlal_laneq_s16(t00, vget_low_s16(p00_1), rw0.sc16, 1);
        t00 = vmlal_high_laneq_s16(t00, p00_1, rw0.sc16, 1);
        const int8x16_t n1_1a = vreinterpretq_s8_u8(vshrq_n_u8(q1_0a, 4));
        const int8x16_t n1_1b = vreinterpretq_s8_u8(vshrq_n_u8(q1_0b, 4));
        int16x8_t p10_1 = vmull_s8(vget_low_s8(n1_1a), vget_low_s8(y0_1a));
        p10_1 = vmlal_high_s8(p10_1, n1_1a, y0_1a);
        p10_1 = vmlal_s8(p10_1, vget_low_s8(n1_1b), vget_low_s8(y0_1b));
        p10_1 = vmlal_high_s8(p10_1, n1_1b, y0_1b);
        t10 = vmlal_laneq_s16(t10, vget_low_s16(p10_1), rw1.sc16, 1);
        t10 = vmlal_high_laneq_s16(t10, p10_1, rw1.sc16, 1);
        /* qs[32..63]: sub-blocks 2 (low nibbles) and 3 (high) */
        const uint8x16_t q0_1a = vld1q_u8(x0 + 48), q0_1b = vld1q_u8(x0 + 64);
        const uint8x16_t q1_1a = vld1q_u8(x1 + 48), q1_1b = vld1q_u8(x1 + 64);
        const int8x16_t y0_2a = vreinterpretq_s8_u8(vld1q_u8(a0 + 68));
        const int8x16_t y0_2b = vreinterpretq_s8_u8(vld1q_u8(a0 + 84));
        const int8x16_t n0_2a = vreinterpretq_s8_u8(vandq_u8(q0_1a, m4));
        const int8x16_t n0_2b = vreinterpretq_s8_u8(vandq_u8(q0_1b, m4));
        int16x8_t p00_2 = vmull_s8(vget_low_s8(n0_2a), vget_low_s8(y0_2a));
        p00_2 = vmlal_high_s8(p00_2, n0_2a, y0_2a);
        p00_2 = vmlal_s8(p00_2, vget_low_s8(n0_2b), vget_low_s8(y0_2b));
        p00_2 = vmlal_high_s8(p00_2, n0_2b, y0_2b);
        t00 = vmlal_laneq_s16(t00, vget_low_s16(p00_2), rw0.sc16, 2);
        t00 = vmlal_high_laneq_s16(t00, p00_2, rw0.sc16, 2);
        const int8x16_t n1_2a = vreinterpretq_s8_u8(vandq_u8(q1_1a, m4));
        const int8x16_t n1_2b = vreinterpretq_s8_u8(vandq_u8(q1_1b, m4));
        int16x8_t p10_2 = vmull_s8(vget_low_s8(n1_2a), vget_low_s8(y0_2a));
        p10_2 = vmlal_high_s8(p10_2, n1_2a, y0_2a);
        p10_2 = vmlal_s8(p10_2, vget_low_s8(n1_2b), vget_low_s8(y0_2b));
        p10_2 = vmlal_high_s8(p10_2, n1_2b, y0_2b);
        t10 = vmlal_laneq_s16(t10, vget_low_s16(p10_2), rw1.sc16, 2);
        t10 = vmlal_high_laneq_s16(t10, p10_2, rw1.sc16, 2);
        const int8x16_t y0_3a = vreinterpretq_s8_u8(vld1q_u8(a0 + 100));
        const int8x16_t y0_3b = vreinterpretq_s8_u8(vld1q_u8(a0 + 116));
        const int8x16_t n0_3a = vreinterpretq_s8_u8(vshrq_n_u8(q0_1a, 4));
        const int8x16_t n0_3b = vreinterpretq_s8_u8(vshrq_n_u8(q0_1b, 4));
        int16x8_t p00_3 = vmull_s8(vget_low_s8(n0_3a), vget_low_s8(y0_3a));
        p00_3 = vmlal_high_s8(p00_3, n0_3a, y0_3a);
        p00_3 = vmlal_s8(p00_3, vget_low_s8(n0_3b), vget_low_s8(y0_3b));
        p00_3 = vmlal_high_s8(p00_3, n0_3b, y0_3b);
        t00 = vmlal_laneq_s16(t00, vget_low_s16(p00_3), rw0.sc16, 3);
        t00 = vmlal_high_laneq_s16(t00, p00_3, rw0.sc16, 3);
        const int8x16_t n1_3a = vreinterpretq_s8_u8(vshrq_n_u8(q1_1a, 4));
        const int8x16_t n1_3b = vreinterpretq_s8_u8(vshrq_n_u8(q1_1b, 4));
        int16x8_t p10_3 = vmull_s8(vget_low_s8(n1_3a), vget_low_s8(y0_3a));
        p10_3 = vmlal_high_s8(p10_3, n1_3a, y0_3a);
        p10_3 = vmlal_s8(p10_3, vget_low_s8(n1_3b), vget_low_s8(y0_3b));
        p10_3 = vmlal_high_s8(p10_3, n1_3b, y0_3b);
        t10 = vmlal_laneq_s16(t10, vget_low_s16(p10_3), rw1.sc16, 3);
        t10 = vmlal_high_laneq_s16(t10, p10_3, rw1.sc16, 3);
        /* qs[64..95]: sub-blocks 4 (low nibbles) and 5 (high) */
        const uint8x16_t q0_2a = vld1q_u8(x0 + 80), q0_2b = vld1q_u8(x0 + 96);
        const uint8x16_t q1_2a = vld1q_u8(x1 + 80), q1_2b = vld1q_u8(x1 + 96);
        const int8x16_t y0_4a = vreinterpretq_s8_u8(vld1q_u8(a0 + 132));
        const int8x16_t y0_4b = vreinterpretq_s8_u8(vld1q_u8(a0 + 148));
        const int8x16_t n0_4a = vreinterpretq_s8_u8(vandq_u8(q0_2a, m4));
        const int8x16_t n0_4b = vreinterpretq_s8_u8(vandq_u8(q0_2b, m4));
        int16x8_t p00_4 = vmull_s8(vget_low_s8(n0_4a), vget_low_s8(y0_4a));
        p00_4 = vmlal_high_s8(p00_4, n0_4a, y0_4a);
        p00_4 = vmlal_s8(p00_4, vget_low_s8(n0_4b), vget_low_s8(y0_4b));
        p00_4 = vmlal_high_s8(p00_4, n0_4b, y0_4b);
        t00 = vmlal_laneq_s16(t00, vget_low_s16(p00_4), rw0.sc16, 4);
        t00 = vmlal_high_laneq_s16(t00, p00_4, rw0.sc16, 4);
        const int8x16_t n1_4a = vreinterpretq_s8_u8(vandq_u8(q1_2a, m4));
        const int8x16_t n1_4b = vreinterpretq_s8_u8(vandq_u8(q1_2b, m4));
        int16x8_t p10_4 = vmull_s8(vget_low_s8(n1_4a), vget_low_s8(y0_4a));
        p10_4 = vmlal_high_s8(p10_4, n1_4a, y0_4a);
        p10_4 = vmlal_s8(p10_4, vget_low_s8(n1_4b), vget_low_s8(y0_4b));
        p10_4 = vmlal_high_s8(p10_4, n1_4b, y0_4b);
        t10 = vmlal_laneq_s16(t10, vget_low_s16(p10_4), rw1.sc16, 4);
        t10 = vmlal_high_laneq_s16(t10, p10_4, rw1.sc16, 4);
        const int8x16_t y0_5a = vreinterpretq_s8_u8(vld1q_u8(a0 + 164));
        const int8x16_t y0_5b = vreinterpretq_s8_u8(vld1q_u8(a0 + 180));
        const int8x16_t n0_5a = vreinterpretq_s8_u8(vshrq_n_u8(q0_2a, 4));
        const int8x16_t n0_5b = vreinterpretq_s8_u8(vshrq_n_u8(q0_2b, 4));
        int16x8_t p00_5 = vmull_s8(vget_low_s8(n0_5a), vget_low_s8(y0_5a));
        p00_5 = vmlal_high_s8(p00_5, n0_5a, y0_5a);
        p00_5 = vmlal_s8(p00_5, vget_low_s8(n0_5b), vget_low_s8(y0_5b));
        p00_5 = vmlal_high_s8(p00_5, n0_5b, y0_5b);
        t00 = vmlal_laneq_s16(t00, vget_low_s16(p00_5), rw0.sc16, 5);
        t00 = vmlal_high_laneq_s16(t00, p00_5, rw0.sc16, 5);
        const int8x16_t n1_5a = vreinterpretq_s8_u8(vshrq_n_u8(q1_2a, 4));
        const int8x16_t n1_5b = vreinterpretq_s8_u8(vshrq_n_u8(q1_2b, 4));
        int16x8_t p10_5 = vmull_s8(vget_low_s8(n1_5a), vget_low_s8(y0_5a));
        p10_5 = vmlal_high_s8(p10_5, n1_5a, y0_5a);
        p10_5 = vmlal_s8(p10_5, vget_low_s8(n1_5b), vget_low_s8(y0_5b));
        p10_5 = vmlal_high_s8(p10_5, n1_5b, y0_5b);
        t10 = vmlal_laneq_s16(t10, vget_low_s16(p10_5), rw1.sc16, 5);
        t10 = vmlal_high_laneq_s16(t10, p10_5, rw1.sc16, 5);
        /* qs[96..127]: sub-blocks 6 (low nibbles) and 7 (high) */
        const uint8x16_t q0_3a = vld1q_u8(x0 + 112), q0_3b = vld1q_u8(x0 + 128);
        const uint8x16_t q1_3a = vld1q_u8(x1 + 112), q1_3b = vld1q_u8(x1 + 128);
        const int8x16_t y0_6a = vreinterpretq_s8_u8(vld1q_u8(a0 + 196));
        const int8x16_t y0_6b = vreinterpretq_s8_u8(vld1q_u8(a0 + 212));
        const int8x16_t n0_6a = vreinterpretq_s8_u8(vandq_u8(q0_3a, m4));
        const int8x16_t n0_6b = vreinterpretq_s8_u8(vandq_u8(q0_3b, m4));
        int16x8_t p00_6 = vmull_s8(vget_low_s8(n0_6a), vget_low_s8(y0_6a));
        p00_6 = vmlal_high_s8(p00_6, n0_6a, y0_6a);
        p00_6 = vmlal_s8(p00_6, vget_low_s8(n0_6b), vget_low_s8(y0_6b));
        p00_6 = vmlal_high_s8(p00_6, n0_6b, y0_6b);
        t00 = vmlal_laneq_s16(t00, vget_low_s16(p00_6), rw0.sc16, 6);
        t00 = vmlal_high_laneq_s16(t00, p00_6, rw0.sc16, 6);
        const int8x16_t n1_6a = vreinterpretq_s8_u8(vandq_u8(q1_3a, m4));
        const int8x16_t n1_6b = vreinterpretq_s8_u8(vandq_u8(q1_3b, m4));
        int16x8_t p10_6 = vmull_s8(vget_low_s8(n1_6a), vget_low_s8(y0_6a));
        p10_6 = vmlal_high_s8(p10_6, n1_6a, y0_6a);
        p10_6 = vmlal_s8(p10_6, vget_low_s8(n1_6b), vget_low_s8(y0_6b));
        p10_6 = vmlal_high_s8(p10_6, n1_6b, y0_6b);
        t10 = vmlal_laneq_s16(t10, vget_low_s16(p10_6), rw1.sc16, 6);
        t10 = vmlal_high_laneq_s16(t10, p10_6, rw1.sc16, 6);
        const int8x16_t y0_7a = vreinterpretq_s8_u8(vld1q_u8(a0 + 228));
        const int8x16_t y0_7b = vreinterpretq_s8_u8(vld1q_u8(a0 + 244));
        const int8x16_t n0_7a = vreinterpretq_s8_u8(vshrq_n_u8(q0_3a, 4));
        const int8x16_t n0_7b = vreinterpretq_s8_u8(vshrq_n_u8(q0_3b, 4));
        int16x8_t p00_7 = vmull_s8(vget_low_s8(n0_7a), vget_low_s8(y0_7a));
        p00_7 = vmlal_high_s8(p00_7, n0_7a, y0_7a);
        p00_7 = vmlal_s8(p00_7, vget_low_s8(n0_7b), vget_low_s8(y0_7b));
        p00_7 = vmlal_high_s8(p00_7, n0_7b, y0_7b);
        t00 = vmlal_laneq_s16(t00, vget_low_s16(p00_7), rw0.sc16, 7);
        t00 = vmlal_high_laneq_s16(t00, p00_7, rw0.sc16, 7);
        const int8x16_t n1_7a = vreinterpretq_s8_u8(vshrq_n_u8(q1_3a, 4));
        const int8x16_t n1_7b = vreinterpretq_s8_u8(vshrq_n_u8(q1_3b, 4));
        int16x8_t p10_7 = vmull_s8(vget_low_s8(n1_7a), vget_low_s8(y0_7a));
        p10_7 = vmlal_high_s8(p10_7, n1_7a, y0_7a);
        p10_7 = vmlal_s8(p10_7, vget_low_s8(n1_7b), vget_low_s8(y0_7b));
        p10_7 = vmlal_high_s8(p10_7, n1_7b, y0_7b);
        t10 = vmlal_laneq_s16(t10, vget_low_s16(p10_7), rw1.sc16, 7);
        t10 = vmlal_high_laneq_s16(t10, p10_7, rw1.sc16, 7);
        const int32x4_t isum0_h = vpaddq_s32(t00, t10);
        const int32x4_t isum0 = vpaddq_s32(isum0_h, isum0_h);
        acc0 = q4k_mv_fstep(acc0, d, dmin, d8_0, isum0, imin0);
        x0 += 144;
        x1 += 144;
        a0 += Q8K_BLOCK_BYTES;
    }
    q4k_mv_store2(y + 0 * ldy, acc0);
}

/* q4k_matvec__neon_r1_c1_p0: mull, 1 row x 1 vector per tile. */
void q4k_matvec__neon_r1_c1_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *wr = (const uint8_t *)w, *a = (const uint8_t *)xq;
    const size_t ws = n_bpr * 144, xs = n_bpr * Q8K_BLOCK_BYTES;
    size_t r = 0;
    for (; n_rows - r >= 1; r += 1) {
        size_t v = 0;
        for (; n_vecs - v >= 1; v += 1)
            q4k_mv_mull_r1_c1(wr + r * ws, n_bpr, a + v * xs, y + v * ldy + r, ldy);
    }
}

/* q4k_matvec__neon_r4_c1_p0: mull, 4 rows x 1 vector per tile. */
void q4k_matvec__neon_r4_c1_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *wr = (const uint8_t *)w, *a = (const uint8_t *)xq;
    const size_t ws = n_bpr * 144, xs = n_bpr * Q8K_BLOCK_BYTES;
    size_t r = 0;
    for (; n_rows - r >= 4; r += 4) {
        size_t v = 0;
        for (; n_vecs - v >= 1; v += 1)
            q4k_mv_mull_r4_c1(wr + r * ws, n_bpr, a + v * xs, y + v * ldy + r, ldy);
    }
    for (; n_rows - r >= 2; r += 2) {
        size_t v = 0;
        for (; n_vecs - v >= 1; v += 1)
            q4k_mv_mull_r2_c1(wr + r * ws, n_bpr, a + v * xs, y + v * ldy + r, ldy);
    }
    for (; n_rows - r >= 1; r += 1) {
        size_t v = 0;
        for (; n_vecs - v >= 1; v += 1)
            q4k_mv_mull_r1_c1(wr + r * ws, n_bpr, a + v * xs, y + v * ldy + r, ldy);
    }
}
#endif /* defined(__aarch64__) || defined(_M_ARM64) */
