/* Auto-generated file. Do not edit!
 *   command:  lua5.4 gen/q4kgen.lua
 *   input:    gen/isas.lua
 *   input:    gen/ops/quantize_q8k.lua
 *   template: templates/quantize_q8k/neon.c.in
 *   arch:     aarch64 only (the whole file is inside #if: empty elsewhere)
 *
 * NEON (aarch64) Q8_K quantization: byte-identical to ggml's
 * quantize_row_q8_K and to the scalar reference (the rule is in
 * include/q4k_format.h). The caller has checked that every input is finite.
 *
 * Per block of 256 floats, the reference's float operations exactly:
 *   amax   vabsq/vmaxq over the block, vmaxvq across lanes (max is exact
 *          in any order);
 *   max    the signed value at the FIRST index with |x| == amax: a second
 *          pass compares 16 values at a time against amax and stops at the
 *          first group that holds it, then a scalar scan finds the index
 *          (so -a before +a gives -a, as the reference's strict > does);
 *   iscale = -127.f / max, one division; d = 1 / iscale;
 *   quants vmulq_f32 (iscale * x, one rounding) then vcvtnq_s32_f32, which
 *          rounds to nearest, ties to even: the same integer as ggml's
 *          nearest_int (x + 1.5*2^23) for |iscale*x| <= 2^22. |iscale*x|
 *          <= 127 * (1 + 2^-24) rounds to at most 127 in magnitude, so
 *          MIN(127, v) never binds; the saturating narrows (sqxtn) do the
 *          same clamp anyway;
 *   bsums  saddlp and three addp levels per 8 groups of 16 (sums of 16
 *          int8 fit int16), stored little-endian as the format wants.
 * Two cases the vector rounding alone would get wrong, taken by branch:
 *   amax == 0             the block is all zeros (d, quants, bsums);
 *   iscale infinite       |max| < 127/FLT_MAX (subnormal or tiny): then
 *          iscale*x is +-inf or NaN, which nearest_int turns into
 *          -0x400000 or 0, both 0 as int8; d = 1/+-inf = -+0. The block is
 *          zeros with that d. (vcvtnq would saturate to +-127.)
 * x may sit at any float address; out at any address (byte stores). */
#if defined(__aarch64__) || defined(_M_ARM64)
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <arm_neon.h>

#include "q4k_format.h"
#include "q4k_variants.h"

#if defined(__ARM_BIG_ENDIAN)
#error "q4k NEON kernels assume little-endian aarch64 (vector lanes are read as memory bytes)"
#endif

/* 16 floats times iscale -> 16 quants */
static inline __attribute__((always_inline)) int8x16_t q4k_q8k_quant16(const float *x, float32x4_t is)
{
    const int32x4_t i0 = vcvtnq_s32_f32(vmulq_f32(vld1q_f32(x), is));
    const int32x4_t i1 = vcvtnq_s32_f32(vmulq_f32(vld1q_f32(x + 4), is));
    const int32x4_t i2 = vcvtnq_s32_f32(vmulq_f32(vld1q_f32(x + 8), is));
    const int32x4_t i3 = vcvtnq_s32_f32(vmulq_f32(vld1q_f32(x + 12), is));
    const int16x8_t h0 = vqmovn_high_s32(vqmovn_s32(i0), i1);
    const int16x8_t h1 = vqmovn_high_s32(vqmovn_s32(i2), i3);
    return vqmovn_high_s16(vqmovn_s16(h0), h1);
}

