/* gguf_dequant.c - turning a GGUF tensor into float32: Q4_K through the
 * tuned q4k_dequantize(), Q6_K through the tuned q4k_dequantize_q6k(), and
 * the plain float types by conversion. Shapes and sizes were validated at open time,
 * so nbytes matches n_elements here. */
#include <string.h>

#include "gguf_internal.h"

int q4k_gguf_type_can_dequantize(uint32_t type)
{
    switch (type) {
    case Q4K_GGML_Q4_K: case Q4K_GGML_Q6_K: case Q4K_GGML_F32:
    case Q4K_GGML_F16: case Q4K_GGML_BF16:
        return 1;
    default:
        return 0;
    }
}

int q4k_gguf_tensor_q4k_blocks(const q4k_gguf_tensor *t, const void **blocks, size_t *n_blocks)
{
    if (!t || !blocks || !n_blocks)
        return Q4K_EINVAL;
    if (t->type != Q4K_GGML_Q4_K)
        return Q4K_ETYPE;
    *blocks = t->data;
    *n_blocks = (size_t)(t->n_elements / Q4K_BLOCK_VALUES);
    return Q4K_OK;
}

int q4k_gguf_tensor_blocks(const q4k_gguf_tensor *t, q4k_wtype *type, const void **blocks, size_t *n_blocks)
{
    if (!t || !type || !blocks || !n_blocks)
        return Q4K_EINVAL;
    if (t->type == Q4K_GGML_Q4_K)
        *type = Q4K_WTYPE_Q4_K;
    else if (t->type == Q4K_GGML_Q6_K)
        *type = Q4K_WTYPE_Q6_K;
    else
        return Q4K_ETYPE;
    *blocks = t->data;
    *n_blocks = (size_t)(t->n_elements / Q4K_BLOCK_VALUES);
    return Q4K_OK;
}

int q4k_gguf_tensor_dequantize(const q4k_gguf_tensor *t, float *out)
{
    if (!t || !out)
        return Q4K_EINVAL;
    if (!q4k_gguf_type_can_dequantize(t->type))
        return Q4K_ETYPE;
    if (t->n_elements > SIZE_MAX / sizeof(float))
        return Q4K_EOVERFLOW;
    size_t n = (size_t)t->n_elements;
    const uint8_t *p = t->data;

    switch (t->type) {
    case Q4K_GGML_Q4_K:
        return q4k_dequantize(p, n / Q4K_BLOCK_VALUES, out);
    case Q4K_GGML_Q6_K:
        return q4k_dequantize_q6k(p, n / Q4K_Q6K_BLOCK_VALUES, out);
    case Q4K_GGML_F32:
        /* the file is little-endian; so are the hosts q4k builds for, but
         * decode byte-wise anyway rather than assume it */
        for (size_t i = 0; i < n; i++) {
            uint32_t bits = gguf_le32(p + 4 * i);
            memcpy(&out[i], &bits, sizeof bits);
        }
        return Q4K_OK;
    case Q4K_GGML_F16:
        for (size_t i = 0; i < n; i++)
            out[i] = gguf_fp16_to_fp32(gguf_le16(p + 2 * i));
        return Q4K_OK;
    case Q4K_GGML_BF16:
        for (size_t i = 0; i < n; i++) {
            uint32_t bits = (uint32_t)gguf_le16(p + 2 * i) << 16;
            memcpy(&out[i], &bits, sizeof bits);
        }
        return Q4K_OK;
    default:
        return Q4K_ETYPE;
    }
}
