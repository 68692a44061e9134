/* dispatch_state.c - the table in force.
 *
 * A table is checked (dispatch_check.c), resolved once (per bucket the
 * variant q4k_dispatch_rule_candidate picks) and published through an
 * atomic pointer, so a call pays one load and a short bucket scan by
 * q4k_dispatch_rule_bucket. Replaced tables are kept alive (a reader may
 * still hold one); they are a few hundred bytes each. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dispatch_check.h"
#include "dispatch_state.h"

/* Layouts whose choice is cached per bucket: GGUF rows (0) and the
 * interleaves q4k_pack makes; another layout is resolved per call. */
enum { LAYOUT_SLOTS = 4 };
static const unsigned slot_layout[LAYOUT_SLOTS] = {0, 4, 8, 16};

static int layout_slot(unsigned layout)
{
    for (int s = 0; s < LAYOUT_SLOTS; s++)
        if (slot_layout[s] == layout)
            return s;
    return -1;
}

typedef struct resolved {
    q4k_dispatch_table table;     /* deep copy, for q4k_dispatch_current */
    q4k_dispatch_bucket *buckets;
    const q4k_variant *(*chosen)[LAYOUT_SLOTS]; /* per bucket and layout slot */
    struct resolved *older;       /* chain of replaced tables, never freed */
} resolved;

static _Atomic(resolved *) in_force;
static pthread_mutex_t install_lock = PTHREAD_MUTEX_INITIALIZER;

static char *dup_or_empty(const char *s)
{
    return strdup(s ? s : "");
}

static void free_resolved(resolved *r)
{
    if (!r)
        return;
    for (size_t i = 0; r->buckets && i < r->table.n_buckets; i++)
        for (int c = 0; c < Q4K_DISPATCH_MAX_CANDIDATES; c++)
            free((char *)r->buckets[i].candidates[c]);
    free(r->buckets);
    free(r->chosen);
    free((char *)r->table.source);
    free((char *)r->table.device);
    free((char *)r->table.date);
    free((char *)r->table.origin);
    free(r);
}

static resolved *resolve(const q4k_dispatch_table *t)
{
    resolved *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->buckets = calloc(t->n_buckets, sizeof *r->buckets);
    r->chosen = calloc(t->n_buckets, sizeof *r->chosen);
    r->table = *t;
    r->table.source = dup_or_empty(t->source);
    r->table.device = dup_or_empty(t->device);
    r->table.date = dup_or_empty(t->date);
    r->table.origin = dup_or_empty(t->origin);
    r->table.buckets = r->buckets;
    if (!r->buckets || !r->chosen || !r->table.source || !r->table.device || !r->table.date ||
        !r->table.origin) {
        free_resolved(r);
        return NULL;
    }
    for (size_t i = 0; i < t->n_buckets; i++) {
        r->buckets[i].op = t->buckets[i].op;
        r->buckets[i].max_size = t->buckets[i].max_size;
        r->buckets[i].vecs = t->buckets[i].vecs;
        r->buckets[i].threads = t->buckets[i].threads;
        for (int c = 0; c < Q4K_DISPATCH_MAX_CANDIDATES && t->buckets[i].candidates[c]; c++)
            if (!(r->buckets[i].candidates[c] = strdup(t->buckets[i].candidates[c]))) {
                free_resolved(r);
                return NULL;
            }
        for (int sl = 0; sl < LAYOUT_SLOTS; sl++)
            r->chosen[i][sl] = q4k_dispatch_rule_candidate_layout(&r->buckets[i], slot_layout[sl]);
    }
    return r;
}

int dispatch_state_install(const q4k_dispatch_table *t, char *err, size_t errlen)
{
    int st = dispatch_check(t, 1, err, errlen);
    if (st != Q4K_OK)
        return st;
    resolved *r = resolve(t);
    if (!r) {
        if (err && errlen)
            snprintf(err, errlen, "out of memory");
        return Q4K_ENOMEM;
    }
    pthread_mutex_lock(&install_lock);
    r->older = atomic_load(&in_force);
    atomic_store(&in_force, r);
    pthread_mutex_unlock(&install_lock);
    return Q4K_OK;
}

void dispatch_state_install_builtin(void)
{
    char err[256];
    if (dispatch_state_install(&q4k_dispatch_builtin, err, sizeof err) == Q4K_OK)
        return;
    /* A compiled-in table that names no usable variant (a profile built for
     * another CPU): say so and fall back to the scalar baseline. */
    fprintf(stderr, "q4k: the compiled-in dispatch table cannot be used here: %s; "
                    "falling back to the scalar baselines\n", err);
    static const q4k_dispatch_bucket scalar_only[] = {{Q4K_OP_DEQUANT, 1, {"q4k_dequant__scalar"}, 1, 1}};
    static const q4k_dispatch_table fallback = {"scalar fallback", "", "", "", 1, scalar_only};
    dispatch_state_install(&fallback, NULL, 0);
}

const q4k_dispatch_table *dispatch_state_table(void)
{
    resolved *r = atomic_load_explicit(&in_force, memory_order_acquire);
    return r ? &r->table : NULL;
}

const q4k_variant *dispatch_state_pick(q4k_op op, size_t size, unsigned vecs, unsigned threads, unsigned layout)
{
    const resolved *r = atomic_load_explicit(&in_force, memory_order_acquire);
    long i = r ? q4k_dispatch_rule_bucket_for(&r->table, op, size, vecs, threads) : -1;
    if (i < 0)
        return NULL;
    const int sl = layout_slot(layout);
    return sl >= 0 ? r->chosen[i][sl] : q4k_dispatch_rule_candidate_layout(&r->buckets[i], layout);
}
