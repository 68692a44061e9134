/* op_plan.c - the tuner's measurement plan per operation (op_plan.h).
 * To tune a new operation: write its fill/run/verify functions here (or in
 * a file of their own) and add one entry to plans[]. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchdata.h"
#include "hugemem.h"
#include "op_plan.h"
#include "q4k_format.h"

/* ---- dequant: Q4_K blocks -> float32 ---------------------------------- */

enum { DEQUANT_OUT_BYTES = Q4K_BLOCK_VALUES * sizeof(float), TEMPLATE_BLOCKS = 4096 };

static const size_t dequant_sizes[] = {1,    2,    4,    8,    16,   32,    64,    128,  256,
                                       512,  1024, 2048, 4096, 8192, 16384, 32768, 65536};
static const size_t dequant_quick[] = {1, 16, 512, 8192};
static const size_t dequant_emulated[] = {1, 16, 256};
static const size_t dequant_bench[] = {16, 512, 65536};

/* The input filled with tpl_blocks distinct realistic blocks of
 * block_bytes each (made by make(tpl_blocks, seed)), repeated. */
static void fill_repeating(uint8_t *in, size_t bytes, uint64_t seed, size_t block_bytes,
                           uint8_t *(*make)(size_t n, uint64_t seed))
{
    size_t blocks = (bytes + block_bytes - 1) / block_bytes;
    size_t tpl_blocks = blocks < TEMPLATE_BLOCKS ? blocks : TEMPLATE_BLOCKS;
    uint8_t *tpl = make(tpl_blocks, seed);
    const size_t tpl_bytes = tpl_blocks * block_bytes;
    if (!tpl) { /* still deterministic, only less realistic */
        memset(in, 0x11, bytes);
        return;
    }
    for (size_t off = 0; off < bytes; off += tpl_bytes)
        memcpy(in + off, tpl, bytes - off < tpl_bytes ? bytes - off : tpl_bytes);
    free(tpl);
}

/* Realistic blocks (q4k_bench_blocks: normal d/dmin, random scales and
 * quants), TEMPLATE_BLOCKS distinct ones repeated over the input. */
static void dequant_fill(uint8_t *in, size_t bytes, uint64_t seed)
{
    fill_repeating(in, bytes, seed, Q4K_BLOCK_BYTES, q4k_bench_blocks);
}

/* n blocks of in_bytes each -> n * 1 KiB of floats, per call, moving
 * through the slots when there are several (dequant and dequant_q6k). */
static void dequant_run_blocks(const q4k_variant *v, op_workload *w, unsigned long long iters, size_t in_bytes)
{
    const q4k_kernel_fn fn = v->fn;
    const size_t n = w->n;
    if (w->slots == 1) {
        float *out = (float *)(void *)w->out;
        for (unsigned long long i = 0; i < iters; i++)
            fn(w->in, out, n);
        return;
    }
    size_t slot = w->slot;
    for (unsigned long long i = 0; i < iters; i++) {
        fn(w->in + slot * n * in_bytes, (float *)(void *)(w->out + slot * n * DEQUANT_OUT_BYTES), n);
        if (++slot == w->slots)
            slot = 0;
    }
    w->slot = slot;
}

static void dequant_run(const q4k_variant *v, op_workload *w, unsigned long long iters)
{
    dequant_run_blocks(v, w, iters, Q4K_BLOCK_BYTES);
}

static int dequant_dispatched(const op_workload *w)
{
    return q4k_dequantize(w->in, w->n, (float *)(void *)w->out);
}

/* ---- matvec: Q4_K weight rows x Q8_K activation vectors ----------------- */

enum { MATVEC_ROW_BYTES = OP_PLAN_MATVEC_BPR * Q4K_BLOCK_BYTES,
       MATVEC_VEC_BYTES = OP_PLAN_MATVEC_BPR * Q4K_Q8K_BLOCK_BYTES };

