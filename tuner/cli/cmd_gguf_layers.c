/* cmd_gguf_layers.c - `q4k gguf layers`: walk a model's Q4_K and Q6_K tensors layer
 * by layer, pass after pass, the way a decoder does token after token,
 * through the tensor cache (runtime/q4k_cache.h) with warming of the next
 * layer, and compare the eviction policies on the same model and budget.
 *
 * Layers are the "blk.N." tensors in order of N; every other Q4_K/Q6_K tensor
 * (token_embd, output, ...) forms one last group, like the output head
 * after the last layer. A use of a tensor sums its floats, so a pass reads
 * what it acquires the way a matrix-vector product would.
 *
 * The policies run one after the other (one cache alive at a time, so the
 * memory figures stay each run's own). Whatever runs first would pay the
 * cold start: page faults on the mapped model file, the allocator's first
 * touch of cache-sized buffers, cold instruction caches and clocks. So one
 * untimed warm-up pass through a throwaway cache of the same budget comes
 * first, and every timed pass 1 starts from the same warm process with an
 * empty cache of its own.
 *
 * Beside the passes, the same run times the store limit: the streaming
 * store loop of tuner/lib/storelimit.c writing as many bytes as a pass that
 * misses everything dequantizes. Each pass is reported against it (xlim). */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "commands.h"
#include "hugemem.h"
#include "q4k_cache.h"
#include "q4k_gguf.h"
#include "storelimit.h"
#include "timer.h"

int cmd_gguf_layers(int argc, char **argv);

enum { MAX_THREADS = 64, MAX_PASSES = 1000000, MAX_LAYER_INDEX = 1000000 };

typedef struct group {
    long layer;               /* N of "blk.N.", -1 for the other tensors */
    q4k_cache_tensor *tensors;
    size_t n;
} group;

typedef struct model {
    group *groups;
    size_t n_groups;
    size_t n_tensors;
    size_t n_q6k;             /* of which Q6_K (the rest Q4_K) */
    size_t float_bytes;       /* all the tensors as floats */
    size_t largest_bytes;
} model;

typedef struct options {
    const char *path;
    double cache_mb;
    long passes;
    long threads;
    int policies[2];          /* run LRU, run REUSE */
    int warm;
    int csv;
    int mmap;                 /* map the file instead of reading it into memory */
} options;

typedef struct pass_result {
    double ms;
    uint64_t hits, misses, loads, evictions, warm_loads, uncached;
} pass_result;

typedef struct store_result {
    double ms;                /* the store limit of one pass, 0 = not measured */
    const char *name, *isa;
} store_result;

typedef struct run_result {
    pass_result *passes;
    size_t peak_bytes;
    uint64_t buffer_allocs, buffer_reuses;
    long max_rss_kib;
    double checksum;
} run_result;

static void usage(FILE *f)
{
    fprintf(f,
            "usage: q4k gguf layers FILE [--cache-mb N] [--passes N] [--policy lru|reuse|both]\n"
            "                            [--threads N] [--no-warm] [--mmap] [--csv]\n\n"
            "Walks the Q4_K and Q6_K tensors of FILE layer by layer (\"blk.N.\" in order of N,\n"
            "then the other ones as one last group), pass after pass like a decoder\n"
            "token after token, through the tensor cache, and reports per pass the time,\n"
            "the hit rate and the dequantizations, then the peak memory, for each policy.\n\n"
            "  --cache-mb N   cache budget in MiB, fractions allowed (default %d)\n"
            "  --passes N     passes over the model (default 4)\n"
            "  --policy P     lru, reuse or both side by side (default both)\n"
            "                 lru: least recently used goes first; reuse: predicted\n"
            "                 reuse distance, which keeps a stable part of a model that\n"
            "                 does not fit instead of evicting each tensor before its turn\n"
            "  --threads N    threads that dequantize a layer's misses (default 1)\n"
            "  --no-warm      do not warm the next layer in the background\n"
            "  --mmap         map the file instead of reading it into memory first\n"
            "                 (q4k_gguf_load, huge pages where offered; the default)\n"
            "  --csv          machine-readable output, one line per policy and pass\n\n"
            "hit%% counts acquires that found their tensor cached or being warmed;\n"
            "loads counts dequantizations, by the walk or by the warming worker.\n"
            "xlim is the pass time over the store limit measured in the same run: the\n"
            "machine's streaming store loop writing as many bytes as a pass that misses\n"
            "everything dequantizes (1.0 = as fast as memory takes the floats).\n"
            "Before the timed runs, one untimed warm-up pass through a throwaway cache of\n"
            "the same budget takes the process's cold start (model pages, allocator,\n"
            "caches), so pass 1 compares between the policies.\n",
            Q4K_CACHE_DEFAULT_BUDGET_MIB);
}

