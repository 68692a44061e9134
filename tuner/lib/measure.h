/* measure.h - the measurement engine behind `q4k measure` and `q4k tune`.
 *
 * Finds the last-level cache size (llc_probe.h), verifies the variants,
 * then per operation (its plan: op_plan.h) times every variant and memory
 * limit (the store loops for dequant, the read loop for matvec and
 * quantize_q8k: storelimit.h) at every size, warm and/or cold, and appends
 * one row per point to a CSV (measure_csv.h). How it times, and why:
 *  - in-process monotonic clock; each sample repeats the call enough times
 *    to span at least max(min_sample_ns, 1000 timer ticks), so coarse clocks
 *    (Apple's 24 MHz counter) still resolve it;
 *  - a warm-up call per subject before its first sample (calibration);
 *  - subjects interleaved in rounds, the starting subject rotating per
 *    round, so drift and periodic noise hit all of them alike;
 *  - `samples` samples per point -> median and MAD;
 *  - warm = the same buffers every call; cold = input and output rotated
 *    over more than twice the last-level cache, so every call misses
 *    (matvec: the weights and results; its activation vector stays the
 *    same, in cache, as in an inference engine);
 *  - drift: before and after each group of points (one op, size and mode)
 *    the first op's baseline is re-timed at a fixed size (the sentinel). Its
 *    reference is the fastest sentinel seen so far (load and throttling
 *    only ever slow a machine down). If the slower sentinel of a group is
 *    more than the tolerance above it, the group is measured again (up to
 *    max_repeats times) and, if it still drifts, its rows carry the flag
 *    "drift". Groups that passed against an earlier, slower reference are
 *    measured once more at the end; the newer rows supersede.
 *  - series (an op's plan may have them; matvec): its variants but the
 *    baseline again with 2, 4, 8 activation vectors per call and with 2,
 *    4, ... threads up to all cores, the same sizes and modes, after the
 *    op's own groups; selected per series (the profile's vecs=/threads=
 *    buckets) and reported beside the winners. */
#ifndef Q4K_MEASURE_H
#define Q4K_MEASURE_H

#include <stddef.h>

#include "llc_probe.h"
#include "machine.h"
#include "op_plan.h"

#define MEASURE_MAX_SIZES 64

typedef struct measure_config {
    size_t sizes[MEASURE_MAX_SIZES]; /* --sizes: ascending, in each op's unit (dequant: blocks), used
                                        for every op that has them (matvec: the multiples of 16; an
                                        op without any is left out unless asked for by --op);
                                        n_sizes == 0: each op's plan decides */
    size_t n_sizes;
    int quick;                       /* the plans' quick sizes (when n_sizes == 0) */
    int emulated_sizes;              /* the plans' sizes for --quick under an emulator */
    unsigned ops;                    /* bit 1 << op per operation to measure; 0 = every op */
    llc_probe_how llc_probe;         /* how to find the last-level cache size */
    size_t llc_given;                /* --llc: use this size, no probe (0 = not given) */
    int warm, cold;                  /* which modes to measure */
    unsigned samples;                /* samples per point */
    double min_sample_ns;            /* a sample lasts at least this long */
    unsigned sentinel_samples;
    double drift_tolerance;          /* relative change of the sentinel that counts as drift */
    unsigned max_repeats;            /* re-measurements of a drifting group */
    const char *patterns;            /* comma-separated globs over variant names; NULL = all */
    const char *out_path;            /* the CSV */
    int resume;                      /* continue an existing CSV of the same machine */
    int verify;                      /* verify variants before timing (always on in the CLI) */
    int golden;                      /* verification includes the golden files (not --quick) */
    int series;                      /* the plans' extra series (matvec: vectors, threads); default on */
    const char *pinned;              /* how the thread was pinned (for the header) */
    const char *command;             /* command line, for the header */
} measure_config;

/* The defaults of a full run, or of --quick (under a minute on 2 cores). */
void measure_config_defaults(measure_config *cfg, int quick);

/* The sizes to measure op p at, into out; returns how many: cfg->sizes if
 * given (those that are sizes of the op: op_plan_size_ok), else the
 * plan's. */
size_t measure_config_sizes(const measure_config *cfg, const op_plan *p, size_t out[MEASURE_MAX_SIZES]);
/* 1 when cfg measures op p. */
int measure_config_has_op(const measure_config *cfg, const op_plan *p);

/* Parse "1,16,512" or "1-65536" (powers of two between) into cfg->sizes. */
int measure_parse_sizes(const char *text, measure_config *cfg, char *err, size_t errlen);

/* Run it. m->llc_* is filled as the run finds it (a resumed run takes the
 * file's). 0 on success; Q4K_EINVAL when --resume finds measurements of
 * another machine or build or format (refused, message in err), Q4K_EIO for file
 * trouble, Q4K_ENOMEM. Variants failing verification are excluded, named on
 * stderr and in the CSV header, and do not make the run fail; *n_excluded
 * (may be NULL) receives their number. Progress with ETA goes to stderr. */
int measure_run(const measure_config *cfg, q4k_machine *m, size_t *n_excluded, char *err, size_t errlen);

/* Pin the calling thread where the OS allows: Linux, the CPU it runs on;
 * macOS, QoS user-interactive (P-cores). Writes what it did into desc. */
void measure_pin_thread(char *desc, size_t desclen);
/* A matvec thread pool whose workers may run on every CPU the process had
 * before measure_pin_thread (threads inherit their creator's affinity: the
 * pinned thread widens its own for the moment of creation). */
int measure_pool_create(unsigned n_threads, q4k_pool **pool);

#endif
