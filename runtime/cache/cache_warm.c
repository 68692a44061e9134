/* cache_warm.c - background warming: one worker thread per cache
 * dequantizes the tensors a caller says it needs next, so that its acquire
 * finds them resident (or waits for the load already under way instead of
 * starting a second one). The worker starts with the first warm and stops
 * in q4k_cache_destroy; queued requests that have not started by then are
 * dropped. A request is also dropped when the caller acquires that tensor
 * before the worker got to it: it is no longer ahead of the caller. */
#include <string.h>

#include "cache_internal.h"

static void *worker_main(void *arg)
{
    q4k_cache *c = arg;
    pthread_mutex_lock(&c->lock);
    for (;;) {
        while (!c->worker_stop && !c->queue_head)
            pthread_cond_wait(&c->work, &c->lock);
        if (c->worker_stop)
            break;
        warm_request *r = c->queue_head;
        c->queue_head = r->next;
        if (!c->queue_head)
            c->queue_tail = NULL;
        c->worker_busy = 1;
        pthread_mutex_unlock(&c->lock);

        cache_fill(c, r->key, r->type, r->blocks, r->n_blocks);
        cache_free(c, r);

        pthread_mutex_lock(&c->lock);
        c->worker_busy = 0;
        if (!c->queue_head)
            pthread_cond_broadcast(&c->idle);
    }
    pthread_mutex_unlock(&c->lock);
    return NULL;
}

static void free_requests(q4k_cache *c, warm_request *r)
{
    while (r) {
        warm_request *next = r->next;
        cache_free(c, r);
        r = next;
    }
}

int q4k_cache_warm(q4k_cache *c, const q4k_cache_tensor *tensors, size_t n)
{
    if (!c || (n && !tensors))
        return Q4K_EINVAL;
    for (size_t i = 0; i < n; i++)
        if (!tensors[i].key || !*tensors[i].key || !tensors[i].blocks || !tensors[i].n_blocks ||
            !cache_type_known(tensors[i].type))
            return Q4K_EINVAL;
        else if (tensors[i].n_blocks > SIZE_MAX / (Q4K_BLOCK_VALUES * sizeof(float)))
            return Q4K_EOVERFLOW;
    if (n == 0)
        return Q4K_OK;

    /* Allocate every request before queueing any: all or nothing. */
    warm_request *head = NULL, *tail = NULL;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(tensors[i].key);
        warm_request *r = cache_alloc(c, sizeof *r + len + 1);
        if (!r) {
            free_requests(c, head);
            return Q4K_ENOMEM;
        }
        r->next = NULL;
        r->hash = cache_hash(tensors[i].key);
        r->blocks = tensors[i].blocks;
        r->n_blocks = tensors[i].n_blocks;
        r->type = tensors[i].type;
        memcpy(r->key, tensors[i].key, len + 1);
        if (tail)
            tail->next = r;
        else
            head = r;
        tail = r;
    }

    pthread_mutex_lock(&c->lock);
    if (c->worker_stop) { /* destroy has begun: a caller bug, but stay safe */
        pthread_mutex_unlock(&c->lock);
        free_requests(c, head);
        return Q4K_EINVAL;
    }
    if (!c->worker_started) {
        if (pthread_create(&c->worker, NULL, worker_main, c) != 0) {
            pthread_mutex_unlock(&c->lock);
            free_requests(c, head);
            return Q4K_ENOMEM;
        }
        c->worker_started = 1;
    }
    if (c->queue_tail)
        c->queue_tail->next = head;
    else
        c->queue_head = head;
    c->queue_tail = tail;
    pthread_cond_signal(&c->work);
    pthread_mutex_unlock(&c->lock);
    return Q4K_OK;
}

int q4k_cache_warm_wait(q4k_cache *c)
{
    if (!c)
        return Q4K_EINVAL;
    pthread_mutex_lock(&c->lock);
    while (c->queue_head || c->worker_busy)
        pthread_cond_wait(&c->idle, &c->lock);
    pthread_mutex_unlock(&c->lock);
    return Q4K_OK;
}

void cache_warm_cancel(q4k_cache *c, const char *key, uint64_t hash)
{
    warm_request **p = &c->queue_head, *last = NULL;
    while (*p) {
        warm_request *r = *p;
        if (r->hash == hash && !strcmp(r->key, key)) {
            *p = r->next;
            c->st.warm_skipped++;
            cache_free(c, r);
        } else {
            last = r;
            p = &r->next;
        }
    }
    c->queue_tail = last;
    if (!c->queue_head && !c->worker_busy)
        pthread_cond_broadcast(&c->idle);
}

void cache_warm_shutdown(q4k_cache *c)
{
    pthread_mutex_lock(&c->lock);
    warm_request *dropped = c->queue_head;
    for (warm_request *r = dropped; r; r = r->next)
        c->st.warm_dropped++;
    c->queue_head = c->queue_tail = NULL;
    c->worker_stop = 1;
    int started = c->worker_started;
    pthread_cond_signal(&c->work);
    pthread_cond_broadcast(&c->idle);
    pthread_mutex_unlock(&c->lock);
    free_requests(c, dropped);
    if (started)
        pthread_join(c->worker, NULL);
}
