/* Auto-generated file. Do not edit!
 *   command:  lua5.4 gen/q4kgen.lua
 *   input:    gen/isas.lua
 *   input:    gen/ops/dequant_q6k.lua
 *   template: templates/dequant_q6k/neon.c.in
 *   arch:     aarch64 only (the whole file is inside #if: empty elsewhere)
 *
 * NEON (aarch64) Q6_K -> float32 kernels. Primary target: Apple M4 P-core.
 *
 * Per block: d by vcvt_f32_f16 (fcvtl: exact for subnormals, infinities and
 * NaN); the 16 factors d*scale[j] (sxtl, sxtl, scvtf, fmul: exact) spilled
 * to the stack, so each 16-output group's factor is one ld1r.
 * Per 64 outputs (16 values of l in one half): three 16-byte loads (ql[l],
 * ql[l+32], qh[l]) and the 6-bit quants of outputs l, l+32, l+64, l+96 with
 * shift-and-insert (the nibble and two qh bits in one sli or sri each):
 *   l     sli(ql[l], qh & 3, 4)              l+64  sri(qh & 0x30, ql[l], 4)
 *   l+32  sli(ql[l+32], (qh >> 2) & 3, 4)    l+96  sri((qh >> 2) & 0x30, ql[l+32], 4)
 * Then per 16 outputs: usubl/usubl2 (u8 - 32 widened to 16 bits: the
 * signed q - 32 in one step), 4 sxtl, 4 scvtf, 4 fmul by d*scale (exact:
 * the same bits as ggml's (d*scale)*q), 2 store pairs (stp, or stnp for
 * the _nt variants). Blocks and out may sit at any address: only vld1q_u8
 * and stores without alignment requirements touch memory. */
#if defined(__aarch64__) || defined(_M_ARM64)
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <arm_neon.h>

#include "q4k_format.h"
#include "q4k_variants.h"

#if defined(__ARM_BIG_ENDIAN)
#error "q4k NEON kernels assume little-endian aarch64 (vector lanes are read as memory bytes)"
#endif

#define Q4K_NEON_INLINE static inline __attribute__((always_inline))

/* ds[j] = d * scales[j], j = 0..15 */
Q4K_NEON_INLINE void q6k_scales(const uint8_t *x, float ds[16])
{
    uint16_t dh;
    memcpy(&dh, x + Q6K_OFF_D, sizeof dh);
    const float32x4_t d = vcvt_f32_f16(vreinterpret_f16_u16(vdup_n_u16(dh)));
    const int8x16_t sc = vld1q_s8((const int8_t *)(x + Q6K_OFF_SCALES));
    const int16x8_t a = vmovl_s8(vget_low_s8(sc)), b = vmovl_high_s8(sc);
    vst1q_f32(ds, vmulq_f32(d, vcvtq_f32_s32(vmovl_s16(vget_low_s16(a)))));
    vst1q_f32(ds + 4, vmulq_f32(d, vcvtq_f32_s32(vmovl_high_s16(a))));
    vst1q_f32(ds + 8, vmulq_f32(d, vcvtq_f32_s32(vmovl_s16(vget_low_s16(b)))));
    vst1q_f32(ds + 12, vmulq_f32(d, vcvtq_f32_s32(vmovl_high_s16(b))));
}

/* 16 unsigned 6-bit quants -> 16 outputs s * (q - 32) */
Q4K_NEON_INLINE float32x4x4_t q6k_cvt16(uint8x16_t q, float32x4_t s)
{
    const int16x8_t a = vreinterpretq_s16_u16(vsubl_u8(vget_low_u8(q), vdup_n_u8(32)));
    const int16x8_t b = vreinterpretq_s16_u16(vsubl_high_u8(q, vdupq_n_u8(32)));
    float32x4x4_t r;
    r.val[0] = vmulq_f32(s, vcvtq_f32_s32(vmovl_s16(vget_low_s16(a))));
    r.val[1] = vmulq_f32(s, vcvtq_f32_s32(vmovl_high_s16(a)));
    r.val[2] = vmulq_f32(s, vcvtq_f32_s32(vmovl_s16(vget_low_s16(b))));
    r.val[3] = vmulq_f32(s, vcvtq_f32_s32(vmovl_high_s16(b)));
    return r;
}

