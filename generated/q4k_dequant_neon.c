/* Auto-generated file. Do not edit!
 *   command:  lua5.4 gen/q4kgen.lua
 *   input:    gen/isas.lua
 *   input:    gen/ops/dequant.lua
 *   template: templates/dequant/neon.c.in
 *   arch:     aarch64 only (the whole file is inside #if: empty elsewhere)
 *
 * NEON (aarch64) Q4_K -> float32 kernels. Primary target: Apple M4 P-core.
 *
 * Every kernel: one pass over a block's 144 bytes (a 4-byte load of d/dmin,
 * 8 + 4 bytes of scales into integer registers, eight 16-byte loads of qs),
 * 64 float32x4 results, 32 store pairs. An M4 P-core stores about 32 bytes
 * per cycle, so ~32 cycles per block (1 KiB out) is the floor; what decides
 * the speed is how few SIMD instructions feed each 16 outputs.
 *
 * Per block, shared by all methods:
 *   scales  two 64-bit word operations unpack all 8 scales and 8 mins in
 *           integer registers (q4k_neon_unpack_scales: 6 ALU ops, which
 *           leaves the SIMD pipes to the quants); vcvt_f32_f16 converts d
 *           and dmin; then 2+2 float32x4: d*sc[0..7] and -dmin*m[0..7]
 *           (~16 SIMD ops). The mins are negated once, so each output
 *           vector is ONE FMA.
 *   nibbles low = q & 0x0f, high = q >> 4: one op per 16 qs bytes each.
 *
 * Methods, how 4-bit quants become floats. SIMD instructions per 16
 * outputs, besides 1 nibble op, 1/2 load and 2 store pairs:
 *   cvt   u8 -> u32 by vqtbl1q_u8 with zero-filling indices (4 tbl),
 *         vcvtq_f32_u32 (4 ucvtf), vfmaq_f32(-m1, q, d1) (4 fmla)       = 12
 *   half  u8 -> u16 by vmovl (2 uxtl), and that u16 IS an fp16 bit
 *         pattern: the subnormal q * 2^-24, which vcvt_f32_f16 widens
 *         exactly (4 fcvtl); the FMA takes d1 * 2^24 (exact: a power of
 *         two), so (d1*2^24) * (q*2^-24) is exactly d1*q (4 fmla)        = 10
 *   fmlal (FEAT_FHM) p = q*sc by umull (2), an exact fp16 by ucvtf .8h
 *         (2), fmlal/fmlal2 by the fp16 d, element form, into -m1 (4): the
 *         scale is applied in the integer domain, so no widening op    =  8
 *         (+1 dup of the scale byte per 32 outputs); a block with
 *         |d| < 2^-8 skips the ucvtf (p as an fp16 subnormal, d*2^24) = 6.
 *         Exact, and routed to half when the caller set FPCR.FZ16: see the
 *         method's section.
 *   (lut, a 64-byte table per sub-block and vqtbl4q_u8, was dropped:
 *   15 ops here, and a 4-register tbl costs 3 uops on Apple cores.)
 * NEON's FMA is destructive: every fmla whose addend -m1 is shared needs a
 * copy (mov) of it first, ~3.5 per 16 outputs in cvt, half and fmlal
 * (fmlal accumulates in place too); cores with
 * vector move elimination rename those away.
 * All methods are exact: every product is exact in fp32 and the FMA rounds
 * once, so fused equals unfused; the sign of zero also matches d1*q - m1,
 * since x - m1 == x + (-m1) in IEEE arithmetic for every x and m1.
 *
 * Instructions per block, counted in the loop of the u1_p0 kernels
 * (ordinary / _nt stores), aarch64-linux-gnu-gcc 12 -O3 -S | clang 19 -O3 -S
 * (--target=arm64-apple-macos -mcpu=apple-m4 gives the same as Linux):
 *   cvt   343 / -    |  357 / -     (64 tbl, 68 ucvtf, 64 fmla, 56 mov)
 *   half  317 / 348  |  323 / 323   (38 uxtl, 65 fcvtl, 64 fmla, 56 mov)
 *   fmlal 287 / 316  |  301 / 300   (32 umull, 34 ucvtf, 64 fmlal, ~58 mov,
 *                                    16 dup of the scale bytes)
 *         255 / 308  |  271 / 270   the same for a block with |d| < 2^-8
 *                                    (the usual case): no ucvtf
 * (_nt: every stnp addresses the block's output + an immediate; with a
 * base register per 16 outputs it was half 363 / 338, fmlal 326 / 310.)
 * (the numbers before this list was curated, gcc | clang 14: cvt 343 / 363
 * | 340 / 355, half 317 / 331 | 308 / 323, lut 427 / 395 | 372 / 410.)
 * half has the fewest SIMD uops of the baseline methods (~200 per block,
 * 4 SIMD pipes: ~50 cycles), fmlal ~32 fewer; they should win while the
 * output stays in cache; once the stores dominate, the methods converge
 * and nt/prefetch decide.
 *
 * Axes per variant: unroll u = blocks per main-loop iteration (their work is
 * interleaved group by group so the out-of-order core sees u independent
 * chains; a loop of single blocks does the rest); prefetch p = blocks ahead
 * (prfm of each 64-byte line, p = 0: none); nt = stnp non-temporal store
 * pairs instead of ordinary stores. Blocks and out may sit at any address:
 * only vld1q_u8, memcpy and stores without alignment requirements touch
 * memory (stnp on Normal memory has none either). */
#if defined(__aarch64__) || defined(_M_ARM64)
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <arm_neon.h>

#include "q4k_format.h"
#include "q4k_variants.h"

#if defined(__ARM_BIG_ENDIAN)
#error "q4k NEON kernels assume little-endian aarch64 (vector lanes are read as memory bytes)"
#endif

/* The helpers must disappear into the kernels: they pass vectors in structs
 * and are called once per 16 outputs. */
#define Q4K_NEON_INLINE static inline __attribute__((always_inline))

/* Per block: lane j of d_lo (j < 4) or d_hi (j - 4) is fp32(d) * sc_j * F
 * (F = 1, or 2^24 for the half method); nm_* likewise holds -fp32(dmin) * m_j. */
typedef struct {
    float32x4_t d_lo, d_hi, nm_lo, nm_hi;
} q4k_neon_scales;

/* The eight scales and mins as bytes {sc0..3, m0..3 | sc4..7, m4..7} in two
 * 64-bit words (the word trick of q4k_format.h on 64 bits): integer-unit
 * work, which leaves the SIMD pipes to the quants. The shifts never carry a
 * bit across byte lanes that the masks keep. */
Q4K_NEON_INLINE uint8x16_t q4k_neon_unpack_scales(const uint8_t *scales)
{
    uint64_t w01;     /* s[0..7]: w0 low, w1 high */
    uint32_t w2;      /* s[8..11] */
    memcpy(&w01, scales, sizeof w01);
    memcpy(&w2, scales + 8, sizeof w2);
    const uint64_t t = w2;
    /* sc0..3 = s[0..3] & 63, m0..3 = s[4..7] & 63 */
    const uint64_t lo = w01 & 0x3f3f3f3f3f3f3f3full;
    /* low nibbles of s[8..11] (t) and high nibbles (t << 28 moves them to
     * the high word), each with the top 2 bits of s[0..3] / s[4..7] */
    const uint64_t hi = ((t | (t << 28)) & 0x0f0f0f0f0f0f0f0full) |
                        ((w01 >> 2) & 0x3030303030303030ull);
    return vcombine_u8(vcreate_u8(lo), vcreate_u8(hi));
}

/* d/dmin -> fp32 (exact incl. subnormals, inf and NaN), scales -> the
 * per-sub-block factors. d_factor is a power of two, so d * d_factor * sc
 * is still exact. */
Q4K_NEON_INLINE q4k_neon_scales q4k_neon_load_scales(const uint8_t *x, float d_factor)
{
    uint32_t dm;
    memcpy(&dm, x + Q4K_OFF_D, sizeof dm);
    /* {d, dmin, d, dmin} * {F, -1, F, -1} */
    const float32x4_t dmf = vcvt_f32_f16(vreinterpret_f16_u32(vdup_n_u32(dm)));
    const float32x4_t sign = {d_factor, -1.0f, d_factor, -1.0f};
    const float32x4_t k = vmulq_f32(dmf, sign);

    const uint8x16_t sm = q4k_neon_unpack_scales(x + Q4K_OFF_SCALES);
    const uint16x8_t a = vmovl_u8(vget_low_u8(sm));   /* sc0..3, m0..3 */
    const uint16x8_t b = vmovl_high_u8(sm);           /* sc4..7, m4..7 */
    q4k_neon_scales s;
    s.d_lo = vmulq_laneq_f32(vcvtq_f32_u32(vmovl_u16(vget_low_u16(a))), k, 0);
    s.nm_lo = vmulq_laneq_f32(vcvtq_f32_u32(vmovl_high_u16(a)), k, 1);
    s.d_hi = vmulq_laneq_f32(vcvtq_f32_u32(vmovl_u16(vget_low_u16(b))), k, 0);
    s.nm_hi = vmulq_laneq_f32(vcvtq_f32_u32(vmovl_high_u16(b)), k, 1);
    return s;
}

/* Prefetch hint for the 64-byte line at x + off: integer arithmetic, since
 * the address may lie past the end of the input (a hint never faults). */
Q4K_NEON_INLINE void q4k_neon_prefetch(const uint8_t *x, size_t off)
{
    __builtin_prefetch((const void *)((uintptr_t)x + off), 0, 3);
}

/* 16 outputs to y: ordinary stores (the compiler pairs them into stp).
 * Stored as bytes: out may be misaligned even for a float (callers pass
 * any address), and a byte store promises no alignment, also to UBSan. */
Q4K_NEON_INLINE void q4k_neon_store16(float *y, float32x4x4_t v)
{
    uint8_t *p = (uint8_t *)y;
    vst1q_u8(p, vreinterpretq_u8_f32(v.val[0]));
    vst1q_u8(p + 16, vreinterpretq_u8_f32(v.val[1]));
    vst1q_u8(p + 32, vreinterpretq_u8_f32(v.val[2]));
    vst1q_u8(p + 48, vreinterpretq_u8_f32(v.val[3]));
}

/* 16 outputs to base + off bytes with non-temporal store pairs. The
 * address is one base register, the block's output, plus an immediate:
 * off and off32 = off + 32 are literals the template writes, so no
 * register or add is spent per 16 outputs (stnp's immediate reaches 1008;
 * a block's 1 KiB needs up to 992). The "+m" operand names the block's
 * whole KiB at base (read and written: a safe over-approximation), so the
 * compiler needs no other address, and no "memory" clobber blocks the
 * scheduling of the loads around the stores. A macro, not a function, so
 * the offsets are literal text even at -O0 (an "i" operand needs constant
 * folding). */
#define Q4K_NEON_STORE16_NT_AT(base, off, off32, v)                                              \
    do {                                                                                         \
        const float32x4x4_t q4k_v_ = (v);                                                        \
        __asm__ volatile("stnp %q[a], %q[b], [%[p], #" #off "]\n\t"                              \
                         "stnp %q[c], %q[d], [%[p], #" #off32 "]"                                \
                         : "+m"(*(uint8_t (*)[1024])(base))                                      \
                         : [p] "r"(base), [a] "w"(q4k_v_.val[0]), [b] "w"(q4k_v_.val[1]),        \
                           [c] "w"(q4k_v_.val[2]), [d] "w"(q4k_v_.val[3]));                      \
    } while (0)

/* ---- method cvt: u8 -> u32 (tbl, zero fill) -> f32 (ucvtf) -> FMA ---- */

typedef struct {
    uint8x16_t mask_lo;    /* 0x0f */
    uint8x16_t spread[4];  /* byte 4j+i -> low byte of u32 lane i, others 0 */
} q4k_neon_cvt_k;

Q4K_NEON_INLINE q4k_neon_cvt_k q4k_neon_cvt_consts(void)
{
    /* tbl returns 0 for an index >= 16: the zero fill of the widening */
    static const uint8_t spread[4][16] = {
        {0, 255, 255, 255, 1, 255, 255, 255, 2, 255, 255, 255, 3, 255, 255, 255},
        {4, 255, 255, 255, 5, 255, 255, 255, 6, 255, 255, 255, 7, 255, 255, 255},
        {8, 255, 255, 255, 9, 255, 255, 255, 10, 255, 255, 255, 11, 255, 255, 255},
        {12, 255, 255, 255, 13, 255, 255, 255, 14, 255, 255, 255, 15, 255, 255, 255},
    };
    q4k_neon_cvt_k k;
    k.mask_lo = vdupq_n_u8(0x0f);
    for (int j = 0; j < 4; j++)
        k.spread[j] = vld1q_u8(spread[j]);
    return k;
}

/* 16 nibbles (one byte each) of one sub-block -> 16 outputs d1*q - m1 */
Q4K_NEON_INLINE float32x4x4_t q4k_neon_cvt16(uint8x16_t q, float32x4_t d1, float32x4_t nm1,
                                             const q4k_neon_cvt_k *k)
{
    float32x4x4_t r;
    for (int j = 0; j < 4; j++) {
        const uint32x4_t w = vreinterpretq_u32_u8(vqtbl1q_u8(q, k->spread[j]));
        r.val[j] = vfmaq_f32(nm1, vcvtq_f32_u32(w), d1);
    }
    return r;
}

/* ---- method half: u8 -> u16 = fp16 subnormal q*2^-24 -> f32 (fcvtl) -> FMA
 * with d1*2^24. Saves the tbl of cvt: one widening step instead of two. ---- */

typedef struct {
    uint8x16_t mask_lo;    /* 0x0f */
} q4k_neon_half_k;

Q4K_NEON_INLINE q4k_neon_half_k q4k_neon_half_consts(void)
{
    q4k_neon_half_k k;
    k.mask_lo = vdupq_n_u8(0x0f);
    return k;
}

/* 16 nibbles of one sub-block -> 16 outputs; d24 = d1 * 2^24 */
Q4K_NEON_INLINE float32x4x4_t q4k_neon_half16(uint8x16_t q, float32x4_t d24, float32x4_t nm1,
                                              const q4k_neon_half_k *k)
{
    (void)k;
    const uint16x8_t lo = vmovl_u8(vget_low_u8(q)), hi = vmovl_high_u8(q);
    float32x4x4_t r;
    r.val[0] = vfmaq_f32(nm1, vcvt_f32_f16(vreinterpret_f16_u16(vget_low_u16(lo))), d24);
    r.val[1] = vfmaq_f32(nm1, vcvt_high_f32_f16(vreinterpretq_f16_u16(lo)), d24);
    r.val[2] = vfmaq_f32(nm1, vcvt_f32_f16(vreinterpret_f16_u16(vget_low_u16(hi))), d24);
    r.val[3] = vfmaq_f32(nm1, vcvt_high_f32_f16(vreinterpretq_f16_u16(hi)), d24);
    return r;
}

/* ---- method fmlal (FEAT_FHM): p = q*sc by umull, fp16(p) by ucvtf, then
 * fmlal/fmlal2 by the block's fp16 d into an accumulator preloaded with
 * -(dmin*m). Per 16 outputs: 2 umull, 2 ucvtf, 4 fmlal (half: 2 uxtl,
 * 4 fcvtl, 4 fmla).
 *
 * Exactness, per output y = fl32(d*sc*q - dmin*m) (q4k_format.h):
 *  - p = q*sc <= 15*63 = 945 < 2^16: umull's 16-bit product is exact.
 *  - ucvtf .8h: every integer up to 2048 is an fp16 (11 significant bits),
 *    so fp16(p) == p; it is 0 or a normal number, which FZ16 leaves alone.
 *  - fmlal is a fused multiply-add (ARM ARM FPMulAddH): both fp16 inputs
 *    widen exactly and acc + d*p rounds ONCE. d (11 significant bits,
 *    subnormals included) times p (at most 10) has at most 21 significant
 *    bits, and |d*p| is 0 or in [2^-24, 65504*945 < 2^26]: exact in fp32,
 *    so d*p == (d*sc)*q, the contract's exact product. The accumulator
 *    -(dmin*m) is the exact fp32 value the other methods use, so the one
 *    rounding gives fl32(d*sc*q - dmin*m) bit for bit.
 *  - zeros, infinities, NaN: d*p has the sign of d (p >= 0) like (d*sc)*q;
 *    it is NaN exactly when (d*sc)*q is (d NaN, or d infinite and
 *    sc*q == 0) and infinite otherwise exactly when that is (same sign).
 *    A NaN's payload may differ from the other methods' (the contract
 *    compares NaN as NaN).
 * FPCR: with FZ16 set by the caller, FMLAL flushes fp16 subnormal INPUTS to
 * zero, and d may be subnormal (down to 2^-24). So the kernel reads FPCR
 * once per call and, with FZ16 set, runs the half method instead, whose
 * fcvtl ignores FZ16 (ARM ARM FPUnpackCV). FZ (fp32 flush) changes no
 * method's result: every fp32 value any method makes (d, dmin, d*sc,
 * dmin*m, products, outputs) is 0, infinite, NaN or a multiple of 2^-24,
 * so never an fp32 subnormal (< 2^-126). ---- */

/* The fp16 intrinsics and instructions of this method only: its kernels and
 * helpers are compiled for FEAT_FHM (which implies FEAT_FP16), the rest of
 * the file for the baseline; dispatch runs them only where the CPU has fhm. */
