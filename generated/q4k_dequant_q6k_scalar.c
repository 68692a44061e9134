/* Auto-generated file. Do not edit!
 *   command:  lua5.4 gen/q4kgen.lua
 *   input:    gen/isas.lua
 *   input:    gen/ops/dequant_q6k.lua
 *   template: templates/dequant_q6k/scalar.c.in
 *
 * The portable scalar Q6_K baseline: the reference every other dequant_q6k
 * variant is verified and measured against. It follows the format's
 * definition (q4k_format.h) in ggml's order of operations, (d * scale) * q
 * in float (any order gives the same bits: the product is exact), and is
 * compiled with auto-vectorization off (the reference family of
 * gen/isas.lua), so it stays the scalar yardstick. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "q4k_format.h"
#include "q4k_variants.h"

/* Callers may pass any float pointer, even one not 4-byte aligned: store
 * through memcpy (one plain store once compiled) instead of *p = v. */
static inline void store_f32(float *p, float v)
{
    memcpy(p, &v, sizeof v);
}

/* One half of a block: 128 outputs from ql[0..63], qh[0..31] and the half's
 * eight scales ds[0..7] (d * scale, exact). */
static void half(const uint8_t *ql, const uint8_t *qh, const float ds[8], float *y)
{
    for (int l = 0; l < 32; l++) {
        const int g = l / 16; /* the 16-output group within each run of 32 */
        const int q0 = ((ql[l] & 0xf) | (((qh[l] >> 0) & 3) << 4)) - 32;
        const int q1 = ((ql[l + 32] & 0xf) | (((qh[l] >> 2) & 3) << 4)) - 32;
        const int q2 = ((ql[l] >> 4) | (((qh[l] >> 4) & 3) << 4)) - 32;
        const int q3 = ((ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4)) - 32;
        store_f32(y + l, ds[g] * (float)q0);
        store_f32(y + l + 32, ds[g + 2] * (float)q1);
        store_f32(y + l + 64, ds[g + 4] * (float)q2);
        store_f32(y + l + 96, ds[g + 6] * (float)q3);
    }
}

void q4k_dequant_q6k__scalar(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    for (size_t b = 0; b < n_blocks; b++, x += Q4K_Q6K_BLOCK_BYTES, out += Q4K_Q6K_BLOCK_VALUES) {
        const float d = q4k_fp16_to_fp32(q4k_load_le16(x + Q6K_OFF_D));
        float ds[16];
        for (int j = 0; j < 16; j++)
            ds[j] = d * (float)q4k_q6k_scale(x, j);
        half(x + Q6K_OFF_QL, x + Q6K_OFF_QH, ds, out);
        half(x + Q6K_OFF_QL + 64, x + Q6K_OFF_QH + 32, ds + 8, out + 128);
    }
}
