/* matvec_job.c - what every fused entry point shares: the argument checks
 * and running a range of rows of a job. The bottom of the matvec layer:
 * matvec.c, matvec_q6k.c and pool.c call it, it calls only the kernel it is given. */
#include <stdint.h>

#include "matvec_internal.h"

int matvec_check(const void *w, size_t n_rows, size_t n_cols, const void *xq, size_t n_vecs, const float *y,
                 size_t block_bytes, size_t *n_bpr)
{
    if (n_cols % Q4K_BLOCK_VALUES)
        return Q4K_EINVAL;
    *n_bpr = n_cols / Q4K_BLOCK_VALUES;
    if (n_rows == 0 || n_cols == 0 || n_vecs == 0)
        return Q4K_OK;
    if (!w || !xq || !y)
        return Q4K_EINVAL;
    /* Every byte count the call touches must fit in size_t. */
    if (n_rows > SIZE_MAX / *n_bpr / block_bytes || n_vecs > SIZE_MAX / *n_bpr / Q4K_Q8K_BLOCK_BYTES ||
        n_vecs > SIZE_MAX / n_rows / sizeof(float))
        return Q4K_EOVERFLOW;
    return Q4K_OK;
}

void matvec_job_rows(const matvec_job *job, size_t r0, size_t r1)
{
    job->fn(job->w + r0 * job->n_bpr * job->block_bytes, r1 - r0, job->n_bpr, job->xq, job->n_vecs, job->y + r0,
            job->n_rows);
}
