/* cache_store.c - the cache's store: the key table, entries, pins, the
 * byte budget and the load primitive (exactly one dequantization per key
 * per residency). The public calls (cache.c) and the warming worker
 * (cache_warm.c) are both clients of it; it calls neither. The eviction
 * rule lives in cache_evict.c.
 *
 * An entry's life: LOADING (one thread dequantizes, outside the lock;
 * others wait on c->loaded) -> READY (resident inside the budget, or
 * uncached) -> evicted or, when uncached, released by its last holder ->
 * freed, or kept as a GHOST (key + reuse history) when the policy wants
 * history. A failed load becomes FAILED: unlinked, and freed by whoever
 * is the last to look at it. Threads waiting for a load count as holders
 * (e->waiters), so nothing frees an entry under a waiting thread. */
#include <stdlib.h>
#include <string.h>

#include "cache_internal.h"

enum {
    MAX_GHOSTS = 4096       /* reuse history kept for evicted keys (oldest dropped) */
};

void *cache_alloc(q4k_cache *c, size_t bytes)
{
    return c->opt.alloc(bytes ? bytes : 1, c->opt.alloc_user);
}

void cache_free(q4k_cache *c, void *p)
{
    if (p)
        c->opt.free(p, c->opt.alloc_user);
}

/* FNV-1a: tensor names are short and alike ("blk.12.ffn_up.weight"). */
uint64_t cache_hash(const char *key)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (const unsigned char *p = (const unsigned char *)key; *p; p++)
        h = (h ^ *p) * 0x100000001b3u;
    return h;
}

int cache_tensor_bytes(size_t n_blocks, size_t *bytes)
{
    const size_t per_block = Q4K_BLOCK_VALUES * sizeof(float);
    if (n_blocks > SIZE_MAX / per_block)
        return Q4K_EOVERFLOW;
    *bytes = n_blocks * per_block;
    return Q4K_OK;
}

int cache_type_known(q4k_wtype type)
{
    return type == Q4K_WTYPE_Q4_K || type == Q4K_WTYPE_Q6_K;
}

/* ---- the hash table (every known key, ghosts included) ---------------- */

cache_entry *cache_find_any(q4k_cache *c, const char *key, uint64_t hash)
{
    for (cache_entry *e = c->buckets[hash & (c->n_buckets - 1)]; e; e = e->hnext)
        if (e->hash == hash && !strcmp(e->key, key))
            return e;
    return NULL;
}

cache_entry *cache_find_live(q4k_cache *c, const char *key)
{
    cache_entry *e = cache_find_any(c, key, cache_hash(key));
    return e && e->state != ENTRY_GHOST ? e : NULL;
}

/* Doubling is an optimisation: when its allocation fails the chains just
 * grow longer, so it never fails an acquire. */
static void maybe_grow(q4k_cache *c)
{
    if (c->n_keys <= c->n_buckets || c->n_buckets > SIZE_MAX / 2 / sizeof *c->buckets)
        return;
    size_t n = c->n_buckets * 2;
    cache_entry **b = cache_alloc(c, n * sizeof *b);
    if (!b)
        return;
    memset(b, 0, n * sizeof *b);
    for (size_t i = 0; i < c->n_buckets; i++) {
        cache_entry *e = c->buckets[i];
        while (e) {
            cache_entry *next = e->hnext;
            e->hnext = b[e->hash & (n - 1)];
            b[e->hash & (n - 1)] = e;
            e = next;
        }
    }
    cache_free(c, c->buckets);
    c->buckets = b;
    c->n_buckets = n;
}

void cache_table_insert(q4k_cache *c, cache_entry *e)
{
    cache_entry **slot = &c->buckets[e->hash & (c->n_buckets - 1)];
    e->hnext = *slot;
    *slot = e;
    c->n_keys++;
    maybe_grow(c);
}

static void table_remove(q4k_cache *c, cache_entry *e)
{
    for (cache_entry **p = &c->buckets[e->hash & (c->n_buckets - 1)]; *p; p = &(*p)->hnext)
        if (*p == e) {
            *p = e->hnext;
            c->n_keys--;
            return;
        }
}

