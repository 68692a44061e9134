/* Auto-generated file. Do not edit!
 *   command:  lua5.4 gen/q4kgen.lua
 *   input:    gen/isas.lua
 *   input:    gen/ops/matvec_q6k.lua
 *   template: templates/matvec_q6k/neondot.c.in
 *   template: templates/matvec_q6k/neon_body.c.in
 *   template: templates/matvec_q6k/../matvec/neon_common.c.in
 *   arch:     aarch64 only (the whole file is inside #if: empty elsewhere)
 *
 * NEON + dotprod (sdot) kernels of the fused Q6_K x Q8_K product: the
 * canonical result of include/q4k_matvec_q6k.h, bit for bit. Apple M1 and
 * later, Cortex-A76 and later (FEAT_DotProd).
 *
 * Per sub-block k (16 values: one q register), row r and vector v: one sdot
 * of the quants minus 32 (-32..31, int8) against the q8 bytes, then one mla
 * by the scale's lane into the row's int32 isum lanes. No Q8_K bsums: the
 * -32 is applied to the quants (a signed product needs no correction).
 * Everything else is neon_body.c.in, shared with the smull family. */
#if defined(__aarch64__) || defined(_M_ARM64)
/* ---- shared by the NEON matvec families (neon_common.c.in) ----------------
 * The integer dot products differ per family (smull / sdot / smmla); what
 * is around them is the same everywhere and lives here:
 *   - per weight row and block: the 8 scales and 8 mins (the word trick of
 *     q4k_format.h in integer registers), as int32x4 pairs, int16x8, bytes;
 *   - per activation vector and block: d8, and bs[j] = bsums[2j] +
 *     bsums[2j+1] (|bs| <= 2*16*127 = 4064: int16);
 *   - imin of one row and one vector: smull + smlal2 of m[0..7] and bs[0..7]
 *     (|m*bs| <= 63*4064: int32 lanes whose sum is imin, exact);
 *   - the float steps of the canonical result for up to 4 rows at once, one
 *     row per lane: acc = fma(d8*d, (float)isum, acc), then acc =
 *     fma(-(d8*dmin), (float)imin, acc). vmulq_n_f32 rounds d*d8 (the same
 *     product as d8*d), vcvtq_f32_s32 rounds to nearest like (float) does,
 *     vfmaq_f32 is fmaf lane by lane and vfmsq_f32(acc, p, q) is fmla with
 *     the product negated: fma(-p, q, acc), bit for bit, sign of zero
 *     included. Explicit intrinsics: nothing is left to contraction.
 *     d and dmin: vcvt_f32_f16 is exact for every fp16 (subnormals, inf,
 *     NaN), and FPCR.FZ/FZ16 do not apply to the conversion (FPUnpackCV).
 * Lanes of rows a tile does not have carry harmless garbage and are never
 * stored. Every memory access is a byte-vector load/store or memcpy: the
 * blocks, the activations and y may sit at any address. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <arm_neon.h>

#include "q4k_format.h"
#include "q4k_variants.h"

#if defined(__ARM_BIG_ENDIAN)
#error "q4k NEON kernels assume little-endian aarch64 (vector lanes are read as memory bytes)"
#endif

#define Q4K_MV_INLINE static inline __attribute__((always_inline))

/* One weight row's block, what the dot products need. The compiler drops
 * the forms a family does not use. */
typedef struct {
    int32x4_t sc_lo, sc_hi; /* sc[0..3], sc[4..7] (mla by lane, sdot) */
    int16x8_t sc16;         /* sc[0..7] (smlal by lane, smull) */
    uint8x8_t sc8;          /* sc[0..7] as bytes (tbl, smmla) */
    int16x8_t m16;          /* m[0..7] */
} q4k_mv_row;

Q4K_MV_INLINE q4k_mv_row q4k_mv_row_load(const uint8_t *x)
{
    uint32_t sc[2], m[2];
    q4k_unpack_scales_words(x + Q4K_OFF_SCALES, sc, m);
    q4k_mv_row rw;
    rw.sc8 = vcreate_u8((uint64_t)sc[0] | ((uint64_t)sc[1] << 32));
    const uint16x8_t s16 = vmovl_u8(rw.sc8);
    rw.sc16 = vreinterpretq_s16_u16(s16);
    rw.sc_lo = vreinterpretq_s32_u32(vmovl_u16(vget_low_u16(s16)));
    rw.sc_hi = vreinterpretq_s32_u32(vmovl_high_u16(s16));
    rw.m16 = vreinterpretq_s16_u16(vmovl_u8(vcreate_u8((uint64_t)m[0] | ((uint64_t)m[1] << 32))));
    return rw;
}

