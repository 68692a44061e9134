/* storelimit.c - pure-store and pure-read reference loops (see
 * storelimit.h).
 *
 * The stored value is 1.0f: its bytes are not all equal, so the compiler
 * cannot turn a loop into a memset call and measure the library instead.
 * The read loop adds what it loads (64-bit lanes, four independent
 * accumulators: one cycle each, never the bottleneck) and writes the sum to
 * a volatile word, so the loads cannot be dropped. Unaligned loads: the
 * tuner reads the weight slots of an op, which start at multiples of 144
 * bytes. Wider-ISA versions carry target attributes and are chosen only
 * after the library's cpuid check, so the program stays baseline x86-64. */
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

/* Where the read loops leave their sums. */
static volatile uint64_t read_sink;

static uint64_t read_tail(const uint8_t *p, size_t n)
{
    uint64_t s = 0;
    for (size_t i = 0; i < n; i++)
        s += p[i];
    return s;
}

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

static void read_sse2(void *buf, size_t bytes)
{
    const uint8_t *p = buf;
    __m128i a0 = _mm_setzero_si128(), a1 = a0, a2 = a0, a3 = a0;
    size_t k = 0;
    for (; k + 64 <= bytes; k += 64) {
        a0 = _mm_add_epi64(a0, _mm_loadu_si128((const __m128i *)(const void *)(p + k)));
        a1 = _mm_add_epi64(a1, _mm_loadu_si128((const __m128i *)(const void *)(p + k + 16)));
        a2 = _mm_add_epi64(a2, _mm_loadu_si128((const __m128i *)(const void *)(p + k + 32)));
        a3 = _mm_add_epi64(a3, _mm_loadu_si128((const __m128i *)(const void *)(p + k + 48)));
    }
    uint64_t lane[2];
    _mm_storeu_si128((__m128i *)(void *)lane, _mm_add_epi64(_mm_add_epi64(a0, a1), _mm_add_epi64(a2, a3)));
    read_sink = lane[0] + lane[1] + read_tail(p + k, bytes - k);
}

__attribute__((target("avx2"))) static void read_avx2(void *buf, size_t bytes)
{
    const uint8_t *p = buf;
    __m256i a0 = _mm256_setzero_si256(), a1 = a0, a2 = a0, a3 = a0;
    size_t k = 0;
    for (; k + 128 <= bytes; k += 128) {
        a0 = _mm256_add_epi64(a0, _mm256_loadu_si256((const __m256i *)(const void *)(p + k)));
        a1 = _mm256_add_epi64(a1, _mm256_loadu_si256((const __m256i *)(const void *)(p + k + 32)));
        a2 = _mm256_add_epi64(a2, _mm256_loadu_si256((const __m256i *)(const void *)(p + k + 64)));
        a3 = _mm256_add_epi64(a3, _mm256_loadu_si256((const __m256i *)(const void *)(p + k + 96)));
    }
    uint64_t lane[4];
    _mm256_storeu_si256((__m256i *)(void *)lane,
                        _mm256_add_epi64(_mm256_add_epi64(a0, a1), _mm256_add_epi64(a2, a3)));
    read_sink = lane[0] + lane[1] + lane[2] + lane[3] + read_tail(p + k, bytes - k);
}

