/* cache_pool.c - the memory under the tensor cache: evicted tensor buffers
 * kept for reuse, huge pages, prefaulting.
 *
 * Why: on a model larger than the budget every acquire misses, and a miss
 * that gets fresh memory from the allocator pays for the kernel faulting
 * it in and zeroing it page by page under the dequantization's streaming
 * stores (a cyclic walk over a 1B model: ~800,000 minor faults a pass).
 * So an evicted tensor's buffer goes into a free pool instead of back to
 * the allocator, and the next load of a tensor of the same size class
 * takes it, already faulted in.
 *
 * Size classes are exact byte counts (a model has a handful of tensor
 * sizes), at most CACHE_POOL_CLASSES of them at a time. The pool stays
 * inside the budget: resident bytes (loading ones included) + pooled bytes
 * <= budget whenever the lock is free, so the cache's memory, uncached
 * tensors aside, never exceeds the budget. When it would, pooled buffers
 * go back to the allocator, first those of the class that served a load
 * least recently (a class no load has taken from, first of all): on a
 * cyclic walk the sizes loads keep asking for stay, and the buffer of a
 * one-off size (token_embd between the layers) goes.
 *
 * Free buffers are linked through their own first bytes (tensor buffers
 * are at least 1 KiB), so the pool never allocates. This file calls no
 * other cache file: the store (cache_store.c) and the public calls
 * (cache.c) use it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "cache_internal.h"

enum { HUGE_PAGE = 2u << 20, SMALL_PAGE = 4096 };

/* The link stored in a free buffer: memcpy, so any alignment will do. */
static void *next_of(void *buf)
{
    void *n;
    memcpy(&n, buf, sizeof n);
    return n;
}

static void set_next(void *buf, void *next)
{
    memcpy(buf, &next, sizeof next);
}

float *cache_pool_take(q4k_cache *c, size_t bytes)
{
    for (size_t i = 0; i < CACHE_POOL_CLASSES; i++) {
        cache_pool_class *k = &c->pool[i];
        if (k->count && k->bytes == bytes) {
            void *buf = k->head;
            k->head = next_of(buf);
            k->count--;
            k->stamp = ++c->pool_clock;
            c->bytes_pooled -= bytes;
            c->st.buffer_reuses++;
            return buf;
        }
    }
    return NULL;
}

void cache_pool_put(q4k_cache *c, void *buf, size_t bytes)
{
    if (!buf)
        return;
    cache_pool_class *slot = NULL;
    for (size_t i = 0; i < CACHE_POOL_CLASSES && !slot; i++)
        if (c->pool[i].count && c->pool[i].bytes == bytes)
            slot = &c->pool[i];
    for (size_t i = 0; i < CACHE_POOL_CLASSES && !slot; i++)
        if (!c->pool[i].count)
            slot = &c->pool[i];
    if (!slot || bytes < sizeof(void *)) { /* every class in use: back to the allocator */
        set_next(buf, c->pool_doomed);
        c->pool_doomed = buf;
        return;
    }
    if (!slot->count && slot->bytes != bytes) {
        slot->bytes = bytes;
        slot->stamp = 0; /* a class no load has taken from yet */
    }
    set_next(buf, slot->head);
    slot->head = buf;
    slot->count++;
    c->bytes_pooled += bytes;
}

void cache_pool_offer(q4k_cache *c, void *buf, size_t bytes)
{
    if (!buf)
        return;
    size_t budget = c->opt.budget_bytes, used = c->bytes_in_use + c->bytes_pooled;
    if (used <= budget && bytes <= budget - used) {
        cache_pool_put(c, buf, bytes);
    } else {
        set_next(buf, c->pool_doomed);
        c->pool_doomed = buf;
    }
}

void *cache_pool_trim(q4k_cache *c)
{
    void *out = c->pool_doomed;
    c->pool_doomed = NULL;
    size_t budget = c->opt.budget_bytes;
    while (c->bytes_pooled && c->bytes_pooled > budget - (c->bytes_in_use < budget ? c->bytes_in_use : budget)) {
        cache_pool_class *oldest = NULL;
        for (size_t i = 0; i < CACHE_POOL_CLASSES; i++)
            if (c->pool[i].count && (!oldest || c->pool[i].stamp < oldest->stamp))
                oldest = &c->pool[i];
        void *buf = oldest->head;
        oldest->head = next_of(buf);
        oldest->count--;
        c->bytes_pooled -= oldest->bytes;
        set_next(buf, out);
        out = buf;
    }
    return out;
}

void *cache_pool_drain(q4k_cache *c)
{
    void *out = c->pool_doomed;
    c->pool_doomed = NULL;
    for (size_t i = 0; i < CACHE_POOL_CLASSES; i++) {
        cache_pool_class *k = &c->pool[i];
        while (k->count) {
            void *buf = k->head;
            k->head = next_of(buf);
            k->count--;
            c->bytes_pooled -= k->bytes;
            set_next(buf, out);
            out = buf;
        }
    }
    return out;
}

void cache_pool_free_chain(q4k_cache *c, void *chain)
{
    while (chain) {
        void *next = next_of(chain);
        c->opt.free(chain, c->opt.alloc_user);
        chain = next;
    }
}

/* ---- fresh memory ----------------------------------------------------- */

void cache_pool_prefault(void *buf, size_t bytes)
{
    uintptr_t p = (uintptr_t)buf, end = p + bytes;
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
    /* One call faults the whole range in (Linux 5.14+); older kernels say
     * EINVAL and get the loop below. */
    uintptr_t a = (p + SMALL_PAGE - 1) & ~(uintptr_t)(SMALL_PAGE - 1);
    uintptr_t b = end & ~(uintptr_t)(SMALL_PAGE - 1);
    if (b > a && madvise((void *)a, b - a, MADV_POPULATE_WRITE) == 0)
        return;
#endif
    /* One write per page; the dequantization overwrites everything anyway. */
    for (uintptr_t q = p; q < end; q += SMALL_PAGE)
        *(volatile char *)q = 0;
    if (bytes)
        *(volatile char *)(end - 1) = 0;
}

void *cache_default_alloc(size_t bytes, void *user)
{
    (void)user;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    /* Large tensor buffers start on a huge-page boundary and ask for huge
     * pages (transparent huge pages in "madvise" mode need the ask): 512x
     * fewer faults and TLB misses. Elsewhere, or if refused, plain pages. */
    if (bytes >= HUGE_PAGE) {
        void *p = NULL;
        if (posix_memalign(&p, HUGE_PAGE, bytes) != 0)
            return NULL;
        madvise(p, bytes & ~(size_t)(HUGE_PAGE - 1), MADV_HUGEPAGE);
        return p;
    }
#endif
    return malloc(bytes);
}

void cache_default_free(void *p, void *user)
{
    (void)user;
    free(p);
}