/* d and dmin (fp16) of a block as one 32-bit word */
Q4K_MV_INLINE uint32_t q4k_mv_dm_word(const uint8_t *x)
{
    uint32_t t;
    memcpy(&t, x + Q4K_OFF_D, sizeof t);
    return t;
}

/* lanes {d, dmin} of rows 0..3 (fp16 pairs in 32-bit lanes) -> d per
 * lane, dmin per lane */
Q4K_MV_INLINE void q4k_mv_dmin4(uint32x4_t dm, float32x4_t *d, float32x4_t *dmin)
{
    const float16x8_t h = vreinterpretq_f16_u32(dm);
    const float32x4_t a = vcvt_f32_f16(vget_low_f16(h)), b = vcvt_high_f32_f16(h);
    *d = vuzp1q_f32(a, b);
    *dmin = vuzp2q_f32(a, b);
}

/* the same for rows 0..1 (lanes 2, 3 repeat them) */
Q4K_MV_INLINE void q4k_mv_dmin2(uint32x2_t dm, float32x4_t *d, float32x4_t *dmin)
{
    const float32x4_t a = vcvt_f32_f16(vreinterpret_f16_u32(dm));
    *d = vuzp1q_f32(a, a);
    *dmin = vuzp2q_f32(a, a);
}

Q4K_MV_INLINE float q4k_mv_d8(const uint8_t *a)
{
    float d8;
    memcpy(&d8, a + Q8K_OFF_D, sizeof d8);
    return d8;
}

/* bs[j] = bsums[2j] + bsums[2j+1], j = 0..7 */
Q4K_MV_INLINE int16x8_t q4k_mv_bsums(const uint8_t *a)
{
    const int16x8_t b0 = vreinterpretq_s16_u8(vld1q_u8(a + Q8K_OFF_BSUMS));
    const int16x8_t b1 = vreinterpretq_s16_u8(vld1q_u8(a + Q8K_OFF_BSUMS + 16));
    return vpaddq_s16(b0, b1);
}

/* int32 lanes whose sum is imin of one row and one vector */
Q4K_MV_INLINE int32x4_t q4k_mv_imin(int16x8_t m16, int16x8_t bs)
{
    return vmlal_high_s16(vmull_s16(vget_low_s16(m16), vget_low_s16(bs)), m16, bs);
}

/* per row in its lane: the two float steps of the canonical result */
Q4K_MV_INLINE float32x4_t q4k_mv_fstep(float32x4_t acc, float32x4_t d, float32x4_t dmin, float d8, int32x4_t isum,
                                       int32x4_t imin)
{
    acc = vfmaq_f32(acc, vmulq_n_f32(d, d8), vcvtq_f32_s32(isum));
    return vfmsq_f32(acc, vmulq_n_f32(dmin, d8), vcvtq_f32_s32(imin));
}

/* lanes 0..n-1 of acc to y (any address) */
Q4K_MV_INLINE void q4k_mv_store4(float *y, float32x4_t acc)
{
    vst1q_u8((uint8_t *)y, vreinterpretq_u8_f32(acc));
}

Q4K_MV_INLINE void q4k_mv_store2(float *y, float32x4_t acc)
{
    vst1_u8((uint8_t *)y, vreinterpret_u8_f32(vget_low_f32(acc)));
}

Q4K_MV_INLINE void q4k_mv_store1(float *y, float32x4_t acc)
{
    const float t = vgetq_lane_f32(acc, 0);
    memcpy(y, &t, sizeof t);
}

/* The 16 int8 scales of a row's block: as int16 (smlal by lane) or int32
 * (mla by lane). The compiler drops the form a family does not use. */
typedef struct {
    int16x8_t s16[2];
    int32x4_t s32[4];
} q6k_mv_scales;

Q4K_MV_INLINE q6k_mv_scales q6k_mv_scales_load(const uint8_t *sc)
{
    q6k_mv_scales s;
    const int8x16_t b = vreinterpretq_s8_u8(vld1q_u8(sc));
    s.s16[0] = vmovl_s8(vget_low_s8(b));
    s.s16[1] = vmovl_high_s8(b);
    for (int i = 0; i < 2; i++) {
        s.s32[2 * i] = vmovl_s16(vget_low_s16(s.s16[i]));
        s.s32[2 * i + 1] = vmovl_high_s16(s.s16[i]);
    }
    return s;
}

