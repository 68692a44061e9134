/* q4k_format.h - the Q4_K block format in one place (ggml's block_q4_K),
 * and the Q8_K (activations) and Q6_K formats after it.
 *
 * 144 bytes per block of 256 values, little-endian:
 *   bytes 0-1    d      fp16, scale of the sub-block scales
 *   bytes 2-3    dmin   fp16, scale of the sub-block mins
 *   bytes 4-15   scales eight 6-bit scales and eight 6-bit mins, packed
 *   bytes 16-143 qs     256 4-bit quants
 * Sub-block j (0..7), 32 values each, has scale sc_j and min m_j:
 *   j < 4:  sc = s[j] & 63,                         m = s[j+4] & 63
 *   j >= 4: sc = (s[j+4] & 15) | ((s[j-4] >> 6) << 4),
 *           m  = (s[j+4] >> 4) | ((s[j]   >> 6) << 4)
 * Group g (0..3) reads qs[32g .. 32g+31]: its first 32 outputs are the low
 * nibbles with sub-block 2g, the next 32 the high nibbles with 2g+1.
 * Output: y = fl32(d*sc * q - dmin*m); both products are exact in fp32, so
 * the subtraction is the only rounding (ARCHITECTURE.md section 3).
 *
 * Everything here is portable C: blocks may sit at any address, so fields
 * are read byte-wise (memcpy), never through a cast pointer. */
#ifndef Q4K_FORMAT_H
#define Q4K_FORMAT_H

#include <stdint.h>
#include <string.h>

enum {
    Q4K_OFF_D = 0,
    Q4K_OFF_DMIN = 2,
    Q4K_OFF_SCALES = 4,
    Q4K_OFF_QS = 16,
    Q4K_SUBBLOCKS = 8,
    Q4K_SUBBLOCK_VALUES = 32
};

static inline uint16_t q4k_load_le16(const uint8_t *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}

static inline uint32_t q4k_load_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static inline float q4k_bits_to_float(uint32_t bits)
{
    float f;
    memcpy(&f, &bits, sizeof f);
    return f;
}

static inline uint32_t q4k_float_to_bits(float f)
{
    uint32_t bits;
    memcpy(&bits, &f, sizeof bits);
    return bits;
}

/* IEEE binary16 -> binary32, exact for every input: subnormals become
 * normal floats, infinities stay infinite, NaNs stay NaN (quieted). */
static inline float q4k_fp16_to_fp32(uint16_t h)
{
    uint32_t sign = (uint32_t)(h & 0x8000u) << 16;
    uint32_t exp = (h >> 10) & 0x1fu;
    uint32_t mant = h & 0x3ffu;
    if (exp == 0) {
        /* zero or subnormal: mant * 2^-24, exact in binary32 */
        float mag = (float)mant * 0x1p-24f;
        return q4k_bits_to_float(sign | q4k_float_to_bits(mag));
    }
    if (exp == 31)
        return q4k_bits_to_float(sign | 0x7f800000u | (mant << 13) | (mant ? 0x400000u : 0));
    return q4k_bits_to_float(sign | ((exp + 112) << 23) | (mant << 13));
}

/* The eight 6-bit scales and mins as bytes, with three 32-bit word
 * operations each instead of sixteen bit-field extractions:
 *   w0 = s[0..3], w1 = s[4..7], w2 = s[8..11]
 *   sc[0..3] = w0 & 0x3f..,  sc[4..7] = (w2 & 0x0f..) | ((w0 >> 2) & 0x30..)
 *   m[0..3]  = w1 & 0x3f..,  m[4..7]  = ((w2 >> 4) & 0x0f..) | ((w1 >> 2) & 0x30..)
 * The shifts never carry bits across byte lanes that the masks keep. */
static inline void q4k_unpack_scales_words(const uint8_t *s, uint32_t sc[2], uint32_t m[2])
{
    uint32_t w0 = q4k_load_le32(s), w1 = q4k_load_le32(s + 4), w2 = q4k_load_le32(s + 8);
    sc[0] = w0 & 0x3f3f3f3fu;
    sc[1] = (w2 & 0x0f0f0f0fu) | ((w0 >> 2) & 0x30303030u);
    m[0] = w1 & 0x3f3f3f3fu;
    m[1] = ((w2 >> 4) & 0x0f0f0f0fu) | ((w1 >> 2) & 0x30303030u);
}

