/* cache.c - the tensor cache's public calls (q4k_cache.h): create,
 * destroy, acquire, release, contains, stats. The store they work on
 * (keys, entries, budget, loading) is cache_store.c, the eviction rule
 * cache_evict.c, the warming worker cache_warm.c, whole-layer acquires
 * cache_many.c. */
#include <stdlib.h>
#include <string.h>

#include "cache_internal.h"

enum { INITIAL_BUCKETS = 64 }; /* power of two; the table doubles as keys arrive */

/* ---- the public API ------------------------------------------------- */

int q4k_cache_create(const q4k_cache_options *opts, q4k_cache **out)
{
    if (!out)
        return Q4K_EINVAL;
    *out = NULL;
    q4k_cache_options o = {0};
    if (opts)
        o = *opts;
    if (!o.alloc != !o.free || (unsigned)o.policy > Q4K_CACHE_REUSE)
        return Q4K_EINVAL;
    if (!o.budget_bytes)
        o.budget_bytes = (size_t)Q4K_CACHE_DEFAULT_BUDGET_MIB << 20;
    if (!o.alloc) {
        o.alloc = cache_default_alloc; /* cache_pool.c: huge pages for large buffers */
        o.free = cache_default_free;
    }
    if (!o.dequant)
        o.dequant = q4k_dequantize;
    if (!o.dequant_q6k)
        o.dequant_q6k = q4k_dequantize_q6k;

    q4k_cache *c = o.alloc(sizeof *c, o.alloc_user);
    if (!c)
        return Q4K_ENOMEM;
    memset(c, 0, sizeof *c);
    c->opt = o;
    c->st.policy = o.policy;
    c->st.budget_bytes = o.budget_bytes;
    c->n_buckets = INITIAL_BUCKETS;
    c->buckets = cache_alloc(c, c->n_buckets * sizeof *c->buckets);
    if (!c->buckets) {
        o.free(c, o.alloc_user);
        return Q4K_ENOMEM;
    }
    memset(c->buckets, 0, c->n_buckets * sizeof *c->buckets);
    int sync = 0; /* how many of lock, loaded, work, idle exist */
    if (pthread_mutex_init(&c->lock, NULL) == 0 && ++sync &&
        pthread_cond_init(&c->loaded, NULL) == 0 && ++sync &&
        pthread_cond_init(&c->work, NULL) == 0 && ++sync &&
        pthread_cond_init(&c->idle, NULL) == 0 && ++sync) {
        *out = c;
        return Q4K_OK;
    }
    if (sync > 2)
        pthread_cond_destroy(&c->work);
    if (sync > 1)
        pthread_cond_destroy(&c->loaded);
    if (sync > 0)
        pthread_mutex_destroy(&c->lock);
    cache_free(c, c->buckets);
    o.free(c, o.alloc_user);
    return Q4K_ENOMEM;
}

int q4k_cache_destroy(q4k_cache *c)
{
    if (!c)
        return Q4K_OK;
    pthread_mutex_lock(&c->lock);
    size_t pinned = c->n_pinned;
    pthread_mutex_unlock(&c->lock);
    if (pinned)
        return Q4K_EBUSY;
    cache_warm_shutdown(c);
    cache_pool_free_chain(c, cache_pool_drain(c));
    /* Only READY and GHOST entries are left: loads in progress are either
     * pinned (refused above) or the worker's (joined). */
    for (size_t i = 0; i < c->n_buckets; i++) {
        cache_entry *e = c->buckets[i];
        while (e) {
            cache_entry *next = e->hnext;
            cache_pool_release(c, e->floats, e->bytes);
            cache_free(c, e);
            e = next;
        }
    }
    cache_free(c, c->buckets);
    pthread_cond_destroy(&c->idle);
    pthread_cond_destroy(&c->work);
    pthread_cond_destroy(&c->loaded);
    pthread_mutex_destroy(&c->lock);
    c->opt.free(c, c->opt.alloc_user);
    return Q4K_OK;
}

int q4k_cache_acquire(q4k_cache *c, const char *key, const void *blocks,
                      size_t n_blocks, const float **floats)
{
    return q4k_cache_acquire_type(c, key, Q4K_WTYPE_Q4_K, blocks, n_blocks, floats);
}

