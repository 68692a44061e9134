/* matvec_internal.h - the job of one fused call (matvec_job.c), shared by
 * the entry points (matvec.c, matvec_q6k.c) and the thread pool (pool.c).
 * Internal. */
#ifndef Q4K_MATVEC_INTERNAL_H
#define Q4K_MATVEC_INTERNAL_H

#include <stddef.h>

#include "q4k_matvec.h"

/* One call's work: rows [0, n_rows) of w times n_vecs vectors. A weight
 * row is n_bpr blocks of block_bytes each (Q4_K 144, Q6_K 210). */
typedef struct matvec_job {
    q4k_matvec_fn fn;
    const unsigned char *w;
    size_t n_rows, n_bpr;
    size_t block_bytes; /* weight bytes per row and block: 144 (Q4_K rows), 148 (Q4_K packed), 210 (Q6_K) */
    const void *xq;
    size_t n_vecs;
    float *y;
} matvec_job;

/* Rows [r0, r1) of the job (r0 a multiple of Q4K_MATVEC_CHUNK_ROWS, so of
 * every packed interleave: a packed tile starts at r0 * n_bpr * block_bytes). */
void matvec_job_rows(const matvec_job *job, size_t r0, size_t r1);

/* Run the job on the pool's threads in fixed chunks of rows (pool NULL or
 * one chunk: on the calling thread). pool.c. */
int matvec_run_job(q4k_pool *pool, const matvec_job *job);

/* Q4K_OK, or the status for bad arguments; *n_bpr gets n_cols/256.
 * block_bytes: the weight format's block size. */
int matvec_check(const void *w, size_t n_rows, size_t n_cols, const void *xq, size_t n_vecs, const float *y,
                 size_t block_bytes, size_t *n_bpr);

/* A whole call with variant v of operation op (weights of block_bytes a
 * block): the checks, then the rows through pool's threads (NULL: the
 * calling thread). What q4k_matmul_q8k_mt_with and
 * q4k_matmul_q6k_q8k_mt_with are (pool.c). */
int matvec_run(q4k_pool *pool, const q4k_variant *v, q4k_op op, size_t block_bytes, const void *w, size_t n_rows,
               size_t n_cols, const void *xq, size_t n_vecs, float *y);

#endif