static int parse_long(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

static int parse_args(int argc, char **argv, options *o)
{
    *o = (options){.cache_mb = Q4K_CACHE_DEFAULT_BUDGET_MIB, .passes = 4, .threads = 1,
                   .policies = {1, 1}, .warm = 1};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--no-warm")) {
            o->warm = 0;
        } else if (!strcmp(a, "--csv")) {
            o->csv = 1;
        } else if (!strcmp(a, "--mmap")) {
            o->mmap = 1;
        } else if (!strcmp(a, "--cache-mb") || !strcmp(a, "--passes") ||
                   !strcmp(a, "--policy") || !strcmp(a, "--threads")) {
            if (!val) {
                fprintf(stderr, "q4k gguf layers: %s needs a value\n", a);
                return -1;
            }
            i++;
            if (!strcmp(a, "--cache-mb")) {
                char *end;
                errno = 0;
                o->cache_mb = strtod(val, &end);
                /* up to 2^40 MiB keeps the byte count far inside size_t */
                if (errno || end == val || *end || !(o->cache_mb > 0) || o->cache_mb > 1099511627776.0 ||
                    o->cache_mb * 1048576.0 < 1.0 || o->cache_mb * 1048576.0 > (double)(SIZE_MAX / 2)) {
                    fprintf(stderr, "q4k gguf layers: bad --cache-mb '%s' (a positive number of MiB)\n", val);
                    return -1;
                }
            } else if (!strcmp(a, "--passes")) {
                if (parse_long(val, 1, MAX_PASSES, &o->passes)) {
                    fprintf(stderr, "q4k gguf layers: bad --passes '%s' (1..%d)\n", val, MAX_PASSES);
                    return -1;
                }
            } else if (!strcmp(a, "--threads")) {
                if (parse_long(val, 1, MAX_THREADS, &o->threads)) {
                    fprintf(stderr, "q4k gguf layers: bad --threads '%s' (1..%d)\n", val, MAX_THREADS);
                    return -1;
                }
            } else {
                q4k_cache_policy p;
                if (!strcmp(val, "both")) {
                    o->policies[0] = o->policies[1] = 1;
                } else if (q4k_cache_policy_parse(val, &p) == Q4K_OK) {
                    o->policies[0] = p == Q4K_CACHE_LRU;
                    o->policies[1] = p == Q4K_CACHE_REUSE;
                } else {
                    fprintf(stderr, "q4k gguf layers: bad --policy '%s' (lru, reuse or both)\n", val);
                    return -1;
                }
            }
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "q4k gguf layers: unknown option '%s'\n", a);
            return -1;
        } else if (!o->path) {
            o->path = a;
        } else {
            fprintf(stderr, "q4k gguf layers: unexpected argument '%s'\n", a);
            return -1;
        }
    }
    if (!o->path) {
        fprintf(stderr, "q4k gguf layers: no FILE given\n");
        return -1;
    }
    return 0;
}

/* N when name starts with "blk.N.", else -1. */
static long layer_of(const char *name)
{
    if (strncmp(name, "blk.", 4) != 0)
        return -1;
    const char *p = name + 4;
    long n = 0;
    if (*p < '0' || *p > '9')
        return -1;
    while (*p >= '0' && *p <= '9') {
        n = n * 10 + (*p++ - '0');
        if (n > MAX_LAYER_INDEX)
            return -1;
    }
    return *p == '.' ? n : -1;
}

