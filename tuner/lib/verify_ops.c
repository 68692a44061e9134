/* verify_ops.c - verification of the fused matrix-vector products (matvec:
 * Q4_K weights, matvec_q6k: Q6_K weights; one set of checks, told the
 * weight format by a mv_format) and of Q8_K quantization (quantize_q8k):
 * every variant against its op's scalar reference, bit for bit, and the
 * references against ggml's files (what each checks: verify.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchdata.h"
#include "fileio.h"
#include "q4k_format.h"
#include "verify.h"

#define Q8K Q4K_Q8K_BLOCK_BYTES

enum { GUARD = 64, GOLDEN_BPR = 16 };

static void note_first(q4k_verify_report *rep, const char *fmt, const char *what, size_t a, size_t b,
                       uint32_t got, uint32_t want)
{
    if (!rep->mismatches && !rep->first[0])
        snprintf(rep->first, sizeof rep->first, fmt, what, a, b, (unsigned)got, (unsigned)want);
}

/* The op's scalar reference (every build has one). */
static const q4k_variant *reference(q4k_op op)
{
    for (size_t i = 0; i < q4k_variant_count_all(); i++) {
        const q4k_variant *r = q4k_variant_at_all(i);
        if (r->op == op && !strcmp(r->isa, "scalar"))
            return q4k_variant_usable(r) ? r : NULL;
    }
    return NULL;
}

static void fill_random(uint8_t *p, size_t n, uint64_t seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (uint8_t)(q4k_splitmix64(&seed) >> 56);
}

/* ---- matvec ---------------------------------------------------------------- */

static const uint16_t special_fp16[] = {0x0000, 0x8000, 0x0001, 0x03ff, 0x83ff, 0x0400, 0x3c00, 0xbc00,
                                        0x7bff, 0xfbff, 0x7c00, 0xfc00, 0x7e00, 0x7c01, 0xfe00, 0x3555};
enum { N_SPECIAL16 = sizeof special_fp16 / sizeof special_fp16[0] };

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v, p[1] = (uint8_t)(v >> 8);
}

/* n weight blocks: mostly realistic (random scales and quants, d and dmin
 * of either sign around 2^-10); of every 23 blocks one at the int32
 * extremes (every scale, min and quant at its maximum), one with fp16
 * specials in d and dmin, one all-zero or all-0xff (NaN d and dmin). Sparse
 * enough that most rows stay finite: a NaN row hides every other error. */
static uint8_t *adversarial_q4k(size_t n, uint64_t seed)
{
    uint8_t *w = malloc(n * Q4K_BLOCK_BYTES);
    if (!w)
        return NULL;
    fill_random(w, n * Q4K_BLOCK_BYTES, seed);
    for (size_t b = 0; b < n; b++) {
        uint8_t *x = w + b * Q4K_BLOCK_BYTES;
        switch (b % 23) {
        case 0: /* extremes: d = 1, dmin = +-1, every 6-bit field 63, every quant 15 */
            put16(x, 0x3c00);
            put16(x + 2, (b / 23) % 2 ? 0xbc00 : 0x3c00);
            memset(x + Q4K_OFF_SCALES, 0xff, 12);
            memset(x + Q4K_OFF_QS, 0xff, 128);
            break;
        case 7: /* fp16 specials in d and dmin */
            put16(x, special_fp16[(b / 23) % N_SPECIAL16]);
            put16(x + 2, special_fp16[(b / 23 * 7 + 3) % N_SPECIAL16]);
            break;
        case 15:
            memset(x, (b / 23) % 2 ? 0xff : 0x00, Q4K_BLOCK_BYTES);
            break;
        default: /* realistic magnitudes, either sign */
            x[1] = (uint8_t)(0x10 + (x[1] & 0x0f) + (x[1] & 0x80));
            x[3] = (uint8_t)(0x10 + (x[3] & 0x0f) + (x[3] & 0x80));
            break;
        }
    }
    return w;
}

/* The same for Q6_K: of every 23 blocks one at the int32 extremes (d = 1,
 * every scale -128 or 127, every quant 0 or 63), one with an fp16 special
 * in d, one all-zero or all-0xff (NaN d); the rest random with d of either
 * sign around 2^-10. */
