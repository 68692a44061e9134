/* select.c - apply the selection rule to every measured size (select.h). */
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

int select_run(const measure_set *set, selection *sel, char *err, size_t errlen)
{
    memset(sel, 0, sizeof *sel);
    const char *llc = measure_header_get(set, "llc_bytes");
    sel->llc_bytes = llc ? (size_t)strtoull(llc, NULL, 10) : 0;

    /* The measured sizes, ascending, once each. */
    size_t sizes[MEASURE_MAX_SIZES], n_sizes = 0;
    for (size_t i = 0; i < set->n_rows; i++) {
        size_t n = set->rows[i].blocks, k;
        for (k = 0; k < n_sizes && sizes[k] != n; k++)
            ;
        if (k == n_sizes && n_sizes < MEASURE_MAX_SIZES)
            sizes[n_sizes++] = n;
    }
    qsort(sizes, n_sizes, sizeof sizes[0], cmp_size);

    const measure_row **cands = malloc((set->n_rows + 1) * sizeof *cands);
    if (!cands)
        return Q4K_ENOMEM;
    int scalar_wins[MEASURE_MAX_SIZES];
    size_t won_sizes[MEASURE_MAX_SIZES];
    for (size_t s = 0; s < n_sizes; s++) {
        size_t n = sizes[s];
        int have_warm = 0, have_cold = 0;
        for (size_t i = 0; i < set->n_rows; i++)
            if (set->rows[i].blocks == n && strcmp(set->rows[i].isa, "limit")) {
                have_warm |= !strcmp(set->rows[i].mode, "warm");
                have_cold |= !strcmp(set->rows[i].mode, "cold");
            }
        if (!have_warm && !have_cold)
            continue; /* only store limits at this size */
        select_bucket *b = &sel->buckets[sel->n_buckets];
        memset(b, 0, sizeof *b);
        b->blocks = n;
        snprintf(b->mode, sizeof b->mode, "%s", select_rule_mode(n, sel->llc_bytes, have_warm, have_cold));

        /* Candidates: the newest row of each kernel variant at (n, mode). */
        size_t k = 0;
        for (size_t i = 0; i < set->n_rows; i++) {
            const measure_row *r = &set->rows[i];
            if (r->blocks != n || strcmp(r->mode, b->mode) || !strcmp(r->isa, "limit"))
                continue;
            if (measure_set_find(set, r->variant, r->mode, n) == r)
                cands[k++] = r;
        }
        b->winner = select_rule_winner(cands, k, &b->fastest);
        for (size_t i = 0; i < k; i++)
            b->n_tied += select_rule_within_noise(cands[i], b->fastest);
        b->scalar = measure_set_find(set, "q4k_dequant__scalar", b->mode, n);
        b->limit_store = measure_set_find(set, "limit:store", b->mode, n);
        b->limit_stream = measure_set_find(set, "limit:stream", b->mode, n);
        b->limit_memset = measure_set_find(set, "limit:memset", b->mode, n);
        b->store_loop_best = faster(b->limit_store, b->limit_stream);
        b->store_best = faster(b->store_loop_best, b->limit_memset);
        char key[40];
        snprintf(key, sizeof key, "default_%zu", n);
        b->default_name = measure_header_get(set, key);
        if (b->default_name)
            b->default_row = measure_set_find(set, b->default_name, b->mode, n);

        scalar_wins[sel->n_buckets] = !strcmp(b->winner->isa, "scalar");
        won_sizes[sel->n_buckets] = n;
        sel->n_buckets++;
    }
    free(cands);
    if (sel->n_buckets == 0) {
        snprintf(err, errlen, "no kernel measurements to select from");
        return Q4K_EFORMAT;
    }
    select_rule_simd_threshold(won_sizes, scalar_wins, sel->n_buckets, &sel->scalar_max);
    return Q4K_OK;
}
