/* q4k.h - the whole public API of libq4k, in one include.
 *
 *   q4k_core.h      status codes, operations, CPU features, the variants
 *                   (generated kernels), q4k_dequantize
 *   q4k_format.h    the Q4_K (and Q8_K) block formats in one header
 *   q4k_matvec.h    fused Q4_K x Q8_K matrix-vector products, Q8_K quantization,
 *                   the thread pool
 *   q4k_matvec_q6k.h fused Q6_K x Q8_K products (the same pool and rules)
 *   q4k_dispatch.h  dispatch tables and tuning profiles
 *   q4k_bulk.h      whole-layer dequantization, threads and prefetch
 *   q4k_cache.h     the tensor cache (LRU and a scan-resistant policy)
 *   q4k_gguf.h      llama.cpp GGUF model files
 *
 * Each header also stands alone; each includes only q4k_core.h (and the
 * generated q4k_features.h through it), so there are no include cycles. */
#ifndef Q4K_H
#define Q4K_H

#include "q4k_core.h"
#include "q4k_format.h"
#include "q4k_dispatch.h"
#include "q4k_matvec.h"
#include "q4k_matvec_q6k.h"
#include "q4k_bulk.h"
#include "q4k_cache.h"
#include "q4k_gguf.h"

#endif /* Q4K_H */