static uint8_t *adversarial_q6k(size_t n, uint64_t seed)
{
    uint8_t *w = malloc(n * Q6K_BLOCK_BYTES);
    if (!w)
        return NULL;
    fill_random(w, n * Q6K_BLOCK_BYTES, seed);
    for (size_t b = 0; b < n; b++) {
        uint8_t *x = w + b * Q6K_BLOCK_BYTES;
        switch (b % 23) {
        case 0: /* extremes: the four combinations of scale -128 / 127 and quant 0 / 63 */
            put16(x + Q6K_OFF_D, (b / 23) % 3 ? 0x3c00 : 0xbc00);
            memset(x + Q6K_OFF_SCALES, (b / 23) % 2 ? 0x80 : 0x7f, 16);
            memset(x + Q6K_OFF_QL, (b / 46) % 2 ? 0xff : 0x00, 192);
            break;
        case 7: /* fp16 specials in d */
            put16(x + Q6K_OFF_D, special_fp16[(b / 23) % N_SPECIAL16]);
            break;
        case 15:
            memset(x, (b / 23) % 2 ? 0xff : 0x00, Q6K_BLOCK_BYTES);
            break;
        default: /* realistic magnitudes, either sign */
            x[Q6K_OFF_D + 1] = (uint8_t)(0x10 + (x[Q6K_OFF_D + 1] & 0x0f) + (x[Q6K_OFF_D + 1] & 0x80));
            break;
        }
    }
    return w;
}

/* What the matvec checks need to know of a weight format. */
typedef struct mv_format {
    q4k_op op;
    size_t block_bytes;                        /* 144, 210 */
    uint8_t *(*adversarial)(size_t n, uint64_t seed);
    int (*mt_with)(q4k_pool *pool, const q4k_variant *v, const void *w, size_t n_rows, size_t n_cols,
                   const void *xq, size_t n_vecs, float *y);
    /* the packed layouts: q4k_pack_bytes, q4k_pack_into, q4k_pack and
     * q4k_matmul_q8k_packed_mt_with, or the Q6_K ones */
    size_t (*pack_bytes)(size_t n_rows, size_t n_cols, unsigned interleave);
    int (*pack_into)(const void *w, size_t n_rows, size_t n_cols, unsigned interleave, void *out);
    int (*pack)(const void *w, size_t n_rows, size_t n_cols, unsigned interleave, q4k_packed **out);
    int (*packed_with)(q4k_pool *pool, const q4k_variant *v, const q4k_packed *w, const void *xq, size_t n_vecs,
                       float *y);
    const char *prefix;                        /* golden weights: <prefix>_<case>.bin */
    const char *const *weights;                /* every golden weight file's case */
    size_t n_weights;
    const char *dot_prefix;                    /* ggml's dots: <dot_prefix><case>.ggml.f32 */
    const char *const *dots;                   /* the cases with ggml dot files */
    size_t n_dots;
} mv_format;

static const char *const q4k_weights[] = {
    "gaussian", "uniform", "outliers", "zeros", "tiny", "large", "overflow",
    "structured", "randbytes", "special_dm", "scalebytes", "fp16mix",
};
static const char *const q4k_dots[] = {"gaussian", "outliers", "large"};
static const char *const q6k_cases[] = {"gaussian", "outliers", "randbytes", "special_d"};

static const mv_format fmt_q4k = {Q4K_OP_MATVEC, Q4K_BLOCK_BYTES, adversarial_q4k, q4k_matmul_q8k_mt_with,
                                  q4k_pack_bytes, q4k_pack_into, q4k_pack, q4k_matmul_q8k_packed_mt_with, "q4k",
                                  q4k_weights, sizeof q4k_weights / sizeof q4k_weights[0], "dot_",
                                  q4k_dots, sizeof q4k_dots / sizeof q4k_dots[0]};
static const mv_format fmt_q6k = {Q4K_OP_MATVEC_Q6K, Q6K_BLOCK_BYTES, adversarial_q6k, q4k_matmul_q6k_q8k_mt_with,
                                  q4k_pack_q6k_bytes, q4k_pack_q6k_into, q4k_pack_q6k,
                                  q4k_matmul_q6k_q8k_packed_mt_with, "q6k", q6k_cases, sizeof q6k_cases / sizeof q6k_cases[0], "dot_q6k_",
                                  q6k_cases, sizeof q6k_cases / sizeof q6k_cases[0]};

/* Q8_K bsums of a block whose quants are set. */
static void q8k_set_bsums(uint8_t *a)
{
    for (int k = 0; k < 16; k++) {
        int s = 0;
        for (int i = 0; i < 16; i++)
            s += (int8_t)a[Q8K_OFF_QS + 16 * k + i];
        put16(a + Q8K_OFF_BSUMS + 2 * k, (uint16_t)(int16_t)s);
    }
}

