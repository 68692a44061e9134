/* q4k_cache.h - a thread-safe cache of dequantized Q4_K and Q6_K tensors.
 *
 * A model's weights stay quantized (e.g. in a mapped GGUF file); the cache
 * holds the float32 copies a caller is using or will use again soon, within
 * a byte budget. Keys are strings (GGUF tensor names are the natural ones):
 * the same key must always name the same tensor (same blocks, same
 * n_blocks, same type; a different n_blocks or type for a known key is
 * Q4K_EINVAL). A tensor is Q4_K (q4k_cache_acquire) or Q6_K
 * (q4k_cache_acquire_type with Q4K_WTYPE_Q6_K, or a q4k_cache_tensor whose
 * type says so); both count against the same budget as their floats.
 *
 *   q4k_cache *c;
 *   q4k_cache_create(NULL, &c);                     // LRU, 512 MiB
 *   const float *w;
 *   q4k_cache_acquire(c, "blk.0.attn_q.weight", blocks, n_blocks, &w);
 *   ... use w[0 .. n_blocks*256) ...
 *   q4k_cache_release(c, "blk.0.attn_q.weight");
 *   q4k_cache_destroy(c);
 *
 * Rules the implementation keeps (tests/test_cache*.c check them):
 * - Pinning: every successful acquire pins the tensor until the matching
 *   release; a pinned tensor is never freed or moved.
 * - Budget: the bytes of cached (resident) tensors, pinned or not, never
 *   exceed the budget. When a new tensor does not fit, unpinned resident
 *   tensors are evicted (which ones: the policy, runtime/cache_evict.c). A
 *   tensor larger than the budget, or one that does not fit because pinned
 *   tensors hold the budget, is served UNCACHED: dequantized into its own
 *   buffer outside the budget, shared by everyone who acquires the same key
 *   while it is pinned, freed when the last holder releases it. Never an
 *   error; counted in stats.uncached (and stats.oversize for the first kind).
 * - One dequantization per key per residency: threads that miss on the same
 *   key together wait (condition variable) for the one that loads it; an
 *   acquire of a key the warming worker is loading waits for that load.
 * - Failures (Q4K_ENOMEM, ...) leave the cache consistent: nothing leaks,
 *   nothing stays pinned, the budget accounting is exact.
 * - Memory: an evicted tensor's buffer is kept in a free pool and reused
 *   by the next load of a tensor of the same byte size (already faulted
 *   in: no page faults, no zeroing); resident + pooled bytes stay within
 *   the budget, the pool giving memory back first. Fresh buffers are
 *   faulted in right after allocation (by the warming worker for warmed
 *   tensors, ahead of their use); with the default allocator, buffers
 *   from 2 MiB up are 2 MiB-aligned and advised for huge pages on Linux.
 *
 * Every function returns 0 or a negative q4k_status (q4k.h). */
#ifndef Q4K_CACHE_H
#define Q4K_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "q4k_core.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct q4k_cache q4k_cache;

/* Which unpinned tensor to evict when a new one needs room. */
typedef enum q4k_cache_policy {
    /* Least recently used (acquired or released) first. Good when the
     * working set fits; hits 0% on a cyclic walk larger than the budget,
     * since it evicts each tensor just before it comes round again. */
    Q4K_CACHE_LRU = 0,
    /* Predicted reuse distance (an approximation of Belady's optimum):
     * each key remembers, even after eviction, the number of acquires
     * between its last two acquires; the victim is the tensor whose next
     * use, predicted as last use + that interval, lies farthest ahead.
     * Tensors seen only once go first (so a one-off scan cannot flush a
     * reused set). On the cyclic layer walk of a decoder every interval is
     * one pass, so the rule keeps a stable subset and evicts the tensor
     * used most recently: hit rate near budget / model size. */
    Q4K_CACHE_REUSE = 1
} q4k_cache_policy;

