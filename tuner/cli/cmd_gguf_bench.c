/* cmd_gguf_bench.c - `q4k gguf bench`: one decode step of a model's weight
 * work per token, through the fused kernels, against the machine's read
 * limit measured in the same run.
 *
 * Per token, every 2-D Q4_K and Q6_K weight matrix of the model (every
 * layer's, and the output projection) is multiplied by --vecs activation
 * vectors: q4k_quantize_q8k once per distinct matrix input, as an engine
 * does it (attn_q/k/v of a layer share one input, ffn_gate/up share one;
 * every other matrix has its own), then q4k_matmul_q8k_mt or
 * q4k_matmul_q6k_q8k_mt on a pool of --threads. token_embd is a row lookup
 * in a decoder, not a matrix product, so it is skipped; tensors of other
 * types (the F32 norms) are not counted either. The weights are read where
 * the GGUF reader mapped them: nothing is copied, so a model larger than
 * memory works (it then streams from the disk, as it would in an engine).
 *
 * --compare-dequant runs the same work the old way, matrix by matrix:
 * dequantize to float32 into one reused buffer (never more than one
 * tensor's floats), then a plain float32 matrix-vector product.
 *
 * The read limit: the tuner's limit:read loop (tuner/lib/storelimit.c, the
 * widest vector loads the CPU has) over a buffer larger than the last-level
 * cache (--read-mb, default 512 MiB), split over --threads threads, best of
 * 3. Exit status: 0 done, 1 a failure while running (memory, a kernel),
 * 2 usage or input errors. */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "hugemem.h"
#include "machine.h"
#include "q4k.h"
#include "storelimit.h"
#include "timer.h"

enum {
    MAX_THREADS = 256,
    MAX_VECS = 256,
    MAX_TOKENS = 100000,
    READ_REPS = 3,
    DEFAULT_READ_MB = 512,
    MAX_READ_MB = 65536
};

enum { T_Q4K = 0, T_Q6K = 1, N_TYPES = 2 };

typedef struct matrix {
    const q4k_gguf_tensor *t;
    int kind;              /* T_Q4K, T_Q6K */
    size_t n_rows, n_cols;
    size_t input;          /* index of its input (shared by attn_q/k/v, ffn_gate/up) */
    q4k_packed *pk;        /* --pack: the weights packed (q4k_pack, q4k_pack_q6k), else NULL */
} matrix;

typedef struct input {
    char prefix[96];       /* "blk.3.attn_in", "blk.3.ffn_in", or the tensor name */
    size_t n_cols;
    void *xq;              /* vecs * n_cols/256 Q8_K blocks */
    int ready;             /* quantized in this token */
} input;

typedef struct options {
    const char *path;
    unsigned long threads, vecs, tokens, read_mb;
    int compare, json, pack, mmap;
} options;

typedef struct model {
    matrix *m;
    size_t n;
    input *in;
    size_t n_in;
    size_t max_cols, max_rows, max_elems;
    uint64_t bytes[N_TYPES];
    size_t count[N_TYPES];
    size_t skipped_embd, skipped_other;
} model;

/* per-token figures, in ns */
typedef struct token_time {
    double total, type[N_TYPES], quant;
} token_time;

static void usage(FILE *f)
{
    fprintf(f,
            "usage: q4k gguf bench FILE [--threads N] [--vecs N] [--tokens N] [--compare-dequant]\n"
            "                           [--pack] [--mmap] [--read-mb N] [--json]\n\n"
            "Runs one decode step of the model's weight work per token: every Q4_K and Q6_K\n"
            "2-D weight matrix of every layer and the output projection, through the fused\n"
            "kernels. The activations (random, seeded, finite) are quantized to Q8_K once per\n"
            "distinct matrix input, as an engine does (attn_q/k/v share one input, ffn_gate/up\n"
            "share one; that time is counted), then multiplied by q4k_matmul_q8k_mt or\n"
            "q4k_matmul_q6k_q8k_mt. token_embd is a lookup, not a matrix product: skipped.\n"
            "Tensors of other types (F32 norms, ...) are not counted. The file is read into\n"
            "memory first (q4k_gguf_load: huge pages where the OS offers them), as llama.cpp\n"
            "does without mmap; --mmap maps it instead, for a model larger than memory.\n\n"
            "  --threads N        threads of the matmul pool and of the read loop, 1..%d (default 1)\n"
            "  --vecs N           activation vectors per matrix (a batch), 1..%d (default 1)\n"
            "  --tokens N         runs, 2..%d (default 8); the first is a warm-up, not counted\n"
            "  --compare-dequant  also run the old way: per matrix, dequantize to float32 into one\n"
            "                     reused buffer, then a float32 matrix-vector product\n"
            "  --pack             pack every Q4_K and Q6_K matrix first (q4k_pack, q4k_pack_q6k,\n"
            "                     the interleave the table in force prefers; held in memory\n"
            "                     beside the file) and run the packed products\n"
            "                     (q4k_matmul_q8k_packed_mt, q4k_matmul_q6k_q8k_packed_mt)\n"
            "  --mmap             map the file instead of reading it into memory (q4k_gguf_open:\n"
            "                     the page cache's 4 KiB pages; slower where TLB walks are dear)\n"
            "  --read-mb N        buffer of the read-limit loop in MiB, 1..%d (default %d; keep it\n"
            "                     larger than the last-level cache)\n"
            "  --json             one JSON object on stdout instead of the text report\n\n"
            "Output: ms per token (median of the counted tokens), GB/s of weight bytes read\n"
            "(the counted matrices' bytes / that time), the read limit measured in the same\n"
            "run (limit:read, plain vector loads over --read-mb MiB on --threads threads, best\n"
            "of %d) and the share of it reached; the same per type (Q4_K, Q6_K) and for the\n"
            "Q8_K quantization; with --compare-dequant the old way's ms per token and the\n"
            "fused path's speed-up over it. Progress goes to stderr on a terminal.\n"
            "Exit status: 0 done, 1 failure while running, 2 usage or input error.\n",
            MAX_THREADS, MAX_VECS, MAX_TOKENS, MAX_READ_MB, DEFAULT_READ_MB, READ_REPS);
}

