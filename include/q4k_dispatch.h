/* q4k_dispatch.h - dispatch tables: (operation, call size, vectors,
 * threads, weight layout) -> variant.
 *
 * A table is a list of buckets. A bucket belongs to one operation and one
 * series (vectors, threads: matvec measures batches and thread counts
 * apart; 1, 1 for everything else) and serves the calls of that operation
 * and series up to its size (the operation's size measure: blocks for
 * Q4K_OP_DEQUANT, weight blocks for Q4K_OP_MATVEC); the series' last bucket
 * also serves every larger call. A call with V vectors on T threads takes
 * the series with the most vectors <= V, then the most threads <= T. A
 * bucket lists candidate variants in order of preference, and the first one
 * compiled into this library, usable on this CPU and reading the call's
 * weight layout (GGUF rows, or q4k_pack's / q4k_pack_q6k's interleave)
 * wins. That is the one dispatch rule (q4k_dispatch_rule*): the library,
 * the tuner and the tools all call it.
 *
 * Tables come from tuning profiles (a small text file written by
 * `q4k select`/`q4k tune`, format in docs of `q4k select --help`): the one
 * compiled in (the generator's default profile, or cmake -DQ4K_PROFILE=...)
 * is made by the same parser that loads profiles at run time. */
#ifndef Q4K_DISPATCH_H
#define Q4K_DISPATCH_H

#include <stddef.h>
#include "q4k_core.h"

#ifdef __cplusplus
extern "C" {
#endif

#define Q4K_DISPATCH_MAX_CANDIDATES 8

typedef struct q4k_dispatch_bucket {
    q4k_op op;         /* the operation this bucket serves */
    size_t max_size;   /* serves sizes <= max_size (the op's last bucket: all larger too) */
    /* Variant names in order of preference; the first one compiled in and
     * usable on this CPU wins. NULL-terminated when shorter than the array. */
    const char *candidates[Q4K_DISPATCH_MAX_CANDIDATES];
    /* The series: calls with at least this many vectors and threads (0
     * counts as 1). Last, so {op, size, {names}} initialisers mean 1, 1. */
    unsigned vecs, threads;
} q4k_dispatch_bucket;

typedef struct q4k_dispatch_table {
    const char *source;       /* "built-in default", "profile", ... */
    const char *device;       /* profile's device slug */
    const char *date;         /* profile's date */
    const char *origin;       /* path of the profile it came from, "" if none */
    size_t n_buckets;         /* per op, ascending max_size */
    const q4k_dispatch_bucket *buckets;
} q4k_dispatch_table;

/* The table compiled into this library (default or from Q4K_PROFILE). */
extern const q4k_dispatch_table q4k_dispatch_builtin;

/* ---- The dispatch rule ------------------------------------------------ */

/* Index into t->buckets of the bucket serving (op, size, vecs, threads):
 * of op's series the one with the most vectors <= vecs, then the most
 * threads <= threads (the smallest series if none is <= both); in it the
 * first bucket with size <= max_size, else the series' last. -1 when t has
 * no bucket for op. */
long q4k_dispatch_rule_bucket_for(const q4k_dispatch_table *t, q4k_op op, size_t size, unsigned vecs,
                                  unsigned threads);
/* The same for one vector on one thread. */
long q4k_dispatch_rule_bucket(const q4k_dispatch_table *t, q4k_op op, size_t size);
/* The bucket's first candidate compiled in, of its op, usable on this CPU
 * and reading weights in the given layout (q4k_variant.layout); NULL when
 * none is. */
const q4k_variant *q4k_dispatch_rule_candidate_layout(const q4k_dispatch_bucket *b, unsigned layout);
/* The same for layout 0 (what every op but packed matvec calls use). */
const q4k_variant *q4k_dispatch_rule_candidate(const q4k_dispatch_bucket *b);
/* Both: the variant t runs for (op, size) with one vector on one thread,
 * layout 0, or NULL. */
const q4k_variant *q4k_dispatch_rule(const q4k_dispatch_table *t, q4k_op op, size_t size);
/* Both, for any call. */
const q4k_variant *q4k_dispatch_rule_for(const q4k_dispatch_table *t, q4k_op op, size_t size, unsigned vecs,
                                         unsigned threads, unsigned layout);

/* ---- The table in force ----------------------------------------------- */

/* The variant the library runs for (op, size) with one vector, one thread,
 * layout 0 (never NULL). */
const q4k_variant *q4k_dispatch_select(q4k_op op, size_t size);
/* The same for any call (never NULL: without a candidate of that layout,
 * the op's scalar reference of that layout). */
const q4k_variant *q4k_dispatch_select_for(q4k_op op, size_t size, unsigned vecs, unsigned threads,
                                           unsigned layout);

/* Install a table (copied; the caller keeps ownership of t). Refused, with
 * the table in force unchanged and err (may be NULL) saying why:
 * Q4K_EINVAL when malformed (sizes not ascending within an op, a candidate
 * of another operation), Q4K_ENOTFOUND when a name is unknown to this q4k
 * or a bucket has no candidate compiled in, Q4K_EUNSUPPORTED when a
 * bucket's compiled candidates all need features this CPU lacks. Names of
 * variants compiled only for another architecture are skipped. */
int q4k_dispatch_install(const q4k_dispatch_table *t, char *err, size_t errlen);
/* The table in force (never NULL). */
const q4k_dispatch_table *q4k_dispatch_current(void);
/* The variant forced by Q4K_VARIANT (for its own operation), or NULL. */
const q4k_variant *q4k_dispatch_forced(void);
/* Back to the compiled-in table. */
void q4k_dispatch_reset(void);
/* Load a profile file and install its table: the same checks as
 * q4k_dispatch_install, plus the profile's format, version and
 * architecture (Q4K_EFORMAT, Q4K_EVERSION, Q4K_EUNSUPPORTED, Q4K_EIO). */
int q4k_profile_load(const char *path, char *err, size_t errlen);

#ifdef __cplusplus
}
#endif

#endif /* Q4K_DISPATCH_H */
