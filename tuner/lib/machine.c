/* machine.c - describe the machine the tuner measures on (machine.h).
 *
 * Sources: /proc/cpuinfo and sysfs on Linux, sysctl on macOS, uname, the
 * registry's CPU feature check, the compiler macros the build defines
 * (Q4K_COMPILER, Q4K_CFLAGS), the generator hash compiled into the
 * registry, and git for the commit when the source tree is at hand. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>
#if defined(__APPLE__)
#include <sys/sysctl.h>
#endif
#if defined(__linux__)
#include <sched.h>
#endif

#include "machine.h"
#include "profile_parse.h"
#include "q4k.h"
#include "timer.h"

/* Defined by the generator in generated/q4k_registry.c. */
extern const char q4k_generator_hash[];

#ifndef Q4K_VERSION
#define Q4K_VERSION "0.1.0"
#endif

const char *const machine_key_fields[] = {"cpu", "core_type", "arch", "features", "os",
                                          "compiler", "flags", "generator"};
const size_t machine_key_field_count = sizeof machine_key_fields / sizeof machine_key_fields[0];

static void copy(char *dst, size_t dstlen, const char *src)
{
    snprintf(dst, dstlen, "%s", src ? src : "");
}

/* Collapse runs of blanks and trim, in place. */
static void tidy(char *s)
{
    char *w = s;
    int blank = 1;
    for (const char *r = s; *r; r++) {
        if (isspace((unsigned char)*r)) {
            if (!blank)
                *w++ = ' ';
            blank = 1;
        } else {
            *w++ = *r;
            blank = 0;
        }
    }
    if (w > s && w[-1] == ' ')
        w--;
    *w = '\0';
}

void machine_slugify(const char *text, char *out, size_t outlen)
{
    size_t n = 0;
    int dash = 1; /* no leading dash */
    if (!outlen)
        return;
    for (const char *p = text; *p && n + 1 < outlen; p++) {
        unsigned char c = (unsigned char)*p;
        if (isalnum(c)) {
            out[n++] = (char)tolower(c);
            dash = 0;
        } else if (!dash) {
            out[n++] = '-';
            dash = 1;
        }
    }
    while (n > 0 && out[n - 1] == '-')
        n--;
    out[n] = '\0';
}

#if defined(__linux__)
/* "key : value" lookup in /proc/cpuinfo (first match); 0 when found. */
static int cpuinfo_field(const char *key, char *out, size_t outlen)
{
    FILE *f = fopen("/proc/cpuinfo", "r");
    char line[1024];
    int found = -1;
    if (!f)
        return -1;
    size_t klen = strlen(key);
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, key, klen) || (line[klen] != ' ' && line[klen] != '\t' && line[klen] != ':'))
            continue;
        char *colon = strchr(line, ':');
        if (!colon)
            continue;
        copy(out, outlen, colon + 1);
        tidy(out);
        found = 0;
        break;
    }
    fclose(f);
    return found;
}
#endif

#if defined(__x86_64__) && defined(__linux__)
/* AMD family/model -> microarchitecture, for a readable device slug; the
 * virtual machines this is built on often report just "AMD EPYC". */
static const char *amd_uarch(int family, int model)
{
    if (family == 0x17)
        return model >= 0x30 ? "zen2" : "zen";
    if (family == 0x19) {
        if ((model >= 0x10 && model <= 0x1f) || (model >= 0x60 && model <= 0x7f) ||
            (model >= 0xa0 && model <= 0xaf))
            return "zen4";
        return "zen3";
    }
    if (family == 0x1a)
        return "zen5";
    return NULL;
}
#endif

#if defined(__aarch64__) && defined(__linux__)
/* A few Arm implementer/part numbers (MIDR_EL1); implementer 0 is reserved
 * for software, which is what qemu reports. */
