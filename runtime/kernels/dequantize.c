/* dequantize.c - the public dequantization entry points, Q4_K and Q6_K:
 * argument checks, then a kernel of operation Q4K_OP_DEQUANT or
 * Q4K_OP_DEQUANT_Q6K. */
#include <stdint.h>

#include "q4k_core.h"
#include "q4k_dispatch.h"
#include "q4k_format.h" /* Q4K_Q6K_BLOCK_BYTES */

/* Shared by every entry point (both formats have 256 values a block):
 * n_blocks > 0 needs both pointers, and the output's byte size
 * (n * 256 * 4) must fit in size_t. */
static int check_args(const void *blocks, size_t n_blocks, const float *out)
{
    if (n_blocks == 0)
        return Q4K_OK;
    if (!blocks || !out)
        return Q4K_EINVAL;
    if (n_blocks > SIZE_MAX / (Q4K_BLOCK_VALUES * sizeof(float)))
        return Q4K_EOVERFLOW;
    return Q4K_OK;
}

int q4k_dequantize(const void *blocks, size_t n_blocks, float *out)
{
    int st = check_args(blocks, n_blocks, out);
    if (st != Q4K_OK || n_blocks == 0)
        return st;
    q4k_dispatch_variant(n_blocks)->fn(blocks, out, n_blocks);
    return Q4K_OK;
}

/* The _with entry points: v must be a usable kernel of op. */
static int dequantize_with(q4k_op op, const q4k_variant *v, const void *blocks, size_t n_blocks, float *out)
{
    if (!v || !v->fn || v->op != op)
        return Q4K_EINVAL;
    if (!q4k_variant_usable(v))
        return Q4K_EUNSUPPORTED;
    int st = check_args(blocks, n_blocks, out);
    if (st != Q4K_OK || n_blocks == 0)
        return st;
    v->fn(blocks, out, n_blocks);
    return Q4K_OK;
}

int q4k_dequantize_with(const q4k_variant *v, const void *blocks, size_t n_blocks, float *out)
{
    return dequantize_with(Q4K_OP_DEQUANT, v, blocks, n_blocks, out);
}

int q4k_dequantize_q6k_with(const q4k_variant *v, const void *blocks, size_t n_blocks, float *out)
{
    return dequantize_with(Q4K_OP_DEQUANT_Q6K, v, blocks, n_blocks, out);
}

int q4k_dequantize_q6k(const void *blocks, size_t n_blocks, float *out)
{
    int st = check_args(blocks, n_blocks, out);
    if (st != Q4K_OK || n_blocks == 0)
        return st;
    q4k_dispatch_select(Q4K_OP_DEQUANT_Q6K, n_blocks)->fn(blocks, out, n_blocks);
    return Q4K_OK;
}

size_t q4k_wtype_block_bytes(q4k_wtype t)
{
    switch (t) {
    case Q4K_WTYPE_Q4_K:
        return Q4K_BLOCK_BYTES;
    case Q4K_WTYPE_Q6_K:
        return Q4K_Q6K_BLOCK_BYTES;
    default:
        return 0;
    }
}

const char *q4k_wtype_name(q4k_wtype t)
{
    switch (t) {
    case Q4K_WTYPE_Q4_K:
        return "q4_K";
    case Q4K_WTYPE_Q6_K:
        return "q6_K";
    default:
        return NULL;
    }
}

int q4k_dequantize_wtype(q4k_wtype t, const void *blocks, size_t n_blocks, float *out)
{
    switch (t) {
    case Q4K_WTYPE_Q4_K:
        return q4k_dequantize(blocks, n_blocks, out);
    case Q4K_WTYPE_Q6_K:
        return q4k_dequantize_q6k(blocks, n_blocks, out);
    default:
        return Q4K_EINVAL;
    }
}