/* "lru", "reuse"; "?" when unknown. */
const char *q4k_cache_policy_name(q4k_cache_policy p);
/* Parse a policy name; Q4K_EINVAL when unknown. */
int q4k_cache_policy_parse(const char *name, q4k_cache_policy *out);

/* Memory hooks: every allocation the cache makes (tensor floats, entries,
 * keys, the hash table, warm requests) goes through alloc, so a test can
 * make any one of them fail. Tensor buffers may be reused for other
 * tensors of the same size before they are freed (see Memory above). alloc returns NULL on failure; free accepts
 * what alloc returned (never NULL). Tensor buffers need no alignment
 * beyond malloc's: the kernels accept any float pointer. */
typedef void *(*q4k_cache_alloc_fn)(size_t bytes, void *user);
typedef void (*q4k_cache_free_fn)(void *p, void *user);

/* The dequantizer; q4k_dequantize (Q6_K: q4k_dequantize_q6k) unless a
 * test counts calls. */
typedef int (*q4k_cache_dequant_fn)(const void *blocks, size_t n_blocks, float *out);

enum { Q4K_CACHE_DEFAULT_BUDGET_MIB = 512 };

typedef struct q4k_cache_options {
    size_t budget_bytes;          /* 0 = Q4K_CACHE_DEFAULT_BUDGET_MIB MiB */
    q4k_cache_policy policy;      /* Q4K_CACHE_LRU (0) by default */
    q4k_cache_alloc_fn alloc;     /* NULL = malloc (huge pages for large buffers);
                                     alloc and free go together */
    q4k_cache_free_fn free;       /* NULL = free */
    void *alloc_user;             /* passed to alloc and free */
    q4k_cache_dequant_fn dequant; /* Q4_K tensors; NULL = q4k_dequantize */
    q4k_cache_dequant_fn dequant_q6k; /* Q6_K tensors; NULL = q4k_dequantize_q6k */
} q4k_cache_options;

/* Create a cache. opts may be NULL (all defaults); a zeroed struct also
 * means defaults. Q4K_EINVAL for a NULL out, an unknown policy or only one
 * of alloc/free; Q4K_ENOMEM. The warming worker starts with the first
 * q4k_cache_warm. */
int q4k_cache_create(const q4k_cache_options *opts, q4k_cache **out);

/* Stop the warming worker (dropping queued warms, finishing the one in
 * progress) and free everything. Q4K_EBUSY, and nothing is changed, while
 * any tensor is still acquired: release first. NULL is a no-op (0). Must
 * not run concurrently with other calls on the same cache. */
int q4k_cache_destroy(q4k_cache *c);

/* The float32 copy of tensor key (n_blocks*256 values) in *floats, pinned
 * until q4k_cache_release(c, key). On a miss, dequantizes blocks (which
 * need only be valid during the call). Q4K_EINVAL for NULL or empty key,
 * NULL blocks or floats, n_blocks == 0, or n_blocks differing from what
 * the key was first acquired with; Q4K_EOVERFLOW; Q4K_ENOMEM; or the
 * dequantizer's status. On failure *floats is NULL and nothing is pinned. */
int q4k_cache_acquire(q4k_cache *c, const char *key, const void *blocks,
                      size_t n_blocks, const float **floats);
/* The same for a tensor of type type (Q4K_WTYPE_Q4_K or Q4K_WTYPE_Q6_K;
 * q4k_cache_acquire is this with Q4K_WTYPE_Q4_K). Q4K_EINVAL also for an
 * unknown type or a type differing from what the key was first acquired
 * with. */
int q4k_cache_acquire_type(q4k_cache *c, const char *key, q4k_wtype type, const void *blocks,
                           size_t n_blocks, const float **floats);

/* Unpin one acquire of key. Q4K_ENOTFOUND when key is not acquired. */
int q4k_cache_release(q4k_cache *c, const char *key);

/* 1 when key is resident (cached within the budget and loaded), else 0.
 * Does not count as a use: the eviction order is unchanged. */
int q4k_cache_contains(q4k_cache *c, const char *key);