#if defined(__clang__)
#define Q4K_NEON_FHM __attribute__((target("fp16fml")))
#else
#define Q4K_NEON_FHM __attribute__((target("arch=armv8.2-a+fp16fml")))
#endif

/* FPCR.FZ16 (bit 19): fp16 subnormal inputs flushed to zero */
Q4K_NEON_INLINE int q4k_neon_fz16(void)
{
    uint64_t fpcr;
    __asm__ volatile("mrs %0, fpcr" : "=r"(fpcr));
    return (int)((fpcr >> 19) & 1u);
}

typedef struct {
    uint8x16_t mask_lo;    /* 0x0f */
} q4k_neon_fmlal_k;

Q4K_NEON_INLINE q4k_neon_fmlal_k q4k_neon_fmlal_consts(void)
{
    q4k_neon_fmlal_k k;
    k.mask_lo = vdupq_n_u8(0x0f);
    return k;
}

/* Per block: the scale bytes, d as fp16 (lane 0) and -dmin*m in fp32. */
typedef struct {
    uint8x16_t sm;         /* {sc0..3, m0..3 | sc4..7, m4..7} */
    float16x4_t dm;        /* {d, dmin, d, dmin}, fp16 */
    float32x4_t nm_lo, nm_hi;
    float16x4_t d24;       /* lane 0: d * 2^24 in fp16, exact when small */
    int small;             /* d's exponent field <= 6: |d| < 2^-8 */
} q4k_neon_fmlal_scales;

Q4K_NEON_INLINE Q4K_NEON_FHM q4k_neon_fmlal_scales q4k_neon_fmlal_load_scales(const uint8_t *x)
{
    uint32_t dm;
    memcpy(&dm, x + Q4K_OFF_D, sizeof dm);
    q4k_neon_fmlal_scales s;
    s.dm = vreinterpret_f16_u32(vdup_n_u32(dm));
    /* -dmin exactly (fcvtl: exact for every fp16, whatever FZ16 says) */
    const float32x4_t dmf = vcvt_f32_f16(s.dm);
    const float32x4_t k = vnegq_f32(dmf);
    /* only lane 0 (d) is used; dmin * 2^24 may round or overflow, unused */
    s.d24 = vcvt_f16_f32(vmulq_n_f32(dmf, 0x1p24f));
    s.small = ((dm >> 10) & 0x1fu) <= 6u;
    s.sm = q4k_neon_unpack_scales(x + Q4K_OFF_SCALES);
    s.nm_lo = vmulq_laneq_f32(vcvtq_f32_u32(vmovl_high_u16(vmovl_u8(vget_low_u8(s.sm)))), k, 1);
    s.nm_hi = vmulq_laneq_f32(vcvtq_f32_u32(vmovl_high_u16(vmovl_high_u8(s.sm))), k, 1);
    return s;
}

/* 16 nibbles of one sub-block -> 16 outputs; sc = its scale in every byte,
 * nm1 = -dmin*m. sub = 0: dm lane 0 = d, p converted by ucvtf. sub = 1 (a
 * literal, so the test folds away), the fast path of blocks with a small d
 * (exponent field <= 6, |d| < 2^-8): p's u16 IS the fp16 subnormal p*2^-24
 * (p <= 945 < 2^10, as in the half method), and dm lane 0 = d*2^24, an
 * exact fp16 (an exponent shift; <= 65504 for such d, subnormal d
 * included): (d*2^24) * (p*2^-24) is exactly d*p, the same single fused
 * rounding, no ucvtf. A subnormal p is an fp16 input FZ16 would flush too:
 * the same FPCR routing covers it. */
Q4K_NEON_INLINE Q4K_NEON_FHM float32x4x4_t q4k_neon_fmlal16(uint8x16_t q, uint8x16_t sc, float16x4_t dm,
                                                            float32x4_t nm1, int sub)
{
    const uint16x8_t plo = vmull_u8(vget_low_u8(q), vget_low_u8(sc)), phi = vmull_high_u8(q, sc);
    const float16x8_t lo = sub ? vreinterpretq_f16_u16(plo) : vcvtq_f16_u16(plo);
    const float16x8_t hi = sub ? vreinterpretq_f16_u16(phi) : vcvtq_f16_u16(phi);
    float32x4x4_t r;
    r.val[0] = vfmlalq_lane_low_f16(nm1, lo, dm, 0);
    r.val[1] = vfmlalq_lane_high_f16(nm1, lo, dm, 0);
    r.val[2] = vfmlalq_lane_low_f16(nm1, hi, dm, 0);
    r.val[3] = vfmlalq_lane_high_f16(nm1, hi, dm, 0);
    return r;
}

/* ---- one group: qs bytes [32g, 32g+32) -> 64 outputs; the low nibbles use
 * sub-block 2g (da, na), the high nibbles sub-block 2g+1 (db, nb) ---- */

Q4K_NEON_INLINE void q4k_neon_group_cvt(const uint8_t *qs, float *y, float32x4_t da, float32x4_t na,
                                          float32x4_t db, float32x4_t nb, const q4k_neon_cvt_k *k)
{
    const uint8x16_t q0 = vld1q_u8(qs), q1 = vld1q_u8(qs + 16);
    q4k_neon_store16(y + 0, q4k_neon_cvt16(vandq_u8(q0, k->mask_lo), da, na, k));
    q4k_neon_store16(y + 16, q4k_neon_cvt16(vandq_u8(q1, k->mask_lo), da, na, k));
    q4k_neon_store16(y + 32, q4k_neon_cvt16(vshrq_n_u8(q0, 4), db, nb, k));
    q4k_neon_store16(y + 48, q4k_neon_cvt16(vshrq_n_u8(q1, 4), db, nb, k));
}

Q4K_NEON_INLINE void q4k_neon_group_half(const uint8_t *qs, float *y, float32x4_t da, float32x4_t na,
                                           float32x4_t db, float32x4_t nb, const q4k_neon_half_k *k)
{
    const uint8x16_t q0 = vld1q_u8(qs), q1 = vld1q_u8(qs + 16);
    q4k_neon_store16(y + 0, q4k_neon_half16(vandq_u8(q0, k->mask_lo), da, na, k));
    q4k_neon_store16(y + 16, q4k_neon_half16(vandq_u8(q1, k->mask_lo), da, na, k));
    q4k_neon_store16(y + 32, q4k_neon_half16(vshrq_n_u8(q0, 4), db, nb, k));
    q4k_neon_store16(y + 48, q4k_neon_half16(vshrq_n_u8(q1, 4), db, nb, k));
}

/* the fmlal group: sa/sb = the scales of sub-blocks 2g/2g+1 in every byte */
Q4K_NEON_INLINE Q4K_NEON_FHM void q4k_neon_group_fmlal(const uint8_t *qs, float *y, uint8x16_t sa,
                                                            float32x4_t na, uint8x16_t sb, float32x4_t nb,
                                                            float16x4_t dm, int sub,
                                                            const q4k_neon_fmlal_k *k)
{
    const uint8x16_t q0 = vld1q_u8(qs), q1 = vld1q_u8(qs + 16);
    q4k_neon_store16(y + 0, q4k_neon_fmlal16(vandq_u8(q0, k->mask_lo), sa, dm, na, sub));
    q4k_neon_store16(y + 16, q4k_neon_fmlal16(vandq_u8(q1, k->mask_lo), sa, dm, na, sub));
    q4k_neon_store16(y + 32, q4k_neon_fmlal16(vshrq_n_u8(q0, 4), sb, dm, nb, sub));
    q4k_neon_store16(y + 48, q4k_neon_fmlal16(vshrq_n_u8(q1, 4), sb, dm, nb, sub));
}

Q4K_NEON_INLINE void q4k_neon_group_half_nt_g0(const uint8_t *qs, float *y, float32x4_t da, float32x4_t na,
                                           float32x4_t db, float32x4_t nb, const q4k_neon_half_k *k)
{
    const uint8x16_t q0 = vld1q_u8(qs), q1 = vld1q_u8(qs + 16);
    Q4K_NEON_STORE16_NT_AT(y, 0, 32, q4k_neon_half16(vandq_u8(q0, k->mask_lo), da, na, k));
    Q4K_NEON_STORE16_NT_AT(y, 64, 96, q4k_neon_half16(vandq_u8(q1, k->mask_lo), da, na, k));
    Q4K_NEON_STORE16_NT_AT(y, 128, 160, q4k_neon_half16(vshrq_n_u8(q0, 4), db, nb, k));
    Q4K_NEON_STORE16_NT_AT(y, 192, 224, q4k_neon_half16(vshrq_n_u8(q1, 4), db, nb, k));
}

/* the fmlal group: sa/sb = the scales of sub-blocks 2g/2g+1 in every byte */
Q4K_NEON_INLINE Q4K_NEON_FHM void q4k_neon_group_fmlal_nt_g0(const uint8_t *qs, float *y, uint8x16_t sa,
                                                            float32x4_t na, uint8x16_t sb, float32x4_t nb,
                                                            float16x4_t dm, int sub,
                                                            const q4k_neon_fmlal_k *k)
{
    const uint8x16_t q0 = vld1q_u8(qs), q1 = vld1q_u8(qs + 16);
    Q4K_NEON_STORE16_NT_AT(y, 0, 32, q4k_neon_fmlal16(vandq_u8(q0, k->mask_lo), sa, dm, na, sub));
    Q4K_NEON_STORE16_NT_AT(y, 64, 96, q4k_neon_fmlal16(vandq_u8(q1, k->mask_lo), sa, dm, na, sub));
    Q4K_NEON_STORE16_NT_AT(y, 128, 160, q4k_neon_fmlal16(vshrq_n_u8(q0, 4), sb, dm, nb, sub));
    Q4K_NEON_STORE16_NT_AT(y, 192, 224, q4k_neon_fmlal16(vshrq_n_u8(q1, 4), sb, dm, nb, sub));
}

Q4K_NEON_INLINE void q4k_neon_group_half_nt_g1(const uint8_t *qs, float *y, float32x4_t da, float32x4_t na,
                                           float32x4_t db, float32x4_t nb, const q4k_neon_half_k *k)
{
    const uint8x16_t q0 = vld1q_u8(qs), q1 = vld1q_u8(qs + 16);
    Q4K_NEON_STORE16_NT_AT(y, 256, 288, q4k_neon_half16(vandq_u8(q0, k->mask_lo), da, na, k));
    Q4K_NEON_STORE16_NT_AT(y, 320, 352, q4k_neon_half16(vandq_u8(q1, k->mask_lo), da, na, k));
    Q4K_NEON_STORE16_NT_AT(y, 384, 416, q4k_neon_half16(vshrq_n_u8(q0, 4), db, nb, k));
    Q4K_NEON_STORE16_NT_AT(y, 448, 480, q4k_neon_half16(vshrq_n_u8(q1, 4), db, nb, k));
}

/* the fmlal group: sa/sb = the scales of sub-blocks 2g/2g+1 in every byte */
Q4K_NEON_INLINE Q4K_NEON_FHM void q4k_neon_group_fmlal_nt_g1(const uint8_t *qs, float *y, uint8x16_t sa,
                                                            float32x4_t na, uint8x16_t sb, float32x4_t nb,
                                                            float16x4_t dm, int sub,
                                                            const q4k_neon_fmlal_k *k)
{
    const uint8x16_t q0 = vld1q_u8(qs), q1 = vld1q_u8(qs + 16);
    Q4K_NEON_STORE16_NT_AT(y, 256, 288, q4k_neon_fmlal16(vandq_u8(q0, k->mask_lo), sa, dm, na, sub));
    Q4K_NEON_STORE16_NT_AT(y, 320, 352, q4k_neon_fmlal16(vandq_u8(q1, k->mask_lo), sa, dm, na, sub));
    Q4K_NEON_STORE16_NT_AT(y, 384, 416, q4k_neon_fmlal16(vshrq_n_u8(q0, 4), sb, dm, nb, sub));
    Q4K_NEON_STORE16_NT_AT(y, 448, 480, q4k_neon_fmlal16(vshrq_n_u8(q1, 4), sb, dm, nb, sub));
}

Q4K_NEON_INLINE void q4k_neon_group_half_nt_g2(const uint8_t *qs, float *y, float32x4_t da, float32x4_t na,
                                           float32x4_t db, float32x4_t nb, const q4k_neon_half_k *k)
{
    const uint8x16_t q0 = vld1q_u8(qs), q1 = vld1q_u8(qs + 16);
    Q4K_NEON_STORE16_NT_AT(y, 512, 544, q4k_neon_half16(vandq_u8(q0, k->mask_lo), da, na, k));
    Q4K_NEON_STORE16_NT_AT(y, 576, 608, q4k_neon_half16(vandq_u8(q1, k->mask_lo), da, na, k));
    Q4K_NEON_STORE16_NT_AT(y, 640, 672, q4k_neon_half16(vshrq_n_u8(q0, 4), db, nb, k));
    Q4K_NEON_STORE16_NT_AT(y, 704, 736, q4k_neon_half16(vshrq_n_u8(q1, 4), db, nb, k));
}

/* the fmlal group: sa/sb = the scales of sub-blocks 2g/2g+1 in every byte */
Q4K_NEON_INLINE Q4K_NEON_FHM void q4k_neon_group_fmlal_nt_g2(const uint8_t *qs, float *y, uint8x16_t sa,
                                                            float32x4_t na, uint8x16_t sb, float32x4_t nb,
                                                            float16x4_t dm, int sub,
                                                            const q4k_neon_fmlal_k *k)
{
    const uint8x16_t q0 = vld1q_u8(qs), q1 = vld1q_u8(qs + 16);
    Q4K_NEON_STORE16_NT_AT(y, 512, 544, q4k_neon_fmlal16(vandq_u8(q0, k->mask_lo), sa, dm, na, sub));
    Q4K_NEON_STORE16_NT_AT(y, 576, 608, q4k_neon_fmlal16(vandq_u8(q1, k->mask_lo), sa, dm, na, sub));
    Q4K_NEON_STORE16_NT_AT(y, 640, 672, q4k_neon_fmlal16(vshrq_n_u8(q0, 4), sb, dm, nb, sub));
    Q4K_NEON_STORE16_NT_AT(y, 704, 736, q4k_neon_fmlal16(vshrq_n_u8(q1, 4), sb, dm, nb, sub));
}

Q4K_NEON_INLINE void q4k_neon_group_half_nt_g3(const uint8_t *qs, float *y, float32x4_t da, float32x4_t na,
                                           float32x4_t db, float32x4_t nb, const q4k_neon_half_k *k)
{
    const uint8x16_t q0 = vld1q_u8(qs), q1 = vld1q_u8(qs + 16);
    Q4K_NEON_STORE16_NT_AT(y, 768, 800, q4k_neon_half16(vandq_u8(q0, k->mask_lo), da, na, k));
    Q4K_NEON_STORE16_NT_AT(y, 832, 864, q4k_neon_half16(vandq_u8(q1, k->mask_lo), da, na, k));
    Q4K_NEON_STORE16_NT_AT(y, 896, 928, q4k_neon_half16(vshrq_n_u8(q0, 4), db, nb, k));
    Q4K_NEON_STORE16_NT_AT(y, 960, 992, q4k_neon_half16(vshrq_n_u8(q1, 4), db, nb, k));
}

/* the fmlal group: sa/sb = the scales of sub-blocks 2g/2g+1 in every byte */
Q4K_NEON_INLINE Q4K_NEON_FHM void q4k_neon_group_fmlal_nt_g3(const uint8_t *qs, float *y, uint8x16_t sa,
                                                            float32x4_t na, uint8x16_t sb, float32x4_t nb,
                                                            float16x4_t dm, int sub,
                                                            const q4k_neon_fmlal_k *k)
{
    const uint8x16_t q0 = vld1q_u8(qs), q1 = vld1q_u8(qs + 16);
    Q4K_NEON_STORE16_NT_AT(y, 768, 800, q4k_neon_fmlal16(vandq_u8(q0, k->mask_lo), sa, dm, na, sub));
    Q4K_NEON_STORE16_NT_AT(y, 832, 864, q4k_neon_fmlal16(vandq_u8(q1, k->mask_lo), sa, dm, na, sub));
    Q4K_NEON_STORE16_NT_AT(y, 896, 928, q4k_neon_fmlal16(vshrq_n_u8(q0, 4), sb, dm, nb, sub));
    Q4K_NEON_STORE16_NT_AT(y, 960, 992, q4k_neon_fmlal16(vshrq_n_u8(q1, 4), sb, dm, nb, sub));
}


/* q4k_dequant__neon_u1_p0: method cvt, 1 block per iteration, prefetch off, ordinary stores.
 * blocks: n_blocks Q4_K blocks (144 bytes each, any alignment); out: 256 * n_blocks floats (any alignment). */