/* ---- entries --------------------------------------------------------- */

/* One allocation holds the entry and its key. */
cache_entry *cache_entry_new(q4k_cache *c, const char *key, uint64_t hash)
{
    size_t len = strlen(key);
    cache_entry *e = cache_alloc(c, sizeof *e + len + 1);
    if (!e)
        return NULL;
    memset(e, 0, sizeof *e);
    e->key = (char *)(e + 1);
    memcpy(e->key, key, len + 1);
    e->hash = hash;
    return e;
}

void cache_pin(q4k_cache *c, cache_entry *e)
{
    if (e->pins++ == 0)
        c->n_pinned++;
}

void cache_unpin(q4k_cache *c, cache_entry *e)
{
    if (--e->pins == 0)
        c->n_pinned--;
}

/* e holds no floats any more (and nobody holds e): keep its history as a
 * ghost when the policy uses it, else forget the key. */
void cache_entry_retire(q4k_cache *c, cache_entry *e)
{
    e->floats = NULL;
    e->warm_pending = 0;
    if (!cache_evict_keeps_history(c)) {
        table_remove(c, e);
        cache_free(c, e);
        return;
    }
    e->state = ENTRY_GHOST;
    cache_list_push_head(&c->ghosts, e);
    if (c->ghosts.count > MAX_GHOSTS) {
        cache_entry *old = c->ghosts.tail;
        cache_list_remove(&c->ghosts, old);
        table_remove(c, old);
        cache_free(c, old);
    }
}

static void evict(q4k_cache *c, cache_entry *e)
{
    cache_list_remove(&c->recency, e);
    e->resident = 0;
    c->bytes_in_use -= e->bytes;
    cache_pool_put(c, e->floats, e->bytes); /* for the load that made room */
    c->st.evictions++;
    c->st.warm_wasted += (uint64_t)e->warm_pending;
    cache_entry_retire(c, e);
}

void cache_update_peak(q4k_cache *c)
{
    size_t total = c->bytes_in_use + c->bytes_uncached;
    if (total > c->st.peak_bytes)
        c->st.peak_bytes = total;
}

/* Room for bytes inside the budget, evicting by the policy as needed.
 * 1: the bytes are accounted to the budget and the tensor will be
 * resident. 0: it cannot fit (larger than the budget, or pinned and
 * loading tensors hold too much of it) and nothing was evicted in vain.
 * for_warm: a warm may not evict other warmed tensors not used yet; that
 * would only trade one prediction for another (and, on a budget smaller
 * than two layers, make the worker evict its own work). */
int cache_make_room(q4k_cache *c, size_t bytes, int for_warm)
{
    size_t budget = c->opt.budget_bytes;
    if (bytes > budget)
        return 0;
    if (bytes > budget - c->bytes_in_use) {
        size_t freeable = 0;
        for (cache_entry *e = c->recency.head; e; e = e->next)
            if (cache_evict_allowed(e) && !(for_warm && e->warm_pending))
                freeable += e->bytes;
        if (bytes > budget - c->bytes_in_use + freeable)
            return 0;
        while (bytes > budget - c->bytes_in_use) {
            cache_entry *victim = cache_evict_victim(c, !for_warm);
            if (!victim) /* cannot happen: freeable covered it */
                return 0;
            evict(c, victim);
        }
    }
    c->bytes_in_use += bytes;
    return 1;
}

/* Undo a load that failed: its bytes, its pin, its key. */
static void load_failed(q4k_cache *c, cache_entry *e, float *buf, int status)
{
    if (e->resident) { /* its bytes were in the budget: room for the buffer */
        cache_pool_put(c, buf, e->bytes);
        cache_list_remove(&c->recency, e);
        e->resident = 0;
        c->bytes_in_use -= e->bytes;
    } else {
        c->bytes_uncached -= e->bytes;
        cache_pool_offer(c, buf, e->bytes);
    }
    if (e->pins)
        cache_unpin(c, e);
    table_remove(c, e);
    e->state = ENTRY_FAILED;
    e->status = status;
    pthread_cond_broadcast(&c->loaded);
    if (e->waiters == 0)
        cache_free(c, e);
    cache_pool_free_chain(c, cache_pool_trim(c)); /* rare: under the lock */
}

