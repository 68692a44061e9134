/* Auto-generated file. Do not edit!
 *   command:  lua5.4 gen/q4kgen.lua
 *   input:    gen/isas.lua
 *   input:    gen/ops/quantize_q8k.lua
 *   template: templates/quantize_q8k/scalar.c.in
 *
 * The portable scalar reference of Q8_K quantization: ggml's
 * quantize_row_q8_K, float operation for float operation (the rule is in
 * include/q4k_format.h), so its output is byte-identical to ggml's. The
 * caller (runtime/matvec/quantize_q8k.c) has checked that every input is
 * finite. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "q4k_format.h"
#include "q4k_variants.h"

/* Round half to even for |f| <= 2^22, as ggml's nearest_int does it: adding
 * 1.5 * 2^23 leaves the rounded integer in the low mantissa bits. */
static inline int nearest_int(float f)
{
    float val = f + 12582912.f;
    int32_t i;
    memcpy(&i, &val, sizeof i);
    return (i & 0x007fffff) - 0x00400000;
}

void q4k_quantize_q8k__scalar(const float *x, size_t n_blocks, void *out)
{
    uint8_t *o = (uint8_t *)out;
    for (size_t b = 0; b < n_blocks; b++, x += 256, o += Q8K_BLOCK_BYTES) {
        float max = 0, amax = 0;
        for (int j = 0; j < 256; j++) {
            float ax = fabsf(x[j]);
            if (ax > amax) {
                amax = ax;
                max = x[j];
            }
        }
        memset(o, 0, Q8K_BLOCK_BYTES);
        if (amax == 0)
            continue; /* d = 0, every quant and bsum 0 */
        const float iscale = -127.f / max;
        int8_t q[256];
        for (int j = 0; j < 256; j++) {
            int v = nearest_int(iscale * x[j]);
            q[j] = (int8_t)(v < 127 ? v : 127);
        }
        memcpy(o + Q8K_OFF_QS, q, sizeof q);
        for (int k = 0; k < 16; k++) {
            int sum = 0;
            for (int i = 0; i < 16; i++)
                sum += q[16 * k + i];
            uint16_t le = (uint16_t)(int16_t)sum;
            o[Q8K_OFF_BSUMS + 2 * k] = (uint8_t)le;
            o[Q8K_OFF_BSUMS + 2 * k + 1] = (uint8_t)(le >> 8);
        }
        const float d = 1 / iscale;
        uint32_t bits;
        memcpy(&bits, &d, sizeof bits);
        for (int k = 0; k < 4; k++)
            o[Q8K_OFF_D + k] = (uint8_t)(bits >> (8 * k));
    }
}