/* Weight blocks: 16 rows (37 KB, in L1/L2) to 65536 rows (151 MB, DRAM). */
static const size_t matvec_sizes[] = {256,   512,   1024,   2048,   4096,   8192,   16384,
                                      32768, 65536, 131072, 262144, 524288, 1048576};
static const size_t matvec_quick[] = {256, 4096, 262144};
static const size_t matvec_emulated[] = {256, 1024};
static const size_t matvec_bench[] = {4096, 65536, 1048576};
static const unsigned matvec_series_vecs[] = {2, 4, 8};

/* OP_PLAN_MAX_VECS activation vectors of 4096 values each, quantized by
 * the library: roughly normal values whose spread changes from block to
 * block, like a hidden state after a norm. */
static void matvec_fill_aux(uint8_t *aux, size_t bytes, uint64_t seed)
{
    const size_t n_blocks = bytes / Q4K_Q8K_BLOCK_BYTES;
    float *x = malloc(n_blocks * Q4K_Q8K_BLOCK_VALUES * sizeof *x);
    if (!x) {
        memset(aux, 0, bytes); /* valid Q8_K: d = 0 */
        return;
    }
    for (size_t i = 0; i < n_blocks * Q4K_Q8K_BLOCK_VALUES; i++) {
        /* a sum of four uniforms: close enough to a normal for timing */
        double u = 0;
        for (int k = 0; k < 4; k++)
            u += (double)(q4k_splitmix64(&seed) >> 11) * 0x1p-53;
        x[i] = (float)((u - 2.0) * (1 + (i / Q4K_Q8K_BLOCK_VALUES) % 5));
    }
    if (q4k_quantize_q8k(x, n_blocks * Q4K_Q8K_BLOCK_VALUES, aux) != Q4K_OK)
        memset(aux, 0, bytes);
    free(x);
}

/* The weights of every slot packed for v's layout (once per layout, size
 * and slot count: a copy per interleave is kept), so that packed variants
 * read what the format's pack function makes (q4k_pack_into,
 * q4k_pack_q6k_into): outside the timed loop. row_bytes: a GGUF row's
 * bytes. */
static int prepare_packed(const q4k_variant *v, op_workload *w, size_t row_bytes,
                          size_t (*pack_bytes)(size_t, size_t, unsigned),
                          int (*pack_into)(const void *, size_t, size_t, unsigned, void *))
{
    if (!v->layout)
        return Q4K_OK;
    struct op_packed_copy *c = NULL;
    for (size_t i = 0; i < 2 && !c; i++)
        if (w->packs[i].data && w->packs[i].layout == v->layout && w->packs[i].n == w->n &&
            w->packs[i].slots == w->slots)
            c = &w->packs[i];
    if (!c) {
        /* a free copy, else the one of another interleave than the last used */
        c = !w->packs[0].data ? &w->packs[0] : !w->packs[1].data ? &w->packs[1]
            : w->packed == w->packs[0].data ? &w->packs[1] : &w->packs[0];
        const size_t rows = w->n / OP_PLAN_MATVEC_BPR, step = pack_bytes(rows, OP_PLAN_MATVEC_COLS, v->layout);
        if (!step)
            return Q4K_EINVAL;
        if (w->packed == c->data)
            w->packed = NULL;
        free(c->data);
        *c = (struct op_packed_copy){0};
        if (!(c->data = q4k_huge_alloc(step * w->slots)))
            return Q4K_ENOMEM;
        for (size_t s = 0; s < w->slots; s++) {
            int st = pack_into(w->in + s * rows * row_bytes, rows, OP_PLAN_MATVEC_COLS, v->layout, c->data + s * step);
            if (st != Q4K_OK) {
                free(c->data);
                *c = (struct op_packed_copy){0};
                return st;
            }
        }
        *c = (struct op_packed_copy){c->data, step, v->layout, w->n, w->slots};
    }
    w->packed = c->data;
    w->packed_step = c->step;
    return Q4K_OK;
}