/* Sub-block k = 8n + 2m + s of a row's block: its 16 quants minus 32
 * (-32..31, as int8). The low 4 bits: ql[64n + 32(m&1) + 16s ..] (low
 * nibbles for m < 2, high after), in both layouts; the top 2: bits 2f,
 * 2f+1 of 16 qh bytes, moved to bits 4-5: GGUF rows f = m of
 * qh[32n + 16s ..], packed (q4k_format.h) f = 2n + m/2 of
 * qh[32(m&1) + 16s ..]. */
Q4K_MV_INLINE int8x16_t q6k_mv_quants(uint8x16_t ql, uint8x16_t qh, const int m, const int f)
{
    const uint8x16_t m4 = vdupq_n_u8(0x0f), m30 = vdupq_n_u8(0x30);
    const uint8x16_t lo = m < 2 ? vandq_u8(ql, m4) : vshrq_n_u8(ql, 4);
    const uint8x16_t hs = f == 0 ? vshlq_n_u8(qh, 4) : f == 1 ? vshlq_n_u8(qh, 2) : f == 2 ? qh : vshrq_n_u8(qh, 2);
    return vsubq_s8(vreinterpretq_s8_u8(vorrq_u8(lo, vandq_u8(hs, m30))), vdupq_n_s8(32));
}

/* row r's lanes of the R rows' isum vectors folded: row r in lane r */
Q4K_MV_INLINE int32x4_t q6k_mv_fold(const int32x4_t t[4], const int R)
{
    if (R == 4)
        return vpaddq_s32(vpaddq_s32(t[0], t[1]), vpaddq_s32(t[2], t[3]));
    const int32x4_t h = vpaddq_s32(t[0], R == 2 ? t[1] : t[0]);
    return vpaddq_s32(h, h);
}

/* R rows x C vectors (R = 1, 2 or 4; C <= 4), every block of the rows. w:
 * row 0's first block; xq: vector 0's first block; y: y[0] of vector 0.
 * Packed (P = 1, R = 4: q4k_pack_q6k's interleave-4 layout): w is the
 * tile's first group, and only its first nr rows are stored (the last
 * tile's padding rows are computed and dropped).
 * Per sub-block: each q8 load serves R rows, each row's quants C vectors.
 * sdot of the 16 quants (-32..31) against the 16 q8: 4 int32 lanes summing
 * to the sub-block's sum (|.| <= 16*32*128 = 2^16); mla by the scale's
 * lane adds sc[k] times it to the (row, vector) isum lanes (|partial| <=
 * 2^27). 2 ops per sub-block, row and vector.
 * Then per vector the R rows folded into one lane each and the canonical
 * float step for all of them: acc = fma(d8 * d, (float)isum, acc)
 * (neon_common.c.in has why vmulq_n_f32, vcvtq_f32_s32 and vfmaq_f32 are
 * exactly that). */
