/* dispatch_rule.c - THE dispatch rule, in one place: (operation, size) ->
 * bucket -> first usable candidate. The dispatcher (dispatch_table.c,
 * which caches its answers per bucket), the tuner and the tools all call
 * these functions, so they cannot disagree. */
#include "q4k_dispatch.h"

long q4k_dispatch_rule_bucket(const q4k_dispatch_table *t, q4k_op op, size_t size)
{
    long last = -1;
    if (!t || !t->buckets)
        return -1;
    for (size_t i = 0; i < t->n_buckets; i++) {
        if (t->buckets[i].op != op)
            continue;
        if (size <= t->buckets[i].max_size)
            return (long)i;
        last = (long)i;
    }
    return last;
}

const q4k_variant *q4k_dispatch_rule_candidate(const q4k_dispatch_bucket *b)
{
    for (int c = 0; b && c < Q4K_DISPATCH_MAX_CANDIDATES && b->candidates[c]; c++) {
        const q4k_variant *v = q4k_variant_find(b->candidates[c]);
        if (v && v->op == b->op && q4k_variant_usable(v))
            return v;
    }
    return NULL;
}

const q4k_variant *q4k_dispatch_rule(const q4k_dispatch_table *t, q4k_op op, size_t size)
{
    long i = q4k_dispatch_rule_bucket(t, op, size);
    return i < 0 ? NULL : q4k_dispatch_rule_candidate(&t->buckets[i]);
}