static int parse_count(const char *opt, const char *s, unsigned long lo, unsigned long hi, unsigned long *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || end == s || *end || *s == '-' || *s == '+' || v < lo || v > hi) {
        fprintf(stderr, "q4k gguf bench: %s takes a whole number from %lu to %lu, not '%s'\n", opt, lo, hi, s);
        return -1;
    }
    *out = v;
    return 0;
}

/* 0 ok, 1 --help shown, -1 bad usage (message printed) */
static int parse_args(int argc, char **argv, options *o)
{
    *o = (options){.threads = 1, .vecs = 1, .tokens = 8, .read_mb = DEFAULT_READ_MB};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 1;
        } else if (!strcmp(a, "--compare-dequant")) {
            o->compare = 1;
        } else if (!strcmp(a, "--json")) {
            o->json = 1;
        } else if (!strcmp(a, "--pack")) {
            o->pack = 1;
        } else if (!strcmp(a, "--mmap")) {
            o->mmap = 1;
        } else if (!strcmp(a, "--threads") || !strcmp(a, "--vecs") || !strcmp(a, "--tokens") ||
                   !strcmp(a, "--read-mb")) {
            if (i + 1 >= argc) {
                fprintf(stderr, "q4k gguf bench: %s needs a value\n", a);
                return -1;
            }
            const char *v = argv[++i];
            int bad = !strcmp(a, "--threads") ? parse_count(a, v, 1, MAX_THREADS, &o->threads)
                      : !strcmp(a, "--vecs")  ? parse_count(a, v, 1, MAX_VECS, &o->vecs)
                      : !strcmp(a, "--tokens") ? parse_count(a, v, 2, MAX_TOKENS, &o->tokens)
                                               : parse_count(a, v, 1, MAX_READ_MB, &o->read_mb);
            if (bad)
                return -1;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "q4k gguf bench: unknown option '%s' (try --help)\n", a);
            return -1;
        } else if (!o->path) {
            o->path = a;
        } else {
            fprintf(stderr, "q4k gguf bench: one FILE only ('%s' is extra)\n", a);
            return -1;
        }
    }
    if (!o->path) {
        fprintf(stderr, "q4k gguf bench: no FILE given (try --help)\n");
        return -1;
    }
    return 0;
}

/* ---- the model's matrices ------------------------------------------------ */

static int ends_with(const char *s, const char *suffix)
{
    size_t ls = strlen(s), lx = strlen(suffix);
    return ls >= lx && !strcmp(s + ls - lx, suffix);
}

/* The input a matrix reads: "<blk.N.>attn_in" for attn_q/k/v, "<blk.N.>ffn_in"
 * for ffn_gate/up (ffn_*_exps too), else the tensor's own name. */
static void input_name(const char *name, char *out, size_t len)
{
    static const struct { const char *suffix, *input; } shared[] = {
        {"attn_q.weight", "attn_in"},     {"attn_k.weight", "attn_in"},   {"attn_v.weight", "attn_in"},
        {"attn_qkv.weight", "attn_in"},   {"ffn_gate.weight", "ffn_in"},  {"ffn_up.weight", "ffn_in"},
    };
    for (size_t i = 0; i < sizeof shared / sizeof shared[0]; i++)
        if (ends_with(name, shared[i].suffix)) {
            int plen = (int)(strlen(name) - strlen(shared[i].suffix));
            snprintf(out, len, "%.*s%s", plen, name, shared[i].input);
            return;
        }
    snprintf(out, len, "%s", name);
}

