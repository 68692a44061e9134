/* Auto-generated file. Do not edit!
 *   command:  lua5.4 gen/q4kgen.lua
 *   input:    gen/isas.lua
 *   input:    gen/ops/dequant.lua
 *   template: templates/dequant/scalar.c.in
 *
 * The portable scalar baseline: the reference every other variant is
 * verified and measured against. It follows the format's definition
 * literally (q4k_format.h) and is compiled with auto-vectorization off
 * (the reference family of gen/isas.lua), so it stays the scalar yardstick. */
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

void q4k_dequant__scalar(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    for (size_t b = 0; b < n_blocks; b++, x += 144, out += 256) {
        const float d = q4k_fp16_to_fp32(q4k_load_le16(x + Q4K_OFF_D));
        const float dmin = q4k_fp16_to_fp32(q4k_load_le16(x + Q4K_OFF_DMIN));
        const uint8_t *q = x + Q4K_OFF_QS;
        for (int g = 0; g < 4; g++, q += 32) {
            unsigned sc, m;
            q4k_scale_min(x + Q4K_OFF_SCALES, 2 * g, &sc, &m);
            const float d1 = d * (float)sc, m1 = dmin * (float)m;
            q4k_scale_min(x + Q4K_OFF_SCALES, 2 * g + 1, &sc, &m);
            const float d2 = d * (float)sc, m2 = dmin * (float)m;
            float *y = out + 64 * g;
            for (int l = 0; l < 32; l++)
                store_f32(y + l, d1 * (float)(q[l] & 0xf) - m1);
            for (int l = 0; l < 32; l++)
                store_f32(y + 32 + l, d2 * (float)(q[l] >> 4) - m2);
        }
    }
}
