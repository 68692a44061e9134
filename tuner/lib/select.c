/* select.c - apply the selection rule to every measured op and size
 * (select.h). */
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

/* One op: 0 with o->n_buckets == 0 when the op has no kernel rows. */
static int select_op_run(const measure_set *set, const op_plan *p, size_t llc_bytes, select_op *o,
                         const measure_row **cands)
{
    memset(o, 0, sizeof *o);
    o->plan = p;
    /* The measured sizes of this op, ascending, once each. */
    size_t sizes[MEASURE_MAX_SIZES], n_sizes = 0;
    for (size_t i = 0; i < set->n_rows; i++) {
        if (strcmp(set->rows[i].op, p->name))
            continue;
        size_t n = set->rows[i].size, k;
        for (k = 0; k < n_sizes && sizes[k] != n; k++)
            ;
        if (k == n_sizes && n_sizes < MEASURE_MAX_SIZES)
            sizes[n_sizes++] = n;
    }
    qsort(sizes, n_sizes, sizeof sizes[0], cmp_size);

    int scalar_wins[MEASURE_MAX_SIZES];
    size_t won_sizes[MEASURE_MAX_SIZES];
    for (size_t s = 0; s < n_sizes; s++) {
        size_t n = sizes[s];
        int have_warm = 0, have_cold = 0;
        for (size_t i = 0; i < set->n_rows; i++) {
            const measure_row *r = &set->rows[i];
            if (r->size == n && strcmp(r->isa, "limit") && !strcmp(r->op, p->name)) {
                have_warm |= !strcmp(r->mode, "warm");
                have_cold |= !strcmp(r->mode, "cold");
            }
        }
        if (!have_warm && !have_cold)
            continue; /* only limit loops at this size */
        select_bucket *b = &o->buckets[o->n_buckets];
        memset(b, 0, sizeof *b);
        b->size = n;
        size_t working_set = op_plan_working_set(p, n);
        snprintf(b->mode, sizeof b->mode, "%s", select_rule_mode(working_set, llc_bytes, have_warm, have_cold));

        /* Candidates: the newest row of each kernel variant at (op, n, mode). */
        size_t k = 0;
        for (size_t i = 0; i < set->n_rows; i++) {
            const measure_row *r = &set->rows[i];
            if (r->size != n || strcmp(r->mode, b->mode) || !strcmp(r->isa, "limit") || strcmp(r->op, p->name))
                continue;
            if (measure_set_find(set, p->name, r->variant, r->mode, n) == r)
                cands[k++] = r;
        }
        b->winner = select_rule_winner(cands, k, &b->fastest);
        for (size_t i = 0; i < k; i++)
            b->n_tied += select_rule_within_noise(cands[i], b->fastest);
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
            b->default_row = measure_set_find(set, p->name, b->default_name, b->mode, n);

        scalar_wins[o->n_buckets] = !strcmp(b->winner->isa, "scalar");
        won_sizes[o->n_buckets] = n;
        o->n_buckets++;
    }
    if (o->n_buckets)
        select_rule_simd_threshold(won_sizes, scalar_wins, o->n_buckets, &o->scalar_max);
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
