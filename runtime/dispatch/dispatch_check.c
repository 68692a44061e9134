/* dispatch_check.c - validation of a dispatch table (dispatch_check.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "dispatch_check.h"
#include "kernel_tables.h"

static int fail(char *err, size_t errlen, int status, const char *fmt, ...)
{
    if (err && errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return status;
}

static const q4k_catalog_entry *catalog_find(const char *name)
{
    for (size_t i = 0; i < q4k_catalog_count; i++)
        if (!strcmp(q4k_catalog[i].name, name))
            return &q4k_catalog[i];
    return NULL;
}

static int same_series(const q4k_dispatch_bucket *a, const q4k_dispatch_bucket *b)
{
    return (a->vecs ? a->vecs : 1) == (b->vecs ? b->vecs : 1) &&
           (a->threads ? a->threads : 1) == (b->threads ? b->threads : 1);
}

int dispatch_check(const q4k_dispatch_table *t, int need_usable, char *err, size_t errlen)
{
    if (!t || !t->buckets || t->n_buckets == 0)
        return fail(err, errlen, Q4K_EINVAL, "dispatch table has no buckets");
    for (size_t i = 0; i < t->n_buckets; i++) {
        const q4k_dispatch_bucket *b = &t->buckets[i];
        const char *op = q4k_op_name(b->op);
        if (!op)
            return fail(err, errlen, Q4K_EINVAL, "bucket %zu: unknown operation %d", i, (int)b->op);
        if (b->max_size == 0)
            return fail(err, errlen, Q4K_EINVAL, "bucket %s %zu: the size must be positive", op, b->max_size);
        for (size_t k = i; k-- > 0;)
            if (t->buckets[k].op == b->op && same_series(&t->buckets[k], b)) {
                if (t->buckets[k].max_size >= b->max_size)
                    return fail(err, errlen, Q4K_EINVAL, "bucket %s %zu: sizes must ascend (after %zu)", op,
                                b->max_size, t->buckets[k].max_size);
                break;
            }
        if (!b->candidates[0])
            return fail(err, errlen, Q4K_EINVAL, "bucket %s %zu names no variant", op, b->max_size);
        int compiled = 0, usable = 0;
        for (int c = 0; c < Q4K_DISPATCH_MAX_CANDIDATES && b->candidates[c]; c++) {
            const q4k_catalog_entry *e = catalog_find(b->candidates[c]);
            if (!e)
                return fail(err, errlen, Q4K_ENOTFOUND,
                            "bucket %s %zu: unknown variant '%s' (not made by this q4k's generator; "
                            "was the table made by another q4k version?)",
                            op, b->max_size, b->candidates[c]);
            if (e->op != b->op)
                return fail(err, errlen, Q4K_EINVAL, "bucket %s %zu: variant '%s' computes %s, not %s", op,
                            b->max_size, e->name, q4k_op_name(e->op), op);
            const q4k_variant *v = q4k_variant_find(e->name);
            compiled += v != NULL;
            usable += q4k_variant_usable(v);
        }
        if (!compiled)
            return fail(err, errlen, Q4K_ENOTFOUND,
                        "bucket %s %zu: none of its variants is compiled into this library (first: '%s')", op,
                        b->max_size, b->candidates[0]);
        if (need_usable && !usable) {
            char missing[160] = "";
            const q4k_variant *v = NULL;
            for (int c = 0; !v && c < Q4K_DISPATCH_MAX_CANDIDATES && b->candidates[c]; c++)
                v = q4k_variant_find(b->candidates[c]);
            q4k_feature_names(v->features & ~q4k_cpu_features(), missing, sizeof missing);
            return fail(err, errlen, Q4K_EUNSUPPORTED,
                        "bucket %s %zu: no variant usable on this CPU ('%s' needs %s, which this CPU lacks%s)",
                        op, b->max_size, v->name, missing,
                        (q4k_cpu_features_detected() & ~q4k_cpu_features()) ? " or Q4K_CPU_DISABLE masks" : "");
        }
    }
    return Q4K_OK;
}