static void model_free(model *md)
{
    for (size_t i = 0; i < md->n_in; i++)
        free(md->in[i].xq);
    for (size_t i = 0; i < md->n; i++)
        q4k_packed_free(md->m[i].pk);
    free(md->in);
    free(md->m);
    *md = (model){0};
}

/* The counted matrices of g. Q4K_ENOMEM, Q4K_EOVERFLOW, else 0 (n may be 0). */
static int model_build(const q4k_gguf *g, size_t vecs, model *md)
{
    *md = (model){0};
    size_t count = q4k_gguf_tensor_count(g);
    if (!(md->m = calloc(count ? count : 1, sizeof *md->m)) || !(md->in = calloc(count ? count : 1, sizeof *md->in)))
        return Q4K_ENOMEM;
    for (size_t i = 0; i < count; i++) {
        const q4k_gguf_tensor *t = q4k_gguf_tensor_at(g, i);
        int kind = t->type == Q4K_GGML_Q4_K ? T_Q4K : t->type == Q4K_GGML_Q6_K ? T_Q6K : -1;
        int matrix2d = t->n_dims == 2 || (t->n_dims > 2 && t->ne[2] == 1 && t->ne[3] == 1);
        if (kind < 0 || !matrix2d || t->ne[0] == 0 || t->ne[0] % Q4K_BLOCK_VALUES || t->ne[1] == 0) {
            md->skipped_other++;
            continue;
        }
        if (!strcmp(t->name, "token_embd.weight")) {
            md->skipped_embd++;
            continue;
        }
        if (t->ne[0] > SIZE_MAX / 4 || t->ne[1] > SIZE_MAX / 4 || t->n_elements > SIZE_MAX / sizeof(float) / 2)
            return Q4K_EOVERFLOW;
        matrix *m = &md->m[md->n++];
        *m = (matrix){.t = t, .kind = kind, .n_rows = (size_t)t->ne[1], .n_cols = (size_t)t->ne[0]};
        char name[96];
        input_name(t->name, name, sizeof name);
        size_t k = 0;
        while (k < md->n_in && (strcmp(md->in[k].prefix, name) || md->in[k].n_cols != m->n_cols))
            k++;
        if (k == md->n_in) {
            input *in = &md->in[md->n_in++];
            snprintf(in->prefix, sizeof in->prefix, "%s", name);
            in->n_cols = m->n_cols;
            if (!(in->xq = malloc(vecs * (m->n_cols / Q4K_BLOCK_VALUES) * Q4K_Q8K_BLOCK_BYTES)))
                return Q4K_ENOMEM;
        }
        m->input = k;
        md->bytes[kind] += t->nbytes;
        md->count[kind]++;
        if (m->n_cols > md->max_cols)
            md->max_cols = m->n_cols;
        if (m->n_rows > md->max_rows)
            md->max_rows = m->n_rows;
        if ((size_t)t->n_elements > md->max_elems)
            md->max_elems = (size_t)t->n_elements;
    }
    return Q4K_OK;
}

/* ---- activations ---------------------------------------------------------- */

