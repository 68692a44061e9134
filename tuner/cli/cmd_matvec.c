/* cmd_matvec.c - the fused Q4_K x Q8_K matrix-vector product from the
 * command line:
 *   q4k matvec [--variant NAME] [--threads N] [--vecs N] --cols K W.q4k X.f32 Y.f32
 *   q4k gguf matvec FILE TENSOR X.f32 Y.f32 [--threads N] [--variant NAME] [--vecs N]
 * The activations (float32) are quantized to Q8_K by q4k_quantize_q8k, then
 * every weight row takes its dot product with each vector
 * (q4k_matmul_q8k_mt). The result is the canonical one of q4k_matvec.h: the
 * same bits for every variant and every thread count.
 * Exit status: 0 success, 1 a failure while doing the work (memory, writing
 * the output), 2 usage or input errors (bad arguments, sizes that do not
 * fit, a non-finite activation, a tensor that is not Q4_K). */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "fileio.h"
#include "q4k.h"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "q4k matvec reads and writes float32 in host order; add a byte swap for big-endian hosts"
#endif

enum { MAX_THREADS = 256, MAX_VECS = 4096 };

typedef struct matvec_opts {
    const char *cmd;      /* "q4k matvec", "q4k gguf matvec": the messages' prefix */
    const char *variant;  /* NULL: the dispatch table's */
    unsigned long threads, vecs;
    q4k_op op;            /* Q4K_OP_MATVEC (Q4_K weights) or Q4K_OP_MATVEC_Q6K */
} matvec_opts;

static int parse_count(const char *cmd, const char *opt, const char *s, unsigned long max, unsigned long *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || end == s || *end || *s == '-' || v < 1 || v > max) {
        fprintf(stderr, "%s: %s takes a whole number from 1 to %lu, not '%s'\n", cmd, opt, max, s);
        return -1;
    }
    *out = v;
    return 0;
}

/* Shared options: --variant, --threads, --vecs. 1 when argv[*i] was one
 * (and consumed), 0 when not, -1 on a bad value. */
static int common_option(int argc, char **argv, int *i, matvec_opts *o)
{
    const char *a = argv[*i];
    if (strcmp(a, "--variant") && strcmp(a, "--threads") && strcmp(a, "--vecs"))
        return 0;
    if (*i + 1 >= argc) {
        fprintf(stderr, "%s: %s needs a value\n", o->cmd, a);
        return -1;
    }
    const char *val = argv[++*i];
    if (!strcmp(a, "--variant")) {
        o->variant = val;
        return 1;
    }
    if (!strcmp(a, "--threads"))
        return parse_count(o->cmd, a, val, MAX_THREADS, &o->threads) ? -1 : 1;
    return parse_count(o->cmd, a, val, MAX_VECS, &o->vecs) ? -1 : 1;
}

/* The variant named by --variant (NULL when none was given); exit status
 * 2 in *status when the name is no usable matvec variant. */
static const q4k_variant *pick_variant(const matvec_opts *o, int *status)
{
    *status = 0;
    if (!o->variant)
        return NULL;
    const q4k_variant *v = q4k_variant_find(o->variant);
    const char *op = q4k_op_name(o->op);
    if (!v)
        fprintf(stderr, "%s: no variant named '%s' (see 'q4k list --op %s')\n", o->cmd, o->variant, op);
    else if (v->op != o->op)
        fprintf(stderr, "%s: '%s' is a variant of %s, not of %s (see 'q4k list --op %s')\n", o->cmd, o->variant,
                q4k_op_name(v->op), op, op);
    else if (!q4k_variant_usable(v))
        fprintf(stderr, "%s: variant '%s' is not usable on this CPU\n", o->cmd, o->variant);
    else
        return v;
    *status = 2;
    return NULL;
}

/* y = W x for n_rows rows of n_cols columns at w (raw Q4_K, rows
 * contiguous), x read from x_path (vecs vectors of n_cols float32), y
 * written to y_path (vecs x n_rows float32, vector after vector). */