static const char *arm_part_name(unsigned implementer, unsigned part)
{
    static const struct {
        unsigned impl, part;
        const char *name;
    } parts[] = {
        {0x41, 0xd03, "Cortex-A53"}, {0x41, 0xd05, "Cortex-A55"}, {0x41, 0xd08, "Cortex-A72"},
        {0x41, 0xd0b, "Cortex-A76"}, {0x41, 0xd0c, "Neoverse N1"}, {0x41, 0xd40, "Neoverse V1"},
        {0x41, 0xd49, "Neoverse N2"}, {0x41, 0xd4f, "Neoverse V2"}, {0x61, 0x022, "Apple M1"},
        {0x61, 0x032, "Apple M2"}, {0xc0, 0xac3, "Ampere-1"},
    };
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        if (parts[i].impl == implementer && parts[i].part == part)
            return parts[i].name;
    return NULL;
}
#endif

static void describe_cpu(q4k_machine *m, char *uarch, size_t uarchlen)
{
    copy(m->cpu, sizeof m->cpu, "unknown");
    uarch[0] = '\0';
    (void)uarchlen; /* only x86 names a microarchitecture */
#if defined(__APPLE__)
    size_t len = sizeof m->cpu;
    if (sysctlbyname("machdep.cpu.brand_string", m->cpu, &len, NULL, 0) != 0)
        copy(m->cpu, sizeof m->cpu, "unknown Apple CPU");
    tidy(m->cpu);
#elif defined(__aarch64__) && defined(__linux__)
    unsigned long midr = 0;
    /* Linux emulates MIDR_EL1 reads from user space (HWCAP_CPUID). */
    __asm__ volatile("mrs %0, midr_el1" : "=r"(midr));
    unsigned implementer = (unsigned)(midr >> 24) & 0xff, part = (unsigned)(midr >> 4) & 0xfff;
    const char *name = arm_part_name(implementer, part);
    if (implementer == 0)
        snprintf(m->cpu, sizeof m->cpu, "emulated aarch64 (MIDR %#lx)", midr);
    else if (name)
        copy(m->cpu, sizeof m->cpu, name);
    else
        snprintf(m->cpu, sizeof m->cpu, "aarch64 implementer %#x part %#x", implementer, part);
#elif defined(__x86_64__) && defined(__linux__)
    char family[16], model[16];
    cpuinfo_field("model name", m->cpu, sizeof m->cpu);
    if (cpuinfo_field("cpu family", family, sizeof family) == 0 &&
        cpuinfo_field("model", model, sizeof model) == 0) {
        char vendor[32] = "";
        cpuinfo_field("vendor_id", vendor, sizeof vendor);
        const char *u = strcmp(vendor, "AuthenticAMD") ? NULL : amd_uarch(atoi(family), atoi(model));
        if (u)
            copy(uarch, uarchlen, u);
    }
#elif defined(__linux__)
    cpuinfo_field("model name", m->cpu, sizeof m->cpu);
#endif
}

/* Running under qemu-user? It passes the host's /proc/cpuinfo through and
 * reports a MIDR with the reserved implementer 0. Q4K_EMULATED=1 forces it. */
static int detect_emulation(const q4k_machine *m)
{
    const char *env = getenv("Q4K_EMULATED");
    if (env && *env)
        return strcmp(env, "0") != 0;
#if defined(__aarch64__) && defined(__linux__)
    char vendor[32];
    if (cpuinfo_field("vendor_id", vendor, sizeof vendor) == 0)
        return 1; /* an x86 host's cpuinfo */
    return strncmp(m->cpu, "emulated", 8) == 0;
#else
    (void)m;
    return 0;
#endif
}

