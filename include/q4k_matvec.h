/* q4k_matvec.h - fused Q4_K x Q8_K matrix-vector products: what an
 * inference engine runs for every weight matrix, without ever writing the
 * weights out as floats. The activations are quantized once per matrix
 * input to Q8_K (q4k_format.h), then each weight row takes an integer dot
 * product against them.
 *
 * Weights: a matrix of n_rows rows, each n_cols/256 consecutive Q4_K blocks,
 * rows contiguous: exactly how a GGUF file stores a Q4_K tensor (ne0 =
 * n_cols). n_cols must be a multiple of 256.
 *
 * One canonical result. For each row, with acc = 0.0f and the row's blocks
 * in order, for block b with weight fields d, dmin (fp16 -> fp32 exactly),
 * sc[j], m[j] (j = 0..7), quants q[i], and activation fields d8, q8[i],
 * bsums[k]:
 *     isum = sum over j of sc[j] * (sum over i in sub-block j of q[i]*q8[i])
 *     imin = sum over j of m[j] * (bsums[2j] + bsums[2j+1])
 *     acc  = fmaf(d8 * d, (float)isum, acc)          (d8*d rounded first)
 *     acc  = fmaf(-(d8 * dmin), (float)imin, acc)
 * and y[row] = acc. Both integer sums are exact in int32: |q*q8| <= 15*127,
 * a sub-block's sum <= 32*1905 = 60960, times sc <= 63 is <= 3.84e6, over 8
 * sub-blocks <= 30.8e6 < 2^31; imin <= 8*63*(2*16*127) = 2.05e6. Every
 * variant on every ISA, at every thread count and batch size, gives exactly
 * these bits (NaN by class where d, dmin or d8 are not finite). ggml sums in
 * another order, so its results agree with these within a tolerance only. */
#ifndef Q4K_MATVEC_H
#define Q4K_MATVEC_H

#include <stddef.h>
#include "q4k_core.h"

