/* cache_many.c - acquire and release a whole layer through the cache.
 * With threads > 1, helper threads take tensors from a shared counter and
 * acquire them at the same time, so the misses of a layer are dequantized
 * in parallel (one tensor per thread); the cache's per-key loading already
 * keeps two threads from loading the same tensor. */
#include <pthread.h>
#include <stdatomic.h>

#include "q4k_cache.h"

enum { MAX_LAYER_THREADS = 64 };

typedef struct layer_job {
    q4k_cache *cache;
    const q4k_cache_tensor *tensors;
    size_t n;
    const float **floats;
    atomic_size_t next;     /* the next tensor to claim */
    atomic_int error;       /* first failure; stops further claims */
} layer_job;

static void *acquire_some(void *arg)
{
    layer_job *job = arg;
    for (;;) {
        if (atomic_load(&job->error) != Q4K_OK)
            break;
        size_t i = atomic_fetch_add(&job->next, 1);
        if (i >= job->n)
            break;
        const q4k_cache_tensor *t = &job->tensors[i];
        int status = q4k_cache_acquire_type(job->cache, t->key, t->type, t->blocks, t->n_blocks, &job->floats[i]);
        if (status != Q4K_OK) {
            int expected = Q4K_OK;
            atomic_compare_exchange_strong(&job->error, &expected, status);
        }
    }
    return NULL;
}

int q4k_cache_acquire_many(q4k_cache *c, const q4k_cache_tensor *tensors,
                           size_t n, unsigned threads, const float **floats)
{
    if (!c || (n && (!tensors || !floats)))
        return Q4K_EINVAL;
    for (size_t i = 0; i < n; i++)
        floats[i] = NULL;

    layer_job job = {.cache = c, .tensors = tensors, .n = n, .floats = floats};
    atomic_init(&job.next, 0);
    atomic_init(&job.error, Q4K_OK);

    size_t helpers = threads > 1 ? threads - 1 : 0;
    if (helpers > MAX_LAYER_THREADS - 1)
        helpers = MAX_LAYER_THREADS - 1;
    if (helpers > (n ? n - 1 : 0))
        helpers = n ? n - 1 : 0;
    pthread_t tid[MAX_LAYER_THREADS];
    size_t started = 0;
    /* A helper that cannot start only costs parallelism. */
    while (started < helpers && pthread_create(&tid[started], NULL, acquire_some, &job) == 0)
        started++;
    acquire_some(&job);
    for (size_t i = 0; i < started; i++)
        pthread_join(tid[i], NULL);

    int status = atomic_load(&job.error);
    if (status != Q4K_OK) {
        for (size_t i = 0; i < n; i++)
            if (floats[i]) {
                q4k_cache_release(c, tensors[i].key);
                floats[i] = NULL;
            }
    }
    return status;
}

int q4k_cache_release_many(q4k_cache *c, const q4k_cache_tensor *tensors, size_t n)
{
    if (!c || (n && !tensors))
        return Q4K_EINVAL;
    int first = Q4K_OK;
    for (size_t i = 0; i < n; i++) {
        int status = tensors[i].key ? q4k_cache_release(c, tensors[i].key) : Q4K_EINVAL;
        if (status != Q4K_OK && first == Q4K_OK)
            first = status;
    }
    return first;
}
