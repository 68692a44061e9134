/* cache.c - the tensor cache: keys, pins, the byte budget and loading,
 * with exactly one dequantization per key per residency. The eviction rule
 * lives in cache_evict.c, the warming worker in cache_warm.c, whole-layer
 * acquires in cache_many.c; the contract is in q4k_cache.h.
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
    INITIAL_BUCKETS = 64,   /* power of two; the table doubles as keys arrive */
    MAX_GHOSTS = 4096       /* reuse history kept for evicted keys (oldest dropped) */
};

static void *default_alloc(size_t bytes, void *user)
{
    (void)user;
    return malloc(bytes);
}

static void default_free(void *p, void *user)
{
    (void)user;
    free(p);
}

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

static int tensor_bytes(size_t n_blocks, size_t *bytes)
{
    const size_t per_block = Q4K_BLOCK_VALUES * sizeof(float);
    if (n_blocks > SIZE_MAX / per_block)
        return Q4K_EOVERFLOW;
    *bytes = n_blocks * per_block;
    return Q4K_OK;
}

/* ---- the hash table (every known key, ghosts included) ---------------- */

static cache_entry *find_any(q4k_cache *c, const char *key, uint64_t hash)
{
    for (cache_entry *e = c->buckets[hash & (c->n_buckets - 1)]; e; e = e->hnext)
        if (e->hash == hash && !strcmp(e->key, key))
            return e;
    return NULL;
}

cache_entry *cache_find_live(q4k_cache *c, const char *key)
{
    cache_entry *e = find_any(c, key, cache_hash(key));
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

static void table_insert(q4k_cache *c, cache_entry *e)
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
static cache_entry *entry_new(q4k_cache *c, const char *key, uint64_t hash)
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

static void pin(q4k_cache *c, cache_entry *e)
{
    if (e->pins++ == 0)
        c->n_pinned++;
}

static void unpin(q4k_cache *c, cache_entry *e)
{
    if (--e->pins == 0)
        c->n_pinned--;
}

/* e holds no floats any more (and nobody holds e): keep its history as a
 * ghost when the policy uses it, else forget the key. */
static void entry_retire(q4k_cache *c, cache_entry *e)
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
    cache_free(c, e->floats);
    c->st.evictions++;
    c->st.warm_wasted += (uint64_t)e->warm_pending;
    entry_retire(c, e);
}

static void update_peak(q4k_cache *c)
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
static int make_room(q4k_cache *c, size_t bytes, int for_warm)
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
    cache_free(c, buf);
    if (e->resident) {
        cache_list_remove(&c->recency, e);
        e->resident = 0;
        c->bytes_in_use -= e->bytes;
    } else {
        c->bytes_uncached -= e->bytes;
    }
    if (e->pins)
        unpin(c, e);
    table_remove(c, e);
    e->state = ENTRY_FAILED;
    e->status = status;
    pthread_cond_broadcast(&c->loaded);
    if (e->waiters == 0)
        cache_free(c, e);
}

/* Dequantize outside the lock (which the caller holds on entry and on
 * return). Returns the status; on success e is READY. */
static int load(q4k_cache *c, cache_entry *e, const void *blocks)
{
    pthread_mutex_unlock(&c->lock);
    float *buf = cache_alloc(c, e->bytes);
    int status = buf ? c->opt.dequant(blocks, e->n_blocks, buf) : Q4K_ENOMEM;
    pthread_mutex_lock(&c->lock);
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
        o.alloc = default_alloc;
        o.free = default_free;
    }
    if (!o.dequant)
        o.dequant = q4k_dequantize;

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
    /* Only READY and GHOST entries are left: loads in progress are either
     * pinned (refused above) or the worker's (joined). */
    for (size_t i = 0; i < c->n_buckets; i++) {
        cache_entry *e = c->buckets[i];
        while (e) {
            cache_entry *next = e->hnext;
            cache_free(c, e->floats);
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
    if (floats)
        *floats = NULL;
    if (!c || !key || !*key || !blocks || !floats || n_blocks == 0)
        return Q4K_EINVAL;
    size_t bytes;
    if (tensor_bytes(n_blocks, &bytes) != Q4K_OK)
        return Q4K_EOVERFLOW;
    uint64_t hash = cache_hash(key);

    pthread_mutex_lock(&c->lock);
    if (c->queue_head)
        cache_warm_cancel(c, key, hash);
    int waited = 0;
    cache_entry *e;
    for (;;) {
        e = find_any(c, key, hash);
        if (!e || e->state == ENTRY_GHOST)
            break;
        if (e->n_blocks != n_blocks) {
            c->st.failures++;
            pthread_mutex_unlock(&c->lock);
            return Q4K_EINVAL;
        }
        if (e->state == ENTRY_READY) {
            pin(c, e);
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
        if (e->n_blocks != n_blocks)
            e->last_use = e->interval = 0;
    } else {
        e = entry_new(c, key, hash);
        if (!e) {
            c->st.failures++;
            pthread_mutex_unlock(&c->lock);
            return Q4K_ENOMEM;
        }
        table_insert(c, e);
    }
    e->n_blocks = n_blocks;
    e->bytes = bytes;
    e->state = ENTRY_LOADING;
    pin(c, e);
    cache_evict_note_acquire(c, e);
    if (make_room(c, bytes, 0)) {
        e->resident = 1;
        cache_list_push_head(&c->recency, e);
    } else {
        c->bytes_uncached += bytes;
    }
    update_peak(c);

    int status = load(c, e, blocks);
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
    unpin(c, e);
    cache_evict_note_release(c, e);
    if (e->pins == 0 && !e->resident && e->waiters == 0) {
        c->bytes_uncached -= e->bytes;
        cache_free(c, e->floats);
        entry_retire(c, e);
    }
    pthread_mutex_unlock(&c->lock);
    return Q4K_OK;
}

void cache_warm_load(q4k_cache *c, const char *key, const void *blocks, size_t n_blocks)
{
    size_t bytes;
    if (tensor_bytes(n_blocks, &bytes) != Q4K_OK) /* checked when queued */
        return;
    uint64_t hash = cache_hash(key);
    pthread_mutex_lock(&c->lock);
    cache_entry *e = find_any(c, key, hash);
    if (e && e->state != ENTRY_GHOST) {
        c->st.warm_skipped++;
        pthread_mutex_unlock(&c->lock);
        return;
    }
    /* Off the ghost list first, so that evictions cannot prune it. */
    int was_ghost = e != NULL;
    if (was_ghost) {
        cache_list_remove(&c->ghosts, e);
    } else if (!(e = entry_new(c, key, hash))) {
        c->st.warm_dropped++;
        pthread_mutex_unlock(&c->lock);
        return;
    }
    if (!make_room(c, bytes, 1)) {
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
        table_insert(c, e);
    else if (e->n_blocks != n_blocks)
        e->last_use = e->interval = 0;
    e->n_blocks = n_blocks;
    e->bytes = bytes;
    e->state = ENTRY_LOADING;
    e->warm_pending = 1;
    e->resident = 1;
    cache_list_push_head(&c->recency, e);
    update_peak(c);
    if (load(c, e, blocks) == Q4K_OK)
        c->st.warm_loads++;
    else
        c->st.warm_dropped++;
    pthread_mutex_unlock(&c->lock);
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
    out->entries = c->recency.count;
    out->pinned = c->n_pinned;
    pthread_mutex_unlock(&c->lock);
    uint64_t total = out->hits + out->misses;
    out->hit_rate = total ? (double)out->hits / (double)total : 0.0;
    return Q4K_OK;
}