static int matvec_prepare(const q4k_variant *v, op_workload *w)
{
    return prepare_packed(v, w, MATVEC_ROW_BYTES, q4k_pack_bytes, q4k_pack_into);
}

static void matvec_release(op_workload *w)
{
    for (size_t i = 0; i < 2; i++) {
        free(w->packs[i].data);
        w->packs[i] = (struct op_packed_copy){0};
    }
    w->packed = NULL;
}

/* The entry point that runs a variant through a pool (q4k_matmul_q8k_mt_with,
 * q4k_matmul_q6k_q8k_mt_with), and its packed form. */
typedef int (*matvec_mt_with_fn)(q4k_pool *pool, const q4k_variant *v, const void *w, size_t n_rows,
                                 size_t n_cols, const void *xq, size_t n_vecs, float *y);
typedef int (*matvec_packed_with_fn)(q4k_pool *pool, const q4k_variant *v, const q4k_packed *w, const void *xq,
                                     size_t n_vecs, float *y);

/* Shared by matvec and matvec_q6k: rows of row_bytes (16 weight blocks);
 * a variant of a packed layout reads w->packed (prepare_packed), a
 * q4k_packed of the given format through the pool. */
static void matvec_run_rows(const q4k_variant *v, op_workload *w, unsigned long long iters, size_t row_bytes,
                            matvec_mt_with_fn mt_with, matvec_packed_with_fn packed_with, unsigned format)
{
    const size_t rows = w->n / OP_PLAN_MATVEC_BPR, vecs = w->vecs ? w->vecs : 1;
    const uint8_t *const in = v->layout ? w->packed : w->in;
    const size_t in_step = v->layout ? w->packed_step : rows * row_bytes;
    const size_t out_step = rows * vecs * sizeof(float);
    size_t slot = w->slot;
    if (w->pool) { /* the rows shared by the pool's threads, through the library */
        for (unsigned long long i = 0; i < iters; i++) {
            float *y = (float *)(void *)(w->out + slot * out_step);
            if (v->layout) {
                const q4k_packed pk = {v->layout, rows, OP_PLAN_MATVEC_COLS, in_step, (void *)(in + slot * in_step),
                                       format};
                packed_with(w->pool, v, &pk, w->aux, vecs, y);
            } else {
                mt_with(w->pool, v, in + slot * in_step, rows, OP_PLAN_MATVEC_COLS, w->aux, vecs, y);
            }
            if (++slot == w->slots)
                slot = 0;
        }
        w->slot = slot;
        return;
    }
    const q4k_matvec_fn fn = v->matvec;
    if (w->slots == 1) {
        float *y = (float *)(void *)w->out;
        for (unsigned long long i = 0; i < iters; i++)
            fn(in, rows, OP_PLAN_MATVEC_BPR, w->aux, vecs, y, rows);
        return;
    }
    for (unsigned long long i = 0; i < iters; i++) {
        fn(in + slot * in_step, rows, OP_PLAN_MATVEC_BPR, w->aux, vecs, (float *)(void *)(w->out + slot * out_step),
           rows);
        if (++slot == w->slots)
            slot = 0;
    }
    w->slot = slot;
}

static void matvec_run(const q4k_variant *v, op_workload *w, unsigned long long iters)
{
    matvec_run_rows(v, w, iters, MATVEC_ROW_BYTES, q4k_matmul_q8k_mt_with, q4k_matmul_q8k_packed_mt_with,
                    Q4K_PACKED_Q4K);
}

static int matvec_dispatched(const op_workload *w)
{
    return q4k_matmul_q8k_mt(w->pool, w->in, w->n / OP_PLAN_MATVEC_BPR, OP_PLAN_MATVEC_COLS, w->aux,
                             w->vecs ? w->vecs : 1, (float *)(void *)w->out);
}

