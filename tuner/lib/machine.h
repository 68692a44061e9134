/* machine.h - what the tuner knows about the machine it runs on.
 *
 * Measurements are only comparable on the same CPU model and core type, OS,
 * compiler and flags, and generated kernels; those fields form the key that
 * measurement files carry and that `measure --resume` and `select` refuse to
 * mix (machine_key_fields). The rest (cores, cache size, commit, timer) is
 * description for the report.
 *
 * The last-level cache size decides which measurements select a size
 * (select_rule.h), so it is not taken on trust. machine_describe records
 * what the OS reports (llc_reported: sysfs, else sysconf; on macOS
 * sysctl), but a virtual machine may report the whole host's L3 (508 MiB on
 * a 2-core VM whose core reaches 32 MiB). llc_bytes, the value used, is
 * the reported one capped at MACHINE_LLC_PLAUSIBLE_MAX, until
 * llc_probe_apply (llc_probe.h) replaces it with the measured knee of a
 * store loop. llc_source says which of these it is, in words. */
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
    size_t llc_bytes;     /* last-level cache size used (0 when unknown) */
    size_t llc_reported;  /* what the OS reported (0 when nothing) */
    char llc_reported_by[40]; /* "sysfs", "sysconf", "sysctl hw.l2cachesize", "" */
    char llc_source[200]; /* how llc_bytes was found: "sysconf", "capped: ...", "measured: ..." */
    int emulated;         /* 1 when running under an emulator (qemu-user): timings mean nothing */
} q4k_machine;

/* The most last-level cache one core is assumed to reach when it cannot be
 * measured: a larger reported value is capped to it. No current core
 * reaches more than 96 MiB (AMD's 3D V-Cache CCD), most 32 MiB or less;
 * larger figures are a socket's or a host's total, which VMs report. Too
 * small a value only moves a few sizes to cold measurements; too large a
 * one decides DRAM-sized calls on warm, in-cache timings. */
#define MACHINE_LLC_PLAUSIBLE_MAX ((size_t)64 << 20)

/* Fill m from the running system. Never fails: unknown fields read
 * "unknown" (llc_bytes 0). llc_bytes is the reported size, capped
 * (MACHINE_LLC_PLAUSIBLE_MAX); llc_probe_apply measures it. */
void machine_describe(q4k_machine *m);

/* The header keys that must agree between measurements that are combined. */
extern const char *const machine_key_fields[];
extern const size_t machine_key_field_count;

/* Value of one named field of m ("cpu", "os", ...), NULL for an unknown name. */
const char *machine_field(const q4k_machine *m, const char *name);

/* Set llc_bytes and llc_source from the reported value and the cap;
 * `why_not_measured` (may be NULL) ends the source text, e.g. "not
 * measured: running under an emulator". */
void machine_llc_from_report(q4k_machine *m, const char *why_not_measured);

/* "508 MiB", "1.5 MiB", "48 KiB", "512 bytes". */
void machine_format_bytes(size_t bytes, char *out, size_t outlen);

/* Turn free text into a slug: lower case, runs of other characters -> '-'. */
void machine_slugify(const char *text, char *out, size_t outlen);

#endif