void q4k_quantize_q8k__neon(const float *x, size_t n_blocks, void *out)
{
    uint8_t *o = (uint8_t *)out;
    for (size_t b = 0; b < n_blocks; b++, x += 256, o += Q8K_BLOCK_BYTES) {
        float32x4_t m0 = vabsq_f32(vld1q_f32(x)), m1 = vabsq_f32(vld1q_f32(x + 4));
        float32x4_t m2 = vabsq_f32(vld1q_f32(x + 8)), m3 = vabsq_f32(vld1q_f32(x + 12));
        for (int j = 16; j < 256; j += 16) {
            m0 = vmaxq_f32(m0, vabsq_f32(vld1q_f32(x + j)));
            m1 = vmaxq_f32(m1, vabsq_f32(vld1q_f32(x + j + 4)));
            m2 = vmaxq_f32(m2, vabsq_f32(vld1q_f32(x + j + 8)));
            m3 = vmaxq_f32(m3, vabsq_f32(vld1q_f32(x + j + 12)));
        }
        const float amax = vmaxvq_f32(vmaxq_f32(vmaxq_f32(m0, m1), vmaxq_f32(m2, m3)));
        if (amax == 0) {
            memset(o, 0, Q8K_BLOCK_BYTES); /* d = 0, every quant and bsum 0 */
            continue;
        }
        /* the first group of 16 holding amax, then its first such value */
        const float32x4_t va = vdupq_n_f32(amax);
        int j = 0;
        for (;; j += 16) {
            const uint32x4_t e0 = vceqq_f32(vabsq_f32(vld1q_f32(x + j)), va);
            const uint32x4_t e1 = vceqq_f32(vabsq_f32(vld1q_f32(x + j + 4)), va);
            const uint32x4_t e2 = vceqq_f32(vabsq_f32(vld1q_f32(x + j + 8)), va);
            const uint32x4_t e3 = vceqq_f32(vabsq_f32(vld1q_f32(x + j + 12)), va);
            if (vmaxvq_u32(vorrq_u32(vorrq_u32(e0, e1), vorrq_u32(e2, e3))))
                break;
        }
        while (fabsf(x[j]) != amax)
            j++;
        const float iscale = -127.f / x[j];
        const float d = 1 / iscale;
        if (isinf(iscale)) {
            memset(o, 0, Q8K_BLOCK_BYTES); /* quants and bsums 0 */
            memcpy(o + Q8K_OFF_D, &d, sizeof d); /* -+0 */
            continue;
        }
        memcpy(o + Q8K_OFF_D, &d, sizeof d);
        const float32x4_t is = vdupq_n_f32(iscale);
        /* quants 0..127, bsums[0..7] */
        const int8x16_t q0_0 = q4k_q8k_quant16(x + 0, is);
        vst1q_u8(o + Q8K_OFF_QS + 0, vreinterpretq_u8_s8(q0_0));
        const int8x16_t q1_0 = q4k_q8k_quant16(x + 16, is);
        vst1q_u8(o + Q8K_OFF_QS + 16, vreinterpretq_u8_s8(q1_0));
        const int8x16_t q2_0 = q4k_q8k_quant16(x + 32, is);
        vst1q_u8(o + Q8K_OFF_QS + 32, vreinterpretq_u8_s8(q2_0));
        const int8x16_t q3_0 = q4k_q8k_quant16(x + 48, is);
        vst1q_u8(o + Q8K_OFF_QS + 48, vreinterpretq_u8_s8(q3_0));
        const int8x16_t q4_0 = q4k_q8k_quant16(x + 64, is);
        vst1q_u8(o + Q8K_OFF_QS + 64, vreinterpretq_u8_s8(q4_0));
        const int8x16_t q5_0 = q4k_q8k_quant16(x + 80, is);
        vst1q_u8(o + Q8K_OFF_QS + 80, vreinterpretq_u8_s8(q5_0));
        const int8x16_t q6_0 = q4k_q8k_quant16(x + 96, is);
        vst1q_u8(o + Q8K_OFF_QS + 96, vreinterpretq_u8_s8(q6_0));
        const int8x16_t q7_0 = q4k_q8k_quant16(x + 112, is);
        vst1q_u8(o + Q8K_OFF_QS + 112, vreinterpretq_u8_s8(q7_0));
        const int16x8_t s0 = vpaddq_s16(vpaddq_s16(vpaddq_s16(vpaddlq_s8(q0_0), vpaddlq_s8(q1_0)), vpaddq_s16(vpaddlq_s8(q2_0), vpaddlq_s8(q3_0))),
                                        vpaddq_s16(vpaddq_s16(vpaddlq_s8(q4_0), vpaddlq_s8(q5_0)), vpaddq_s16(vpaddlq_s8(q6_0), vpaddlq_s8(q7_0))));
        vst1q_u8(o + Q8K_OFF_BSUMS + 0, vreinterpretq_u8_s16(s0));
        /* quants 128..255, bsums[8..15] */
        const int8x16_t q0_1 = q4k_q8k_quant16(x + 128, is);
        vst1q_u8(o + Q8K_OFF_QS + 128, vreinterpretq_u8_s8(q0_1));
        const int8x16_t q1_1 = q4k_q8k_quant16(x + 144, is);
        vst1q_u8(o + Q8K_OFF_QS + 144, vreinterpretq_u8_s8(q1_1));
        const int8x16_t q2_1 = q4k_q8k_quant16(x + 160, is);
        vst1q_u8(o + Q8K_OFF_QS + 160, vreinterpretq_u8_s8(q2_1));
        const int8x16_t q3_1 = q4k_q8k_quant16(x + 176, is);
        vst1q_u8(o + Q8K_OFF_QS + 176, vreinterpretq_u8_s8(q3_1));
        const int8x16_t q4_1 = q4k_q8k_quant16(x + 192, is);
        vst1q_u8(o + Q8K_OFF_QS + 192, vreinterpretq_u8_s8(q4_1));
        const int8x16_t q5_1 = q4k_q8k_quant16(x + 208, is);
        vst1q_u8(o + Q8K_OFF_QS + 208, vreinterpretq_u8_s8(q5_1));
        const int8x16_t q6_1 = q4k_q8k_quant16(x + 224, is);
        vst1q_u8(o + Q8K_OFF_QS + 224, vreinterpretq_u8_s8(q6_1));
        const int8x16_t q7_1 = q4k_q8k_quant16(x + 240, is);
        vst1q_u8(o + Q8K_OFF_QS + 240, vreinterpretq_u8_s8(q7_1));
        const int16x8_t s1 = vpaddq_s16(vpaddq_s16(vpaddq_s16(vpaddlq_s8(q0_1), vpaddlq_s8(q1_1)), vpaddq_s16(vpaddlq_s8(q2_1), vpaddlq_s8(q3_1))),
                                        vpaddq_s16(vpaddq_s16(vpaddlq_s8(q4_1), vpaddlq_s8(q5_1)), vpaddq_s16(vpaddlq_s8(q6_1), vpaddlq_s8(q7_1))));
        vst1q_u8(o + Q8K_OFF_BSUMS + 16, vreinterpretq_u8_s16(s1));
    }
}
#endif /* defined(__aarch64__) || defined(_M_ARM64) */
