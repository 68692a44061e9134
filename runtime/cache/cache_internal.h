/* cache_internal.h - the tensor cache's private state, shared by
 * cache_store.c (keys, entries, budget, loading), cache.c (the public
 * calls), cache_evict.c (the eviction rule),
 * cache_warm.c (the background worker) and cache_many.c (whole layers).
 *
 * One mutex guards everything below; dequantization and tensor-sized
 * allocations run outside it. */
#ifndef Q4K_CACHE_INTERNAL_H
#define Q4K_CACHE_INTERNAL_H

#include <pthread.h>
#include <stdint.h>

#include "q4k_cache.h"

typedef enum cache_entry_state {
    ENTRY_LOADING, /* one thread is dequantizing it; others wait */
    ENTRY_READY,   /* floats valid */
    ENTRY_FAILED,  /* the load failed; unlinked, freed by its last waiter */
    ENTRY_GHOST    /* no floats: only the key's reuse history (REUSE policy) */
} cache_entry_state;

typedef struct cache_entry {
    char *key;
    uint64_t hash;
    struct cache_entry *hnext; /* hash chain */
    struct cache_entry *prev;  /* recency list when resident, ghost list when a ghost */
    struct cache_entry *next;
    size_t n_blocks;
    q4k_wtype type;            /* the blocks' format: which dequantizer loads it */
    size_t bytes;              /* n_blocks * 256 * sizeof(float) */
    float *floats;             /* READY only */
    cache_entry_state state;
    int status;                /* FAILED: the load's error */
    int resident;              /* inside the budget and on the recency list */
    int warm_pending;          /* loaded by the worker, not acquired since */
    unsigned pins;             /* acquires not yet released */
    unsigned waiters;          /* threads waiting for its load: pins it too */
    uint64_t last_use;         /* c->clock at its last acquire; 0 = never */
    uint64_t interval;         /* acquires between its last two; 0 = unknown */
} cache_entry;

typedef struct cache_list {
    cache_entry *head; /* most recent */
    cache_entry *tail; /* least recent */
    size_t count;
} cache_list;

/* Free tensor buffers of one size (cache_pool.c), linked through their
 * first bytes. */
typedef struct cache_pool_class {
    size_t bytes;              /* the class: exact tensor bytes */
    void *head;
    size_t count;
    uint64_t stamp;            /* c->pool_clock when a load last took from it; 0 = never */
} cache_pool_class;

enum { CACHE_POOL_CLASSES = 16 };

typedef struct warm_request {
    struct warm_request *next;
    uint64_t hash;             /* cache_hash(key) */
    const void *blocks;
    size_t n_blocks;
    q4k_wtype type;
    char key[]; /* NUL-terminated copy */
} warm_request;

struct q4k_cache {
    pthread_mutex_t lock;
    pthread_cond_t loaded; /* broadcast whenever a load ends */
    q4k_cache_options opt; /* budget, policy and hooks resolved at create */

    cache_entry **buckets; /* power-of-two hash table of every known key */
    size_t n_buckets;
    size_t n_keys;         /* entries in the table, ghosts included */

    cache_list recency;    /* resident entries, most recently used first */
    cache_list ghosts;     /* ghost entries, newest first (oldest dropped) */
    uint64_t clock;        /* acquires so far: the REUSE policy's time */

    size_t bytes_in_use;   /* resident bytes, loading ones included */
    size_t bytes_uncached;
    size_t bytes_pooled;   /* free buffers kept for reuse: bytes_in_use + this <= budget */
    cache_pool_class pool[CACHE_POOL_CLASSES];
    void *pool_doomed;     /* buffers to hand back to the allocator (no class free) */
    uint64_t pool_clock;
    size_t n_pinned;       /* entries with pins > 0 */
    q4k_cache_stats st;    /* counters (byte fields filled in on read) */

    /* warming worker (cache_warm.c) */
    pthread_t worker;
    int worker_started;
    int worker_stop;
    int worker_busy;
    warm_request *queue_head;
    warm_request *queue_tail;
    pthread_cond_t work;   /* worker: queue not empty or stop */
    pthread_cond_t idle;   /* q4k_cache_warm_wait: queue empty, worker idle */
};

