/* measure.c - the measurement engine (method and reasons: measure.h). */
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "benchdata.h"
#include "measure.h"
#include "measure_csv.h"
#include "q4k.h"
#include "q4k_dispatch.h"
#include "storelimit.h"
#include "timer.h"
#include "verify.h"

enum { OUT_BYTES_PER_BLOCK = Q4K_BLOCK_VALUES * sizeof(float) };
#define SENTINEL_BLOCKS 16
#define TIMER_TICKS_PER_SAMPLE 1000.0
#define DEFAULT_LLC_BYTES ((size_t)32 << 20)

/* One thing that is timed: a kernel variant or a store limit. */
typedef struct subject {
    measure_row meta;          /* the descriptive columns of its rows */
    q4k_kernel_fn fn;
    unsigned long long iters;  /* calls per sample, from calibration */
    double *samples;           /* ns per block */
} subject;

/* Input and output memory of one group: `slots` (input, output) pairs of
 * n blocks each; warm uses slot 0 only, cold walks through all of them. */
typedef struct arena {
    uint8_t *in;
    float *out;
    size_t in_cap, out_cap; /* bytes allocated */
    size_t n, slots, slot;
} arena;

/* The scalar baseline re-timed at a fixed warm size to detect drift. */
typedef struct sentinel {
    subject s;
    arena a;
    double reference, tolerance;
} sentinel;

