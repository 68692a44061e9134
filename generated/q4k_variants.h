/* Auto-generated file. Do not edit!
 *   command:  lua5.4 gen/q4kgen.lua
 *   input:    gen/isas.lua
 *   input:    gen/ops.lua
 *   input:    gen/ops/dequant.lua
 *   input:    gen/ops/matvec.lua
 *   input:    gen/ops/quantize_q8k.lua
 *   input:    gen/ops/dequant_q6k.lua
 *   input:    gen/ops/matvec_q6k.lua
 *   template: templates/variants.h.in
 *
 * Declarations of every generated kernel, under the guard of the machine it
 * compiles for, and per operation and ISA family an X-macro list of the
 * kernels' names. */
#ifndef Q4K_VARIANTS_H
#define Q4K_VARIANTS_H

#include <stddef.h>

void q4k_dequant__scalar(const void *blocks, float *out, size_t n_blocks);
void q4k_matvec__scalar(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec__scalar_r4_packed(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec__scalar_r8_packed(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_quantize_q8k__scalar(const float *x, size_t n_blocks, void *out);
void q4k_dequant_q6k__scalar(const void *blocks, float *out, size_t n_blocks);
void q4k_matvec_q6k__scalar(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec_q6k__scalar_r4_packed(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec_q6k__scalar_r8_packed(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);

#if defined(__x86_64__) || defined(_M_X64)
void q4k_dequant__avx2_u1_p0(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx2_u1_p0_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx2_u1_p16(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx2_u1_p16_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx2_u2_p0(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx2_u2_p0_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx2_u2_p16(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx2_u2_p16_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx2_u4_p0(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx2_u4_p0_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx2_u4_p16(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx2_u4_p16_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx2_lut_u1_p0(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx2_lut_u1_p0_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx2_lut_u1_p16(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx2_lut_u1_p16_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx2_lut_u2_p0(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx2_lut_u2_p0_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx2_lut_u2_p16(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx2_lut_u2_p16_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx2_lut_u4_p0(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx2_lut_u4_p0_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx2_lut_u4_p16(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx2_lut_u4_p16_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx512_u1_p0(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx512_u1_p0_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx512_u1_p16(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx512_u1_p16_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx512_u2_p0(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx512_u2_p0_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx512_u2_p16(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx512_u2_p16_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx512_u4_p0(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx512_u4_p0_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx512_u4_p16(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx512_u4_p16_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx512_lut_u1_p0(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx512_lut_u1_p0_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx512_lut_u1_p16(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx512_lut_u1_p16_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx512_lut_u2_p0(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx512_lut_u2_p0_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx512_lut_u2_p16(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx512_lut_u2_p16_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx512_lut_u4_p0(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx512_lut_u4_p0_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx512_lut_u4_p16(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx512_lut_u4_p16_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx512_perm_u1_p0(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx512_perm_u1_p0_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx512_perm_u1_p16(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx512_perm_u1_p16_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx512_perm_u2_p0(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx512_perm_u2_p0_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx512_perm_u2_p16(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx512_perm_u2_p16_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx512_permb_u1_p0(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx512_permb_u1_p0_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx512_permb_u1_p16(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx512_permb_u1_p16_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx512_permb_u2_p0(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx512_permb_u2_p0_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx512_permb_u2_p16(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__avx512_permb_u2_p16_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_matvec__avx2_r4_c1_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec__avx2_r4_c4_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec__avxvnni_r4_c1_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec__avxvnni_r4_c4_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec__avx512vnni_r4_c1_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec__avx512vnni_r4_c1_p4(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec__avx512vnni_r4_c4_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec__avx512vnni_r4_c4_p4(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec__avx512vnni_r8_c1_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec__avx512vnni_r8_c1_p0_packed(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec__avx512vnni_r8_c1_p4(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec__avx512vnni_r8_c1_p4_packed(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec__avx512vnni_r8_c4_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec__avx512vnni_r8_c4_p0_packed(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec__avx512vnni_r8_c4_p4(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec__avx512vnni_r8_c4_p4_packed(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_quantize_q8k__avx2(const float *x, size_t n_blocks, void *out);
void q4k_quantize_q8k__avx512(const float *x, size_t n_blocks, void *out);
void q4k_dequant_q6k__avx2_u1_p0(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant_q6k__avx2_u1_p0_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant_q6k__avx2_u2_p0(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant_q6k__avx2_u2_p0_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant_q6k__avx512_u1_p0(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant_q6k__avx512_u1_p0_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant_q6k__avx512_u2_p0(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant_q6k__avx512_u2_p0_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_matvec_q6k__avx2_r4_c1_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec_q6k__avx2_r4_c4_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec_q6k__avxvnni_r4_c1_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec_q6k__avxvnni_r4_c4_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec_q6k__avx512vnni_r4_c1_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec_q6k__avx512vnni_r4_c1_p0_packed(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec_q6k__avx512vnni_r4_c1_p4(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec_q6k__avx512vnni_r4_c1_p4_packed(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec_q6k__avx512vnni_r8_c1_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec_q6k__avx512vnni_r8_c1_p0_packed(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec_q6k__avx512vnni_r8_c1_p4(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec_q6k__avx512vnni_r8_c1_p4_packed(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec_q6k__avx512vnni_r4_c4_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec_q6k__avx512vnni_r4_c4_p0_packed(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
#endif

#if defined(__aarch64__) || defined(_M_ARM64)
void q4k_dequant__neon_u1_p0(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__neon_fmlal_u1_p0(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__neon_fmlal_u1_p0_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__neon_fmlal_u1_p16(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__neon_fmlal_u1_p16_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__neon_fmlal_u2_p0(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__neon_fmlal_u2_p0_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__neon_fmlal_u2_p16(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__neon_fmlal_u2_p16_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__neon_half_u1_p0(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__neon_half_u1_p0_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__neon_half_u1_p16(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__neon_half_u1_p16_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__neon_half_u2_p0(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__neon_half_u2_p0_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__neon_half_u2_p16(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant__neon_half_u2_p16_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_matvec__neon_r1_c1_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec__neon_r4_c1_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec__neondot_r1_c1_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec__neondot_r1_c4_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec__neondot_r4_c1_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec__neondot_r4_c1_p0_packed(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec__neondot_r4_c4_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec__neondot_r4_c4_p0_packed(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec__neoni8mm_r2_c4_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec__neoni8mm_r4_c4_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_quantize_q8k__neon(const float *x, size_t n_blocks, void *out);
void q4k_dequant_q6k__neon_u1_p0(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant_q6k__neon_u1_p0_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant_q6k__neon_u2_p0(const void *blocks, float *out, size_t n_blocks);
void q4k_dequant_q6k__neon_u2_p0_nt(const void *blocks, float *out, size_t n_blocks);
void q4k_matvec_q6k__neon_r1_c1_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec_q6k__neon_r4_c1_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec_q6k__neondot_r1_c1_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec_q6k__neondot_r1_c4_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec_q6k__neondot_r4_c1_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec_q6k__neondot_r4_c1_p0_packed(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec_q6k__neondot_r4_c4_p0(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
void q4k_matvec_q6k__neondot_r4_c4_p0_packed(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy);
#endif

/* X(name) for each variant of a family: for code that needs the kernels
 * themselves rather than the registry (e.g. emulated tests). */
#define Q4K_LIST_SCALAR(X) \
    X(q4k_dequant__scalar)

#define Q4K_LIST_NEON(X) \
    X(q4k_dequant__neon_u1_p0) \
    X(q4k_dequant__neon_fmlal_u1_p0) \
    X(q4k_dequant__neon_fmlal_u1_p0_nt) \
    X(q4k_dequant__neon_fmlal_u1_p16) \
    X(q4k_dequant__neon_fmlal_u1_p16_nt) \
    X(q4k_dequant__neon_fmlal_u2_p0) \
    X(q4k_dequant__neon_fmlal_u2_p0_nt) \
    X(q4k_dequant__neon_fmlal_u2_p16) \
    X(q4k_dequant__neon_fmlal_u2_p16_nt) \
    X(q4k_dequant__neon_half_u1_p0) \
    X(q4k_dequant__neon_half_u1_p0_nt) \
    X(q4k_dequant__neon_half_u1_p16) \
    X(q4k_dequant__neon_half_u1_p16_nt) \
    X(q4k_dequant__neon_half_u2_p0) \
    X(q4k_dequant__neon_half_u2_p0_nt) \
    X(q4k_dequant__neon_half_u2_p16) \
    X(q4k_dequant__neon_half_u2_p16_nt)

#define Q4K_LIST_AVX2(X) \
    X(q4k_dequant__avx2_u1_p0) \
    X(q4k_dequant__avx2_u1_p0_nt) \
    X(q4k_dequant__avx2_u1_p16) \
    X(q4k_dequant__avx2_u1_p16_nt) \
    X(q4k_dequant__avx2_u2_p0) \
    X(q4k_dequant__avx2_u2_p0_nt) \
    X(q4k_dequant__avx2_u2_p16) \
    X(q4k_dequant__avx2_u2_p16_nt) \
    X(q4k_dequant__avx2_u4_p0) \
    X(q4k_dequant__avx2_u4_p0_nt) \
    X(q4k_dequant__avx2_u4_p16) \
    X(q4k_dequant__avx2_u4_p16_nt) \
    X(q4k_dequant__avx2_lut_u1_p0) \
    X(q4k_dequant__avx2_lut_u1_p0_nt) \
    X(q4k_dequant__avx2_lut_u1_p16) \
    X(q4k_dequant__avx2_lut_u1_p16_nt) \
    X(q4k_dequant__avx2_lut_u2_p0) \
    X(q4k_dequant__avx2_lut_u2_p0_nt) \
    X(q4k_dequant__avx2_lut_u2_p16) \
    X(q4k_dequant__avx2_lut_u2_p16_nt) \
    X(q4k_dequant__avx2_lut_u4_p0) \
    X(q4k_dequant__avx2_lut_u4_p0_nt) \
    X(q4k_dequant__avx2_lut_u4_p16) \
    X(q4k_dequant__avx2_lut_u4_p16_nt)

#define Q4K_LIST_AVX512(X) \
    X(q4k_dequant__avx512_u1_p0) \
    X(q4k_dequant__avx512_u1_p0_nt) \
    X(q4k_dequant__avx512_u1_p16) \
    X(q4k_dequant__avx512_u1_p16_nt) \
    X(q4k_dequant__avx512_u2_p0) \
    X(q4k_dequant__avx512_u2_p0_nt) \
    X(q4k_dequant__avx512_u2_p16) \
    X(q4k_dequant__avx512_u2_p16_nt) \
    X(q4k_dequant__avx512_u4_p0) \
    X(q4k_dequant__avx512_u4_p0_nt) \
    X(q4k_dequant__avx512_u4_p16) \
    X(q4k_dequant__avx512_u4_p16_nt) \
    X(q4k_dequant__avx512_lut_u1_p0) \
    X(q4k_dequant__avx512_lut_u1_p0_nt) \
    X(q4k_dequant__avx512_lut_u1_p16) \
    X(q4k_dequant__avx512_lut_u1_p16_nt) \
    X(q4k_dequant__avx512_lut_u2_p0) \
    X(q4k_dequant__avx512_lut_u2_p0_nt) \
    X(q4k_dequant__avx512_lut_u2_p16) \
    X(q4k_dequant__avx512_lut_u2_p16_nt) \
    X(q4k_dequant__avx512_lut_u4_p0) \
    X(q4k_dequant__avx512_lut_u4_p0_nt) \
    X(q4k_dequant__avx512_lut_u4_p16) \
    X(q4k_dequant__avx512_lut_u4_p16_nt) \
    X(q4k_dequant__avx512_perm_u1_p0) \
    X(q4k_dequant__avx512_perm_u1_p0_nt) \
    X(q4k_dequant__avx512_perm_u1_p16) \
    X(q4k_dequant__avx512_perm_u1_p16_nt) \
    X(q4k_dequant__avx512_perm_u2_p0) \
    X(q4k_dequant__avx512_perm_u2_p0_nt) \
    X(q4k_dequant__avx512_perm_u2_p16) \
    X(q4k_dequant__avx512_perm_u2_p16_nt) \
    X(q4k_dequant__avx512_permb_u1_p0) \
    X(q4k_dequant__avx512_permb_u1_p0_nt) \
    X(q4k_dequant__avx512_permb_u1_p16) \
    X(q4k_dequant__avx512_permb_u1_p16_nt) \
    X(q4k_dequant__avx512_permb_u2_p0) \
    X(q4k_dequant__avx512_permb_u2_p0_nt) \
    X(q4k_dequant__avx512_permb_u2_p16) \
    X(q4k_dequant__avx512_permb_u2_p16_nt)

#define Q4K_LIST_MATVEC_SCALAR(X) \
    X(q4k_matvec__scalar) \
    X(q4k_matvec__scalar_r4_packed) \
    X(q4k_matvec__scalar_r8_packed)

#define Q4K_LIST_MATVEC_NEON(X) \
    X(q4k_matvec__neon_r1_c1_p0) \
    X(q4k_matvec__neon_r4_c1_p0)

#define Q4K_LIST_MATVEC_AVX2(X) \
    X(q4k_matvec__avx2_r4_c1_p0) \
    X(q4k_matvec__avx2_r4_c4_p0)

#define Q4K_LIST_MATVEC_AVXVNNI(X) \
    X(q4k_matvec__avxvnni_r4_c1_p0) \
    X(q4k_matvec__avxvnni_r4_c4_p0)

#define Q4K_LIST_MATVEC_AVX512VNNI(X) \
    X(q4k_matvec__avx512vnni_r4_c1_p0) \
    X(q4k_matvec__avx512vnni_r4_c1_p4) \
    X(q4k_matvec__avx512vnni_r4_c4_p0) \
    X(q4k_matvec__avx512vnni_r4_c4_p4) \
    X(q4k_matvec__avx512vnni_r8_c1_p0) \
    X(q4k_matvec__avx512vnni_r8_c1_p0_packed) \
    X(q4k_matvec__avx512vnni_r8_c1_p4) \
    X(q4k_matvec__avx512vnni_r8_c1_p4_packed) \
    X(q4k_matvec__avx512vnni_r8_c4_p0) \
    X(q4k_matvec__avx512vnni_r8_c4_p0_packed) \
    X(q4k_matvec__avx512vnni_r8_c4_p4) \
    X(q4k_matvec__avx512vnni_r8_c4_p4_packed)

#define Q4K_LIST_MATVEC_NEONDOT(X) \
    X(q4k_matvec__neondot_r1_c1_p0) \
    X(q4k_matvec__neondot_r1_c4_p0) \
    X(q4k_matvec__neondot_r4_c1_p0) \
    X(q4k_matvec__neondot_r4_c1_p0_packed) \
    X(q4k_matvec__neondot_r4_c4_p0) \
    X(q4k_matvec__neondot_r4_c4_p0_packed)

#define Q4K_LIST_MATVEC_NEONI8MM(X) \
    X(q4k_matvec__neoni8mm_r2_c4_p0) \
    X(q4k_matvec__neoni8mm_r4_c4_p0)

#define Q4K_LIST_QUANTIZE_Q8K_SCALAR(X) \
    X(q4k_quantize_q8k__scalar)

#define Q4K_LIST_QUANTIZE_Q8K_NEON(X) \
    X(q4k_quantize_q8k__neon)

#define Q4K_LIST_QUANTIZE_Q8K_AVX2(X) \
    X(q4k_quantize_q8k__avx2)

#define Q4K_LIST_QUANTIZE_Q8K_AVX512(X) \
    X(q4k_quantize_q8k__avx512)

#define Q4K_LIST_DEQUANT_Q6K_SCALAR(X) \
    X(q4k_dequant_q6k__scalar)

#define Q4K_LIST_DEQUANT_Q6K_NEON(X) \
    X(q4k_dequant_q6k__neon_u1_p0) \
    X(q4k_dequant_q6k__neon_u1_p0_nt) \
    X(q4k_dequant_q6k__neon_u2_p0) \
    X(q4k_dequant_q6k__neon_u2_p0_nt)

#define Q4K_LIST_DEQUANT_Q6K_AVX2(X) \
    X(q4k_dequant_q6k__avx2_u1_p0) \
    X(q4k_dequant_q6k__avx2_u1_p0_nt) \
    X(q4k_dequant_q6k__avx2_u2_p0) \
    X(q4k_dequant_q6k__avx2_u2_p0_nt)

#define Q4K_LIST_DEQUANT_Q6K_AVX512(X) \
    X(q4k_dequant_q6k__avx512_u1_p0) \
    X(q4k_dequant_q6k__avx512_u1_p0_nt) \
    X(q4k_dequant_q6k__avx512_u2_p0) \
    X(q4k_dequant_q6k__avx512_u2_p0_nt)

#define Q4K_LIST_MATVEC_Q6K_SCALAR(X) \
    X(q4k_matvec_q6k__scalar) \
    X(q4k_matvec_q6k__scalar_r4_packed) \
    X(q4k_matvec_q6k__scalar_r8_packed)

#define Q4K_LIST_MATVEC_Q6K_NEON(X) \
    X(q4k_matvec_q6k__neon_r1_c1_p0) \
    X(q4k_matvec_q6k__neon_r4_c1_p0)

#define Q4K_LIST_MATVEC_Q6K_AVX2(X) \
    X(q4k_matvec_q6k__avx2_r4_c1_p0) \
    X(q4k_matvec_q6k__avx2_r4_c4_p0)

#define Q4K_LIST_MATVEC_Q6K_AVXVNNI(X) \
    X(q4k_matvec_q6k__avxvnni_r4_c1_p0) \
    X(q4k_matvec_q6k__avxvnni_r4_c4_p0)

#define Q4K_LIST_MATVEC_Q6K_AVX512VNNI(X) \
    X(q4k_matvec_q6k__avx512vnni_r4_c1_p0) \
    X(q4k_matvec_q6k__avx512vnni_r4_c1_p0_packed) \
    X(q4k_matvec_q6k__avx512vnni_r4_c1_p4) \
    X(q4k_matvec_q6k__avx512vnni_r4_c1_p4_packed) \
    X(q4k_matvec_q6k__avx512vnni_r8_c1_p0) \
    X(q4k_matvec_q6k__avx512vnni_r8_c1_p0_packed) \
    X(q4k_matvec_q6k__avx512vnni_r8_c1_p4) \
    X(q4k_matvec_q6k__avx512vnni_r8_c1_p4_packed) \
    X(q4k_matvec_q6k__avx512vnni_r4_c4_p0) \
    X(q4k_matvec_q6k__avx512vnni_r4_c4_p0_packed)

#define Q4K_LIST_MATVEC_Q6K_NEONDOT(X) \
    X(q4k_matvec_q6k__neondot_r1_c1_p0) \
    X(q4k_matvec_q6k__neondot_r1_c4_p0) \
    X(q4k_matvec_q6k__neondot_r4_c1_p0) \
    X(q4k_matvec_q6k__neondot_r4_c1_p0_packed) \
    X(q4k_matvec_q6k__neondot_r4_c4_p0) \
    X(q4k_matvec_q6k__neondot_r4_c4_p0_packed)

#define Q4K_VARIANT_COUNT_MAX 153

#endif /* Q4K_VARIANTS_H */
