/* select.h - per-size winners and the SIMD threshold from measurements
 * (the rule itself: select_rule.h). Shared by q4k select, q4k tune and the
 * report, so all three say the same. */
#ifndef Q4K_SELECT_H
#define Q4K_SELECT_H

#include <stddef.h>

#include "measure.h"
#include "measure_csv.h"

typedef struct select_bucket {
    size_t blocks;
    char mode[8];                    /* the measurements that decided: "warm" or "cold" */
    const measure_row *winner;       /* the choice */
    const measure_row *fastest;      /* lowest median (the winner, or one within its noise) */
    size_t n_tied;                   /* variants within noise of the fastest, the fastest included */
    const measure_row *scalar;       /* the scalar baseline here (NULL if not measured) */
    const char *default_name;        /* what the built-in table runs here (NULL if unknown) */
    const measure_row *default_row;  /* its measurement (NULL if not measured) */
    const measure_row *limit_store, *limit_stream, *limit_memset; /* NULL if not measured */
    const measure_row *store_best;   /* fastest of the store limits */
    const measure_row *store_loop_best; /* faster of the two store loops (not memset) */
} select_bucket;

typedef struct selection {
    select_bucket buckets[MEASURE_MAX_SIZES];
    size_t n_buckets;
    size_t scalar_max;               /* largest size where scalar is still as fast (0: none) */
    size_t llc_bytes;                /* from the measurements' header (0: unknown) */
} selection;

/* Pick the winners. Q4K_EFORMAT when no size has a kernel measurement. */
int select_run(const measure_set *set, selection *sel, char *err, size_t errlen);

#endif