void q4k_dequant__neon_u1_p0(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    size_t n = n_blocks;
    const q4k_neon_cvt_k k = q4k_neon_cvt_consts();
    for (; n > 0; n--, x += 144, out += 256) {
        const q4k_neon_scales s0 = q4k_neon_load_scales(x + 0, 1.0f);
        q4k_neon_group_cvt(x + 16, out + 0,
            vdupq_laneq_f32(s0.d_lo, 0), vdupq_laneq_f32(s0.nm_lo, 0),
            vdupq_laneq_f32(s0.d_lo, 1), vdupq_laneq_f32(s0.nm_lo, 1), &k);
        q4k_neon_group_cvt(x + 48, out + 64,
            vdupq_laneq_f32(s0.d_lo, 2), vdupq_laneq_f32(s0.nm_lo, 2),
            vdupq_laneq_f32(s0.d_lo, 3), vdupq_laneq_f32(s0.nm_lo, 3), &k);
        q4k_neon_group_cvt(x + 80, out + 128,
            vdupq_laneq_f32(s0.d_hi, 0), vdupq_laneq_f32(s0.nm_hi, 0),
            vdupq_laneq_f32(s0.d_hi, 1), vdupq_laneq_f32(s0.nm_hi, 1), &k);
        q4k_neon_group_cvt(x + 112, out + 192,
            vdupq_laneq_f32(s0.d_hi, 2), vdupq_laneq_f32(s0.nm_hi, 2),
            vdupq_laneq_f32(s0.d_hi, 3), vdupq_laneq_f32(s0.nm_hi, 3), &k);
    }
}

/* q4k_dequant__neon_fmlal_u1_p0: method fmlal, 1 block per iteration, prefetch off, ordinary stores.
 * Needs FEAT_FHM; with FPCR.FZ16 set it runs the half method (see above).
 * blocks: n_blocks Q4_K blocks (144 bytes each, any alignment); out: 256 * n_blocks floats (any alignment). */
Q4K_NEON_FHM void q4k_dequant__neon_fmlal_u1_p0(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    size_t n = n_blocks;
    if (q4k_neon_fz16()) {
        const q4k_neon_half_k k = q4k_neon_half_consts();
        for (; n > 0; n--, x += 144, out += 256) {
            const q4k_neon_scales s0 = q4k_neon_load_scales(x + 0, 0x1p24f);
            q4k_neon_group_half(x + 16, out + 0,
                vdupq_laneq_f32(s0.d_lo, 0), vdupq_laneq_f32(s0.nm_lo, 0),
                vdupq_laneq_f32(s0.d_lo, 1), vdupq_laneq_f32(s0.nm_lo, 1), &k);
            q4k_neon_group_half(x + 48, out + 64,
                vdupq_laneq_f32(s0.d_lo, 2), vdupq_laneq_f32(s0.nm_lo, 2),
                vdupq_laneq_f32(s0.d_lo, 3), vdupq_laneq_f32(s0.nm_lo, 3), &k);
            q4k_neon_group_half(x + 80, out + 128,
                vdupq_laneq_f32(s0.d_hi, 0), vdupq_laneq_f32(s0.nm_hi, 0),
                vdupq_laneq_f32(s0.d_hi, 1), vdupq_laneq_f32(s0.nm_hi, 1), &k);
            q4k_neon_group_half(x + 112, out + 192,
                vdupq_laneq_f32(s0.d_hi, 2), vdupq_laneq_f32(s0.nm_hi, 2),
                vdupq_laneq_f32(s0.d_hi, 3), vdupq_laneq_f32(s0.nm_hi, 3), &k);
        }
        return;
    }
    const q4k_neon_fmlal_k k = q4k_neon_fmlal_consts();
    for (; n > 0; n--, x += 144, out += 256) {
        const q4k_neon_fmlal_scales s0 = q4k_neon_fmlal_load_scales(x + 0);
        if (s0.small) {
            q4k_neon_group_fmlal(x + 16, out + 0,
                vdupq_laneq_u8(s0.sm, 0), vdupq_laneq_f32(s0.nm_lo, 0),
                vdupq_laneq_u8(s0.sm, 1), vdupq_laneq_f32(s0.nm_lo, 1),
                s0.d24, 1, &k);
            q4k_neon_group_fmlal(x + 48, out + 64,
                vdupq_laneq_u8(s0.sm, 2), vdupq_laneq_f32(s0.nm_lo, 2),
                vdupq_laneq_u8(s0.sm, 3), vdupq_laneq_f32(s0.nm_lo, 3),
                s0.d24, 1, &k);
            q4k_neon_group_fmlal(x + 80, out + 128,
                vdupq_laneq_u8(s0.sm, 8), vdupq_laneq_f32(s0.nm_hi, 0),
                vdupq_laneq_u8(s0.sm, 9), vdupq_laneq_f32(s0.nm_hi, 1),
                s0.d24, 1, &k);
            q4k_neon_group_fmlal(x + 112, out + 192,
                vdupq_laneq_u8(s0.sm, 10), vdupq_laneq_f32(s0.nm_hi, 2),
                vdupq_laneq_u8(s0.sm, 11), vdupq_laneq_f32(s0.nm_hi, 3),
                s0.d24, 1, &k);
        } else {
            q4k_neon_group_fmlal(x + 16, out + 0,
                vdupq_laneq_u8(s0.sm, 0), vdupq_laneq_f32(s0.nm_lo, 0),
                vdupq_laneq_u8(s0.sm, 1), vdupq_laneq_f32(s0.nm_lo, 1),
                s0.dm, 0, &k);
            q4k_neon_group_fmlal(x + 48, out + 64,
                vdupq_laneq_u8(s0.sm, 2), vdupq_laneq_f32(s0.nm_lo, 2),
                vdupq_laneq_u8(s0.sm, 3), vdupq_laneq_f32(s0.nm_lo, 3),
                s0.dm, 0, &k);
            q4k_neon_group_fmlal(x + 80, out + 128,
                vdupq_laneq_u8(s0.sm, 8), vdupq_laneq_f32(s0.nm_hi, 0),
                vdupq_laneq_u8(s0.sm, 9), vdupq_laneq_f32(s0.nm_hi, 1),
                s0.dm, 0, &k);
            q4k_neon_group_fmlal(x + 112, out + 192,
                vdupq_laneq_u8(s0.sm, 10), vdupq_laneq_f32(s0.nm_hi, 2),
                vdupq_laneq_u8(s0.sm, 11), vdupq_laneq_f32(s0.nm_hi, 3),
                s0.dm, 0, &k);
        }
    }
}

/* q4k_dequant__neon_fmlal_u1_p0_nt: method fmlal, 1 block per iteration, prefetch off, non-temporal (stnp) stores.
 * Needs FEAT_FHM; with FPCR.FZ16 set it runs the half method (see above).
 * blocks: n_blocks Q4_K blocks (144 bytes each, any alignment); out: 256 * n_blocks floats (any alignment). */
Q4K_NEON_FHM void q4k_dequant__neon_fmlal_u1_p0_nt(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    size_t n = n_blocks;
    if (q4k_neon_fz16()) {
        const q4k_neon_half_k k = q4k_neon_half_consts();
        for (; n > 0; n--, x += 144, out += 256) {
            const q4k_neon_scales s0 = q4k_neon_load_scales(x + 0, 0x1p24f);
            q4k_neon_group_half_nt_g0(x + 16, out + 0,
                vdupq_laneq_f32(s0.d_lo, 0), vdupq_laneq_f32(s0.nm_lo, 0),
                vdupq_laneq_f32(s0.d_lo, 1), vdupq_laneq_f32(s0.nm_lo, 1), &k);
            q4k_neon_group_half_nt_g1(x + 48, out + 0,
                vdupq_laneq_f32(s0.d_lo, 2), vdupq_laneq_f32(s0.nm_lo, 2),
                vdupq_laneq_f32(s0.d_lo, 3), vdupq_laneq_f32(s0.nm_lo, 3), &k);
            q4k_neon_group_half_nt_g2(x + 80, out + 0,
                vdupq_laneq_f32(s0.d_hi, 0), vdupq_laneq_f32(s0.nm_hi, 0),
                vdupq_laneq_f32(s0.d_hi, 1), vdupq_laneq_f32(s0.nm_hi, 1), &k);
            q4k_neon_group_half_nt_g3(x + 112, out + 0,
                vdupq_laneq_f32(s0.d_hi, 2), vdupq_laneq_f32(s0.nm_hi, 2),
                vdupq_laneq_f32(s0.d_hi, 3), vdupq_laneq_f32(s0.nm_hi, 3), &k);
        }
        return;
    }
    const q4k_neon_fmlal_k k = q4k_neon_fmlal_consts();
    for (; n > 0; n--, x += 144, out += 256) {
        const q4k_neon_fmlal_scales s0 = q4k_neon_fmlal_load_scales(x + 0);
        if (s0.small) {
            q4k_neon_group_fmlal_nt_g0(x + 16, out + 0,
                vdupq_laneq_u8(s0.sm, 0), vdupq_laneq_f32(s0.nm_lo, 0),
                vdupq_laneq_u8(s0.sm, 1), vdupq_laneq_f32(s0.nm_lo, 1),
                s0.d24, 1, &k);
            q4k_neon_group_fmlal_nt_g1(x + 48, out + 0,
                vdupq_laneq_u8(s0.sm, 2), vdupq_laneq_f32(s0.nm_lo, 2),
                vdupq_laneq_u8(s0.sm, 3), vdupq_laneq_f32(s0.nm_lo, 3),
                s0.d24, 1, &k);
            q4k_neon_group_fmlal_nt_g2(x + 80, out + 0,
                vdupq_laneq_u8(s0.sm, 8), vdupq_laneq_f32(s0.nm_hi, 0),
                vdupq_laneq_u8(s0.sm, 9), vdupq_laneq_f32(s0.nm_hi, 1),
                s0.d24, 1, &k);
            q4k_neon_group_fmlal_nt_g3(x + 112, out + 0,
                vdupq_laneq_u8(s0.sm, 10), vdupq_laneq_f32(s0.nm_hi, 2),
                vdupq_laneq_u8(s0.sm, 11), vdupq_laneq_f32(s0.nm_hi, 3),
                s0.d24, 1, &k);
        } else {
            q4k_neon_group_fmlal_nt_g0(x + 16, out + 0,
                vdupq_laneq_u8(s0.sm, 0), vdupq_laneq_f32(s0.nm_lo, 0),
                vdupq_laneq_u8(s0.sm, 1), vdupq_laneq_f32(s0.nm_lo, 1),
                s0.dm, 0, &k);
            q4k_neon_group_fmlal_nt_g1(x + 48, out + 0,
                vdupq_laneq_u8(s0.sm, 2), vdupq_laneq_f32(s0.nm_lo, 2),
                vdupq_laneq_u8(s0.sm, 3), vdupq_laneq_f32(s0.nm_lo, 3),
                s0.dm, 0, &k);
            q4k_neon_group_fmlal_nt_g2(x + 80, out + 0,
                vdupq_laneq_u8(s0.sm, 8), vdupq_laneq_f32(s0.nm_hi, 0),
                vdupq_laneq_u8(s0.sm, 9), vdupq_laneq_f32(s0.nm_hi, 1),
                s0.dm, 0, &k);
            q4k_neon_group_fmlal_nt_g3(x + 112, out + 0,
                vdupq_laneq_u8(s0.sm, 10), vdupq_laneq_f32(s0.nm_hi, 2),
                vdupq_laneq_u8(s0.sm, 11), vdupq_laneq_f32(s0.nm_hi, 3),
                s0.dm, 0, &k);
        }
    }
}

/* q4k_dequant__neon_fmlal_u1_p16: method fmlal, 1 block per iteration, prefetch 16 blocks ahead, ordinary stores.
 * Needs FEAT_FHM; with FPCR.FZ16 set it runs the half method (see above).
 * blocks: n_blocks Q4_K blocks (144 bytes each, any alignment); out: 256 * n_blocks floats (any alignment). */
Q4K_NEON_FHM void q4k_dequant__neon_fmlal_u1_p16(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    size_t n = n_blocks;
    if (q4k_neon_fz16()) {
        const q4k_neon_half_k k = q4k_neon_half_consts();
        for (; n > 0; n--, x += 144, out += 256) {
            q4k_neon_prefetch(x, 2304);
            q4k_neon_prefetch(x, 2368);
            q4k_neon_prefetch(x, 2432);
            const q4k_neon_scales s0 = q4k_neon_load_scales(x + 0, 0x1p24f);
            q4k_neon_group_half(x + 16, out + 0,
                vdupq_laneq_f32(s0.d_lo, 0), vdupq_laneq_f32(s0.nm_lo, 0),
                vdupq_laneq_f32(s0.d_lo, 1), vdupq_laneq_f32(s0.nm_lo, 1), &k);
            q4k_neon_group_half(x + 48, out + 64,
                vdupq_laneq_f32(s0.d_lo, 2), vdupq_laneq_f32(s0.nm_lo, 2),
                vdupq_laneq_f32(s0.d_lo, 3), vdupq_laneq_f32(s0.nm_lo, 3), &k);
            q4k_neon_group_half(x + 80, out + 128,
                vdupq_laneq_f32(s0.d_hi, 0), vdupq_laneq_f32(s0.nm_hi, 0),
                vdupq_laneq_f32(s0.d_hi, 1), vdupq_laneq_f32(s0.nm_hi, 1), &k);
            q4k_neon_group_half(x + 112, out + 192,
                vdupq_laneq_f32(s0.d_hi, 2), vdupq_laneq_f32(s0.nm_hi, 2),
                vdupq_laneq_f32(s0.d_hi, 3), vdupq_laneq_f32(s0.nm_hi, 3), &k);
        }
        return;
    }
    const q4k_neon_fmlal_k k = q4k_neon_fmlal_consts();
    for (; n > 0; n--, x += 144, out += 256) {
        q4k_neon_prefetch(x, 2304);
        q4k_neon_prefetch(x, 2368);
        q4k_neon_prefetch(x, 2432);
        const q4k_neon_fmlal_scales s0 = q4k_neon_fmlal_load_scales(x + 0);
        if (s0.small) {
            q4k_neon_group_fmlal(x + 16, out + 0,
                vdupq_laneq_u8(s0.sm, 0), vdupq_laneq_f32(s0.nm_lo, 0),
                vdupq_laneq_u8(s0.sm, 1), vdupq_laneq_f32(s0.nm_lo, 1),
                s0.d24, 1, &k);
            q4k_neon_group_fmlal(x + 48, out + 64,
                vdupq_laneq_u8(s0.sm, 2), vdupq_laneq_f32(s0.nm_lo, 2),
                vdupq_laneq_u8(s0.sm, 3), vdupq_laneq_f32(s0.nm_lo, 3),
                s0.d24, 1, &k);
            q4k_neon_group_fmlal(x + 80, out + 128,
                vdupq_laneq_u8(s0.sm, 8), vdupq_laneq_f32(s0.nm_hi, 0),
                vdupq_laneq_u8(s0.sm, 9), vdupq_laneq_f32(s0.nm_hi, 1),
                s0.d24, 1, &k);
            q4k_neon_group_fmlal(x + 112, out + 192,
                vdupq_laneq_u8(s0.sm, 10), vdupq_laneq_f32(s0.nm_hi, 2),
                vdupq_laneq_u8(s0.sm, 11), vdupq_laneq_f32(s0.nm_hi, 3),
                s0.d24, 1, &k);
        } else {
            q4k_neon_group_fmlal(x + 16, out + 0,
                vdupq_laneq_u8(s0.sm, 0), vdupq_laneq_f32(s0.nm_lo, 0),
                vdupq_laneq_u8(s0.sm, 1), vdupq_laneq_f32(s0.nm_lo, 1),
                s0.dm, 0, &k);
            q4k_neon_group_fmlal(x + 48, out + 64,
                vdupq_laneq_u8(s0.sm, 2), vdupq_laneq_f32(s0.nm_lo, 2),
                vdupq_laneq_u8(s0.sm, 3), vdupq_laneq_f32(s0.nm_lo, 3),
                s0.dm, 0, &k);
            q4k_neon_group_fmlal(x + 80, out + 128,
                vdupq_laneq_u8(s0.sm, 8), vdupq_laneq_f32(s0.nm_hi, 0),
                vdupq_laneq_u8(s0.sm, 9), vdupq_laneq_f32(s0.nm_hi, 1),
                s0.dm, 0, &k);
            q4k_neon_group_fmlal(x + 112, out + 192,
                vdupq_laneq_u8(s0.sm, 10), vdupq_laneq_f32(s0.nm_hi, 2),
                vdupq_laneq_u8(s0.sm, 11), vdupq_laneq_f32(s0.nm_hi, 3),
                s0.dm, 0, &k);
        }
    }
}

/* q4k_dequant__neon_fmlal_u1_p16_nt: method fmlal, 1 block per iteration, prefetch 16 blocks ahead, non-temporal (stnp) stores.
 * Needs FEAT_FHM; with FPCR.FZ16 set it runs the half method (see above).
 * blocks: n_blocks Q4_K blocks (144 bytes each, any alignment); out: 256 * n_blocks floats (any alignment). */
