/* quantize_q8k.c - float32 activations -> Q8_K (q4k_matvec.h), through the
 * dispatch table's Q4K_OP_QUANTIZE_Q8K variant. Non-finite input is refused
 * before anything is written: ggml does not guard against it, and a NaN
 * would make every dot product of the vector NaN without a word. */
#include <stdint.h>
#include <string.h>

#include "q4k_dispatch.h"
#include "q4k_matvec.h"

/* 1 when any of x[0..n) is infinite or NaN (exponent all ones): one
 * branch-free pass the compiler vectorizes. On x86-64 it is also compiled
 * for AVX2 and AVX-512 and picked at load time (the library itself is
 * baseline x86-64), so the check costs a fraction of the quantization it
 * guards instead of more than it. */
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define Q4K_NO_IFUNC 1 /* clang's TSan: ifunc resolvers run before its runtime */
#endif
#endif
#if defined(__SANITIZE_THREAD__)
#define Q4K_NO_IFUNC 1 /* gcc's TSan, likewise */
#endif
#if (defined(__x86_64__) || defined(_M_X64)) && defined(__GNUC__) && defined(__linux__) && !defined(Q4K_NO_IFUNC)
__attribute__((target_clones("avx512f", "avx2", "default")))
#endif
static int any_nonfinite(const float *x, size_t n)
{
    uint32_t bad = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t bits;
        memcpy(&bits, &x[i], sizeof bits);
        bad |= (uint32_t)((bits & 0x7f800000u) == 0x7f800000u);
    }
    return bad != 0;
}

static int check(const float *x, size_t n, const void *out)
{
    if (n % Q4K_Q8K_BLOCK_VALUES)
        return Q4K_EINVAL;
    if (n == 0)
        return Q4K_OK;
    if (!x || !out)
        return Q4K_EINVAL;
    if (n / Q4K_Q8K_BLOCK_VALUES > SIZE_MAX / Q4K_Q8K_BLOCK_BYTES)
        return Q4K_EOVERFLOW;
    return any_nonfinite(x, n) ? Q4K_EINVAL : Q4K_OK;
}

int q4k_quantize_q8k_with(const q4k_variant *v, const float *x, size_t n, void *out)
{
    if (!v || v->op != Q4K_OP_QUANTIZE_Q8K || !v->quantize)
        return Q4K_EINVAL;
    if (!q4k_variant_usable(v))
        return Q4K_EUNSUPPORTED;
    int st = check(x, n, out);
    if (st != Q4K_OK || n == 0)
        return st;
    v->quantize(x, n / Q4K_Q8K_BLOCK_VALUES, out);
    return Q4K_OK;
}

int q4k_quantize_q8k(const float *x, size_t n, void *out)
{
    return q4k_quantize_q8k_with(q4k_dispatch_select(Q4K_OP_QUANTIZE_Q8K, n / Q4K_Q8K_BLOCK_VALUES), x, n, out);
}
