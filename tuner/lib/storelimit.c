/* storelimit.c - pure-store reference loops (see storelimit.h).
 *
 * The stored value is 1.0f: its bytes are not all equal, so the compiler
 * cannot turn a loop into a memset call and measure the library instead.
 * Wider-ISA versions carry target attributes and are chosen only after the
 * library's cpuid check, so the program stays baseline x86-64. */
#include <stdint.h>
#include <string.h>

#include "storelimit.h"

#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>
#define X86 1
#elif defined(__aarch64__)
#include <arm_neon.h>
#define ARM64 1
#endif

#if defined(X86)
/* Scalar stores for the head (until `align`-byte aligned) of a run; returns
 * how many floats it wrote. Callers' buffers may be unaligned (the aligned
 * x86 stores need it; aarch64's vst1q/stnp do not). */
static size_t store_head(float *out, size_t n, size_t align)
{
    size_t k = 0;
    while (k < n && ((uintptr_t)(out + k) & (align - 1)))
        out[k++] = 1.0f;
    return k;
}

static void store_sse2(void *dst, size_t bytes)
{
    float *out = dst;
    size_t n = bytes / sizeof(float), k = store_head(out, n, 16);
    __m128 v = _mm_set1_ps(1.0f);
    for (; k + 16 <= n; k += 16) {
        _mm_store_ps(out + k, v);
        _mm_store_ps(out + k + 4, v);
        _mm_store_ps(out + k + 8, v);
        _mm_store_ps(out + k + 12, v);
    }
    for (; k < n; k++)
        out[k] = 1.0f;
}

static void stream_sse2(void *dst, size_t bytes)
{
    float *out = dst;
    size_t n = bytes / sizeof(float), k = store_head(out, n, 16);
    __m128 v = _mm_set1_ps(1.0f);
    for (; k + 16 <= n; k += 16) {
        _mm_stream_ps(out + k, v);
        _mm_stream_ps(out + k + 4, v);
        _mm_stream_ps(out + k + 8, v);
        _mm_stream_ps(out + k + 12, v);
    }
    for (; k < n; k++)
        out[k] = 1.0f;
    _mm_sfence(); /* streaming stores are weakly ordered: finish them in the timed region */
}

__attribute__((target("avx2"))) static void store_avx2(void *dst, size_t bytes)
{
    float *out = dst;
    size_t n = bytes / sizeof(float), k = store_head(out, n, 32);
    __m256 v = _mm256_set1_ps(1.0f);
    for (; k + 32 <= n; k += 32) {
        _mm256_store_ps(out + k, v);
        _mm256_store_ps(out + k + 8, v);
        _mm256_store_ps(out + k + 16, v);
        _mm256_store_ps(out + k + 24, v);
    }
    for (; k < n; k++)
        out[k] = 1.0f;
}

__attribute__((target("avx2"))) static void stream_avx2(void *dst, size_t bytes)
{
    float *out = dst;
    size_t n = bytes / sizeof(float), k = store_head(out, n, 32);
    __m256 v = _mm256_set1_ps(1.0f);
    for (; k + 32 <= n; k += 32) {
        _mm256_stream_ps(out + k, v);
        _mm256_stream_ps(out + k + 8, v);
        _mm256_stream_ps(out + k + 16, v);
        _mm256_stream_ps(out + k + 24, v);
    }
    for (; k < n; k++)
        out[k] = 1.0f;
    _mm_sfence();
}

__attribute__((target("avx512f"))) static void store_avx512(void *dst, size_t bytes)
{
    float *out = dst;
    size_t n = bytes / sizeof(float), k = store_head(out, n, 64);
    __m512 v = _mm512_set1_ps(1.0f);
    for (; k + 64 <= n; k += 64) {
        _mm512_store_ps(out + k, v);
        _mm512_store_ps(out + k + 16, v);
        _mm512_store_ps(out + k + 32, v);
        _mm512_store_ps(out + k + 48, v);
    }
    for (; k < n; k++)
        out[k] = 1.0f;
}