Q4K_NEON_FHM void q4k_dequant__neon_fmlal_u1_p16_nt(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    size_t n = n_blocks;
    if (q4k_neon_fz16()) {
        const q4k_neon_half_k k = q4k_neon_half_consts();
        for (; n > 0; n--, x += 144, out += 256) {
            q4k_neon_prefetch(x, 2304);
            q4k_neon_prefetch(x, 2368);
            q4k_neon_prefetch(x, 2432);
            const q4k_neon_scales s0 = q4k_neon_load_scales(x + 0, 0x1p24f);
            q4k_neon_group_half_nt_g0(x + 16, out + 0,
                vdupq_laneq_f32(s0.d_lo, 0), vdupq_laneq_f32(s0.nm_lo, 0),
                vdupq_laneq_f32(s0.d_lo, 1), vdupq_laneq_f32(s0.nm_lo, 1), &k);
            q4k_neon_group_half_nt_g1(x + 48, out + 0,
                vdupq_laneq_f32(s0.d_lo, 2), vdupq_laneq_f32(s0.nm_lo, 2),
                vdupq_laneq_f32(s0.d_lo, 3), vdupq_laneq_f32(s0.nm_lo, 3), &k);
            q4k_neon_group_half_nt_g2(x + 80, out + 0,
                vdupq_laneq_f32(s0.d_hi, 0), vdupq_laneq_f32(s0.nm_hi, 0),
                vdupq_laneq_f32(s0.d_hi, 1), vdupq_laneq_f32(s0.nm_hi, 1), &k);
            q4k_neon_group_half_nt_g3(x + 112, out + 0,
                vdupq_laneq_f32(s0.d_hi, 2), vdupq_laneq_f32(s0.nm_hi, 2),
                vdupq_laneq_f32(s0.d_hi, 3), vdupq_laneq_f32(s0.nm_hi, 3), &k);
        }
        return;
    }
    const q4k_neon_fmlal_k k = q4k_neon_fmlal_consts();
    for (; n > 0; n--, x += 144, out += 256) {
        q4k_neon_prefetch(x, 2304);
        q4k_neon_prefetch(x, 2368);
        q4k_neon_prefetch(x, 2432);
        const q4k_neon_fmlal_scales s0 = q4k_neon_fmlal_load_scales(x + 0);
        if (s0.small) {
            q4k_neon_group_fmlal_nt_g0(x + 16, out + 0,
                vdupq_laneq_u8(s0.sm, 0), vdupq_laneq_f32(s0.nm_lo, 0),
                vdupq_laneq_u8(s0.sm, 1), vdupq_laneq_f32(s0.nm_lo, 1),
                s0.d24, 1, &k);
            q4k_neon_group_fmlal_nt_g1(x + 48, out + 0,
                vdupq_laneq_u8(s0.sm, 2), vdupq_laneq_f32(s0.nm_lo, 2),
                vdupq_laneq_u8(s0.sm, 3), vdupq_laneq_f32(s0.nm_lo, 3),
                s0.d24, 1, &k);
            q4k_neon_group_fmlal_nt_g2(x + 80, out + 0,
                vdupq_laneq_u8(s0.sm, 8), vdupq_laneq_f32(s0.nm_hi, 0),
                vdupq_laneq_u8(s0.sm, 9), vdupq_laneq_f32(s0.nm_hi, 1),
                s0.d24, 1, &k);
            q4k_neon_group_fmlal_nt_g3(x + 112, out + 0,
                vdupq_laneq_u8(s0.sm, 10), vdupq_laneq_f32(s0.nm_hi, 2),
                vdupq_laneq_u8(s0.sm, 11), vdupq_laneq_f32(s0.nm_hi, 3),
                s0.d24, 1, &k);
        } else {
            q4k_neon_group_fmlal_nt_g0(x + 16, out + 0,
                vdupq_laneq_u8(s0.sm, 0), vdupq_laneq_f32(s0.nm_lo, 0),
                vdupq_laneq_u8(s0.sm, 1), vdupq_laneq_f32(s0.nm_lo, 1),
                s0.dm, 0, &k);
            q4k_neon_group_fmlal_nt_g1(x + 48, out + 0,
                vdupq_laneq_u8(s0.sm, 2), vdupq_laneq_f32(s0.nm_lo, 2),
                vdupq_laneq_u8(s0.sm, 3), vdupq_laneq_f32(s0.nm_lo, 3),
                s0.dm, 0, &k);
            q4k_neon_group_fmlal_nt_g2(x + 80, out + 0,
                vdupq_laneq_u8(s0.sm, 8), vdupq_laneq_f32(s0.nm_hi, 0),
                vdupq_laneq_u8(s0.sm, 9), vdupq_laneq_f32(s0.nm_hi, 1),
                s0.dm, 0, &k);
            q4k_neon_group_fmlal_nt_g3(x + 112, out + 0,
                vdupq_laneq_u8(s0.sm, 10), vdupq_laneq_f32(s0.nm_hi, 2),
                vdupq_laneq_u8(s0.sm, 11), vdupq_laneq_f32(s0.nm_hi, 3),
                s0.dm, 0, &k);
        }
    }
}

/* q4k_dequant__neon_fmlal_u2_p0: method fmlal, 2 blocks per iteration, prefetch off, ordinary stores.
 * Needs FEAT_FHM; with FPCR.FZ16 set it runs the half method (see above).
 * blocks: n_blocks Q4_K blocks (144 bytes each, any alignment); out: 256 * n_blocks floats (any alignment). */
Q4K_NEON_FHM void q4k_dequant__neon_fmlal_u2_p0(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    size_t n = n_blocks;
    if (q4k_neon_fz16()) {
        const q4k_neon_half_k k = q4k_neon_half_consts();
        for (; n >= 2; n -= 2, x += 288, out += 512) {
            const q4k_neon_scales s0 = q4k_neon_load_scales(x + 0, 0x1p24f);
            const q4k_neon_scales s1 = q4k_neon_load_scales(x + 144, 0x1p24f);
            q4k_neon_group_half(x + 16, out + 0,
                vdupq_laneq_f32(s0.d_lo, 0), vdupq_laneq_f32(s0.nm_lo, 0),
                vdupq_laneq_f32(s0.d_lo, 1), vdupq_laneq_f32(s0.nm_lo, 1), &k);
            q4k_neon_group_half(x + 160, out + 256,
                vdupq_laneq_f32(s1.d_lo, 0), vdupq_laneq_f32(s1.nm_lo, 0),
                vdupq_laneq_f32(s1.d_lo, 1), vdupq_laneq_f32(s1.nm_lo, 1), &k);
            q4k_neon_group_half(x + 48, out + 64,
                vdupq_laneq_f32(s0.d_lo, 2), vdupq_laneq_f32(s0.nm_lo, 2),
                vdupq_laneq_f32(s0.d_lo, 3), vdupq_laneq_f32(s0.nm_lo, 3), &k);
            q4k_neon_group_half(x + 192, out + 320,
                vdupq_laneq_f32(s1.d_lo, 2), vdupq_laneq_f32(s1.nm_lo, 2),
                vdupq_laneq_f32(s1.d_lo, 3), vdupq_laneq_f32(s1.nm_lo, 3), &k);
            q4k_neon_group_half(x + 80, out + 128,
                vdupq_laneq_f32(s0.d_hi, 0), vdupq_laneq_f32(s0.nm_hi, 0),
                vdupq_laneq_f32(s0.d_hi, 1), vdupq_laneq_f32(s0.nm_hi, 1), &k);
            q4k_neon_group_half(x + 224, out + 384,
                vdupq_laneq_f32(s1.d_hi, 0), vdupq_laneq_f32(s1.nm_hi, 0),
                vdupq_laneq_f32(s1.d_hi, 1), vdupq_laneq_f32(s1.nm_hi, 1), &k);
            q4k_neon_group_half(x + 112, out + 192,
                vdupq_laneq_f32(s0.d_hi, 2), vdupq_laneq_f32(s0.nm_hi, 2),
                vdupq_laneq_f32(s0.d_hi, 3), vdupq_laneq_f32(s0.nm_hi, 3), &k);
            q4k_neon_group_half(x + 256, out + 448,
                vdupq_laneq_f32(s1.d_hi, 2), vdupq_laneq_f32(s1.nm_hi, 2),
                vdupq_laneq_f32(s1.d_hi, 3), vdupq_laneq_f32(s1.nm_hi, 3), &k);
        }
        for (; n > 0; n--, x += 144, out += 256) {
            const q4k_neon_scales s0 = q4k_neon_load_scales(x + 0, 0x1p24f);
            q4k_neon_group_half(x + 16, out + 0,
                vdupq_laneq_f32(s0.d_lo, 0), vdupq_laneq_f32(s0.nm_lo, 0),
                vdupq_laneq_f32(s0.d_lo, 1), vdupq_laneq_f32(s0.nm_lo, 1), &k);
            q4k_neon_group_half(x + 48, out + 64,
                vdupq_laneq_f32(s0.d_lo, 2), vdupq_laneq_f32(s0.nm_lo, 2),
                vdupq_laneq_f32(s0.d_lo, 3), vdupq_laneq_f32(s0.nm_lo, 3), &k);
            q4k_neon_group_half(x + 80, out + 128,
                vdupq_laneq_f32(s0.d_hi, 0), vdupq_laneq_f32(s0.nm_hi, 0),
                vdupq_laneq_f32(s0.d_hi, 1), vdupq_laneq_f32(s0.nm_hi, 1), &k);
            q4k_neon_group_half(x + 112, out + 192,
                vdupq_laneq_f32(s0.d_hi, 2), vdupq_laneq_f32(s0.nm_hi, 2),
                vdupq_laneq_f32(s0.d_hi, 3), vdupq_laneq_f32(s0.nm_hi, 3), &k);
        }
        return;
    }
    const q4k_neon_fmlal_k k = q4k_neon_fmlal_consts();
    for (; n >= 2; n -= 2, x += 288, out += 512) {
        const q4k_neon_fmlal_scales s0 = q4k_neon_fmlal_load_scales(x + 0);
        const q4k_neon_fmlal_scales s1 = q4k_neon_fmlal_load_scales(x + 144);
        if (s0.small && s1.small) {
            q4k_neon_group_fmlal(x + 16, out + 0,
                vdupq_laneq_u8(s0.sm, 0), vdupq_laneq_f32(s0.nm_lo, 0),
                vdupq_laneq_u8(s0.sm, 1), vdupq_laneq_f32(s0.nm_lo, 1),
                s0.d24, 1, &k);
            q4k_neon_group_fmlal(x + 160, out + 256,
                vdupq_laneq_u8(s1.sm, 0), vdupq_laneq_f32(s1.nm_lo, 0),
                vdupq_laneq_u8(s1.sm, 1), vdupq_laneq_f32(s1.nm_lo, 1),
                s1.d24, 1, &k);
            q4k_neon_group_fmlal(x + 48, out + 64,
                vdupq_laneq_u8(s0.sm, 2), vdupq_laneq_f32(s0.nm_lo, 2),
                vdupq_laneq_u8(s0.sm, 3), vdupq_laneq_f32(s0.nm_lo, 3),
                s0.d24, 1, &k);
            q4k_neon_group_fmlal(x + 192, out + 320,
                vdupq_laneq_u8(s1.sm, 2), vdupq_laneq_f32(s1.nm_lo, 2),
                vdupq_laneq_u8(s1.sm, 3), vdupq_laneq_f32(s1.nm_lo, 3),
                s1.d24, 1, &k);
            q4k_neon_group_fmlal(x + 80, out + 128,
                vdupq_laneq_u8(s0.sm, 8), vdupq_laneq_f32(s0.nm_hi, 0),
                vdupq_laneq_u8(s0.sm, 9), vdupq_laneq_f32(s0.nm_hi, 1),
                s0.d24, 1, &k);
            q4k_neon_group_fmlal(x + 224, out + 384,
                vdupq_laneq_u8(s1.sm, 8), vdupq_laneq_f32(s1.nm_hi, 0),
                vdupq_laneq_u8(s1.sm, 9), vdupq_laneq_f32(s1.nm_hi, 1),
                s1.d24, 1, &k);
            q4k_neon_group_fmlal(x + 112, out + 192,
                vdupq_laneq_u8(s0.sm, 10), vdupq_laneq_f32(s0.nm_hi, 2),
                vdupq_laneq_u8(s0.sm, 11), vdupq_laneq_f32(s0.nm_hi, 3),
                s0.d24, 1, &k);
            q4k_neon_group_fmlal(x + 256, out + 448,
                vdupq_laneq_u8(s1.sm, 10), vdupq_laneq_f32(s1.nm_hi, 2),
                vdupq_laneq_u8(s1.sm, 11), vdupq_laneq_f32(s1.nm_hi, 3),
                s1.d24, 1, &k);
        } else {
            q4k_neon_group_fmlal(x + 16, out + 0,
                vdupq_laneq_u8(s0.sm, 0), vdupq_laneq_f32(s0.nm_lo, 0),
                vdupq_laneq_u8(s0.sm, 1), vdupq_laneq_f32(s0.nm_lo, 1),
                s0.dm, 0, &k);
            q4k_neon_group_fmlal(x + 160, out + 256,
                vdupq_laneq_u8(s1.sm, 0), vdupq_laneq_f32(s1.nm_lo, 0),
                vdupq_laneq_u8(s1.sm, 1), vdupq_laneq_f32(s1.nm_lo, 1),
                s1.dm, 0, &k);
            q4k_neon_group_fmlal(x + 48, out + 64,
                vdupq_laneq_u8(s0.sm, 2), vdupq_laneq_f32(s0.nm_lo, 2),
                vdupq_laneq_u8(s0.sm, 3), vdupq_laneq_f32(s0.nm_lo, 3),
                s0.dm, 0, &k);
            q4k_neon_group_fmlal(x + 192, out + 320,
                vdupq_laneq_u8(s1.sm, 2), vdupq_laneq_f32(s1.nm_lo, 2),
                vdupq_laneq_u8(s1.sm, 3), vdupq_laneq_f32(s1.nm_lo, 3),
                s1.dm, 0, &k);
            q4k_neon_group_fmlal(x + 80, out + 128,
                vdupq_laneq_u8(s0.sm, 8), vdupq_laneq_f32(s0.nm_hi, 0),
                vdupq_laneq_u8(s0.sm, 9), vdupq_laneq_f32(s0.nm_hi, 1),
                s0.dm, 0, &k);
            q4k_neon_group_fmlal(x + 224, out + 384,
                vdupq_laneq_u8(s1.sm, 8), vdupq_laneq_f32(s1.nm_hi, 0),
                vdupq_laneq_u8(s1.sm, 9), vdupq_laneq_f32(s1.nm_hi, 1),
                s1.dm, 0, &k);
            q4k_neon_group_fmlal(x + 112, out + 192,
                vdupq_laneq_u8(s0.sm, 10), vdupq_laneq_f32(s0.nm_hi, 2),
                vdupq_laneq_u8(s0.sm, 11), vdupq_laneq_f32(s0.nm_hi, 3),
                s0.dm, 0, &k);
            q4k_neon_group_fmlal(x + 256, out + 448,
                vdupq_laneq_u8(s1.sm, 10), vdupq_laneq_f32(s1.nm_hi, 2),
                vdupq_laneq_u8(s1.sm, 11), vdupq_laneq_f32(s1.nm_hi, 3),
                s1.dm, 0, &k);
        }
    }
    for (; n > 0; n--, x += 144, out += 256) {
        const q4k_neon_fmlal_scales s0 = q4k_neon_fmlal_load_scales(x + 0);
        if (s0.small) {
            q4k_neon_group_fmlal(x + 16, out + 0,
                vdupq_laneq_u8(s0.sm, 0), vdupq_laneq_f32(s0.nm_lo, 0),
                vdupq_laneq_u8(s0.sm, 1), vdupq_laneq_f32(s0.nm_lo, 1),
                s0.d24, 1, &k);
            q4k_neon_group_fmlal(x + 48, out + 64,
                vdupq_laneq_u8(s0.sm, 2), vdupq_laneq_f32(s0.nm_lo, 2),
                vdupq_laneq_u8(s0.sm, 3), vdupq_laneq_f32(s0.nm_lo, 3),
                s0.d24, 1, &k);
            q4k_neon_group_fmlal(x + 80, out + 128,
                vdupq_laneq_u8(s0.sm, 8), vdupq_laneq_f32(s0.nm_hi, 0),
                vdupq_laneq_u8(s0.sm, 9), vdupq_laneq_f32(s0.nm_hi, 1),
                s0.d24, 1, &k);
            q4k_neon_group_fmlal(x + 112, out + 192,
                vdupq_laneq_u8(s0.sm, 10), vdupq_laneq_f32(s0.nm_hi, 2),
                vdupq_laneq_u8(s0.sm, 11), vdupq_laneq_f32(s0.nm_hi, 3),
                s0.d24, 1, &k);
        } else {
            q4k_neon_group_fmlal(x + 16, out + 0,
                vdupq_laneq_u8(s0.sm, 0), vdupq_laneq_f32(s0.nm_lo, 0),
                vdupq_laneq_u8(s0.sm, 1), vdupq_laneq_f32(s0.nm_lo, 1),
                s0.dm, 0, &k);
            q4k_neon_group_fmlal(x + 48, out + 64,
                vdupq_laneq_u8(s0.sm, 2), vdupq_laneq_f32(s0.nm_lo, 2),
                vdupq_laneq_u8(s0.sm, 3), vdupq_laneq_f32(s0.nm_lo, 3),
                s0.dm, 0, &k);
            q4k_neon_group_fmlal(x + 80, out + 128,
                vdupq_laneq_u8(s0.sm, 8), vdupq_laneq_f32(s0.nm_hi, 0),
                vdupq_laneq_u8(s0.sm, 9), vdupq_laneq_f32(s0.nm_hi, 1),
                s0.dm, 0, &k);
            q4k_neon_group_fmlal(x + 112, out + 192,
                vdupq_laneq_u8(s0.sm, 10), vdupq_laneq_f32(s0.nm_hi, 2),
                vdupq_laneq_u8(s0.sm, 11), vdupq_laneq_f32(s0.nm_hi, 3),
                s0.dm, 0, &k);
        }
    }
}