/* Sub-block j's scale and min straight from the format's definition; the
 * reference the word trick above is tested against. */
static inline void q4k_scale_min(const uint8_t *s, int j, unsigned *sc, unsigned *m)
{
    if (j < 4) {
        *sc = s[j] & 63u;
        *m = s[j + 4] & 63u;
    } else {
        *sc = (s[j + 4] & 0xfu) | ((unsigned)(s[j - 4] >> 6) << 4);
        *m = (unsigned)(s[j + 4] >> 4) | ((unsigned)(s[j] >> 6) << 4);
    }
}

/* ---- Q8_K: the activations of the fused matrix-vector product ----------
 * ggml's block_q8_K, 292 bytes per 256 values, little-endian:
 *   bytes 0-3      d       float32, the block's scale (value = d * q)
 *   bytes 4-259    qs      256 int8 quants, each in [-127, 127]
 *   bytes 260-291  bsums   16 int16: bsums[k] = sum of qs[16k .. 16k+15]
 * Quantization (ggml's quantize_row_q8_K, deterministic): per block, max =
 * the value of largest magnitude (the first on ties); iscale = -127/max;
 * q = min(127, round-half-even(iscale * x)); d = 1/iscale. An all-zero
 * block has d = 0, quants and bsums 0. */
enum {
    Q8K_OFF_D = 0,
    Q8K_OFF_QS = 4,
    Q8K_OFF_BSUMS = 260,
    Q8K_BLOCK_BYTES = 292
};

/* Q8_K's d (a float stored little-endian). */
static inline float q8k_load_d(const uint8_t *block)
{
    return q4k_bits_to_float(q4k_load_le32(block + Q8K_OFF_D));
}

/* bsums[k] of a Q8_K block. */
static inline int16_t q8k_load_bsum(const uint8_t *block, int k)
{
    return (int16_t)q4k_load_le16(block + Q8K_OFF_BSUMS + 2 * k);
}

/* ---- Q6_K: the other weight format of Q4_K_M files ------------------------
 * ggml's block_q6_K, 210 bytes per 256 values, little-endian:
 *   bytes 0-127    ql      low 4 bits of each quant
 *   bytes 128-191  qh      high 2 bits of each quant
 *   bytes 192-207  scales  16 int8 scales, one per 16 values
 *   bytes 208-209  d       fp16, scale of the scales
 * Value i (0..255), in half n = i / 128, chunk m = (i % 128) / 32 and
 * position l = i % 32 of it: the low 4 bits are ql[64n + l + 32 (m & 1)]
 * (the low nibble for m < 2, the high one for m >= 2), the top 2 bits are
 * bits 2m, 2m+1 of qh[32n + l]; the quant is that 6-bit number q minus 32,
 * its scale scales[i / 16] (sub-block k = i / 16 holds values 16k..16k+15:
 * the same 16 as a Q8_K block's bsums[k]). Value = d * scales[k] * (q - 32). */
enum {
    Q6K_OFF_QL = 0,
    Q6K_OFF_QH = 128,
    Q6K_OFF_SCALES = 192,
    Q6K_OFF_D = 208,
    Q6K_SUBBLOCKS = 16,
    Q6K_BLOCK_BYTES = 210
};

/* The 6-bit quant q (0..63, before the -32) of value i of a Q6_K block,
 * straight from the format's definition. */
static inline int q6k_quant(const uint8_t *block, int i)
{
    const int n = i / 128, m = (i % 128) / 32, l = i % 32;
    const uint8_t lo = block[Q6K_OFF_QL + 64 * n + l + 32 * (m & 1)];
    const uint8_t hi = block[Q6K_OFF_QH + 32 * n + l];
    return ((m < 2 ? lo : lo >> 4) & 0xf) | (((hi >> (2 * m)) & 3) << 4);
}

#endif /* Q4K_FORMAT_H */