static void describe_core_type(q4k_machine *m)
{
#if defined(__APPLE__)
    /* The measuring thread asks for QoS user-interactive, which keeps it on
     * P-cores; E-cores could be tuned with QOS_CLASS_BACKGROUND instead. */
    copy(m->core_type, sizeof m->core_type, "P-core (QoS user-interactive)");
#elif defined(__linux__)
    int cpu = sched_getcpu();
    char path[128], list[256];
    FILE *f = fopen("/sys/devices/cpu_core/cpus", "r");
    if (f) { /* Intel hybrid: P-cores listed here, E-cores under cpu_atom */
        int in_list = 0;
        if (fgets(list, sizeof list, f)) {
            char *save = NULL;
            for (char *r = strtok_r(list, ",\n", &save); r; r = strtok_r(NULL, ",\n", &save)) {
                int lo, hi;
                int k = sscanf(r, "%d-%d", &lo, &hi);
                if ((k == 2 && cpu >= lo && cpu <= hi) || (k == 1 && cpu == lo))
                    in_list = 1;
            }
        }
        fclose(f);
        copy(m->core_type, sizeof m->core_type, in_list ? "P-core" : "E-core");
        return;
    }
    /* big.LITTLE: a capacity below the maximum marks a little core. */
    snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu%d/cpu_capacity", cpu < 0 ? 0 : cpu);
    f = fopen(path, "r");
    if (f) {
        int cap = 0;
        if (fscanf(f, "%d", &cap) == 1 && cap > 0 && cap < 1024) {
            fclose(f);
            snprintf(m->core_type, sizeof m->core_type, "capacity %d/1024", cap);
            return;
        }
        fclose(f);
    }
    copy(m->core_type, sizeof m->core_type, "uniform");
#else
    copy(m->core_type, sizeof m->core_type, "unknown");
#endif
}

static size_t parse_cache_size(const char *s)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (*end == 'K')
        v <<= 10;
    else if (*end == 'M')
        v <<= 20;
    return (size_t)v;
}

/* Size of the highest-level data or unified cache, as the OS reports it,
 * and where from. sysfs first (it describes cpu0's own cache); sysconf
 * (glibc: cpuid) after it. Either can be the whole host's on a VM. */
static size_t last_level_cache(char *by, size_t bylen)
{
    size_t best = 0;
    int best_level = 0;
    copy(by, bylen, "");
#if defined(__linux__)
    for (int i = 0; i < 8; i++) {
        char path[96], buf[32];
        int level = 0;
        snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu0/cache/index%d/level", i);
        FILE *f = fopen(path, "r");
        if (!f)
            continue;
        if (fscanf(f, "%d", &level) != 1)
            level = 0;
        fclose(f);
        snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu0/cache/index%d/type", i);
        f = fopen(path, "r");
        if (!f || !fgets(buf, sizeof buf, f) || !strncmp(buf, "Instruction", 11)) {
            if (f)
                fclose(f);
            continue;
        }
        fclose(f);
        snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu0/cache/index%d/size", i);
        f = fopen(path, "r");
        if (f && fgets(buf, sizeof buf, f) && level > best_level) {
            best_level = level;
            best = parse_cache_size(buf);
        }
        if (f)
            fclose(f);
    }
    if (best)
        copy(by, bylen, "sysfs");
#if defined(_SC_LEVEL3_CACHE_SIZE)
    if (!best) {
        long l3 = sysconf(_SC_LEVEL3_CACHE_SIZE), l2 = sysconf(_SC_LEVEL2_CACHE_SIZE);
        best = l3 > 0 ? (size_t)l3 : l2 > 0 ? (size_t)l2 : 0;
        if (best)
            copy(by, bylen, "sysconf");
    }
#endif
#elif defined(__APPLE__)
    uint64_t v = 0;
    size_t len = sizeof v;
    if (sysctlbyname("hw.perflevel0.l2cachesize", &v, &len, NULL, 0) == 0) {
        best = (size_t)v;
        copy(by, bylen, "sysctl hw.perflevel0.l2cachesize");
    } else if (len = sizeof v, sysctlbyname("hw.l2cachesize", &v, &len, NULL, 0) == 0) {
        best = (size_t)v;
        copy(by, bylen, "sysctl hw.l2cachesize");
    }
#endif
    (void)best_level;
    return best;
}

void machine_format_bytes(size_t bytes, char *out, size_t outlen)
{
    if (bytes >= ((size_t)1 << 30) && bytes % ((size_t)1 << 30) == 0)
        snprintf(out, outlen, "%zu GiB", bytes >> 30);
    else if (bytes >= ((size_t)1 << 20) && bytes % ((size_t)1 << 20) == 0)
        snprintf(out, outlen, "%zu MiB", bytes >> 20);
    else if (bytes >= ((size_t)1 << 20))
        snprintf(out, outlen, "%.1f MiB", (double)bytes / (1 << 20));
    else if (bytes >= 1024 && bytes % 1024 == 0)
        snprintf(out, outlen, "%zu KiB", bytes >> 10);
    else
        snprintf(out, outlen, "%zu bytes", bytes);
}

