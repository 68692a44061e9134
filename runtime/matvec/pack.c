/* pack.c - packed Q4_K and Q6_K weights (q4k_matvec.h, q4k_matvec_q6k.h;
 * layouts in q4k_format.h): the copy at load time and the packed entry
 * points. Calls go pack.c -> pool.c -> matvec_job.c, and pack.c -> the
 * dispatcher. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hugemem.h"
#include "matvec_internal.h"
#include "q4k_dispatch.h"
#include "q4k_format.h"
#include "q4k_matvec_q6k.h"

static int interleave_ok(unsigned r)
{
    return r == 4 || r == 8;
}

/* Bytes of a packed matrix of block_bytes per block (both formats). */
static size_t packed_bytes(size_t n_rows, size_t n_cols, unsigned interleave, size_t block_bytes)
{
    if (!interleave_ok(interleave) || n_cols % Q4K_BLOCK_VALUES)
        return 0;
    const size_t n_bpr = n_cols / Q4K_BLOCK_VALUES;
    const size_t tiles = n_rows / interleave + (n_rows % interleave != 0);
    if (!n_bpr || !tiles)
        return 0;
    const size_t tile_bytes_max = SIZE_MAX / tiles;
    if (n_bpr > tile_bytes_max / block_bytes / interleave)
        return 0;
    return tiles * n_bpr * block_bytes * interleave;
}

size_t q4k_pack_bytes(size_t n_rows, size_t n_cols, unsigned interleave)
{
    return packed_bytes(n_rows, n_cols, interleave, Q4K_PACKED_BLOCK_BYTES);
}

size_t q4k_pack_q6k_bytes(size_t n_rows, size_t n_cols, unsigned interleave)
{
    return packed_bytes(n_rows, n_cols, interleave, Q4K_PACKED_Q6K_BLOCK_BYTES);
}

int q4k_pack_into(const void *w, size_t n_rows, size_t n_cols, unsigned interleave, void *out)
{
    if (!interleave_ok(interleave) || n_cols % Q4K_BLOCK_VALUES)
        return Q4K_EINVAL;
    if (!n_rows || !n_cols)
        return Q4K_OK;
    if (!w || !out)
        return Q4K_EINVAL;
    if (!q4k_pack_bytes(n_rows, n_cols, interleave) || n_rows > SIZE_MAX / (n_cols / 256) / Q4K_BLOCK_BYTES)
        return Q4K_EOVERFLOW;
    const unsigned R = interleave;
    const size_t n_bpr = n_cols / Q4K_BLOCK_VALUES;
    const uint8_t *src = w;
    uint8_t *g = out;
    for (size_t t = 0; t * R < n_rows; t++) {
        for (size_t b = 0; b < n_bpr; b++, g += (size_t)Q4K_PACKED_BLOCK_BYTES * R) {
            memset(g, 0, (size_t)Q4K_PACKED_BLOCK_BYTES * R); /* padding rows: all zero */
            for (unsigned r = 0; r < R && t * R + r < n_rows; r++) {
                const uint8_t *x = src + ((t * R + r) * n_bpr + b) * Q4K_BLOCK_BYTES;
                memcpy(g + 2 * r, x + Q4K_OFF_D, 2);
                memcpy(g + q4k_packed_off_dmin(R) + 2 * r, x + Q4K_OFF_DMIN, 2);
                for (int j = 0; j < 8; j++) {
                    unsigned sc, m;
                    q4k_scale_min(x + Q4K_OFF_SCALES, j, &sc, &m);
                    g[q4k_packed_off_sc(R) + 8 * r + j] = (uint8_t)sc;
                    g[q4k_packed_off_m(R) + 8 * r + j] = (uint8_t)m;
                }
                memcpy(g + q4k_packed_off_qs(R) + 128 * r, x + Q4K_OFF_QS, 128);
            }
        }
    }
    return Q4K_OK;
}