/* q4k_dequant__neon_fmlal_u2_p0_nt: method fmlal, 2 blocks per iteration, prefetch off, non-temporal (stnp) stores.
 * Needs FEAT_FHM; with FPCR.FZ16 set it runs the half method (see above).
 * blocks: n_blocks Q4_K blocks (144 bytes each, any alignment); out: 256 * n_blocks floats (any alignment). */
Q4K_NEON_FHM void q4k_dequant__neon_fmlal_u2_p0_nt(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    size_t n = n_blocks;
    if (q4k_neon_fz16()) {
        const q4k_neon_half_k k = q4k_neon_half_consts();
        for (; n >= 2; n -= 2, x += 288, out += 512) {
            const q4k_neon_scales s0 = q4k_neon_load_scales(x + 0, 0x1p24f);
            const q4k_neon_scales s1 = q4k_neon_load_scales(x + 144, 0x1p24f);
            q4k_neon_group_half_nt_g0(x + 16, out + 0,
                vdupq_laneq_f32(s0.d_lo, 0), vdupq_laneq_f32(s0.nm_lo, 0),
                vdupq_laneq_f32(s0.d_lo, 1), vdupq_laneq_f32(s0.nm_lo, 1), &k);
            q4k_neon_group_half_nt_g0(x + 160, out + 256,
                vdupq_laneq_f32(s1.d_lo, 0), vdupq_laneq_f32(s1.nm_lo, 0),
                vdupq_laneq_f32(s1.d_lo, 1), vdupq_laneq_f32(s1.nm_lo, 1), &k);
            q4k_neon_group_half_nt_g1(x + 48, out + 0,
                vdupq_laneq_f32(s0.d_lo, 2), vdupq_laneq_f32(s0.nm_lo, 2),
                vdupq_laneq_f32(s0.d_lo, 3), vdupq_laneq_f32(s0.nm_lo, 3), &k);
            q4k_neon_group_half_nt_g1(x + 192, out + 256,
                vdupq_laneq_f32(s1.d_lo, 2), vdupq_laneq_f32(s1.nm_lo, 2),
                vdupq_laneq_f32(s1.d_lo, 3), vdupq_laneq_f32(s1.nm_lo, 3), &k);
            q4k_neon_group_half_nt_g2(x + 80, out + 0,
                vdupq_laneq_f32(s0.d_hi, 0), vdupq_laneq_f32(s0.nm_hi, 0),
                vdupq_laneq_f32(s0.d_hi, 1), vdupq_laneq_f32(s0.nm_hi, 1), &k);
            q4k_neon_group_half_nt_g2(x + 224, out + 256,
                vdupq_laneq_f32(s1.d_hi, 0), vdupq_laneq_f32(s1.nm_hi, 0),
                vdupq_laneq_f32(s1.d_hi, 1), vdupq_laneq_f32(s1.nm_hi, 1), &k);
            q4k_neon_group_half_nt_g3(x + 112, out + 0,
                vdupq_laneq_f32(s0.d_hi, 2), vdupq_laneq_f32(s0.nm_hi, 2),
                vdupq_laneq_f32(s0.d_hi, 3), vdupq_laneq_f32(s0.nm_hi, 3), &k);
            q4k_neon_group_half_nt_g3(x + 256, out + 256,
                vdupq_laneq_f32(s1.d_hi, 2), vdupq_laneq_f32(s1.nm_hi, 2),
                vdupq_laneq_f32(s1.d_hi, 3), vdupq_laneq_f32(s1.nm_hi, 3), &k);
        }
        for (; n > 0; n--, x += 144, out += 256) {
            const q4k_neon_scales s0 = q4k_neon_load_scales(x + 0, 0x1p24f);
            q4k_neon_group_half_nt_g0(x + 16, out + 0,
                vdupq_laneq_f32(s0.d_lo, 0), vdupq_laneq_f32(s0.nm_lo, 0),
                vdupq_laneq_f32(s0.d_lo, 1), vdupq_laneq_f32(s0.nm_lo, 1), &k);
            q4k_neon_group_half_nt_g1(x + 48, out + 0,
                vdupq_laneq_f32(s0.d_lo, 2), vdupq_laneq_f32(s0.nm_lo, 2),
                vdupq_laneq_f32(s0.d_lo, 3), vdupq_laneq_f32(s0.nm_lo, 3), &k);
            q4k_neon_group_half_nt_g2(x + 80, out + 0,
                vdupq_laneq_f32(s0.d_hi, 0), vdupq_laneq_f32(s0.nm_hi, 0),
                vdupq_laneq_f32(s0.d_hi, 1), vdupq_laneq_f32(s0.nm_hi, 1), &k);
            q4k_neon_group_half_nt_g3(x + 112, out + 0,
                vdupq_laneq_f32(s0.d_hi, 2), vdupq_laneq_f32(s0.nm_hi, 2),
                vdupq_laneq_f32(s0.d_hi, 3), vdupq_laneq_f32(s0.nm_hi, 3), &k);
        }
        return;
    }
    const q4k_neon_fmlal_k k = q4k_neon_fmlal_consts();
    for (; n >= 2; n -= 2, x += 288, out += 512) {
        const q4k_neon_fmlal_scales s0 = q4k_neon_fmlal_load_scales(x + 0);
        const q4k_neon_fmlal_scales s1 = q4k_neon_fmlal_load_scales(x + 144);
        if (s0.small && s1.small) {
            q4k_neon_group_fmlal_nt_g0(x + 16, out + 0,
                vdupq_laneq_u8(s0.sm, 0), vdupq_laneq_f32(s0.nm_lo, 0),
                vdupq_laneq_u8(s0.sm, 1), vdupq_laneq_f32(s0.nm_lo, 1),
                s0.d24, 1, &k);
            q4k_neon_group_fmlal_nt_g0(x + 160, out + 256,
                vdupq_laneq_u8(s1.sm, 0), vdupq_laneq_f32(s1.nm_lo, 0),
                vdupq_laneq_u8(s1.sm, 1), vdupq_laneq_f32(s1.nm_lo, 1),
                s1.d24, 1, &k);
            q4k_neon_group_fmlal_nt_g1(x + 48, out + 0,
                vdupq_laneq_u8(s0.sm, 2), vdupq_laneq_f32(s0.nm_lo, 2),
                vdupq_laneq_u8(s0.sm, 3), vdupq_laneq_f32(s0.nm_lo, 3),
                s0.d24, 1, &k);
            q4k_neon_group_fmlal_nt_g1(x + 192, out + 256,
                vdupq_laneq_u8(s1.sm, 2), vdupq_laneq_f32(s1.nm_lo, 2),
                vdupq_laneq_u8(s1.sm, 3), vdupq_laneq_f32(s1.nm_lo, 3),
                s1.d24, 1, &k);
            q4k_neon_group_fmlal_nt_g2(x + 80, out + 0,
                vdupq_laneq_u8(s0.sm, 8), vdupq_laneq_f32(s0.nm_hi, 0),
                vdupq_laneq_u8(s0.sm, 9), vdupq_laneq_f32(s0.nm_hi, 1),
                s0.d24, 1, &k);
            q4k_neon_group_fmlal_nt_g2(x + 224, out + 256,
                vdupq_laneq_u8(s1.sm, 8), vdupq_laneq_f32(s1.nm_hi, 0),
                vdupq_laneq_u8(s1.sm, 9), vdupq_laneq_f32(s1.nm_hi, 1),
                s1.d24, 1, &k);
            q4k_neon_group_fmlal_nt_g3(x + 112, out + 0,
                vdupq_laneq_u8(s0.sm, 10), vdupq_laneq_f32(s0.nm_hi, 2),
                vdupq_laneq_u8(s0.sm, 11), vdupq_laneq_f32(s0.nm_hi, 3),
                s0.d24, 1, &k);
            q4k_neon_group_fmlal_nt_g3(x + 256, out + 256,
                vdupq_laneq_u8(s1.sm, 10), vdupq_laneq_f32(s1.nm_hi, 2),
                vdupq_laneq_u8(s1.sm, 11), vdupq_laneq_f32(s1.nm_hi, 3),
                s1.d24, 1, &k);
        } else {
            q4k_neon_group_fmlal_nt_g0(x + 16, out + 0,
                vdupq_laneq_u8(s0.sm, 0), vdupq_laneq_f32(s0.nm_lo, 0),
                vdupq_laneq_u8(s0.sm, 1), vdupq_laneq_f32(s0.nm_lo, 1),
                s0.dm, 0, &k);
            q4k_neon_group_fmlal_nt_g0(x + 160, out + 256,
                vdupq_laneq_u8(s1.sm, 0), vdupq_laneq_f32(s1.nm_lo, 0),
                vdupq_laneq_u8(s1.sm, 1), vdupq_laneq_f32(s1.nm_lo, 1),
                s1.dm, 0, &k);
            q4k_neon_group_fmlal_nt_g1(x + 48, out + 0,
                vdupq_laneq_u8(s0.sm, 2), vdupq_laneq_f32(s0.nm_lo, 2),
                vdupq_laneq_u8(s0.sm, 3), vdupq_laneq_f32(s0.nm_lo, 3),
                s0.dm, 0, &k);
            q4k_neon_group_fmlal_nt_g1(x + 192, out + 256,
                vdupq_laneq_u8(s1.sm, 2), vdupq_laneq_f32(s1.nm_lo, 2),
                vdupq_laneq_u8(s1.sm, 3), vdupq_laneq_f32(s1.nm_lo, 3),
                s1.dm, 0, &k);
            q4k_neon_group_fmlal_nt_g2(x + 80, out + 0,
                vdupq_laneq_u8(s0.sm, 8), vdupq_laneq_f32(s0.nm_hi, 0),
                vdupq_laneq_u8(s0.sm, 9), vdupq_laneq_f32(s0.nm_hi, 1),
                s0.dm, 0, &k);
            q4k_neon_group_fmlal_nt_g2(x + 224, out + 256,
                vdupq_laneq_u8(s1.sm, 8), vdupq_laneq_f32(s1.nm_hi, 0),
                vdupq_laneq_u8(s1.sm, 9), vdupq_laneq_f32(s1.nm_hi, 1),
                s1.dm, 0, &k);
            q4k_neon_group_fmlal_nt_g3(x + 112, out + 0,
                vdupq_laneq_u8(s0.sm, 10), vdupq_laneq_f32(s0.nm_hi, 2),
                vdupq_laneq_u8(s0.sm, 11), vdupq_laneq_f32(s0.nm_hi, 3),
                s0.dm, 0, &k);
            q4k_neon_group_fmlal_nt_g3(x + 256, out + 256,
                vdupq_laneq_u8(s1.sm, 10), vdupq_laneq_f32(s1.nm_hi, 2),
                vdupq_laneq_u8(s1.sm, 11), vdupq_laneq_f32(s1.nm_hi, 3),
                s1.dm, 0, &k);
        }
    }
    for (; n > 0; n--, x += 144, out += 256) {
        const q4k_neon_fmlal_scales s0 = q4k_neon_fmlal_load_scales(x + 0);
        if (s0.small) {
            q4k_neon_group_fmlal_nt_g0(x + 16, out + 0,
                vdupq_laneq_u8(s0.sm, 0), vdupq_laneq_f32(s0.nm_lo, 0),
                vdupq_laneq_u8(s0.sm, 1), vdupq_laneq_f32(s0.nm_lo, 1),
                s0.d24, 1, &k);
            q4k_neon_group_fmlal_nt_g1(x + 48, out + 0,
                vdupq_laneq_u8(s0.sm, 2), vdupq_laneq_f32(s0.nm_lo, 2),
                vdupq_laneq_u8(s0.sm, 3), vdupq_laneq_f32(s0.nm_lo, 3),
                s0.d24, 1, &k);
            q4k_neon_group_fmlal_nt_g2(x + 80, out + 0,
                vdupq_laneq_u8(s0.sm, 8), vdupq_laneq_f32(s0.nm_hi, 0),
                vdupq_laneq_u8(s0.sm, 9), vdupq_laneq_f32(s0.nm_hi, 1),
                s0.d24, 1, &k);
            q4k_neon_group_fmlal_nt_g3(x + 112, out + 0,
                vdupq_laneq_u8(s0.sm, 10), vdupq_laneq_f32(s0.nm_hi, 2),
                vdupq_laneq_u8(s0.sm, 11), vdupq_laneq_f32(s0.nm_hi, 3),
                s0.d24, 1, &k);
        } else {
            q4k_neon_group_fmlal_nt_g0(x + 16, out + 0,
                vdupq_laneq_u8(s0.sm, 0), vdupq_laneq_f32(s0.nm_lo, 0),
                vdupq_laneq_u8(s0.sm, 1), vdupq_laneq_f32(s0.nm_lo, 1),
                s0.dm, 0, &k);
            q4k_neon_group_fmlal_nt_g1(x + 48, out + 0,
                vdupq_laneq_u8(s0.sm, 2), vdupq_laneq_f32(s0.nm_lo, 2),
                vdupq_laneq_u8(s0.sm, 3), vdupq_laneq_f32(s0.nm_lo, 3),
                s0.dm, 0, &k);
            q4k_neon_group_fmlal_nt_g2(x + 80, out + 0,
                vdupq_laneq_u8(s0.sm, 8), vdupq_laneq_f32(s0.nm_hi, 0),
                vdupq_laneq_u8(s0.sm, 9), vdupq_laneq_f32(s0.nm_hi, 1),
                s0.dm, 0, &k);
            q4k_neon_group_fmlal_nt_g3(x + 112, out + 0,
                vdupq_laneq_u8(s0.sm, 10), vdupq_laneq_f32(s0.nm_hi, 2),
                vdupq_laneq_u8(s0.sm, 11), vdupq_laneq_f32(s0.nm_hi, 3),
                s0.dm, 0, &k);
        }
    }
}

/* q4k_dequant__neon_fmlal_u2_p16: method fmlal, 2 blocks per iteration, prefetch 16 blocks ahead, ordinary stores.
 * Needs FEAT_FHM; with FPCR.FZ16 set it runs the half method (see above).
 * blocks: n_blocks Q4_K blocks (144 bytes each, any alignment); out: 256 * n_blocks floats (any alignment). */
