/* measure.c - the measurement engine (method and reasons: measure.h). */
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "benchdata.h"
#include "llc_probe.h"
#include "measure.h"
#include "measure_csv.h"
#include "q4k.h"
#include "q4k_dispatch.h"
#include "hugemem.h"
#include "storelimit.h"
#include "timer.h"
#include "verify.h"

#define TIMER_TICKS_PER_SAMPLE 1000.0
#define DEFAULT_LLC_BYTES ((size_t)32 << 20) /* cold rotation when the cache size is unknown */

/* One thing that is timed: a kernel variant of an op, or a memory limit
 * writing that op's output bytes (store limits) or reading its input bytes
 * (the read limit). */
typedef struct subject {
    measure_row meta;          /* the descriptive columns of its rows (op included) */
    const op_plan *plan;       /* its op */
    const q4k_variant *v;      /* the variant (NULL for a limit) */
    const storelimit *limit;   /* the limit loop (NULL for a variant) */
    unsigned long long iters;  /* calls per sample, from calibration */
    double *samples;           /* ns per unit */
} subject;

/* Input and output memory of one group: a workload (op_plan.h) in buffers
 * allocated once for the largest group of any op, and the aux input (the
 * largest any op has). */
typedef struct arena {
    op_workload w;
    uint8_t *aux;
    size_t in_cap, out_cap, aux_cap; /* bytes allocated */
} arena;

/* The first op's baseline re-timed at a fixed warm size to detect drift. */
typedef struct sentinel {
    subject s;
    arena a;
    double reference, tolerance;
} sentinel;

void measure_config_defaults(measure_config *cfg, int quick)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->quick = quick;
    if (quick) {
        cfg->samples = 7;
        cfg->min_sample_ns = 200e3;
        cfg->max_repeats = 1;
        cfg->llc_probe = LLC_PROBE_QUICK;
    } else {
        cfg->samples = 25;
        cfg->min_sample_ns = 2e6;
        cfg->max_repeats = 2;
        cfg->llc_probe = LLC_PROBE_FULL;
    }
    cfg->warm = cfg->cold = 1;
    cfg->sentinel_samples = 5;
    cfg->drift_tolerance = 0.10;
    cfg->verify = 1;
    cfg->golden = !quick;
    cfg->series = 1;
    cfg->out_path = "measurements.csv";
}

size_t measure_config_sizes(const measure_config *cfg, const op_plan *p, size_t out[MEASURE_MAX_SIZES])
{
    const size_t *from;
    size_t n;
    if (cfg->n_sizes)
        from = cfg->sizes, n = cfg->n_sizes;
    else if (cfg->emulated_sizes)
        from = p->emulated_sizes, n = p->n_emulated_sizes;
    else if (cfg->quick)
        from = p->quick_sizes, n = p->n_quick_sizes;
    else
        from = p->sizes, n = p->n_sizes;
    size_t k = 0;
    for (size_t i = 0; i < n && k < MEASURE_MAX_SIZES; i++)
        if (op_plan_size_ok(p, from[i]))
            out[k++] = from[i];
    return k;
}