/* n_vecs vectors of bpr Q8_K blocks (vector after vector): vector 0 all
 * +127 and vector 1 all -127 with d8 = 0.0123 (the int32 extremes against
 * the extreme weight blocks), the rest quantized from random floats by the
 * reference, and in the last vector every third block's d8 replaced by a
 * special (zero, minus zero, subnormal, infinite, NaN, huge). Quants stay
 * in [-127, 127] and bsums consistent, as the quantizer makes them. */
static uint8_t *adversarial_activations(const q4k_variant *quant, size_t n_vecs, size_t bpr, uint64_t seed)
{
    const size_t n = n_vecs * bpr;
    uint8_t *a = malloc(n * Q8K);
    float *x = malloc(n * Q4K_Q8K_BLOCK_VALUES * sizeof *x);
    if (!a || !x) {
        free(a), free(x);
        return NULL;
    }
    for (size_t i = 0; i < n * Q4K_Q8K_BLOCK_VALUES; i++) {
        double u = (double)(q4k_splitmix64(&seed) >> 11) * 0x1p-53 - 0.5;
        x[i] = (float)(u * (1 + (double)((i / 256) % 7)));
    }
    quant->quantize(x, n, a);
    free(x);
    static const float d8_special[] = {0.0f, -0.0f, 1e-40f, INFINITY, -INFINITY, NAN, 3e38f, -2.5f};
    for (size_t b = 0; b < n; b++) {
        uint8_t *blk = a + b * Q8K;
        if (b / bpr < 2 && n_vecs > 2) { /* vectors 0 and 1: the extremes */
            const float d8 = 0.0123f;
            memcpy(blk, &d8, 4);
            memset(blk + Q8K_OFF_QS, b / bpr ? 0x81 : 0x7f, 256);
            q8k_set_bsums(blk);
        } else if (b / bpr == n_vecs - 1 && b % 3 == 1) {
            const float d8 = d8_special[(b / 3) % (sizeof d8_special / sizeof d8_special[0])];
            memcpy(blk, &d8, 4);
        }
    }
    return a;
}

/* v's kernel on GGUF-layout weights w: a kernel of a packed layout gets
 * them packed first (the format's pack_into). 0, or -1 without memory. */
static int call_kernel(const mv_format *f, const q4k_variant *v, const uint8_t *w, size_t n_rows, size_t bpr, const uint8_t *xq,
                       size_t n_vecs, float *y, size_t ldy)
{
    if (!v->layout) {
        v->matvec(w, n_rows, bpr, xq, n_vecs, y, ldy);
        return 0;
    }
    const size_t bytes = f->pack_bytes(n_rows, bpr * Q4K_BLOCK_VALUES, v->layout);
    uint8_t *packed = bytes ? malloc(bytes) : NULL;
    if (!packed || f->pack_into(w, n_rows, bpr * Q4K_BLOCK_VALUES, v->layout, packed) != Q4K_OK) {
        free(packed);
        return -1;
    }
    v->matvec(packed, n_rows, bpr, xq, n_vecs, y, ldy);
    free(packed);
    return 0;
}

/* Run one matvec kernel with y at byte offset skew in a guarded buffer,
 * output stride ldy >= n_rows; copies the results (vecs x n_rows, packed)
 * into res. 1 when it wrote outside its outputs (rep says where). */
static int matvec_guarded(const mv_format *f, const q4k_variant *v, const uint8_t *w, size_t n_rows, size_t bpr,
                          const uint8_t *xq, size_t n_vecs, size_t ldy, size_t skew, float *res,
                          q4k_verify_report *rep, const char *what)
{
    const size_t span = (n_vecs - 1) * ldy + n_rows, bytes = GUARD + skew + span * sizeof(float) + GUARD;
    uint8_t *buf = malloc(bytes);
    if (!buf)
        return -1;
    memset(buf, 0xa5, bytes);
    float *y = (float *)(void *)(buf + GUARD + skew);
    if (call_kernel(f, v, w, n_rows, bpr, xq, n_vecs, y, ldy)) {
        free(buf);
        return -1;
    }
    int broke = 0;
    for (size_t i = 0; i < bytes && !broke; i++) {
        size_t off = i >= GUARD + skew ? i - GUARD - skew : (size_t)-1; /* byte of y, or before it */
        int inside = off != (size_t)-1 && off < span * sizeof(float) && off / sizeof(float) % ldy < n_rows;
        if (!inside && buf[i] != 0xa5) {
            if (!rep->mismatches)
                snprintf(rep->first, sizeof rep->first, "%s: wrote outside its outputs (byte %td of y)", what,
                         (ptrdiff_t)i - (ptrdiff_t)(GUARD + skew));
            rep->mismatches++;
            broke = 1;
        }
    }
    for (size_t k = 0; k < n_vecs; k++)
        memcpy(res + k * n_rows, buf + GUARD + skew + k * ldy * sizeof(float), n_rows * sizeof(float));
    free(buf);
    return broke;
}