Q4K_NEON_FHM void q4k_dequant__neon_fmlal_u2_p16(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    size_t n = n_blocks;
    if (q4k_neon_fz16()) {
        const q4k_neon_half_k k = q4k_neon_half_consts();
        for (; n >= 2; n -= 2, x += 288, out += 512) {
            q4k_neon_prefetch(x, 2304);
            q4k_neon_prefetch(x, 2368);
            q4k_neon_prefetch(x, 2432);
            q4k_neon_prefetch(x, 2496);
            q4k_neon_prefetch(x, 2560);
            const q4k_neon_scales s0 = q4k_neon_load_scales(x + 0, 0x1p24f);
            const q4k_neon_scales s1 = q4k_neon_load_scales(x + 144, 0x1p24f);
            q4k_neon_group_half(x + 16, out + 0,
                vdupq_laneq_f32(s0.d_lo, 0), vdupq_laneq_f32(s0.nm_lo, 0),
                vdupq_laneq_f32(s0.d_lo, 1), vdupq_laneq_f32(s0.nm_lo, 1), &k);
            q4k_neon_group_half(x + 160, out + 256,
                vdupq_laneq_f32(s1.d_lo, 0), vdupq_laneq_f32(s1.nm_lo, 0),
                vdupq_laneq_f32(s1.d_lo, 1), vdupq_laneq_f32(s1.nm_lo, 1), &k);
            q4k_neon_group_half(x + 48, out + 64,
                vdupq_laneq_f32(s0.d_lo, 2), vdupq_laneq_f32(s0.nm_lo, 2),
                vdupq_laneq_f32(s0.d_lo, 3), vdupq_laneq_f32(s0.nm_lo, 3), &k);
            q4k_neon_group_half(x + 192, out + 320,
                vdupq_laneq_f32(s1.d_lo, 2), vdupq_laneq_f32(s1.nm_lo, 2),
                vdupq_laneq_f32(s1.d_lo, 3), vdupq_laneq_f32(s1.nm_lo, 3), &k);
            q4k_neon_group_half(x + 80, out + 128,
                vdupq_laneq_f32(s0.d_hi, 0), vdupq_laneq_f32(s0.nm_hi, 0),
                vdupq_laneq_f32(s0.d_hi, 1), vdupq_laneq_f32(s0.nm_hi, 1), &k);
            q4k_neon_group_half(x + 224, out + 384,
                vdupq_laneq_f32(s1.d_hi, 0), vdupq_laneq_f32(s1.nm_hi, 0),
                vdupq_laneq_f32(s1.d_hi, 1), vdupq_laneq_f32(s1.nm_hi, 1), &k);
            q4k_neon_group_half(x + 112, out + 192,
                vdupq_laneq_f32(s0.d_hi, 2), vdupq_laneq_f32(s0.nm_hi, 2),
                vdupq_laneq_f32(s0.d_hi, 3), vdupq_laneq_f32(s0.nm_hi, 3), &k);
            q4k_neon_group_half(x + 256, out + 448,
                vdupq_laneq_f32(s1.d_hi, 2), vdupq_laneq_f32(s1.nm_hi, 2),
                vdupq_laneq_f32(s1.d_hi, 3), vdupq_laneq_f32(s1.nm_hi, 3), &k);
        }
        for (; n > 0; n--, x += 144, out += 256) {
            q4k_neon_prefetch(x, 2304);
            q4k_neon_prefetch(x, 2368);
            q4k_neon_prefetch(x, 2432);
            const q4k_neon_scales s0 = q4k_neon_load_scales(x + 0, 0x1p24f);
            q4k_neon_group_half(x + 16, out + 0,
                vdupq_laneq_f32(s0.d_lo, 0), vdupq_laneq_f32(s0.nm_lo, 0),
                vdupq_laneq_f32(s0.d_lo, 1), vdupq_laneq_f32(s0.nm_lo, 1), &k);
            q4k_neon_group_half(x + 48, out + 64,
                vdupq_laneq_f32(s0.d_lo, 2), vdupq_laneq_f32(s0.nm_lo, 2),
                vdupq_laneq_f32(s0.d_lo, 3), vdupq_laneq_f32(s0.nm_lo, 3), &k);
            q4k_neon_group_half(x + 80, out + 128,
                vdupq_laneq_f32(s0.d_hi, 0), vdupq_laneq_f32(s0.nm_hi, 0),
                vdupq_laneq_f32(s0.d_hi, 1), vdupq_laneq_f32(s0.nm_hi, 1), &k);
            q4k_neon_group_half(x + 112, out + 192,
                vdupq_laneq_f32(s0.d_hi, 2), vdupq_laneq_f32(s0.nm_hi, 2),
                vdupq_laneq_f32(s0.d_hi, 3), vdupq_laneq_f32(s0.nm_hi, 3), &k);
        }
        return;
    }
    const q4k_neon_fmlal_k k = q4k_neon_fmlal_consts();
    for (; n >= 2; n -= 2, x += 288, out += 512) {
        q4k_neon_prefetch(x, 2304);
        q4k_neon_prefetch(x, 2368);
        q4k_neon_prefetch(x, 2432);
        q4k_neon_prefetch(x, 2496);
        q4k_neon_prefetch(x, 2560);
        const q4k_neon_fmlal_scales s0 = q4k_neon_fmlal_load_scales(x + 0);
        const q4k_neon_fmlal_scales s1 = q4k_neon_fmlal_load_scales(x + 144);
        if (s0.small && s1.small) {
            q4k_neon_group_fmlal(x + 16, out + 0,
                vdupq_laneq_u8(s0.sm, 0), vdupq_laneq_f32(s0.nm_lo, 0),
                vdupq_laneq_u8(s0.sm, 1), vdupq_laneq_f32(s0.nm_lo, 1),
                s0.d24, 1, &k);
            q4k_neon_group_fmlal(x + 160, out + 256,
                vdupq_laneq_u8(s1.sm, 0), vdupq_laneq_f32(s1.nm_lo, 0),
                vdupq_laneq_u8(s1.sm, 1), vdupq_laneq_f32(s1.nm_lo, 1),
                s1.d24, 1, &k);
            q4k_neon_group_fmlal(x + 48, out + 64,
                vdupq_laneq_u8(s0.sm, 2), vdupq_laneq_f32(s0.nm_lo, 2),
                vdupq_laneq_u8(s0.sm, 3), vdupq_laneq_f32(s0.nm_lo, 3),
                s0.d24, 1, &k);
            q4k_neon_group_fmlal(x + 192, out + 320,
                vdupq_laneq_u8(s1.sm, 2), vdupq_laneq_f32(s1.nm_lo, 2),
                vdupq_laneq_u8(s1.sm, 3), vdupq_laneq_f32(s1.nm_lo, 3),
                s1.d24, 1, &k);
            q4k_neon_group_fmlal(x + 80, out + 128,
                vdupq_laneq_u8(s0.sm, 8), vdupq_laneq_f32(s0.nm_hi, 0),
                vdupq_laneq_u8(s0.sm, 9), vdupq_laneq_f32(s0.nm_hi, 1),
                s0.d24, 1, &k);
            q4k_neon_group_fmlal(x + 224, out + 384,
                vdupq_laneq_u8(s1.sm, 8), vdupq_laneq_f32(s1.nm_hi, 0),
                vdupq_laneq_u8(s1.sm, 9), vdupq_laneq_f32(s1.nm_hi, 1),
                s1.d24, 1, &k);
            q4k_neon_group_fmlal(x + 112, out + 192,
                vdupq_laneq_u8(s0.sm, 10), vdupq_laneq_f32(s0.nm_hi, 2),
                vdupq_laneq_u8(s0.sm, 11), vdupq_laneq_f32(s0.nm_hi, 3),
                s0.d24, 1, &k);
            q4k_neon_group_fmlal(x + 256, out + 448,
                vdupq_laneq_u8(s1.sm, 10), vdupq_laneq_f32(s1.nm_hi, 2),
                vdupq_laneq_u8(s1.sm, 11), vdupq_laneq_f32(s1.nm_hi, 3),
                s1.d24, 1, &k);
        } else {
            q4k_neon_group_fmlal(x + 16, out + 0,
                vdupq_laneq_u8(s0.sm, 0), vdupq_laneq_f32(s0.nm_lo, 0),
                vdupq_laneq_u8(s0.sm, 1), vdupq_laneq_f32(s0.nm_lo, 1),
                s0.dm, 0, &k);
            q4k_neon_group_fmlal(x + 160, out + 256,
                vdupq_laneq_u8(s1.sm, 0), vdupq_laneq_f32(s1.nm_lo, 0),
                vdupq_laneq_u8(s1.sm, 1), vdupq_laneq_f32(s1.nm_lo, 1),
                s1.dm, 0, &k);
            q4k_neon_group_fmlal(x + 48, out + 64,
                vdupq_laneq_u8(s0.sm, 2), vdupq_laneq_f32(s0.nm_lo, 2),
                vdupq_laneq_u8(s0.sm, 3), vdupq_laneq_f32(s0.nm_lo, 3),
                s0.dm, 0, &k);
            q4k_neon_group_fmlal(x + 192, out + 320,
                vdupq_laneq_u8(s1.sm, 2), vdupq_laneq_f32(s1.nm_lo, 2),
                vdupq_laneq_u8(s1.sm, 3), vdupq_laneq_f32(s1.nm_lo, 3),
                s1.dm, 0, &k);
            q4k_neon_group_fmlal(x + 80, out + 128,
                vdupq_laneq_u8(s0.sm, 8), vdupq_laneq_f32(s0.nm_hi, 0),
                vdupq_laneq_u8(s0.sm, 9), vdupq_laneq_f32(s0.nm_hi, 1),
                s0.dm, 0, &k);
            q4k_neon_group_fmlal(x + 224, out + 384,
                vdupq_laneq_u8(s1.sm, 8), vdupq_laneq_f32(s1.nm_hi, 0),
                vdupq_laneq_u8(s1.sm, 9), vdupq_laneq_f32(s1.nm_hi, 1),
                s1.dm, 0, &k);
            q4k_neon_group_fmlal(x + 112, out + 192,
                vdupq_laneq_u8(s0.sm, 10), vdupq_laneq_f32(s0.nm_hi, 2),
                vdupq_laneq_u8(s0.sm, 11), vdupq_laneq_f32(s0.nm_hi, 3),
                s0.dm, 0, &k);
            q4k_neon_group_fmlal(x + 256, out + 448,
                vdupq_laneq_u8(s1.sm, 10), vdupq_laneq_f32(s1.nm_hi, 2),
                vdupq_laneq_u8(s1.sm, 11), vdupq_laneq_f32(s1.nm_hi, 3),
                s1.dm, 0, &k);
        }
    }
    for (; n > 0; n--, x += 144, out += 256) {
        q4k_neon_prefetch(x, 2304);
        q4k_neon_prefetch(x, 2368);
        q4k_neon_prefetch(x, 2432);
        const q4k_neon_fmlal_scales s0 = q4k_neon_fmlal_load_scales(x + 0);
        if (s0.small) {
            q4k_neon_group_fmlal(x + 16, out + 0,
                vdupq_laneq_u8(s0.sm, 0), vdupq_laneq_f32(s0.nm_lo, 0),
                vdupq_laneq_u8(s0.sm, 1), vdupq_laneq_f32(s0.nm_lo, 1),
                s0.d24, 1, &k);
            q4k_neon_group_fmlal(x + 48, out + 64,
                vdupq_laneq_u8(s0.sm, 2), vdupq_laneq_f32(s0.nm_lo, 2),
                vdupq_laneq_u8(s0.sm, 3), vdupq_laneq_f32(s0.nm_lo, 3),
                s0.d24, 1, &k);
            q4k_neon_group_fmlal(x + 80, out + 128,
                vdupq_laneq_u8(s0.sm, 8), vdupq_laneq_f32(s0.nm_hi, 0),
                vdupq_laneq_u8(s0.sm, 9), vdupq_laneq_f32(s0.nm_hi, 1),
                s0.d24, 1, &k);
            q4k_neon_group_fmlal(x + 112, out + 192,
                vdupq_laneq_u8(s0.sm, 10), vdupq_laneq_f32(s0.nm_hi, 2),
                vdupq_laneq_u8(s0.sm, 11), vdupq_laneq_f32(s0.nm_hi, 3),
                s0.d24, 1, &k);
        } else {
            q4k_neon_group_fmlal(x + 16, out + 0,
                vdupq_laneq_u8(s0.sm, 0), vdupq_laneq_f32(s0.nm_lo, 0),
                vdupq_laneq_u8(s0.sm, 1), vdupq_laneq_f32(s0.nm_lo, 1),
                s0.dm, 0, &k);
            q4k_neon_group_fmlal(x + 48, out + 64,
                vdupq_laneq_u8(s0.sm, 2), vdupq_laneq_f32(s0.nm_lo, 2),
                vdupq_laneq_u8(s0.sm, 3), vdupq_laneq_f32(s0.nm_lo, 3),
                s0.dm, 0, &k);
            q4k_neon_group_fmlal(x + 80, out + 128,
                vdupq_laneq_u8(s0.sm, 8), vdupq_laneq_f32(s0.nm_hi, 0),
                vdupq_laneq_u8(s0.sm, 9), vdupq_laneq_f32(s0.nm_hi, 1),
                s0.dm, 0, &k);
            q4k_neon_group_fmlal(x + 112, out + 192,
                vdupq_laneq_u8(s0.sm, 10), vdupq_laneq_f32(s0.nm_hi, 2),
                vdupq_laneq_u8(s0.sm, 11), vdupq_laneq_f32(s0.nm_hi, 3),
                s0.dm, 0, &k);
        }
    }
}

/* q4k_dequant__neon_fmlal_u2_p16_nt: method fmlal, 2 blocks per iteration, prefetch 16 blocks ahead, non-temporal (stnp) stores.
 * Needs FEAT_FHM; with FPCR.FZ16 set it runs the half method (see above).
 * blocks: n_blocks Q4_K blocks (144 bytes each, any alignment); out: 256 * n_blocks floats (any alignment). */