static void model_free(model *m)
{
    for (size_t i = 0; i < m->n_groups; i++)
        free(m->groups[i].tensors);
    free(m->groups);
    *m = (model){0};
}

static int group_add(group *g, const q4k_cache_tensor *t)
{
    q4k_cache_tensor *grown = realloc(g->tensors, (g->n + 1) * sizeof *grown);
    if (!grown)
        return Q4K_ENOMEM;
    g->tensors = grown;
    g->tensors[g->n++] = *t;
    return Q4K_OK;
}

static int cmp_group(const void *a, const void *b)
{
    long x = ((const group *)a)->layer, y = ((const group *)b)->layer;
    /* layers ascending, the other tensors (-1) last */
    if (x < 0 || y < 0)
        return (x < 0) - (y < 0);
    return (x > y) - (x < y);
}

/* The Q4_K and Q6_K tensors of g by group; keys point into g (the names). */
static int model_build(const q4k_gguf *g, model *m)
{
    *m = (model){0};
    size_t count = q4k_gguf_tensor_count(g);
    for (size_t i = 0; i < count; i++) {
        const q4k_gguf_tensor *t = q4k_gguf_tensor_at(g, i);
        q4k_cache_tensor ct = {t->name, NULL, 0, Q4K_WTYPE_Q4_K};
        if (q4k_gguf_tensor_blocks(t, &ct.type, &ct.blocks, &ct.n_blocks) != Q4K_OK || ct.n_blocks == 0)
            continue;
        if (ct.n_blocks > SIZE_MAX / 4 / (Q4K_BLOCK_VALUES * sizeof(float)))
            return Q4K_EOVERFLOW;
        size_t bytes = ct.n_blocks * Q4K_BLOCK_VALUES * sizeof(float);
        if (bytes > SIZE_MAX / 4 - m->float_bytes)
            return Q4K_EOVERFLOW;
        long layer = layer_of(t->name);
        size_t k = 0;
        while (k < m->n_groups && m->groups[k].layer != layer)
            k++;
        if (k == m->n_groups) {
            group *grown = realloc(m->groups, (m->n_groups + 1) * sizeof *grown);
            if (!grown)
                return Q4K_ENOMEM;
            m->groups = grown;
            m->groups[m->n_groups++] = (group){layer, NULL, 0};
        }
        if (group_add(&m->groups[k], &ct) != Q4K_OK)
            return Q4K_ENOMEM;
        m->n_tensors++;
        m->n_q6k += ct.type == Q4K_WTYPE_Q6_K;
        m->float_bytes += bytes;
        if (bytes > m->largest_bytes)
            m->largest_bytes = bytes;
    }
    if (m->n_groups)
        qsort(m->groups, m->n_groups, sizeof *m->groups, cmp_group);
    return Q4K_OK;
}

static long max_rss_kib(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return -1;
#ifdef __APPLE__
    return (long)(ru.ru_maxrss / 1024); /* bytes there */
#else
    return (long)ru.ru_maxrss;          /* KiB on Linux */
#endif
}

enum { USE_LANES = 32 };

/* Read the floats as a matrix-vector product would (and keep the compiler
 * from dropping the reads). 32 independent float sums, element i into sum
 * i % 32, added up in a fixed order at the end: the compiler keeps them in
 * vector registers (8 SSE/NEON or 4 AVX accumulators, no dependency chain
 * on one register), and the result is the same bits whatever the vector
 * width, compiler or machine. */
static double use_floats(const float *f, size_t n)
{
    float acc[USE_LANES] = {0};
    size_t i = 0;
    for (; i + USE_LANES <= n; i += USE_LANES)
        for (int k = 0; k < USE_LANES; k++)
            acc[k] += f[i + k];
    for (int k = 0; i < n; i++, k++)
        acc[k] += f[i];
    double s = 0;
    for (int k = 0; k < USE_LANES; k++)
        s += acc[k];
    return s;
}

/* The store limit of a pass, measured in this run: the machine's streaming
 * store loop (the dequantization kernels' way of writing) writes as many
 * bytes as a pass that misses everything dequantizes, tensor by tensor into
 * one buffer of the largest tensor's size (faulted in first). Best of 3. */