int measure_config_has_op(const measure_config *cfg, const op_plan *p)
{
    return !cfg->ops || (cfg->ops & (1u << p->op));
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

int measure_parse_sizes(const char *text, measure_config *cfg, char *err, size_t errlen)
{
    size_t n = 0;
    const char *p = text;
    while (*p) {
        char *end;
        errno = 0;
        unsigned long long lo = strtoull(p, &end, 10), hi = lo;
        if (end == p || errno)
            goto bad;
        if (*end == '-') { /* a range: the powers of two from lo to hi */
            p = end + 1;
            hi = strtoull(p, &end, 10);
            if (end == p || errno || hi < lo)
                goto bad;
        }
        if (lo == 0 || hi > (1ull << 20))
            goto bad;
        for (unsigned long long v = lo, pow2 = 1; v <= hi; v = pow2) {
            /* lo itself, then (for a range) every power of two above it up to hi */
            if (n == MEASURE_MAX_SIZES) {
                snprintf(err, errlen, "at most %d sizes", MEASURE_MAX_SIZES);
                return Q4K_EINVAL;
            }
            cfg->sizes[n++] = (size_t)v;
            while (pow2 <= v)
                pow2 <<= 1;
        }
        p = end;
        if (*p == ',')
            p++;
        else if (*p)
            goto bad;
    }
    if (n == 0)
        goto bad;
    qsort(cfg->sizes, n, sizeof cfg->sizes[0], cmp_size);
    size_t u = 0; /* drop repeats */
    for (size_t i = 0; i < n; i++)
        if (u == 0 || cfg->sizes[u - 1] != cfg->sizes[i])
            cfg->sizes[u++] = cfg->sizes[i];
    cfg->n_sizes = u;
    return Q4K_OK;
bad:
    snprintf(err, errlen, "sizes must be counts of the op's unit (dequant: blocks) from 1 to 1048576, "
                          "e.g. '1,16,512' or '1-65536' "
                          "(powers of two), not '%s'", text);
    return Q4K_EINVAL;
}

/* ---- time and text helpers -------------------------------------------- */

static void iso_now(char *out, size_t outlen)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, outlen, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void format_duration(double seconds, char *out, size_t outlen)
{
    if (seconds < 0)
        seconds = 0;
    unsigned long s = (unsigned long)(seconds + 0.5);
    if (s >= 60)
        snprintf(out, outlen, "%lum%02lus", s / 60, s % 60);
    else
        snprintf(out, outlen, "%lus", s);
}

static int matches(const char *patterns, const char *name)
{
    if (!patterns || !*patterns)
        return 1;
    char buf[512];
    snprintf(buf, sizeof buf, "%s", patterns);
    char *save = NULL;
    for (char *p = strtok_r(buf, ",", &save); p; p = strtok_r(NULL, ",", &save))
        if (fnmatch(p, name, 0) == 0)
            return 1;
    return 0;
}

/* ---- memory ----------------------------------------------------------- */

static size_t cold_bytes(const q4k_machine *m)
{
    size_t llc = m->llc_bytes ? m->llc_bytes : DEFAULT_LLC_BYTES;
    return 2 * llc;
}

static size_t slots_for(const op_plan *p, size_t n, int cold, size_t cold_total)
{
    if (!cold)
        return 1;
    size_t per = op_plan_in_bytes(p, n) + op_plan_out_bytes(p, n, 1);
    size_t slots = (cold_total + per - 1) / per;
    return slots < 2 ? 2 : slots;
}

/* Huge pages where offered (hugemem.h): the kernels and the limit loops
 * stream from the same kind of memory the library's weights live in. */
static void *alloc_aligned(size_t bytes)
{
    return q4k_huge_alloc(bytes);
}

/* Allocate the arena once for the largest group; touch the output so no
 * page fault is ever timed. The input is filled per op (arena_fill). */
static int arena_alloc(arena *a, size_t in_bytes, size_t out_bytes, size_t aux_bytes)
{
    memset(a, 0, sizeof *a);
    a->w.in = alloc_aligned(in_bytes);
    a->w.out = alloc_aligned(out_bytes);
    a->aux = alloc_aligned(aux_bytes);
    if (!a->w.in || !a->w.out || !a->aux) {
        free(a->w.in);
        free(a->w.out);
        free(a->aux);
        memset(a, 0, sizeof *a);
        return Q4K_ENOMEM;
    }
    a->in_cap = in_bytes;
    a->out_cap = out_bytes;
    a->aux_cap = aux_bytes;
    memset(a->w.out, 0, out_bytes);
    return Q4K_OK;
}

/* Realistic input (and aux) for op p over the whole arena; what a plan
 * prepared from the previous input (packed weights) is dropped. */
static void arena_fill(arena *a, const op_plan *p)
{
    for (size_t i = 0; i < op_plan_count(); i++)
        op_plan_release(op_plan_at(i), &a->w);
    p->fill_input(a->w.in, a->in_cap, 0x7e57);
    if (p->aux_bytes && p->fill_aux)
        p->fill_aux(a->aux, p->aux_bytes, 0xa0c5);
    a->w.aux = p->aux_bytes ? a->aux : NULL;
}

static void arena_free(arena *a)
{
    for (size_t i = 0; i < op_plan_count(); i++)
        op_plan_release(op_plan_at(i), &a->w);
    free(a->w.in);
    free(a->w.out);
    free(a->aux);
    memset(a, 0, sizeof *a);
}

static void arena_setup(arena *a, size_t n, size_t slots)
{
    a->w.n = n;
    a->w.slots = slots;
    a->w.slot = 0;
    a->w.vecs = 1;
    a->w.pool = NULL;
}

/* ---- timing ----------------------------------------------------------- */

/* Total ns of `iters` calls; cold arenas move to the next slot per call.
 * A store limit writes the op's output bytes of a call, the read limit
 * reads its input bytes, each in the slots the kernels use. */
static uint64_t run_calls(const subject *s, arena *a, unsigned long long iters)
{
    uint64_t t0, t1;
    if (s->v) {
        /* what the variant reads besides the input (packed weights), made
         * outside the timed loop and kept while the layout stays */
        int st = op_plan_prepare(s->plan, s->v, &a->w);
        if (st != Q4K_OK) {
            fprintf(stderr, "measure: cannot prepare the input of %s: %s\n", s->v->name, q4k_strerror(st));
            exit(1);
        }
        t0 = q4k_now_ns();
        s->plan->run(s->v, &a->w, iters);
        t1 = q4k_now_ns();
        return t1 - t0;
    }
    const int reads = s->limit->reads;
    const size_t bytes = reads ? op_plan_in_bytes(s->plan, a->w.n) : op_plan_out_bytes(s->plan, a->w.n, 1);
    uint8_t *const base = reads ? a->w.in : a->w.out;
    void (*loop)(void *, size_t) = s->limit->fn;
    if (a->w.slots == 1) {
        t0 = q4k_now_ns();
        for (unsigned long long i = 0; i < iters; i++)
            loop(base, bytes);
        t1 = q4k_now_ns();
    } else {
        size_t slot = a->w.slot;
        t0 = q4k_now_ns();
        for (unsigned long long i = 0; i < iters; i++) {
            loop(base + slot * bytes, bytes);
            if (++slot == a->w.slots)
                slot = 0;
        }
        t1 = q4k_now_ns();
        a->w.slot = slot;
    }
    return t1 - t0;
}

/* Warm up, then find the calls per sample that span target_ns. */
static void calibrate(subject *s, arena *a, double target_ns)
{
    unsigned long long iters = 1;
    run_calls(s, a, 1); /* warm-up: code, tables, TLB */
    for (;;) {
        double dt = (double)run_calls(s, a, iters);
        if (dt >= target_ns || iters >= (1ull << 30))
            break;
        if (dt < 1000)
            iters *= 16;
        else
            iters = (unsigned long long)((double)iters * (target_ns * 1.2 / dt)) + 1;
    }
    s->iters = iters;
}

static double sample(const subject *s, arena *a)
{
    return (double)run_calls(s, a, s->iters) / ((double)s->iters * (double)a->w.n);
}

static double sentinel_measure(sentinel *st, double target_ns, unsigned samples)
{
    double x[64];
    if (samples > 64)
        samples = 64;
    calibrate(&st->s, &st->a, target_ns);
    for (unsigned i = 0; i < samples; i++)
        x[i] = sample(&st->s, &st->a);
    return q4k_median(x, samples);
}

/* ---- the run ---------------------------------------------------------- */

/* One group of points: every subject of one op at one size and mode. */
typedef struct group {
    const op_plan *plan;
    const char *mode;
    size_t n;
    unsigned vecs, threads; /* 1, 1; or a series point (op_plan.series_*) */
} group;

/* A thread series' pool, made once per thread count. */
enum { MAX_POOLS = 16 };

typedef struct run_state {
    const measure_config *cfg;
    q4k_machine *m;
    const op_plan *plans[Q4K_OP_COUNT]; /* the ops measured, in plan order */
    size_t n_plans;
    subject *subjects;
    size_t n_subjects, n_limits;
    measure_set done;      /* rows already in the file (resume) */
    FILE *csv;
    arena a;
    const op_plan *filled; /* the op the arena's input holds */
    sentinel st;
    double target_ns;
    size_t n_drift_points;
    char llc_curve[480];   /* the cache probe's curve, for the header */
    q4k_pool *pools[MAX_POOLS];
    unsigned pool_threads[MAX_POOLS];
    size_t n_pools;
} run_state;

/* The pool of n threads for a thread series (made on first use); NULL
 * when it cannot be made. */
static q4k_pool *pool_for(run_state *rs, unsigned n)
{
    for (size_t i = 0; i < rs->n_pools; i++)
        if (rs->pool_threads[i] == n)
            return rs->pools[i];
    if (rs->n_pools == MAX_POOLS || measure_pool_create(n, &rs->pools[rs->n_pools]) != Q4K_OK)
        return NULL;
    rs->pool_threads[rs->n_pools] = n;
    return rs->pools[rs->n_pools++];
}

static int add_subject(run_state *rs, const measure_row *meta, const op_plan *p, const q4k_variant *v,
                       const storelimit *limit)
{
    subject *s = &rs->subjects[rs->n_subjects];
    memset(s, 0, sizeof *s);
    s->meta = *meta;
    s->plan = p;
    s->v = v;
    s->limit = limit;
    s->samples = calloc(rs->cfg->samples, sizeof *s->samples);
    if (!s->samples)
        return Q4K_ENOMEM;
    rs->n_subjects++;
    return Q4K_OK;
}

static void variant_meta(const q4k_variant *v, measure_row *r)
{
    memset(r, 0, sizeof *r);
    snprintf(r->op, sizeof r->op, "%s", q4k_op_name(v->op));
    snprintf(r->variant, sizeof r->variant, "%s", v->name);
    snprintf(r->isa, sizeof r->isa, "%s", v->isa);
    snprintf(r->method, sizeof r->method, "%s", v->method ? v->method : "");
    r->unroll = v->unroll;
    r->prefetch = v->prefetch;
    r->nt = v->nontemporal ? 1 : 0;
    r->complexity = v->complexity;
}

/* 1 when every point of this subject is already in the file (resume):
 * then it is neither verified nor timed again. */
static int all_points_done(const run_state *rs, const op_plan *p, const char *name)
{
    const measure_config *cfg = rs->cfg;
    size_t sizes[MEASURE_MAX_SIZES];
    size_t n_sizes = measure_config_sizes(cfg, p, sizes);
    for (int cold = 0; cold < 2; cold++) {
        if (!(cold ? cfg->cold : cfg->warm))
            continue;
        for (size_t i = 0; i < n_sizes; i++)
            if (!measure_set_find(&rs->done, p->name, name, cold ? "cold" : "warm", sizes[i]))
                return 0;
    }
    return 1;
}

/* Verify and collect the subjects, per op: usable variants that match the
 * patterns (the scalar ones always), then the op's memory limits (the
 * store loops or the read loop, as its plan says). */
static int collect_subjects(run_state *rs, size_t *n_excluded, char *err, size_t errlen)
{
    const measure_config *cfg = rs->cfg;
    size_t cap = q4k_variant_count() + rs->n_plans * storelimit_count();
    rs->subjects = calloc(cap ? cap : 1, sizeof *rs->subjects);
    if (!rs->subjects)
        return Q4K_ENOMEM;
    const char *golden = cfg->golden ? q4k_default_golden_dir() : NULL;
    const int tty = isatty(fileno(stderr));
    size_t excluded = 0, considered = 0, matched = 0;
    for (size_t k = 0; k < rs->n_plans; k++) {
        const op_plan *p = rs->plans[k];
        if (!q4k_variant_find(p->baseline) || !q4k_variant_usable(q4k_variant_find(p->baseline))) {
            snprintf(err, errlen, "the registry has no usable %s baseline for %s", p->baseline, p->name);
            return Q4K_ENOTFOUND;
        }
        for (size_t i = 0; i < q4k_variant_count(); i++) {
            const q4k_variant *v = q4k_variant_at(i);
            if (v->op != p->op)
                continue;
            if (v->layout && !strcmp(v->isa, "scalar"))
                continue; /* a packed layout's reference: verified by q4k verify, not worth timing */
            int is_scalar = !strcmp(v->isa, "scalar") || !strcmp(v->name, p->baseline);
            if (!is_scalar && !matches(cfg->patterns, v->name))
                continue;
            considered++;
            matched += matches(cfg->patterns, v->name);
            if (cfg->verify && !all_points_done(rs, p, v->name)) {
                q4k_verify_report rep;
                memset(&rep, 0, sizeof rep);
                if (tty)
                    fprintf(stderr, "\rmeasure: verifying %-48s", v->name);
                int st = p->verify(v, golden, &rep);
                if (st != 0) {
                    char why[300];
                    if (st < 0)
                        snprintf(why, sizeof why, "verification could not run: %s", q4k_strerror(st));
                    else
                        snprintf(why, sizeof why, "%zu of %zu values wrong; first: %s", rep.mismatches, rep.values,
                                 rep.first);
                    fprintf(stderr, "%smeasure: EXCLUDED %s: %s\n", tty ? "\n" : "", v->name, why);
                    char kv[400];
                    snprintf(kv, sizeof kv, "%s: %s", v->name, why);
                    measure_csv_write_kv(rs->csv, "excluded", kv);
                    excluded++;
                    if (!strcmp(v->name, p->baseline)) {
                        snprintf(err, errlen, "the %s baseline itself fails verification: %s", p->name, why);
                        return Q4K_EINVAL;
                    }
                    continue;
                }
            }
            measure_row meta;
            variant_meta(v, &meta);
            int rc = add_subject(rs, &meta, p, v, NULL);
            if (rc)
                return rc;
        }
    }
    if (cfg->verify)
        fprintf(stderr, "%smeasure: verified %zu variants (%s), %zu excluded%s\n", tty ? "\r" : "", considered,
                golden ? "random, adversarial and golden blocks" : "random and adversarial blocks", excluded,
                tty ? "                              " : "");
    if (matched == 0 && cfg->patterns && *cfg->patterns) {
        snprintf(err, errlen, "no usable variant matches '%s' (see 'q4k list')", cfg->patterns);
        return Q4K_EINVAL;
    }
    for (size_t k = 0; k < rs->n_plans; k++)
        for (size_t i = 0; i < storelimit_count(); i++) {
            const storelimit *l = storelimit_at(i);
            if (l->reads != (rs->plans[k]->limits == OP_LIMITS_READ))
                continue;
            measure_row meta;
            memset(&meta, 0, sizeof meta);
            snprintf(meta.op, sizeof meta.op, "%s", rs->plans[k]->name);
            snprintf(meta.variant, sizeof meta.variant, "%s", l->name);
            snprintf(meta.isa, sizeof meta.isa, "limit");
            snprintf(meta.method, sizeof meta.method, "%s", l->method);
            meta.unroll = 1;
            meta.nt = !strcmp(l->method, "stream");
            int rc = add_subject(rs, &meta, rs->plans[k], NULL, l);
            if (rc)
                return rc;
            rs->n_limits++;
        }
    if (n_excluded)
        *n_excluded = excluded;
    return Q4K_OK;
}

/* The built-in table's choice per op and size, so a report made anywhere
 * can compare the winners with what an untuned library would have run. */
static void write_default_table(run_state *rs)
{
    const q4k_dispatch_table *t = &q4k_dispatch_builtin;
    measure_csv_write_kv(rs->csv, "default_table", t->source);
    for (size_t k = 0; k < rs->n_plans; k++) {
        const op_plan *p = rs->plans[k];
        size_t sizes[MEASURE_MAX_SIZES];
        size_t n_sizes = measure_config_sizes(rs->cfg, p, sizes);
        for (size_t i = 0; i < n_sizes; i++) {
            /* The library's own rule, so the report cannot disagree with it. */
            const q4k_variant *v = q4k_dispatch_rule(t, p->op, sizes[i]);
            char key[48];
            snprintf(key, sizeof key, "default_%s_%zu", p->name, sizes[i]);
            measure_csv_write_kv(rs->csv, key, v ? v->name : p->baseline);
        }
    }
}

static void write_header(run_state *rs)
{
    const q4k_machine *m = rs->m;
    const measure_config *cfg = rs->cfg;
    const op_plan *p0 = rs->plans[0];
    char buf[512], date[40];
    FILE *f = rs->csv;
    measure_csv_write_kv(f, "q4k-measurements", MEASURE_CSV_VERSION);
    for (size_t i = 0; i < machine_key_field_count; i++)
        measure_csv_write_kv(f, machine_key_fields[i], machine_field(m, machine_key_fields[i]));
    measure_csv_write_kv(f, "device", m->device);
    snprintf(buf, sizeof buf, "%u", m->cores);
    measure_csv_write_kv(f, "cores", buf);
    snprintf(buf, sizeof buf, "%zu", m->llc_bytes);
    measure_csv_write_kv(f, "llc_bytes", buf);
    measure_csv_write_kv(f, "llc_source", m->llc_source);
    snprintf(buf, sizeof buf, "%zu%s%s", m->llc_reported, m->llc_reported_by[0] ? " by " : " (nothing reported)",
             m->llc_reported_by);
    measure_csv_write_kv(f, "llc_reported", buf);
    if (rs->llc_curve[0])
        measure_csv_write_kv(f, "llc_probe", rs->llc_curve);
    measure_csv_write_kv(f, "version", m->version);
    measure_csv_write_kv(f, "commit", m->commit);
    measure_csv_write_kv(f, "timer", m->timer);
    measure_csv_write_kv(f, "emulated", m->emulated ? "yes: timings under an emulator are not performance" : "no");
    measure_csv_write_kv(f, "pinned", cfg->pinned ? cfg->pinned : "no");
    snprintf(buf, sizeof buf, "samples=%u min_sample_us=%.0f sentinel=%s@%zu warm drift_tolerance=%.2f repeats=%u",
             cfg->samples, cfg->min_sample_ns / 1e3, p0->baseline, p0->sentinel_size, cfg->drift_tolerance,
             cfg->max_repeats);
    measure_csv_write_kv(f, "settings", buf);
    snprintf(buf, sizeof buf, "%zu", cold_bytes(m));
    measure_csv_write_kv(f, "cold_bytes", buf);
    measure_csv_write_kv(f, "modes", "warm = the same input and output buffers every call (in cache); "
                                     "cold = buffers rotated over cold_bytes (> last-level cache) so each call misses");
    for (size_t k = 0; k < rs->n_plans; k++) {
        const op_plan *p = rs->plans[k];
        char key[48];
        snprintf(key, sizeof key, "op_%s", p->name);
        snprintf(buf, sizeof buf, "size in %s: %s", p->units, p->describe);
        measure_csv_write_kv(f, key, buf);
        if (cfg->series && (p->n_series_vecs || (p->series_threads && m->cores > 1))) {
            snprintf(key, sizeof key, "series_%s", p->name);
            snprintf(buf, sizeof buf, "rows with vecs or threads > 1: the variants but %s again with more activation "
                     "vectors per call (the weights read once for all) or more threads (2 .. %u cores); selected per "
                     "series (profile buckets vecs=N threads=N)", p->baseline, m->cores);
            measure_csv_write_kv(f, key, buf);
        }
    }
    if (cfg->command)
        measure_csv_write_kv(f, "command", cfg->command);
    iso_now(date, sizeof date);
    measure_csv_write_kv(f, "started", date);
    write_default_table(rs);
    measure_csv_write_columns(f);
}

/* Open the CSV: a new file with the header, or (resume) the old one after
 * checking it was measured here, minus a row cut short by a crash. */
static int open_csv(run_state *rs, int *fresh, char *err, size_t errlen)
{
    const measure_config *cfg = rs->cfg;
    *fresh = 1;
    if (cfg->resume && access(cfg->out_path, F_OK) == 0) {
        char msg[600];
        int rc = measure_set_read(cfg->out_path, &rs->done, msg, sizeof msg);
        if (rc == Q4K_OK)
            rc = measure_header_matches(&rs->done, rs->m, msg, sizeof msg);
        if (rc == Q4K_OK && measure_set_version(&rs->done) != atoi(MEASURE_CSV_VERSION)) {
            snprintf(msg, sizeof msg, "it is in measurements format %d of an older q4k (this one writes %s); "
                     "`q4k select` still reads it, but measure again without --resume (or into another file)",
                     measure_set_version(&rs->done), MEASURE_CSV_VERSION);
            rc = Q4K_EINVAL;
        }
        if (rc) {
            snprintf(err, errlen, "cannot resume %s: %s", cfg->out_path, msg);
            return rc;
        }
        FILE *f = fopen(cfg->out_path, "r+");
        if (!f) {
            snprintf(err, errlen, "%s: %s", cfg->out_path, strerror(errno));
            return Q4K_EIO;
        }
        /* Cut a partial last line (a crash mid-write) so appends start clean. */
        fseek(f, 0, SEEK_END);
        long size = ftell(f), keep = size;
        while (keep > 0) {
            fseek(f, keep - 1, SEEK_SET);
            if (fgetc(f) == '\n')
                break;
            keep--;
        }
        fclose(f);
        if (keep != size && truncate(cfg->out_path, keep) != 0) {
            snprintf(err, errlen, "%s: cannot drop the partial last row: %s", cfg->out_path, strerror(errno));
            return Q4K_EIO;
        }
        rs->csv = fopen(cfg->out_path, "a");
        *fresh = 0;
        fprintf(stderr, "measure: resuming %s (%zu points already measured)\n", cfg->out_path, rs->done.n_rows);
    } else {
        if (cfg->resume)
            fprintf(stderr, "measure: %s does not exist yet; starting a new run\n", cfg->out_path);
        rs->csv = fopen(cfg->out_path, "w");
    }
    if (!rs->csv) {
        snprintf(err, errlen, "%s: %s", cfg->out_path, strerror(errno));
        return Q4K_EIO;
    }
    return Q4K_OK;
}

/* The last-level cache size of this run: --llc, the probe, or (resume)
 * the file's, so the cold rotation stays what it was. */
static void find_llc(run_state *rs, int fresh)
{
    q4k_machine *m = rs->m;
    if (!fresh) {
        const char *bytes = measure_header_get(&rs->done, "llc_bytes");
        const char *source = measure_header_get(&rs->done, "llc_source");
        if (bytes) {
            m->llc_bytes = (size_t)strtoull(bytes, NULL, 10);
            snprintf(m->llc_source, sizeof m->llc_source, "%s", source ? source : "from the resumed file");
            return;
        }
    }
    if (rs->cfg->llc_given) {
        char given[32], said[32];
        machine_format_bytes(rs->cfg->llc_given, given, sizeof given);
        machine_format_bytes(m->llc_reported, said, sizeof said);
        m->llc_bytes = rs->cfg->llc_given;
        if (m->llc_reported)
            snprintf(m->llc_source, sizeof m->llc_source, "given: --llc %s (%s said %s)", given,
                     m->llc_reported_by, said);
        else
            snprintf(m->llc_source, sizeof m->llc_source, "given: --llc %s", given);
        return;
    }
    llc_probe_apply(m, rs->cfg->llc_probe, 1, rs->llc_curve, sizeof rs->llc_curve);
}

/* Rough seconds a group takes, for the ETA (corrected by the real pace). */
static double estimate_group(const run_state *rs, size_t n, double ns_per_unit, size_t n_subjects)
{
    double call = n * ns_per_unit;
    double per_sample = call > rs->target_ns ? call : rs->target_ns;
    return (double)n_subjects * (rs->cfg->samples + 3) * per_sample * 1e-9;
}

static size_t plan_subjects(const run_state *rs, const op_plan *p)
{
    size_t k = 0;
    for (size_t j = 0; j < rs->n_subjects; j++)
        k += rs->subjects[j].plan == p;
    return k;
}

/* ", 4 vectors", ", 2 threads" or "": a group's series, for messages. */
static const char *series_text(const group *g, char *buf, size_t len)
{
    if (g->vecs > 1)
        snprintf(buf, len, ", %u vectors", g->vecs);
    else if (g->threads > 1)
        snprintf(buf, len, ", %u threads", g->threads);
    else
        buf[0] = '\0';
    return buf;
}

/* Slower than the fastest sentinel seen so far, beyond the tolerance?
 * The reference only ever moves down: load and throttling slow a machine,
 * nothing makes it faster than undisturbed. */
static int is_drift(const sentinel *st, double worst)
{
    return worst > st->reference * (1 + st->tolerance);
}

/* Time one group (k subjects at one size and mode), with the sentinel
 * before and after; repeat while it drifted, up to max_repeats times.
 * *worst gets the slower of the last two sentinels. */
static int measure_group(run_state *rs, const group *g, subject **todo, size_t k, double *worst,
                         unsigned max_repeats)
{
    const measure_config *cfg = rs->cfg;
    int cold = !strcmp(g->mode, "cold");
    if (rs->filled != g->plan) {
        arena_fill(&rs->a, g->plan);
        rs->filled = g->plan;
    }
    arena_setup(&rs->a, g->n, slots_for(g->plan, g->n, cold, cold_bytes(rs->m)));
    rs->a.w.vecs = g->vecs;
    if (g->threads > 1 && !(rs->a.w.pool = pool_for(rs, g->threads)))
        return Q4K_ENOMEM;
    for (unsigned attempt = 0;; attempt++) {
        double before = sentinel_measure(&rs->st, rs->target_ns, cfg->sentinel_samples);
        for (size_t j = 0; j < k; j++)
            calibrate(todo[j], &rs->a, rs->target_ns);
        for (unsigned r = 0; r < cfg->samples; r++)
            for (size_t j = 0; j < k; j++) {
                subject *s = todo[(j + r) % k];
                s->samples[r] = sample(s, &rs->a);
            }
        double after = sentinel_measure(&rs->st, rs->target_ns, cfg->sentinel_samples);
        double best = before < after ? before : after;
        if (best < rs->st.reference)
            rs->st.reference = best;
        *worst = before > after ? before : after;
        if (!is_drift(&rs->st, *worst) || attempt >= max_repeats)
            break;
        char series[32];
        fprintf(stderr, "measure: drift at %s %s %zu %s%s: sentinel %.2f / %.2f ns/%s vs %.2f undisturbed "
                        "(tolerance %.0f%%): measuring the group again\n",
                g->plan->name, g->mode, g->n, g->plan->units, series_text(g, series, sizeof series), before, after,
                rs->st.s.plan->unit, rs->st.reference, rs->st.tolerance * 100);
    }
    return Q4K_OK;
}

/* 1 when subject s belongs in group g: of its op; in a series group only
 * the variants other than the baseline (no limit loops: they read alone,
 * one vector, one thread; no baseline: eight vectors of the scalar
 * reference over a large matrix take seconds a call). */
static int in_group(const subject *s, const group *g)
{
    if (s->plan != g->plan)
        return 0;
    if (g->vecs == 1 && g->threads == 1)
        return 1;
    return s->v && strcmp(s->v->name, g->plan->baseline);
}

/* The subjects of group g to measure: all of its, less those whose rows
 * --resume found in the file; returns how many. */
static size_t group_todo(run_state *rs, const group *g, subject **todo)
{
    size_t k = 0;
    for (size_t j = 0; j < rs->n_subjects; j++)
        if (in_group(&rs->subjects[j], g) &&
            !measure_set_find_series(&rs->done, g->plan->name, rs->subjects[j].meta.variant, g->mode, g->n,
                                     g->vecs, g->threads))
            todo[k++] = &rs->subjects[j];
    return k;
}

static void write_group(run_state *rs, const group *g, subject **todo, size_t k, int drifted)
{
    unsigned ns = rs->cfg->samples;
    for (size_t j = 0; j < k; j++) {
        subject *s = todo[j];
        measure_row r = s->meta;
        snprintf(r.mode, sizeof r.mode, "%s", g->mode);
        r.size = g->n;
        r.samples = ns;
        r.iters = s->iters;
        r.median_ns = q4k_median(s->samples, ns); /* sorts the samples */
        r.mad_ns = q4k_mad(s->samples, ns, r.median_ns);
        r.min_ns = s->samples[0];
        r.max_ns = s->samples[ns - 1];
        r.gbps = r.median_ns > 0 ? (double)g->plan->rate_bytes_per_unit / r.median_ns : 0;
        r.vecs = g->vecs;
        r.threads = g->threads;
        snprintf(r.flags, sizeof r.flags, "%s", drifted ? "drift" : "");
        measure_csv_write_row(rs->csv, &r);
    }
    if (drifted)
        rs->n_drift_points += k;
    fflush(rs->csv);
}

/* The series of op p measured in this run: (vecs, threads) pairs after
 * (1, 1); none when the run has no variant of p but its baseline. */
static size_t plan_series(const run_state *rs, const op_plan *p, unsigned vecs[], unsigned threads[], size_t max)
{
    size_t n = 0;
    vecs[n] = threads[n] = 1, n++;
    if (!rs->cfg->series)
        return n;
    int any = 0;
    for (size_t j = 0; j < rs->n_subjects && !any; j++)
        any = rs->subjects[j].plan == p && rs->subjects[j].v && strcmp(rs->subjects[j].v->name, p->baseline);
    if (!any)
        return n;
    /* --quick: only the ends, the most vectors and all the cores */
    const int quick = rs->cfg->quick;
    for (size_t i = quick && p->n_series_vecs ? p->n_series_vecs - 1 : 0; i < p->n_series_vecs && n < max; i++)
        vecs[n] = p->series_vecs[i], threads[n] = 1, n++;
    const unsigned cores = rs->m->cores; /* threads: 2, 4, 8, ... and all the cores */
    for (unsigned t = quick ? cores : 2; p->series_threads && t >= 2 && t <= cores && n < max;) {
        vecs[n] = 1, threads[n] = t, n++;
        if (t == cores)
            break;
        t = t * 2 < cores ? t * 2 : cores;
    }
    return n;
}

/* The groups in order: per op, warm sizes ascending, then cold; then the
 * same for each of its series. */
static group *plan_groups(const run_state *rs, size_t *n_groups)
{
    enum { MAX_SERIES = 16 };
    const measure_config *cfg = rs->cfg;
    size_t total = 0, sizes[MEASURE_MAX_SIZES];
    unsigned vecs[MAX_SERIES], threads[MAX_SERIES];
    for (size_t k = 0; k < rs->n_plans; k++)
        total += measure_config_sizes(cfg, rs->plans[k], sizes) * (size_t)(!!cfg->warm + !!cfg->cold) *
                 plan_series(rs, rs->plans[k], vecs, threads, MAX_SERIES);
    group *gs = calloc(total ? total : 1, sizeof *gs);
    if (!gs)
        return NULL;
    size_t g = 0;
    for (size_t k = 0; k < rs->n_plans; k++) {
        size_t n = measure_config_sizes(cfg, rs->plans[k], sizes);
        size_t n_series = plan_series(rs, rs->plans[k], vecs, threads, MAX_SERIES);
        for (size_t e = 0; e < n_series; e++)
            for (int cold = 0; cold < 2; cold++) {
                if (!(cold ? cfg->cold : cfg->warm))
                    continue;
                for (size_t i = 0; i < n; i++)
                    gs[g++] = (group){rs->plans[k], cold ? "cold" : "warm", sizes[i], vecs[e], threads[e]};
            }
    }
    *n_groups = g;
    return gs;
}


static int run(run_state *rs, size_t *n_excluded, char *err, size_t errlen)
{
    const measure_config *cfg = rs->cfg;
    int fresh, rc;
    if ((rc = open_csv(rs, &fresh, err, errlen)))
        return rc;
    find_llc(rs, fresh);
    if (fresh) {
        write_header(rs);
    } else {
        char date[40];
        iso_now(date, sizeof date);
        measure_csv_write_kv(rs->csv, "resumed", date);
        write_default_table(rs);
    }
    if (rs->m->emulated)
        fprintf(stderr, "measure: running under an emulator: the timings are NOT performance "
                        "(this run checks the pipeline only)\n");
    if ((rc = collect_subjects(rs, n_excluded, err, errlen)))
        return rc;
    fflush(rs->csv);

    rs->target_ns = cfg->min_sample_ns;
    double tick_floor = TIMER_TICKS_PER_SAMPLE * (double)q4k_timer_resolution_ns();
    if (rs->target_ns < tick_floor)
        rs->target_ns = tick_floor;

    /* Memory: the largest group of any op decides. */
    const op_plan *p0 = rs->plans[0];
    size_t in_need = op_plan_in_bytes(p0, p0->sentinel_size), out_need = op_plan_out_bytes(p0, p0->sentinel_size, 1);
    size_t aux_need = p0->aux_bytes;
    size_t n_groups = 0;
    group *groups = plan_groups(rs, &n_groups);
    if (!groups)
        return Q4K_ENOMEM;
    for (size_t g = 0; g < n_groups; g++) {
        const op_plan *p = groups[g].plan;
        size_t n = groups[g].n, slots = slots_for(p, n, cfg->cold, cold_bytes(rs->m));
        if (slots * op_plan_in_bytes(p, n) > in_need)
            in_need = slots * op_plan_in_bytes(p, n);
        if (slots * op_plan_out_bytes(p, n, groups[g].vecs) > out_need)
            out_need = slots * op_plan_out_bytes(p, n, groups[g].vecs);
        if (p->aux_bytes > aux_need)
            aux_need = p->aux_bytes;
    }
    if ((rc = arena_alloc(&rs->a, in_need, out_need, aux_need)) ||
        (rc = arena_alloc(&rs->st.a, op_plan_in_bytes(p0, p0->sentinel_size),
                          op_plan_out_bytes(p0, p0->sentinel_size, 1), p0->aux_bytes))) {
        snprintf(err, errlen, "out of memory for %zu MiB of buffers", (in_need + out_need) >> 20);
        free(groups);
        return Q4K_ENOMEM;
    }
    arena_fill(&rs->st.a, p0);
    arena_setup(&rs->st.a, p0->sentinel_size, 1);

    /* The sentinel's reference: the first op's baseline before anything else. */
    const q4k_variant *base = q4k_variant_find(p0->baseline);
    variant_meta(base, &rs->st.s.meta);
    rs->st.s.plan = p0;
    rs->st.s.v = base;
    {
        double x[16];
        calibrate(&rs->st.s, &rs->st.a, rs->target_ns);
        for (int i = 0; i < 16; i++)
            x[i] = sample(&rs->st.s, &rs->st.a);
        rs->st.reference = q4k_median(x, 16);
        double rel_mad = q4k_mad(x, 16, rs->st.reference) / rs->st.reference;
        rs->st.tolerance = cfg->drift_tolerance > 4 * rel_mad ? cfg->drift_tolerance : 4 * rel_mad;
        char buf[200];
        snprintf(buf, sizeof buf, "%s %zu %s warm: %.3f ns/%s at the start, tolerance %.1f%%", p0->baseline,
                 p0->sentinel_size, p0->units, rs->st.reference, p0->unit, rs->st.tolerance * 100);
        measure_csv_write_kv(rs->csv, "sentinel", buf);
        fflush(rs->csv);
    }

    subject **todo = calloc(rs->n_subjects, sizeof *todo);
    double *worst = malloc(n_groups * sizeof *worst);
    int *flagged = calloc(n_groups, sizeof *flagged);
    if (!todo || !worst || !flagged) {
        free(todo), free(worst), free(flagged), free(groups);
        return Q4K_ENOMEM;
    }
    /* The ETA: the sentinel's ns per unit stands in for every op's. */
    double est_total = 0, est_done = 0;
    for (size_t g = 0; g < n_groups; g++)
        est_total += estimate_group(rs, groups[g].n, rs->st.reference, plan_subjects(rs, groups[g].plan));
    char eta[32], sizes_text[32], ops_text[96] = "";
    format_duration(est_total, eta, sizeof eta);
    size_t sizes0[MEASURE_MAX_SIZES];
    if (rs->n_plans == 1)
        snprintf(sizes_text, sizeof sizes_text, "%zu sizes", measure_config_sizes(cfg, p0, sizes0));
    else
        snprintf(sizes_text, sizeof sizes_text, "%zu points", n_groups);
    for (size_t k = 0, used = 0; k < rs->n_plans && used < sizeof ops_text; k++) {
        int w = snprintf(ops_text + used, sizeof ops_text - used, "%s%s", k ? ", " : "", rs->plans[k]->name);
        used += w > 0 ? (size_t)w : 0;
    }
    fprintf(stderr, "measure: %zu variants + %zu limit loops, %zu op%s (%s), %s, %s%s%s, %u samples per point; "
                    "about %s\n",
            rs->n_subjects - rs->n_limits, rs->n_limits, rs->n_plans, rs->n_plans == 1 ? "" : "s", ops_text,
            sizes_text, cfg->warm ? "warm" : "", cfg->warm && cfg->cold ? "+" : "", cfg->cold ? "cold" : "",
            cfg->samples, eta);

    /* Per group: the slower sentinel around it, -1 when not measured now. */
    uint64_t t_start = q4k_now_ns();
    for (size_t g = 0; g < n_groups; g++) {
        const group *gr = &groups[g];
        size_t k = group_todo(rs, gr, todo);
        double est = estimate_group(rs, gr->n, rs->st.reference, plan_subjects(rs, gr->plan));
        worst[g] = -1;
        char series[32];
        series_text(gr, series, sizeof series);
        if (k > 0) {
            if (measure_group(rs, gr, todo, k, &worst[g], cfg->max_repeats) != Q4K_OK) {
                fprintf(stderr, "measure: cannot start %u threads: %s %zu %s%s not measured\n", gr->threads,
                        gr->plan->name, gr->n, gr->plan->units, series);
                worst[g] = -1;
                k = 0;
            } else {
                flagged[g] = is_drift(&rs->st, worst[g]);
                write_group(rs, gr, todo, k, flagged[g]);
            }
        }
        est_done += est;
        double elapsed = (double)(q4k_now_ns() - t_start) * 1e-9;
        double pace = est_done > 0 && elapsed > 0 ? elapsed / est_done : 1;
        format_duration((est_total - est_done) * pace, eta, sizeof eta);
        fprintf(stderr, "measure: [%2zu/%zu] %s%s%s %6zu %s%s: %s%3.0f%% done, ETA %s\n", g + 1, n_groups,
                rs->n_plans > 1 ? gr->plan->name : "", rs->n_plans > 1 ? " " : "", gr->mode, gr->n,
                gr->plan->units, series, k ? "" : "(already measured) ", 100.0 * est_done / est_total, eta);
    }

    /* The sentinel may have found the machine faster later on than at the
     * start: groups measured in a slower state than that, and not flagged
     * then, are measured once more; the new rows supersede the old ones. */
    for (size_t g = 0; g < n_groups; g++) {
        if (worst[g] < 0 || flagged[g] || !is_drift(&rs->st, worst[g]) || cfg->max_repeats == 0)
            continue;
        const group *gr = &groups[g];
        size_t k = group_todo(rs, gr, todo);
        char series[32];
        fprintf(stderr, "measure: re-measuring %s %s %zu %s%s: its sentinel (%.2f ns/%s) was slower than the "
                        "machine later proved undisturbed (%.2f)\n", gr->plan->name, gr->mode, gr->n,
                gr->plan->units, series_text(gr, series, sizeof series), worst[g], p0->unit, rs->st.reference);
        if (measure_group(rs, gr, todo, k, &worst[g], cfg->max_repeats) == Q4K_OK)
            write_group(rs, gr, todo, k, is_drift(&rs->st, worst[g]));
    }
    free(flagged);
    free(worst);
    free(todo);
    free(groups);
    char date[40], buf[80];
    iso_now(date, sizeof date);
    snprintf(buf, sizeof buf, "%zu", rs->n_drift_points);
    measure_csv_write_kv(rs->csv, "drift_points", buf);
    snprintf(buf, sizeof buf, "%.3f ns/%s (the undisturbed reference at the end)", rs->st.reference, p0->unit);
    measure_csv_write_kv(rs->csv, "sentinel_best", buf);
    measure_csv_write_kv(rs->csv, "finished", date);
    if (fflush(rs->csv) != 0 || ferror(rs->csv)) {
        snprintf(err, errlen, "%s: write error: %s", cfg->out_path, strerror(errno));
        return Q4K_EIO;
    }
    if (rs->n_drift_points)
        fprintf(stderr, "measure: %zu points still drifted after %u repeats: flagged 'drift' in the CSV\n",
                rs->n_drift_points, cfg->max_repeats);
    return Q4K_OK;
}

int measure_run(const measure_config *cfg, q4k_machine *m, size_t *n_excluded, char *err, size_t errlen)
{
    run_state rs;
    memset(&rs, 0, sizeof rs);
    rs.cfg = cfg;
    rs.m = m;
    if (n_excluded)
        *n_excluded = 0;
    /* The ops: every one asked for (all by default). One that was not
     * asked for by name and has no size in --sizes (matvec's sizes are
     * multiples of 16) is left out with a note; one asked for is an error. */
    for (size_t i = 0; i < op_plan_count(); i++) {
        const op_plan *p = op_plan_at(i);
        size_t sizes[MEASURE_MAX_SIZES];
        if (!measure_config_has_op(cfg, p))
            continue;
        if (measure_config_sizes(cfg, p, sizes) == 0) {
            if (cfg->ops) {
                snprintf(err, errlen, "no sizes to measure %s at: its sizes count %s, multiples of %zu", p->name,
                         p->units, p->row_units);
                return Q4K_EINVAL;
            }
            fprintf(stderr, "measure: %s left out: none of the sizes is one of its (%s, multiples of %zu)\n",
                    p->name, p->units, p->row_units);
            continue;
        }
        rs.plans[rs.n_plans++] = p;
    }
    if (rs.n_plans == 0 || cfg->samples < 3 || (!cfg->warm && !cfg->cold)) {
        snprintf(err, errlen, "nothing to measure (an operation, sizes, at least 3 samples and a mode are needed)");
        return Q4K_EINVAL;
    }
    int rc = run(&rs, n_excluded, err, errlen);
    if (rs.csv && fclose(rs.csv) != 0 && rc == Q4K_OK) {
        snprintf(err, errlen, "%s: %s", cfg->out_path, strerror(errno));
        rc = Q4K_EIO;
    }
    for (size_t i = 0; i < rs.n_pools; i++)
        q4k_pool_destroy(rs.pools[i]);
    for (size_t i = 0; i < rs.n_subjects; i++)
        free(rs.subjects[i].samples);
    free(rs.subjects);
    arena_free(&rs.a);
    arena_free(&rs.st.a);
    measure_set_free(&rs.done);
    return rc;
}
