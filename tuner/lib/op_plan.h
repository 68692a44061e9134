/* op_plan.h - the one place that tells the tuner how to measure an
 * operation (q4k_op): what a size counts, which sizes to measure, how many
 * bytes a unit reads and writes, which memory limit it is compared with,
 * how to fill an input, how to call a variant on a prepared workload, how
 * to verify it, and which variant is its baseline.
 *
 * The plans today:
 *   dequant       size = Q4_K blocks; 144 bytes in, 1 KiB of float32 out per
 *                 block; compared with the store limits (its output is what
 *                 costs)
 *   matvec        size = weight blocks of a matrix of 4096 columns (16
 *                 blocks a row: sizes are multiples of 16); 144 bytes of
 *                 weights read per block, one float32 out per row, against
 *                 one Q8_K activation vector kept in cache (the workload's
 *                 aux); compared with the read limit (a read loop over the
 *                 same weight bytes): its output is tiny
 *   quantize_q8k  size = Q8_K blocks; 1 KiB of float32 in, 292 bytes out per
 *                 block; compared with the read limit over its input
 *   dequant_q6k   size = Q6_K blocks; 210 bytes in, 1 KiB of float32 out per
 *                 block; compared with the store limits, as dequant
 *   matvec_q6k    as matvec with Q6_K weights: 210 bytes read per block
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
 * each, back to back (op_plan_in_bytes / op_plan_out_bytes apart). Warm
 * measurements use slot 0 only (slots == 1); cold ones move to the next
 * slot every call, so every call misses the caches. aux is the op's fixed
 * second input, the same for every slot and call (matvec: the Q8_K
 * activation vectors, which an inference engine keeps in cache while it
 * streams the weights); NULL for ops without one. */
typedef struct op_workload {
    uint8_t *in;      /* slots * op_plan_in_bytes(n) bytes */
    uint8_t *out;     /* slots * op_plan_out_bytes(n) bytes */
    size_t n;         /* units per call */
    size_t slots;     /* >= 1 */
    size_t slot;      /* the next call's slot (kept between runs) */
    const uint8_t *aux; /* plan.aux_bytes bytes filled by plan.fill_aux, or NULL */
    unsigned vecs;    /* matvec: activation vectors per call (0 counts as 1; at most
                         OP_PLAN_MAX_VECS); the output holds vecs rows of results */
    q4k_pool *pool;   /* matvec: the threads that share the rows (NULL: the calling
                         thread alone, the kernel called directly) */
    /* matvec: the input of every slot packed for a variant of a packed
     * layout (q4k_pack, q4k_pack_q6k), made by plan.prepare outside the
     * timed loop: packed/packed_step for the variant about to run, one of
     * the copies kept per interleave in packs (rounds alternate r4 and r8
     * variants; packing anew at each turn made a quick tune minutes long). */
    uint8_t *packed;
    size_t packed_step;      /* bytes per slot */
    struct op_packed_copy {
        uint8_t *data;
        size_t step;
        unsigned layout;     /* the interleave it holds, 0 = unused */
        size_t n, slots;     /* the n and slots it was made for */
    } packs[2];
} op_workload;

/* The memory limit an op's winners are compared with (storelimit.h). */
typedef enum op_limits {
    OP_LIMITS_STORE, /* limit:store, limit:stream, limit:memset over the output bytes */
    OP_LIMITS_READ   /* limit:read over the input bytes */
} op_limits;

/* matvec's measured shape: rows of 4096 columns (16 Q4_K blocks). */
enum { OP_PLAN_MATVEC_COLS = 4096, OP_PLAN_MATVEC_BPR = OP_PLAN_MATVEC_COLS / Q4K_BLOCK_VALUES };
/* The most activation vectors a matvec workload's aux holds. */
enum { OP_PLAN_MAX_VECS = 8 };