static int compare_y(const float *got, const float *want, size_t n_rows, size_t n_vecs, const char *what,
                     q4k_verify_report *rep)
{
    size_t bad = 0;
    for (size_t i = 0; i < n_rows * n_vecs; i++) {
        uint32_t g = q4k_float_to_bits(got[i]), w = q4k_float_to_bits(want[i]);
        if (!q4k_same_value(g, w)) {
            note_first(rep, "%s: y of vector %zu, row %zu: got 0x%08x, want 0x%08x", what, i / n_rows, i % n_rows, g,
                       w);
            bad++;
        }
    }
    rep->values += n_rows * n_vecs;
    rep->mismatches += bad;
    return bad != 0;
}

/* v and the reference on one shape; pointers skewed by `skew` bytes. */
static int matvec_shape(const mv_format *f, const q4k_variant *v, const q4k_variant *ref, const uint8_t *w,
                        const uint8_t *xq, size_t n_rows, size_t bpr, size_t n_vecs, size_t ldy, size_t skew,
                        q4k_verify_report *rep)
{
    const size_t wbytes = n_rows * bpr * f->block_bytes, xbytes = n_vecs * bpr * Q8K;
    uint8_t *wb = malloc(wbytes + skew + 1), *xb = malloc(xbytes + skew + 1);
    float *want = malloc(n_rows * n_vecs * sizeof(float)), *got = malloc(n_rows * n_vecs * sizeof(float));
    int st = -1;
    if (wb && xb && want && got) {
        memcpy(wb + skew, w, wbytes);
        memcpy(xb + skew, xq, xbytes);
        ref->matvec(w, n_rows, bpr, xq, n_vecs, want, n_rows);
        char what[128];
        snprintf(what, sizeof what, "%zu rows x %zu blocks, %zu vectors, stride %zu, pointers +%zu", n_rows, bpr,
                 n_vecs, ldy, skew);
        st = matvec_guarded(f, v, wb + skew, n_rows, bpr, xb + skew, n_vecs, ldy, skew, got, rep, what);
        if (st == 0)
            st = compare_y(got, want, n_rows, n_vecs, what, rep);
    }
    free(wb), free(xb), free(want), free(got);
    return st;
}

/* The rows through a pool of n_threads, against the reference. */
static int matvec_threads(const mv_format *f, const q4k_variant *v, const q4k_variant *ref, const uint8_t *w,
                          const uint8_t *xq, size_t n_rows, size_t bpr, size_t n_vecs, unsigned n_threads,
                          q4k_verify_report *rep)
{
    float *want = malloc(n_rows * n_vecs * sizeof(float)), *got = malloc(n_rows * n_vecs * sizeof(float));
    q4k_pool *pool = NULL;
    int st = -1;
    if (want && got && q4k_pool_create(n_threads, &pool) == Q4K_OK) {
        ref->matvec(w, n_rows, bpr, xq, n_vecs, want, n_rows);
        q4k_packed *pk = NULL;
        int rc = v->layout ? f->pack(w, n_rows, bpr * Q4K_BLOCK_VALUES, v->layout, &pk) : Q4K_OK;
        if (rc == Q4K_OK)
            rc = pk ? f->packed_with(pool, v, pk, xq, n_vecs, got)
                    : f->mt_with(pool, v, w, n_rows, bpr * Q4K_BLOCK_VALUES, xq, n_vecs, got);
        q4k_packed_free(pk);
        if (rc == Q4K_OK) {
            char what[96];
            snprintf(what, sizeof what, "%zu rows x %zu blocks, %zu vectors, %u threads", n_rows, bpr, n_vecs,
                     n_threads);
            st = compare_y(got, want, n_rows, n_vecs, what, rep);
        }
    }
    q4k_pool_destroy(pool);
    free(want), free(got);
    return st;
}

/* Every golden weight file of the format, as rows of 16 blocks, times
 * ggml's Q8_K vector: v against the reference. */