static int store_limit(const model *m, store_result *out)
{
    const storelimit *sl = storelimit_find("limit:stream");
    if (!sl)
        sl = storelimit_find("limit:store");
    if (!sl)
        return Q4K_EUNSUPPORTED;
    void *buf = q4k_huge_alloc(m->largest_bytes); /* like the cache's large buffers */
    if (!buf)
        return Q4K_ENOMEM;
    sl->fn(buf, m->largest_bytes); /* fault it in, untimed */
    double best = 0;
    for (int rep = 0; rep < 3; rep++) {
        uint64_t t0 = q4k_now_ns();
        for (size_t gi = 0; gi < m->n_groups; gi++)
            for (size_t i = 0; i < m->groups[gi].n; i++)
                sl->fn(buf, m->groups[gi].tensors[i].n_blocks * Q4K_BLOCK_VALUES * sizeof(float));
        double ms = (double)(q4k_now_ns() - t0) / 1e6;
        if (rep == 0 || ms < best)
            best = ms;
    }
    free(buf);
    *out = (store_result){best, sl->name, sl->isa};
    return Q4K_OK;
}

/* passes passes of policy over m into r->passes[0..passes); label names the
 * run in the progress line. */
static int walk(const model *m, const options *o, q4k_cache_policy policy, long passes, const char *label,
                run_result *r)
{
    q4k_cache_options co = {.budget_bytes = (size_t)(o->cache_mb * 1048576.0), .policy = policy};
    q4k_cache *c = NULL;
    int rc = q4k_cache_create(&co, &c);
    if (rc != Q4K_OK)
        return rc;
    size_t widest = 0;
    for (size_t gi = 0; gi < m->n_groups; gi++)
        if (m->groups[gi].n > widest)
            widest = m->groups[gi].n;
    const float **floats = calloc(widest, sizeof *floats);
    if (!floats) {
        q4k_cache_destroy(c);
        return Q4K_ENOMEM;
    }
    int progress = isatty(STDERR_FILENO);
    q4k_cache_stats before, after;
    q4k_cache_get_stats(c, &before);
    for (long p = 0; p < passes && rc == Q4K_OK; p++) {
        if (progress)
            fprintf(stderr, "\r%s: pass %ld/%ld ", label, p + 1, passes);
        uint64_t t0 = q4k_now_ns();
        for (size_t gi = 0; gi < m->n_groups && rc == Q4K_OK; gi++) {
            const group *g = &m->groups[gi];
            rc = q4k_cache_acquire_many(c, g->tensors, g->n, (unsigned)o->threads, floats);
            if (rc != Q4K_OK)
                break;
            /* While this layer is in use, the next one is warmed (after the
             * acquire: warming first could evict what this layer needs). */
            const group *next = &m->groups[(gi + 1) % m->n_groups];
            if (o->warm && next != g && (rc = q4k_cache_warm(c, next->tensors, next->n)) != Q4K_OK) {
                q4k_cache_release_many(c, g->tensors, g->n);
                break;
            }
            for (size_t i = 0; i < g->n; i++)
                r->checksum += use_floats(floats[i], g->tensors[i].n_blocks * Q4K_BLOCK_VALUES);
            rc = q4k_cache_release_many(c, g->tensors, g->n);
        }
        uint64_t t1 = q4k_now_ns();
        q4k_cache_get_stats(c, &after);
        r->passes[p] = (pass_result){(double)(t1 - t0) / 1e6, after.hits - before.hits,
                                     after.misses - before.misses,
                                     after.dequantizations - before.dequantizations,
                                     after.evictions - before.evictions,
                                     after.warm_loads - before.warm_loads,
                                     after.uncached - before.uncached};
        before = after;
    }
    if (progress)
        fprintf(stderr, "\r%40s\r", "");
    q4k_cache_warm_wait(c);
    q4k_cache_get_stats(c, &after);
    r->peak_bytes = after.peak_bytes;
    r->buffer_allocs = after.buffer_allocs;
    r->buffer_reuses = after.buffer_reuses;
    r->max_rss_kib = max_rss_kib();
    free(floats);
    int drc = q4k_cache_destroy(c);
    return rc != Q4K_OK ? rc : drc;
}

