/* cmd_info.c - q4k info: this machine, and which dispatch table is in
 * force (built-in default or a profile: its device, date, origin) with the
 * variant each size bucket runs here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "llc_probe.h"
#include "machine.h"
#include "measure.h"
#include "q4k.h"
#include "q4k_dispatch.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: q4k info [--profile FILE] [--measure-cache]\n\n"
               "Shows the CPU, its features (detected, masked by Q4K_CPU_DISABLE, in effect),\n"
               "the last-level cache size (what the OS reports and what the tuner would use;\n"
               "--measure-cache runs the tuner's store-loop probe, a few seconds), the\n"
               "build, and the dispatch table in force:\n"
               "the built-in one (default, or compiled in from a profile with\n"
               "cmake -DQ4K_PROFILE) or a profile loaded at run time (Q4K_PROFILE in the\n"
               "environment, or --profile FILE here, which also validates the file).\n"
               "Per size bucket it names the variant that runs on this CPU.\n"
               "Q4K_VARIANT=name in the environment forces one variant everywhere.\n");
}

/* Space-separated names of bits, "(none)" for none. */
static const char *names(uint32_t bits, char *buf, size_t len)
{
    q4k_feature_names(bits, buf, len);
    if (!buf[0])
        snprintf(buf, len, "(none)");
    return buf;
}

