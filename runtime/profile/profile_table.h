/* profile_table.h - a parsed profile as a dispatch table. Shared by the
 * run-time loader (q4k_profile_load) and the build-time table generator
 * (tools/q4k_tablegen.c), so a profile means the same thing in both. */
#ifndef Q4K_PROFILE_TABLE_H
#define Q4K_PROFILE_TABLE_H

#include "profile_parse.h"
#include "q4k_dispatch.h"

/* Storage for the table's buckets (the names point into the profile). */
typedef struct profile_table {
    q4k_dispatch_table table;
    q4k_dispatch_bucket buckets[Q4K_PROFILE_MAX_BUCKETS];
} profile_table;

/* Fill out from p (which must outlive it) and check it: the profile's arch
 * is this library's or "any" (else Q4K_EUNSUPPORTED), and the table passes
 * dispatch_check (need_usable: also usable on this CPU). origin is recorded
 * as the table's origin. err gets the first problem, prefixed by origin. */
int profile_table_from(const q4k_profile *p, const char *origin, int need_usable, profile_table *out,
                       char *err, size_t errlen);

#endif
