/* kernel_tables.h - the tables the generator writes (generated/q4k_registry.c
 * and generated/q4k_features.c, from gen/isas.lua and gen/ops/<op>.lua) and the
 * runtime reads. Internal to libq4k and its tools; not installed. */
#ifndef Q4K_KERNEL_TABLES_H
#define Q4K_KERNEL_TABLES_H

#include <stddef.h>
#include <stdint.h>

#include "q4k_core.h"

/* ---- registry (generated/q4k_registry.c) ---- */

/* Every variant compiled for the machine this library was built for. */
extern const q4k_variant q4k_registry[];
extern const size_t q4k_registry_count;

/* Every variant the generator knows, for every architecture: lets a profile
 * name a variant compiled only elsewhere (a portable table) while a typo is
 * still refused. */
typedef struct q4k_catalog_entry {
    const char *name;
    q4k_op op;
    const char *arch;   /* "any", "x86_64", "aarch64" */
} q4k_catalog_entry;
extern const q4k_catalog_entry q4k_catalog[];
extern const size_t q4k_catalog_count;

/* Each q4k_op's name (gen/ops.lua). */
extern const char *const q4k_op_names[Q4K_OP_COUNT];

/* Hash of every generator and template file the kernels came from. */
extern const char q4k_generator_hash[];

/* ---- CPU features (generated/q4k_features.c) ---- */

enum { Q4K_CPUID_EAX = 0, Q4K_CPUID_EBX = 1, Q4K_CPUID_ECX = 2, Q4K_CPUID_EDX = 3 };

typedef struct q4k_feature_info {
    const char *name;       /* as q4k info, profiles and Q4K_CPU_DISABLE spell it */
    uint32_t bit;           /* Q4K_FEAT_... */
    const char *arch;       /* "x86_64" or "aarch64" */
    /* x86-64: present when cpuid(leaf, subleaf) has bit `bit_index` of
     * register `reg` set and XCR0 has every bit of xcr0_mask set (the OS
     * saves the registers the feature uses). */
    uint32_t cpuid_leaf, cpuid_subleaf, cpuid_reg, cpuid_bit;
    uint64_t xcr0_mask;
    /* aarch64: baseline = 1 for features every AArch64 CPU has (NEON);
     * otherwise Linux getauxval(AT_HWCAP or AT_HWCAP2: hwcap_word 1 or 2)
     * bit hwcap_bit, and macOS sysctlbyname(macos_sysctl) != 0. */
    int baseline;
    uint32_t hwcap_word, hwcap_bit;
    const char *macos_sysctl;
} q4k_feature_info;

extern const q4k_feature_info q4k_feature_table[];
extern const size_t q4k_feature_table_count;

#endif /* Q4K_KERNEL_TABLES_H */
