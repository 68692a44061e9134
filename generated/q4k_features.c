/* Auto-generated file. Do not edit!
 *   command:  lua5.4 gen/q4kgen.lua
 *   input:    gen/isas.lua
 *   template: templates/features.c.in
 *
 * How to detect each CPU feature (gen/isas.lua), for
 * runtime/kernels/cpu_features.c. The fields are documented in
 * runtime/kernels/kernel_tables.h. */
#include "kernel_tables.h"

const q4k_feature_info q4k_feature_table[] = {
    {.name = "neon", .bit = Q4K_FEAT_NEON, .arch = "aarch64", .baseline = 1},
    {.name = "avx2", .bit = Q4K_FEAT_AVX2, .arch = "x86_64",
     .cpuid_leaf = 7, .cpuid_subleaf = 0, .cpuid_reg = Q4K_CPUID_EBX, .cpuid_bit = 5,
     .xcr0_mask = 0x6},
    {.name = "fma", .bit = Q4K_FEAT_FMA, .arch = "x86_64",
     .cpuid_leaf = 1, .cpuid_subleaf = 0, .cpuid_reg = Q4K_CPUID_ECX, .cpuid_bit = 12,
     .xcr0_mask = 0x6},
    {.name = "f16c", .bit = Q4K_FEAT_F16C, .arch = "x86_64",
     .cpuid_leaf = 1, .cpuid_subleaf = 0, .cpuid_reg = Q4K_CPUID_ECX, .cpuid_bit = 29,
     .xcr0_mask = 0x6},
    {.name = "avx512f", .bit = Q4K_FEAT_AVX512F, .arch = "x86_64",
     .cpuid_leaf = 7, .cpuid_subleaf = 0, .cpuid_reg = Q4K_CPUID_EBX, .cpuid_bit = 16,
     .xcr0_mask = 0xe6},
    {.name = "avx512bw", .bit = Q4K_FEAT_AVX512BW, .arch = "x86_64",
     .cpuid_leaf = 7, .cpuid_subleaf = 0, .cpuid_reg = Q4K_CPUID_EBX, .cpuid_bit = 30,
     .xcr0_mask = 0xe6},
    {.name = "avx512vl", .bit = Q4K_FEAT_AVX512VL, .arch = "x86_64",
     .cpuid_leaf = 7, .cpuid_subleaf = 0, .cpuid_reg = Q4K_CPUID_EBX, .cpuid_bit = 31,
     .xcr0_mask = 0xe6},
    {.name = "avx512vnni", .bit = Q4K_FEAT_AVX512VNNI, .arch = "x86_64",
     .cpuid_leaf = 7, .cpuid_subleaf = 0, .cpuid_reg = Q4K_CPUID_ECX, .cpuid_bit = 11,
     .xcr0_mask = 0xe6},
    {.name = "avx512vbmi", .bit = Q4K_FEAT_AVX512VBMI, .arch = "x86_64",
     .cpuid_leaf = 7, .cpuid_subleaf = 0, .cpuid_reg = Q4K_CPUID_ECX, .cpuid_bit = 1,
     .xcr0_mask = 0xe6},
    {.name = "avxvnni", .bit = Q4K_FEAT_AVXVNNI, .arch = "x86_64",
     .cpuid_leaf = 7, .cpuid_subleaf = 1, .cpuid_reg = Q4K_CPUID_EAX, .cpuid_bit = 4,
     .xcr0_mask = 0x6},
    {.name = "dotprod", .bit = Q4K_FEAT_DOTPROD, .arch = "aarch64",
     .hwcap_word = 1, .hwcap_bit = 20, .macos_sysctl = "hw.optional.arm.FEAT_DotProd"},
    {.name = "i8mm", .bit = Q4K_FEAT_I8MM, .arch = "aarch64",
     .hwcap_word = 2, .hwcap_bit = 13, .macos_sysctl = "hw.optional.arm.FEAT_I8MM"},
    {.name = "fhm", .bit = Q4K_FEAT_FHM, .arch = "aarch64",
     .hwcap_word = 1, .hwcap_bit = 23, .macos_sysctl = "hw.optional.arm.FEAT_FHM"},
};

const size_t q4k_feature_table_count = sizeof q4k_feature_table / sizeof q4k_feature_table[0];