void machine_llc_from_report(q4k_machine *m, const char *why_not_measured)
{
    char said[32], cap[32];
    const char *why = why_not_measured && *why_not_measured ? why_not_measured : NULL;
    machine_format_bytes(m->llc_reported, said, sizeof said);
    machine_format_bytes(MACHINE_LLC_PLAUSIBLE_MAX, cap, sizeof cap);
    if (!m->llc_reported) {
        m->llc_bytes = 0;
        snprintf(m->llc_source, sizeof m->llc_source, "unknown: the OS reports no cache size%s%s", why ? "; " : "",
                 why ? why : "");
    } else if (m->llc_reported > MACHINE_LLC_PLAUSIBLE_MAX) {
        m->llc_bytes = MACHINE_LLC_PLAUSIBLE_MAX;
        snprintf(m->llc_source, sizeof m->llc_source, "capped: %s said %s, more than the %s one core is assumed "
                 "to reach%s%s", m->llc_reported_by, said, cap, why ? "; " : "", why ? why : "");
    } else {
        m->llc_bytes = m->llc_reported;
        snprintf(m->llc_source, sizeof m->llc_source, "%s%s%s", m->llc_reported_by, why ? " (" : "",
                 why ? why : "");
        if (why)
            strncat(m->llc_source, ")", sizeof m->llc_source - strlen(m->llc_source) - 1);
    }
}

/* git commit of the tree this file was compiled from, if it is still there. */
static void describe_commit(char *out, size_t outlen)
{
    copy(out, outlen, "unknown");
#if defined(Q4K_GIT_COMMIT)
    copy(out, outlen, Q4K_GIT_COMMIT);
#else
    char root[512];
    copy(root, sizeof root, __FILE__);
    char *slash = strrchr(root, '/');
    if (!slash || root[0] != '/' || strchr(root, '\''))
        return; /* relative or odd path: do not guess */
    *slash = '\0';
    if (!(slash = strrchr(root, '/')))
        return;
    *slash = '\0'; /* .../tuner/lib/machine.c -> .../tuner: git finds the checkout from there */
    char cmd[700], line[128] = "";
    snprintf(cmd, sizeof cmd, "git -C '%s' rev-parse --short=12 HEAD 2>/dev/null", root);
    FILE *p = popen(cmd, "r");
    if (!p)
        return;
    int ok = fgets(line, sizeof line, p) != NULL;
    pclose(p);
    tidy(line);
    if (!ok || !*line)
        return;
    snprintf(cmd, sizeof cmd, "git -C '%s' status --porcelain --untracked-files=no 2>/dev/null", root);
    int dirty = 0;
    if ((p = popen(cmd, "r"))) {
        char any[8];
        dirty = fgets(any, sizeof any, p) != NULL;
        pclose(p);
    }
    snprintf(out, outlen, "%s%s", line, dirty ? "-dirty" : "");
#endif
}

static void describe_build(q4k_machine *m)
{
#if defined(Q4K_COMPILER)
    copy(m->compiler, sizeof m->compiler, Q4K_COMPILER);
#else
    copy(m->compiler, sizeof m->compiler, "cc " __VERSION__);
#endif
#if defined(Q4K_CFLAGS)
    copy(m->flags, sizeof m->flags, Q4K_CFLAGS);
#else
    copy(m->flags, sizeof m->flags, "");
#endif
    /* Sanitizers change every timing; they are in the flags key. */
#if defined(__SANITIZE_ADDRESS__)
    strncat(m->flags, " -fsanitize=address", sizeof m->flags - strlen(m->flags) - 1);
#endif
#if defined(__SANITIZE_THREAD__)
    strncat(m->flags, " -fsanitize=thread", sizeof m->flags - strlen(m->flags) - 1);
#endif
    tidy(m->flags);
    if (!m->flags[0])
        copy(m->flags, sizeof m->flags, "(none)");
}

