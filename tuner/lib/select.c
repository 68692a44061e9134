/* select.c - apply the selection rule to every measured op and size
 * (select.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "q4k.h"
#include "select.h"
#include "select_rule.h"

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

static const measure_row *faster(const measure_row *a, const measure_row *b)
{
    if (!a)
        return b;
    if (!b)
        return a;
    return b->median_ns < a->median_ns ? b : a;
}

/* The built-in table's variant at (op, size): default_<op>_<size>, or in
 * format-1 files (dequant only) default_<size>. */
static const char *default_name(const measure_set *set, const op_plan *p, size_t n)
{
    char key[48];
    snprintf(key, sizeof key, "default_%s_%zu", p->name, n);
    const char *name = measure_header_get(set, key);
    if (!name && p->op == Q4K_OP_DEQUANT) {
        snprintf(key, sizeof key, "default_%zu", n);
        name = measure_header_get(set, key);
    }
    return name;
}

unsigned select_row_layout(const measure_row *r)
{
    const q4k_variant *v = q4k_variant_find(r->variant);
    if (v)
        return v->layout;
    const char *rr = strstr(r->variant, "_r");
    unsigned n = 0;
    if (!strstr(r->variant, "_packed") || !rr || sscanf(rr, "_r%u", &n) != 1)
        return 0;
    return n;
}

/* The newest row of (op, variant, mode, n) in series (vecs, threads). */
static const measure_row *find(const measure_set *set, const op_plan *p, const char *variant, const char *mode,
                               size_t n, unsigned vecs, unsigned threads)
{
    return measure_set_find_series(set, p->name, variant, mode, n, vecs, threads);
}

/* Per layout the fastest candidate, the winner's layout first. */
static void pick_layouts(select_bucket *b, const measure_row *const *cands, size_t k)
{
    b->n_layouts = 0;
    b->by_layout[b->n_layouts] = b->winner;
    b->layouts[b->n_layouts++] = select_row_layout(b->winner);
    for (size_t i = 0; i < k; i++) {
        const unsigned l = select_row_layout(cands[i]);
        if (!strcmp(cands[i]->isa, "scalar"))
            continue; /* the reference of a layout is the dispatcher's own fallback */
        size_t j;
        for (j = 0; j < b->n_layouts && b->layouts[j] != l; j++)
            ;
        if (j == b->n_layouts) {
            if (j == SELECT_MAX_LAYOUTS)
                continue;
            b->n_layouts++;
            b->layouts[j] = l;
            b->by_layout[j] = cands[i];
        } else if (j > 0 && cands[i]->median_ns < b->by_layout[j]->median_ns) {
            b->by_layout[j] = cands[i];
        }
    }
    b->best_rows = b->best_packed = NULL;
    for (size_t i = 0; i < k; i++) {
        const measure_row **best = select_row_layout(cands[i]) ? &b->best_packed : &b->best_rows;
        *best = faster(*best, cands[i]);
    }
}

/* One series of one op: its buckets, ascending sizes. */
static size_t select_series_run(const measure_set *set, const op_plan *p, size_t llc_bytes, unsigned vecs,
                                unsigned threads, select_bucket *buckets, const measure_row **cands)
{
    /* The measured sizes of this series, ascending, once each. */
    size_t sizes[MEASURE_MAX_SIZES], n_sizes = 0, n_buckets = 0;
    for (size_t i = 0; i < set->n_rows; i++) {
        const measure_row *r = &set->rows[i];
        if (strcmp(r->op, p->name) || r->vecs != vecs || r->threads != threads)
            continue;
        size_t n = r->size, k;
        for (k = 0; k < n_sizes && sizes[k] != n; k++)
            ;
        if (k == n_sizes && n_sizes < MEASURE_MAX_SIZES)
            sizes[n_sizes++] = n;
    }
    qsort(sizes, n_sizes, sizeof sizes[0], cmp_size);

    for (size_t s = 0; s < n_sizes; s++) {
        size_t n = sizes[s];
        int have_warm = 0, have_cold = 0;
        for (size_t i = 0; i < set->n_rows; i++) {
            const measure_row *r = &set->rows[i];
            if (r->size == n && strcmp(r->isa, "limit") && !strcmp(r->op, p->name) && r->vecs == vecs &&
                r->threads == threads) {
                have_warm |= !strcmp(r->mode, "warm");
                have_cold |= !strcmp(r->mode, "cold");
            }
        }
        if (!have_warm && !have_cold)
            continue; /* only limit loops at this size */
        select_bucket *b = &buckets[n_buckets];
        memset(b, 0, sizeof *b);
        b->size = n;
        size_t working_set = op_plan_working_set(p, n);
        snprintf(b->mode, sizeof b->mode, "%s",
                 select_rule_mode(working_set, llc_bytes, p->streamed, have_warm, have_cold));

        /* Candidates: the newest row of each kernel variant at (op, n, mode, series). */
        size_t k = 0;
        for (size_t i = 0; i < set->n_rows; i++) {
            const measure_row *r = &set->rows[i];
            if (r->size != n || strcmp(r->mode, b->mode) || !strcmp(r->isa, "limit") || strcmp(r->op, p->name) ||
                r->vecs != vecs || r->threads != threads)
                continue;
            if (find(set, p, r->variant, r->mode, n, vecs, threads) == r)
                cands[k++] = r;
        }
        if (!k)
            continue;
        b->winner = select_rule_winner(cands, k, &b->fastest);
        if (n_buckets) /* rule 3b: the previous size's winner, if it is as fast here */
            b->winner = select_rule_keep_previous(
                find(set, p, buckets[n_buckets - 1].winner->variant, b->mode, n, vecs, threads), b->fastest,
                b->winner);
        for (size_t i = 0; i < k; i++)
            b->n_tied += select_rule_within_noise(cands[i], b->fastest);
        pick_layouts(b, cands, k);
        /* the baseline and the limits: measured with one vector, one thread */
        b->scalar = find(set, p, p->baseline, b->mode, n, vecs, threads);
        if (!b->scalar)
            b->scalar = measure_set_find(set, p->name, p->baseline, b->mode, n);
        b->limit_store = measure_set_find(set, p->name, "limit:store", b->mode, n);
        b->limit_stream = measure_set_find(set, p->name, "limit:stream", b->mode, n);
        b->limit_memset = measure_set_find(set, p->name, "limit:memset", b->mode, n);
        b->store_loop_best = faster(b->limit_store, b->limit_stream);
        b->store_best = faster(b->store_loop_best, b->limit_memset);
        b->limit_read = measure_set_find(set, p->name, "limit:read", b->mode, n);
        b->limit_best = p->limits == OP_LIMITS_READ ? b->limit_read : b->store_best;
        b->default_name = default_name(set, p, n);
        if (b->default_name)
            b->default_row = find(set, p, b->default_name, b->mode, n, vecs, threads);
        n_buckets++;
    }
    return n_buckets;
}

