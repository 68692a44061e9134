/* measure_csv.h - the measurements file: one CSV with a keyed header.
 *
 *   # q4k-measurements: 2
 *   # cpu: AMD EPYC                 header lines "# key: value"; the keys in
 *   # core_type: uniform            machine_key_fields (cpu, core_type, arch,
 *   # ...                           features, os, compiler, flags, generator)
 *   variant,isa,method,...,op       must agree wherever files are combined
 *   q4k_dequant__scalar,...,dequant (resume, select over several files)
 *
 * One data row per (op, variant, mode, size, vecs, threads): the statistics of its samples
 * in ns per unit of the op's size (median, MAD = median absolute
 * deviation, unscaled, min, max) and the output rate at the median. The
 * size column is `blocks` and the times `*_ns_per_block`, dequant's unit,
 * whose names are kept: for another op they count its unit (op_plan.unit).
 * `op` names the operation (q4k_op_name; the plan: op_plan.h); the
 * store-limit rows carry the op whose output bytes they wrote. `mode` is
 * warm (buffers reused, in cache) or cold (rotated over more than the
 * last-level cache). Rows are appended and flushed as each group of points
 * completes, so an interrupted run resumes where it stopped. Comment lines
 * may appear anywhere.
 *
 * The header also says how the last-level cache size the selection rule
 * uses was found: llc_bytes (the value used), llc_source (in words:
 * "measured: knee of the store loop (sysconf said 508 MiB)", "sysfs",
 * "capped: ..."), llc_reported (what the OS said) and llc_probe (the
 * probe's curve). Per size the built-in table's variant: default_<op>_<size>.
 *
 * `vecs` and `threads` say how the call was made: 1 and 1 for the rows
 * selection works on; other values are the extra series of an op whose
 * plan has them (matvec: 2..8 activation vectors per call, 2..cores
 * threads), selected per series (profile buckets with vecs= threads=) and
 * reported beside the winners. measure_set_find sees only the 1/1 rows.
 *
 * Version 2 added the `op` column (last, so the columns before it keep
 * their places: variant 1, mode 8, blocks 9), the llc_* header keys and
 * default_<op>_<size> (was default_<size>). Version 3 added `vecs` and
 * `threads` (last again). Version 1 files (no op column: only dequant
 * existed) and version 2 files are still read (as vecs = threads = 1;
 * version 1 as all-dequant rows), so old measurements still select;
 * `measure --resume` refuses to append to them. */
#ifndef Q4K_MEASURE_CSV_H
#define Q4K_MEASURE_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "machine.h"

#define MEASURE_CSV_VERSION "3"
/* Versions 1 and 2, still read. */
#define MEASURE_CSV_COLUMNS_V1                                                                     \
    "variant,isa,method,unroll,prefetch,nt,complexity,mode,blocks,samples,iters,"                 \
    "median_ns_per_block,mad_ns_per_block,min_ns_per_block,max_ns_per_block,gbps,flags"
#define MEASURE_CSV_COLUMNS_V2 MEASURE_CSV_COLUMNS_V1 ",op"
#define MEASURE_CSV_COLUMNS MEASURE_CSV_COLUMNS_V2 ",vecs,threads"

typedef struct measure_row {
    char op[16];          /* the operation, q4k_op_name: "dequant" */
    char variant[80];     /* q4k variant name, or "limit:store" etc. */
    char isa[16];         /* "scalar", "avx2", ...; "limit" for the store limits */
    char method[16];
    unsigned unroll, prefetch;
    int nt;
    unsigned complexity;
    char mode[8];         /* "warm" or "cold" */
    size_t size;          /* units of the op per call (dequant: blocks) */
    unsigned samples;
    unsigned long long iters; /* calls per sample */
    double median_ns, mad_ns, min_ns, max_ns; /* per unit */
    double gbps;          /* bytes per ns at the median: what the op's plan counts (dequant: the
                             output; matvec: the weights read) */
    char flags[32];       /* "" or "drift" (the scalar sentinel moved during the point) */
    unsigned vecs;        /* activation vectors per call (1; matvec's batch series: 2..8) */
    unsigned threads;     /* threads per call (1; matvec's thread series: 2..cores) */
} measure_row;

typedef struct measure_kv {
    char key[32];
    char value[480];
} measure_kv;

typedef struct measure_set {
    int version;          /* lowest format version read (measure_set_version) */
    measure_kv *header;   /* every "# key: value" line, in file order */
    size_t n_header, cap_header;
    measure_row *rows;
    size_t n_rows, cap_rows;
} measure_set;

/* Read a measurements file and add it to set (which may already hold
 * another file: then the key fields must agree, else Q4K_EINVAL and a
 * message naming the key and both values). Q4K_EIO / Q4K_EFORMAT otherwise. */
int measure_set_read(const char *path, measure_set *set, char *err, size_t errlen);
void measure_set_free(measure_set *set);

/* Last value of a header key, NULL when absent. */
const char *measure_header_get(const measure_set *set, const char *key);
/* Add a header pair; Q4K_EINVAL if it is a key field and contradicts an
 * earlier value (message in err). */
int measure_header_add(measure_set *set, const char *key, const char *value, char *err, size_t errlen);
/* Add a row (copied). */
int measure_set_add_row(measure_set *set, const measure_row *row);

/* The newest row for (op, variant, mode, size) of one vector and one
 * thread, NULL when not measured. */
const measure_row *measure_set_find(const measure_set *set, const char *op, const char *variant,
                                    const char *mode, size_t size);
/* The same for a series point (vecs vectors per call, threads threads). */
const measure_row *measure_set_find_series(const measure_set *set, const char *op, const char *variant,
                                           const char *mode, size_t size, unsigned vecs, unsigned threads);

/* The measurements format version of the file(s) read: the lowest one
 * (1, 2 or 3); 0 before any. */
int measure_set_version(const measure_set *set);

/* Check that m's key fields match the set's header (refusal message in err). */
int measure_header_matches(const measure_set *set, const q4k_machine *m, char *err, size_t errlen);

/* Write one header line / the column line / one row; flushes nothing. */
void measure_csv_write_kv(FILE *f, const char *key, const char *value);
void measure_csv_write_columns(FILE *f);
void measure_csv_write_row(FILE *f, const measure_row *r);

#endif
