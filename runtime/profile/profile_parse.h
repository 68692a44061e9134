/* profile_parse.h - the tuning profile: its text format and its parser.
 * Internal to libq4k and its tools (the tuner writes profiles, the library
 * loads them, the build turns one into the compiled-in table, tests read
 * them); not installed.
 *
 * A profile is the result of `q4k select`: per operation and size bucket
 * the variants that won on one machine. Small, versioned, human-readable
 * text:
 *
 *   # comments and blank lines are ignored anywhere before `end`
 *   q4k-profile 2                      first line: magic and format version
 *   device x86_64-amd-epyc-zen3-avx2   slug of CPU model and ISA (required)
 *   arch x86_64                        x86_64 | aarch64 | generic | any (required;
 *                                      any: names variants of every architecture,
 *                                      as the built-in default does)
 *   cpu AMD EPYC                       free text (optional)
 *   features avx2 fma f16c             CPU features of the measured machine
 *                                      (optional; names as q4k info prints them)
 *   cores 2                            (optional)
 *   os Linux 6.1.0                     (optional)
 *   compiler GNU 12.2.0                (optional)
 *   flags -O3 -DNDEBUG                 (optional)
 *   generator 8a125f13b10c55cd         hash of gen/ + templates/ (optional)
 *   q4k 0.1.0 1a2b3c4d                 version and commit (optional)
 *   date 2026-11-25T12:00:00Z          when the measurements were taken (required)
 *   bucket dequant 1 NAME              operation dequant, serves n_blocks <= 1 ...
 *   bucket dequant 16 NAME [NAME...]   ... and each next bucket of the op up to its
 *   bucket dequant 65536 NAME ...      size; the op's last one also every larger
 *                                      size. Up to Q4K_DISPATCH_MAX_CANDIDATES
 *                                      names, the first usable one wins (the rule:
 *                                      q4k_dispatch.h); sizes strictly ascend per op
 *                                      and series.
 *   bucket matvec 4096 vecs=4 threads=2 NAME ...
 *                                      a series (optional, in this order, each
 *                                      1..4096, default 1): calls with at least
 *                                      that many vectors / threads (the rule:
 *                                      q4k_dispatch.h).
 *   end                                required: detects truncated files
 *
 * Version 1 (no operation in bucket lines, a simd_threshold key) is refused
 * with Q4K_EVERSION: run `q4k select` on the measurements again.
 *
 * Strict on purpose: an unknown key, a repeated key, a malformed number,
 * control characters, text after `end` or a missing `end` are errors, so a
 * corrupt file never half-loads. Keys are lower case; values are the rest of
 * the line with surrounding blanks removed. */
#ifndef Q4K_PROFILE_PARSE_H
#define Q4K_PROFILE_PARSE_H

#include <stddef.h>
#include <stdint.h>
#include "q4k_dispatch.h"

#define Q4K_PROFILE_VERSION 2
#define Q4K_PROFILE_MAX_BYTES 65536
#define Q4K_PROFILE_MAX_BUCKETS 128
#define Q4K_PROFILE_NAME_MAX 96

typedef struct q4k_profile_bucket {
    q4k_op op;
    size_t max_size;
    unsigned vecs, threads; /* the series (1, 1 unless the line says) */
    unsigned line;         /* where it was written, for messages */
    unsigned n_candidates;
    char candidates[Q4K_DISPATCH_MAX_CANDIDATES][Q4K_PROFILE_NAME_MAX];
} q4k_profile_bucket;

typedef struct q4k_profile {
    int version;
    char device[160];
    char arch[16];
    char cpu[128];
    char features[128];
    uint32_t feature_bits;  /* features parsed into q4k_feature bits */
    char cores[16];
    char os[160];
    char compiler[96];
    char flags[256];
    char generator[40];
    char q4k[96];
    char date[40];
    size_t n_buckets;
    q4k_profile_bucket buckets[Q4K_PROFILE_MAX_BUCKETS];
} q4k_profile;

/* Parse len bytes of profile text into *p. 0, or Q4K_EFORMAT (malformed,
 * truncated, garbage) / Q4K_EVERSION (other format version) with a message
 * in err naming the line. Does not check variants against the registry. */
int q4k_profile_parse(const char *text, size_t len, q4k_profile *p,
                      char *err, size_t errlen);

/* Read and parse a profile file: adds Q4K_EIO (cannot read) and
 * Q4K_EINVAL (NULL or empty path) to the statuses above. */
int q4k_profile_read(const char *path, q4k_profile *p, char *err, size_t errlen);

/* Architecture this library was compiled for, as profiles name it. */
const char *q4k_profile_host_arch(void);

/* Space-separated feature names ("avx2 fma f16c") -> q4k_feature bits;
 * Q4K_EFORMAT on an unknown name (copied into bad). */
int q4k_feature_parse(const char *names, uint32_t *bits, char *bad, size_t badlen);

#endif