/* 16 outputs to y: ordinary stores (the compiler pairs them into stp),
 * as bytes: out may be misaligned even for a float. */
Q4K_NEON_INLINE void q6k_store16(float *y, float32x4x4_t v)
{
    uint8_t *p = (uint8_t *)y;
    vst1q_u8(p, vreinterpretq_u8_f32(v.val[0]));
    vst1q_u8(p + 16, vreinterpretq_u8_f32(v.val[1]));
    vst1q_u8(p + 32, vreinterpretq_u8_f32(v.val[2]));
    vst1q_u8(p + 48, vreinterpretq_u8_f32(v.val[3]));
}

/* 16 outputs to y with non-temporal store pairs. The "=m" operand tells the
 * compiler exactly which 64 bytes are written. */
Q4K_NEON_INLINE void q6k_store16_nt(float *y, float32x4x4_t v)
{
    __asm__ volatile("stnp %q[a], %q[b], [%[p]]\n\t"
                     "stnp %q[c], %q[d], [%[p], #32]"
                     : "=m"(*(uint8_t (*)[64])y)
                     : [p] "r"(y), [a] "w"(v.val[0]), [b] "w"(v.val[1]),
                       [c] "w"(v.val[2]), [d] "w"(v.val[3]));
}

/* One block, ordinary stores. */
Q4K_NEON_INLINE void q6k_block(const uint8_t *x, float *y)
{
    float ds[16];
    q6k_scales(x, ds);
    const uint8x16_t m03 = vdupq_n_u8(0x03), m30 = vdupq_n_u8(0x30);
    for (int h = 0; h < 2; h++) {
        const uint8_t *ql = x + Q6K_OFF_QL + 64 * h, *qh = x + Q6K_OFF_QH + 32 * h;
        float *yh = y + 128 * h;
        const float *dh = ds + 8 * h;
        for (int c = 0; c < 2; c++) {
            const uint8x16_t la = vld1q_u8(ql + 16 * c), lb = vld1q_u8(ql + 32 + 16 * c);
            const uint8x16_t hb = vld1q_u8(qh + 16 * c), hb2 = vshrq_n_u8(hb, 2);
            /* outputs 16c + (0, 32, 64, 96) + i: scale groups c, 2+c, 4+c, 6+c */
            q6k_store16(yh + 16 * c, q6k_cvt16(vsliq_n_u8(la, vandq_u8(hb, m03), 4), vld1q_dup_f32(dh + c)));
            q6k_store16(yh + 32 + 16 * c,
                              q6k_cvt16(vsliq_n_u8(lb, vandq_u8(hb2, m03), 4), vld1q_dup_f32(dh + 2 + c)));
            q6k_store16(yh + 64 + 16 * c,
                              q6k_cvt16(vsriq_n_u8(vandq_u8(hb, m30), la, 4), vld1q_dup_f32(dh + 4 + c)));
            q6k_store16(yh + 96 + 16 * c,
                              q6k_cvt16(vsriq_n_u8(vandq_u8(hb2, m30), lb, 4), vld1q_dup_f32(dh + 6 + c)));
        }
    }
}