__attribute__((target("avx512f"))) static void stream_avx512(void *dst, size_t bytes)
{
    float *out = dst;
    size_t n = bytes / sizeof(float), k = store_head(out, n, 64);
    __m512 v = _mm512_set1_ps(1.0f);
    for (; k + 64 <= n; k += 64) {
        _mm512_stream_ps(out + k, v);
        _mm512_stream_ps(out + k + 16, v);
        _mm512_stream_ps(out + k + 32, v);
        _mm512_stream_ps(out + k + 48, v);
    }
    for (; k < n; k++)
        out[k] = 1.0f;
    _mm_sfence();
}

#elif defined(ARM64)
static void store_neon(void *dst, size_t bytes)
{
    float *out = dst;
    size_t n = bytes / sizeof(float), k = 0;
    float32x4_t v = vdupq_n_f32(1.0f);
    for (; k + 16 <= n; k += 16) {
        vst1q_f32(out + k, v);
        vst1q_f32(out + k + 4, v);
        vst1q_f32(out + k + 8, v);
        vst1q_f32(out + k + 12, v);
    }
    for (; k < n; k++)
        out[k] = 1.0f;
}

/* stnp: store pair, non-temporal hint (no intrinsic exists for it). */
static void stream_neon(void *dst, size_t bytes)
{
    float *out = dst;
    size_t n = bytes / sizeof(float), k = 0;
    float32x4_t v = vdupq_n_f32(1.0f);
    for (; k + 16 <= n; k += 16) {
        __asm__ volatile("stnp %q1, %q1, [%0]\n\t"
                         "stnp %q1, %q1, [%0, #32]"
                         :
                         : "r"(out + k), "w"(v)
                         : "memory");
    }
    for (; k < n; k++)
        out[k] = 1.0f;
}

#else
static void store_generic(void *dst, size_t bytes)
{
    float *out = dst;
    size_t n = bytes / sizeof(float);
    for (size_t k = 0; k < n; k++)
        out[k] = 1.0f;
}
#endif

static void memset_limit(void *out, size_t bytes)
{
    memset(out, 0, bytes);
}

static storelimit limits[3];
static size_t n_limits;

static void init_limits(void)
{
    if (n_limits)
        return;
    size_t n = 0;
#if defined(X86)
    uint32_t f = q4k_cpu_features();
    if (f & Q4K_FEAT_AVX512F) {
        limits[n++] = (storelimit){"limit:store", "store", "avx512", store_avx512};
        limits[n++] = (storelimit){"limit:stream", "stream", "avx512", stream_avx512};
    } else if (f & Q4K_FEAT_AVX2) {
        limits[n++] = (storelimit){"limit:store", "store", "avx2", store_avx2};
        limits[n++] = (storelimit){"limit:stream", "stream", "avx2", stream_avx2};
    } else {
        limits[n++] = (storelimit){"limit:store", "store", "sse2", store_sse2};
        limits[n++] = (storelimit){"limit:stream", "stream", "sse2", stream_sse2};
    }
#elif defined(ARM64)
    limits[n++] = (storelimit){"limit:store", "store", "neon", store_neon};
    limits[n++] = (storelimit){"limit:stream", "stream", "neon", stream_neon};
#else
    limits[n++] = (storelimit){"limit:store", "store", "scalar", store_generic};
#endif
    limits[n++] = (storelimit){"limit:memset", "memset", "libc", memset_limit};
    n_limits = n;
}

size_t storelimit_count(void)
{
    init_limits();
    return n_limits;
}

const storelimit *storelimit_at(size_t i)
{
    init_limits();
    return i < n_limits ? &limits[i] : NULL;
}

const storelimit *storelimit_find(const char *name)
{
    init_limits();
    for (size_t i = 0; i < n_limits; i++)
        if (!strcmp(limits[i].name, name))
            return &limits[i];
    return NULL;
}