static double mib(size_t bytes)
{
    return (double)bytes / 1048576.0;
}

static double rate(const pass_result *p)
{
    uint64_t total = p->hits + p->misses;
    return total ? 100.0 * (double)p->hits / (double)total : 0.0;
}

static double limit_ratio(const store_result *sr, double ms)
{
    return sr->ms > 0 ? ms / sr->ms : 0.0;
}

static void print_csv(const options *o, const run_result *runs, const store_result *sr)
{
    printf("policy,pass,ms,hits,misses,hit_rate,loads,warm_loads,evictions,uncached,"
           "budget_bytes,peak_bytes,max_rss_kib,store_limit_ms,limit_ratio\n");
    for (int k = 0; k < 2; k++) {
        if (!o->policies[k])
            continue;
        for (long p = 0; p < o->passes; p++) {
            const pass_result *r = &runs[k].passes[p];
            printf("%s,%ld,%.3f,%" PRIu64 ",%" PRIu64 ",%.4f,%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64
                   ",%zu,%zu,%ld,%.3f,%.3f\n",
                   q4k_cache_policy_name((q4k_cache_policy)k), p + 1, r->ms, r->hits, r->misses,
                   rate(r) / 100.0, r->loads, r->warm_loads, r->evictions, r->uncached,
                   (size_t)(o->cache_mb * 1048576.0), runs[k].peak_bytes, runs[k].max_rss_kib, sr->ms,
                   limit_ratio(sr, r->ms));
        }
    }
}

static void print_table(const options *o, const model *m, const run_result *runs, const store_result *sr)
{
    size_t layers = m->n_groups - (m->groups[m->n_groups - 1].layer < 0);
    size_t budget = (size_t)(o->cache_mb * 1048576.0);
    printf("model    %s: %zu tensors (%zu Q4_K, %zu Q6_K) in %zu layers%s, %.2f MiB as floats (largest %.2f MiB)\n",
           o->path, m->n_tensors, m->n_tensors - m->n_q6k, m->n_q6k, layers, layers < m->n_groups ? " + 1 group of others" : "",
           mib(m->float_bytes), mib(m->largest_bytes));
    printf("budget   %.2f MiB = %.0f%% of the model; %ld pass%s; %ld thread%s; warming %s; %s\n", mib(budget),
           100.0 * (double)budget / (double)m->float_bytes, o->passes, o->passes == 1 ? "" : "es",
           o->threads, o->threads == 1 ? "" : "s", o->warm ? "on" : "off",
           o->mmap ? "file mapped" : "file read into memory");
    printf("warm-up  1 untimed pass (own cache, same budget) before the timed runs, so pass 1 compares "
           "between policies\n");
    if (sr->ms > 0)
        printf("limit    %s (%s) stores the %.2f MiB of a pass in %.2f ms (%.2f GB/s), best of 3 in this run;\n"
               "         xlim = pass time / that\n",
               sr->name, sr->isa, mib(m->float_bytes), sr->ms, (double)m->float_bytes / sr->ms / 1e6);
    printf("\npass ");
    for (int k = 0; k < 2; k++)
        if (o->policies[k])
            printf("| %-6s    ms   hit%%  loads   xlim ", q4k_cache_policy_name((q4k_cache_policy)k));
    printf("\n");
    for (long p = 0; p < o->passes; p++) {
        printf("%4ld ", p + 1);
        for (int k = 0; k < 2; k++)
            if (o->policies[k]) {
                const pass_result *r = &runs[k].passes[p];
                printf("| %12.2f %6.1f %6" PRIu64 " %6.2f ", r->ms, rate(r), r->loads, limit_ratio(sr, r->ms));
            }
        printf("\n");
    }
    printf("\nall  ");
    for (int k = 0; k < 2; k++)
        if (o->policies[k]) {
            pass_result sum = {0};
            for (long p = 0; p < o->passes; p++) {
                sum.ms += runs[k].passes[p].ms;
                sum.hits += runs[k].passes[p].hits;
                sum.misses += runs[k].passes[p].misses;
                sum.loads += runs[k].passes[p].loads;
            }
            printf("| %12.2f %6.1f %6" PRIu64 " %6.2f ", sum.ms, rate(&sum), sum.loads,
                   limit_ratio(sr, sum.ms / (double)o->passes));
        }
    printf("\n\n");
    for (int k = 0; k < 2; k++)
        if (o->policies[k])
            printf("%-6s   cache peak %.2f MiB; %" PRIu64 " loads into new buffers, %" PRIu64
                   " into reused ones; process max RSS %.1f MiB after this run\n",
                   q4k_cache_policy_name((q4k_cache_policy)k), mib(runs[k].peak_bytes), runs[k].buffer_allocs,
                   runs[k].buffer_reuses, (double)runs[k].max_rss_kib / 1024.0);
}