static void matvec_describe(size_t n, char *buf, size_t len)
{
    const double bytes = (double)n * Q4K_BLOCK_BYTES;
    if (bytes >= 1 << 20)
        snprintf(buf, len, "%zu x %d, %.0f MiB", n / OP_PLAN_MATVEC_BPR, OP_PLAN_MATVEC_COLS, bytes / (1 << 20));
    else
        snprintf(buf, len, "%zu x %d, %.0f KiB", n / OP_PLAN_MATVEC_BPR, OP_PLAN_MATVEC_COLS, bytes / 1024);
}

/* ---- matvec_q6k: Q6_K weight rows x Q8_K activation vectors ------------- */

enum { MATVEC_Q6K_ROW_BYTES = OP_PLAN_MATVEC_BPR * Q4K_Q6K_BLOCK_BYTES };

/* Realistic Q6_K blocks, TEMPLATE_BLOCKS distinct ones repeated: random
 * quants, int8 scales of either sign (a quantizer's: mostly large
 * magnitudes), a positive normal fp16 d in [2^-9, 2^-7) (no subnormal or NaN
 * outputs). */
static void matvec_q6k_fill(uint8_t *in, size_t bytes, uint64_t seed)
{
    const size_t blocks = (bytes + Q4K_Q6K_BLOCK_BYTES - 1) / Q4K_Q6K_BLOCK_BYTES;
    const size_t tpl_blocks = blocks < TEMPLATE_BLOCKS ? blocks : TEMPLATE_BLOCKS;
    const size_t tpl_bytes = tpl_blocks * Q4K_Q6K_BLOCK_BYTES;
    uint8_t *tpl = malloc(tpl_bytes);
    if (!tpl) { /* still deterministic: d = 2^-8, everything else 0x11 */
        memset(in, 0x11, bytes);
        for (size_t off = Q6K_OFF_D; off + 2 <= bytes; off += Q4K_Q6K_BLOCK_BYTES)
            in[off] = 0x00, in[off + 1] = 0x1c;
        return;
    }
    for (size_t i = 0; i < tpl_bytes; i++)
        tpl[i] = (uint8_t)(q4k_splitmix64(&seed) >> 56);
    for (size_t b = 0; b < tpl_blocks; b++) {
        uint8_t *x = tpl + b * Q4K_Q6K_BLOCK_BYTES;
        for (int k = 0; k < Q6K_SUBBLOCKS; k++) { /* |scale| 32..127 */
            const uint8_t r = x[Q6K_OFF_SCALES + k];
            x[Q6K_OFF_SCALES + k] = (uint8_t)(r & 0x80 ? -(32 + (r & 0x5f)) : 32 + (r & 0x5f));
        }
        x[Q6K_OFF_D + 1] = (uint8_t)(0x18 + (x[Q6K_OFF_D + 1] & 0x07)); /* d in [2^-9, 2^-7) */
    }
    for (size_t off = 0; off < bytes; off += tpl_bytes)
        memcpy(in + off, tpl, bytes - off < tpl_bytes ? bytes - off : tpl_bytes);
    free(tpl);
}

static void matvec_q6k_run(const q4k_variant *v, op_workload *w, unsigned long long iters)
{
    matvec_run_rows(v, w, iters, MATVEC_Q6K_ROW_BYTES, q4k_matmul_q6k_q8k_mt_with, q4k_matmul_q6k_q8k_packed_mt_with,
                    Q4K_PACKED_Q6K);
}

static int matvec_q6k_prepare(const q4k_variant *v, op_workload *w)
{
    return prepare_packed(v, w, MATVEC_Q6K_ROW_BYTES, q4k_pack_q6k_bytes, q4k_pack_q6k_into);
}

static int matvec_q6k_dispatched(const op_workload *w)
{
    return q4k_matmul_q6k_q8k_mt(w->pool, w->in, w->n / OP_PLAN_MATVEC_BPR, OP_PLAN_MATVEC_COLS, w->aux,
                                 w->vecs ? w->vecs : 1, (float *)(void *)w->out);
}

