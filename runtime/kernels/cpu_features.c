/* cpu_features.c - what this CPU can run. A variant runs only after its
 * features are confirmed here, so the library itself stays baseline ISA
 * (no -march=native) and never executes an illegal instruction.
 *
 * What each feature means in cpuid bits, XCR0 state, HWCAP bits and macOS
 * sysctl names is generated from gen/isas.lua (generated/q4k_features.c);
 * this file only knows how to ask each kind of machine. The environment
 * variable Q4K_CPU_DISABLE removes named features, so tests can exercise
 * refusal and fallback paths on any host. */
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel_tables.h"

#if defined(__x86_64__) || defined(_M_X64)
#include <cpuid.h>

/* XCR0 via xgetbv: the OS must save the wide registers, not only the CPU
 * support them. Only valid when cpuid says OSXSAVE. */
static uint64_t read_xcr0(void)
{
    uint32_t lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return ((uint64_t)hi << 32) | lo;
}

static uint32_t detect(void)
{
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !((c >> 27) & 1)) /* OSXSAVE */
        return 0;
    const uint64_t xcr0 = read_xcr0();
    unsigned max_leaf = __get_cpuid_max(0, NULL);
    uint32_t f = 0;
    for (size_t i = 0; i < q4k_feature_table_count; i++) {
        const q4k_feature_info *fi = &q4k_feature_table[i];
        if (strcmp(fi->arch, "x86_64") || fi->cpuid_leaf > max_leaf)
            continue;
        unsigned r[4];
        __cpuid_count(fi->cpuid_leaf, fi->cpuid_subleaf, r[0], r[1], r[2], r[3]);
        if (((r[fi->cpuid_reg] >> fi->cpuid_bit) & 1) && (xcr0 & fi->xcr0_mask) == fi->xcr0_mask)
            f |= fi->bit;
    }
    return f;
}
#elif (defined(__aarch64__) || defined(_M_ARM64)) && defined(__APPLE__)
#include <sys/sysctl.h>

static uint32_t detect(void)
{
    uint32_t f = 0;
    for (size_t i = 0; i < q4k_feature_table_count; i++) {
        const q4k_feature_info *fi = &q4k_feature_table[i];
        if (strcmp(fi->arch, "aarch64"))
            continue;
        int on = 0;
        size_t len = sizeof on;
        if (fi->baseline || (fi->macos_sysctl && sysctlbyname(fi->macos_sysctl, &on, &len, NULL, 0) == 0 && on))
            f |= fi->bit;
    }
    return f;
}
#elif defined(__aarch64__) && defined(__linux__)
#include <sys/auxv.h>

static uint32_t detect(void)
{
    const unsigned long hw[3] = {0, getauxval(AT_HWCAP), getauxval(AT_HWCAP2)};
    uint32_t f = 0;
    for (size_t i = 0; i < q4k_feature_table_count; i++) {
        const q4k_feature_info *fi = &q4k_feature_table[i];
        if (strcmp(fi->arch, "aarch64"))
            continue;
        if (fi->baseline || (fi->hwcap_word >= 1 && fi->hwcap_word <= 2 && ((hw[fi->hwcap_word] >> fi->hwcap_bit) & 1)))
            f |= fi->bit;
    }
    return f;
}
#elif defined(__aarch64__) || defined(_M_ARM64)
static uint32_t detect(void) /* another OS: only the baseline is certain */
{
    uint32_t f = 0;
    for (size_t i = 0; i < q4k_feature_table_count; i++)
        if (!strcmp(q4k_feature_table[i].arch, "aarch64") && q4k_feature_table[i].baseline)
            f |= q4k_feature_table[i].bit;
    return f;
}
#else
static uint32_t detect(void) { return 0; }
#endif

const char *q4k_feature_name(uint32_t bit)
{
    for (size_t i = 0; i < q4k_feature_table_count; i++)
        if (q4k_feature_table[i].bit == bit)
            return q4k_feature_table[i].name;
    return NULL;
}

uint32_t q4k_feature_bit(const char *name)
{
    for (size_t i = 0; name && i < q4k_feature_table_count; i++)
        if (!strcmp(q4k_feature_table[i].name, name))
            return q4k_feature_table[i].bit;
    return 0;
}

void q4k_feature_names(uint32_t bits, char *out, size_t outlen)
{
    size_t used = 0;
    if (!out || !outlen)
        return;
    out[0] = '\0';
    for (size_t i = 0; i < q4k_feature_table_count; i++) {
        if (!(bits & q4k_feature_table[i].bit))
            continue;
        int n = snprintf(out + used, outlen - used, "%s%s", used ? " " : "", q4k_feature_table[i].name);
        if (n < 0 || (size_t)n >= outlen - used)
            return; /* truncated, still terminated */
        used += (size_t)n;
    }
}

/* Q4K_CPU_DISABLE: names separated by commas or blanks. An unknown name is
 * reported once on stderr (a typo must not silently test nothing). */
static uint32_t disabled_by_env(void)
{
    const char *s = getenv("Q4K_CPU_DISABLE");
    uint32_t mask = 0;
    while (s && *s) {
        while (*s == ',' || isspace((unsigned char)*s))
            s++;
        size_t n = strcspn(s, ", \t\n");
        if (!n)
            break;
        char name[32];
        snprintf(name, sizeof name, "%.*s", (int)(n < sizeof name - 1 ? n : sizeof name - 1), s);
        uint32_t bit = q4k_feature_bit(name);
        if (bit)
            mask |= bit;
        else
            fprintf(stderr, "q4k: Q4K_CPU_DISABLE: unknown feature '%s' ignored (names as 'q4k info' prints them)\n",
                    name);
        s += n;
    }
    return mask;
}

static uint32_t detected, features;
static pthread_once_t features_once = PTHREAD_ONCE_INIT;

static void detect_once(void)
{
    detected = detect();
    features = detected & ~disabled_by_env();
}

uint32_t q4k_cpu_features(void)
{
    pthread_once(&features_once, detect_once);
    return features;
}

uint32_t q4k_cpu_features_detected(void)
{
    pthread_once(&features_once, detect_once);
    return detected;
}