#ifdef __cplusplus
extern "C" {
#endif

enum { Q4K_Q8K_BLOCK_BYTES = 292, Q4K_Q8K_BLOCK_VALUES = 256 };

/* x: n floats, n a multiple of 256 -> n/256 Q8_K blocks, bit-identical to
 * ggml's quantize_row_q8_K. Non-finite input: Q4K_EINVAL (nothing written). */
int q4k_quantize_q8k(const float *x, size_t n, void *out);

/* y[r] = canonical dot of weight row r and xq, r < n_rows; n_cols a
 * multiple of 256. */
int q4k_matvec_q8k(const void *w, size_t n_rows, size_t n_cols, const void *xq, float *y);

/* n_vecs activation vectors (xq: n_vecs * n_cols/256 blocks, vector after
 * vector); y[v * n_rows + r]. Shares the weight unpacking across vectors
 * (prompt batches). */
int q4k_matmul_q8k(const void *w, size_t n_rows, size_t n_cols, const void *xq, size_t n_vecs, float *y);

/* Convenience: quantizes x (n_vecs vectors of n_cols floats) to Q8_K in a
 * temporary buffer, then q4k_matmul_q8k. Q4K_EINVAL for non-finite x,
 * Q4K_ENOMEM when the buffer cannot be had. */
int q4k_matmul_f32(const void *w, size_t n_rows, size_t n_cols, const float *x, size_t n_vecs, float *y);

/* With one given variant (of Q4K_OP_MATVEC): for tests, tools and tuning. */
int q4k_matmul_q8k_with(const q4k_variant *v, const void *w, size_t n_rows, size_t n_cols, const void *xq,
                        size_t n_vecs, float *y);
/* With one given variant of Q4K_OP_QUANTIZE_Q8K. */
int q4k_quantize_q8k_with(const q4k_variant *v, const float *x, size_t n, void *out);

/* ---- threads ------------------------------------------------------------
 * A pool the caller creates once and passes to every call. The rows are
 * split in fixed chunks of Q4K_MATVEC_CHUNK_ROWS (not by thread count), and
 * each row's result depends only on that row, so the result is the same
 * bits for every thread count. */
enum { Q4K_MATVEC_CHUNK_ROWS = 64 };

typedef struct q4k_pool q4k_pool;

/* n_threads >= 1 (the calling thread counts as one). */
int q4k_pool_create(unsigned n_threads, q4k_pool **out);
/* Joins the workers. NULL is a no-op. */
void q4k_pool_destroy(q4k_pool *pool);
unsigned q4k_pool_threads(const q4k_pool *pool);

/* As q4k_matvec_q8k / q4k_matmul_q8k, the rows shared by the pool's
 * threads (pool NULL: the calling thread alone). One call at a time per
 * pool. */
int q4k_matvec_q8k_mt(q4k_pool *pool, const void *w, size_t n_rows, size_t n_cols, const void *xq, float *y);
int q4k_matmul_q8k_mt(q4k_pool *pool, const void *w, size_t n_rows, size_t n_cols, const void *xq,
                      size_t n_vecs, float *y);
/* The same with one given variant. */
int q4k_matmul_q8k_mt_with(q4k_pool *pool, const q4k_variant *v, const void *w, size_t n_rows, size_t n_cols,
                           const void *xq, size_t n_vecs, float *y);

/* ---- Packed weights -------------------------------------------------------
 * q4k_pack copies a GGUF-layout matrix once, at model load, into the layout
 * a tuned kernel may prefer (include/q4k_format.h: rows interleaved by 4 or
 * 8 into one load stream, scales and mins unpacked to bytes). The packed
 * entry points give exactly the bits of the unpacked ones. Whether packing
 * pays depends on the machine and the shape: `q4k tune` measures both
 * layouts and the tuned table says (q4k_pack_preferred). */
typedef struct q4k_packed {
    unsigned interleave;   /* rows per tile: 4 or 8 */
    size_t n_rows, n_cols; /* the matrix's shape (n_rows real rows) */
    size_t bytes;          /* of data: q4k_pack_bytes (q4k_pack_q6k_bytes) */
    void *data;            /* 64-byte aligned, owned by the object */
    unsigned format;       /* the weights': Q4K_PACKED_Q4K (q4k_pack), Q4K_PACKED_Q6K (q4k_pack_q6k) */
} q4k_packed;

/* q4k_packed.format. A packed matrix only runs through its own format's
 * entry points (the others return Q4K_EINVAL). */
enum { Q4K_PACKED_Q4K = 0, Q4K_PACKED_Q6K = 1 };

/* The interleave the table in force prefers for this shape and call: the
 * layout of its first usable candidate, 0 when that one reads GGUF rows
 * (packing does not pay there). */
unsigned q4k_pack_preferred(size_t n_rows, size_t n_cols, size_t n_vecs, unsigned n_threads);
/* Bytes of the packed matrix; 0 for a bad shape or interleave (4 or 8) or
 * a size that overflows. */
size_t q4k_pack_bytes(size_t n_rows, size_t n_cols, unsigned interleave);
/* Pack into caller memory of q4k_pack_bytes (any alignment). */
int q4k_pack_into(const void *w, size_t n_rows, size_t n_cols, unsigned interleave, void *out);
/* Allocate and pack. interleave 0: q4k_pack_preferred for one vector on
 * one thread, or, where packing does not pay, the interleave of the
 * bucket's first packed candidate (4 if none). */
int q4k_pack(const void *w, size_t n_rows, size_t n_cols, unsigned interleave, q4k_packed **out);
/* Either format (Q4_K or Q6_K, q4k_matvec_q6k.h). NULL is a no-op. */
void q4k_packed_free(q4k_packed *p);

/* As q4k_matmul_q8k_mt on packed weights: the same bits. */
int q4k_matmul_q8k_packed_mt(q4k_pool *pool, const q4k_packed *w, const void *xq, size_t n_vecs, float *y);
int q4k_matvec_q8k_packed(const q4k_packed *w, const void *xq, float *y);
/* With one given variant, whose layout must be w's interleave. */
int q4k_matmul_q8k_packed_mt_with(q4k_pool *pool, const q4k_variant *v, const q4k_packed *w, const void *xq,
                                  size_t n_vecs, float *y);

#ifdef __cplusplus
}
#endif

#endif /* Q4K_MATVEC_H */
