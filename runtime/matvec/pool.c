/* pool.c - the thread pool of the fused matrix-vector products.
 *
 * The caller's thread works too: a pool of n threads starts n-1 workers.
 * A call publishes a job and bumps a generation counter; every thread then
 * takes fixed chunks of Q4K_MATVEC_CHUNK_ROWS rows from an atomic counter
 * until none are left. Which thread computes a chunk changes from run to
 * run; what a row's result is never does (it depends on that row alone),
 * so every thread count gives the same bits. The Q4_K and Q6_K products
 * share it: a job carries its weight format's block size. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "matvec_internal.h"
#include "q4k_matvec_q6k.h"

struct q4k_pool {
    unsigned n_threads;
    pthread_t *workers;
    unsigned n_started;
    pthread_mutex_t lock;
    pthread_cond_t wake;      /* workers: a new generation or stop */
    pthread_cond_t done;      /* the caller: every worker finished the generation */
    unsigned long generation;
    unsigned busy;            /* workers still in the current generation */
    int stop;
    matvec_job job;
    atomic_size_t next_chunk;
    size_t n_chunks;
};

static void run_chunks(q4k_pool *p)
{
    for (;;) {
        size_t c = atomic_fetch_add_explicit(&p->next_chunk, 1, memory_order_relaxed);
        if (c >= p->n_chunks)
            return;
        size_t r0 = c * Q4K_MATVEC_CHUNK_ROWS;
        size_t r1 = r0 + Q4K_MATVEC_CHUNK_ROWS < p->job.n_rows ? r0 + Q4K_MATVEC_CHUNK_ROWS : p->job.n_rows;
        matvec_job_rows(&p->job, r0, r1);
    }
}

static void *worker_main(void *arg)
{
    q4k_pool *p = arg;
    unsigned long seen = 0;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (!p->stop && p->generation == seen)
            pthread_cond_wait(&p->wake, &p->lock);
        if (p->stop)
            break;
        seen = p->generation;
        pthread_mutex_unlock(&p->lock);
        run_chunks(p);
        pthread_mutex_lock(&p->lock);
        if (--p->busy == 0)
            pthread_cond_signal(&p->done);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

int q4k_pool_create(unsigned n_threads, q4k_pool **out)
{
    if (!out || n_threads == 0 || n_threads > 1024)
        return Q4K_EINVAL;
    *out = NULL;
    q4k_pool *p = calloc(1, sizeof *p);
    if (!p)
        return Q4K_ENOMEM;
    p->n_threads = n_threads;
    if (pthread_mutex_init(&p->lock, NULL)) {
        free(p);
        return Q4K_ENOMEM;
    }
    if (pthread_cond_init(&p->wake, NULL)) {
        pthread_mutex_destroy(&p->lock);
        free(p);
        return Q4K_ENOMEM;
    }
    if (pthread_cond_init(&p->done, NULL)) {
        pthread_cond_destroy(&p->wake);
        pthread_mutex_destroy(&p->lock);
        free(p);
        return Q4K_ENOMEM;
    }
    if (n_threads > 1 && !(p->workers = calloc(n_threads - 1, sizeof *p->workers))) {
        q4k_pool_destroy(p);
        return Q4K_ENOMEM;
    }
    for (unsigned i = 0; i + 1 < n_threads; i++) {
        if (pthread_create(&p->workers[i], NULL, worker_main, p)) {
            q4k_pool_destroy(p);
            return Q4K_ENOMEM;
        }
        p->n_started++;
    }
    *out = p;
    return Q4K_OK;
}

void q4k_pool_destroy(q4k_pool *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    p->stop = 1;
    pthread_cond_broadcast(&p->wake);
    pthread_mutex_unlock(&p->lock);
    for (unsigned i = 0; i < p->n_started; i++)
        pthread_join(p->workers[i], NULL);
    free(p->workers);
    pthread_cond_destroy(&p->done);
    pthread_cond_destroy(&p->wake);
    pthread_mutex_destroy(&p->lock);
    free(p);
}

unsigned q4k_pool_threads(const q4k_pool *p)
{
    return p ? p->n_threads : 1;
}

int matvec_run_job(q4k_pool *pool, const matvec_job *job)
{
    size_t n_chunks = (job->n_rows + Q4K_MATVEC_CHUNK_ROWS - 1) / Q4K_MATVEC_CHUNK_ROWS;
    if (!pool || pool->n_started == 0 || n_chunks == 1) {
        matvec_job_rows(job, 0, job->n_rows);
        return Q4K_OK;
    }
    pthread_mutex_lock(&pool->lock);
    pool->job = *job;
    pool->n_chunks = n_chunks;
    atomic_store_explicit(&pool->next_chunk, 0, memory_order_relaxed);
    pool->busy = pool->n_started;
    pool->generation++;
    pthread_cond_broadcast(&pool->wake);
    pthread_mutex_unlock(&pool->lock);
    run_chunks(pool);
    pthread_mutex_lock(&pool->lock);
    while (pool->busy)
        pthread_cond_wait(&pool->done, &pool->lock);
    pthread_mutex_unlock(&pool->lock);
    return Q4K_OK;
}

int q4k_matmul_q8k_mt_with(q4k_pool *pool, const q4k_variant *v, const void *w, size_t n_rows, size_t n_cols,
                           const void *xq, size_t n_vecs, float *y)
{
    return matvec_run(pool, v, Q4K_OP_MATVEC, Q4K_BLOCK_BYTES, w, n_rows, n_cols, xq, n_vecs, y);
}

int q4k_matmul_q6k_q8k_mt_with(q4k_pool *pool, const q4k_variant *v, const void *w, size_t n_rows,
                               size_t n_cols, const void *xq, size_t n_vecs, float *y)
{
    return matvec_run(pool, v, Q4K_OP_MATVEC_Q6K, Q4K_Q6K_BLOCK_BYTES, w, n_rows, n_cols, xq, n_vecs, y);
}

int matvec_run(q4k_pool *pool, const q4k_variant *v, q4k_op op, size_t block_bytes, const void *w, size_t n_rows,
               size_t n_cols, const void *xq, size_t n_vecs, float *y)
{
    if (!v || v->op != op || !v->matvec || v->layout != 0)
        return Q4K_EINVAL;
    if (!q4k_variant_usable(v))
        return Q4K_EUNSUPPORTED;
    size_t n_bpr;
    int st = matvec_check(w, n_rows, n_cols, xq, n_vecs, y, block_bytes, &n_bpr);
    if (st != Q4K_OK || !n_rows || !n_bpr || !n_vecs)
        return st;
    const matvec_job job = {v->matvec, w, n_rows, n_bpr, block_bytes, xq, n_vecs, y};
    return matvec_run_job(pool, &job);
}