/* One op: 0 with o->n_buckets == 0 when the op has no kernel rows. */
static int select_op_run(const measure_set *set, const op_plan *p, size_t llc_bytes, select_op *o,
                         const measure_row **cands)
{
    memset(o, 0, sizeof *o);
    o->plan = p;
    o->n_buckets = select_series_run(set, p, llc_bytes, 1, 1, o->buckets, cands);
    int scalar_wins[MEASURE_MAX_SIZES];
    size_t won_sizes[MEASURE_MAX_SIZES];
    for (size_t i = 0; i < o->n_buckets; i++) {
        scalar_wins[i] = !strcmp(o->buckets[i].winner->isa, "scalar");
        won_sizes[i] = o->buckets[i].size;
    }
    if (o->n_buckets)
        select_rule_simd_threshold(won_sizes, scalar_wins, o->n_buckets, &o->scalar_max);
    /* The other series, sorted: batches by vectors, then threads by count. */
    for (size_t i = 0; i < set->n_rows; i++) {
        const measure_row *r = &set->rows[i];
        if (strcmp(r->op, p->name) || (r->vecs == 1 && r->threads == 1) || !strcmp(r->isa, "limit"))
            continue;
        size_t k;
        for (k = 0; k < o->n_series && (o->series[k].vecs != r->vecs || o->series[k].threads != r->threads); k++)
            ;
        if (k < o->n_series || o->n_series == SELECT_MAX_SERIES)
            continue;
        size_t at = o->n_series++;
        while (at > 0 && (o->series[at - 1].threads > r->threads ||
                          (o->series[at - 1].threads == r->threads && o->series[at - 1].vecs > r->vecs))) {
            o->series[at].vecs = o->series[at - 1].vecs, o->series[at].threads = o->series[at - 1].threads;
            at--;
        }
        o->series[at].vecs = r->vecs, o->series[at].threads = r->threads;
    }
    for (size_t k = 0; k < o->n_series; k++) {
        select_series *se = &o->series[k];
        se->n_buckets = select_series_run(set, p, llc_bytes, se->vecs, se->threads, se->buckets, cands);
    }
    return Q4K_OK;
}

int select_run(const measure_set *set, selection *sel, char *err, size_t errlen)
{
    memset(sel, 0, sizeof *sel);
    const char *llc = measure_header_get(set, "llc_bytes");
    sel->llc_bytes = llc ? (size_t)strtoull(llc, NULL, 10) : 0;
    sel->llc_source = measure_header_get(set, "llc_source");

    const measure_row **cands = malloc((set->n_rows + 1) * sizeof *cands);
    if (!cands)
        return Q4K_ENOMEM;
    for (size_t i = 0; i < set->n_rows; i++)
        if (!op_plan_find(set->rows[i].op)) {
            snprintf(err, errlen, "operation '%s' has no measurement plan in this q4k", set->rows[i].op);
            free(cands);
            return Q4K_EFORMAT;
        }
    for (size_t i = 0; i < op_plan_count(); i++) {
        select_op *o = &sel->ops[sel->n_ops];
        select_op_run(set, op_plan_at(i), sel->llc_bytes, o, cands);
        if (o->n_buckets)
            sel->n_ops++;
    }
    free(cands);
    if (sel->n_ops == 0) {
        snprintf(err, errlen, "no kernel measurements to select from");
        return Q4K_EFORMAT;
    }
    return Q4K_OK;
}

const select_op *select_find_op(const selection *sel, q4k_op op)
{
    for (size_t i = 0; i < sel->n_ops; i++)
        if (sel->ops[i].plan->op == op)
            return &sel->ops[i];
    return NULL;
}