Q4K_NEON_FHM void q4k_dequant__neon_fmlal_u2_p16_nt(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    size_t n = n_blocks;
    if (q4k_neon_fz16()) {
        const q4k_neon_half_k k = q4k_neon_half_consts();
        for (; n >= 2; n -= 2, x += 288, out += 512) {
            q4k_neon_prefetch(x, 2304);
            q4k_neon_prefetch(x, 2368);
            q4k_neon_prefetch(x, 2432);
            q4k_neon_prefetch(x, 2496);
            q4k_neon_prefetch(x, 2560);
            const q4k_neon_scales s0 = q4k_neon_load_scales(x + 0, 0x1p24f);
            const q4k_neon_scales s1 = q4k_neon_load_scales(x + 144, 0x1p24f);
            q4k_neon_group_half_nt_g0(x + 16, out + 0,
                vdupq_laneq_f32(s0.d_lo, 0), vdupq_laneq_f32(s0.nm_lo, 0),
                vdupq_laneq_f32(s0.d_lo, 1), vdupq_laneq_f32(s0.nm_lo, 1), &k);
            q4k_neon_group_half_nt_g0(x + 160, out + 256,
                vdupq_laneq_f32(s1.d_lo, 0), vdupq_laneq_f32(s1.nm_lo, 0),
                vdupq_laneq_f32(s1.d_lo, 1), vdupq_laneq_f32(s1.nm_lo, 1), &k);
            q4k_neon_group_half_nt_g1(x + 48, out + 0,
                vdupq_laneq_f32(s0.d_lo, 2), vdupq_laneq_f32(s0.nm_lo, 2),
                vdupq_laneq_f32(s0.d_lo, 3), vdupq_laneq_f32(s0.nm_lo, 3), &k);
            q4k_neon_group_half_nt_g1(x + 192, out + 256,
                vdupq_laneq_f32(s1.d_lo, 2), vdupq_laneq_f32(s1.nm_lo, 2),
                vdupq_laneq_f32(s1.d_lo, 3), vdupq_laneq_f32(s1.nm_lo, 3), &k);
            q4k_neon_group_half_nt_g2(x + 80, out + 0,
                vdupq_laneq_f32(s0.d_hi, 0), vdupq_laneq_f32(s0.nm_hi, 0),
                vdupq_laneq_f32(s0.d_hi, 1), vdupq_laneq_f32(s0.nm_hi, 1), &k);
            q4k_neon_group_half_nt_g2(x + 224, out + 256,
                vdupq_laneq_f32(s1.d_hi, 0), vdupq_laneq_f32(s1.nm_hi, 0),
                vdupq_laneq_f32(s1.d_hi, 1), vdupq_laneq_f32(s1.nm_hi, 1), &k);
            q4k_neon_group_half_nt_g3(x + 112, out + 0,
                vdupq_laneq_f32(s0.d_hi, 2), vdupq_laneq_f32(s0.nm_hi, 2),
                vdupq_laneq_f32(s0.d_hi, 3), vdupq_laneq_f32(s0.nm_hi, 3), &k);
            q4k_neon_group_half_nt_g3(x + 256, out + 256,
                vdupq_laneq_f32(s1.d_hi, 2), vdupq_laneq_f32(s1.nm_hi, 2),
                vdupq_laneq_f32(s1.d_hi, 3), vdupq_laneq_f32(s1.nm_hi, 3), &k);
        }
        for (; n > 0; n--, x += 144, out += 256) {
            q4k_neon_prefetch(x, 2304);
            q4k_neon_prefetch(x, 2368);
            q4k_neon_prefetch(x, 2432);
            const q4k_neon_scales s0 = q4k_neon_load_scales(x + 0, 0x1p24f);
            q4k_neon_group_half_nt_g0(x + 16, out + 0,
                vdupq_laneq_f32(s0.d_lo, 0), vdupq_laneq_f32(s0.nm_lo, 0),
                vdupq_laneq_f32(s0.d_lo, 1), vdupq_laneq_f32(s0.nm_lo, 1), &k);
            q4k_neon_group_half_nt_g1(x + 48, out + 0,
                vdupq_laneq_f32(s0.d_lo, 2), vdupq_laneq_f32(s0.nm_lo, 2),
                vdupq_laneq_f32(s0.d_lo, 3), vdupq_laneq_f32(s0.nm_lo, 3), &k);
            q4k_neon_group_half_nt_g2(x + 80, out + 0,
                vdupq_laneq_f32(s0.d_hi, 0), vdupq_laneq_f32(s0.nm_hi, 0),
                vdupq_laneq_f32(s0.d_hi, 1), vdupq_laneq_f32(s0.nm_hi, 1), &k);
            q4k_neon_group_half_nt_g3(x + 112, out + 0,
                vdupq_laneq_f32(s0.d_hi, 2), vdupq_laneq_f32(s0.nm_hi, 2),
                vdupq_laneq_f32(s0.d_hi, 3), vdupq_laneq_f32(s0.nm_hi, 3), &k);
        }
        return;
    }
    const q4k_neon_fmlal_k k = q4k_neon_fmlal_consts();
    for (; n >= 2; n -= 2, x += 288, out += 512) {
        q4k_neon_prefetch(x, 2304);
        q4k_neon_prefetch(x, 2368);
        q4k_neon_prefetch(x, 2432);
        q4k_neon_prefetch(x, 2496);
        q4k_neon_prefetch(x, 2560);
        const q4k_neon_fmlal_scales s0 = q4k_neon_fmlal_load_scales(x + 0);
        const q4k_neon_fmlal_scales s1 = q4k_neon_fmlal_load_scales(x + 144);
        if (s0.small && s1.small) {
            q4k_neon_group_fmlal_nt_g0(x + 16, out + 0,
                vdupq_laneq_u8(s0.sm, 0), vdupq_laneq_f32(s0.nm_lo, 0),
                vdupq_laneq_u8(s0.sm, 1), vdupq_laneq_f32(s0.nm_lo, 1),
                s0.d24, 1, &k);
            q4k_neon_group_fmlal_nt_g0(x + 160, out + 256,
                vdupq_laneq_u8(s1.sm, 0), vdupq_laneq_f32(s1.nm_lo, 0),
                vdupq_laneq_u8(s1.sm, 1), vdupq_laneq_f32(s1.nm_lo, 1),
                s1.d24, 1, &k);
            q4k_neon_group_fmlal_nt_g1(x + 48, out + 0,
                vdupq_laneq_u8(s0.sm, 2), vdupq_laneq_f32(s0.nm_lo, 2),
                vdupq_laneq_u8(s0.sm, 3), vdupq_laneq_f32(s0.nm_lo, 3),
                s0.d24, 1, &k);
            q4k_neon_group_fmlal_nt_g1(x + 192, out + 256,
                vdupq_laneq_u8(s1.sm, 2), vdupq_laneq_f32(s1.nm_lo, 2),
                vdupq_laneq_u8(s1.sm, 3), vdupq_laneq_f32(s1.nm_lo, 3),
                s1.d24, 1, &k);
            q4k_neon_group_fmlal_nt_g2(x + 80, out + 0,
                vdupq_laneq_u8(s0.sm, 8), vdupq_laneq_f32(s0.nm_hi, 0),
                vdupq_laneq_u8(s0.sm, 9), vdupq_laneq_f32(s0.nm_hi, 1),
                s0.d24, 1, &k);
            q4k_neon_group_fmlal_nt_g2(x + 224, out + 256,
                vdupq_laneq_u8(s1.sm, 8), vdupq_laneq_f32(s1.nm_hi, 0),
                vdupq_laneq_u8(s1.sm, 9), vdupq_laneq_f32(s1.nm_hi, 1),
                s1.d24, 1, &k);
            q4k_neon_group_fmlal_nt_g3(x + 112, out + 0,
                vdupq_laneq_u8(s0.sm, 10), vdupq_laneq_f32(s0.nm_hi, 2),
                vdupq_laneq_u8(s0.sm, 11), vdupq_laneq_f32(s0.nm_hi, 3),
                s0.d24, 1, &k);
            q4k_neon_group_fmlal_nt_g3(x + 256, out + 256,
                vdupq_laneq_u8(s1.sm, 10), vdupq_laneq_f32(s1.nm_hi, 2),
                vdupq_laneq_u8(s1.sm, 11), vdupq_laneq_f32(s1.nm_hi, 3),
                s1.d24, 1, &k);
        } else {
            q4k_neon_group_fmlal_nt_g0(x + 16, out + 0,
                vdupq_laneq_u8(s0.sm, 0), vdupq_laneq_f32(s0.nm_lo, 0),
                vdupq_laneq_u8(s0.sm, 1), vdupq_laneq_f32(s0.nm_lo, 1),
                s0.dm, 0, &k);
            q4k_neon_group_fmlal_nt_g0(x + 160, out + 256,
                vdupq_laneq_u8(s1.sm, 0), vdupq_laneq_f32(s1.nm_lo, 0),
                vdupq_laneq_u8(s1.sm, 1), vdupq_laneq_f32(s1.nm_lo, 1),
                s1.dm, 0, &k);
            q4k_neon_group_fmlal_nt_g1(x + 48, out + 0,
                vdupq_laneq_u8(s0.sm, 2), vdupq_laneq_f32(s0.nm_lo, 2),
                vdupq_laneq_u8(s0.sm, 3), vdupq_laneq_f32(s0.nm_lo, 3),
                s0.dm, 0, &k);
            q4k_neon_group_fmlal_nt_g1(x + 192, out + 256,
                vdupq_laneq_u8(s1.sm, 2), vdupq_laneq_f32(s1.nm_lo, 2),
                vdupq_laneq_u8(s1.sm, 3), vdupq_laneq_f32(s1.nm_lo, 3),
                s1.dm, 0, &k);
            q4k_neon_group_fmlal_nt_g2(x + 80, out + 0,
                vdupq_laneq_u8(s0.sm, 8), vdupq_laneq_f32(s0.nm_hi, 0),
                vdupq_laneq_u8(s0.sm, 9), vdupq_laneq_f32(s0.nm_hi, 1),
                s0.dm, 0, &k);
            q4k_neon_group_fmlal_nt_g2(x + 224, out + 256,
                vdupq_laneq_u8(s1.sm, 8), vdupq_laneq_f32(s1.nm_hi, 0),
                vdupq_laneq_u8(s1.sm, 9), vdupq_laneq_f32(s1.nm_hi, 1),
                s1.dm, 0, &k);
            q4k_neon_group_fmlal_nt_g3(x + 112, out + 0,
                vdupq_laneq_u8(s0.sm, 10), vdupq_laneq_f32(s0.nm_hi, 2),
                vdupq_laneq_u8(s0.sm, 11), vdupq_laneq_f32(s0.nm_hi, 3),
                s0.dm, 0, &k);
            q4k_neon_group_fmlal_nt_g3(x + 256, out + 256,
                vdupq_laneq_u8(s1.sm, 10), vdupq_laneq_f32(s1.nm_hi, 2),
                vdupq_laneq_u8(s1.sm, 11), vdupq_laneq_f32(s1.nm_hi, 3),
                s1.dm, 0, &k);
        }
    }
    for (; n > 0; n--, x += 144, out += 256) {
        q4k_neon_prefetch(x, 2304);
        q4k_neon_prefetch(x, 2368);
        q4k_neon_prefetch(x, 2432);
        const q4k_neon_fmlal_scales s0 = q4k_neon_fmlal_load_scales(x + 0);
        if (s0.small) {
            q4k_neon_group_fmlal_nt_g0(x + 16, out + 0,
                vdupq_laneq_u8(s0.sm, 0), vdupq_laneq_f32(s0.nm_lo, 0),
                vdupq_laneq_u8(s0.sm, 1), vdupq_laneq_f32(s0.nm_lo, 1),
                s0.d24, 1, &k);
            q4k_neon_group_fmlal_nt_g1(x + 48, out + 0,
                vdupq_laneq_u8(s0.sm, 2), vdupq_laneq_f32(s0.nm_lo, 2),
                vdupq_laneq_u8(s0.sm, 3), vdupq_laneq_f32(s0.nm_lo, 3),
                s0.d24, 1, &k);
            q4k_neon_group_fmlal_nt_g2(x + 80, out + 0,
                vdupq_laneq_u8(s0.sm, 8), vdupq_laneq_f32(s0.nm_hi, 0),
                vdupq_laneq_u8(s0.sm, 9), vdupq_laneq_f32(s0.nm_hi, 1),
                s0.d24, 1, &k);
            q4k_neon_group_fmlal_nt_g3(x + 112, out + 0,
                vdupq_laneq_u8(s0.sm, 10), vdupq_laneq_f32(s0.nm_hi, 2),
                vdupq_laneq_u8(s0.sm, 11), vdupq_laneq_f32(s0.nm_hi, 3),
                s0.d24, 1, &k);
        } else {
            q4k_neon_group_fmlal_nt_g0(x + 16, out + 0,
                vdupq_laneq_u8(s0.sm, 0), vdupq_laneq_f32(s0.nm_lo, 0),
                vdupq_laneq_u8(s0.sm, 1), vdupq_laneq_f32(s0.nm_lo, 1),
                s0.dm, 0, &k);
            q4k_neon_group_fmlal_nt_g1(x + 48, out + 0,
                vdupq_laneq_u8(s0.sm, 2), vdupq_laneq_f32(s0.nm_lo, 2),
                vdupq_laneq_u8(s0.sm, 3), vdupq_laneq_f32(s0.nm_lo, 3),
                s0.dm, 0, &k);
            q4k_neon_group_fmlal_nt_g2(x + 80, out + 0,
                vdupq_laneq_u8(s0.sm, 8), vdupq_laneq_f32(s0.nm_hi, 0),
                vdupq_laneq_u8(s0.sm, 9), vdupq_laneq_f32(s0.nm_hi, 1),
                s0.dm, 0, &k);
            q4k_neon_group_fmlal_nt_g3(x + 112, out + 0,
                vdupq_laneq_u8(s0.sm, 10), vdupq_laneq_f32(s0.nm_hi, 2),
                vdupq_laneq_u8(s0.sm, 11), vdupq_laneq_f32(s0.nm_hi, 3),
                s0.dm, 0, &k);
        }
    }
}

/* q4k_dequant__neon_half_u1_p0: method half, 1 block per iteration, prefetch off, ordinary stores.
 * blocks: n_blocks Q4_K blocks (144 bytes each, any alignment); out: 256 * n_blocks floats (any alignment). */
void q4k_dequant__neon_half_u1_p0(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    size_t n = n_blocks;
    const q4k_neon_half_k k = q4k_neon_half_consts();
    for (; n > 0; n--, x += 144, out += 256) {
        const q4k_neon_scales s0 = q4k_neon_load_scales(x + 0, 0x1p24f);
        q4k_neon_group_half(x + 16, out + 0,
            vdupq_laneq_f32(s0.d_lo, 0), vdupq_laneq_f32(s0.nm_lo, 0),
            vdupq_laneq_f32(s0.d_lo, 1), vdupq_laneq_f32(s0.nm_lo, 1), &k);
        q4k_neon_group_half(x + 48, out + 64,
            vdupq_laneq_f32(s0.d_lo, 2), vdupq_laneq_f32(s0.nm_lo, 2),
            vdupq_laneq_f32(s0.d_lo, 3), vdupq_laneq_f32(s0.nm_lo, 3), &k);
        q4k_neon_group_half(x + 80, out + 128,
            vdupq_laneq_f32(s0.d_hi, 0), vdupq_laneq_f32(s0.nm_hi, 0),
            vdupq_laneq_f32(s0.d_hi, 1), vdupq_laneq_f32(s0.nm_hi, 1), &k);
        q4k_neon_group_half(x + 112, out + 192,
            vdupq_laneq_f32(s0.d_hi, 2), vdupq_laneq_f32(s0.nm_hi, 2),
            vdupq_laneq_f32(s0.d_hi, 3), vdupq_laneq_f32(s0.nm_hi, 3), &k);
    }
}

/* q4k_dequant__neon_half_u1_p0_nt: method half, 1 block per iteration, prefetch off, non-temporal (stnp) stores.
 * blocks: n_blocks Q4_K blocks (144 bytes each, any alignment); out: 256 * n_blocks floats (any alignment). */
void q4k_dequant__neon_half_u1_p0_nt(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    size_t n = n_blocks;
    const q4k_neon_half_k k = q4k_neon_half_consts();
    for (; n > 0; n--, x += 144, out += 256) {
        const q4k_neon_scales s0 = q4k_neon_load_scales(x + 0, 0x1p24f);
        q4k_neon_group_half_nt_g0(x + 16, out + 0,
            vdupq_laneq_f32(s0.d_lo, 0), vdupq_laneq_f32(s0.nm_lo, 0),
            vdupq_laneq_f32(s0.d_lo, 1), vdupq_laneq_f32(s0.nm_lo, 1), &k);
        q4k_neon_group_half_nt_g1(x + 48, out + 0,
            vdupq_laneq_f32(s0.d_lo, 2), vdupq_laneq_f32(s0.nm_lo, 2),
            vdupq_laneq_f32(s0.d_lo, 3), vdupq_laneq_f32(s0.nm_lo, 3), &k);
        q4k_neon_group_half_nt_g2(x + 80, out + 0,
            vdupq_laneq_f32(s0.d_hi, 0), vdupq_laneq_f32(s0.nm_hi, 0),
            vdupq_laneq_f32(s0.d_hi, 1), vdupq_laneq_f32(s0.nm_hi, 1), &k);
        q4k_neon_group_half_nt_g3(x + 112, out + 0,
            vdupq_laneq_f32(s0.d_hi, 2), vdupq_laneq_f32(s0.nm_hi, 2),
            vdupq_laneq_f32(s0.d_hi, 3), vdupq_laneq_f32(s0.nm_hi, 3), &k);
    }
}

/* q4k_dequant__neon_half_u1_p16: method half, 1 block per iteration, prefetch 16 blocks ahead, ordinary stores.
 * blocks: n_blocks Q4_K blocks (144 bytes each, any alignment); out: 256 * n_blocks floats (any alignment). */
void q4k_dequant__neon_half_u1_p16(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    size_t n = n_blocks;
    const q4k_neon_half_k k = q4k_neon_half_consts();
    for (; n > 0; n--, x += 144, out += 256) {
        q4k_neon_prefetch(x, 2304);
        q4k_neon_prefetch(x, 2368);
        q4k_neon_prefetch(x, 2432);
        const q4k_neon_scales s0 = q4k_neon_load_scales(x + 0, 0x1p24f);
        q4k_neon_group_half(x + 16, out + 0,
            vdupq_laneq_f32(s0.d_lo, 0), vdupq_laneq_f32(s0.nm_lo, 0),
            vdupq_laneq_f32(s0.d_lo, 1), vdupq_laneq_f32(s0.nm_lo, 1), &k);
        q4k_neon_group_half(x + 48, out + 64,
            vdupq_laneq_f32(s0.d_lo, 2), vdupq_laneq_f32(s0.nm_lo, 2),
            vdupq_laneq_f32(s0.d_lo, 3), vdupq_laneq_f32(s0.nm_lo, 3), &k);
        q4k_neon_group_half(x + 80, out + 128,
            vdupq_laneq_f32(s0.d_hi, 0), vdupq_laneq_f32(s0.nm_hi, 0),
            vdupq_laneq_f32(s0.d_hi, 1), vdupq_laneq_f32(s0.nm_hi, 1), &k);
        q4k_neon_group_half(x + 112, out + 192,
            vdupq_laneq_f32(s0.d_hi, 2), vdupq_laneq_f32(s0.nm_hi, 2),
            vdupq_laneq_f32(s0.d_hi, 3), vdupq_laneq_f32(s0.nm_hi, 3), &k);
    }
}

/* q4k_dequant__neon_half_u1_p16_nt: method half, 1 block per iteration, prefetch 16 blocks ahead, non-temporal (stnp) stores.
 * blocks: n_blocks Q4_K blocks (144 bytes each, any alignment); out: 256 * n_blocks floats (any alignment). */
void q4k_dequant__neon_half_u1_p16_nt(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    size_t n = n_blocks;
    const q4k_neon_half_k k = q4k_neon_half_consts();
    for (; n > 0; n--, x += 144, out += 256) {
        q4k_neon_prefetch(x, 2304);
        q4k_neon_prefetch(x, 2368);
        q4k_neon_prefetch(x, 2432);
        const q4k_neon_scales s0 = q4k_neon_load_scales(x + 0, 0x1p24f);
        q4k_neon_group_half_nt_g0(x + 16, out + 0,
            vdupq_laneq_f32(s0.d_lo, 0), vdupq_laneq_f32(s0.nm_lo, 0),
            vdupq_laneq_f32(s0.d_lo, 1), vdupq_laneq_f32(s0.nm_lo, 1), &k);
        q4k_neon_group_half_nt_g1(x + 48, out + 0,
            vdupq_laneq_f32(s0.d_lo, 2), vdupq_laneq_f32(s0.nm_lo, 2),
            vdupq_laneq_f32(s0.d_lo, 3), vdupq_laneq_f32(s0.nm_lo, 3), &k);
        q4k_neon_group_half_nt_g2(x + 80, out + 0,
            vdupq_laneq_f32(s0.d_hi, 0), vdupq_laneq_f32(s0.nm_hi, 0),
            vdupq_laneq_f32(s0.d_hi, 1), vdupq_laneq_f32(s0.nm_hi, 1), &k);
        q4k_neon_group_half_nt_g3(x + 112, out + 0,
            vdupq_laneq_f32(s0.d_hi, 2), vdupq_laneq_f32(s0.nm_hi, 2),
            vdupq_laneq_f32(s0.d_hi, 3), vdupq_laneq_f32(s0.nm_hi, 3), &k);
    }
}

/* q4k_dequant__neon_half_u2_p0: method half, 2 blocks per iteration, prefetch off, ordinary stores.
 * blocks: n_blocks Q4_K blocks (144 bytes each, any alignment); out: 256 * n_blocks floats (any alignment). */
