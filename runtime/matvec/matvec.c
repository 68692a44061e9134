/* matvec.c - the fused Q4_K x Q8_K entry points (q4k_matvec.h): the
 * variant the dispatch table picks for the weight's size, then the call.
 * Argument checks and row ranges: matvec_job.c; threads: pool.c; the
 * kernels: templates/matvec/. Calls go matvec.c -> pool.c -> matvec_job.c. */
#include <stdint.h>
#include <stdlib.h>

#include "matvec_internal.h"
#include "q4k_dispatch.h"

int q4k_matmul_q8k_with(const q4k_variant *v, const void *w, size_t n_rows, size_t n_cols, const void *xq,
                        size_t n_vecs, float *y)
{
    return q4k_matmul_q8k_mt_with(NULL, v, w, n_rows, n_cols, xq, n_vecs, y);
}

int q4k_matmul_q8k(const void *w, size_t n_rows, size_t n_cols, const void *xq, size_t n_vecs, float *y)
{
    return q4k_matmul_q8k_mt(NULL, w, n_rows, n_cols, xq, n_vecs, y);
}

int q4k_matvec_q8k(const void *w, size_t n_rows, size_t n_cols, const void *xq, float *y)
{
    return q4k_matmul_q8k_mt(NULL, w, n_rows, n_cols, xq, 1, y);
}

int q4k_matvec_q8k_mt(q4k_pool *pool, const void *w, size_t n_rows, size_t n_cols, const void *xq, float *y)
{
    return q4k_matmul_q8k_mt(pool, w, n_rows, n_cols, xq, 1, y);
}

int q4k_matmul_q8k_mt(q4k_pool *pool, const void *w, size_t n_rows, size_t n_cols, const void *xq,
                      size_t n_vecs, float *y)
{
    size_t n_bpr;
    int st = matvec_check(w, n_rows, n_cols, xq, n_vecs, y, Q4K_BLOCK_BYTES, &n_bpr);
    if (st != Q4K_OK || !n_rows || !n_bpr || !n_vecs)
        return st;
    const q4k_variant *v = q4k_dispatch_select_for(Q4K_OP_MATVEC, n_rows * n_bpr, (unsigned)(n_vecs < 4096 ? n_vecs : 4096),
                                                   q4k_pool_threads(pool), 0);
    return q4k_matmul_q8k_mt_with(pool, v, w, n_rows, n_cols, xq, n_vecs, y);
}

int q4k_matmul_f32(const void *w, size_t n_rows, size_t n_cols, const float *x, size_t n_vecs, float *y)
{
    size_t n_bpr;
    int st = matvec_check(w, n_rows, n_cols, x, n_vecs, y, Q4K_BLOCK_BYTES, &n_bpr);
    if (st != Q4K_OK || !n_rows || !n_bpr || !n_vecs)
        return st;
    void *xq = malloc(n_vecs * n_bpr * Q4K_Q8K_BLOCK_BYTES);
    if (!xq)
        return Q4K_ENOMEM;
    st = q4k_quantize_q8k(x, n_vecs * n_cols, xq);
    if (st == Q4K_OK)
        st = q4k_matmul_q8k(w, n_rows, n_cols, xq, n_vecs, y);
    free(xq);
    return st;
}