static int matvec_golden_exact(const mv_format *f, const q4k_variant *v, const q4k_variant *ref, const char *dir,
                               q4k_verify_report *rep)
{
    char path[1024], err[256];
    void *xq = NULL;
    size_t xsize = 0;
    snprintf(path, sizeof path, "%s/dot_x.q8k", dir);
    if (q4k_read_file(path, &xq, &xsize, err, sizeof err) != 0)
        return 0; /* no golden activations here */
    int failed = 0;
    if (xsize != GOLDEN_BPR * Q8K) {
        snprintf(rep->first, sizeof rep->first, "golden dot_x.q8k: %zu bytes, want %d", xsize, GOLDEN_BPR * Q8K);
        rep->mismatches++;
        free(xq);
        return 1;
    }
    for (size_t c = 0; c < f->n_weights && failed >= 0; c++) {
        void *w = NULL;
        size_t wsize = 0;
        snprintf(path, sizeof path, "%s/%s_%s.bin", dir, f->prefix, f->weights[c]);
        if (q4k_read_file(path, &w, &wsize, err, sizeof err) != 0)
            continue;
        const size_t rows = wsize / (GOLDEN_BPR * f->block_bytes);
        float *want = malloc((rows ? rows : 1) * sizeof(float)), *got = malloc((rows ? rows : 1) * sizeof(float));
        if (!want || !got) {
            failed = -1;
        } else if (rows) {
            char what[64];
            snprintf(what, sizeof what, "golden %s_%s.bin x dot_x.q8k", f->prefix, f->weights[c]);
            ref->matvec(w, rows, GOLDEN_BPR, xq, 1, want, rows);
            if (call_kernel(f, v, w, rows, GOLDEN_BPR, xq, 1, got, rows))
                failed = -1;
            else
                failed |= compare_y(got, want, rows, 1, what, rep);
        }
        free(want), free(got), free(w);
    }
    free(xq);
    return failed;
}

static int matvec_golden(const mv_format *f, const q4k_variant *v, const char *dir, q4k_verify_report *rep);

static int verify_matvec(const mv_format *f, const q4k_variant *v, const char *golden_dir, q4k_verify_report *rep)
{
    memset(rep, 0, sizeof *rep);
    const q4k_variant *ref = reference(f->op), *quant = reference(Q4K_OP_QUANTIZE_Q8K);
    if (!ref || !quant || !v || v->op != f->op || !v->matvec)
        return Q4K_EINVAL;
    enum { ROWS = 67, BPR = 16, VECS = 9, BIG_ROWS = 301 };
    uint8_t *w = f->adversarial(BIG_ROWS * 4 > ROWS * BPR ? BIG_ROWS * 4 : ROWS * BPR, 0x3a7);
    uint8_t *xq = adversarial_activations(quant, VECS, BPR, 0x3a8);
    if (!w || !xq) {
        free(w), free(xq);
        return Q4K_ENOMEM;
    }
    int failed = 0;
    /* 1. everything in one call, with an output stride wider than the rows */
    failed |= matvec_shape(f, v, ref, w, xq, ROWS, BPR, VECS, ROWS + 5, 0, rep);
    /* 2. shapes: rows that are no multiple of any tile, 1..16 blocks a row,
     * 1..9 vectors, unaligned pointers */
    static const size_t rows[] = {1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 33, 67};
    static const size_t bprs[] = {1, 2, 3, 16};
    for (size_t a = 0; a < sizeof rows / sizeof rows[0] && !failed; a++)
        for (size_t b = 0; b < sizeof bprs / sizeof bprs[0] && !failed; b++) {
            size_t vecs = 1 + (a + b) % VECS, skew = (a + b) % 4;
            /* weights from block a*7 % 11 on (a different mix of the special
             * blocks per shape), activations: vecs vectors of bprs[b] blocks
             * from somewhere in the set (extremes, specials or random) */
            size_t x_first = (a * 5 + b * 3) % (VECS * BPR - vecs * bprs[b] + 1);
            failed |= matvec_shape(f, v, ref, w + (a * 7 % 11) * f->block_bytes, xq + x_first * Q8K, rows[a],
                                   bprs[b], vecs, rows[a], skew, rep);
        }
    for (size_t nv = 1; nv <= VECS && !failed; nv++)
        failed |= matvec_shape(f, v, ref, w, xq, 13, 2, nv, 13 + nv % 3, nv % 4, rep);
    /* 3. threads: the library's chunks (5 of them, the last one short) */
    for (unsigned t = 1; t <= 3 && !failed; t += 2)
        failed |= matvec_threads(f, v, ref, w, xq + 40 * Q8K, BIG_ROWS, 4, 3, t, rep);
    free(w), free(xq);
    if (failed < 0)
        return Q4K_ENOMEM;
    if (!failed && golden_dir) {
        failed = matvec_golden_exact(f, v, ref, golden_dir, rep);
        if (failed < 0)
            return Q4K_ENOMEM;
        if (!failed) {
            q4k_verify_report g;
            int st = q4k_verify_merge(rep, &g, matvec_golden(f, v, golden_dir, &g));
            if (st < 0)
                return st;
            failed |= st;
        }
    }
    return failed ? 1 : 0;
}