int cmd_gguf_layers(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return 0;
        }
    options o;
    if (parse_args(argc, argv, &o) != 0) {
        fprintf(stderr, "\n");
        usage(stderr);
        return 2;
    }
    q4k_gguf *g = NULL;
    char err[512];
    int mapped = 0;
    int rc = gguf_open_for_passes(o.path, o.mmap, &g, &mapped, err, sizeof err);
    if (rc == Q4K_OK && mapped && !o.mmap)
        fprintf(stderr, "q4k gguf layers: %s is larger than half of this machine's memory: mapped, not read in\n",
                o.path);
    o.mmap = mapped;
    if (rc != Q4K_OK) {
        fprintf(stderr, "q4k gguf layers: %s (%s)%s\n", err, q4k_strerror(rc),
                rc == Q4K_ENOMEM ? "; --mmap maps the file instead" : "");
        return 2;
    }
    model m;
    rc = model_build(g, &m);
    if (rc != Q4K_OK || m.n_tensors == 0) {
        if (rc != Q4K_OK)
            fprintf(stderr, "q4k gguf layers: %s: %s\n", o.path, q4k_strerror(rc));
        else
            fprintf(stderr, "q4k gguf layers: %s has no Q4_K or Q6_K tensors\n", o.path);
        model_free(&m);
        q4k_gguf_close(g);
        return rc == Q4K_ENOMEM ? 1 : 2;
    }

    run_result runs[2] = {{0}};
    int status = 0;
    /* The untimed warm-up (see the top of this file); its figures are dropped. */
    pass_result warm_pass;
    run_result warm_up = {.passes = &warm_pass};
    rc = walk(&m, &o, o.policies[0] ? Q4K_CACHE_LRU : Q4K_CACHE_REUSE, 1, "warm-up", &warm_up);
    if (rc != Q4K_OK) {
        fprintf(stderr, "q4k gguf layers: warm-up walk failed: %s\n", q4k_strerror(rc));
        status = 1;
    }
    store_result sr = {0};
    if (status == 0 && (rc = store_limit(&m, &sr)) != Q4K_OK)
        fprintf(stderr, "q4k gguf layers: no store limit: %s\n", q4k_strerror(rc)); /* the walk goes on */
    for (int k = 0; k < 2 && status == 0; k++) {
        if (!o.policies[k])
            continue;
        runs[k].passes = calloc((size_t)o.passes, sizeof *runs[k].passes);
        rc = runs[k].passes ? walk(&m, &o, (q4k_cache_policy)k, o.passes, q4k_cache_policy_name((q4k_cache_policy)k),
                                   &runs[k])
                            : Q4K_ENOMEM;
        if (rc != Q4K_OK) {
            fprintf(stderr, "q4k gguf layers: %s walk failed: %s\n",
                    q4k_cache_policy_name((q4k_cache_policy)k), q4k_strerror(rc));
            status = 1;
        }
    }
    if (status == 0) {
        if (o.csv)
            print_csv(&o, runs, &sr);
        else
            print_table(&o, &m, runs, &sr);
    }
    for (int k = 0; k < 2; k++)
        free(runs[k].passes);
    model_free(&m);
    q4k_gguf_close(g);
    return status;
}
