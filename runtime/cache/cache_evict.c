/* cache_evict.c - the tensor cache's eviction rule: which unpinned tensor
 * leaves when a new one needs room. Two policies, chosen at create time:
 *
 * LRU   the tail of the recency list (least recently acquired or released).
 *
 * REUSE predicted reuse distance, an approximation of Belady's optimum
 *       (evict what is needed farthest in the future). Every key keeps the
 *       acquire clock of its last use and the interval between its last two
 *       uses, also after eviction (a "ghost"), and is predicted to be needed
 *       again at last_use + interval. Ranking, first evicted first:
 *         1. keys with no usable history: seen once, or late by more than a
 *            whole interval (the pattern changed); oldest first, as LRU;
 *         2. the rest by predicted distance to the next use, farthest first.
 *       A decoder walks the same tensors in the same order every token, so
 *       every interval is one pass and the farthest next use is the most
 *       recently used tensor: the rule keeps a stable subset resident and
 *       hits about budget / model size per pass where LRU hits nothing.
 *
 * Both: entries warmed but not acquired yet were asked for by the caller
 * for the near future; they go only when nothing else can, and never to
 * make room for another warm. */
#include <stdint.h>
#include <string.h>

#include "cache_internal.h"

void cache_list_push_head(cache_list *l, cache_entry *e)
{
    e->prev = NULL;
    e->next = l->head;
    if (l->head)
        l->head->prev = e;
    else
        l->tail = e;
    l->head = e;
    l->count++;
}

void cache_list_remove(cache_list *l, cache_entry *e)
{
    if (e->prev)
        e->prev->next = e->next;
    else
        l->head = e->next;
    if (e->next)
        e->next->prev = e->prev;
    else
        l->tail = e->prev;
    e->prev = e->next = NULL;
    l->count--;
}

static void touch(q4k_cache *c, cache_entry *e)
{
    if (!e->resident || c->recency.head == e)
        return;
    cache_list_remove(&c->recency, e);
    cache_list_push_head(&c->recency, e);
}

void cache_evict_note_acquire(q4k_cache *c, cache_entry *e)
{
    uint64_t now = ++c->clock;
    if (e->last_use)
        e->interval = now - e->last_use;
    e->last_use = now;
    e->warm_pending = 0;
    touch(c, e);
}

void cache_evict_note_release(q4k_cache *c, cache_entry *e)
{
    touch(c, e);
}

int cache_evict_allowed(const cache_entry *e)
{
    return e->resident && e->state == ENTRY_READY && e->pins == 0 && e->waiters == 0;
}

int cache_evict_keeps_history(const q4k_cache *c)
{
    return c->opt.policy == Q4K_CACHE_REUSE;
}

/* REUSE: how far ahead e's next use is expected; larger = evict sooner.
 * Keys without usable history rank above every prediction. */
static uint64_t reuse_distance(uint64_t now, const cache_entry *e)
{
    const uint64_t no_history = UINT64_MAX / 2;
    uint64_t idle = now - e->last_use;
    if (e->last_use == 0 || e->interval == 0)
        return no_history + idle;
    uint64_t due = e->last_use + e->interval;
    if (due >= now)
        return due - now;
    /* Late: a little (threads reorder acquires) means "any moment now";
     * more than a whole interval means the pattern has changed. */
    return now - due <= e->interval ? 0 : no_history + idle;
}

static cache_entry *lru_victim(q4k_cache *c, int warm_ok)
{
    for (cache_entry *e = c->recency.tail; e; e = e->prev)
        if (cache_evict_allowed(e) && (warm_ok || !e->warm_pending))
            return e;
    return NULL;
}

static cache_entry *reuse_victim(q4k_cache *c, int warm_ok)
{
    cache_entry *best = NULL;
    uint64_t best_distance = 0;
    /* From the most recent: among equal distances the most recently used
     * goes, which is what a cyclic walk wants. */
    for (cache_entry *e = c->recency.head; e; e = e->next) {
        if (!cache_evict_allowed(e) || (!warm_ok && e->warm_pending))
            continue;
        uint64_t d = reuse_distance(c->clock, e);
        if (!best || d > best_distance) {
            best = e;
            best_distance = d;
        }
    }
    return best;
}

cache_entry *cache_evict_victim(q4k_cache *c, int warm_ok_last)
{
    for (int warm_ok = 0; warm_ok <= warm_ok_last; warm_ok++) {
        cache_entry *e = c->opt.policy == Q4K_CACHE_REUSE ? reuse_victim(c, warm_ok)
                                                           : lru_victim(c, warm_ok);
        if (e)
            return e;
    }
    return NULL;
}

const char *q4k_cache_policy_name(q4k_cache_policy p)
{
    switch (p) {
    case Q4K_CACHE_LRU: return "lru";
    case Q4K_CACHE_REUSE: return "reuse";
    }
    return "?";
}

int q4k_cache_policy_parse(const char *name, q4k_cache_policy *out)
{
    if (!name || !out)
        return Q4K_EINVAL;
    for (int p = Q4K_CACHE_LRU; p <= Q4K_CACHE_REUSE; p++)
        if (!strcmp(name, q4k_cache_policy_name((q4k_cache_policy)p))) {
            *out = (q4k_cache_policy)p;
            return Q4K_OK;
        }
    return Q4K_EINVAL;
}