static int matvec_files(const matvec_opts *o, const void *w, size_t n_rows, size_t n_cols, const char *x_path,
                        const char *y_path)
{
    int status;
    const q4k_variant *v = pick_variant(o, &status);
    if (status)
        return status;
    const size_t vecs = o->vecs, bpr = n_cols / Q4K_BLOCK_VALUES;
    void *xdata = NULL;
    size_t xsize = 0;
    char err[512];
    if (q4k_read_file(x_path, &xdata, &xsize, err, sizeof err) != 0) {
        fprintf(stderr, "%s: %s\n", o->cmd, err);
        return 2;
    }
    if (vecs > SIZE_MAX / sizeof(float) / n_cols || xsize != vecs * n_cols * sizeof(float)) {
        fprintf(stderr, "%s: %s: %zu bytes, want %zu: %zu vector%s of %zu float32 (the matrix has %zu columns)\n",
                o->cmd, x_path, xsize, vecs * n_cols * sizeof(float), vecs, vecs == 1 ? "" : "s", n_cols, n_cols);
        free(xdata);
        return 2;
    }
    const float *x = xdata;
    for (size_t i = 0; i < vecs * n_cols; i++)
        if (!isfinite(x[i])) {
            fprintf(stderr, "%s: %s: value %zu (vector %zu, column %zu) is %g: activations must be finite\n", o->cmd,
                    x_path, i, i / n_cols, i % n_cols, (double)x[i]);
            free(xdata);
            return 2;
        }
    status = 1;
    q4k_pool *pool = NULL;
    void *xq = malloc(vecs * bpr * Q4K_Q8K_BLOCK_BYTES);
    float *y = malloc(n_rows && vecs ? vecs * n_rows * sizeof(float) : 1);
    int rc = Q4K_ENOMEM;
    if (!xq || !y) {
        fprintf(stderr, "%s: out of memory for %zu rows x %zu vectors\n", o->cmd, n_rows, vecs);
        goto done;
    }
    if ((rc = q4k_quantize_q8k(x, vecs * n_cols, xq)) != Q4K_OK) {
        fprintf(stderr, "%s: quantizing %s: %s\n", o->cmd, x_path, q4k_strerror(rc));
        status = rc == Q4K_EINVAL ? 2 : 1;
        goto done;
    }
    if (o->threads > 1 && (rc = q4k_pool_create((unsigned)o->threads, &pool)) != Q4K_OK) {
        fprintf(stderr, "%s: cannot start %lu threads: %s\n", o->cmd, o->threads, q4k_strerror(rc));
        goto done;
    }
    if (v && v->layout) { /* a kernel on packed weights: pack them first (q4k_pack, q4k_pack_q6k) */
        q4k_packed *pk = NULL;
        const int q6k = o->op == Q4K_OP_MATVEC_Q6K;
        rc = q6k ? q4k_pack_q6k(w, n_rows, n_cols, v->layout, &pk) : q4k_pack(w, n_rows, n_cols, v->layout, &pk);
        if (rc == Q4K_OK)
            rc = q6k ? q4k_matmul_q6k_q8k_packed_mt_with(pool, v, pk, xq, vecs, y)
                     : q4k_matmul_q8k_packed_mt_with(pool, v, pk, xq, vecs, y);
        q4k_packed_free(pk);
    } else if (o->op == Q4K_OP_MATVEC_Q6K) {
        rc = v ? q4k_matmul_q6k_q8k_mt_with(pool, v, w, n_rows, n_cols, xq, vecs, y)
               : q4k_matmul_q6k_q8k_mt(pool, w, n_rows, n_cols, xq, vecs, y);
    } else {
        rc = v ? q4k_matmul_q8k_mt_with(pool, v, w, n_rows, n_cols, xq, vecs, y)
               : q4k_matmul_q8k_mt(pool, w, n_rows, n_cols, xq, vecs, y);
    }
    if (rc != Q4K_OK) {
        fprintf(stderr, "%s: %s\n", o->cmd, q4k_strerror(rc));
        status = rc == Q4K_EINVAL || rc == Q4K_EOVERFLOW ? 2 : 1;
        goto done;
    }
    if (q4k_write_file_atomic(y_path, y, vecs * n_rows * sizeof(float), err, sizeof err) != Q4K_OK) {
        fprintf(stderr, "%s: %s\n", o->cmd, err);
        goto done;
    }
    const q4k_variant *ran =
        v ? v : q4k_dispatch_select_for(o->op, n_rows * bpr, (unsigned)vecs, q4k_pool_threads(pool), 0);
    fprintf(stderr, "%s: %zu rows x %zu columns, %zu vector%s -> %zu floats, variant %s, %lu thread%s\n", o->cmd,
            n_rows, n_cols, vecs, vecs == 1 ? "" : "s", vecs * n_rows, ran->name, o->threads,
            o->threads == 1 ? "" : "s");
    status = 0;
done:
    q4k_pool_destroy(pool);
    free(xdata), free(xq), free(y);
    return status;
}