int cmd_info(int argc, char **argv)
{
    const char *profile = NULL;
    int measure_cache = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(argv[i], "--measure-cache")) {
            measure_cache = 1;
        } else if (!strcmp(argv[i], "--profile") && i + 1 < argc) {
            profile = argv[++i];
        } else {
            fprintf(stderr, "q4k info: unknown or incomplete option '%s' (try --help)\n", argv[i]);
            return 2;
        }
    }
    /* Settle the environment first (Q4K_PROFILE, Q4K_VARIANT are read once). */
    const q4k_variant *forced = q4k_dispatch_forced();
    if (profile) {
        char err[512];
        int rc = q4k_profile_load(profile, err, sizeof err);
        if (rc != Q4K_OK) {
            fprintf(stderr, "q4k info: profile refused: %s\n", err);
            return 2;
        }
    }

    q4k_machine m;
    char pinned[96] = "";
    if (measure_cache)
        measure_pin_thread(pinned, sizeof pinned); /* as q4k measure does, before describing */
    machine_describe(&m);
    printf("cpu:        %s\n", m.cpu);
    printf("device:     %s%s\n", m.device, m.emulated ? " (emulated: timings are not performance)" : "");
    printf("arch:       %s\n", m.arch);

    char buf[256];
    const uint32_t detected = q4k_cpu_features_detected(), effective = q4k_cpu_features();
    const char *disable = getenv("Q4K_CPU_DISABLE");
    printf("features:   %s\n", names(effective, buf, sizeof buf));
    printf("  detected: %s\n", names(detected, buf, sizeof buf));
    if (disable && *disable)
        printf("  Q4K_CPU_DISABLE=%s: masks %s\n", disable, names(detected & ~effective, buf, sizeof buf));
    else
        printf("  Q4K_CPU_DISABLE: (not set)\n");

    printf("cores:      %u logical, core type %s\n", m.cores, m.core_type);
    char used[32], said[32];
    if (m.llc_reported) {
        machine_format_bytes(m.llc_reported, said, sizeof said);
        printf("last-level cache reported: %s (%s)\n", said, m.llc_reported_by);
    } else {
        printf("last-level cache reported: (nothing)\n");
    }
    if (measure_cache)
        llc_probe_apply(&m, LLC_PROBE_FULL, 0, buf, sizeof buf);
    machine_format_bytes(m.llc_bytes, used, sizeof used);
    printf("last-level cache used:     %s, %s\n", m.llc_bytes ? used : "unknown", m.llc_source);
    if (measure_cache && buf[0])
        printf("  store loop: %s\n", buf);
    else if (!measure_cache && !m.emulated)
        printf("  (q4k measure measures it; so does q4k info --measure-cache)\n");
    printf("os:         %s\n", m.os);
    printf("build:      q4k %s (commit %s), %s, flags %s\n", m.version, m.commit, m.compiler, m.flags);
    printf("kernels:    generator %s; %zu variants usable here of %zu compiled\n", m.generator,
           q4k_variant_count(), q4k_variant_count_all());

    const q4k_dispatch_table *t = q4k_dispatch_current();
    printf("\ndispatch table in force: %s\n", t->source);
    if (t->device && *t->device)
        printf("  device:   %s\n", t->device);
    if (t->date && *t->date)
        printf("  date:     %s\n", t->date);
    if (t->origin && *t->origin)
        printf("  origin:   %s\n", t->origin);
    const char *env_profile = getenv("Q4K_PROFILE");
    printf("  Q4K_PROFILE: %s\n", env_profile && *env_profile ? env_profile : "(not set)");
    const char *env_variant = getenv("Q4K_VARIANT");
    if (forced)
        printf("  Q4K_VARIANT: %s - FORCED: every call runs it, the table below is bypassed\n", forced->name);
    else if (env_variant && *env_variant)
        printf("  Q4K_VARIANT: %s - refused (unknown or unusable here), not in effect\n", env_variant);
    else
        printf("  Q4K_VARIANT: (not set)\n");
    int w_op = 8; /* the op column: as wide as the longest op name */
    for (int op = 0; op < Q4K_OP_COUNT; op++)
        if (q4k_op_name((q4k_op)op) && (int)strlen(q4k_op_name((q4k_op)op)) > w_op)
            w_op = (int)strlen(q4k_op_name((q4k_op)op));
    w_op += 10; /* room for a series: " x8 t2" (vectors, threads) */
    printf("\n  %-*s %-16s %-36s %s\n", w_op, "op", "size", "runs here", "candidates in order");
    for (int op = 0; op < Q4K_OP_COUNT; op++) {
        if (!q4k_op_name((q4k_op)op))
            continue; /* a value no op has */
        long last = q4k_dispatch_rule_bucket(t, (q4k_op)op, SIZE_MAX);
        if (last < 0) { /* no bucket: the library runs the op's scalar reference */
            const q4k_variant *v = q4k_dispatch_select((q4k_op)op, 1);
            printf("  %-*s %-16s %-36s (no bucket in this table: the scalar reference)\n", w_op,
                   q4k_op_name((q4k_op)op), ">= 1", v ? v->name : "(none)");
            continue;
        }
        (void)last;
        for (size_t i = 0; i < t->n_buckets; i++) {
            const q4k_dispatch_bucket *b = &t->buckets[i];
            if (b->op != (q4k_op)op)
                continue;
            const unsigned bv = b->vecs ? b->vecs : 1, bt = b->threads ? b->threads : 1;
            /* the series' previous bucket gives the range's start, its next says whether it is the last */
            size_t lo = 1;
            int is_last = 1;
            for (size_t k = 0; k < t->n_buckets; k++) {
                const q4k_dispatch_bucket *o = &t->buckets[k];
                if (o->op != b->op || (o->vecs ? o->vecs : 1) != bv || (o->threads ? o->threads : 1) != bt)
                    continue;
                if (k < i)
                    lo = o->max_size + 1;
                if (k > i)
                    is_last = 0;
            }
            char range[48], name[64];
            if (is_last)
                snprintf(range, sizeof range, ">= %zu", lo);
            else if (lo == b->max_size)
                snprintf(range, sizeof range, "%zu", lo);
            else
                snprintf(range, sizeof range, "%zu-%zu", lo, b->max_size);
            if (bv == 1 && bt == 1)
                snprintf(name, sizeof name, "%s", q4k_op_name(b->op));
            else
                snprintf(name, sizeof name, "%s x%u t%u", q4k_op_name(b->op), bv, bt);
            /* What runs: ask the dispatcher itself at the bucket's top size and series. */
            const q4k_variant *v = q4k_dispatch_select_for(b->op, b->max_size, bv, bt, 0);
            printf("  %-*s %-16s %-36s", w_op, name, range, v ? v->name : "(none)");
            for (int c = 0; c < Q4K_DISPATCH_MAX_CANDIDATES && b->candidates[c]; c++)
                printf("%s%s", c ? ", " : " ", b->candidates[c]);
            printf("\n");
        }
    }
    return 0;
}
