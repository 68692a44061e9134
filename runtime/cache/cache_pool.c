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
 * Pages, not only buffers (Linux, the default allocator): a model's sizes
 * do not always pair up. On a cyclic walk of a Llama-3.2-1B-shaped model
 * through 512 MiB, the 250 MiB output matrix evicts a layer's 16 and 64 MiB
 * tensors and is evicted by them in turn, so exact-size reuse alone left
 * ~1 GiB a pass to fresh memory (on this project's VM, faulting fresh
 * memory in ran at ~2 GB/s: most of a pass). So tensor buffers there are
 * the cache's own mmap regions, and a load that finds no buffer of its
 * size builds one from pooled regions of other sizes: mremap moves their
 * pages (page table entries, 2 MiB at a time, no copy, no fault) into one
 * new range, splitting the last one; only what the pool cannot cover is
 * faulted in fresh. (The budget counts tensor bytes; under each tensor is
 * its region, rounded up to whole 4 KiB or, from 2 MiB up, 2 MiB pages.)
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
#include "hugemem.h"

enum { HUGE_PAGE = 2u << 20, SMALL_PAGE = 4096 };

#if defined(__linux__) && defined(MREMAP_FIXED) && defined(MREMAP_MAYMOVE) && defined(MAP_ANONYMOUS)
#define POOL_PAGES 1
#else
#define POOL_PAGES 0
#endif

/* The link stored in a free buffer: its successor and its size in bytes
 * (memcpy, so any alignment will do; buffers hold at least 1 KiB). */
typedef struct pool_link {
    void *next;
    size_t bytes;
} pool_link;

static void *next_of(void *buf)
{
    pool_link l;
    memcpy(&l, buf, sizeof l);
    return l.next;
}

static size_t bytes_of(void *buf)
{
    pool_link l;
    memcpy(&l, buf, sizeof l);
    return l.bytes;
}

static void set_link(void *buf, void *next, size_t bytes)
{
    pool_link l = {next, bytes};
    memcpy(buf, &l, sizeof l);
}

/* ---- tensor buffers: the cache's own pages, or the user's allocator ---- */

/* Whether tensor buffers are this file's mmap regions (whose pages can be
 * moved between buffers) rather than the user's allocator's blocks. */
static int pages_mode(const q4k_cache *c)
{
    return POOL_PAGES && c->opt.alloc == cache_default_alloc;
}

/* The length of the region under a buffer of bytes: whole huge pages from
 * 2 MiB up (so moved pages stay huge), else whole small pages. */
static size_t region_len(size_t bytes)
{
    size_t page = bytes >= HUGE_PAGE ? HUGE_PAGE : SMALL_PAGE;
    return (bytes + page - 1) / page * page;
}

#if POOL_PAGES
/* len bytes of fresh address space on a huge-page boundary (for len from
 * 2 MiB up), advised for huge pages; nothing is faulted in yet. */
