/* pack.c - packed Q4_K weights (q4k_matvec.h, layout in q4k_format.h):
 * the copy at load time and the packed entry points. Calls go pack.c ->
 * pool.c -> matvec_job.c, and pack.c -> the dispatcher. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "matvec_internal.h"
#include "q4k_dispatch.h"
#include "q4k_format.h"

static int interleave_ok(unsigned r)
{
    return r == 4 || r == 8;
}

size_t q4k_pack_bytes(size_t n_rows, size_t n_cols, unsigned interleave)
{
    if (!interleave_ok(interleave) || n_cols % Q4K_BLOCK_VALUES)
        return 0;
    const size_t n_bpr = n_cols / Q4K_BLOCK_VALUES;
    const size_t tiles = n_rows / interleave + (n_rows % interleave != 0);
    if (!n_bpr || !tiles)
        return 0;
    const size_t tile_bytes_max = SIZE_MAX / tiles;
    if (n_bpr > tile_bytes_max / Q4K_PACKED_BLOCK_BYTES / interleave)
        return 0;
    return tiles * n_bpr * Q4K_PACKED_BLOCK_BYTES * interleave;
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

/* The first usable candidate of the bucket serving the call, any layout;
 * and the first usable packed one. */
static void bucket_choices(size_t n_rows, size_t n_cols, size_t n_vecs, unsigned n_threads,
                           const q4k_variant **first, const q4k_variant **first_packed)
{
    *first = *first_packed = NULL;
    const q4k_dispatch_table *t = q4k_dispatch_current();
    const size_t n_bpr = n_cols / Q4K_BLOCK_VALUES;
    const size_t size = n_bpr && n_rows <= SIZE_MAX / n_bpr ? n_rows * n_bpr : SIZE_MAX;
    long i = q4k_dispatch_rule_bucket_for(t, Q4K_OP_MATVEC, size, (unsigned)(n_vecs < 4096 ? n_vecs : 4096),
                                          n_threads);
    if (i < 0)
        return;
    const q4k_dispatch_bucket *b = &t->buckets[i];
    for (int c = 0; c < Q4K_DISPATCH_MAX_CANDIDATES && b->candidates[c]; c++) {
        const q4k_variant *v = q4k_variant_find(b->candidates[c]);
        if (!v || v->op != Q4K_OP_MATVEC || !q4k_variant_usable(v))
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
    bucket_choices(n_rows, n_cols, n_vecs, n_threads, &first, &first_packed);
    return first ? first->layout : 0;
}

int q4k_pack(const void *w, size_t n_rows, size_t n_cols, unsigned interleave, q4k_packed **out)
{
    if (!out)
        return Q4K_EINVAL;
    *out = NULL;
    if (interleave == 0) {
        const q4k_variant *first, *first_packed;
        bucket_choices(n_rows, n_cols, 1, 1, &first, &first_packed);
        interleave = first && first->layout ? first->layout : first_packed ? first_packed->layout : 4;
    }
    if (!interleave_ok(interleave) || n_cols % Q4K_BLOCK_VALUES || !n_rows || !n_cols || !w)
        return Q4K_EINVAL;
    const size_t bytes = q4k_pack_bytes(n_rows, n_cols, interleave);
    if (!bytes)
        return Q4K_EOVERFLOW;
    q4k_packed *p = calloc(1, sizeof *p);
    if (!p)
        return Q4K_ENOMEM;
    if (posix_memalign(&p->data, 64, bytes)) {
        free(p);
        return Q4K_ENOMEM;
    }
    *p = (q4k_packed){interleave, n_rows, n_cols, bytes, p->data};
    int st = q4k_pack_into(w, n_rows, n_cols, interleave, p->data);
    if (st != Q4K_OK) {
        q4k_packed_free(p);
        return st;
    }
    *out = p;
    return Q4K_OK;
}

void q4k_packed_free(q4k_packed *p)
{
    if (!p)
        return;
    free(p->data);
    free(p);
}

int q4k_matmul_q8k_packed_mt_with(q4k_pool *pool, const q4k_variant *v, const q4k_packed *w, const void *xq,
                                  size_t n_vecs, float *y)
{
    if (!v || v->op != Q4K_OP_MATVEC || !v->matvec || !w || !interleave_ok(w->interleave) ||
        v->layout != w->interleave)
        return Q4K_EINVAL;
    if (!q4k_variant_usable(v))
        return Q4K_EUNSUPPORTED;
    size_t n_bpr;
    int st = matvec_check(w->data, w->n_rows, w->n_cols, xq, n_vecs, y, Q4K_PACKED_BLOCK_BYTES, &n_bpr);
    if (st != Q4K_OK || !w->n_rows || !n_bpr || !n_vecs)
        return st;
    const matvec_job job = {v->matvec, w->data, w->n_rows, n_bpr, Q4K_PACKED_BLOCK_BYTES, xq, n_vecs, y};
    return matvec_run_job(pool, &job);
}

int q4k_matmul_q8k_packed_mt(q4k_pool *pool, const q4k_packed *w, const void *xq, size_t n_vecs, float *y)
{
    if (!w)
        return Q4K_EINVAL;
    const size_t n_bpr = w->n_cols / Q4K_BLOCK_VALUES;
    const size_t size = n_bpr && w->n_rows <= SIZE_MAX / n_bpr ? w->n_rows * n_bpr : SIZE_MAX;
    const q4k_variant *v = q4k_dispatch_select_for(Q4K_OP_MATVEC, size, (unsigned)(n_vecs < 4096 ? n_vecs : 4096),
                                                   q4k_pool_threads(pool), w->interleave);
    return q4k_matmul_q8k_packed_mt_with(pool, v, w, xq, n_vecs, y);
}

int q4k_matvec_q8k_packed(const q4k_packed *w, const void *xq, float *y)
{
    return q4k_matmul_q8k_packed_mt(NULL, w, xq, 1, y);
}
