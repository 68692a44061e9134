/* measure_csv.h - the measurements file: one CSV with a keyed header.
 *
 *   # q4k-measurements: 1
 *   # cpu: AMD EPYC                 header lines "# key: value"; the keys in
 *   # core_type: uniform            machine_key_fields (cpu, core_type, arch,
 *   # ...                           features, os, compiler, flags, generator)
 *   variant,isa,method,...          must agree wherever files are combined
 *   q4k_dequant__scalar,scalar,...  (resume, select over several files)
 *
 * One data row per (variant, mode, size): the statistics of its samples in
 * ns per block (median, MAD = median absolute deviation, unscaled, min,
 * max) and the output rate at the median. `mode` is warm (buffers reused,
 * in cache) or cold (rotated over more than the last-level cache). Rows are
 * appended and flushed as each group of points completes, so an interrupted
 * run resumes where it stopped. Comment lines may appear anywhere. */
#ifndef Q4K_MEASURE_CSV_H
#define Q4K_MEASURE_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "machine.h"

#define MEASURE_CSV_VERSION "1"
#define MEASURE_CSV_COLUMNS                                                                        \
    "variant,isa,method,unroll,prefetch,nt,complexity,mode,blocks,samples,iters,"                 \
    "median_ns_per_block,mad_ns_per_block,min_ns_per_block,max_ns_per_block,gbps,flags"

typedef struct measure_row {
    char variant[80];     /* q4k variant name, or "limit:store" etc. */
    char isa[16];         /* "scalar", "avx2", ...; "limit" for the store limits */
    char method[16];
    unsigned unroll, prefetch;
    int nt;
    unsigned complexity;
    char mode[8];         /* "warm" or "cold" */
    size_t blocks;
    unsigned samples;
    unsigned long long iters; /* calls per sample */
    double median_ns, mad_ns, min_ns, max_ns; /* per block */
    double gbps;          /* output bytes (1 KiB per block) per ns at the median */
    char flags[32];       /* "" or "drift" (the scalar sentinel moved during the point) */
} measure_row;

typedef struct measure_kv {
    char key[32];
    char value[480];
} measure_kv;

typedef struct measure_set {
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

/* The row for (variant, mode, blocks), NULL when not measured. */
const measure_row *measure_set_find(const measure_set *set, const char *variant, const char *mode,
                                    size_t blocks);

/* Check that m's key fields match the set's header (refusal message in err). */
int measure_header_matches(const measure_set *set, const q4k_machine *m, char *err, size_t errlen);

/* Write one header line / the column line / one row; flushes nothing. */
void measure_csv_write_kv(FILE *f, const char *key, const char *value);
void measure_csv_write_columns(FILE *f);
void measure_csv_write_row(FILE *f, const measure_row *r);

#endif