static void matvec_q6k_describe(size_t n, char *buf, size_t len)
{
    const double bytes = (double)n * Q4K_Q6K_BLOCK_BYTES;
    if (bytes >= 1 << 20)
        snprintf(buf, len, "%zu x %d, %.0f MiB", n / OP_PLAN_MATVEC_BPR, OP_PLAN_MATVEC_COLS, bytes / (1 << 20));
    else
        snprintf(buf, len, "%zu x %d, %.0f KiB", n / OP_PLAN_MATVEC_BPR, OP_PLAN_MATVEC_COLS, bytes / 1024);
}

/* ---- quantize_q8k: float32 activations -> Q8_K ------------------------- */

enum { QUANTIZE_IN_BYTES = Q4K_Q8K_BLOCK_VALUES * sizeof(float), QUANTIZE_TEMPLATE_BLOCKS = 1024 };

static const size_t quantize_bench[] = {16, 64, 512};

/* Finite activations: roughly normal, spread changing per block, a rare
 * outlier; QUANTIZE_TEMPLATE_BLOCKS distinct blocks repeated. */
static void quantize_fill(uint8_t *in, size_t bytes, uint64_t seed)
{
    const size_t tpl_values = QUANTIZE_TEMPLATE_BLOCKS * Q4K_Q8K_BLOCK_VALUES;
    float *tpl = malloc(tpl_values * sizeof *tpl);
    if (!tpl) {
        for (size_t off = 0; off + sizeof(float) <= bytes; off += sizeof(float)) {
            const float one = 1.0f;
            memcpy(in + off, &one, sizeof one);
        }
        return;
    }
    for (size_t i = 0; i < tpl_values; i++) {
        double u = 0;
        for (int k = 0; k < 4; k++)
            u += (double)(q4k_splitmix64(&seed) >> 11) * 0x1p-53;
        double scale = 0.25 * (1 + (i / Q4K_Q8K_BLOCK_VALUES) % 9);
        if ((q4k_splitmix64(&seed) & 255) == 0)
            scale *= 40; /* an outlier */
        tpl[i] = (float)((u - 2.0) * scale);
    }
    const size_t tpl_bytes = tpl_values * sizeof *tpl;
    for (size_t off = 0; off < bytes; off += tpl_bytes)
        memcpy(in + off, tpl, bytes - off < tpl_bytes ? bytes - off : tpl_bytes);
    free(tpl);
}

static void quantize_run(const q4k_variant *v, op_workload *w, unsigned long long iters)
{
    const q4k_quantize_fn fn = v->quantize;
    const size_t n = w->n;
    if (w->slots == 1) {
        for (unsigned long long i = 0; i < iters; i++)
            fn((const float *)(const void *)w->in, n, w->out);
        return;
    }
    size_t slot = w->slot;
    for (unsigned long long i = 0; i < iters; i++) {
        fn((const float *)(const void *)(w->in + slot * n * QUANTIZE_IN_BYTES), n,
           w->out + slot * n * Q4K_Q8K_BLOCK_BYTES);
        if (++slot == w->slots)
            slot = 0;
    }
    w->slot = slot;
}

static int quantize_dispatched(const op_workload *w)
{
    return q4k_quantize_q8k((const float *)(const void *)w->in, w->n * Q4K_Q8K_BLOCK_VALUES, w->out);
}

/* ---- dequant_q6k: Q6_K blocks -> float32 ------------------------------- */

/* Realistic Q6_K blocks (q4k_bench_q6k_blocks: normal d, random scales and
 * quants), TEMPLATE_BLOCKS distinct ones repeated over the input. */
static void dequant_q6k_fill(uint8_t *in, size_t bytes, uint64_t seed)
{
    fill_repeating(in, bytes, seed, Q4K_Q6K_BLOCK_BYTES, q4k_bench_q6k_blocks);
}

