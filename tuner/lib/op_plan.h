/* op_plan.h - the one place that tells the tuner how to measure an
 * operation (q4k_op): what a size counts, which sizes to measure, how many
 * bytes a unit reads and writes, how to fill an input, how to call a
 * variant on a prepared workload, how to verify it, and which variant is
 * its baseline.
 *
 * Everything else in the tuner (measure, select, reports, q4k list, bench,
 * verify) works from this table: measurement rows, profile buckets and
 * report sections are keyed by the plan's op. Adding an operation to the
 * tuner is one more entry in plans[] (op_plan.c) with its run and verify
 * functions; no other tuner file names an operation. */
#ifndef Q4K_OP_PLAN_H
#define Q4K_OP_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "q4k.h"
#include "verify.h"

/* Memory for calls of one size: `slots` (input, output) pairs of n units
 * each, back to back. Warm measurements use slot 0 only (slots == 1); cold
 * ones move to the next slot every call, so every call misses the caches. */
typedef struct op_workload {
    uint8_t *in;      /* slots * n * in_bytes_per_unit bytes */
    uint8_t *out;     /* slots * n * out_bytes_per_unit bytes */
    size_t n;         /* units per call */
    size_t slots;     /* >= 1 */
    size_t slot;      /* the next call's slot (kept between runs) */
} op_workload;

typedef struct op_plan {
    q4k_op op;
    const char *name;              /* q4k_op_name(op): CSV `op` column, profile buckets */
    const char *unit, *units;      /* what a size counts: "block", "blocks" */
    const char *describe;          /* one line for reports: what a unit is */
    size_t in_bytes_per_unit;      /* bytes a unit reads (dequant: 144) */
    size_t out_bytes_per_unit;     /* bytes a unit writes (dequant: 1024); GB/s and the
                                      store limits count these */
    const size_t *sizes;           /* a full run's sizes, ascending */
    size_t n_sizes;
    const size_t *quick_sizes;     /* --quick */
    size_t n_quick_sizes;
    const size_t *emulated_sizes;  /* --quick under an emulator (kernels ~100x slower) */
    size_t n_emulated_sizes;
    const char *baseline;          /* the reference variant: always measured, the drift
                                      sentinel, and "scalar" of the SIMD threshold */
    size_t sentinel_size;          /* size of the drift sentinel's calls (warm) */
    /* Fill `bytes` of input with realistic, deterministic data. */
    void (*fill_input)(uint8_t *in, size_t bytes, uint64_t seed);
    /* Call fn (a variant of this op, as q4k_variant.fn) `iters` times on w,
     * n units per call, moving to the next slot per call when w->slots > 1.
     * The timed loop: nothing else happens in it. */
    void (*run)(q4k_kernel_fn fn, op_workload *w, unsigned long long iters);
    /* n units through the library's public entry point, i.e. its dispatch
     * table ("auto" in q4k bench). 0 or a negative q4k_status. */
    int (*run_dispatched)(const void *in, void *out, size_t n);
    /* Bit-exact check of v against the baseline (and the golden files in
     * golden_dir, may be NULL): 0 pass, 1 fail (rep says where), < 0 error. */
    int (*verify)(const q4k_variant *v, const char *golden_dir, q4k_verify_report *rep);
    /* The baseline against golden files (NULL when the op has none); the
     * same return values; rep->values == 0 when dir holds none. */
    int (*verify_golden)(const q4k_variant *baseline, const char *dir, q4k_verify_report *rep);
} op_plan;

/* The plans, in q4k_op order. */
size_t op_plan_count(void);
const op_plan *op_plan_at(size_t i);
/* The plan of op; NULL when the tuner has none. */
const op_plan *op_plan_get(q4k_op op);
/* By operation name ("dequant"); NULL when unknown. */
const op_plan *op_plan_find(const char *name);
/* For a command's `--op NAME`: the plan, or NULL with a message in err
 * naming the operations there are. */
const op_plan *op_plan_parse(const char *name, char *err, size_t errlen);
/* "dequant" or "dequant, matvec": the names, for messages. */
const char *op_plan_names(void);

/* The variant name without the op's "q4k_<op>__" prefix (for tables). */
const char *op_plan_short_name(const char *variant);

#endif
