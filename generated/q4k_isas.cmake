# Auto-generated file. Do not edit!
#   command:  lua5.4 gen/q4kgen.lua
#   input:    gen/isas.lua
#   input:    gen/ops.lua
#   input:    gen/ops/dequant.lua
#   input:    gen/ops/matvec.lua
#   input:    gen/ops/quantize_q8k.lua
#   input:    gen/ops/dequant_q6k.lua
#   input:    gen/ops/matvec_q6k.lua
#   template: templates/isas.cmake.in
#
# The generated files and, per kernel file, its ISA family, architecture and
# compile flags (gen/isas.lua). The top-level CMakeLists.txt includes it.
# Reference files (the scalar yardstick) are compiled without
# auto-vectorisation.

set(Q4K_GEN_KERNEL_FILES q4k_dequant_scalar.c q4k_dequant_neon.c q4k_dequant_avx2.c q4k_dequant_avx512.c q4k_matvec_scalar.c q4k_matvec_neon.c q4k_matvec_avx2.c q4k_matvec_avxvnni.c q4k_matvec_avx512vnni.c q4k_matvec_neondot.c q4k_matvec_neoni8mm.c q4k_quantize_q8k_scalar.c q4k_quantize_q8k_neon.c q4k_quantize_q8k_avx2.c q4k_quantize_q8k_avx512.c q4k_dequant_q6k_scalar.c q4k_dequant_q6k_neon.c q4k_dequant_q6k_avx2.c q4k_dequant_q6k_avx512.c q4k_matvec_q6k_scalar.c q4k_matvec_q6k_neon.c q4k_matvec_q6k_avx2.c q4k_matvec_q6k_avxvnni.c q4k_matvec_q6k_avx512vnni.c q4k_matvec_q6k_neondot.c)
set(Q4K_GEN_SUPPORT_FILES q4k_registry.c q4k_features.c)
set(Q4K_GEN_FILES include/q4k_features.h q4k_default.profile q4k_dequant_avx2.c q4k_dequant_avx512.c q4k_dequant_neon.c q4k_dequant_q6k_avx2.c q4k_dequant_q6k_avx512.c q4k_dequant_q6k_neon.c q4k_dequant_q6k_scalar.c q4k_dequant_scalar.c q4k_features.c q4k_isas.cmake q4k_matvec_avx2.c q4k_matvec_avx512vnni.c q4k_matvec_avxvnni.c q4k_matvec_neon.c q4k_matvec_neondot.c q4k_matvec_neoni8mm.c q4k_matvec_q6k_avx2.c q4k_matvec_q6k_avx512vnni.c q4k_matvec_q6k_avxvnni.c q4k_matvec_q6k_neon.c q4k_matvec_q6k_neondot.c q4k_matvec_q6k_scalar.c q4k_matvec_scalar.c q4k_quantize_q8k_avx2.c q4k_quantize_q8k_avx512.c q4k_quantize_q8k_neon.c q4k_quantize_q8k_scalar.c q4k_registry.c q4k_variants.h)

set(Q4K_GEN_ISA_q4k_dequant_scalar.c scalar)
set(Q4K_GEN_ARCH_q4k_dequant_scalar.c any)
set(Q4K_GEN_FLAGS_q4k_dequant_scalar.c "")
set(Q4K_GEN_REFERENCE_q4k_dequant_scalar.c 1)

set(Q4K_GEN_ISA_q4k_dequant_neon.c neon)
set(Q4K_GEN_ARCH_q4k_dequant_neon.c aarch64)
set(Q4K_GEN_FLAGS_q4k_dequant_neon.c "")

set(Q4K_GEN_ISA_q4k_dequant_avx2.c avx2)
set(Q4K_GEN_ARCH_q4k_dequant_avx2.c x86_64)
set(Q4K_GEN_FLAGS_q4k_dequant_avx2.c -mavx2 -mfma -mf16c)

set(Q4K_GEN_ISA_q4k_dequant_avx512.c avx512)
set(Q4K_GEN_ARCH_q4k_dequant_avx512.c x86_64)
set(Q4K_GEN_FLAGS_q4k_dequant_avx512.c -mavx512f -mavx512bw -mavx512vl -mavx2 -mfma -mf16c)

set(Q4K_GEN_ISA_q4k_matvec_scalar.c scalar)
set(Q4K_GEN_ARCH_q4k_matvec_scalar.c any)
set(Q4K_GEN_FLAGS_q4k_matvec_scalar.c "")
set(Q4K_GEN_REFERENCE_q4k_matvec_scalar.c 1)

set(Q4K_GEN_ISA_q4k_matvec_neon.c neon)
set(Q4K_GEN_ARCH_q4k_matvec_neon.c aarch64)
set(Q4K_GEN_FLAGS_q4k_matvec_neon.c "")

set(Q4K_GEN_ISA_q4k_matvec_avx2.c avx2)
set(Q4K_GEN_ARCH_q4k_matvec_avx2.c x86_64)
set(Q4K_GEN_FLAGS_q4k_matvec_avx2.c -mavx2 -mfma -mf16c)

set(Q4K_GEN_ISA_q4k_matvec_avxvnni.c avxvnni)
set(Q4K_GEN_ARCH_q4k_matvec_avxvnni.c x86_64)
set(Q4K_GEN_FLAGS_q4k_matvec_avxvnni.c -mavxvnni -mavx2 -mfma -mf16c)