static void dequant_q6k_run(const q4k_variant *v, op_workload *w, unsigned long long iters)
{
    dequant_run_blocks(v, w, iters, Q4K_Q6K_BLOCK_BYTES);
}

static int dequant_q6k_dispatched(const op_workload *w)
{
    return q4k_dequantize_q6k(w->in, w->n, (float *)(void *)w->out);
}

/* ---- the table -------------------------------------------------------- */

#define COUNT(a) (sizeof a / sizeof a[0])

static const op_plan plans[] = {
    {
        .op = Q4K_OP_DEQUANT,
        .name = "dequant",
        .unit = "block",
        .units = "blocks",
        .unit_id = "block",
        .describe = "a size counts Q4_K blocks: 144 bytes in, 256 float32 (1 KiB) out per block",
        .in_bytes_per_unit = Q4K_BLOCK_BYTES,
        .row_units = 1,
        .out_bytes_per_row = DEQUANT_OUT_BYTES,
        .limits = OP_LIMITS_STORE,
        .rate_bytes_per_unit = DEQUANT_OUT_BYTES,
        .rate_what = "output",
        .sizes = dequant_sizes,
        .n_sizes = COUNT(dequant_sizes),
        .quick_sizes = dequant_quick,
        .n_quick_sizes = COUNT(dequant_quick),
        .emulated_sizes = dequant_emulated,
        .n_emulated_sizes = COUNT(dequant_emulated),
        .bench_sizes = dequant_bench,
        .n_bench_sizes = COUNT(dequant_bench),
        .baseline = "q4k_dequant__scalar",
        .sentinel_size = 16,
        .fill_input = dequant_fill,
        .run = dequant_run,
        .run_dispatched = dequant_dispatched,
        .verify = q4k_verify_variant,
        .verify_golden = q4k_verify_golden,
    },
    {
        .op = Q4K_OP_MATVEC,
        .name = "matvec",
        .streamed = 1,
        .unit = "weight block",
        .units = "weight blocks",
        .unit_id = "weight_block",
        .describe = "a size counts the Q4_K weight blocks of a 4096-column matrix, 16 a row: 144 bytes of "
                    "weights read per block, one float32 out per row; one Q8_K activation vector (4.6 KiB, in "
                    "cache), one thread",
        .in_bytes_per_unit = Q4K_BLOCK_BYTES,
        .row_units = OP_PLAN_MATVEC_BPR,
        .out_bytes_per_row = sizeof(float),
        .aux_bytes = OP_PLAN_MAX_VECS * MATVEC_VEC_BYTES,
        .limits = OP_LIMITS_READ,
        .rate_bytes_per_unit = Q4K_BLOCK_BYTES,
        .rate_what = "weights read",
        .sizes = matvec_sizes,
        .n_sizes = COUNT(matvec_sizes),
        .quick_sizes = matvec_quick,
        .n_quick_sizes = COUNT(matvec_quick),
        .emulated_sizes = matvec_emulated,
        .n_emulated_sizes = COUNT(matvec_emulated),
        .bench_sizes = matvec_bench,
        .n_bench_sizes = COUNT(matvec_bench),
        .baseline = "q4k_matvec__scalar",
        .sentinel_size = 256,
        .fill_input = dequant_fill, /* the same realistic Q4_K blocks */
        .fill_aux = matvec_fill_aux,
        .run = matvec_run,
        .run_dispatched = matvec_dispatched,
        .prepare = matvec_prepare,
        .release = matvec_release,
        .describe_size = matvec_describe,
        .series_vecs = matvec_series_vecs,
        .n_series_vecs = COUNT(matvec_series_vecs),
        .series_threads = 1,
        .verify = q4k_verify_matvec,
        .verify_golden = q4k_verify_matvec_golden,
    },
    {
        .op = Q4K_OP_QUANTIZE_Q8K,
        .name = "quantize_q8k",
        .unit = "block",
        .units = "blocks",
        .unit_id = "block",
        .describe = "a size counts Q8_K blocks: 256 float32 (1 KiB) in, 292 bytes out per block",
        .in_bytes_per_unit = QUANTIZE_IN_BYTES,
        .row_units = 1,
        .out_bytes_per_row = Q4K_Q8K_BLOCK_BYTES,
        .limits = OP_LIMITS_READ,
        .rate_bytes_per_unit = QUANTIZE_IN_BYTES,
        .rate_what = "input read",
        .sizes = dequant_sizes,
        .n_sizes = COUNT(dequant_sizes),
        .quick_sizes = dequant_quick,
        .n_quick_sizes = COUNT(dequant_quick),
        .emulated_sizes = dequant_emulated,
        .n_emulated_sizes = COUNT(dequant_emulated),
        .bench_sizes = quantize_bench,
        .n_bench_sizes = COUNT(quantize_bench),
        .baseline = "q4k_quantize_q8k__scalar",
        .sentinel_size = 16,
        .fill_input = quantize_fill,
        .run = quantize_run,
        .run_dispatched = quantize_dispatched,
        .verify = q4k_verify_quantize_q8k,
        .verify_golden = q4k_verify_quantize_q8k_golden,
    },
    {
        .op = Q4K_OP_DEQUANT_Q6K,
        .name = "dequant_q6k",
        .unit = "block",
        .units = "blocks",
        .unit_id = "block",
        .describe = "a size counts Q6_K blocks: 210 bytes in, 256 float32 (1 KiB) out per block",
        .in_bytes_per_unit = Q4K_Q6K_BLOCK_BYTES,
        .row_units = 1,
        .out_bytes_per_row = DEQUANT_OUT_BYTES,
        .limits = OP_LIMITS_STORE,
        .rate_bytes_per_unit = DEQUANT_OUT_BYTES,
        .rate_what = "output",
        .sizes = dequant_sizes,
        .n_sizes = COUNT(dequant_sizes),
        .quick_sizes = dequant_quick,
        .n_quick_sizes = COUNT(dequant_quick),
        .emulated_sizes = dequant_emulated,
        .n_emulated_sizes = COUNT(dequant_emulated),
        .bench_sizes = dequant_bench,
        .n_bench_sizes = COUNT(dequant_bench),
        .baseline = "q4k_dequant_q6k__scalar",
        .sentinel_size = 16,
        .fill_input = dequant_q6k_fill,
        .run = dequant_q6k_run,
        .run_dispatched = dequant_q6k_dispatched,
        .verify = q4k_verify_dequant_q6k,
        .verify_golden = q4k_verify_dequant_q6k_golden,
    },
    {
        .op = Q4K_OP_MATVEC_Q6K,
        .name = "matvec_q6k",
        .streamed = 1,
        .unit = "weight block",
        .units = "weight blocks",
        .unit_id = "weight_block",
        .describe = "a size counts the Q6_K weight blocks of a 4096-column matrix, 16 a row: 210 bytes of "
                    "weights read per block, one float32 out per row; one Q8_K activation vector (4.6 KiB, in "
                    "cache), one thread",
        .in_bytes_per_unit = Q4K_Q6K_BLOCK_BYTES,
        .row_units = OP_PLAN_MATVEC_BPR,
        .out_bytes_per_row = sizeof(float),
        .aux_bytes = OP_PLAN_MAX_VECS * MATVEC_VEC_BYTES,
        .limits = OP_LIMITS_READ,
        .rate_bytes_per_unit = Q4K_Q6K_BLOCK_BYTES,
        .rate_what = "weights read",
        .sizes = matvec_sizes,
        .n_sizes = COUNT(matvec_sizes),
        .quick_sizes = matvec_quick,
        .n_quick_sizes = COUNT(matvec_quick),
        .emulated_sizes = matvec_emulated,
        .n_emulated_sizes = COUNT(matvec_emulated),
        .bench_sizes = matvec_bench,
        .n_bench_sizes = COUNT(matvec_bench),
        .baseline = "q4k_matvec_q6k__scalar",
        .sentinel_size = 256,
        .fill_input = matvec_q6k_fill,
        .fill_aux = matvec_fill_aux, /* the same activations as matvec */
        .run = matvec_q6k_run,
        .run_dispatched = matvec_q6k_dispatched,
        .prepare = matvec_q6k_prepare,
        .release = matvec_release,
        .describe_size = matvec_q6k_describe,
        .series_vecs = matvec_series_vecs,
        .n_series_vecs = COUNT(matvec_series_vecs),
        .series_threads = 1,
        .verify = q4k_verify_matvec_q6k,
        .verify_golden = q4k_verify_matvec_q6k_golden,
    },
};

