/* Auto-generated file. Do not edit!
 *   command:  lua5.4 gen/q4kgen.lua
 *   input:    gen/isas.lua
 *   input:    gen/ops/matvec_q6k.lua
 *   template: templates/matvec_q6k/scalar.c.in
 *
 * The portable scalar reference of the fused Q6_K x Q8_K product: the
 * canonical result of include/q4k_matvec_q6k.h, computed literally, one
 * row and one vector at a time. Every other variant is verified bit for
 * bit against it. Compiled without auto-vectorisation (the reference family
 * of gen/isas.lua). It reads the activations' quants, never their bsums. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "q4k_format.h"
#include "q4k_variants.h"

/* One row's dot with one vector: the canonical order of operations.
 * isum is exact in int32: |q - 32| <= 32 and |q8| <= 128 (any byte), so a
 * sub-block's sum is at most 16*32*128 = 65536 in magnitude, times a scale
 * (|sc| <= 128) 2^23, over 16 sub-blocks 2^27 < 2^31. */
static float dot_row(const uint8_t *x, const uint8_t *a, size_t n_bpr)
{
    float acc = 0.0f;
    for (size_t b = 0; b < n_bpr; b++, x += Q6K_BLOCK_BYTES, a += Q8K_BLOCK_BYTES) {
        const float d = q4k_fp16_to_fp32(q4k_load_le16(x + Q6K_OFF_D));
        const float d8 = q8k_load_d(a);
        const int8_t *q8 = (const int8_t *)(a + Q8K_OFF_QS);
        int32_t isum = 0;
        for (int k = 0; k < Q6K_SUBBLOCKS; k++) {
            int32_t s = 0;
            for (int i = 16 * k; i < 16 * k + 16; i++)
                s += (q6k_quant(x, i) - 32) * q8[i];
            isum += (int32_t)(int8_t)x[Q6K_OFF_SCALES + k] * s;
        }
        acc = fmaf(d8 * d, (float)isum, acc);
    }
    return acc;
}

/* The same for row lane r of a packed tile (q4k_format.h): x is the
 * tile's first group, R its interleave. */
static float dot_row_packed(const uint8_t *x, unsigned R, unsigned r, const uint8_t *a, size_t n_bpr)
{
    float acc = 0.0f;
    for (size_t b = 0; b < n_bpr; b++, x += (size_t)Q4K_PACKED_Q6K_BLOCK_BYTES * R, a += Q8K_BLOCK_BYTES) {
        const float d = q4k_fp16_to_fp32(q4k_load_le16(x + 2 * r));
        const int8_t *sc = (const int8_t *)(x + q4k_packed_q6k_off_sc(R) + 16 * r);
        const uint8_t *ql = x + q4k_packed_q6k_off_ql(R) + 128 * r, *qh = x + q4k_packed_q6k_off_qh(R) + 64 * r;
        const float d8 = q8k_load_d(a);
        const int8_t *q8 = (const int8_t *)(a + Q8K_OFF_QS);
        int32_t isum = 0;
        for (int k = 0; k < Q6K_SUBBLOCKS; k++) {
            int32_t s = 0;
            for (int i = 16 * k; i < 16 * k + 16; i++)
                s += (q4k_q6k_packed_quant(ql, qh, i) - 32) * q8[i];
            isum += (int32_t)sc[k] * s;
        }
        acc = fmaf(d8 * d, (float)isum, acc);
    }
    return acc;
}

void q4k_matvec_q6k__scalar(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    for (size_t v = 0; v < n_vecs; v++) {
        const uint8_t *a = (const uint8_t *)xq + v * n_bpr * Q8K_BLOCK_BYTES;
        for (size_t r = 0; r < n_rows; r++) {
            float acc = dot_row((const uint8_t *)w + r * n_bpr * Q6K_BLOCK_BYTES, a, n_bpr);
            memcpy(&y[v * ldy + r], &acc, sizeof acc);
        }
    }
}
/* q4k_matvec_q6k__scalar_r4_packed: the reference on weights packed with interleave 4
 * (n_rows real rows; w the first tile) */
void q4k_matvec_q6k__scalar_r4_packed(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const size_t tile_bytes = n_bpr * Q4K_PACKED_Q6K_BLOCK_BYTES * 4;
    for (size_t v = 0; v < n_vecs; v++) {
        const uint8_t *a = (const uint8_t *)xq + v * n_bpr * Q8K_BLOCK_BYTES;
        for (size_t r = 0; r < n_rows; r++) {
            const uint8_t *t = (const uint8_t *)w + r / 4 * tile_bytes;
            float acc = dot_row_packed(t, 4, (unsigned)(r % 4), a, n_bpr);
            memcpy(&y[v * ldy + r], &acc, sizeof acc);
        }
    }
}
/* q4k_matvec_q6k__scalar_r8_packed: the reference on weights packed with interleave 8
 * (n_rows real rows; w the first tile) */
void q4k_matvec_q6k__scalar_r8_packed(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const size_t tile_bytes = n_bpr * Q4K_PACKED_Q6K_BLOCK_BYTES * 8;
    for (size_t v = 0; v < n_vecs; v++) {
        const uint8_t *a = (const uint8_t *)xq + v * n_bpr * Q8K_BLOCK_BYTES;
        for (size_t r = 0; r < n_rows; r++) {
            const uint8_t *t = (const uint8_t *)w + r / 8 * tile_bytes;
            float acc = dot_row_packed(t, 8, (unsigned)(r % 8), a, n_bpr);
            memcpy(&y[v * ldy + r], &acc, sizeof acc);
        }
    }
}
