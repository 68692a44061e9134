/* cpu_features.c - what this CPU can run. A variant runs only after its
 * features are confirmed here, so the library itself stays baseline ISA
 * (no -march=native) and never executes an illegal instruction. */
#include <pthread.h>

#include "q4k.h"

#if defined(__x86_64__) || defined(_M_X64)
#include <cpuid.h>

/* XCR0 via xgetbv: the OS must save the wide registers, not only the CPU
 * support them. */
static uint64_t read_xcr0(void)
{
    uint32_t lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return ((uint64_t)hi << 32) | lo;
}

static uint32_t detect(void)
{
    unsigned a, b, c, d;
    uint32_t f = 0;
    if (!__get_cpuid(1, &a, &b, &c, &d))
        return 0;
    const int osxsave = (c >> 27) & 1, fma = (c >> 12) & 1, f16c = (c >> 29) & 1;
    if (!osxsave)
        return 0;
    const uint64_t xcr0 = read_xcr0();
    const int ymm_os = (xcr0 & 0x6) == 0x6;         /* SSE + AVX state */
    const int zmm_os = (xcr0 & 0xe6) == 0xe6;       /* + opmask, ZMM0-15 hi, ZMM16-31 */
    if (!ymm_os)
        return 0;
    if (fma)
        f |= Q4K_FEAT_FMA;
    if (f16c)
        f |= Q4K_FEAT_F16C;
    if (__get_cpuid_count(7, 0, &a, &b, &c, &d)) {
        if ((b >> 5) & 1)
            f |= Q4K_FEAT_AVX2;
        if (zmm_os) {
            if ((b >> 16) & 1)
                f |= Q4K_FEAT_AVX512F;
            if ((b >> 30) & 1)
                f |= Q4K_FEAT_AVX512BW;
            if ((b >> 31) & 1)
                f |= Q4K_FEAT_AVX512VL;
        }
    }
    return f;
}
#elif defined(__aarch64__) || defined(_M_ARM64)
static uint32_t detect(void) { return Q4K_FEAT_NEON; } /* baseline on AArch64 */
#else
static uint32_t detect(void) { return 0; }
#endif

static uint32_t features;
static pthread_once_t features_once = PTHREAD_ONCE_INIT;

static void detect_once(void) { features = detect(); }

uint32_t q4k_cpu_features(void)
{
    pthread_once(&features_once, detect_once);
    return features;
}