__attribute__((target("avx512f"))) static void read_avx512(void *buf, size_t bytes)
{
    const uint8_t *p = buf;
    __m512i a0 = _mm512_setzero_si512(), a1 = a0, a2 = a0, a3 = a0;
    size_t k = 0;
    for (; k + 256 <= bytes; k += 256) {
        a0 = _mm512_add_epi64(a0, _mm512_loadu_si512((const void *)(p + k)));
        a1 = _mm512_add_epi64(a1, _mm512_loadu_si512((const void *)(p + k + 64)));
        a2 = _mm512_add_epi64(a2, _mm512_loadu_si512((const void *)(p + k + 128)));
        a3 = _mm512_add_epi64(a3, _mm512_loadu_si512((const void *)(p + k + 192)));
    }
    uint64_t lane[8];
    _mm512_storeu_si512((void *)lane, _mm512_add_epi64(_mm512_add_epi64(a0, a1), _mm512_add_epi64(a2, a3)));
    uint64_t s = 0;
    for (int i = 0; i < 8; i++)
        s += lane[i];
    read_sink = s + read_tail(p + k, bytes - k);
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

static void read_neon(void *buf, size_t bytes)
{
    const uint8_t *p = buf;
    uint64x2_t a0 = vdupq_n_u64(0), a1 = a0, a2 = a0, a3 = a0;
    size_t k = 0;
    for (; k + 64 <= bytes; k += 64) {
        a0 = vaddq_u64(a0, vreinterpretq_u64_u8(vld1q_u8(p + k)));
        a1 = vaddq_u64(a1, vreinterpretq_u64_u8(vld1q_u8(p + k + 16)));
        a2 = vaddq_u64(a2, vreinterpretq_u64_u8(vld1q_u8(p + k + 32)));
        a3 = vaddq_u64(a3, vreinterpretq_u64_u8(vld1q_u8(p + k + 48)));
    }
    uint64x2_t s = vaddq_u64(vaddq_u64(a0, a1), vaddq_u64(a2, a3));
    read_sink = vgetq_lane_u64(s, 0) + vgetq_lane_u64(s, 1) + read_tail(p + k, bytes - k);
}

#else
static void store_generic(void *dst, size_t bytes)
{
    float *out = dst;
    size_t n = bytes / sizeof(float);
    for (size_t k = 0; k < n; k++)
        out[k] = 1.0f;
}

static void read_generic(void *buf, size_t bytes)
{
    const uint8_t *p = buf;
    uint64_t a0 = 0, a1 = 0;
    size_t k = 0;
    for (; k + 16 <= bytes; k += 16) {
        uint64_t x, y;
        memcpy(&x, p + k, 8);
        memcpy(&y, p + k + 8, 8);
        a0 += x, a1 += y;
    }
    read_sink = a0 + a1 + read_tail(p + k, bytes - k);
}
#endif

/* A nonzero byte, like the other loops' 1.0f: on the Zen 5 VM of
 * results/x86_64-amd-epyc-zen5-avx512/ a cold memset of zeros ran at 80-89
 * GB/s against 38 GB/s for any other byte (the platform writes all-zero
 * lines by a shortcut), a rate no kernel writing data can reach. */
static void memset_limit(void *out, size_t bytes)
{
    memset(out, 0x3f, bytes);
}

static storelimit limits[4];
static size_t n_limits;

static void init_limits(void)
{
    if (n_limits)
        return;
    size_t n = 0;
#if defined(X86)
    uint32_t f = q4k_cpu_features();
    if (f & Q4K_FEAT_AVX512F) {
        limits[n++] = (storelimit){"limit:store", "store", "avx512", store_avx512, 0};
        limits[n++] = (storelimit){"limit:stream", "stream", "avx512", stream_avx512, 0};
    } else if (f & Q4K_FEAT_AVX2) {
        limits[n++] = (storelimit){"limit:store", "store", "avx2", store_avx2, 0};
        limits[n++] = (storelimit){"limit:stream", "stream", "avx2", stream_avx2, 0};
    } else {
        limits[n++] = (storelimit){"limit:store", "store", "sse2", store_sse2, 0};
        limits[n++] = (storelimit){"limit:stream", "stream", "sse2", stream_sse2, 0};
    }
#elif defined(ARM64)
    limits[n++] = (storelimit){"limit:store", "store", "neon", store_neon, 0};
    limits[n++] = (storelimit){"limit:stream", "stream", "neon", stream_neon, 0};
#else
    limits[n++] = (storelimit){"limit:store", "store", "scalar", store_generic, 0};
#endif
    limits[n++] = (storelimit){"limit:memset", "memset", "libc", memset_limit, 0};
#if defined(X86)
    if (f & Q4K_FEAT_AVX512F)
        limits[n++] = (storelimit){"limit:read", "read", "avx512", read_avx512, 1};
    else if (f & Q4K_FEAT_AVX2)
        limits[n++] = (storelimit){"limit:read", "read", "avx2", read_avx2, 1};
    else
        limits[n++] = (storelimit){"limit:read", "read", "sse2", read_sse2, 1};
#elif defined(ARM64)
    limits[n++] = (storelimit){"limit:read", "read", "neon", read_neon, 1};
#else
    limits[n++] = (storelimit){"limit:read", "read", "scalar", read_generic, 1};
#endif
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