typedef struct op_plan {
    q4k_op op;
    const char *name;              /* q4k_op_name(op): CSV `op` column, profile buckets */
    const char *unit, *units;      /* what a size counts: "block", "blocks" */
    const char *unit_id;           /* the unit in CSV column names: "block" (ns_per_block) */
    const char *describe;          /* one line for reports: what a unit is */
    size_t in_bytes_per_unit;      /* bytes a unit reads (dequant: 144; matvec: the weights) */
    size_t row_units;              /* units per output row: sizes are multiples of it
                                      (matvec: 16 weight blocks; 1 elsewhere) */
    size_t out_bytes_per_row;      /* bytes a row writes (dequant: 1024; matvec: 4 per vector) */
    size_t aux_bytes;              /* the fixed second input (workload.aux), 0 = none */
    op_limits limits;              /* the memory limit its winners are compared with */
    size_t rate_bytes_per_unit;    /* the bytes per unit GB/s counts: the output (dequant)
                                      or the input (matvec, quantize_q8k) */
    const char *rate_what;         /* what GB/s counts, for reports: "output", "weights read" */
    const size_t *sizes;           /* a full run's sizes, ascending */
    size_t n_sizes;
    const size_t *quick_sizes;     /* --quick */
    size_t n_quick_sizes;
    const size_t *emulated_sizes;  /* --quick under an emulator (kernels ~100x slower) */
    size_t n_emulated_sizes;
    const size_t *bench_sizes;     /* q4k bench's default sizes */
    size_t n_bench_sizes;
    const char *baseline;          /* the reference variant: always measured, the drift
                                      sentinel, and "scalar" of the SIMD threshold */
    size_t sentinel_size;          /* size of the drift sentinel's calls (warm) */
    int streamed;                  /* 1: inference reads a call's input once and then
                                      moves on (matvec: each weight matrix once per
                                      token), so select decides every size on cold
                                      measurements (select_rule.h, rule 1) */
    /* Fill `bytes` of input with realistic, deterministic data. */
    void (*fill_input)(uint8_t *in, size_t bytes, uint64_t seed);
    /* Fill the aux_bytes of aux (NULL when aux_bytes == 0). */
    void (*fill_aux)(uint8_t *aux, size_t bytes, uint64_t seed);
    /* Call v (a usable variant of this op) `iters` times on w, n units per
     * call, moving to the next slot per call when w->slots > 1. The timed
     * loop: nothing else happens in it. */
    void (*run)(const q4k_variant *v, op_workload *w, unsigned long long iters);
    /* Before run: make what v needs besides w->in (matvec: the weights
     * packed for a packed variant). NULL when nothing; 0 or a q4k_status.
     * release frees it (NULL-safe through op_plan_release). */
    int (*prepare)(const q4k_variant *v, op_workload *w);
    void (*release)(op_workload *w);
    /* One call on slot 0 of w through the library's public entry point,
     * i.e. its dispatch table ("auto" in q4k bench). 0 or a negative
     * q4k_status. */
    int (*run_dispatched)(const op_workload *w);
    /* A size in words for tables ("16 rows x 4096, 36 KiB"), or NULL. */
    void (*describe_size)(size_t n, char *buf, size_t len);
    /* Extra series (matvec): the op's variants other than the baseline
     * again at each of these activation-vector counts per call, and, when
     * series_threads, at 2, 4, ... and all cores; rows with their vecs and
     * threads (measure_csv.h), selected per series. */
    const unsigned *series_vecs;
    size_t n_series_vecs;
    int series_threads;
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

/* p->prepare / p->release when the plan has them (0 otherwise). */
int op_plan_prepare(const op_plan *p, const q4k_variant *v, op_workload *w);
void op_plan_release(const op_plan *p, op_workload *w);

/* The variant name without the op's "q4k_<op>__" prefix (for tables). */
const char *op_plan_short_name(const char *variant);

/* 1 for the matrix-vector ops (matvec, matvec_q6k): calls take several
 * activation vectors (workload.vecs) and a thread pool (workload.pool). */
int op_plan_batched(const op_plan *p);

/* Bytes of one slot of a workload of n units (in: the input the op reads,
 * out: what it writes, for w->vecs vectors where that matters). */
size_t op_plan_in_bytes(const op_plan *p, size_t n);
size_t op_plan_out_bytes(const op_plan *p, size_t n, unsigned vecs);
/* The bytes a call of n units touches: input, output and aux (the
 * working set of the warm/cold rule). */
size_t op_plan_working_set(const op_plan *p, size_t n);
/* 1 when n is a size of the op (a positive multiple of row_units). */
int op_plan_size_ok(const op_plan *p, size_t n);

#endif