/* splitmix64: the same floats on every machine for a seed */
static uint64_t next_u64(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/* n finite floats in (-1, 1) */
static void random_floats(float *x, size_t n, uint64_t seed)
{
    for (size_t i = 0; i < n; i++)
        x[i] = (float)((double)(next_u64(&seed) >> 40) / (double)(1u << 24) * 2.0 - 1.0);
}

/* ---- the float32 way -------------------------------------------------------- */

enum { LANES = 16 };

/* y[v*n_rows + r] = dot(w row r, x vector v). 16 independent float lanes per
 * dot, added up at the end: gcc -O3 turns the lane loop into vector
 * multiply-adds (no reassociation of one sum needed). Built for AVX2+FMA
 * too where the compiler can clone it (chosen at load time by the CPU). */
#if defined(__x86_64__) && defined(__linux__) && defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 11 && \
    !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
__attribute__((target_clones("arch=x86-64-v3", "default")))
#endif
static void f32_matmul(const float *w, size_t n_rows, size_t n_cols, const float *x, size_t n_vecs, float *y)
{
    for (size_t v = 0; v < n_vecs; v++) {
        const float *xv = x + v * n_cols;
        for (size_t r = 0; r < n_rows; r++) {
            const float *wr = w + r * n_cols;
            float acc[LANES] = {0};
            size_t i = 0;
            for (; i + LANES <= n_cols; i += LANES)
                for (int k = 0; k < LANES; k++)
                    acc[k] += wr[i + k] * xv[i + k];
            float s = 0;
            for (; i < n_cols; i++)
                s += wr[i] * xv[i];
            for (int k = 0; k < LANES; k++)
                s += acc[k];
            y[v * n_rows + r] = s;
        }
    }
}

/* ---- the read limit --------------------------------------------------------- */

typedef struct read_job {
    const storelimit *sl;
    unsigned char *buf;
    size_t bytes;
    atomic_int *go;        /* the helpers start together when it turns 1 */
} read_job;

static void *read_part(void *arg)
{
    read_job *j = arg;
    while (!atomic_load_explicit(j->go, memory_order_acquire))
        sched_yield();
    if (atomic_load_explicit(j->go, memory_order_acquire) > 0)
        j->sl->fn(j->buf, j->bytes);
    return NULL;
}

/* Best of READ_REPS runs of limit:read over bytes, split over threads; GB/s
 * in *gbps (0 when not measured: the reason is returned). */
static int read_limit(size_t bytes, unsigned threads, double *gbps, const char **isa)
{
    *gbps = 0;
    const storelimit *sl = storelimit_find("limit:read");
    if (!sl)
        return Q4K_EUNSUPPORTED;
    *isa = sl->isa;
    unsigned char *buf = q4k_huge_alloc(bytes); /* huge pages, like the loaded weights */
    if (!buf)
        return Q4K_ENOMEM;
    memset(buf, 1, bytes); /* fault every page in (and not the shared zero page) */
    atomic_int go;
    read_job jobs[MAX_THREADS];
    size_t part = bytes / threads / 64 * 64;
    for (unsigned k = 0; k < threads; k++)
        jobs[k] = (read_job){sl, buf + k * part, k + 1 < threads ? part : bytes - k * part, &go};
    double best = 0;
    int status = Q4K_OK;
    for (int rep = 0; rep < READ_REPS && status == Q4K_OK; rep++) {
        pthread_t tid[MAX_THREADS];
        atomic_store(&go, 0);
        unsigned started = 1;
        for (; started < threads; started++)
            if (pthread_create(&tid[started], NULL, read_part, &jobs[started]) != 0)
                break;
        if (started < threads) { /* let the started ones go without reading */
            atomic_store_explicit(&go, -1, memory_order_release);
            for (unsigned k = 1; k < started; k++)
                pthread_join(tid[k], NULL);
            status = Q4K_ENOMEM;
            break;
        }
        uint64_t t0 = q4k_now_ns();
        atomic_store_explicit(&go, 1, memory_order_release);
        sl->fn(jobs[0].buf, jobs[0].bytes);
        for (unsigned k = 1; k < threads; k++)
            pthread_join(tid[k], NULL);
        double ns = (double)(q4k_now_ns() - t0);
        if (ns > 0 && (best == 0 || ns < best))
            best = ns;
    }
    free(buf);
    if (status == Q4K_OK && best > 0)
        *gbps = (double)bytes / best;
    return status;
}

/* ---- running ---------------------------------------------------------------- */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

typedef struct progress {
    int tty;
    uint64_t last_ns;
    const char *what;
} progress;

static void show_progress(progress *p, unsigned long token, unsigned long tokens, size_t done, size_t n)
{
    uint64_t now = q4k_now_ns();
    if (p->tty) {
        if (now - p->last_ns > 100000000u || done == n) {
            fprintf(stderr, "\rq4k gguf bench: %s: token %lu/%lu, matrix %zu/%zu ", p->what, token, tokens, done, n);
            p->last_ns = now;
        }
    } else if (now - p->last_ns > 5000000000u) { /* not a terminal: a line every 5 s of a long run */
        fprintf(stderr, "q4k gguf bench: %s: token %lu/%lu, matrix %zu/%zu\n", p->what, token, tokens, done, n);
        p->last_ns = now;
    }
}

/* One token the fused way. */
static int fused_token(model *md, q4k_pool *pool, const float *x, size_t vecs, float *y, token_time *tt,
                       progress *pg, unsigned long token, unsigned long tokens)
{
    *tt = (token_time){0};
    for (size_t k = 0; k < md->n_in; k++)
        md->in[k].ready = 0;
    uint64_t t_start = q4k_now_ns();
    for (size_t i = 0; i < md->n; i++) {
        const matrix *m = &md->m[i];
        input *in = &md->in[m->input];
        uint64_t t0 = q4k_now_ns();
        if (!in->ready) {
            int rc = q4k_quantize_q8k(x, vecs * m->n_cols, in->xq);
            if (rc != Q4K_OK)
                return rc;
            in->ready = 1;
        }
        uint64_t t1 = q4k_now_ns();
        int rc;
        if (m->pk)
            rc = m->kind == T_Q4K ? q4k_matmul_q8k_packed_mt(pool, m->pk, in->xq, vecs, y)
                                  : q4k_matmul_q6k_q8k_packed_mt(pool, m->pk, in->xq, vecs, y);
        else
            rc = m->kind == T_Q4K ? q4k_matmul_q8k_mt(pool, m->t->data, m->n_rows, m->n_cols, in->xq, vecs, y)
                                  : q4k_matmul_q6k_q8k_mt(pool, m->t->data, m->n_rows, m->n_cols, in->xq, vecs, y);
        if (rc != Q4K_OK)
            return rc;
        uint64_t t2 = q4k_now_ns();
        tt->quant += (double)(t1 - t0);
        tt->type[m->kind] += (double)(t2 - t1);
        if (pg)
            show_progress(pg, token, tokens, i + 1, md->n);
    }
    tt->total = (double)(q4k_now_ns() - t_start);
    return Q4K_OK;
}

/* One token the old way: dequantize each matrix into buf, then float32. */
static int dequant_token(model *md, const float *x, size_t vecs, float *buf, float *y, token_time *tt,
                         double *deq_ns, progress *pg, unsigned long token, unsigned long tokens)
{
    *tt = (token_time){0};
    *deq_ns = 0;
    uint64_t t_start = q4k_now_ns();
    for (size_t i = 0; i < md->n; i++) {
        const matrix *m = &md->m[i];
        uint64_t t0 = q4k_now_ns();
        size_t n_blocks = m->n_rows * (m->n_cols / Q4K_BLOCK_VALUES);
        int rc = m->kind == T_Q4K ? q4k_dequantize(m->t->data, n_blocks, buf)
                                  : q4k_dequantize_q6k(m->t->data, n_blocks, buf);
        if (rc != Q4K_OK)
            return rc;
        uint64_t t1 = q4k_now_ns();
        f32_matmul(buf, m->n_rows, m->n_cols, x, vecs, y);
        uint64_t t2 = q4k_now_ns();
        *deq_ns += (double)(t1 - t0);
        tt->type[m->kind] += (double)(t2 - t0);
        if (pg)
            show_progress(pg, token, tokens, i + 1, md->n);
    }
    tt->total = (double)(q4k_now_ns() - t_start);
    return Q4K_OK;
}

/* ---- output ------------------------------------------------------------------ */

typedef struct results {
    double ms, type_ms[N_TYPES], quant_ms;
    double read_gbps;
    const char *read_isa;
    int read_status;
    double deq_ms, deq_type_ms[N_TYPES], deq_only_ms;
    const char *variant[N_TYPES];
    q4k_machine mach;
    double checksum;
    size_t packed[N_TYPES];         /* --pack: matrices packed, per type */
    uint64_t packed_bytes[N_TYPES]; /* their packed bytes (148 or 210 per block, held in memory) */
    unsigned interleave[N_TYPES];   /* the interleave the pack function chose (the last matrix's) */
    int interleaves_vary[N_TYPES];  /* 1: the pack function chose another for some matrix */
    int variants_vary[N_TYPES];     /* 1: the table runs another variant than variant[] for some size */
} results;

static double gbps(uint64_t bytes, double ms)
{
    return ms > 0 ? (double)bytes / ms / 1e6 : 0.0;
}

static void print_json(const options *o, const model *md, const results *r)
{
    uint64_t total = md->bytes[T_Q4K] + md->bytes[T_Q6K];
    double g = gbps(total, r->ms);
    printf("{\"file\": ");
    json_string(stdout, o->path);
    printf(", \"cpu\": ");
    json_string(stdout, r->mach.cpu);
    printf(", \"threads\": %lu, \"vecs\": %lu, \"tokens\": %lu, \"timed_tokens\": %lu, \"matrices\": %zu, "
           "\"inputs_quantized\": %zu, \"weight_bytes\": %" PRIu64 ", \"skipped_token_embd\": %zu, "
           "\"skipped_other\": %zu, \"weights\": \"%s\",\n",
           o->threads, o->vecs, o->tokens, o->tokens - 1, md->n, md->n_in, total, md->skipped_embd,
           md->skipped_other, o->mmap ? "mapped" : "read");
    printf(" \"ms_per_token\": %.6f, \"gbps\": %.4f, \"read_limit_gbps\": ", r->ms, g);
    if (r->read_gbps > 0)
        printf("%.4f, \"read_limit_share\": %.4f, \"read_limit_mb\": %lu, \"read_limit_threads\": %lu", r->read_gbps,
               g / r->read_gbps, o->read_mb, o->threads);
    else
        printf("null, \"read_limit_share\": null");
    printf(", \"quantize_ms_per_token\": %.6f, \"llc_bytes\": %zu, \"fits_in_llc\": %s,\n", r->quant_ms,
           r->mach.llc_bytes, r->mach.llc_bytes && total <= r->mach.llc_bytes ? "true" : "false");
    static const char *const names[N_TYPES] = {"q4_K", "q6_K"};
    for (int k = 0; k < N_TYPES; k++)
        printf(" \"%s\": {\"matrices\": %zu, \"bytes\": %" PRIu64 ", \"ms_per_token\": %.6f, \"gbps\": %.4f, "
               "\"variant\": \"%s\", \"variants_vary\": %s, \"packed\": %zu, \"interleave\": %u, "
               "\"interleaves_vary\": %s},\n",
               names[k], md->count[k], md->bytes[k], r->type_ms[k], gbps(md->bytes[k], r->type_ms[k]),
               r->variant[k] ? r->variant[k] : "", r->variants_vary[k] ? "true" : "false", r->packed[k],
               r->interleave[k], r->interleaves_vary[k] ? "true" : "false");
    if (o->compare)
        printf(" \"dequant_ms_per_token\": %.6f, \"dequant_only_ms_per_token\": %.6f, \"speedup\": %.4f,\n",
               r->deq_ms, r->deq_only_ms, r->ms > 0 ? r->deq_ms / r->ms : 0.0);
    printf(" \"packed_matrices\": %zu, \"packed_bytes\": %" PRIu64 ", \"interleave\": %u,\n",
           r->packed[T_Q4K] + r->packed[T_Q6K], r->packed_bytes[T_Q4K] + r->packed_bytes[T_Q6K],
           r->interleave[T_Q4K]);
    printf(" \"checksum\": %.9g}\n", r->checksum);
}

static void print_text(const options *o, const model *md, const results *r)
{
    uint64_t total = md->bytes[T_Q4K] + md->bytes[T_Q6K];
    double g = gbps(total, r->ms);
    printf("model    %s: %zu matrices (%zu q4_K, %zu q6_K), %.1f MiB of weights per token, %s\n", o->path,
           md->n, md->count[T_Q4K], md->count[T_Q6K], (double)total / 1048576.0,
           o->mmap ? "file mapped" : "file read into memory");
    printf("skipped  %zu token_embd (a lookup, not a matrix product), %zu tensors of other types or shapes\n",
           md->skipped_embd, md->skipped_other);
    printf("machine  %s; %lu thread%s, %lu vector%s; %lu tokens, the first a warm-up: median of %lu\n",
           r->mach.cpu, o->threads, o->threads == 1 ? "" : "s", o->vecs, o->vecs == 1 ? "" : "s", o->tokens,
           o->tokens - 1);
    printf("inputs   %zu distinct matrix inputs quantized to Q8_K per token (attn_q/k/v share one, "
           "ffn_gate/up one)\n", md->n_in);
    if (o->pack)
        printf("packed   %zu q4_K matrices (q4k_pack, interleave %s) and %zu q6_K (q4k_pack_q6k, interleave %s) "
               "at load: %.1f MiB held in memory; GB/s below still counts the file's bytes\n",
               r->packed[T_Q4K], r->interleaves_vary[T_Q4K] ? "4 and 8 by size" : r->interleave[T_Q4K] == 4 ? "4" : "8",
               r->packed[T_Q6K], r->interleaves_vary[T_Q6K] ? "4 and 8 by size" : r->interleave[T_Q6K] == 4 ? "4" : "8",
               (double)(r->packed_bytes[T_Q4K] + r->packed_bytes[T_Q6K]) / 1048576.0);
    printf("\n");
    printf("fused    %10.3f ms/token  %8.2f GB/s", r->ms, g);
    if (r->read_gbps > 0)
        printf("  = %5.1f%% of the read limit", 100.0 * g / r->read_gbps);
    printf("\n");
    static const char *const names[N_TYPES] = {"q4_K", "q6_K"};
    for (int k = 0; k < N_TYPES; k++)
        if (md->count[k])
            printf("  %-6s %10.3f ms/token  %8.2f GB/s  %zu matrices, %.1f MiB, %s%s\n", names[k], r->type_ms[k],
                   gbps(md->bytes[k], r->type_ms[k]), md->count[k], (double)md->bytes[k] / 1048576.0,
                   r->variant[k] ? r->variant[k] : "?", r->variants_vary[k] ? " and others by size" : "");
    printf("  %-6s %10.3f ms/token  (q4k_quantize_q8k)\n", "q8_K", r->quant_ms);
    if (r->read_gbps > 0)
        printf("limit    %8.2f GB/s  limit:read (%s) over %lu MiB on %lu thread%s, best of %d in this run\n",
               r->read_gbps, r->read_isa, o->read_mb, o->threads, o->threads == 1 ? "" : "s", READ_REPS);
    else
        printf("limit    not measured: %s\n", q4k_strerror(r->read_status));
    if (r->mach.llc_bytes && total <= r->mach.llc_bytes)
        printf("note     the %.1f MiB of weights fit in the last-level cache (%.0f MiB): they are read from the\n"
               "         cache, not from memory, so the share of the (memory) read limit can pass 100%%\n",
               (double)total / 1048576.0, (double)r->mach.llc_bytes / 1048576.0);
    if (o->compare) {
        printf("dequant  %10.3f ms/token  %8.2f GB/s  (dequantize to float32 %.3f ms + float32 matvec, 1 thread)\n",
               r->deq_ms, gbps(total, r->deq_ms), r->deq_only_ms);
        for (int k = 0; k < N_TYPES; k++)
            if (md->count[k])
                printf("  %-6s %10.3f ms/token\n", names[k], r->deq_type_ms[k]);
        printf("speed-up %10.2fx  fused over dequantize + float32\n", r->ms > 0 ? r->deq_ms / r->ms : 0.0);
    }
}

int cmd_gguf_bench(int argc, char **argv)
{
    options o;
    int pa = parse_args(argc, argv, &o);
    if (pa)
        return pa > 0 ? 0 : 2;
    q4k_gguf *g = NULL;
    char err[512];
    int mapped = 0;
    int rc = gguf_open_for_passes(o.path, o.mmap, &g, &mapped, err, sizeof err);
    if (rc == Q4K_OK && mapped && !o.mmap)
        fprintf(stderr, "q4k gguf bench: %s is larger than half of this machine's memory: mapped, not read in\n",
                o.path);
    o.mmap = mapped;
    if (rc != Q4K_OK) {
        fprintf(stderr, "q4k gguf bench: %s (%s)%s\n", err, q4k_strerror(rc),
                rc == Q4K_ENOMEM ? "; --mmap maps the file instead" : "");
        return 2;
    }
    model md;
    rc = model_build(g, o.vecs, &md);
    if (rc != Q4K_OK || md.n == 0) {
        if (rc != Q4K_OK)
            fprintf(stderr, "q4k gguf bench: %s: %s\n", o.path, q4k_strerror(rc));
        else
            fprintf(stderr, "q4k gguf bench: %s has no Q4_K or Q6_K weight matrices to multiply (token_embd "
                            "excluded)\n", o.path);
        model_free(&md);
        q4k_gguf_close(g);
        return rc == Q4K_ENOMEM ? 1 : 2;
    }

    int status = 1;
    results r = {0};
    q4k_pool *pool = NULL;
    float *x = NULL, *y = NULL, *buf = NULL;
    double *samples = NULL, *samples_t[N_TYPES] = {NULL, NULL}, *samples_q = NULL, *samples_d = NULL;
    size_t nt = o.tokens - 1;
    if (md.max_cols > SIZE_MAX / sizeof(float) / o.vecs || md.max_rows > SIZE_MAX / sizeof(float) / o.vecs) {
        fprintf(stderr, "q4k gguf bench: sizes overflow\n");
        status = 2;
        goto done;
    }
    x = malloc(md.max_cols * o.vecs * sizeof *x);
    y = malloc(md.max_rows * o.vecs * sizeof *y);
    samples = calloc(nt, sizeof *samples);
    samples_q = calloc(nt, sizeof *samples_q);
    samples_d = calloc(nt, sizeof *samples_d);
    for (int k = 0; k < N_TYPES; k++)
        samples_t[k] = calloc(nt, sizeof *samples_t[k]);
    if (!x || !y || !samples || !samples_q || !samples_d || !samples_t[0] || !samples_t[1]) {
        fprintf(stderr, "q4k gguf bench: out of memory\n");
        goto done;
    }
    random_floats(x, md.max_cols * o.vecs, 1);
    if ((rc = q4k_pool_create((unsigned)o.threads, &pool)) != Q4K_OK) {
        fprintf(stderr, "q4k gguf bench: cannot start %lu threads: %s\n", o.threads, q4k_strerror(rc));
        goto done;
    }
    machine_describe(&r.mach);
    for (size_t i = 0; o.pack && i < md.n; i++) { /* at load time, as an engine would */
        matrix *m = &md.m[i];
        rc = m->kind == T_Q4K ? q4k_pack(m->t->data, m->n_rows, m->n_cols, 0, &m->pk)
                              : q4k_pack_q6k(m->t->data, m->n_rows, m->n_cols, 0, &m->pk);
        if (rc != Q4K_OK) {
            fprintf(stderr, "q4k gguf bench: packing %s: %s\n", m->t->name, q4k_strerror(rc));
            goto done;
        }
        r.packed[m->kind]++;
        r.packed_bytes[m->kind] += m->pk->bytes;
        if (r.packed[m->kind] > 1 && r.interleave[m->kind] != m->pk->interleave)
            r.interleaves_vary[m->kind] = 1;
        r.interleave[m->kind] = m->pk->interleave;
    }
    for (size_t i = 0; i < md.n; i++) {
        const matrix *m = &md.m[i];
        const q4k_variant *v = q4k_dispatch_select_for(m->kind == T_Q4K ? Q4K_OP_MATVEC : Q4K_OP_MATVEC_Q6K,
                                                       m->n_rows * (m->n_cols / Q4K_BLOCK_VALUES),
                                                       (unsigned)o.vecs, (unsigned)o.threads,
                                                       m->pk ? m->pk->interleave : 0);
        if (!r.variant[m->kind])
            r.variant[m->kind] = v ? v->name : NULL; /* the first matrix's */
        else if (v && strcmp(v->name, r.variant[m->kind]))
            r.variants_vary[m->kind] = 1;
    }

    progress pg = {isatty(STDERR_FILENO), q4k_now_ns(), "fused"};
    for (unsigned long tok = 0; tok < o.tokens; tok++) {
        token_time tt;
        if ((rc = fused_token(&md, pool, x, o.vecs, y, &tt, &pg, tok + 1, o.tokens)) != Q4K_OK) {
            fprintf(stderr, "\nq4k gguf bench: fused product failed: %s\n", q4k_strerror(rc));
            goto done;
        }
        if (tok == 0)
            continue;
        samples[tok - 1] = tt.total / 1e6;
        samples_q[tok - 1] = tt.quant / 1e6;
        for (int k = 0; k < N_TYPES; k++)
            samples_t[k][tok - 1] = tt.type[k] / 1e6;
    }
    for (size_t i = 0; i < md.max_rows * o.vecs && i < 4096; i++)
        r.checksum += y[i];
    r.ms = median(samples, nt);
    r.quant_ms = median(samples_q, nt);
    for (int k = 0; k < N_TYPES; k++)
        r.type_ms[k] = median(samples_t[k], nt);

    if (o.compare) {
        if (md.max_elems > SIZE_MAX / sizeof(float) || !(buf = q4k_huge_alloc(md.max_elems * sizeof *buf))) {
            fprintf(stderr, "\nq4k gguf bench: no memory for one tensor's floats (%zu)\n", md.max_elems);
            goto done;
        }
        pg.what = "dequant";
        pg.last_ns = q4k_now_ns();
        for (unsigned long tok = 0; tok < o.tokens; tok++) {
            token_time tt;
            double deq_ns;
            if ((rc = dequant_token(&md, x, o.vecs, buf, y, &tt, &deq_ns, &pg, tok + 1, o.tokens)) != Q4K_OK) {
                fprintf(stderr, "\nq4k gguf bench: dequantization failed: %s\n", q4k_strerror(rc));
                goto done;
            }
            if (tok == 0)
                continue;
            samples[tok - 1] = tt.total / 1e6;
            samples_d[tok - 1] = deq_ns / 1e6;
            for (int k = 0; k < N_TYPES; k++)
                samples_t[k][tok - 1] = tt.type[k] / 1e6;
        }
        r.deq_ms = median(samples, nt);
        r.deq_only_ms = median(samples_d, nt);
        for (int k = 0; k < N_TYPES; k++)
            r.deq_type_ms[k] = median(samples_t[k], nt);
        free(buf);
        buf = NULL;
    }
    if (pg.tty)
        fprintf(stderr, "\r%70s\r", "");

    if (pg.tty)
        fprintf(stderr, "q4k gguf bench: read limit over %lu MiB ...", o.read_mb);
    r.read_status = read_limit((size_t)o.read_mb << 20, (unsigned)o.threads, &r.read_gbps, &r.read_isa);
    if (pg.tty)
        fprintf(stderr, "\r%50s\r", "");
    if (r.read_status != Q4K_OK)
        fprintf(stderr, "q4k gguf bench: no read limit: %s\n", q4k_strerror(r.read_status));

    if (o.json)
        print_json(&o, &md, &r);
    else
        print_text(&o, &md, &r);
    status = 0;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "q4k gguf bench: writing stdout: %s\n", strerror(errno));
        status = 1;
    }
done:
    q4k_pool_destroy(pool);
    free(x), free(y), free(buf), free(samples), free(samples_q), free(samples_d);
    for (int k = 0; k < N_TYPES; k++)
        free(samples_t[k]);
    model_free(&md);
    q4k_gguf_close(g);
    return status;
}