/* ---- q4k matvec ------------------------------------------------------------ */

static void usage(FILE *f)
{
    fprintf(f,
            "usage: q4k matvec [--variant NAME] [--threads N] [--vecs N] --cols K W.q4k X.f32 Y.f32\n\n"
            "Multiplies a Q4_K weight matrix by float32 activation vectors, fused: the\n"
            "activations are quantized to Q8_K (q4k_quantize_q8k, ggml's quantize_row_q8_K),\n"
            "then every row takes an integer dot product with them (q4k_matmul_q8k). The\n"
            "result is the canonical one of q4k_matvec.h: the same bits for every variant\n"
            "and every thread count (ggml sums in another order: it agrees within a\n"
            "tolerance only).\n\n"
            "  W.q4k        raw Q4_K blocks (144 bytes each, no header), rows contiguous, each\n"
            "               row K/256 blocks (a GGUF Q4_K tensor's bytes: ne0 = K); the row\n"
            "               count is the file size / (K/256 * 144)\n"
            "  X.f32        N vectors of K little-endian float32, one after the other; every\n"
            "               value finite\n"
            "  Y.f32        written: N x rows little-endian float32, vector after vector\n"
            "               (y[v*rows + r]), atomically (temp file + rename)\n"
            "  --cols K     the columns of the matrix, a multiple of 256 (required)\n"
            "  --vecs N     activation vectors in X (default 1)\n"
            "  --threads N  threads sharing the rows, 1..%d (default 1)\n"
            "  --variant NAME  a matvec variant (q4k list --op matvec) instead of the dispatch\n"
            "               table's choice (a _packed one: the weights are packed first, q4k_pack)\n"
            "Exit status: 0 done, 1 failure (memory, writing Y), 2 usage or input error.\n",
            MAX_THREADS);
}

int cmd_matvec(int argc, char **argv)
{
    matvec_opts o = {"q4k matvec", NULL, 1, 1, Q4K_OP_MATVEC};
    const char *pos[3];
    int npos = 0;
    unsigned long cols = 0;
    for (int i = 1; i < argc; i++) {
        int c = common_option(argc, argv, &i, &o);
        if (c < 0)
            return 2;
        if (c > 0)
            continue;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(argv[i], "--cols")) {
            if (i + 1 >= argc) {
                fprintf(stderr, "q4k matvec: --cols needs a value\n");
                return 2;
            }
            if (parse_count(o.cmd, "--cols", argv[++i], 1ul << 30, &cols))
                return 2;
            if (cols % Q4K_BLOCK_VALUES) {
                fprintf(stderr, "q4k matvec: --cols %lu is not a multiple of 256 (a Q4_K row is whole blocks)\n",
                        cols);
                return 2;
            }
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "q4k matvec: unknown option '%s' (try --help)\n", argv[i]);
            return 2;
        } else if (npos == 3) {
            fprintf(stderr, "q4k matvec: too many arguments ('%s'; try --help)\n", argv[i]);
            return 2;
        } else {
            pos[npos++] = argv[i];
        }
    }
    if (npos != 3 || !cols) {
        fprintf(stderr, "usage: q4k matvec [--variant NAME] [--threads N] [--vecs N] --cols K W.q4k X.f32 Y.f32\n"
                        "%s (try --help)\n",
                !cols ? "q4k matvec: --cols K is required" : "q4k matvec: W, X and Y are required");
        return 2;
    }
    void *w = NULL;
    size_t wsize = 0;
    char err[512];
    if (q4k_read_file(pos[0], &w, &wsize, err, sizeof err) != 0) {
        fprintf(stderr, "q4k matvec: %s\n", err);
        return 2;
    }
    const size_t row_bytes = cols / Q4K_BLOCK_VALUES * Q4K_BLOCK_BYTES;
    if (wsize % row_bytes) {
        fprintf(stderr, "q4k matvec: %s: %zu bytes is not a whole number of rows of %lu columns (%zu Q4_K blocks, "
                        "%zu bytes a row)\n",
                pos[0], wsize, cols, row_bytes / Q4K_BLOCK_BYTES, row_bytes);
        free(w);
        return 2;
    }
    int status = matvec_files(&o, w, wsize / row_bytes, cols, pos[1], pos[2]);
    free(w);
    return status;
}