Q4K_MV_INLINE void q6k_mv_tile(const uint8_t *w, size_t n_bpr, const uint8_t *xq, float *y, size_t ldy, const int R,
                               const int C, const int P, const int nr)
{
    const size_t ws = n_bpr * Q6K_BLOCK_BYTES, xs = n_bpr * Q8K_BLOCK_BYTES;
    const size_t gs = P ? (size_t)Q4K_PACKED_Q6K_BLOCK_BYTES * 4 : Q6K_BLOCK_BYTES; /* per block column */
    /* where row r's fields start: GGUF rows r * ws apart; packed, side by side */
    const size_t o_d = P ? 0 : Q6K_OFF_D, o_sc = P ? q4k_packed_q6k_off_sc(4) : Q6K_OFF_SCALES;
    const size_t o_ql = P ? q4k_packed_q6k_off_ql(4) : Q6K_OFF_QL, o_qh = P ? q4k_packed_q6k_off_qh(4) : Q6K_OFF_QH;
    const size_t s_d = P ? 2 : ws, s_sc = P ? 16 : ws, s_ql = P ? 128 : ws, s_qh = P ? 64 : ws;
    float32x4_t acc[4];
    for (int c = 0; c < C; c++)
        acc[c] = vdupq_n_f32(0.0f);
    for (size_t b = 0; b < n_bpr; b++) {
        const uint8_t *x = w + b * gs;
        const uint8_t *a = xq + b * Q8K_BLOCK_BYTES;
        q6k_mv_scales sc[4];
        uint16_t dh[4];
        for (int r = 0; r < 4; r++)
            dh[r] = q4k_load_le16(x + (r < R ? r : 0) * s_d + o_d);
        for (int r = 0; r < R; r++)
            sc[r] = q6k_mv_scales_load(x + r * s_sc + o_sc);
        int32x4_t t[4][4];
        for (int r = 0; r < R; r++)
            for (int c = 0; c < C; c++)
                t[r][c] = vdupq_n_s32(0);
        { /* half 0, values l = 0..15 of its 32-value runs */
            /* qh: GGUF rows, qh[32n + 16s ..] for every m; packed,
             * qh[16s ..] for even m and qh[32 + 16s ..] for odd m */
            uint8x16_t qa[4], qb[4], qh[4], qh1[4];
            for (int r = 0; r < R; r++) {
                qa[r] = vld1q_u8(x + r * s_ql + o_ql + 0);
                qb[r] = vld1q_u8(x + r * s_ql + o_ql + 32);
                qh[r] = vld1q_u8(x + r * s_qh + o_qh + (P ? 0 : 0));
                qh1[r] = P ? vld1q_u8(x + r * s_qh + o_qh + 32) : qh[r];
            }
            { /* sub-block 0 */
                int8x16_t q[4], a8[4];
                for (int r = 0; r < R; r++)
                    q[r] = q6k_mv_quants(qa[r], qh[r], 0,
                                         P ? 0 : 0);
                for (int c = 0; c < C; c++)
                    a8[c] = vreinterpretq_s8_u8(vld1q_u8(a + c * xs + Q8K_OFF_QS + 0));
                for (int r = 0; r < R; r++)
                    for (int c = 0; c < C; c++) {
                        t[r][c] = vmlaq_laneq_s32(t[r][c], vdotq_s32(vdupq_n_s32(0), q[r], a8[c]), sc[r].s32[0], 0);
                    }
            }
            { /* sub-block 2 */
                int8x16_t q[4], a8[4];
                for (int r = 0; r < R; r++)
                    q[r] = q6k_mv_quants(qb[r], qh1[r], 1,
                                         P ? 0 : 1);
                for (int c = 0; c < C; c++)
                    a8[c] = vreinterpretq_s8_u8(vld1q_u8(a + c * xs + Q8K_OFF_QS + 32));
                for (int r = 0; r < R; r++)
                    for (int c = 0; c < C; c++) {
                        t[r][c] = vmlaq_laneq_s32(t[r][c], vdotq_s32(vdupq_n_s32(0), q[r], a8[c]), sc[r].s32[0], 2);
                    }
            }
            { /* sub-block 4 */
                int8x16_t q[4], a8[4];
                for (int r = 0; r < R; r++)
                    q[r] = q6k_mv_quants(qa[r], qh[r], 2,
                                         P ? 1 : 2);
                for (int c = 0; c < C; c++)
                    a8[c] = vreinterpretq_s8_u8(vld1q_u8(a + c * xs + Q8K_OFF_QS + 64));
                for (int r = 0; r < R; r++)
                    for (int c = 0; c < C; c++) {
                        t[r][c] = vmlaq_laneq_s32(t[r][c], vdotq_s32(vdupq_n_s32(0), q[r], a8[c]), sc[r].s32[1], 0);
                    }
            }
            { /* sub-block 6 */
                int8x16_t q[4], a8[4];
                for (int r = 0; r < R; r++)
                    q[r] = q6k_mv_quants(qb[r], qh1[r], 3,
                                         P ? 1 : 3);
                for (int c = 0; c < C; c++)
                    a8[c] = vreinterpretq_s8_u8(vld1q_u8(a + c * xs + Q8K_OFF_QS + 96));
                for (int r = 0; r < R; r++)
                    for (int c = 0; c < C; c++) {
                        t[r][c] = vmlaq_laneq_s32(t[r][c], vdotq_s32(vdupq_n_s32(0), q[r], a8[c]), sc[r].s32[1], 2);
                    }
            }
        }
        { /* half 0, values l = 16..31 of its 32-value runs */
            /* qh: GGUF rows, qh[32n + 16s ..] for every m; packed,
             * qh[16s ..] for even m and qh[32 + 16s ..] for odd m */
            uint8x16_t qa[4], qb[4], qh[4], qh1[4];
            for (int r = 0; r < R; r++) {
                qa[r] = vld1q_u8(x + r * s_ql + o_ql + 16);
                qb[r] = vld1q_u8(x + r * s_ql + o_ql + 48);
                qh[r] = vld1q_u8(x + r * s_qh + o_qh + (P ? 16 : 16));
                qh1[r] = P ? vld1q_u8(x + r * s_qh + o_qh + 48) : qh[r];
            }
            { /* sub-block 1 */
                int8x16_t q[4], a8[4];
                for (int r = 0; r < R; r++)
                    q[r] = q6k_mv_quants(qa[r], qh[r], 0,
                                         P ? 0 : 0);
                for (int c = 0; c < C; c++)
                    a8[c] = vreinterpretq_s8_u8(vld1q_u8(a + c * xs + Q8K_OFF_QS + 16));
                for (int r = 0; r < R; r++)
                    for (int c = 0; c < C; c++) {
                        t[r][c] = vmlaq_laneq_s32(t[r][c], vdotq_s32(vdupq_n_s32(0), q[r], a8[c]), sc[r].s32[0], 1);
                    }
            }
            { /* sub-block 3 */
                int8x16_t q[4], a8[4];
                for (int r = 0; r < R; r++)
                    q[r] = q6k_mv_quants(qb[r], qh1[r], 1,
                                         P ? 0 : 1);
                for (int c = 0; c < C; c++)
                    a8[c] = vreinterpretq_s8_u8(vld1q_u8(a + c * xs + Q8K_OFF_QS + 48));
                for (int r = 0; r < R; r++)
                    for (int c = 0; c < C; c++) {
                        t[r][c] = vmlaq_laneq_s32(t[r][c], vdotq_s32(vdupq_n_s32(0), q[r], a8[c]), sc[r].s32[0], 3);
                    }
            }
            { /* sub-block 5 */
                int8x16_t q[4], a8[4];
                for (int r = 0; r < R; r++)
                    q[r] = q6k_mv_quants(qa[r], qh[r], 2,
                                         P ? 1 : 2);
                for (int c = 0; c < C; c++)
                    a8[c] = vreinterpretq_s8_u8(vld1q_u8(a + c * xs + Q8K_OFF_QS + 80));
                for (int r = 0; r < R; r++)
                    for (int c = 0; c < C; c++) {
                        t[r][c] = vmlaq_laneq_s32(t[r][c], vdotq_s32(vdupq_n_s32(0), q[r], a8[c]), sc[r].s32[1], 1);
                    }
            }
            { /* sub-block 7 */
                int8x16_t q[4], a8[4];
                for (int r = 0; r < R; r++)
                    q[r] = q6k_mv_quants(qb[r], qh1[r], 3,
                                         P ? 1 : 3);
                for (int c = 0; c < C; c++)
                    a8[c] = vreinterpretq_s8_u8(vld1q_u8(a + c * xs + Q8K_OFF_QS + 112));
                for (int r = 0; r < R; r++)
                    for (int c = 0; c < C; c++) {
                        t[r][c] = vmlaq_laneq_s32(t[r][c], vdotq_s32(vdupq_n_s32(0), q[r], a8[c]), sc[r].s32[1], 3);
                    }
            }
        }
        { /* half 1, values l = 0..15 of its 32-value runs */
            /* qh: GGUF rows, qh[32n + 16s ..] for every m; packed,
             * qh[16s ..] for even m and qh[32 + 16s ..] for odd m */
            uint8x16_t qa[4], qb[4], qh[4], qh1[4];
            for (int r = 0; r < R; r++) {
                qa[r] = vld1q_u8(x + r * s_ql + o_ql + 64);
                qb[r] = vld1q_u8(x + r * s_ql + o_ql + 96);
                qh[r] = vld1q_u8(x + r * s_qh + o_qh + (P ? 0 : 32));
                qh1[r] = P ? vld1q_u8(x + r * s_qh + o_qh + 32) : qh[r];
            }
            { /* sub-block 8 */
                int8x16_t q[4], a8[4];
                for (int r = 0; r < R; r++)
                    q[r] = q6k_mv_quants(qa[r], qh[r], 0,
                                         P ? 2 : 0);
                for (int c = 0; c < C; c++)
                    a8[c] = vreinterpretq_s8_u8(vld1q_u8(a + c * xs + Q8K_OFF_QS + 128));
                for (int r = 0; r < R; r++)
                    for (int c = 0; c < C; c++) {
                        t[r][c] = vmlaq_laneq_s32(t[r][c], vdotq_s32(vdupq_n_s32(0), q[r], a8[c]), sc[r].s32[2], 0);
                    }
            }
            { /* sub-block 10 */
                int8x16_t q[4], a8[4];
                for (int r = 0; r < R; r++)
                    q[r] = q6k_mv_quants(qb[r], qh1[r], 1,
                                         P ? 2 : 1);
                for (int c = 0; c < C; c++)
                    a8[c] = vreinterpretq_s8_u8(vld1q_u8(a + c * xs + Q8K_OFF_QS + 160));
                for (int r = 0; r < R; r++)
                    for (int c = 0; c < C; c++) {
                        t[r][c] = vmlaq_laneq_s32(t[r][c], vdotq_s32(vdupq_n_s32(0), q[r], a8[c]), sc[r].s32[2], 2);
                    }
            }
            { /* sub-block 12 */
                int8x16_t q[4], a8[4];
                for (int r = 0; r < R; r++)
                    q[r] = q6k_mv_quants(qa[r], qh[r], 2,
                                         P ? 3 : 2);
                for (int c = 0; c < C; c++)
                    a8[c] = vreinterpretq_s8_u8(vld1q_u8(a + c * xs + Q8K_OFF_QS + 192));
                for (int r = 0; r < R; r++)
                    for (int c = 0; c < C; c++) {
                        t[r][c] = vmlaq_laneq_s32(t[r][c], vdotq_s32(vdupq_n_s32(0), q[r], a8[c]), sc[r].s32[3], 0);
                    }
            }
            { /* sub-block 14 */
                int8x16_t q[4], a8[4];
                for (int r = 0; r < R; r++)
                    q[r] = q6k_mv_quants(qb[r], qh1[r], 3,
                                         P ? 3 : 3);
                for (int c = 0; c < C; c++)
                    a8[c] = vreinterpretq_s8_u8(vld1q_u8(a + c * xs + Q8K_OFF_QS + 224));
                for (int r = 0; r < R; r++)
                    for (int c = 0; c < C; c++) {
                        t[r][c] = vmlaq_laneq_s32(t[r][c], vdotq_s32(vdupq_n_s32(0), q[r], a8[c]), sc[r].s32[3], 2);
                    }
            }
        }
        { /* half 1, values l = 16..31 of its 32-value runs */
            /* qh: GGUF rows, qh[32n + 16s ..] for every m; packed,
             * qh[16s ..] for even m and qh[32 + 16s ..] for odd m */
            uint8x16_t qa[4], qb[4], qh[4], qh1[4];
            for (int r = 0; r < R; r++) {
                qa[r] = vld1q_u8(x + r * s_ql + o_ql + 80);
                qb[r] = vld1q_u8(x + r * s_ql + o_ql + 112);
                qh[r] = vld1q_u8(x + r * s_qh + o_qh + (P ? 16 : 48));
                qh1[r] = P ? vld1q_u8(x + r * s_qh + o_qh + 48) : qh[r];
            }
            { /* sub-block 9 */
                int8x16_t q[4], a8[4];
                for (int r = 0; r < R; r++)
                    q[r] = q6k_mv_quants(qa[r], qh[r], 0,
                                         P ? 2 : 0);
                for (int c = 0; c < C; c++)
                    a8[c] = vreinterpretq_s8_u8(vld1q_u8(a + c * xs + Q8K_OFF_QS + 144));
                for (int r = 0; r < R; r++)
                    for (int c = 0; c < C; c++) {
                        t[r][c] = vmlaq_laneq_s32(t[r][c], vdotq_s32(vdupq_n_s32(0), q[r], a8[c]), sc[r].s32[2], 1);
                    }
            }
            { /* sub-block 11 */
                int8x16_t q[4], a8[4];
                for (int r = 0; r < R; r++)
                    q[r] = q6k_mv_quants(qb[r], qh1[r], 1,
                                         P ? 2 : 1);
                for (int c = 0; c < C; c++)
                    a8[c] = vreinterpretq_s8_u8(vld1q_u8(a + c * xs + Q8K_OFF_QS + 176));
                for (int r = 0; r < R; r++)
                    for (int c = 0; c < C; c++) {
                        t[r][c] = vmlaq_laneq_s32(t[r][c], vdotq_s32(vdupq_n_s32(0), q[r], a8[c]), sc[r].s32[2], 3);
                    }
            }
            { /* sub-block 13 */
                int8x16_t q[4], a8[4];
                for (int r = 0; r < R; r++)
                    q[r] = q6k_mv_quants(qa[r], qh[r], 2,
                                         P ? 3 : 2);
                for (int c = 0; c < C; c++)
                    a8[c] = vreinterpretq_s8_u8(vld1q_u8(a + c * xs + Q8K_OFF_QS + 208));
                for (int r = 0; r < R; r++)
                    for (int c = 0; c < C; c++) {
                        t[r][c] = vmlaq_laneq_s32(t[r][c], vdotq_s32(vdupq_n_s32(0), q[r], a8[c]), sc[r].s32[3], 1);
                    }
            }
            { /* sub-block 15 */
                int8x16_t q[4], a8[4];
                for (int r = 0; r < R; r++)
                    q[r] = q6k_mv_quants(qb[r], qh1[r], 3,
                                         P ? 3 : 3);
                for (int c = 0; c < C; c++)
                    a8[c] = vreinterpretq_s8_u8(vld1q_u8(a + c * xs + Q8K_OFF_QS + 240));
                for (int r = 0; r < R; r++)
                    for (int c = 0; c < C; c++) {
                        t[r][c] = vmlaq_laneq_s32(t[r][c], vdotq_s32(vdupq_n_s32(0), q[r], a8[c]), sc[r].s32[3], 3);
                    }
            }
        }
        const float32x4_t d = vcvt_f32_f16(vreinterpret_f16_u16(vld1_u16(dh)));
        for (int c = 0; c < C; c++) {
            int32x4_t tc[4];
            for (int r = 0; r < R; r++)
                tc[r] = t[r][c];
            const int32x4_t isum = q6k_mv_fold(tc, R);
            acc[c] = vfmaq_f32(acc[c], vmulq_n_f32(d, q4k_mv_d8(a + c * xs)), vcvtq_f32_s32(isum));
        }
    }
    for (int c = 0; c < C; c++) {
        if (P && nr < 4) { /* the last tile: its real rows only */
            float part[4];
            q4k_mv_store4(part, acc[c]);
            memcpy(y + c * ldy, part, (size_t)nr * sizeof(float));
        } else if (R == 4)
            q4k_mv_store4(y + c * ldy, acc[c]);
        else if (R == 2)
            q4k_mv_store2(y + c * ldy, acc[c]);
        else
            q4k_mv_store1(y + c * ldy, acc[c]);
    }
}

