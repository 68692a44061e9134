/* Auto-generated file. Do not edit!
 *   command:  lua5.4 gen/q4kgen.lua
 *   input:    gen/isas.lua
 *   input:    gen/ops/matvec.lua
 *   template: templates/matvec/scalar.c.in
 *
 * The portable scalar reference of the fused Q4_K x Q8_K product: the
 * canonical result of include/q4k_matvec.h, computed literally, one row
 * and one vector at a time. Every other variant is verified bit for bit
 * against it. Compiled without auto-vectorisation (the reference family of
 * gen/isas.lua). */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "q4k_format.h"
#include "q4k_variants.h"

/* One row's dot with one vector: the canonical order of operations. */
static float dot_row(const uint8_t *x, const uint8_t *a, size_t n_bpr)
{
    float acc = 0.0f;
    for (size_t b = 0; b < n_bpr; b++, x += 144, a += Q8K_BLOCK_BYTES) {
        const float d = q4k_fp16_to_fp32(q4k_load_le16(x + Q4K_OFF_D));
        const float dmin = q4k_fp16_to_fp32(q4k_load_le16(x + Q4K_OFF_DMIN));
        const float d8 = q8k_load_d(a);
        const int8_t *q8 = (const int8_t *)(a + Q8K_OFF_QS);
        int32_t isum = 0, imin = 0;
        for (int j = 0; j < 8; j++) {
            unsigned sc, m;
            q4k_scale_min(x + Q4K_OFF_SCALES, j, &sc, &m);
            /* Sub-block j: the low (j even) or high (j odd) nibbles of
             * qs[32*(j/2) .. 32*(j/2)+31], against q8[32j .. 32j+31]. */
            const uint8_t *q = x + Q4K_OFF_QS + 32 * (j / 2);
            const int shift = (j & 1) ? 4 : 0;
            int32_t s = 0;
            for (int i = 0; i < 32; i++)
                s += (int32_t)((q[i] >> shift) & 0xf) * q8[32 * j + i];
            isum += (int32_t)sc * s;
            imin += (int32_t)m * (q8k_load_bsum(a, 2 * j) + q8k_load_bsum(a, 2 * j + 1));
        }
        acc = fmaf(d8 * d, (float)isum, acc);
        acc = fmaf(-(d8 * dmin), (float)imin, acc);
    }
    return acc;
}

/* The same for row lane r of a packed tile (q4k_format.h): x is the
 * tile's first group, R its interleave. */
static float dot_row_packed(const uint8_t *x, unsigned R, unsigned r, const uint8_t *a, size_t n_bpr)
{
    float acc = 0.0f;
    for (size_t b = 0; b < n_bpr; b++, x += Q4K_PACKED_BLOCK_BYTES * R, a += Q8K_BLOCK_BYTES) {
        const float d = q4k_fp16_to_fp32(q4k_load_le16(x + 2 * r));
        const float dmin = q4k_fp16_to_fp32(q4k_load_le16(x + q4k_packed_off_dmin(R) + 2 * r));
        const uint8_t *sc = x + q4k_packed_off_sc(R) + 8 * r, *m = x + q4k_packed_off_m(R) + 8 * r;
        const uint8_t *qs = x + q4k_packed_off_qs(R) + 128 * r;
        const float d8 = q8k_load_d(a);
        const int8_t *q8 = (const int8_t *)(a + Q8K_OFF_QS);
        int32_t isum = 0, imin = 0;
        for (int j = 0; j < 8; j++) {
            const uint8_t *q = qs + 32 * (j / 2);
            const int shift = (j & 1) ? 4 : 0;
            int32_t s = 0;
            for (int i = 0; i < 32; i++)
                s += (int32_t)((q[i] >> shift) & 0xf) * q8[32 * j + i];
            isum += (int32_t)sc[j] * s;
            imin += (int32_t)m[j] * (q8k_load_bsum(a, 2 * j) + q8k_load_bsum(a, 2 * j + 1));
        }
        acc = fmaf(d8 * d, (float)isum, acc);
        acc = fmaf(-(d8 * dmin), (float)imin, acc);
    }
    return acc;
}

void q4k_matvec__scalar(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    for (size_t v = 0; v < n_vecs; v++) {
        const uint8_t *a = (const uint8_t *)xq + v * n_bpr * Q8K_BLOCK_BYTES;
        for (size_t r = 0; r < n_rows; r++) {
            float acc = dot_row((const uint8_t *)w + r * n_bpr * 144, a, n_bpr);
            memcpy(&y[v * ldy + r], &acc, sizeof acc);
        }
    }
}
/* q4k_matvec__scalar_r4_packed: the reference on weights packed with interleave 4
 * (n_rows real rows; w the first tile) */
void q4k_matvec__scalar_r4_packed(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const size_t tile_bytes = n_bpr * Q4K_PACKED_BLOCK_BYTES * 4;
    for (size_t v = 0; v < n_vecs; v++) {
        const uint8_t *a = (const uint8_t *)xq + v * n_bpr * Q8K_BLOCK_BYTES;
        for (size_t r = 0; r < n_rows; r++) {
            const uint8_t *t = (const uint8_t *)w + r / 4 * tile_bytes;
            float acc = dot_row_packed(t, 4, (unsigned)(r % 4), a, n_bpr);
            memcpy(&y[v * ldy + r], &acc, sizeof acc);
        }
    }
}
/* q4k_matvec__scalar_r8_packed: the reference on weights packed with interleave 8
 * (n_rows real rows; w the first tile) */
void q4k_matvec__scalar_r8_packed(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const size_t tile_bytes = n_bpr * Q4K_PACKED_BLOCK_BYTES * 8;
    for (size_t v = 0; v < n_vecs; v++) {
        const uint8_t *a = (const uint8_t *)xq + v * n_bpr * Q8K_BLOCK_BYTES;
        for (size_t r = 0; r < n_rows; r++) {
            const uint8_t *t = (const uint8_t *)w + r / 8 * tile_bytes;
            float acc = dot_row_packed(t, 8, (unsigned)(r % 8), a, n_bpr);
            memcpy(&y[v * ldy + r], &acc, sizeof acc);
        }
    }
}