void q4k_dequant__neon_half_u2_p0(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    size_t n = n_blocks;
    const q4k_neon_half_k k = q4k_neon_half_consts();
    for (; n >= 2; n -= 2, x += 288, out += 512) {
        const q4k_neon_scales s0 = q4k_neon_load_scales(x + 0, 0x1p24f);
        const q4k_neon_scales s1 = q4k_neon_load_scales(x + 144, 0x1p24f);
        q4k_neon_group_half(x + 16, out + 0,
            vdupq_laneq_f32(s0.d_lo, 0), vdupq_laneq_f32(s0.nm_lo, 0),
            vdupq_laneq_f32(s0.d_lo, 1), vdupq_laneq_f32(s0.nm_lo, 1), &k);
        q4k_neon_group_half(x + 160, out + 256,
            vdupq_laneq_f32(s1.d_lo, 0), vdupq_laneq_f32(s1.nm_lo, 0),
            vdupq_laneq_f32(s1.d_lo, 1), vdupq_laneq_f32(s1.nm_lo, 1), &k);
        q4k_neon_group_half(x + 48, out + 64,
            vdupq_laneq_f32(s0.d_lo, 2), vdupq_laneq_f32(s0.nm_lo, 2),
            vdupq_laneq_f32(s0.d_lo, 3), vdupq_laneq_f32(s0.nm_lo, 3), &k);
        q4k_neon_group_half(x + 192, out + 320,
            vdupq_laneq_f32(s1.d_lo, 2), vdupq_laneq_f32(s1.nm_lo, 2),
            vdupq_laneq_f32(s1.d_lo, 3), vdupq_laneq_f32(s1.nm_lo, 3), &k);
        q4k_neon_group_half(x + 80, out + 128,
            vdupq_laneq_f32(s0.d_hi, 0), vdupq_laneq_f32(s0.nm_hi, 0),
            vdupq_laneq_f32(s0.d_hi, 1), vdupq_laneq_f32(s0.nm_hi, 1), &k);
        q4k_neon_group_half(x + 224, out + 384,
            vdupq_laneq_f32(s1.d_hi, 0), vdupq_laneq_f32(s1.nm_hi, 0),
            vdupq_laneq_f32(s1.d_hi, 1), vdupq_laneq_f32(s1.nm_hi, 1), &k);
        q4k_neon_group_half(x + 112, out + 192,
            vdupq_laneq_f32(s0.d_hi, 2), vdupq_laneq_f32(s0.nm_hi, 2),
            vdupq_laneq_f32(s0.d_hi, 3), vdupq_laneq_f32(s0.nm_hi, 3), &k);
        q4k_neon_group_half(x + 256, out + 448,
            vdupq_laneq_f32(s1.d_hi, 2), vdupq_laneq_f32(s1.nm_hi, 2),
            vdupq_laneq_f32(s1.d_hi, 3), vdupq_laneq_f32(s1.nm_hi, 3), &k);
    }
    for (; n > 0; n--, x += 144, out += 256) {
        const q4k_neon_scales s0 = q4k_neon_load_scales(x + 0, 0x1p24f);
        q4k_neon_group_half(x + 16, out + 0,
            vdupq_laneq_f32(s0.d_lo, 0), vdupq_laneq_f32(s0.nm_lo, 0),
            vdupq_laneq_f32(s0.d_lo, 1), vdupq_laneq_f32(s0.nm_lo, 1), &k);
        q4k_neon_group_half(x + 48, out + 64,
            vdupq_laneq_f32(s0.d_lo, 2), vdupq_laneq_f32(s0.nm_lo, 2),
            vdupq_laneq_f32(s0.d_lo, 3), vdupq_laneq_f32(s0.nm_lo, 3), &k);
        q4k_neon_group_half(x + 80, out + 128,
            vdupq_laneq_f32(s0.d_hi, 0), vdupq_laneq_f32(s0.nm_hi, 0),
            vdupq_laneq_f32(s0.d_hi, 1), vdupq_laneq_f32(s0.nm_hi, 1), &k);
        q4k_neon_group_half(x + 112, out + 192,
            vdupq_laneq_f32(s0.d_hi, 2), vdupq_laneq_f32(s0.nm_hi, 2),
            vdupq_laneq_f32(s0.d_hi, 3), vdupq_laneq_f32(s0.nm_hi, 3), &k);
    }
}

/* q4k_dequant__neon_half_u2_p0_nt: method half, 2 blocks per iteration, prefetch off, non-temporal (stnp) stores.
 * blocks: n_blocks Q4_K blocks (144 bytes each, any alignment); out: 256 * n_blocks floats (any alignment). */
void q4k_dequant__neon_half_u2_p0_nt(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    size_t n = n_blocks;
    const q4k_neon_half_k k = q4k_neon_half_consts();
    for (; n >= 2; n -= 2, x += 288, out += 512) {
        const q4k_neon_scales s0 = q4k_neon_load_scales(x + 0, 0x1p24f);
        const q4k_neon_scales s1 = q4k_neon_load_scales(x + 144, 0x1p24f);
        q4k_neon_group_half_nt_g0(x + 16, out + 0,
            vdupq_laneq_f32(s0.d_lo, 0), vdupq_laneq_f32(s0.nm_lo, 0),
            vdupq_laneq_f32(s0.d_lo, 1), vdupq_laneq_f32(s0.nm_lo, 1), &k);
        q4k_neon_group_half_nt_g0(x + 160, out + 256,
            vdupq_laneq_f32(s1.d_lo, 0), vdupq_laneq_f32(s1.nm_lo, 0),
            vdupq_laneq_f32(s1.d_lo, 1), vdupq_laneq_f32(s1.nm_lo, 1), &k);
        q4k_neon_group_half_nt_g1(x + 48, out + 0,
            vdupq_laneq_f32(s0.d_lo, 2), vdupq_laneq_f32(s0.nm_lo, 2),
            vdupq_laneq_f32(s0.d_lo, 3), vdupq_laneq_f32(s0.nm_lo, 3), &k);
        q4k_neon_group_half_nt_g1(x + 192, out + 256,
            vdupq_laneq_f32(s1.d_lo, 2), vdupq_laneq_f32(s1.nm_lo, 2),
            vdupq_laneq_f32(s1.d_lo, 3), vdupq_laneq_f32(s1.nm_lo, 3), &k);
        q4k_neon_group_half_nt_g2(x + 80, out + 0,
            vdupq_laneq_f32(s0.d_hi, 0), vdupq_laneq_f32(s0.nm_hi, 0),
            vdupq_laneq_f32(s0.d_hi, 1), vdupq_laneq_f32(s0.nm_hi, 1), &k);
        q4k_neon_group_half_nt_g2(x + 224, out + 256,
            vdupq_laneq_f32(s1.d_hi, 0), vdupq_laneq_f32(s1.nm_hi, 0),
            vdupq_laneq_f32(s1.d_hi, 1), vdupq_laneq_f32(s1.nm_hi, 1), &k);
        q4k_neon_group_half_nt_g3(x + 112, out + 0,
            vdupq_laneq_f32(s0.d_hi, 2), vdupq_laneq_f32(s0.nm_hi, 2),
            vdupq_laneq_f32(s0.d_hi, 3), vdupq_laneq_f32(s0.nm_hi, 3), &k);
        q4k_neon_group_half_nt_g3(x + 256, out + 256,
            vdupq_laneq_f32(s1.d_hi, 2), vdupq_laneq_f32(s1.nm_hi, 2),
            vdupq_laneq_f32(s1.d_hi, 3), vdupq_laneq_f32(s1.nm_hi, 3), &k);
    }
    for (; n > 0; n--, x += 144, out += 256) {
        const q4k_neon_scales s0 = q4k_neon_load_scales(x + 0, 0x1p24f);
        q4k_neon_group_half_nt_g0(x + 16, out + 0,
            vdupq_laneq_f32(s0.d_lo, 0), vdupq_laneq_f32(s0.nm_lo, 0),
            vdupq_laneq_f32(s0.d_lo, 1), vdupq_laneq_f32(s0.nm_lo, 1), &k);
        q4k_neon_group_half_nt_g1(x + 48, out + 0,
            vdupq_laneq_f32(s0.d_lo, 2), vdupq_laneq_f32(s0.nm_lo, 2),
            vdupq_laneq_f32(s0.d_lo, 3), vdupq_laneq_f32(s0.nm_lo, 3), &k);
        q4k_neon_group_half_nt_g2(x + 80, out + 0,
            vdupq_laneq_f32(s0.d_hi, 0), vdupq_laneq_f32(s0.nm_hi, 0),
            vdupq_laneq_f32(s0.d_hi, 1), vdupq_laneq_f32(s0.nm_hi, 1), &k);
        q4k_neon_group_half_nt_g3(x + 112, out + 0,
            vdupq_laneq_f32(s0.d_hi, 2), vdupq_laneq_f32(s0.nm_hi, 2),
            vdupq_laneq_f32(s0.d_hi, 3), vdupq_laneq_f32(s0.nm_hi, 3), &k);
    }
}

/* q4k_dequant__neon_half_u2_p16: method half, 2 blocks per iteration, prefetch 16 blocks ahead, ordinary stores.
 * blocks: n_blocks Q4_K blocks (144 bytes each, any alignment); out: 256 * n_blocks floats (any alignment). */
void q4k_dequant__neon_half_u2_p16(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    size_t n = n_blocks;
    const q4k_neon_half_k k = q4k_neon_half_consts();
    for (; n >= 2; n -= 2, x += 288, out += 512) {
        q4k_neon_prefetch(x, 2304);
        q4k_neon_prefetch(x, 2368);
        q4k_neon_prefetch(x, 2432);
        q4k_neon_prefetch(x, 2496);
        q4k_neon_prefetch(x, 2560);
        const q4k_neon_scales s0 = q4k_neon_load_scales(x + 0, 0x1p24f);
        const q4k_neon_scales s1 = q4k_neon_load_scales(x + 144, 0x1p24f);
        q4k_neon_group_half(x + 16, out + 0,
            vdupq_laneq_f32(s0.d_lo, 0), vdupq_laneq_f32(s0.nm_lo, 0),
            vdupq_laneq_f32(s0.d_lo, 1), vdupq_laneq_f32(s0.nm_lo, 1), &k);
        q4k_neon_group_half(x + 160, out + 256,
            vdupq_laneq_f32(s1.d_lo, 0), vdupq_laneq_f32(s1.nm_lo, 0),
            vdupq_laneq_f32(s1.d_lo, 1), vdupq_laneq_f32(s1.nm_lo, 1), &k);
        q4k_neon_group_half(x + 48, out + 64,
            vdupq_laneq_f32(s0.d_lo, 2), vdupq_laneq_f32(s0.nm_lo, 2),
            vdupq_laneq_f32(s0.d_lo, 3), vdupq_laneq_f32(s0.nm_lo, 3), &k);
        q4k_neon_group_half(x + 192, out + 320,
            vdupq_laneq_f32(s1.d_lo, 2), vdupq_laneq_f32(s1.nm_lo, 2),
            vdupq_laneq_f32(s1.d_lo, 3), vdupq_laneq_f32(s1.nm_lo, 3), &k);
        q4k_neon_group_half(x + 80, out + 128,
            vdupq_laneq_f32(s0.d_hi, 0), vdupq_laneq_f32(s0.nm_hi, 0),
            vdupq_laneq_f32(s0.d_hi, 1), vdupq_laneq_f32(s0.nm_hi, 1), &k);
        q4k_neon_group_half(x + 224, out + 384,
            vdupq_laneq_f32(s1.d_hi, 0), vdupq_laneq_f32(s1.nm_hi, 0),
            vdupq_laneq_f32(s1.d_hi, 1), vdupq_laneq_f32(s1.nm_hi, 1), &k);
        q4k_neon_group_half(x + 112, out + 192,
            vdupq_laneq_f32(s0.d_hi, 2), vdupq_laneq_f32(s0.nm_hi, 2),
            vdupq_laneq_f32(s0.d_hi, 3), vdupq_laneq_f32(s0.nm_hi, 3), &k);
        q4k_neon_group_half(x + 256, out + 448,
            vdupq_laneq_f32(s1.d_hi, 2), vdupq_laneq_f32(s1.nm_hi, 2),
            vdupq_laneq_f32(s1.d_hi, 3), vdupq_laneq_f32(s1.nm_hi, 3), &k);
    }
    for (; n > 0; n--, x += 144, out += 256) {
        q4k_neon_prefetch(x, 2304);
        q4k_neon_prefetch(x, 2368);
        q4k_neon_prefetch(x, 2432);
        const q4k_neon_scales s0 = q4k_neon_load_scales(x + 0, 0x1p24f);
        q4k_neon_group_half(x + 16, out + 0,
            vdupq_laneq_f32(s0.d_lo, 0), vdupq_laneq_f32(s0.nm_lo, 0),
            vdupq_laneq_f32(s0.d_lo, 1), vdupq_laneq_f32(s0.nm_lo, 1), &k);
        q4k_neon_group_half(x + 48, out + 64,
            vdupq_laneq_f32(s0.d_lo, 2), vdupq_laneq_f32(s0.nm_lo, 2),
            vdupq_laneq_f32(s0.d_lo, 3), vdupq_laneq_f32(s0.nm_lo, 3), &k);
        q4k_neon_group_half(x + 80, out + 128,
            vdupq_laneq_f32(s0.d_hi, 0), vdupq_laneq_f32(s0.nm_hi, 0),
            vdupq_laneq_f32(s0.d_hi, 1), vdupq_laneq_f32(s0.nm_hi, 1), &k);
        q4k_neon_group_half(x + 112, out + 192,
            vdupq_laneq_f32(s0.d_hi, 2), vdupq_laneq_f32(s0.nm_hi, 2),
            vdupq_laneq_f32(s0.d_hi, 3), vdupq_laneq_f32(s0.nm_hi, 3), &k);
    }
}

/* q4k_dequant__neon_half_u2_p16_nt: method half, 2 blocks per iteration, prefetch 16 blocks ahead, non-temporal (stnp) stores.
 * blocks: n_blocks Q4_K blocks (144 bytes each, any alignment); out: 256 * n_blocks floats (any alignment). */
void q4k_dequant__neon_half_u2_p16_nt(const void *blocks, float *out, size_t n_blocks)
{
    const uint8_t *x = (const uint8_t *)blocks;
    size_t n = n_blocks;
    const q4k_neon_half_k k = q4k_neon_half_consts();
    for (; n >= 2; n -= 2, x += 288, out += 512) {
        q4k_neon_prefetch(x, 2304);
        q4k_neon_prefetch(x, 2368);
        q4k_neon_prefetch(x, 2432);
        q4k_neon_prefetch(x, 2496);
        q4k_neon_prefetch(x, 2560);
        const q4k_neon_scales s0 = q4k_neon_load_scales(x + 0, 0x1p24f);
        const q4k_neon_scales s1 = q4k_neon_load_scales(x + 144, 0x1p24f);
        q4k_neon_group_half_nt_g0(x + 16, out + 0,
            vdupq_laneq_f32(s0.d_lo, 0), vdupq_laneq_f32(s0.nm_lo, 0),
            vdupq_laneq_f32(s0.d_lo, 1), vdupq_laneq_f32(s0.nm_lo, 1), &k);
        q4k_neon_group_half_nt_g0(x + 160, out + 256,
            vdupq_laneq_f32(s1.d_lo, 0), vdupq_laneq_f32(s1.nm_lo, 0),
            vdupq_laneq_f32(s1.d_lo, 1), vdupq_laneq_f32(s1.nm_lo, 1), &k);
        q4k_neon_group_half_nt_g1(x + 48, out + 0,
            vdupq_laneq_f32(s0.d_lo, 2), vdupq_laneq_f32(s0.nm_lo, 2),
            vdupq_laneq_f32(s0.d_lo, 3), vdupq_laneq_f32(s0.nm_lo, 3), &k);
        q4k_neon_group_half_nt_g1(x + 192, out + 256,
            vdupq_laneq_f32(s1.d_lo, 2), vdupq_laneq_f32(s1.nm_lo, 2),
            vdupq_laneq_f32(s1.d_lo, 3), vdupq_laneq_f32(s1.nm_lo, 3), &k);
        q4k_neon_group_half_nt_g2(x + 80, out + 0,
            vdupq_laneq_f32(s0.d_hi, 0), vdupq_laneq_f32(s0.nm_hi, 0),
            vdupq_laneq_f32(s0.d_hi, 1), vdupq_laneq_f32(s0.nm_hi, 1), &k);
        q4k_neon_group_half_nt_g2(x + 224, out + 256,
            vdupq_laneq_f32(s1.d_hi, 0), vdupq_laneq_f32(s1.nm_hi, 0),
            vdupq_laneq_f32(s1.d_hi, 1), vdupq_laneq_f32(s1.nm_hi, 1), &k);
        q4k_neon_group_half_nt_g3(x + 112, out + 0,
            vdupq_laneq_f32(s0.d_hi, 2), vdupq_laneq_f32(s0.nm_hi, 2),
            vdupq_laneq_f32(s0.d_hi, 3), vdupq_laneq_f32(s0.nm_hi, 3), &k);
        q4k_neon_group_half_nt_g3(x + 256, out + 256,
            vdupq_laneq_f32(s1.d_hi, 2), vdupq_laneq_f32(s1.nm_hi, 2),
            vdupq_laneq_f32(s1.d_hi, 3), vdupq_laneq_f32(s1.nm_hi, 3), &k);
    }
    for (; n > 0; n--, x += 144, out += 256) {
        q4k_neon_prefetch(x, 2304);
        q4k_neon_prefetch(x, 2368);
        q4k_neon_prefetch(x, 2432);
        const q4k_neon_scales s0 = q4k_neon_load_scales(x + 0, 0x1p24f);
        q4k_neon_group_half_nt_g0(x + 16, out + 0,
            vdupq_laneq_f32(s0.d_lo, 0), vdupq_laneq_f32(s0.nm_lo, 0),
            vdupq_laneq_f32(s0.d_lo, 1), vdupq_laneq_f32(s0.nm_lo, 1), &k);
        q4k_neon_group_half_nt_g1(x + 48, out + 0,
            vdupq_laneq_f32(s0.d_lo, 2), vdupq_laneq_f32(s0.nm_lo, 2),
            vdupq_laneq_f32(s0.d_lo, 3), vdupq_laneq_f32(s0.nm_lo, 3), &k);
        q4k_neon_group_half_nt_g2(x + 80, out + 0,
            vdupq_laneq_f32(s0.d_hi, 0), vdupq_laneq_f32(s0.nm_hi, 0),
            vdupq_laneq_f32(s0.d_hi, 1), vdupq_laneq_f32(s0.nm_hi, 1), &k);
        q4k_neon_group_half_nt_g3(x + 112, out + 0,
            vdupq_laneq_f32(s0.d_hi, 2), vdupq_laneq_f32(s0.nm_hi, 2),
            vdupq_laneq_f32(s0.d_hi, 3), vdupq_laneq_f32(s0.nm_hi, 3), &k);
    }
}
#endif /* defined(__aarch64__) || defined(_M_ARM64) */