/* Tolerance against ggml, relative to the largest |y| of the case: rows
 * near zero are sums of large terms that cancel, where a relative error
 * per row means nothing. ggml's AVX2 path is within 7.6e-5 of the float64
 * value per row (tests/data/README.md), within 1e-6 of the largest. */
#define MATVEC_GOLDEN_TOLERANCE 1e-5

int q4k_verify_matvec(const q4k_variant *v, const char *golden_dir, q4k_verify_report *rep)
{
    return verify_matvec(&fmt_q4k, v, golden_dir, rep);
}

int q4k_verify_matvec_q6k(const q4k_variant *v, const char *golden_dir, q4k_verify_report *rep)
{
    return verify_matvec(&fmt_q6k, v, golden_dir, rep);
}

/* 1 when a and b are the same non-finite value (NaN by class). */
static int same_nonfinite(double a, double b)
{
    return isnan(a) ? isnan(b) : a == b;
}

static int matvec_golden(const mv_format *f, const q4k_variant *v, const char *dir, q4k_verify_report *rep)
{
    memset(rep, 0, sizeof *rep);
    if (!v || v->op != f->op || !v->matvec)
        return Q4K_EINVAL;
    char path[1024], err[256];
    void *xq = NULL;
    size_t xsize = 0;
    snprintf(path, sizeof path, "%s/dot_x.q8k", dir);
    if (q4k_read_file(path, &xq, &xsize, err, sizeof err) != 0)
        return 0;
    int failed = 0;
    for (size_t c = 0; c < f->n_dots && failed >= 0; c++) {
        const char *name = f->dots[c];
        void *w = NULL, *ggml = NULL, *exact = NULL;
        size_t nw = 0, ng = 0, ne = 0;
        snprintf(path, sizeof path, "%s/%s_%s.bin", dir, f->prefix, name);
        int have = q4k_read_file(path, &w, &nw, err, sizeof err) == 0;
        snprintf(path, sizeof path, "%s/%s%s.ggml.f32", dir, f->dot_prefix, name);
        have = have && q4k_read_file(path, &ggml, &ng, err, sizeof err) == 0;
        snprintf(path, sizeof path, "%s/%s%s.deq_q8.f64", dir, f->dot_prefix, name);
        have = have && q4k_read_file(path, &exact, &ne, err, sizeof err) == 0;
        const size_t rows = ng / sizeof(float);
        float *y = NULL;
        if (!have) {
            /* not every folder holds every case */
        } else if (xsize != GOLDEN_BPR * Q8K || ne != rows * sizeof(double) ||
                   nw < rows * GOLDEN_BPR * f->block_bytes) {
            snprintf(rep->first, sizeof rep->first, "golden %s%s: sizes of the files disagree", f->dot_prefix, name);
            rep->mismatches++;
            failed = 1;
        } else if (!(y = malloc((rows ? rows : 1) * sizeof *y))) {
            failed = -1;
        } else if (call_kernel(f, v, w, rows, GOLDEN_BPR, xq, 1, y, rows)) {
            failed = -1;
        } else {
            const float *g = ggml;
            const double *x = exact;
            double scale = 0;
            for (size_t r = 0; r < rows; r++)
                if (isfinite(x[r]) && isfinite(g[r]))
                    scale = fmax(scale, fabs(x[r]));
            size_t bad = 0;
            for (size_t r = 0; r < rows; r++) {
                double e = 0;
                int ok;
                if (!isfinite(x[r]) || !isfinite(g[r])) { /* d or d8 not finite: ggml's value, NaN by class */
                    ok = same_nonfinite((double)y[r], (double)g[r]);
                } else {
                    const double e_exact = fabs((double)y[r] - x[r]) / scale;
                    const double e_ggml = fabs((double)y[r] - (double)g[r]) / scale;
                    e = fmax(e_exact, e_ggml);
                    ok = e_exact <= MATVEC_GOLDEN_TOLERANCE && e_ggml <= MATVEC_GOLDEN_TOLERANCE;
                }
                if (!ok) {
                    if (!bad && !rep->mismatches)
                        snprintf(rep->first, sizeof rep->first,
                                 "golden %s%s: row %zu: %.3g (ggml %.3g, float64 %.6g): off by %.2e of the "
                                 "largest |y| (tolerance %.0e)",
                                 f->dot_prefix, name, r, (double)y[r], (double)g[r], x[r], e,
                                 MATVEC_GOLDEN_TOLERANCE);
                    bad++;
                }
            }
            rep->values += rows;
            rep->mismatches += bad;
            failed |= bad != 0;
        }
        free(y), free(w), free(ggml), free(exact);
    }
    free(xq);
    return failed < 0 ? Q4K_ENOMEM : failed;
}