/* ---- q4k gguf matvec ------------------------------------------------------- */

static void gguf_usage(FILE *f)
{
    fprintf(f,
            "usage: q4k gguf matvec FILE TENSOR X.f32 Y.f32 [--threads N] [--variant NAME] [--vecs N]\n\n"
            "Multiplies the Q4_K or Q6_K tensor TENSOR of the GGUF file FILE (ne0 =\n"
            "columns, the rest = rows) by the float32 vectors in X, fused, as 'q4k matvec'\n"
            "does with raw blocks (Q6_K: the matvec_q6k product, q4k_matvec_q6k.h): X holds\n"
            "N (--vecs, default 1) vectors of ne0 float32; Y gets N x rows float32, vector\n"
            "after vector, written atomically. Tensors of another type (f32, ...) are\n"
            "refused. --threads N: 1..%d threads share the rows; --variant NAME: a matvec\n"
            "(matvec_q6k) variant instead of the dispatch table's.\n"
            "Exit status: 0 done, 1 failure (memory, writing Y), 2 usage or input error.\n",
            MAX_THREADS);
}

int cmd_gguf_matvec(int argc, char **argv)
{
    matvec_opts o = {"q4k gguf matvec", NULL, 1, 1, Q4K_OP_MATVEC};
    const char *pos[4];
    int npos = 0;
    for (int i = 1; i < argc; i++) {
        int c = common_option(argc, argv, &i, &o);
        if (c < 0)
            return 2;
        if (c > 0)
            continue;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            gguf_usage(stdout);
            return 0;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "q4k gguf matvec: unknown option '%s' (try --help)\n", argv[i]);
            return 2;
        } else if (npos == 4) {
            fprintf(stderr, "q4k gguf matvec: too many arguments ('%s'; try --help)\n", argv[i]);
            return 2;
        } else {
            pos[npos++] = argv[i];
        }
    }
    if (npos != 4) {
        gguf_usage(stderr);
        return 2;
    }
    q4k_gguf *g;
    char err[512];
    int rc = q4k_gguf_open(pos[0], &g, err, sizeof err);
    if (rc) {
        fprintf(stderr, "q4k gguf matvec: %s (%s)\n", err, q4k_strerror(rc));
        return 2;
    }
    int status = 2;
    const q4k_gguf_tensor *t = q4k_gguf_find_tensor(g, pos[1]);
    const void *blocks = NULL;
    size_t n_blocks = 0;
    if (!t) {
        fprintf(stderr, "q4k gguf matvec: %s has no tensor named '%s' (see q4k gguf list)\n", pos[0], pos[1]);
    } else if (t->type != Q4K_GGML_Q4_K && t->type != Q4K_GGML_Q6_K) {
        fprintf(stderr, "q4k gguf matvec: tensor '%s' is %s; the fused products take q4_K and q6_K tensors only\n",
                pos[1], t->type_name);
    } else if (t->ne[0] == 0 || t->ne[0] % Q4K_BLOCK_VALUES) {
        fprintf(stderr, "q4k gguf matvec: tensor '%s' has rows of %" PRIu64 " values, not whole %s blocks\n",
                pos[1], t->ne[0], t->type_name);
    } else if (t->type == Q4K_GGML_Q4_K && q4k_gguf_tensor_q4k_blocks(t, &blocks, &n_blocks) != Q4K_OK) {
        fprintf(stderr, "q4k gguf matvec: tensor '%s': cannot read its blocks\n", pos[1]);
    } else {
        if (t->type == Q4K_GGML_Q6_K) {
            o.op = Q4K_OP_MATVEC_Q6K;
            blocks = t->data;
        }
        size_t n_cols = (size_t)t->ne[0], n_rows = (size_t)(t->n_elements / t->ne[0]);
        fprintf(stderr, "q4k gguf matvec: %s: %s, %zu rows x %zu columns\n", pos[1], t->type_name, n_rows, n_cols);
        status = matvec_files(&o, blocks, n_rows, n_cols, pos[2], pos[3]);
    }
    q4k_gguf_close(g);
    return status;
}