/* Every row against C vectors (R, C = 1 or 4): tiles of R rows, then the
 * leftover rows in tiles of 2 and 1. */
static __attribute__((noinline)) void q6k_mv_rows(const uint8_t *w, size_t n_rows, size_t n_bpr, const uint8_t *xq,
                                                  float *y, size_t ldy, const int R, const int C)
{
    const size_t ws = n_bpr * Q6K_BLOCK_BYTES;
    size_t r = 0;
    if (R == 4 && C == 4)
        for (; r + 4 <= n_rows; r += 4)
            q6k_mv_tile(w + r * ws, n_bpr, xq, y + r, ldy, 4, 4, 0, 4);
    else if (R == 4 && C == 1)
        for (; r + 4 <= n_rows; r += 4)
            q6k_mv_tile(w + r * ws, n_bpr, xq, y + r, ldy, 4, 1, 0, 4);
    for (; R > 1 && r + 2 <= n_rows; r += 2) {
        if (C == 4)
            q6k_mv_tile(w + r * ws, n_bpr, xq, y + r, ldy, 2, 4, 0, 2);
        else
            q6k_mv_tile(w + r * ws, n_bpr, xq, y + r, ldy, 2, 1, 0, 2);
    }
    for (; r < n_rows; r++) {
        if (C == 4)
            q6k_mv_tile(w + r * ws, n_bpr, xq, y + r, ldy, 1, 4, 0, 1);
        else
            q6k_mv_tile(w + r * ws, n_bpr, xq, y + r, ldy, 1, 1, 0, 1);
    }
}
/* Every row of packed weights (interleave 4) against C vectors (1 or 4):
 * whole tiles, the last one stored in part. */