int q4k_verify_matvec_golden(const q4k_variant *v, const char *dir, q4k_verify_report *rep)
{
    return matvec_golden(&fmt_q4k, v, dir, rep);
}

int q4k_verify_matvec_q6k_golden(const q4k_variant *v, const char *dir, q4k_verify_report *rep)
{
    return matvec_golden(&fmt_q6k, v, dir, rep);
}

/* ---- quantize_q8k -------------------------------------------------------- */

/* n blocks of finite floats: random magnitudes below 2 (subnormals
 * included), then hand-made blocks over the first ones. */
static float *adversarial_floats(size_t n, uint64_t seed)
{
    float *x = malloc(n * Q4K_Q8K_BLOCK_VALUES * sizeof *x);
    if (!x)
        return NULL;
    fill_random((uint8_t *)x, n * Q4K_Q8K_BLOCK_VALUES * sizeof *x, seed);
    for (size_t i = 0; i < n * Q4K_Q8K_BLOCK_VALUES; i++) { /* finite: clear the exponent's top bit */
        uint32_t bits = q4k_float_to_bits(x[i]) & ~0x40000000u;
        x[i] = q4k_bits_to_float(bits);
    }
    for (size_t b = 0; b < n; b++) {
        float *v = x + b * Q4K_Q8K_BLOCK_VALUES;
        switch (b % 16) {
        case 0: /* all zero, then all minus zero */
            for (int i = 0; i < 256; i++)
                v[i] = (b / 16) % 2 ? -0.0f : 0.0f;
            break;
        case 1: /* max = 127: iscale = -1, every x a half: round half to even */
            v[0] = 127.0f;
            for (int i = 1; i < 256; i++)
                v[i] = (float)(i % 254 - 127) + 0.5f * (i % 2 ? 1 : -1);
            break;
        case 2: /* max = -127: iscale = 1 */
            v[0] = -127.0f;
            for (int i = 1; i < 256; i++)
                v[i] = (float)(i % 253 - 126) - 0.5f;
            break;
        case 3: /* ties for the largest magnitude: the first one sets the sign */
            for (int i = 0; i < 256; i++)
                v[i] = (float)((i % 255) - 127) * (i % 3 ? 1.0f : -1.0f);
            v[17] = -200.0f, v[40] = 200.0f;
            break;
        case 4: /* tiny */
            for (int i = 0; i < 256; i++)
                v[i] = (float)(i - 128) * 1e-30f;
            break;
        case 5: /* huge */
            for (int i = 0; i < 256; i++)
                v[i] = (float)(i - 100) * 1e30f;
            v[99] = 3.4e38f;
            break;
        case 6: /* one negative spike among small values */
            for (int i = 0; i < 256; i++)
                v[i] *= 1e-3f;
            v[200] = -1000.0f;
            break;
        case 7: /* one positive spike */
            v[3] = 1e6f;
            break;
        case 8: /* all equal */
            for (int i = 0; i < 256; i++)
                v[i] = (b / 16) % 2 ? -0.3f : 0.3f;
            break;
        case 9: /* tiny, yet -127/max still finite (below about 3.7e-37 it is not:
                 * outside the rule's domain, so not checked) */
            for (int i = 0; i < 256; i++)
                v[i] = (float)(i - 128) * 1e-36f;
            break;
        default:
            break;
        }
    }
    return x;
}

static int compare_bytes(const uint8_t *got, const uint8_t *want, size_t n, const char *what, q4k_verify_report *rep)
{
    size_t bad = 0;
    for (size_t i = 0; i < n; i++)
        if (got[i] != want[i]) {
            note_first(rep, "%s: block %zu, byte %zu: got 0x%02x, want 0x%02x", what, i / Q8K, i % Q8K, got[i],
                       want[i]);
            bad++;
        }
    rep->values += n;
    rep->mismatches += bad;
    return bad != 0;
}

/* v on n blocks at x + 4*skew bytes (a float pointer stays aligned to 4,
 * not to any vector), output at skew bytes (a byte pointer) in a guarded
 * buffer; compared with want. */