/* Every q4k_op needs a plan (test_tuner_select checks each named op has
 * one); the enum may have values no op uses, so this is an upper bound. */
_Static_assert(COUNT(plans) <= Q4K_OP_COUNT, "more plans than q4k_op values");

size_t op_plan_count(void)
{
    return COUNT(plans);
}

const op_plan *op_plan_at(size_t i)
{
    return i < COUNT(plans) ? &plans[i] : NULL;
}

const op_plan *op_plan_get(q4k_op op)
{
    for (size_t i = 0; i < COUNT(plans); i++)
        if (plans[i].op == op)
            return &plans[i];
    return NULL;
}

const op_plan *op_plan_find(const char *name)
{
    for (size_t i = 0; name && i < COUNT(plans); i++)
        if (!strcmp(plans[i].name, name))
            return &plans[i];
    return NULL;
}

const char *op_plan_names(void)
{
    static char names[256];
    if (!names[0]) {
        size_t used = 0;
        for (size_t i = 0; i < COUNT(plans) && used < sizeof names; i++) {
            int n = snprintf(names + used, sizeof names - used, "%s%s", i ? ", " : "", plans[i].name);
            if (n < 0)
                break;
            used += (size_t)n;
        }
    }
    return names;
}

const op_plan *op_plan_parse(const char *name, char *err, size_t errlen)
{
    const op_plan *p = op_plan_find(name);
    if (!p)
        snprintf(err, errlen, "unknown operation '%s' (there is: %s)", name ? name : "", op_plan_names());
    return p;
}