void measure_config_defaults(measure_config *cfg, int quick)
{
    memset(cfg, 0, sizeof *cfg);
    if (quick) {
        static const size_t q[] = {1, 16, 512, 8192};
        memcpy(cfg->sizes, q, sizeof q);
        cfg->n_sizes = sizeof q / sizeof q[0];
        cfg->samples = 7;
        cfg->min_sample_ns = 200e3;
        cfg->max_repeats = 1;
    } else {
        for (size_t e = 0; e <= 16; e++)
            cfg->sizes[cfg->n_sizes++] = (size_t)1 << e;
        cfg->samples = 25;
        cfg->min_sample_ns = 2e6;
        cfg->max_repeats = 2;
    }
    cfg->warm = cfg->cold = 1;
    cfg->sentinel_samples = 5;
    cfg->drift_tolerance = 0.10;
    cfg->verify = 1;
    cfg->golden = !quick;
    cfg->out_path = "measurements.csv";
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
    snprintf(err, errlen, "sizes must be block counts from 1 to 1048576, e.g. '1,16,512' or '1-65536' "
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

static size_t slots_for(size_t n, int cold, size_t cold_total)
{
    if (!cold)
        return 1;
    size_t per = n * (Q4K_BLOCK_BYTES + OUT_BYTES_PER_BLOCK);
    size_t slots = (cold_total + per - 1) / per;
    return slots < 2 ? 2 : slots;
}

static void *alloc_aligned(size_t bytes)
{
    void *p = NULL;
    if (posix_memalign(&p, 64, bytes ? bytes : 64) != 0)
        return NULL;
    return p;
}

/* Allocate the arena once for the largest group; fill the input with
 * realistic blocks and touch the output so no page fault is ever timed. */
static int arena_alloc(arena *a, size_t in_bytes, size_t out_bytes)
{
    memset(a, 0, sizeof *a);
    a->in = alloc_aligned(in_bytes);
    a->out = alloc_aligned(out_bytes);
    if (!a->in || !a->out) {
        free(a->in);
        free(a->out);
        return Q4K_ENOMEM;
    }
    a->in_cap = in_bytes;
    a->out_cap = out_bytes;
    enum { TEMPLATE_BLOCKS = 4096 };
    uint8_t *tpl = q4k_bench_blocks(TEMPLATE_BLOCKS, 0x7e57);
    if (!tpl) {
        free(a->in);
        free(a->out);
        return Q4K_ENOMEM;
    }
    const size_t tpl_bytes = (size_t)TEMPLATE_BLOCKS * Q4K_BLOCK_BYTES;
    for (size_t off = 0; off < in_bytes; off += tpl_bytes)
        memcpy(a->in + off, tpl, in_bytes - off < tpl_bytes ? in_bytes - off : tpl_bytes);
    free(tpl);
    memset(a->out, 0, out_bytes);
    return Q4K_OK;
}

static void arena_free(arena *a)
{
    free(a->in);
    free(a->out);
    memset(a, 0, sizeof *a);
}

static void arena_setup(arena *a, size_t n, size_t slots)
{
    a->n = n;
    a->slots = slots;
    a->slot = 0;
}

/* ---- timing ----------------------------------------------------------- */

/* Total ns of `iters` calls; cold arenas move to the next slot per call. */
static uint64_t run_calls(const subject *s, arena *a, unsigned long long iters)
{
    const size_t n = a->n;
    uint64_t t0, t1;
    if (a->slots == 1) {
        t0 = q4k_now_ns();
        for (unsigned long long i = 0; i < iters; i++)
            s->fn(a->in, a->out, n);
        t1 = q4k_now_ns();
    } else {
        size_t slot = a->slot;
        t0 = q4k_now_ns();
        for (unsigned long long i = 0; i < iters; i++) {
            s->fn(a->in + slot * n * Q4K_BLOCK_BYTES, a->out + slot * n * Q4K_BLOCK_VALUES, n);
            if (++slot == a->slots)
                slot = 0;
        }
        t1 = q4k_now_ns();
        a->slot = slot;
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
    return (double)run_calls(s, a, s->iters) / ((double)s->iters * (double)a->n);
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

typedef struct run_state {
    const measure_config *cfg;
    const q4k_machine *m;
    subject *subjects;
    size_t n_subjects;
    measure_set done;      /* rows already in the file (resume) */
    FILE *csv;
    arena a;
    sentinel st;
    double target_ns;
    size_t n_drift_points;
} run_state;

static int add_subject(run_state *rs, const measure_row *meta, q4k_kernel_fn fn)
{
    subject *s = &rs->subjects[rs->n_subjects];
    memset(s, 0, sizeof *s);
    s->meta = *meta;
    s->fn = fn;
    s->samples = calloc(rs->cfg->samples, sizeof *s->samples);
    if (!s->samples)
        return Q4K_ENOMEM;
    rs->n_subjects++;
    return Q4K_OK;
}

static void variant_meta(const q4k_variant *v, measure_row *r)
{
    memset(r, 0, sizeof *r);
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
static int all_points_done(const run_state *rs, const char *name)
{
    const measure_config *cfg = rs->cfg;
    for (int cold = 0; cold < 2; cold++) {
        if (!(cold ? cfg->cold : cfg->warm))
            continue;
        for (size_t i = 0; i < cfg->n_sizes; i++)
            if (!measure_set_find(&rs->done, name, cold ? "cold" : "warm", cfg->sizes[i]))
                return 0;
    }
    return 1;
}

/* Verify and collect the subjects: usable variants that match the
 * patterns (the scalar baseline always), then the store limits. */
static int collect_subjects(run_state *rs, size_t *n_excluded, char *err, size_t errlen)
{
    const measure_config *cfg = rs->cfg;
    size_t cap = q4k_variant_count() + storelimit_count();
    rs->subjects = calloc(cap, sizeof *rs->subjects);
    if (!rs->subjects)
        return Q4K_ENOMEM;
    const char *golden = cfg->golden ? q4k_default_golden_dir() : NULL;
    const int tty = isatty(fileno(stderr));
    size_t excluded = 0, considered = 0, matched = 0;
    for (size_t i = 0; i < q4k_variant_count(); i++) {
        const q4k_variant *v = q4k_variant_at(i);
        int is_scalar = !strcmp(v->isa, "scalar");
        if (!is_scalar && !matches(cfg->patterns, v->name))
            continue;
        considered++;
        matched += matches(cfg->patterns, v->name);
        if (cfg->verify && !all_points_done(rs, v->name)) {
            q4k_verify_report rep;
            memset(&rep, 0, sizeof rep);
            if (tty)
                fprintf(stderr, "\rmeasure: verifying %-48s", v->name);
            int st = q4k_verify_variant(v, golden, &rep);
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
                if (is_scalar) {
                    snprintf(err, errlen, "the scalar baseline itself fails verification: %s", why);
                    return Q4K_EINVAL;
                }
                continue;
            }
        }
        measure_row meta;
        variant_meta(v, &meta);
        int rc = add_subject(rs, &meta, v->fn);
        if (rc)
            return rc;
    }
    if (cfg->verify)
        fprintf(stderr, "%smeasure: verified %zu variants (%s), %zu excluded%s\n", tty ? "\r" : "", considered,
                golden ? "random, adversarial and golden blocks" : "random and adversarial blocks", excluded,
                tty ? "                              " : "");
    if (matched == 0 && cfg->patterns && *cfg->patterns) {
        snprintf(err, errlen, "no usable variant matches '%s' (see 'q4k list')", cfg->patterns);
        return Q4K_EINVAL;
    }
    for (size_t i = 0; i < storelimit_count(); i++) {
        const storelimit *l = storelimit_at(i);
        measure_row meta;
        memset(&meta, 0, sizeof meta);
        snprintf(meta.variant, sizeof meta.variant, "%s", l->name);
        snprintf(meta.isa, sizeof meta.isa, "limit");
        snprintf(meta.method, sizeof meta.method, "%s", l->method);
        meta.unroll = 1;
        meta.nt = !strcmp(l->method, "stream");
        int rc = add_subject(rs, &meta, l->fn);
        if (rc)
            return rc;
    }
    if (n_excluded)
        *n_excluded = excluded;
    return Q4K_OK;
}

/* The built-in table's choice per size, so a report made anywhere can
 * compare the winners with what an untuned library would have run. */
static void write_default_table(run_state *rs)
{
    const q4k_dispatch_table *t = &q4k_dispatch_builtin;
    measure_csv_write_kv(rs->csv, "default_table", t->source);
    for (size_t i = 0; i < rs->cfg->n_sizes; i++) {
        size_t n = rs->cfg->sizes[i];
        /* The library's own rule, so the report cannot disagree with it. */
        const q4k_variant *v = q4k_dispatch_rule(t, Q4K_OP_DEQUANT, n);
        const char *name = v ? v->name : "q4k_dequant__scalar";
        char key[32];
        snprintf(key, sizeof key, "default_%zu", n);
        measure_csv_write_kv(rs->csv, key, name);
    }
}

static void write_header(run_state *rs)
{
    const q4k_machine *m = rs->m;
    const measure_config *cfg = rs->cfg;
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
    measure_csv_write_kv(f, "version", m->version);
    measure_csv_write_kv(f, "commit", m->commit);
    measure_csv_write_kv(f, "timer", m->timer);
    measure_csv_write_kv(f, "emulated", m->emulated ? "yes: timings under an emulator are not performance" : "no");
    measure_csv_write_kv(f, "pinned", cfg->pinned ? cfg->pinned : "no");
    snprintf(buf, sizeof buf, "samples=%u min_sample_us=%.0f sentinel=%s@%d warm drift_tolerance=%.2f repeats=%u",
             cfg->samples, cfg->min_sample_ns / 1e3, "q4k_dequant__scalar", SENTINEL_BLOCKS,
             cfg->drift_tolerance, cfg->max_repeats);
    measure_csv_write_kv(f, "settings", buf);
    snprintf(buf, sizeof buf, "%zu", cold_bytes(m));
    measure_csv_write_kv(f, "cold_bytes", buf);
    measure_csv_write_kv(f, "modes", "warm = the same input and output buffers every call (in cache); "
                                     "cold = buffers rotated over cold_bytes (> last-level cache) so each call misses");
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

/* Rough seconds a group takes, for the ETA (corrected by the real pace). */
static double estimate_group(const run_state *rs, size_t n, double scalar_ns_per_block, size_t n_subjects)
{
    double call = n * scalar_ns_per_block;
    double per_sample = call > rs->target_ns ? call : rs->target_ns;
    return (double)n_subjects * (rs->cfg->samples + 3) * per_sample * 1e-9;
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
static int measure_group(run_state *rs, const char *mode, size_t n, subject **todo, size_t k, double *worst,
                         unsigned max_repeats)
{
    const measure_config *cfg = rs->cfg;
    int cold = !strcmp(mode, "cold");
    arena_setup(&rs->a, n, slots_for(n, cold, cold_bytes(rs->m)));
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
        fprintf(stderr, "measure: drift at %s %zu blocks: scalar sentinel %.2f / %.2f ns/block vs %.2f undisturbed "
                        "(tolerance %.0f%%): measuring the group again\n",
                mode, n, before, after, rs->st.reference, rs->st.tolerance * 100);
    }
    return Q4K_OK;
}

/* The subjects of group (mode, n) to measure: all of them, less those whose
 * rows --resume found in the file; returns how many. */
static size_t group_todo(run_state *rs, const char *mode, size_t n, subject **todo)
{
    size_t k = 0;
    for (size_t j = 0; j < rs->n_subjects; j++)
        if (!measure_set_find(&rs->done, rs->subjects[j].meta.variant, mode, n))
            todo[k++] = &rs->subjects[j];
    return k;
}

static void write_group(run_state *rs, const char *mode, size_t n, subject **todo, size_t k, int drifted)
{
    unsigned ns = rs->cfg->samples;
    for (size_t j = 0; j < k; j++) {
        subject *s = todo[j];
        measure_row r = s->meta;
        snprintf(r.mode, sizeof r.mode, "%s", mode);
        r.blocks = n;
        r.samples = ns;
        r.iters = s->iters;
        r.median_ns = q4k_median(s->samples, ns); /* sorts the samples */
        r.mad_ns = q4k_mad(s->samples, ns, r.median_ns);
        r.min_ns = s->samples[0];
        r.max_ns = s->samples[ns - 1];
        r.gbps = r.median_ns > 0 ? OUT_BYTES_PER_BLOCK / r.median_ns : 0;
        snprintf(r.flags, sizeof r.flags, "%s", drifted ? "drift" : "");
        measure_csv_write_row(rs->csv, &r);
    }
    if (drifted)
        rs->n_drift_points += k;
    fflush(rs->csv);
}

static int run(run_state *rs, size_t *n_excluded, char *err, size_t errlen)
{
    const measure_config *cfg = rs->cfg;
    int fresh, rc;
    if ((rc = open_csv(rs, &fresh, err, errlen)))
        return rc;
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

    /* Memory: the largest group decides. */
    size_t in_need = SENTINEL_BLOCKS * Q4K_BLOCK_BYTES, out_need = SENTINEL_BLOCKS * OUT_BYTES_PER_BLOCK;
    for (size_t i = 0; i < cfg->n_sizes; i++) {
        size_t n = cfg->sizes[i], slots = slots_for(n, cfg->cold, cold_bytes(rs->m));
        if (slots * n * Q4K_BLOCK_BYTES > in_need)
            in_need = slots * n * Q4K_BLOCK_BYTES;
        if (slots * n * OUT_BYTES_PER_BLOCK > out_need)
            out_need = slots * n * OUT_BYTES_PER_BLOCK;
    }
    if ((rc = arena_alloc(&rs->a, in_need, out_need)) ||
        (rc = arena_alloc(&rs->st.a, SENTINEL_BLOCKS * Q4K_BLOCK_BYTES, SENTINEL_BLOCKS * OUT_BYTES_PER_BLOCK))) {
        snprintf(err, errlen, "out of memory for %zu MiB of buffers", (in_need + out_need) >> 20);
        return Q4K_ENOMEM;
    }
    arena_setup(&rs->st.a, SENTINEL_BLOCKS, 1);

    /* The sentinel's reference: the scalar baseline before anything else. */
    const q4k_variant *scalar = q4k_variant_find("q4k_dequant__scalar");
    if (!scalar) {
        snprintf(err, errlen, "the registry has no q4k_dequant__scalar baseline");
        return Q4K_ENOTFOUND;
    }
    variant_meta(scalar, &rs->st.s.meta);
    rs->st.s.fn = scalar->fn;
    {
        double x[16];
        calibrate(&rs->st.s, &rs->st.a, rs->target_ns);
        for (int i = 0; i < 16; i++)
            x[i] = sample(&rs->st.s, &rs->st.a);
        rs->st.reference = q4k_median(x, 16);
        double rel_mad = q4k_mad(x, 16, rs->st.reference) / rs->st.reference;
        rs->st.tolerance = cfg->drift_tolerance > 4 * rel_mad ? cfg->drift_tolerance : 4 * rel_mad;
        char buf[160];
        snprintf(buf, sizeof buf, "q4k_dequant__scalar %d blocks warm: %.3f ns/block at the start, tolerance %.1f%%",
                 SENTINEL_BLOCKS, rs->st.reference, rs->st.tolerance * 100);
        measure_csv_write_kv(rs->csv, "sentinel", buf);
        fflush(rs->csv);
    }

    /* Plan: groups in order (warm sizes ascending, then cold). */
    const char *modes[2];
    size_t n_modes = 0;
    if (cfg->warm)
        modes[n_modes++] = "warm";
    if (cfg->cold)
        modes[n_modes++] = "cold";
    subject **todo = calloc(rs->n_subjects, sizeof *todo);
    if (!todo)
        return Q4K_ENOMEM;
    double est_total = 0, est_done = 0;
    size_t n_groups = n_modes * cfg->n_sizes;
    for (size_t g = 0; g < n_groups; g++)
        est_total += estimate_group(rs, cfg->sizes[g % cfg->n_sizes], rs->st.reference, rs->n_subjects);
    char eta[32];
    format_duration(est_total, eta, sizeof eta);
    fprintf(stderr, "measure: %zu variants + %zu store limits, %zu sizes, %s%s%s, %u samples per point; "
                    "about %s\n",
            rs->n_subjects - storelimit_count(), storelimit_count(), cfg->n_sizes, cfg->warm ? "warm" : "",
            cfg->warm && cfg->cold ? "+" : "", cfg->cold ? "cold" : "", cfg->samples, eta);

    /* Per group: the slower sentinel around it, -1 when not measured now. */
    double *worst = malloc(n_groups * sizeof *worst);
    int *flagged = calloc(n_groups, sizeof *flagged);
    if (!worst || !flagged) {
        free(todo), free(worst), free(flagged);
        return Q4K_ENOMEM;
    }
    uint64_t t_start = q4k_now_ns();
    for (size_t g = 0; g < n_groups; g++) {
        const char *mode = modes[g / cfg->n_sizes];
        size_t n = cfg->sizes[g % cfg->n_sizes];
        size_t k = group_todo(rs, mode, n, todo);
        double est = estimate_group(rs, n, rs->st.reference, rs->n_subjects);
        worst[g] = -1;
        if (k > 0) {
            measure_group(rs, mode, n, todo, k, &worst[g], cfg->max_repeats);
            flagged[g] = is_drift(&rs->st, worst[g]);
            write_group(rs, mode, n, todo, k, flagged[g]);
        }
        est_done += est;
        double elapsed = (double)(q4k_now_ns() - t_start) * 1e-9;
        double pace = est_done > 0 && elapsed > 0 ? elapsed / est_done : 1;
        format_duration((est_total - est_done) * pace, eta, sizeof eta);
        fprintf(stderr, "measure: [%2zu/%zu] %s %6zu blocks: %s%3.0f%% done, ETA %s\n", g + 1, n_groups, mode, n,
                k ? "" : "(already measured) ", 100.0 * est_done / est_total, eta);
    }

    /* The sentinel may have found the machine faster later on than at the
     * start: groups measured in a slower state than that, and not flagged
     * then, are measured once more; the new rows supersede the old ones. */
    for (size_t g = 0; g < n_groups; g++) {
        if (worst[g] < 0 || flagged[g] || !is_drift(&rs->st, worst[g]) || cfg->max_repeats == 0)
            continue;
        const char *mode = modes[g / cfg->n_sizes];
        size_t n = cfg->sizes[g % cfg->n_sizes];
        size_t k = group_todo(rs, mode, n, todo);
        fprintf(stderr, "measure: re-measuring %s %zu blocks: its sentinel (%.2f ns/block) was slower than the "
                        "machine later proved undisturbed (%.2f)\n", mode, n, worst[g], rs->st.reference);
        measure_group(rs, mode, n, todo, k, &worst[g], cfg->max_repeats);
        write_group(rs, mode, n, todo, k, is_drift(&rs->st, worst[g]));
    }
    free(flagged);
    free(worst);
    free(todo);
    char date[40], buf[64];
    iso_now(date, sizeof date);
    snprintf(buf, sizeof buf, "%zu", rs->n_drift_points);
    measure_csv_write_kv(rs->csv, "drift_points", buf);
    snprintf(buf, sizeof buf, "%.3f ns/block (the undisturbed reference at the end)", rs->st.reference);
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

int measure_run(const measure_config *cfg, const q4k_machine *m, size_t *n_excluded, char *err, size_t errlen)
{
    run_state rs;
    memset(&rs, 0, sizeof rs);
    rs.cfg = cfg;
    rs.m = m;
    if (n_excluded)
        *n_excluded = 0;
    if (cfg->n_sizes == 0 || cfg->samples < 3 || (!cfg->warm && !cfg->cold)) {
        snprintf(err, errlen, "nothing to measure (sizes, at least 3 samples and a mode are needed)");
        return Q4K_EINVAL;
    }
    int rc = run(&rs, n_excluded, err, errlen);
    if (rs.csv && fclose(rs.csv) != 0 && rc == Q4K_OK) {
        snprintf(err, errlen, "%s: %s", cfg->out_path, strerror(errno));
        rc = Q4K_EIO;
    }
    for (size_t i = 0; i < rs.n_subjects; i++)
        free(rs.subjects[i].samples);
    free(rs.subjects);
    arena_free(&rs.a);
    arena_free(&rs.st.a);
    measure_set_free(&rs.done);
    return rc;
}