/* Dequantize outside the lock (which the caller holds on entry and on
 * return). Returns the status; on success e is READY.
 *
 * The buffer: one of the same size from the pool (evicted tensors'
 * buffers, already faulted in) when there is one; else a fresh one,
 * faulted in at once (on the warming worker's thread for a warm, ahead of
 * the acquire). Either way the pool is first trimmed back into the budget
 * that now holds this tensor, so the fresh allocation never takes the
 * cache's memory past it. */
int cache_load(q4k_cache *c, cache_entry *e, const void *blocks)
{
    size_t fresh_from = 0;
    float *buf = cache_pool_take(c, e->bytes, &fresh_from);
    void *unused = cache_pool_trim(c);
    pthread_mutex_unlock(&c->lock);
    cache_pool_free_chain(c, unused);
    int fresh = 0;
    if (!buf && (buf = cache_pool_alloc(c, e->bytes)) != NULL) {
        fresh = 1;
        fresh_from = 0;
    }
    if (buf && fresh_from < e->bytes)
        cache_pool_prefault((char *)buf + fresh_from, e->bytes - fresh_from);
    q4k_cache_dequant_fn dequant = e->type == Q4K_WTYPE_Q6_K ? c->opt.dequant_q6k : c->opt.dequant;
    int status = buf ? dequant(blocks, e->n_blocks, buf) : Q4K_ENOMEM;
    pthread_mutex_lock(&c->lock);
    c->st.buffer_allocs += (uint64_t)fresh;
    if (buf)
        c->st.dequantizations++;
    if (status != Q4K_OK) {
        load_failed(c, e, buf, status);
        return status;
    }
    e->floats = buf;
    e->state = ENTRY_READY;
    pthread_cond_broadcast(&c->loaded);
    return Q4K_OK;
}

void cache_fill(q4k_cache *c, const char *key, q4k_wtype type, const void *blocks, size_t n_blocks)
{
    size_t bytes;
    if (cache_tensor_bytes(n_blocks, &bytes) != Q4K_OK) /* checked when queued */
        return;
    uint64_t hash = cache_hash(key);
    pthread_mutex_lock(&c->lock);
    cache_entry *e = cache_find_any(c, key, hash);
    if (e && e->state != ENTRY_GHOST) {
        c->st.warm_skipped++;
        pthread_mutex_unlock(&c->lock);
        return;
    }
    /* Off the ghost list first, so that evictions cannot prune it. */
    int was_ghost = e != NULL;
    if (was_ghost) {
        cache_list_remove(&c->ghosts, e);
    } else if (!(e = cache_entry_new(c, key, hash))) {
        c->st.warm_dropped++;
        pthread_mutex_unlock(&c->lock);
        return;
    }
    if (!cache_make_room(c, bytes, 1)) {
        /* A warm never goes uncached: nobody holds it yet. */
        if (was_ghost)
            cache_list_push_head(&c->ghosts, e);
        else
            cache_free(c, e);
        c->st.warm_dropped++;
        pthread_mutex_unlock(&c->lock);
        return;
    }
    if (!was_ghost)
        cache_table_insert(c, e);
    else if (e->n_blocks != n_blocks || e->type != type)
        e->last_use = e->interval = 0;
    e->n_blocks = n_blocks;
    e->type = type;
    e->bytes = bytes;
    e->state = ENTRY_LOADING;
    e->warm_pending = 1;
    e->resident = 1;
    cache_list_push_head(&c->recency, e);
    cache_update_peak(c);
    if (cache_load(c, e, blocks) == Q4K_OK)
        c->st.warm_loads++;
    else
        c->st.warm_dropped++;
    pthread_mutex_unlock(&c->lock);
}