/* A tensor a caller names: for warming and whole-layer acquires. */
typedef struct q4k_cache_tensor {
    const char *key;
    const void *blocks;
    size_t n_blocks;
    q4k_wtype type;       /* Q4K_WTYPE_Q4_K (0, the default) or Q4K_WTYPE_Q6_K */
} q4k_cache_tensor;

/* Queue tensors the caller will acquire soon; one background worker
 * dequantizes them into the cache in order. Keys are copied; the blocks
 * must stay valid until the warm has happened (q4k_cache_warm_wait) or the
 * cache is destroyed. Tensors already cached or loading are skipped;
 * tensors that would not fit (oversize, or pinned tensors hold the budget)
 * are dropped, and so are tensors for which only other warmed, not yet
 * acquired tensors could make room. Warmed tensors not acquired yet are
 * evicted (for an acquire) only when no other unpinned tensor is left. All-or-nothing: on Q4K_EINVAL (a bad
 * tensor) or Q4K_ENOMEM nothing is queued. A queued warm whose tensor the
 * caller acquires first is dropped (counted in warm_skipped): it would only
 * reload the tensor later for nothing. */
int q4k_cache_warm(q4k_cache *c, const q4k_cache_tensor *tensors, size_t n);

/* Block until the warm queue is empty and the worker idle. */
int q4k_cache_warm_wait(q4k_cache *c);

/* Acquire a whole layer: floats[i] receives tensors[i]'s floats. Misses
 * are dequantized by up to `threads` threads at once (0 or 1: the
 * caller's thread only), one tensor per thread at a time. All-or-nothing:
 * on failure every tensor this call acquired is released again, floats[]
 * is all NULL, and the first error is returned. A key listed twice is
 * acquired (and must be released) twice. */
int q4k_cache_acquire_many(q4k_cache *c, const q4k_cache_tensor *tensors,
                           size_t n, unsigned threads, const float **floats);
/* Release what q4k_cache_acquire_many acquired; returns the first error
 * but releases every key it can. */
int q4k_cache_release_many(q4k_cache *c, const q4k_cache_tensor *tensors, size_t n);

typedef struct q4k_cache_stats {
    q4k_cache_policy policy;
    size_t budget_bytes;
    size_t bytes_in_use;    /* resident tensors (incl. loading): <= budget */
    size_t bytes_uncached;  /* uncached tensors held right now */
    size_t peak_bytes;      /* max of bytes_in_use + bytes_uncached so far */
    size_t entries;         /* resident tensors */
    size_t pinned;          /* tensors acquired right now (resident or not) */
    uint64_t hits;          /* acquires served without dequantizing */
    uint64_t misses;        /* acquires that dequantized (cached or not) */
    uint64_t evictions;     /* resident tensors freed to make room */
    uint64_t uncached;      /* misses served outside the budget */
    uint64_t oversize;      /*   of which the tensor exceeded the budget */
    uint64_t waits;         /* hits that waited for another thread's load */
    uint64_t failures;      /* acquires that returned an error */
    uint64_t warm_loads;    /* tensors the worker dequantized */
    uint64_t warm_skipped;  /* warms already cached or loading */
    uint64_t warm_dropped;  /* warms that did not fit, failed or were cancelled */
    uint64_t warm_wasted;   /* warmed tensors evicted before any acquire */
    uint64_t dequantizations; /* calls of the dequantizer (misses + warm loads) */
    double hit_rate;        /* hits / (hits + misses); 0 before any acquire */
    size_t bytes_pooled;    /* free tensor buffers kept for reuse; bytes_in_use +
                               bytes_pooled <= budget */
    uint64_t buffer_reuses; /* loads into a pooled (evicted) buffer */
    uint64_t buffer_allocs; /* loads into a newly allocated buffer */
} q4k_cache_stats;

/* A consistent snapshot of the counters. */
int q4k_cache_get_stats(q4k_cache *c, q4k_cache_stats *out);

#ifdef __cplusplus
}
#endif

#endif /* Q4K_CACHE_H */
