/* select.h - per-op, per-size winners and the SIMD threshold from
 * measurements (the rule itself: select_rule.h). Shared by q4k select,
 * q4k tune and the report, so all three say the same. */
#ifndef Q4K_SELECT_H
#define Q4K_SELECT_H

#include <stddef.h>

#include "measure.h"
#include "measure_csv.h"
#include "op_plan.h"

#define SELECT_MAX_LAYOUTS 4
#define SELECT_MAX_SERIES 8

typedef struct select_bucket {
    size_t size;                     /* in the op's unit (dequant: blocks) */
    char mode[8];                    /* the measurements that decided: "warm" or "cold" */
    const measure_row *winner;       /* the choice */
    const measure_row *fastest;      /* lowest median (the winner, or one within its noise) */
    size_t n_tied;                   /* variants within noise of the fastest, the fastest included */
    const measure_row *scalar;       /* the op's baseline here (NULL if not measured) */
    const char *default_name;        /* what the built-in table runs here (NULL if unknown) */
    const measure_row *default_row;  /* its measurement (NULL if not measured) */
    const measure_row *limit_store, *limit_stream, *limit_memset; /* NULL if not measured */
    const measure_row *store_best;   /* fastest of the store limits */
    const measure_row *store_loop_best; /* faster of the two store loops (not memset) */
    const measure_row *limit_read;   /* the read limit (NULL if not measured) */
    const measure_row *limit_best;   /* the limit the op is compared with: store_best
                                        (OP_LIMITS_STORE) or limit_read (OP_LIMITS_READ) */
    /* Weight layouts (matvec, matvec_q6k: GGUF rows, or packed by
     * q4k_pack, q4k_pack_q6k): the fastest row of each layout measured
     * here, the winner's first. The profile lists them after the winner,
     * so a call on either layout has its tuned kernel. */
    const measure_row *by_layout[SELECT_MAX_LAYOUTS];
    unsigned layouts[SELECT_MAX_LAYOUTS];
    size_t n_layouts;
    const measure_row *best_rows;    /* fastest on GGUF rows (layout 0); NULL if none */
    const measure_row *best_packed;  /* fastest on packed weights; NULL if none measured */
} select_bucket;

/* One series of an op's measurements: vecs vectors per call on threads
 * threads (1, 1 for every op; matvec also has batches and thread counts),
 * winners per size. */
typedef struct select_series {
    unsigned vecs, threads;
    select_bucket buckets[MEASURE_MAX_SIZES];
    size_t n_buckets;
} select_series;

/* The selection of one operation. */
typedef struct select_op {
    const op_plan *plan;             /* the op, its unit and baseline */
    select_bucket buckets[MEASURE_MAX_SIZES]; /* one vector, one thread */
    size_t n_buckets;
    size_t scalar_max;               /* largest size where the baseline is still as fast (0: none) */
    select_series series[SELECT_MAX_SERIES]; /* the other series measured (vecs, threads), sorted */
    size_t n_series;
} select_op;

typedef struct selection {
    select_op ops[Q4K_OP_COUNT];     /* the ops with kernel measurements, in op order */
    size_t n_ops;
    size_t llc_bytes;                /* from the measurements' header (0: unknown) */
    const char *llc_source;          /* how it was found (header llc_source; NULL in old files) */
} selection;

/* Pick the winners, per op. Q4K_EFORMAT when no op has a kernel
 * measurement. */
int select_run(const measure_set *set, selection *sel, char *err, size_t errlen);

/* The weight layout a measured variant reads (q4k_variant.layout; by its
 * name for variants this build lacks). */
unsigned select_row_layout(const measure_row *r);

/* The selection of op, NULL when it was not measured. */
const select_op *select_find_op(const selection *sel, q4k_op op);

#endif