/* ---- cache_store.c: the store. Lock held in all but alloc/free/hash. ---- */
void *cache_alloc(q4k_cache *c, size_t bytes);
void cache_free(q4k_cache *c, void *p);
uint64_t cache_hash(const char *key);
/* n_blocks of floats in bytes; Q4K_EOVERFLOW when it does not fit. */
int cache_tensor_bytes(size_t n_blocks, size_t *bytes);
/* 1 when the cache can load type (Q4_K, Q6_K). */
int cache_type_known(q4k_wtype type);
/* The entry for key (ghosts included) or NULL. */
cache_entry *cache_find_any(q4k_cache *c, const char *key, uint64_t hash);
/* The non-ghost entry for key or NULL. */
cache_entry *cache_find_live(q4k_cache *c, const char *key);
/* A new entry (entry and key in one allocation), not yet in the table. */
cache_entry *cache_entry_new(q4k_cache *c, const char *key, uint64_t hash);
void cache_table_insert(q4k_cache *c, cache_entry *e);
void cache_pin(q4k_cache *c, cache_entry *e);
void cache_unpin(q4k_cache *c, cache_entry *e);
/* e holds no floats and nobody holds e: keep it as a ghost or forget it. */
void cache_entry_retire(q4k_cache *c, cache_entry *e);
void cache_update_peak(q4k_cache *c);
/* Room for bytes in the budget, evicting by the policy: 1 (accounted,
 * resident) or 0 (cannot fit; nothing evicted in vain). for_warm: never
 * evict other warmed tensors not used yet. */
int cache_make_room(q4k_cache *c, size_t bytes, int for_warm);
/* Dequantize e outside the lock (held on entry and return); on success e
 * is READY, on failure it is undone (FAILED). Returns the status. */
int cache_load(q4k_cache *c, cache_entry *e, const void *blocks);
/* The load primitive of the warming worker: dequantize key into the cache
 * unless present; dropped when it would not be resident. Lock NOT held. */
void cache_fill(q4k_cache *c, const char *key, q4k_wtype type, const void *blocks, size_t n_blocks);

/* ---- cache_pool.c: buffers for reuse, huge pages, prefault ---- */
/* Lock held: a pooled buffer for a tensor of bytes (counted as a reuse),
 * or NULL. One of exactly that size if there is one; else, with the
 * default allocator on Linux, one built from pooled pages of other sizes.
 * Its bytes from *fresh_from on were never written (fault them in with
 * cache_pool_prefault after letting go of the lock); all of them
 * (*fresh_from == bytes) were. */
float *cache_pool_take(q4k_cache *c, size_t bytes, size_t *fresh_from);
/* A new tensor buffer of bytes, not faulted in yet (the default allocator:
 * the cache's own mmap region, huge pages from 2 MiB up), and its release. */
void *cache_pool_alloc(q4k_cache *c, size_t bytes);
void cache_pool_release(q4k_cache *c, void *buf, size_t bytes);
/* Lock held: keep buf (bytes long) for reuse. The pool may now exceed the
 * budget: cache_pool_trim before the lock is let go. */
void cache_pool_put(q4k_cache *c, void *buf, size_t bytes);
/* Lock held: keep buf for reuse only if the budget has room for it beside
 * the resident and pooled bytes; else it is handed back at the next trim. */
void cache_pool_offer(q4k_cache *c, void *buf, size_t bytes);
/* Lock held: unlink pooled buffers until bytes_in_use + bytes_pooled <=
 * budget (least recently used class first); returns them as a chain for
 * cache_pool_free_chain, best called after the lock is let go. */
void *cache_pool_trim(q4k_cache *c);
/* Lock held (or the cache unshared): every pooled buffer, as a chain. */
void *cache_pool_drain(q4k_cache *c);
/* Give a chain back to the allocator (any lock state). */
void cache_pool_free_chain(q4k_cache *c, void *chain);
/* Fault a fresh buffer in now, in one go where the OS can. */
void cache_pool_prefault(void *buf, size_t bytes);
/* The default hooks: malloc/free, with huge-page-aligned, huge-page-advised
 * buffers from 2 MiB up on Linux. */
void *cache_default_alloc(size_t bytes, void *user);
void cache_default_free(void *p, void *user);

/* ---- cache_evict.c: the eviction rule. Lock held in all. ---- */
void cache_list_push_head(cache_list *l, cache_entry *e);
void cache_list_remove(cache_list *l, cache_entry *e);
/* e was acquired: advance the clock, learn its reuse interval, mark it
 * most recent. */
void cache_evict_note_acquire(q4k_cache *c, cache_entry *e);
/* e was released: most recent. */
void cache_evict_note_release(q4k_cache *c, cache_entry *e);
/* 1 when e may be evicted now (resident, ready, nobody holds or awaits it). */
int cache_evict_allowed(const cache_entry *e);
/* The next victim by the policy, among evictable entries; warmed entries
 * not acquired yet only when no other is left and warm_ok_last is 1.
 * NULL when none. */
cache_entry *cache_evict_victim(q4k_cache *c, int warm_ok_last);
/* 1 when the policy needs ghosts (history of evicted keys). */
int cache_evict_keeps_history(const q4k_cache *c);

/* ---- cache_warm.c (cache.c calls these; they call only the store) ---- */
/* The caller acquired key: queued warms of it are no longer ahead of the
 * caller and would only reload it later (after an eviction) for nothing.
 * Lock held. */
void cache_warm_cancel(q4k_cache *c, const char *key, uint64_t hash);
/* Stop and join the worker, dropping queued requests. Lock NOT held. */
void cache_warm_shutdown(q4k_cache *c);

#endif /* Q4K_CACHE_INTERNAL_H */