set(Q4K_GEN_ISA_q4k_matvec_avx512vnni.c avx512vnni)
set(Q4K_GEN_ARCH_q4k_matvec_avx512vnni.c x86_64)
set(Q4K_GEN_FLAGS_q4k_matvec_avx512vnni.c -mavx512vnni -mavx512f -mavx512bw -mavx512vl -mavx2 -mfma -mf16c)

set(Q4K_GEN_ISA_q4k_matvec_neondot.c neondot)
set(Q4K_GEN_ARCH_q4k_matvec_neondot.c aarch64)
set(Q4K_GEN_FLAGS_q4k_matvec_neondot.c -march=armv8.2-a+dotprod)

set(Q4K_GEN_ISA_q4k_matvec_neoni8mm.c neoni8mm)
set(Q4K_GEN_ARCH_q4k_matvec_neoni8mm.c aarch64)
set(Q4K_GEN_FLAGS_q4k_matvec_neoni8mm.c -march=armv8.2-a+dotprod+i8mm)

set(Q4K_GEN_ISA_q4k_quantize_q8k_scalar.c scalar)
set(Q4K_GEN_ARCH_q4k_quantize_q8k_scalar.c any)
set(Q4K_GEN_FLAGS_q4k_quantize_q8k_scalar.c "")
set(Q4K_GEN_REFERENCE_q4k_quantize_q8k_scalar.c 1)

set(Q4K_GEN_ISA_q4k_quantize_q8k_neon.c neon)
set(Q4K_GEN_ARCH_q4k_quantize_q8k_neon.c aarch64)
set(Q4K_GEN_FLAGS_q4k_quantize_q8k_neon.c "")

set(Q4K_GEN_ISA_q4k_quantize_q8k_avx2.c avx2)
set(Q4K_GEN_ARCH_q4k_quantize_q8k_avx2.c x86_64)
set(Q4K_GEN_FLAGS_q4k_quantize_q8k_avx2.c -mavx2 -mfma -mf16c)

set(Q4K_GEN_ISA_q4k_quantize_q8k_avx512.c avx512)
set(Q4K_GEN_ARCH_q4k_quantize_q8k_avx512.c x86_64)
set(Q4K_GEN_FLAGS_q4k_quantize_q8k_avx512.c -mavx512f -mavx512bw -mavx512vl -mavx2 -mfma -mf16c)

set(Q4K_GEN_ISA_q4k_dequant_q6k_scalar.c scalar)
set(Q4K_GEN_ARCH_q4k_dequant_q6k_scalar.c any)
set(Q4K_GEN_FLAGS_q4k_dequant_q6k_scalar.c "")
set(Q4K_GEN_REFERENCE_q4k_dequant_q6k_scalar.c 1)

set(Q4K_GEN_ISA_q4k_dequant_q6k_neon.c neon)
set(Q4K_GEN_ARCH_q4k_dequant_q6k_neon.c aarch64)
set(Q4K_GEN_FLAGS_q4k_dequant_q6k_neon.c "")

set(Q4K_GEN_ISA_q4k_dequant_q6k_avx2.c avx2)
set(Q4K_GEN_ARCH_q4k_dequant_q6k_avx2.c x86_64)
set(Q4K_GEN_FLAGS_q4k_dequant_q6k_avx2.c -mavx2 -mfma -mf16c)

set(Q4K_GEN_ISA_q4k_dequant_q6k_avx512.c avx512)
set(Q4K_GEN_ARCH_q4k_dequant_q6k_avx512.c x86_64)
set(Q4K_GEN_FLAGS_q4k_dequant_q6k_avx512.c -mavx512f -mavx512bw -mavx512vl -mavx2 -mfma -mf16c)

set(Q4K_GEN_ISA_q4k_matvec_q6k_scalar.c scalar)
set(Q4K_GEN_ARCH_q4k_matvec_q6k_scalar.c any)
set(Q4K_GEN_FLAGS_q4k_matvec_q6k_scalar.c "")
set(Q4K_GEN_REFERENCE_q4k_matvec_q6k_scalar.c 1)

set(Q4K_GEN_ISA_q4k_matvec_q6k_neon.c neon)
set(Q4K_GEN_ARCH_q4k_matvec_q6k_neon.c aarch64)
set(Q4K_GEN_FLAGS_q4k_matvec_q6k_neon.c "")

set(Q4K_GEN_ISA_q4k_matvec_q6k_avx2.c avx2)
set(Q4K_GEN_ARCH_q4k_matvec_q6k_avx2.c x86_64)
set(Q4K_GEN_FLAGS_q4k_matvec_q6k_avx2.c -mavx2 -mfma -mf16c)

set(Q4K_GEN_ISA_q4k_matvec_q6k_avxvnni.c avxvnni)
set(Q4K_GEN_ARCH_q4k_matvec_q6k_avxvnni.c x86_64)
set(Q4K_GEN_FLAGS_q4k_matvec_q6k_avxvnni.c -mavxvnni -mavx2 -mfma -mf16c)

set(Q4K_GEN_ISA_q4k_matvec_q6k_avx512vnni.c avx512vnni)
set(Q4K_GEN_ARCH_q4k_matvec_q6k_avx512vnni.c x86_64)
set(Q4K_GEN_FLAGS_q4k_matvec_q6k_avx512vnni.c -mavx512vnni -mavx512f -mavx512bw -mavx512vl -mavx2 -mfma -mf16c)

set(Q4K_GEN_ISA_q4k_matvec_q6k_neondot.c neondot)
set(Q4K_GEN_ARCH_q4k_matvec_q6k_neondot.c aarch64)
set(Q4K_GEN_FLAGS_q4k_matvec_q6k_neondot.c -march=armv8.2-a+dotprod)
