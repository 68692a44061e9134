/* dispatch.c - the dispatcher: n_blocks -> size bucket -> variant.
 *
 * The table in force is resolved once per install (names -> usable
 * variants) and published through an atomic pointer, so q4k_dequantize
 * pays one load and a short bucket scan. Replaced tables are kept alive
 * (a reader may still hold one); they are a few hundred bytes each.
 *
 * Start-up order: the compiled-in table, then Q4K_PROFILE (a profile file
 * loaded at run time), then Q4K_VARIANT (one variant forced for
 * experiments). A bad environment value is refused loudly on stderr and
 * the table in force stays. */
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "q4k.h"
#include "q4k_dispatch.h"

typedef struct resolved {
    q4k_dispatch_table table;     /* deep copy, for q4k_dispatch_current */
    q4k_dispatch_bucket *buckets;
    const q4k_variant **chosen;   /* per bucket */
    const q4k_variant *scalar;
    struct resolved *older;       /* chain of replaced tables, never freed */
} resolved;

static _Atomic(resolved *) in_force;
static _Atomic(const q4k_variant *) forced;
static pthread_mutex_t install_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t base_once = PTHREAD_ONCE_INIT;
static pthread_once_t env_once = PTHREAD_ONCE_INIT;

static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || !errlen)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

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

/* Resolve t against this CPU: per bucket the first candidate that is
 * compiled in and usable. NULL (with err set) when a bucket has none. */
static resolved *resolve(const q4k_dispatch_table *t, int *status, char *err, size_t errlen)
{
    *status = Q4K_EINVAL;
    if (!t || !t->buckets || t->n_buckets == 0) {
        set_err(err, errlen, "dispatch table has no buckets");
        return NULL;
    }
    for (size_t i = 1; i < t->n_buckets; i++)
        if (t->buckets[i].max_blocks <= t->buckets[i - 1].max_blocks) {
            set_err(err, errlen, "dispatch table: bucket sizes must ascend (bucket %zu)", i);
            return NULL;
        }
    *status = Q4K_ENOMEM;
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
    r->scalar = q4k_variant_find("q4k_dequant__scalar");
    if (!r->buckets || !r->chosen || !r->table.source || !r->table.device || !r->table.date ||
        !r->table.origin) {
        free_resolved(r);
        return NULL;
    }
    for (size_t i = 0; i < t->n_buckets; i++) {
        const q4k_dispatch_bucket *b = &t->buckets[i];
        r->buckets[i].max_blocks = b->max_blocks;
        int unusable = 0;
        for (int c = 0; c < Q4K_DISPATCH_MAX_CANDIDATES && b->candidates[c]; c++) {
            if (!(r->buckets[i].candidates[c] = strdup(b->candidates[c]))) {
                free_resolved(r);
                return NULL;
            }
            const q4k_variant *v = q4k_variant_find(b->candidates[c]);
            if (v && !q4k_variant_usable(v))
                unusable = 1;
            if (!r->chosen[i] && q4k_variant_usable(v))
                r->chosen[i] = v;
        }
        if (!r->chosen[i]) {
            *status = unusable ? Q4K_EUNSUPPORTED : Q4K_ENOTFOUND;
            set_err(err, errlen,
                    unusable ? "bucket '%s' (n <= %zu): its variant needs CPU features this machine lacks"
                             : "bucket '%s' (n <= %zu): no candidate is compiled into this library",
                    b->candidates[0] ? b->candidates[0] : "(none)", b->max_blocks);
            free_resolved(r);
            return NULL;
        }
    }
    *status = Q4K_OK;
    return r;
}

static int install(const q4k_dispatch_table *t, char *err, size_t errlen)
{
    int status;
    resolved *r = resolve(t, &status, err, errlen);
    if (!r)
        return status;
    pthread_mutex_lock(&install_lock);
    r->older = atomic_load(&in_force);
    atomic_store(&in_force, r);
    pthread_mutex_unlock(&install_lock);
    return Q4K_OK;
}

static void init_base(void)
{
    char err[256];
    if (install(&q4k_dispatch_builtin, err, sizeof err) == Q4K_OK)
        return;
    /* A compiled-in table that names no usable variant (a profile built for
     * another CPU): say so and fall back to the scalar baseline. */
    fprintf(stderr, "q4k: the compiled-in dispatch table cannot be used here: %s; "
                    "falling back to q4k_dequant__scalar\n", err);
    static const q4k_dispatch_bucket scalar_only[] = {{1, {"q4k_dequant__scalar"}}};
    static const q4k_dispatch_table fallback = {"scalar fallback", "", "", "", 0, 1, scalar_only};
    install(&fallback, NULL, 0);
}

static void init_env(void)
{
    pthread_once(&base_once, init_base);
    const char *profile = getenv("Q4K_PROFILE");
    if (profile && *profile) {
        char err[512];
        int st = q4k_profile_load(profile, err, sizeof err);
        if (st != Q4K_OK)
            fprintf(stderr, "q4k: Q4K_PROFILE=%s refused: %s; the %s table stays in force\n",
                    profile, err, atomic_load(&in_force)->table.source);
    }
    const char *name = getenv("Q4K_VARIANT");
    if (name && *name) {
        const q4k_variant *v = q4k_variant_find(name);
        if (!v)
            fprintf(stderr, "q4k: Q4K_VARIANT=%s refused: no such variant (see 'q4k list --all')\n", name);
        else if (!q4k_variant_usable(v))
            fprintf(stderr, "q4k: Q4K_VARIANT=%s refused: this CPU lacks features it needs "
                            "(see 'q4k list')\n", name);
        else
            atomic_store(&forced, v);
    }
}

const q4k_variant *q4k_dispatch_variant(size_t n_blocks)
{
    pthread_once(&env_once, init_env);
    const q4k_variant *f = atomic_load_explicit(&forced, memory_order_relaxed);
    if (f)
        return f;
    const resolved *r = atomic_load_explicit(&in_force, memory_order_acquire);
    if (n_blocks < r->table.simd_threshold && r->scalar)
        return r->scalar;
    size_t last = r->table.n_buckets - 1;
    for (size_t i = 0; i < last; i++)
        if (n_blocks <= r->buckets[i].max_blocks)
            return r->chosen[i];
    return r->chosen[last];
}

const q4k_variant *q4k_dispatch_forced(void)
{
    pthread_once(&env_once, init_env);
    return atomic_load(&forced);
}

int q4k_dispatch_install(const q4k_dispatch_table *t, char *err, size_t errlen)
{
    pthread_once(&base_once, init_base);
    return install(t, err, errlen);
}

const q4k_dispatch_table *q4k_dispatch_current(void)
{
    pthread_once(&env_once, init_env);
    return &atomic_load(&in_force)->table;
}

void q4k_dispatch_reset(void)
{
    pthread_once(&env_once, init_env);
    install(&q4k_dispatch_builtin, NULL, 0);
}
