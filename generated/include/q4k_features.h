/* Auto-generated file. Do not edit!
 *   command:  lua5.4 gen/q4kgen.lua
 *   input:    gen/isas.lua
 *   template: templates/features.h.in
 *
 * The CPU features libq4k detects (gen/isas.lua): the bits of
 * q4k_cpu_features() and of a variant's .features. The values are ABI:
 * a feature keeps its bit forever. */
#ifndef Q4K_FEATURES_H
#define Q4K_FEATURES_H

enum q4k_feature {
    Q4K_FEAT_NEON = 1u << 0,
    Q4K_FEAT_AVX2 = 1u << 1,
    Q4K_FEAT_FMA = 1u << 2,
    Q4K_FEAT_F16C = 1u << 3,
    Q4K_FEAT_AVX512F = 1u << 4,
    Q4K_FEAT_AVX512BW = 1u << 5,
    Q4K_FEAT_AVX512VL = 1u << 6,
    Q4K_FEAT_AVX512VNNI = 1u << 7,
    Q4K_FEAT_AVX512VBMI = 1u << 8,
    Q4K_FEAT_AVXVNNI = 1u << 9,
    Q4K_FEAT_DOTPROD = 1u << 10,
    Q4K_FEAT_I8MM = 1u << 11,
    Q4K_FEAT_FHM = 1u << 12
};

#define Q4K_FEATURE_COUNT 13

#endif /* Q4K_FEATURES_H */