int q4k_pack_q6k_into(const void *w, size_t n_rows, size_t n_cols, unsigned interleave, void *out)
{
    if (!interleave_ok(interleave) || n_cols % Q4K_BLOCK_VALUES)
        return Q4K_EINVAL;
    if (!n_rows || !n_cols)
        return Q4K_OK;
    if (!w || !out)
        return Q4K_EINVAL;
    if (!q4k_pack_q6k_bytes(n_rows, n_cols, interleave) ||
        n_rows > SIZE_MAX / (n_cols / 256) / Q4K_Q6K_BLOCK_BYTES)
        return Q4K_EOVERFLOW;
    const unsigned R = interleave;
    const size_t n_bpr = n_cols / Q4K_BLOCK_VALUES;
    const uint8_t *src = w;
    uint8_t *g = out;
    for (size_t t = 0; t * R < n_rows; t++) {
        for (size_t b = 0; b < n_bpr; b++, g += (size_t)Q4K_PACKED_Q6K_BLOCK_BYTES * R) {
            memset(g, 0, (size_t)Q4K_PACKED_Q6K_BLOCK_BYTES * R); /* padding rows: all zero */
            for (unsigned r = 0; r < R && t * R + r < n_rows; r++) {
                const uint8_t *x = src + ((t * R + r) * n_bpr + b) * Q4K_Q6K_BLOCK_BYTES;
                uint8_t *qh = g + q4k_packed_q6k_off_qh(R) + 64 * r;
                memcpy(g + 2 * r, x + Q6K_OFF_D, 2);
                memcpy(g + q4k_packed_q6k_off_sc(R) + 16 * r, x + Q6K_OFF_SCALES, 16);
                memcpy(g + q4k_packed_q6k_off_ql(R) + 128 * r, x + Q6K_OFF_QL, 128);
                for (int k = 0; k < Q4K_Q6K_BLOCK_VALUES; k++) /* bits 4-5 of value 64m + i -> qh[i], bits 2m.. */
                    qh[k % 64] |= (uint8_t)((q6k_quant(x, k) >> 4) << (2 * (k / 64)));
            }
        }
    }
    return Q4K_OK;
}

/* The first usable candidate of the bucket serving the call, any layout;
 * and the first usable packed one. */
static void bucket_choices(q4k_op op, size_t n_rows, size_t n_cols, size_t n_vecs, unsigned n_threads,
                           const q4k_variant **first, const q4k_variant **first_packed)
{
    *first = *first_packed = NULL;
    const q4k_dispatch_table *t = q4k_dispatch_current();
    const size_t n_bpr = n_cols / Q4K_BLOCK_VALUES;
    const size_t size = n_bpr && n_rows <= SIZE_MAX / n_bpr ? n_rows * n_bpr : SIZE_MAX;
    long i = q4k_dispatch_rule_bucket_for(t, op, size, (unsigned)(n_vecs < 4096 ? n_vecs : 4096),
                                          n_threads);
    if (i < 0)
        return;
    const q4k_dispatch_bucket *b = &t->buckets[i];
    for (int c = 0; c < Q4K_DISPATCH_MAX_CANDIDATES && b->candidates[c]; c++) {
        const q4k_variant *v = q4k_variant_find(b->candidates[c]);
        if (!v || v->op != op || !q4k_variant_usable(v))
            continue;
        if (!*first)
            *first = v;
        if (!*first_packed && v->layout)
            *first_packed = v;
    }
}

unsigned q4k_pack_preferred(size_t n_rows, size_t n_cols, size_t n_vecs, unsigned n_threads)
{
    const q4k_variant *first, *first_packed;
    bucket_choices(Q4K_OP_MATVEC, n_rows, n_cols, n_vecs, n_threads, &first, &first_packed);
    return first ? first->layout : 0;
}

unsigned q4k_pack_q6k_preferred(size_t n_rows, size_t n_cols, size_t n_vecs, unsigned n_threads)
{
    const q4k_variant *first, *first_packed;
    bucket_choices(Q4K_OP_MATVEC_Q6K, n_rows, n_cols, n_vecs, n_threads, &first, &first_packed);
    return first ? first->layout : 0;
}

/* Allocate and pack (both formats): the interleave 0 resolved for op, the
 * default dflt. */
static int pack_alloc(q4k_op op, unsigned format, size_t (*bytes_fn)(size_t, size_t, unsigned),
                      int (*into_fn)(const void *, size_t, size_t, unsigned, void *), unsigned dflt, const void *w,
                      size_t n_rows, size_t n_cols, unsigned interleave, q4k_packed **out)
{
    if (!out)
        return Q4K_EINVAL;
    *out = NULL;
    if (interleave == 0) {
        const q4k_variant *first, *first_packed;
        bucket_choices(op, n_rows, n_cols, 1, 1, &first, &first_packed);
        interleave = first && first->layout ? first->layout : first_packed ? first_packed->layout : dflt;
    }
    if (!interleave_ok(interleave) || n_cols % Q4K_BLOCK_VALUES || !n_rows || !n_cols || !w)
        return Q4K_EINVAL;
    const size_t bytes = bytes_fn(n_rows, n_cols, interleave);
    if (!bytes)
        return Q4K_EOVERFLOW;
    q4k_packed *p = calloc(1, sizeof *p);
    if (!p)
        return Q4K_ENOMEM;
    /* huge pages where offered (hugemem.h): the kernels stream it */
    if (!(p->data = q4k_huge_alloc(bytes))) {
        free(p);
        return Q4K_ENOMEM;
    }
    *p = (q4k_packed){interleave, n_rows, n_cols, bytes, p->data, format};
    int st = into_fn(w, n_rows, n_cols, interleave, p->data);
    if (st != Q4K_OK) {
        q4k_packed_free(p);
        return st;
    }
    *out = p;
    return Q4K_OK;
}