static int quantize_guarded(const q4k_variant *v, const float *x, size_t n, size_t skew, const uint8_t *want,
                            q4k_verify_report *rep)
{
    const size_t in_bytes = n * Q4K_Q8K_BLOCK_VALUES * sizeof(float), out_bytes = n * Q8K;
    float *in = malloc(in_bytes + 4 * sizeof(float));
    uint8_t *buf = malloc(GUARD + skew + out_bytes + GUARD);
    int st = -1;
    if (in && buf) {
        memcpy(in + skew, x, in_bytes);
        memset(buf, 0xa5, GUARD + skew + out_bytes + GUARD);
        v->quantize(in + skew, n, buf + GUARD + skew);
        char what[64];
        snprintf(what, sizeof what, "%zu blocks, input +%zu bytes, output +%zu", n, 4 * skew, skew);
        st = 0;
        for (size_t i = 0; i < GUARD + skew + out_bytes + GUARD && !st; i++)
            if ((i < GUARD + skew || i >= GUARD + skew + out_bytes) && buf[i] != 0xa5) {
                if (!rep->mismatches)
                    snprintf(rep->first, sizeof rep->first, "%s: wrote outside its output (byte %td)", what,
                             (ptrdiff_t)i - (ptrdiff_t)(GUARD + skew));
                rep->mismatches++;
                st = 1;
            }
        if (!st)
            st = compare_bytes(buf + GUARD + skew, want, out_bytes, what, rep);
    }
    free(in), free(buf);
    return st;
}

int q4k_verify_quantize_q8k(const q4k_variant *v, const char *golden_dir, q4k_verify_report *rep)
{
    memset(rep, 0, sizeof *rep);
    const q4k_variant *ref = reference(Q4K_OP_QUANTIZE_Q8K);
    if (!ref || !v || v->op != Q4K_OP_QUANTIZE_Q8K || !v->quantize)
        return Q4K_EINVAL;
    enum { N = 80 };
    float *x = adversarial_floats(N, 0x9e7);
    uint8_t *want = malloc(N * Q8K);
    if (!x || !want) {
        free(x), free(want);
        return Q4K_ENOMEM;
    }
    ref->quantize(x, N, want);
    int failed = quantize_guarded(v, x, N, 0, want, rep);
    static const size_t sizes[] = {0, 1, 2, 3, 5, 8, 17, 33};
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0] && !failed; s++) {
        size_t first = s * 5 % (N - 33);
        failed |= quantize_guarded(v, x + first * Q4K_Q8K_BLOCK_VALUES, sizes[s], s % 4, want + first * Q8K, rep);
    }
    free(x), free(want);
    if (failed < 0)
        return Q4K_ENOMEM;
    if (!failed && golden_dir) {
        q4k_verify_report g;
        int st = q4k_verify_merge(rep, &g, q4k_verify_quantize_q8k_golden(v, golden_dir, &g));
        if (st < 0)
            return st;
        failed |= st;
    }
    return failed ? 1 : 0;
}

int q4k_verify_quantize_q8k_golden(const q4k_variant *v, const char *dir, q4k_verify_report *rep)
{
    memset(rep, 0, sizeof *rep);
    if (!v || v->op != Q4K_OP_QUANTIZE_Q8K || !v->quantize)
        return Q4K_EINVAL;
    char path[1024], err[256];
    void *x = NULL, *want = NULL;
    size_t nx = 0, nq = 0;
    snprintf(path, sizeof path, "%s/dot_x.f32", dir);
    int have = q4k_read_file(path, &x, &nx, err, sizeof err) == 0;
    snprintf(path, sizeof path, "%s/dot_x.q8k", dir);
    have = have && q4k_read_file(path, &want, &nq, err, sizeof err) == 0;
    int failed = 0;
    const size_t blocks = nx / (Q4K_Q8K_BLOCK_VALUES * sizeof(float));
    uint8_t *got = NULL;
    if (!have) {
        /* no golden files here */
    } else if (nx % (Q4K_Q8K_BLOCK_VALUES * sizeof(float)) || nq != blocks * Q8K) {
        snprintf(rep->first, sizeof rep->first, "golden dot_x: sizes of .f32 and .q8k disagree");
        rep->mismatches++;
        failed = 1;
    } else if (!(got = malloc(nq + 1))) {
        failed = -1;
    } else {
        v->quantize(x, blocks, got);
        failed = compare_bytes(got, want, nq, "golden dot_x.f32 -> dot_x.q8k", rep);
    }
    free(got), free(x), free(want);
    return failed < 0 ? Q4K_ENOMEM : failed;
}
