/* q6k_ref.c - scalar Q6_K dequantization, so `q4k gguf dequant` can also
 * convert the Q6_K tensors that Q4_K_M files carry (output.weight, some
 * attn_v and ffn_down).
 *
 * block_q6_K, 210 bytes for 256 values: ql[128] (low 4 bits of each
 * quant), qh[64] (high 2 bits), scales[16] (int8, one per 16 values), d
 * (fp16). The block is two halves of 128 values; half h uses ql[64h..],
 * qh[32h..] and scales[8h..]. Within a half, for l = 0..31 the four values
 * l, l+32, l+64, l+96 take their low nibble from ql[l] (low), ql[l+32]
 * (low), ql[l] (high), ql[l+32] (high) and their top two bits from bits
 * 0-1, 2-3, 4-5, 6-7 of qh[l]; quant q is that 6-bit number minus 32.
 * Value = d * scale * q with the scale of its 16-value group.
 *
 * Unlike Q4_K this is not exact in fp32 (d*scale has up to 19 significant
 * bits, times a 6-bit q is 25), so the result depends on the order of the
 * multiplications. ggml computes (d * scale) * q in float; so do we. There
 * is no addition, so FMA contraction cannot change it. */
#include "gguf_internal.h" /* and q4k_format.h: Q6K_BLOCK_BYTES */

static void q6k_half(const uint8_t *ql, const uint8_t *qh, const int8_t *sc, float d, float *y)
{
    for (int l = 0; l < 32; l++) {
        int g = l / 16; /* 16-value group within each 32-value run */
        int q0 = ((ql[l] & 0xF) | (((qh[l] >> 0) & 3) << 4)) - 32;
        int q1 = ((ql[l + 32] & 0xF) | (((qh[l] >> 2) & 3) << 4)) - 32;
        int q2 = ((ql[l] >> 4) | (((qh[l] >> 4) & 3) << 4)) - 32;
        int q3 = ((ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4)) - 32;
        y[l] = (d * (float)sc[g]) * (float)q0;
        y[l + 32] = (d * (float)sc[g + 2]) * (float)q1;
        y[l + 64] = (d * (float)sc[g + 4]) * (float)q2;
        y[l + 96] = (d * (float)sc[g + 6]) * (float)q3;
    }
}

void gguf_q6k_dequantize(const void *blocks, size_t n_blocks, float *out)
{
    const uint8_t *b = blocks;
    for (size_t i = 0; i < n_blocks; i++, b += Q6K_BLOCK_BYTES, out += 256) {
        const uint8_t *ql = b, *qh = b + 128;
        const int8_t *sc = (const int8_t *)(b + 192);
        float d = gguf_fp16_to_fp32(gguf_le16(b + 208));
        q6k_half(ql, qh, sc, d, out);
        q6k_half(ql + 64, qh + 32, sc + 8, d, out + 128);
    }
}