int q4k_pack(const void *w, size_t n_rows, size_t n_cols, unsigned interleave, q4k_packed **out)
{
    return pack_alloc(Q4K_OP_MATVEC, Q4K_PACKED_Q4K, q4k_pack_bytes, q4k_pack_into, 4, w, n_rows, n_cols,
                      interleave, out);
}

int q4k_pack_q6k(const void *w, size_t n_rows, size_t n_cols, unsigned interleave, q4k_packed **out)
{
    return pack_alloc(Q4K_OP_MATVEC_Q6K, Q4K_PACKED_Q6K, q4k_pack_q6k_bytes, q4k_pack_q6k_into, 8, w, n_rows,
                      n_cols, interleave, out);
}

void q4k_packed_free(q4k_packed *p)
{
    if (!p)
        return;
    free(p->data);
    free(p);
}

/* A packed call of op (weights of format, block_bytes a block) with v. */
static int packed_run(q4k_pool *pool, q4k_op op, unsigned format, size_t block_bytes, const q4k_variant *v,
                      const q4k_packed *w, const void *xq, size_t n_vecs, float *y)
{
    if (!v || v->op != op || !v->matvec || !w || w->format != format || !interleave_ok(w->interleave) ||
        v->layout != w->interleave)
        return Q4K_EINVAL;
    if (!q4k_variant_usable(v))
        return Q4K_EUNSUPPORTED;
    size_t n_bpr;
    int st = matvec_check(w->data, w->n_rows, w->n_cols, xq, n_vecs, y, block_bytes, &n_bpr);
    if (st != Q4K_OK || !w->n_rows || !n_bpr || !n_vecs)
        return st;
    const matvec_job job = {v->matvec, w->data, w->n_rows, n_bpr, block_bytes, xq, n_vecs, y};
    return matvec_run_job(pool, &job);
}

/* The dispatcher's variant for a packed call of op (NULL w: NULL). */
static const q4k_variant *packed_select(q4k_op op, q4k_pool *pool, const q4k_packed *w, size_t n_vecs)
{
    if (!w)
        return NULL;
    const size_t n_bpr = w->n_cols / Q4K_BLOCK_VALUES;
    const size_t size = n_bpr && w->n_rows <= SIZE_MAX / n_bpr ? w->n_rows * n_bpr : SIZE_MAX;
    return q4k_dispatch_select_for(op, size, (unsigned)(n_vecs < 4096 ? n_vecs : 4096), q4k_pool_threads(pool),
                                   w->interleave);
}

int q4k_matmul_q8k_packed_mt_with(q4k_pool *pool, const q4k_variant *v, const q4k_packed *w, const void *xq,
                                  size_t n_vecs, float *y)
{
    return packed_run(pool, Q4K_OP_MATVEC, Q4K_PACKED_Q4K, Q4K_PACKED_BLOCK_BYTES, v, w, xq, n_vecs, y);
}

int q4k_matmul_q8k_packed_mt(q4k_pool *pool, const q4k_packed *w, const void *xq, size_t n_vecs, float *y)
{
    return q4k_matmul_q8k_packed_mt_with(pool, packed_select(Q4K_OP_MATVEC, pool, w, n_vecs), w, xq, n_vecs, y);
}

int q4k_matvec_q8k_packed(const q4k_packed *w, const void *xq, float *y)
{
    return q4k_matmul_q8k_packed_mt(NULL, w, xq, 1, y);
}

int q4k_matmul_q6k_q8k_packed_mt_with(q4k_pool *pool, const q4k_variant *v, const q4k_packed *w, const void *xq,
                                      size_t n_vecs, float *y)
{
    return packed_run(pool, Q4K_OP_MATVEC_Q6K, Q4K_PACKED_Q6K, Q4K_PACKED_Q6K_BLOCK_BYTES, v, w, xq, n_vecs, y);
}

int q4k_matmul_q6k_q8k_packed_mt(q4k_pool *pool, const q4k_packed *w, const void *xq, size_t n_vecs, float *y)
{
    return q4k_matmul_q6k_q8k_packed_mt_with(pool, packed_select(Q4K_OP_MATVEC_Q6K, pool, w, n_vecs), w, xq,
                                             n_vecs, y);
}

int q4k_matvec_q6k_q8k_packed(const q4k_packed *w, const void *xq, float *y)
{
    return q4k_matmul_q6k_q8k_packed_mt(NULL, w, xq, 1, y);
}
