/* q4k_dispatch.h - the dispatch table: size bucket -> variant.
 *
 * Tables are generated (templates/dispatch.c.in): the built-in default from
 * gen/variants.lua, or a tuned one from a profile (cmake -DQ4K_PROFILE=...).
 * A profile can also be loaded at run time (q4k_profile_load). */
#ifndef Q4K_DISPATCH_H
#define Q4K_DISPATCH_H

#include <stddef.h>
#include "q4k_core.h"

#ifdef __cplusplus
extern "C" {
#endif

#define Q4K_DISPATCH_MAX_CANDIDATES 4

typedef struct q4k_dispatch_bucket {
    size_t max_blocks; /* this bucket serves n_blocks <= max_blocks (the last: all larger too) */
    /* Variant names in order of preference; the first one usable on this
     * CPU wins. NULL-terminated when shorter than the array. */
    const char *candidates[Q4K_DISPATCH_MAX_CANDIDATES];
} q4k_dispatch_bucket;

typedef struct q4k_dispatch_table {
    const char *source;       /* "built-in default" or "profile" */
    const char *device;       /* profile's device slug, "" for the default */
    const char *date;         /* profile's date, "" for the default */
    const char *origin;       /* path of the profile it came from, "" if none */
    size_t simd_threshold;    /* n_blocks below this use the scalar baseline */
    size_t n_buckets;         /* ascending max_blocks */
    const q4k_dispatch_bucket *buckets;
} q4k_dispatch_table;

/* The table compiled into this library (default or from Q4K_PROFILE). */
extern const q4k_dispatch_table q4k_dispatch_builtin;

/* Install a table (copied; the caller keeps ownership of t). Every bucket
 * must resolve to a usable variant, else Q4K_ENOTFOUND/Q4K_EUNSUPPORTED and
 * the table in force stays; err (may be NULL) receives a message. */
int q4k_dispatch_install(const q4k_dispatch_table *t, char *err, size_t errlen);
/* The table in force (never NULL). */
const q4k_dispatch_table *q4k_dispatch_current(void);
/* The variant forced by Q4K_VARIANT, or NULL. */
const q4k_variant *q4k_dispatch_forced(void);
/* Back to the compiled-in table. */
void q4k_dispatch_reset(void);
/* Load a profile file and install its table (runtime/profile.c). */
int q4k_profile_load(const char *path, char *err, size_t errlen);

#ifdef __cplusplus
}
#endif

#endif /* Q4K_DISPATCH_H */
