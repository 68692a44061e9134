/* q4k_matvec_q6k.h - fused Q6_K x Q8_K matrix-vector products: the other
 * weight format of Q4_K_M files (output.weight, some attn_v and ffn_down),
 * with the same activations (Q8_K, q4k_quantize_q8k in q4k_matvec.h), the
 * same thread pool and the same rules as the Q4_K product.
 *
 * Weights: a matrix of n_rows rows, each n_cols/256 consecutive Q6_K blocks
 * (210 bytes, q4k_format.h), rows contiguous: exactly how a GGUF file
 * stores a Q6_K tensor (ne0 = n_cols). n_cols must be a multiple of 256.
 *
 * One canonical result. For each row, with acc = 0.0f and the row's blocks
 * in order, for block b with weight fields d (fp16 -> fp32 exactly),
 * scales[k] (int8, k = 0..15), quants q[i] (0..63), and activation fields
 * d8, q8[i]:
 *     isum = sum over k of scales[k] * (sum over i in 16k..16k+15 of (q[i] - 32) * q8[i])
 *     acc  = fmaf(d8 * d, (float)isum, acc)          (d8*d rounded first)
 * and y[row] = acc. isum is exact in int32 for any bytes: |q - 32| <= 32,
 * |q8| <= 128, a sub-block's sum <= 16*32*128 = 2^16, times |scale| <= 128
 * is <= 2^23, over 16 sub-blocks <= 2^27 < 2^31. The activations' bsums are
 * not part of it (no kernel reads them). Every variant on every ISA, at
 * every thread count and batch size, gives exactly these bits (NaN by
 * class where d or d8 are not finite). ggml sums in another order, so its
 * results agree with these within a tolerance only. */
#ifndef Q4K_MATVEC_Q6K_H
#define Q4K_MATVEC_Q6K_H

#include <stddef.h>
#include "q4k_core.h"
#include "q4k_format.h" /* Q4K_Q6K_BLOCK_BYTES */

#ifdef __cplusplus
extern "C" {
#endif


/* The pool of q4k_matvec.h (q4k_pool_create): the rows are split in fixed
 * chunks of Q4K_MATVEC_CHUNK_ROWS, so the bits never depend on the thread
 * count. */
typedef struct q4k_pool q4k_pool;

/* y[r] = canonical dot of Q6_K weight row r and the Q8_K vector xq,
 * r < n_rows; n_cols a multiple of 256. Returns 0 or a negative q4k_status:
 * Q4K_EINVAL (n_cols no multiple of 256, a NULL pointer with work to do),
 * Q4K_EOVERFLOW (sizes whose bytes do not fit in size_t). */
int q4k_matvec_q6k_q8k(const void *w, size_t n_rows, size_t n_cols, const void *xq, float *y);

/* n_vecs activation vectors (xq: n_vecs * n_cols/256 Q8_K blocks, vector
 * after vector); y[v * n_rows + r]. */
int q4k_matmul_q6k_q8k(const void *w, size_t n_rows, size_t n_cols, const void *xq, size_t n_vecs, float *y);

/* With one given variant (of Q4K_OP_MATVEC_Q6K): Q4K_EINVAL for NULL or a
 * variant of another op, Q4K_EUNSUPPORTED when this CPU cannot run it. */
int q4k_matmul_q6k_q8k_with(const q4k_variant *v, const void *w, size_t n_rows, size_t n_cols, const void *xq,
                            size_t n_vecs, float *y);

/* As above, the rows shared by the pool's threads (pool NULL: the calling
 * thread alone). One call at a time per pool. */
int q4k_matvec_q6k_q8k_mt(q4k_pool *pool, const void *w, size_t n_rows, size_t n_cols, const void *xq, float *y);
int q4k_matmul_q6k_q8k_mt(q4k_pool *pool, const void *w, size_t n_rows, size_t n_cols, const void *xq,
                          size_t n_vecs, float *y);
int q4k_matmul_q6k_q8k_mt_with(q4k_pool *pool, const q4k_variant *v, const void *w, size_t n_rows,
                               size_t n_cols, const void *xq, size_t n_vecs, float *y);

/* ---- Packed weights -------------------------------------------------------
 * As the Q4_K product's (q4k_matvec.h): q4k_pack_q6k copies a GGUF-layout
 * Q6_K matrix once, at model load, into the packed layout of q4k_format.h
 * (rows interleaved by 4 or 8 into one load stream, the high bits regrouped
 * by value), in the same q4k_packed object (format Q4K_PACKED_Q6K; free it
 * with q4k_packed_free). The packed entry points give exactly the bits of
 * the unpacked ones. Whether packing pays: `q4k tune` measures both layouts
 * and the tuned table says (q4k_pack_q6k_preferred). */
typedef struct q4k_packed q4k_packed;

/* The interleave the table in force prefers for this shape and call: the
 * layout of its first usable matvec_q6k candidate, 0 when that one reads
 * GGUF rows. */
unsigned q4k_pack_q6k_preferred(size_t n_rows, size_t n_cols, size_t n_vecs, unsigned n_threads);
/* Bytes of the packed matrix; 0 for a bad shape or interleave (4 or 8) or
 * a size that overflows. */
size_t q4k_pack_q6k_bytes(size_t n_rows, size_t n_cols, unsigned interleave);
/* Pack into caller memory of q4k_pack_q6k_bytes (any alignment). */
int q4k_pack_q6k_into(const void *w, size_t n_rows, size_t n_cols, unsigned interleave, void *out);
/* Allocate and pack. interleave 0: q4k_pack_q6k_preferred for one vector
 * on one thread, or, where packing does not pay, the interleave of the
 * bucket's first packed candidate (8 if none). */
int q4k_pack_q6k(const void *w, size_t n_rows, size_t n_cols, unsigned interleave, q4k_packed **out);

/* As q4k_matmul_q6k_q8k_mt on packed weights: the same bits. */
int q4k_matmul_q6k_q8k_packed_mt(q4k_pool *pool, const q4k_packed *w, const void *xq, size_t n_vecs, float *y);
int q4k_matvec_q6k_q8k_packed(const q4k_packed *w, const void *xq, float *y);
/* With one given variant (of Q4K_OP_MATVEC_Q6K), whose layout must be w's
 * interleave. */
int q4k_matmul_q6k_q8k_packed_mt_with(q4k_pool *pool, const q4k_variant *v, const q4k_packed *w, const void *xq,
                                      size_t n_vecs, float *y);

#ifdef __cplusplus
}
#endif

#endif /* Q4K_MATVEC_Q6K_H */
