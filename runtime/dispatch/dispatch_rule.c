/* dispatch_rule.c - THE dispatch rule, in one place: (operation, size,
 * vectors, threads) -> bucket -> first usable candidate of the call's
 * weight layout. The dispatcher (dispatch_state.c, which caches its answers
 * per bucket and layout), the tuner and the tools all call these
 * functions, so they cannot disagree. */
#include "q4k_dispatch.h"

static unsigned at_least_1(unsigned n)
{
    return n ? n : 1;
}

/* 1 when series (v, t) is a better match than (bv, bt) for a call with
 * vecs vectors on threads threads: fitting (<= both) beats not fitting;
 * among fitting ones more vectors, then more threads; among the others
 * fewer vectors, then fewer threads (the nearest to one vector, one
 * thread). */
static int better_series(unsigned v, unsigned t, unsigned bv, unsigned bt, unsigned vecs, unsigned threads)
{
    const int fits = v <= vecs && t <= threads, best_fits = bv <= vecs && bt <= threads;
    if (fits != best_fits)
        return fits;
    if (fits)
        return v != bv ? v > bv : t > bt;
    return v != bv ? v < bv : t < bt;
}

long q4k_dispatch_rule_bucket_for(const q4k_dispatch_table *t, q4k_op op, size_t size, unsigned vecs,
                                  unsigned threads)
{
    if (!t || !t->buckets)
        return -1;
    vecs = at_least_1(vecs), threads = at_least_1(threads);
    /* the series */
    unsigned sv = 0, st = 0;
    int found = 0;
    for (size_t i = 0; i < t->n_buckets; i++) {
        const q4k_dispatch_bucket *b = &t->buckets[i];
        if (b->op != op)
            continue;
        const unsigned v = at_least_1(b->vecs), th = at_least_1(b->threads);
        if (!found || better_series(v, th, sv, st, vecs, threads))
            sv = v, st = th, found = 1;
    }
    if (!found)
        return -1;
    /* the size, within the series */
    long last = -1;
    for (size_t i = 0; i < t->n_buckets; i++) {
        const q4k_dispatch_bucket *b = &t->buckets[i];
        if (b->op != op || at_least_1(b->vecs) != sv || at_least_1(b->threads) != st)
            continue;
        if (size <= b->max_size)
            return (long)i;
        last = (long)i;
    }
    return last;
}

long q4k_dispatch_rule_bucket(const q4k_dispatch_table *t, q4k_op op, size_t size)
{
    return q4k_dispatch_rule_bucket_for(t, op, size, 1, 1);
}

const q4k_variant *q4k_dispatch_rule_candidate_layout(const q4k_dispatch_bucket *b, unsigned layout)
{
    for (int c = 0; b && c < Q4K_DISPATCH_MAX_CANDIDATES && b->candidates[c]; c++) {
        const q4k_variant *v = q4k_variant_find(b->candidates[c]);
        if (v && v->op == b->op && v->layout == layout && q4k_variant_usable(v))
            return v;
    }
    return NULL;
}

const q4k_variant *q4k_dispatch_rule_candidate(const q4k_dispatch_bucket *b)
{
    return q4k_dispatch_rule_candidate_layout(b, 0);
}

const q4k_variant *q4k_dispatch_rule_for(const q4k_dispatch_table *t, q4k_op op, size_t size, unsigned vecs,
                                         unsigned threads, unsigned layout)
{
    long i = q4k_dispatch_rule_bucket_for(t, op, size, vecs, threads);
    return i < 0 ? NULL : q4k_dispatch_rule_candidate_layout(&t->buckets[i], layout);
}

const q4k_variant *q4k_dispatch_rule(const q4k_dispatch_table *t, q4k_op op, size_t size)
{
    return q4k_dispatch_rule_for(t, op, size, 1, 1, 0);
}