int op_plan_prepare(const op_plan *p, const q4k_variant *v, op_workload *w)
{
    return p->prepare && v ? p->prepare(v, w) : Q4K_OK;
}

void op_plan_release(const op_plan *p, op_workload *w)
{
    if (p->release)
        p->release(w);
}

const char *op_plan_short_name(const char *variant)
{
    if (strncmp(variant, "q4k_", 4))
        return variant;
    const char *sep = strstr(variant + 4, "__");
    return sep && sep[2] ? sep + 2 : variant;
}

int op_plan_batched(const op_plan *p)
{
    return p->n_series_vecs > 0;
}

size_t op_plan_in_bytes(const op_plan *p, size_t n)
{
    return n * p->in_bytes_per_unit;
}

size_t op_plan_out_bytes(const op_plan *p, size_t n, unsigned vecs)
{
    size_t rows = (n + p->row_units - 1) / p->row_units;
    return rows * p->out_bytes_per_row * (op_plan_batched(p) && vecs > 1 ? vecs : 1);
}

size_t op_plan_working_set(const op_plan *p, size_t n)
{
    return op_plan_in_bytes(p, n) + op_plan_out_bytes(p, n, 1) + (p->aux_bytes ? p->aux_bytes / OP_PLAN_MAX_VECS : 0);
}

int op_plan_size_ok(const op_plan *p, size_t n)
{
    return n > 0 && n % p->row_units == 0;
}