/* One block, non-temporal stores. */
Q4K_NEON_INLINE void q6k_block_nt(const uint8_t *x, float *y)
{
    float ds[16];
    q6k_scales(x, ds);
    const uint8x16_t m03 = vdupq_n_u8(0x03), m30 = vdupq_n_u8(0x30);
    for (int h = 0; h < 2; h++) {
        const uint8_t *ql = x + Q6K_OFF_QL + 64 * h, *qh = x + Q6K_OFF_QH + 32 * h;
        float *yh = y + 128 * h;
        const float *dh = ds + 8 * h;
        for (int c = 0; c < 2; c++) {
            const uint8x16_t la = vld1q_u8(ql + 16 * c), lb = vld1q_u8(ql + 32 + 16 * c);
            const uint8x16_t hb = vld1q_u8(qh + 16 * c), hb2 = vshrq_n_u8(hb, 2);
            /* outputs 16c + (0, 32, 64, 96) + i: scale groups c, 2+c, 4+c, 6+c */
            q6k_store16_nt(yh + 16 * c, q6k_cvt16(vsliq_n_u8(la, vandq_u8(hb, m03), 4), vld1q_dup_f32(dh + c)));
            q6k_store16_nt(yh + 32 + 16 * c,
                              q6k_cvt16(vsliq_n_u8(lb, vandq_u8(hb2, m03), 4), vld1q_dup_f32(dh + 2 + c)));
            q6k_store16_nt(yh + 64 + 16 * c,
                              q6k_cvt16(vsriq_n_u8(vandq_u8(hb, m30), la, 4), vld1q_dup_f32(dh + 4 + c)));
            q6k_store16_nt(yh + 96 + 16 * c,
                              q6k_cvt16(vsriq_n_u8(vandq_u8(hb2, m30), lb, 4), vld1q_dup_f32(dh + 6 + c)));
        }
    }
}

/* q4k_dequant_q6k__neon_u1_p0: 1 block(s) per iteration, ordinary stores.
 * blocks: n_blocks Q6_K blocks (210 bytes each, any alignment); out: 256 * n_blocks floats (any alignment). */
void q4k_dequant_q6k__neon_u1_p0(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    size_t i = 0;
    for (; i + 1 <= n_blocks; i += 1) {
        q6k_block(x + (i + 0) * Q4K_Q6K_BLOCK_BYTES, out + (i + 0) * 256);
    }
}

/* q4k_dequant_q6k__neon_u1_p0_nt: 1 block(s) per iteration, non-temporal (stnp) stores.
 * blocks: n_blocks Q6_K blocks (210 bytes each, any alignment); out: 256 * n_blocks floats (any alignment). */
void q4k_dequant_q6k__neon_u1_p0_nt(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    size_t i = 0;
    for (; i + 1 <= n_blocks; i += 1) {
        q6k_block_nt(x + (i + 0) * Q4K_Q6K_BLOCK_BYTES, out + (i + 0) * 256);
    }
}

/* q4k_dequant_q6k__neon_u2_p0: 2 block(s) per iteration, ordinary stores.
 * blocks: n_blocks Q6_K blocks (210 bytes each, any alignment); out: 256 * n_blocks floats (any alignment). */
void q4k_dequant_q6k__neon_u2_p0(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    size_t i = 0;
    for (; i + 2 <= n_blocks; i += 2) {
        q6k_block(x + (i + 0) * Q4K_Q6K_BLOCK_BYTES, out + (i + 0) * 256);
        q6k_block(x + (i + 1) * Q4K_Q6K_BLOCK_BYTES, out + (i + 1) * 256);
    }
    for (; i < n_blocks; i++)
        q6k_block(x + i * Q4K_Q6K_BLOCK_BYTES, out + i * 256);
}

/* q4k_dequant_q6k__neon_u2_p0_nt: 2 block(s) per iteration, non-temporal (stnp) stores.
 * blocks: n_blocks Q6_K blocks (210 bytes each, any alignment); out: 256 * n_blocks floats (any alignment). */
void q4k_dequant_q6k__neon_u2_p0_nt(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    size_t i = 0;
    for (; i + 2 <= n_blocks; i += 2) {
        q6k_block_nt(x + (i + 0) * Q4K_Q6K_BLOCK_BYTES, out + (i + 0) * 256);
        q6k_block_nt(x + (i + 1) * Q4K_Q6K_BLOCK_BYTES, out + (i + 1) * 256);
    }
    for (; i < n_blocks; i++)
        q6k_block_nt(x + i * Q4K_Q6K_BLOCK_BYTES, out + i * 256);
}
#endif /* defined(__aarch64__) || defined(_M_ARM64) */
