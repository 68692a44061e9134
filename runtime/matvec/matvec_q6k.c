/* matvec_q6k.c - the fused Q6_K x Q8_K entry points (q4k_matvec_q6k.h):
 * the variant the dispatch table picks for the weight's size, then the
 * call. The same layers as the Q4_K product (matvec.c): argument checks and
 * row ranges in matvec_job.c, threads in pool.c, kernels in
 * templates/matvec_q6k/. Calls go matvec_q6k.c -> pool.c -> matvec_job.c. */
#include "matvec_internal.h"
#include "q4k_dispatch.h"
#include "q4k_matvec_q6k.h"

int q4k_matmul_q6k_q8k_with(const q4k_variant *v, const void *w, size_t n_rows, size_t n_cols, const void *xq,
                            size_t n_vecs, float *y)
{
    return q4k_matmul_q6k_q8k_mt_with(NULL, v, w, n_rows, n_cols, xq, n_vecs, y);
}

int q4k_matmul_q6k_q8k(const void *w, size_t n_rows, size_t n_cols, const void *xq, size_t n_vecs, float *y)
{
    return q4k_matmul_q6k_q8k_mt(NULL, w, n_rows, n_cols, xq, n_vecs, y);
}

int q4k_matvec_q6k_q8k(const void *w, size_t n_rows, size_t n_cols, const void *xq, float *y)
{
    return q4k_matmul_q6k_q8k_mt(NULL, w, n_rows, n_cols, xq, 1, y);
}

int q4k_matvec_q6k_q8k_mt(q4k_pool *pool, const void *w, size_t n_rows, size_t n_cols, const void *xq, float *y)
{
    return q4k_matmul_q6k_q8k_mt(pool, w, n_rows, n_cols, xq, 1, y);
}

int q4k_matmul_q6k_q8k_mt(q4k_pool *pool, const void *w, size_t n_rows, size_t n_cols, const void *xq,
                          size_t n_vecs, float *y)
{
    size_t n_bpr;
    int st = matvec_check(w, n_rows, n_cols, xq, n_vecs, y, Q4K_Q6K_BLOCK_BYTES, &n_bpr);
    if (st != Q4K_OK || !n_rows || !n_bpr || !n_vecs)
        return st;
    const q4k_variant *v = q4k_dispatch_select_for(Q4K_OP_MATVEC_Q6K, n_rows * n_bpr,
                                                   (unsigned)(n_vecs < 4096 ? n_vecs : 4096), q4k_pool_threads(pool), 0);
    return q4k_matmul_q6k_q8k_mt_with(pool, v, w, n_rows, n_cols, xq, n_vecs, y);
}
