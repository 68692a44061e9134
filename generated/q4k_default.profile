# Auto-generated file. Do not edit!
#   command:  lua5.4 gen/q4kgen.lua
#   input:    gen/ops.lua
#   input:    gen/ops/dequant.lua
#   input:    gen/ops/matvec.lua
#   input:    gen/ops/quantize_q8k.lua
#   input:    gen/ops/matvec_q6k.lua
#   template: templates/default.profile.in
#
# The built-in dispatch table of every operation: size bucket -> candidate
# variants, the first one usable on the CPU wins. libq4k uses it until a
# tuned profile (made by q4k tune on the machine) replaces it.
q4k-profile 2
device built-in-default
arch any
date -
bucket dequant 1 q4k_dequant__neon_half_u2_p0 q4k_dequant__avx512_lut_u2_p0 q4k_dequant__avx2_u2_p0 q4k_dequant__scalar
bucket dequant 2 q4k_dequant__neon_half_u2_p0 q4k_dequant__avx512_lut_u2_p0 q4k_dequant__avx2_u2_p0 q4k_dequant__scalar
bucket dequant 4 q4k_dequant__neon_half_u2_p0 q4k_dequant__avx512_lut_u2_p0 q4k_dequant__avx2_u2_p0 q4k_dequant__scalar
bucket dequant 8 q4k_dequant__neon_half_u2_p0 q4k_dequant__avx512_lut_u2_p0 q4k_dequant__avx2_u2_p0 q4k_dequant__scalar
bucket dequant 16 q4k_dequant__neon_half_u2_p0 q4k_dequant__avx512_lut_u2_p0 q4k_dequant__avx2_u2_p0 q4k_dequant__scalar
bucket dequant 32 q4k_dequant__neon_half_u2_p0 q4k_dequant__avx512_lut_u2_p0 q4k_dequant__avx2_u2_p0 q4k_dequant__scalar
bucket dequant 64 q4k_dequant__neon_half_u2_p0 q4k_dequant__avx512_lut_u2_p0 q4k_dequant__avx2_u2_p0 q4k_dequant__scalar
bucket dequant 128 q4k_dequant__neon_half_u2_p0 q4k_dequant__avx512_lut_u2_p0 q4k_dequant__avx2_u2_p0 q4k_dequant__scalar
bucket dequant 256 q4k_dequant__neon_half_u2_p0 q4k_dequant__avx512_lut_u2_p0 q4k_dequant__avx2_u2_p0 q4k_dequant__scalar
bucket dequant 512 q4k_dequant__neon_half_u2_p0 q4k_dequant__avx512_lut_u2_p0 q4k_dequant__avx2_u2_p0 q4k_dequant__scalar
bucket dequant 1024 q4k_dequant__neon_half_u2_p0 q4k_dequant__avx512_lut_u2_p0 q4k_dequant__avx2_u2_p0 q4k_dequant__scalar
bucket dequant 2048 q4k_dequant__neon_half_u2_p0 q4k_dequant__avx512_lut_u2_p0 q4k_dequant__avx2_u2_p0 q4k_dequant__scalar
bucket dequant 4096 q4k_dequant__neon_half_u2_p0 q4k_dequant__avx512_lut_u2_p0 q4k_dequant__avx2_u2_p0 q4k_dequant__scalar
bucket dequant 8192 q4k_dequant__neon_half_u2_p0 q4k_dequant__avx512_lut_u2_p0 q4k_dequant__avx2_u2_p0 q4k_dequant__scalar
bucket dequant 16384 q4k_dequant__neon_half_u2_p0 q4k_dequant__avx512_lut_u2_p0 q4k_dequant__avx2_u2_p0 q4k_dequant__scalar
bucket dequant 32768 q4k_dequant__neon_half_u2_p0_nt q4k_dequant__avx512_lut_u2_p0_nt q4k_dequant__avx2_u2_p0_nt q4k_dequant__scalar
bucket dequant 65536 q4k_dequant__neon_half_u2_p0_nt q4k_dequant__avx512_lut_u2_p0_nt q4k_dequant__avx2_u2_p0_nt q4k_dequant__scalar
bucket matvec 1 q4k_matvec__avx512vnni_r8_c1_p0 q4k_matvec__avxvnni_r4_c1_p0 q4k_matvec__avx2_r4_c1_p0 q4k_matvec__neoni8mm_r4_c4_p0 q4k_matvec__neondot_r4_c1_p0 q4k_matvec__neon_r4_c1_p0 q4k_matvec__scalar
bucket quantize_q8k 1 q4k_quantize_q8k__avx512 q4k_quantize_q8k__avx2 q4k_quantize_q8k__neon q4k_quantize_q8k__scalar
bucket matvec_q6k 1 q4k_matvec_q6k__scalar
end
