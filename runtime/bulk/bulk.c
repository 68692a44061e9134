/* bulk.c - one call for a list of tensors (Q4_K or Q6_K), with prefetch of
 * the next tensor's first blocks and an optional split over threads
 * (q4k_bulk.h). */
#include <pthread.h>
#include <stdint.h>

#include "q4k_bulk.h"

enum {
    /* The next tensor's first PREFETCH_BLOCKS blocks (2304 bytes) are
     * prefetched while the current one's last TAIL_BLOCKS are dequantized:
     * enough lines in flight to hide the first misses, few enough that
     * they do not evict the output being written. */
    PREFETCH_BLOCKS = 16,
    TAIL_BLOCKS = 16,
    CACHE_LINE = 64
};

static void prefetch_blocks(const uint8_t *blocks, size_t n_blocks, size_t block_bytes)
{
    if (n_blocks > PREFETCH_BLOCKS)
        n_blocks = PREFETCH_BLOCKS;
    for (size_t off = 0; off < n_blocks * block_bytes; off += CACHE_LINE)
        __builtin_prefetch(blocks + off, 0, 3);
}

/* A piece: part of one item. */
typedef struct piece {
    const uint8_t *blocks;
    size_t n_blocks;
    float *out;
    q4k_wtype type;
} piece;

/* Dequantize cur; before its last blocks, start loading next. */
static int dequantize_piece(const piece *cur, const piece *next)
{
    size_t tail = cur->n_blocks < TAIL_BLOCKS ? cur->n_blocks : TAIL_BLOCKS;
    size_t head = cur->n_blocks - tail;
    int status = q4k_dequantize_wtype(cur->type, cur->blocks, head, cur->out);
    if (status != Q4K_OK)
        return status;
    if (next)
        prefetch_blocks(next->blocks, next->n_blocks, q4k_wtype_block_bytes(next->type));
    return q4k_dequantize_wtype(cur->type, cur->blocks + head * q4k_wtype_block_bytes(cur->type), tail,
                                cur->out + head * Q4K_BLOCK_VALUES);
}

/* Blocks [begin, end) of the list seen as one sequence. */
typedef struct range_job {
    const q4k_bulk_item *items;
    size_t n;
    size_t begin, end;
    int status;
} range_job;

/* The part of items[i] inside [begin, end) given that items[i] starts at
 * block `start` of the sequence; n_blocks 0 when none. */
static piece piece_of(const q4k_bulk_item *it, size_t start, size_t begin, size_t end)
{
    size_t lo = begin > start ? begin - start : 0;
    size_t hi = end - start < it->n_blocks ? end - start : it->n_blocks;
    piece p = {NULL, 0, NULL, it->type};
    if (end > start && lo < hi) {
        p.blocks = (const uint8_t *)it->blocks + lo * q4k_wtype_block_bytes(it->type);
        p.n_blocks = hi - lo;
        p.out = it->out + lo * Q4K_BLOCK_VALUES;
    }
    return p;
}

static void *run_range(void *arg)
{
    range_job *job = arg;
    piece cur = {NULL, 0, NULL, Q4K_WTYPE_Q4_K};
    size_t start = 0;
    job->status = Q4K_OK;
    for (size_t i = 0; i < job->n && start < job->end; i++) {
        const q4k_bulk_item *it = &job->items[i];
        piece p = piece_of(it, start, job->begin, job->end);
        start += it->n_blocks;
        if (!p.n_blocks)
            continue;
        if (cur.n_blocks && job->status == Q4K_OK)
            job->status = dequantize_piece(&cur, &p);
        cur = p;
    }
    if (cur.n_blocks && job->status == Q4K_OK)
        job->status = dequantize_piece(&cur, NULL);
    return NULL;
}

int q4k_bulk_dequantize(const q4k_bulk_item *items, size_t n, unsigned threads)
{
    if (n && !items)
        return Q4K_EINVAL;
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        if (!items[i].n_blocks)
            continue;
        if (!items[i].blocks || !items[i].out || !q4k_wtype_block_bytes(items[i].type))
            return Q4K_EINVAL;
        if (items[i].n_blocks > SIZE_MAX / (Q4K_BLOCK_VALUES * sizeof(float)) ||
            items[i].n_blocks > SIZE_MAX / q4k_wtype_block_bytes(items[i].type) ||
            items[i].n_blocks > SIZE_MAX - total)
            return Q4K_EOVERFLOW;
        total += items[i].n_blocks;
    }
    if (total == 0)
        return Q4K_OK;

    size_t t = threads ? threads : 1;
    if (t > Q4K_BULK_MAX_THREADS)
        t = Q4K_BULK_MAX_THREADS;
    if (t > total / Q4K_BULK_MIN_BLOCKS_PER_THREAD)
        t = total / Q4K_BULK_MIN_BLOCKS_PER_THREAD;
    if (t < 1)
        t = 1;

    range_job jobs[Q4K_BULK_MAX_THREADS];
    pthread_t tid[Q4K_BULK_MAX_THREADS];
    int started[Q4K_BULK_MAX_THREADS] = {0};
    for (size_t k = 0; k < t; k++) {
        /* total * k / t without overflow: total < SIZE_MAX, k < 64 */
        jobs[k] = (range_job){items, n, total / t * k + total % t * k / t,
                              total / t * (k + 1) + total % t * (k + 1) / t, Q4K_OK};
    }
    for (size_t k = 1; k < t; k++)
        started[k] = pthread_create(&tid[k], NULL, run_range, &jobs[k]) == 0;
    run_range(&jobs[0]);
    int status = jobs[0].status;
    for (size_t k = 1; k < t; k++) {
        if (started[k])
            pthread_join(tid[k], NULL);
        else
            run_range(&jobs[k]);
        if (status == Q4K_OK)
            status = jobs[k].status;
    }
    return status;
}