static __attribute__((noinline)) void q6k_mv_rows_packed(const uint8_t *w, size_t n_rows, size_t n_bpr,
                                                         const uint8_t *xq, float *y, size_t ldy, const int C)
{
    const size_t tile_bytes = n_bpr * Q4K_PACKED_Q6K_BLOCK_BYTES * 4;
    for (size_t r = 0; r < n_rows; r += 4, w += tile_bytes) {
        const int nr = n_rows - r < 4 ? (int)(n_rows - r) : 4;
        if (C == 4)
            q6k_mv_tile(w, n_bpr, xq, y + r, ldy, 4, 4, 1, nr);
        else
            q6k_mv_tile(w, n_bpr, xq, y + r, ldy, 4, 1, 1, nr);
    }
}

/* q4k_matvec_q6k__neondot_r1_c1_p0: sdot, 1 row(s) x 1 vector(s) per tile; row tails in tiles of 2 and 1,
 * vector tails one at a time. */
void q4k_matvec_q6k__neondot_r1_c1_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *a = (const uint8_t *)xq;
    const size_t xs = n_bpr * Q8K_BLOCK_BYTES;
    size_t v = 0;
    for (; v < n_vecs; v++)
        q6k_mv_rows((const uint8_t *)w, n_rows, n_bpr, a + v * xs, y + v * ldy, ldy, 1, 1);
}