void machine_describe(q4k_machine *m)
{
    char uarch[16], model[96], name[160];
    memset(m, 0, sizeof *m);
    describe_cpu(m, uarch, sizeof uarch);
    describe_core_type(m);
    copy(m->arch, sizeof m->arch, q4k_profile_host_arch());

    m->feature_bits = q4k_cpu_features();
    q4k_feature_names(m->feature_bits, m->features, sizeof m->features);
    uint32_t avx512 = Q4K_FEAT_AVX512F | Q4K_FEAT_AVX512BW | Q4K_FEAT_AVX512VL;
    uint32_t avx2 = Q4K_FEAT_AVX2 | Q4K_FEAT_FMA | Q4K_FEAT_F16C;
    copy(m->best_isa, sizeof m->best_isa,
         (m->feature_bits & avx512) == avx512 ? "avx512"
         : (m->feature_bits & avx2) == avx2   ? "avx2"
         : (m->feature_bits & Q4K_FEAT_NEON)  ? "neon"
                                              : "scalar");

    struct utsname u;
    if (uname(&u) == 0)
        snprintf(m->os, sizeof m->os, "%s %s", u.sysname, u.release);
    else
        copy(m->os, sizeof m->os, "unknown");

    describe_build(m);
    copy(m->generator, sizeof m->generator, q4k_generator_hash);
    copy(m->version, sizeof m->version, Q4K_VERSION);
    describe_commit(m->commit, sizeof m->commit);
    snprintf(m->timer, sizeof m->timer, "monotonic clock, resolution %llu ns",
             (unsigned long long)q4k_timer_resolution_ns());
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    m->cores = n > 0 ? (unsigned)n : 1;
    m->llc_reported = last_level_cache(m->llc_reported_by, sizeof m->llc_reported_by);
    m->emulated = detect_emulation(m);
    machine_llc_from_report(m, "not measured");

    /* Device slug: arch, CPU model (minus the noise words), microarchitecture
     * where known, widest ISA; emulated runs say "qemu" instead of a model. */
    copy(name, sizeof name, m->cpu);
    static const char *const noise[] = {"(R)", "(TM)", "(tm)", "(r)", " Processor", " CPU", " with Radeon Graphics"};
    for (size_t i = 0; i < sizeof noise / sizeof noise[0]; i++) {
        char *hit;
        while ((hit = strstr(name, noise[i])))
            memmove(hit, hit + strlen(noise[i]), strlen(hit + strlen(noise[i])) + 1);
    }
    char *at = strchr(name, '@'); /* clock speed is not the model */
    if (at)
        *at = '\0';
    machine_slugify(name, model, sizeof model);
    if (m->emulated) { /* the "CPU" is the emulator: name it so */
        copy(model, sizeof model, "qemu");
        uarch[0] = '\0';
    }
    snprintf(m->device, sizeof m->device, "%s-%s%s%s-%s", m->arch, model[0] ? model : "unknown",
             uarch[0] ? "-" : "", uarch, m->best_isa);
}

const char *machine_field(const q4k_machine *m, const char *name)
{
    static const struct {
        const char *name;
        size_t offset;
    } fields[] = {
        {"cpu", offsetof(q4k_machine, cpu)},         {"core_type", offsetof(q4k_machine, core_type)},
        {"arch", offsetof(q4k_machine, arch)},       {"features", offsetof(q4k_machine, features)},
        {"os", offsetof(q4k_machine, os)},           {"compiler", offsetof(q4k_machine, compiler)},
        {"flags", offsetof(q4k_machine, flags)},     {"generator", offsetof(q4k_machine, generator)},
        {"version", offsetof(q4k_machine, version)}, {"commit", offsetof(q4k_machine, commit)},
        {"device", offsetof(q4k_machine, device)},   {"timer", offsetof(q4k_machine, timer)},
        {"best_isa", offsetof(q4k_machine, best_isa)},
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (!strcmp(fields[i].name, name))
            return (const char *)m + fields[i].offset;
    return NULL;
}