int q4k_cache_acquire_type(q4k_cache *c, const char *key, q4k_wtype type, const void *blocks,
                           size_t n_blocks, const float **floats)
{
    if (floats)
        *floats = NULL;
    if (!c || !key || !*key || !blocks || !floats || n_blocks == 0 || !cache_type_known(type))
        return Q4K_EINVAL;
    size_t bytes;
    if (cache_tensor_bytes(n_blocks, &bytes) != Q4K_OK)
        return Q4K_EOVERFLOW;
    uint64_t hash = cache_hash(key);

    pthread_mutex_lock(&c->lock);
    if (c->queue_head)
        cache_warm_cancel(c, key, hash);
    int waited = 0;
    cache_entry *e;
    for (;;) {
        e = cache_find_any(c, key, hash);
        if (!e || e->state == ENTRY_GHOST)
            break;
        if (e->n_blocks != n_blocks || e->type != type) {
            c->st.failures++;
            pthread_mutex_unlock(&c->lock);
            return Q4K_EINVAL;
        }
        if (e->state == ENTRY_READY) {
            cache_pin(c, e);
            cache_evict_note_acquire(c, e);
            c->st.hits++;
            c->st.waits += (uint64_t)waited;
            *floats = e->floats;
            pthread_mutex_unlock(&c->lock);
            return Q4K_OK;
        }
        /* Another thread (or the warming worker) is loading it. */
        waited = 1;
        e->waiters++;
        while (e->state == ENTRY_LOADING)
            pthread_cond_wait(&c->loaded, &c->lock);
        e->waiters--;
        if (e->state == ENTRY_FAILED && e->waiters == 0)
            cache_free(c, e); /* the last to see it; then try ourselves */
    }

    /* Miss: this thread loads it. A ghost lends its history. */
    if (e) {
        cache_list_remove(&c->ghosts, e);
        if (e->n_blocks != n_blocks || e->type != type)
            e->last_use = e->interval = 0;
    } else {
        e = cache_entry_new(c, key, hash);
        if (!e) {
            c->st.failures++;
            pthread_mutex_unlock(&c->lock);
            return Q4K_ENOMEM;
        }
        cache_table_insert(c, e);
    }
    e->n_blocks = n_blocks;
    e->type = type;
    e->bytes = bytes;
    e->state = ENTRY_LOADING;
    cache_pin(c, e);
    cache_evict_note_acquire(c, e);
    if (cache_make_room(c, bytes, 0)) {
        e->resident = 1;
        cache_list_push_head(&c->recency, e);
    } else {
        c->bytes_uncached += bytes;
    }
    cache_update_peak(c);

    int status = cache_load(c, e, blocks);
    if (status != Q4K_OK) {
        c->st.failures++;
        pthread_mutex_unlock(&c->lock);
        return status;
    }
    c->st.misses++;
    if (!e->resident) {
        c->st.uncached++;
        c->st.oversize += bytes > c->opt.budget_bytes;
    }
    *floats = e->floats;
    pthread_mutex_unlock(&c->lock);
    return Q4K_OK;
}

int q4k_cache_release(q4k_cache *c, const char *key)
{
    if (!c || !key)
        return Q4K_EINVAL;
    pthread_mutex_lock(&c->lock);
    cache_entry *e = cache_find_live(c, key);
    if (!e || e->state != ENTRY_READY || e->pins == 0) {
        pthread_mutex_unlock(&c->lock);
        return Q4K_ENOTFOUND;
    }
    cache_unpin(c, e);
    cache_evict_note_release(c, e);
    void *unused = NULL;
    if (e->pins == 0 && !e->resident && e->waiters == 0) {
        /* An uncached tensor's buffer: kept for reuse only if the budget
         * has room for it, else back to the allocator. */
        c->bytes_uncached -= e->bytes;
        cache_pool_offer(c, e->floats, e->bytes);
        unused = cache_pool_trim(c);
        cache_entry_retire(c, e);
    }
    pthread_mutex_unlock(&c->lock);
    cache_pool_free_chain(c, unused);
    return Q4K_OK;
}

int q4k_cache_contains(q4k_cache *c, const char *key)
{
    if (!c || !key)
        return 0;
    pthread_mutex_lock(&c->lock);
    cache_entry *e = cache_find_live(c, key);
    int resident = e && e->resident && e->state == ENTRY_READY;
    pthread_mutex_unlock(&c->lock);
    return resident;
}

int q4k_cache_get_stats(q4k_cache *c, q4k_cache_stats *out)
{
    if (!c || !out)
        return Q4K_EINVAL;
    pthread_mutex_lock(&c->lock);
    *out = c->st;
    out->bytes_in_use = c->bytes_in_use;
    out->bytes_uncached = c->bytes_uncached;
    out->bytes_pooled = c->bytes_pooled;
    out->entries = c->recency.count;
    out->pinned = c->n_pinned;
    pthread_mutex_unlock(&c->lock);
    uint64_t total = out->hits + out->misses;
    out->hit_rate = total ? (double)out->hits / (double)total : 0.0;
    return Q4K_OK;
}