/* q4k_matvec_q6k__neondot_r1_c4_p0: sdot, 1 row(s) x 4 vector(s) per tile; row tails in tiles of 2 and 1,
 * vector tails one at a time. */
void q4k_matvec_q6k__neondot_r1_c4_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *a = (const uint8_t *)xq;
    const size_t xs = n_bpr * Q8K_BLOCK_BYTES;
    size_t v = 0;
    for (; v + 4 <= n_vecs; v += 4)
        q6k_mv_rows((const uint8_t *)w, n_rows, n_bpr, a + v * xs, y + v * ldy, ldy, 1, 4);
    for (; v < n_vecs; v++)
        q6k_mv_rows((const uint8_t *)w, n_rows, n_bpr, a + v * xs, y + v * ldy, ldy, 1, 1);
}

/* q4k_matvec_q6k__neondot_r4_c1_p0: sdot, 4 row(s) x 1 vector(s) per tile; row tails in tiles of 2 and 1,
 * vector tails one at a time. */
void q4k_matvec_q6k__neondot_r4_c1_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *a = (const uint8_t *)xq;
    const size_t xs = n_bpr * Q8K_BLOCK_BYTES;
    size_t v = 0;
    for (; v < n_vecs; v++)
        q6k_mv_rows((const uint8_t *)w, n_rows, n_bpr, a + v * xs, y + v * ldy, ldy, 4, 1);
}

