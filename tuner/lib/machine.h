/* machine.h - what the tuner knows about the machine it runs on.
 *
 * Measurements are only comparable on the same CPU model and core type, OS,
 * compiler and flags, and generated kernels; those fields form the key that
 * measurement files carry and that `measure --resume` and `select` refuse to
 * mix (machine_key_fields). The rest (cores, cache size, commit, timer) is
 * description for the report. */
#ifndef Q4K_MACHINE_H
#define Q4K_MACHINE_H

#include <stddef.h>
#include <stdint.h>

typedef struct q4k_machine {
    char cpu[128];        /* CPU model: /proc/cpuinfo, sysctl brand string */
    char core_type[96];   /* "uniform", "P-core (QoS user-interactive)", ... */
    char arch[16];        /* "x86_64", "aarch64", "generic" (compile-time) */
    char features[128];   /* q4k feature names, space separated: "avx2 fma f16c" */
    uint32_t feature_bits;/* the same as q4k_feature bits */
    char best_isa[16];    /* widest usable kernel ISA: "avx512", "avx2", "neon", "scalar" */
    char os[160];         /* "Linux 6.1.0" */
    char compiler[96];    /* Q4K_COMPILER from the build, else __VERSION__ */
    char flags[256];      /* Q4K_CFLAGS from the build, plus sanitizers */
    char generator[40];   /* q4k_generator_hash: hash of gen/ + templates/ */
    char version[32];     /* q4k version */
    char commit[48];      /* git commit of the source, "unknown" outside a checkout */
    char device[160];     /* stable slug: arch-cpu-isa, e.g. x86_64-amd-epyc-zen3-avx2 */
    char timer[96];       /* clock used and its resolution */
    unsigned cores;       /* online logical CPUs */
    size_t llc_bytes;     /* last-level cache size (0 when unknown) */
    int emulated;         /* 1 when running under an emulator (qemu-user): timings mean nothing */
} q4k_machine;

/* Fill m from the running system. Never fails: unknown fields read
 * "unknown" (llc_bytes 0). */
void machine_describe(q4k_machine *m);

/* The header keys that must agree between measurements that are combined. */
extern const char *const machine_key_fields[];
extern const size_t machine_key_field_count;

/* Value of one named field of m ("cpu", "os", ...), NULL for an unknown name. */
const char *machine_field(const q4k_machine *m, const char *name);

/* Turn free text into a slug: lower case, runs of other characters -> '-'. */
void machine_slugify(const char *text, char *out, size_t outlen);

#endif
