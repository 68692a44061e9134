/* q4k_bulk.h - dequantize a list of tensors (a layer: q, k, v, o, gate,
 * up, down) in one call.
 *
 * While a tensor's last blocks are dequantized, the first blocks of the
 * next one are prefetched, so the switch between tensors does not start
 * with a cache miss. With threads > 1 the whole list is treated as one
 * sequence of blocks and cut into equal contiguous ranges, one per thread
 * (the caller's thread takes the first), so a layer of unequal tensors
 * still splits evenly. Items may mix Q4_K and Q6_K tensors (a Q4_K_M
 * layer's attn_v and ffn_down are often Q6_K). The output is bit-identical
 * to q4k_dequantize (Q6_K: q4k_dequantize_q6k) on each item. The bulk path through the cache (dequantized tensors kept for
 * later) is q4k_cache_acquire_many in q4k_cache.h. */
#ifndef Q4K_BULK_H
#define Q4K_BULK_H

#include <stddef.h>

#include "q4k_core.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct q4k_bulk_item {
    const void *blocks;  /* n_blocks blocks of type `type` (any alignment) */
    size_t n_blocks;     /* 0: nothing to do, pointers may be NULL */
    float *out;          /* n_blocks * 256 floats (any alignment) */
    q4k_wtype type;      /* Q4K_WTYPE_Q4_K (0, the default: q4k_dequantize) or
                            Q4K_WTYPE_Q6_K (q4k_dequantize_q6k) */
} q4k_bulk_item;

enum {
    Q4K_BULK_MAX_THREADS = 64,
    /* Each extra thread gets at least this many blocks (1 MiB of floats,
     * some 50-100 us of work on a desktop core); less does not pay for
     * starting a thread, and on a busy machine the wake-up of a new thread
     * can take milliseconds. */
    Q4K_BULK_MIN_BLOCKS_PER_THREAD = 1024
};

/* Dequantize items[0..n). threads: 0 or 1 = the caller's thread only;
 * more are capped at Q4K_BULK_MAX_THREADS and at what the work justifies.
 * A thread that cannot be started leaves its range to the caller's thread.
 * Q4K_EINVAL for NULL items with n > 0, an item with blocks but a NULL
 * pointer, or an unknown type; Q4K_EOVERFLOW when sizes do not fit in size_t. Arguments are
 * checked before anything is written. */
int q4k_bulk_dequantize(const q4k_bulk_item *items, size_t n, unsigned threads);

#ifdef __cplusplus
}
#endif

#endif /* Q4K_BULK_H */