/* q4k_matvec_q6k__neondot_r4_c1_p0_packed: sdot, 4 rows x 1 vector(s) per tile, weights packed with interleave 4; vector
 * tails one at a time. */
void q4k_matvec_q6k__neondot_r4_c1_p0_packed(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *a = (const uint8_t *)xq;
    const size_t xs = n_bpr * Q8K_BLOCK_BYTES;
    size_t v = 0;
    for (; v < n_vecs; v++)
        q6k_mv_rows_packed((const uint8_t *)w, n_rows, n_bpr, a + v * xs, y + v * ldy, ldy, 1);
}

/* q4k_matvec_q6k__neondot_r4_c4_p0: sdot, 4 row(s) x 4 vector(s) per tile; row tails in tiles of 2 and 1,
 * vector tails one at a time. */
void q4k_matvec_q6k__neondot_r4_c4_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *a = (const uint8_t *)xq;
    const size_t xs = n_bpr * Q8K_BLOCK_BYTES;
    size_t v = 0;
    for (; v + 4 <= n_vecs; v += 4)
        q6k_mv_rows((const uint8_t *)w, n_rows, n_bpr, a + v * xs, y + v * ldy, ldy, 4, 4);
    for (; v < n_vecs; v++)
        q6k_mv_rows((const uint8_t *)w, n_rows, n_bpr, a + v * xs, y + v * ldy, ldy, 4, 1);
}

/* q4k_matvec_q6k__neondot_r4_c4_p0_packed: sdot, 4 rows x 4 vector(s) per tile, weights packed with interleave 4; vector
 * tails one at a time. */
void q4k_matvec_q6k__neondot_r4_c4_p0_packed(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)
{
    const uint8_t *a = (const uint8_t *)xq;
    const size_t xs = n_bpr * Q8K_BLOCK_BYTES;
    size_t v = 0;
    for (; v + 4 <= n_vecs; v += 4)
        q6k_mv_rows_packed((const uint8_t *)w, n_rows, n_bpr, a + v * xs, y + v * ldy, ldy, 4);
    for (; v < n_vecs; v++)
        q6k_mv_rows_packed((const uint8_t *)w, n_rows, n_bpr, a + v * xs, y + v * ldy, ldy, 1);
}
#endif /* defined(__aarch64__) || defined(_M_ARM64) */
