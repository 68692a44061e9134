/* q4k_format.h - the block formats in one place: Q4_K (ggml's block_q4_K),
 * Q8_K and Q6_K below.
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

#include <stddef.h>
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

/* ---- Packed Q4_K weights (q4k_pack, q4k_matvec.h) ----------------------
 * The same numbers as GGUF rows, laid out for the fused kernels: rows in
 * tiles of R (the interleave: 4 or 8; the last tile padded with all-zero
 * rows), and per tile, block column after block column, one group of R
 * blocks with the scales and mins already unpacked from 6 bits to bytes:
 *   bytes 0 .. 2R-1          d[r]     fp16 of tile row r
 *   bytes 2R .. 4R-1         dmin[r]  fp16
 *   bytes 4R .. 12R-1        sc[r][j] row r's 8 sub-block scales (0..63)
 *   bytes 12R .. 20R-1       m[r][j]  row r's 8 sub-block mins (0..63)
 *   bytes 20R .. 148R-1      qs[r][i] row r's 128 quant bytes, as in GGUF
 * 148 bytes per block instead of 144 (scales as bytes: no unpacking in
 * the inner loop, one stream of loads instead of R). Group of tile t,
 * column b: at (t * n_bpr + b) * 148 * R. */
enum { Q4K_PACKED_BLOCK_BYTES = 148 };

static inline size_t q4k_packed_off_dmin(unsigned R) { return 2u * R; }
static inline size_t q4k_packed_off_sc(unsigned R) { return 4u * R; }
static inline size_t q4k_packed_off_m(unsigned R) { return 12u * R; }
static inline size_t q4k_packed_off_qs(unsigned R) { return 20u * R; }

/* ---- Q6_K: the other weight format of Q4_K_M files -------------------
 * ggml's block_q6_K (output.weight, some attn_v and ffn_down tensors of a
 * Q4_K_M model), 210 bytes per 256 values, little-endian:
 *   bytes 0-127    ql      low 4 bits of each 6-bit quant
 *   bytes 128-191  qh      high 2 bits of each quant
 *   bytes 192-207  scales  16 int8 scales, scale j for outputs 16j..16j+15
 *   bytes 208-209  d       fp16, scale of the scales
 * Two halves of 128 outputs; half h reads ql[64h..], qh[32h..]. For
 * l = 0..31 its outputs l, l+32, l+64, l+96 take the low nibble of ql[l],
 * the low nibble of ql[l+32], the high nibble of ql[l], the high nibble of
 * ql[l+32], and bits 0-1, 2-3, 4-5, 6-7 of qh[l] as their top two bits;
 * the quant is that 6-bit number minus 32 (q4k_q6k_quant below).
 * Output k: y = fl32(d * scales[k/16] * q). Every such product is EXACT in
 * fp32, in any order of the multiplications: an 11-bit fp16 significand
 * times |scale| <= 128 (7 bits, or a power of two) times |q| <= 32 (5 bits,
 * or a power of two) needs at most 23 bits, and nothing overflows or
 * underflows (2^-24 <= |y| <= 65504*128*32). So (d*sc)*q, d*(sc*q) and
 * fused forms all give the same bits; NaN (from inf or NaN d, or inf*0)
 * stays NaN, with its sign and payload free. */
enum {
    Q4K_Q6K_BLOCK_BYTES = 210,
    Q4K_Q6K_BLOCK_VALUES = 256,
    Q6K_OFF_QL = 0,
    Q6K_OFF_QH = 128,
    Q6K_OFF_SCALES = 192,
    Q6K_OFF_D = 208,
    Q6K_SUBBLOCKS = 16,
    Q6K_BLOCK_BYTES = 210
};

/* Quant k (0..255) of a Q6_K block, in -32..31, straight from the format's
 * definition: the reference the kernels' byte tricks are tested against. */
static inline int q4k_q6k_quant(const uint8_t *block, int k)
{
    const int h = k / 128, r = k % 128, l = r % 32, part = r / 32;
    const uint8_t ql = block[Q6K_OFF_QL + 64 * h + l + 32 * (part & 1)];
    const uint8_t qh = block[Q6K_OFF_QH + 32 * h + l];
    const int lo = (part < 2) ? (ql & 0xf) : (ql >> 4);
    return (lo | (((qh >> (2 * part)) & 3) << 4)) - 32;
}

/* Scale j (0..15) of a Q6_K block. */
static inline int q4k_q6k_scale(const uint8_t *block, int j)
{
    return (int8_t)block[Q6K_OFF_SCALES + j];
}

/* The 6-bit quant q (0..63, before the -32) of value i of a Q6_K block:
 * q4k_q6k_quant(block, i) + 32, for kernels that take q and q8 apart. */
static inline int q6k_quant(const uint8_t *block, int i)
{
    return q4k_q6k_quant(block, i) + 32;
}

/* ---- Packed Q6_K weights (q4k_pack_q6k, q4k_matvec_q6k.h) ---------------
 * The same numbers as GGUF rows, laid out for the fused kernels as the
 * packed Q4_K above: rows in tiles of R (the interleave: 4 or 8; the last
 * tile padded with all-zero rows), and per tile, block column after block
 * column, one group of R blocks:
 *   bytes 0 .. 2R-1          d[r]      fp16 of tile row r, as stored
 *   bytes 2R .. 18R-1        sc[r][k]  row r's 16 int8 scales, as stored
 *   bytes 18R .. 146R-1      ql[r][i]  row r's 128 low-nibble bytes, as GGUF
 *   bytes 146R .. 210R-1     qh[r][i]  row r's 64 high-bit bytes, regrouped
 * 210 bytes per block, as GGUF (nothing widened: the kernels are bound by
 * reading memory; one stream of loads instead of R). ql byte i (0..127)
 * keeps GGUF's meaning: its low nibble is bits 0-3 of value i % 64 +
 * 128 * (i / 64), its high nibble of that value + 64. The high bits are
 * regrouped by value: bits 2m, 2m+1 of qh byte i (0..63) are bits 4-5 of
 * value 64m + i, so a kernel reading 64 values at a time shifts one 64-byte
 * load instead of shuffling halves (q4k_q6k_packed_quant). Group of tile t,
 * column b: at (t * n_bpr + b) * 210 * R. */
enum { Q4K_PACKED_Q6K_BLOCK_BYTES = 210 };

static inline size_t q4k_packed_q6k_off_sc(unsigned R) { return 2u * R; }
static inline size_t q4k_packed_q6k_off_ql(unsigned R) { return 18u * R; }
static inline size_t q4k_packed_q6k_off_qh(unsigned R) { return 146u * R; }

/* Quant k (0..255, in 0..63 before the -32) of one row of a packed group:
 * ql the row's 128 bytes, qh its 64 (q4k_packed_q6k_off_ql/qh + 128r/64r). */
static inline int q4k_q6k_packed_quant(const uint8_t *ql, const uint8_t *qh, int k)
{
    const int m = k / 64, i = k % 64;
    const uint8_t l = ql[64 * (m / 2) + i];
    const int lo = (m & 1) ? (l >> 4) : (l & 0xf);
    return lo | (((qh[i] >> (2 * m)) & 3) << 4);
}

#endif /* Q4K_FORMAT_H */