static void *map_region(size_t len)
{
    size_t align = len >= HUGE_PAGE ? HUGE_PAGE : SMALL_PAGE;
    size_t span = len + align - SMALL_PAGE;
    char *p = mmap(NULL, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    uintptr_t a = ((uintptr_t)p + align - 1) & ~(uintptr_t)(align - 1);
    size_t head = (size_t)(a - (uintptr_t)p), tail = span - head - len;
    if (head)
        munmap(p, head);
    if (tail)
        munmap((char *)a + len, tail);
    if (len >= HUGE_PAGE)
        madvise((void *)a, len, MADV_HUGEPAGE);
    return (void *)a;
}
#endif

void *cache_pool_alloc(q4k_cache *c, size_t bytes)
{
#if POOL_PAGES
    if (pages_mode(c))
        return map_region(region_len(bytes));
#endif
    return c->opt.alloc(bytes ? bytes : 1, c->opt.alloc_user);
}

void cache_pool_release(q4k_cache *c, void *buf, size_t bytes)
{
    if (!buf)
        return;
#if POOL_PAGES
    if (pages_mode(c)) {
        munmap(buf, region_len(bytes));
        return;
    }
#endif
    (void)bytes;
    c->opt.free(buf, c->opt.alloc_user);
}

/* Unlink the first buffer of class k. */
static void *pop(q4k_cache *c, cache_pool_class *k)
{
    void *buf = k->head;
    k->head = next_of(buf);
    k->count--;
    c->bytes_pooled -= k->bytes;
    return buf;
}

#if POOL_PAGES
/* The pooled class that serves an assembly next: the least recently used
 * one, among regions of the request's kind (whole huge pages for a buffer
 * from 2 MiB up, small ones below) first, so moved huge pages stay huge. */
static cache_pool_class *next_source(q4k_cache *c, int huge)
{
    cache_pool_class *best = NULL;
    int best_kind = 0;
    for (size_t i = 0; i < CACHE_POOL_CLASSES; i++) {
        cache_pool_class *k = &c->pool[i];
        if (!k->count)
            continue;
        int kind = (region_len(k->bytes) >= HUGE_PAGE) == huge;
        if (!best || kind > best_kind || (kind == best_kind && k->stamp < best->stamp))
            best = k, best_kind = kind;
    }
    return best;
}

/* Pool the region [p, p + len) (page-aligned) again as free buffers whose
 * sizes are their own region lengths: whole huge pages from 2 MiB up, so
 * a piece of 2.5 MiB goes back as 0.5 MiB + 2 MiB. */
static void put_region(q4k_cache *c, char *p, size_t len)
{
    size_t whole = len >= HUGE_PAGE ? len / HUGE_PAGE * HUGE_PAGE : 0;
    if (len > whole)
        cache_pool_put(c, p, len - whole);
    if (whole)
        cache_pool_put(c, p + (len - whole), whole);
}

/* A buffer of bytes built from pooled regions of other sizes, each moved
 * whole, or split when it holds more than is still missing (the rest pooled
 * again). *fresh_from: where the part no pooled region covered begins
 * (bytes when all of it was). NULL, and nothing changed, when the pool is
 * empty or no address space is left. */
static float *assemble(q4k_cache *c, size_t bytes, size_t *fresh_from)
{
    size_t need = region_len(bytes);
    int huge = need >= HUGE_PAGE;
    if (!next_source(c, huge))
        return NULL;
    char *dst = map_region(need);
    if (!dst)
        return NULL;
    size_t off = 0;
    cache_pool_class *k;
    while (off < need && (k = next_source(c, huge)) != NULL) {
        size_t len = region_len(k->bytes);
        char *src = pop(c, k);
        size_t move = len < need - off ? len : need - off;
        if (mremap(src, move, move, MREMAP_MAYMOVE | MREMAP_FIXED, dst + off) == MAP_FAILED) {
            put_region(c, src, len); /* unchanged: pooled again */
            break;
        }
        if (move < len)
            put_region(c, src + move, len - move);
        off += move;
    }
    if (off == 0) {
        munmap(dst, need);
        return NULL;
    }
    *fresh_from = off < bytes ? off : bytes;
    return (float *)dst;
}
#endif

float *cache_pool_take(q4k_cache *c, size_t bytes, size_t *fresh_from)
{
    *fresh_from = bytes;
    for (size_t i = 0; i < CACHE_POOL_CLASSES; i++) {
        cache_pool_class *k = &c->pool[i];
        if (k->count && k->bytes == bytes) {
            void *buf = pop(c, k);
            k->stamp = ++c->pool_clock;
            c->st.buffer_reuses++;
            return buf;
        }
    }
#if POOL_PAGES
    if (pages_mode(c)) {
        float *buf = assemble(c, bytes, fresh_from);
        if (buf)
            c->st.buffer_reuses++;
        return buf;
    }
#endif
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
    if (!slot || bytes < sizeof(pool_link)) { /* every class in use: back to the allocator */
        set_link(buf, c->pool_doomed, bytes);
        c->pool_doomed = buf;
        return;
    }
    if (!slot->count && slot->bytes != bytes) {
        slot->bytes = bytes;
        slot->stamp = 0; /* a class no load has taken from yet */
    }
    set_link(buf, slot->head, bytes);
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
        set_link(buf, c->pool_doomed, bytes);
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
        size_t bytes = oldest->bytes;
        void *buf = pop(c, oldest);
        set_link(buf, out, bytes);
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
            size_t bytes = k->bytes;
            void *buf = pop(c, k);
            set_link(buf, out, bytes);
            out = buf;
        }
    }
    return out;
}

void cache_pool_free_chain(q4k_cache *c, void *chain)
{
    while (chain) {
        void *next = next_of(chain);
        cache_pool_release(c, chain, bytes_of(chain));
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
    return q4k_huge_alloc(bytes); /* large buffers on huge pages (hugemem.h) */
}

void cache_default_free(void *p, void *user)
{
    (void)user;
    free(p);
}
