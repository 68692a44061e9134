/* q4k_tablegen.c - a tuning profile -> the C dispatch table compiled into
 * libq4k (q4k_dispatch_builtin).
 *
 *   q4k_tablegen --profile FILE --out FILE.c [--origin NAME]
 *
 * The build runs it for the generator's default profile
 * (generated/q4k_default.profile) or for cmake -DQ4K_PROFILE=FILE. It uses
 * the library's own parser and checks (runtime/profile/), so a profile that
 * builds is a profile that loads, and one the loader refuses does not
 * build. It runs on the build machine (or under the cross build's
 * emulator), so it checks what is compiled in, not what the CPU has.
 *
 * Reproducible: the output depends only on the profile's bytes and --origin
 * (the name recorded for it; default: the file name). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile_table.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: q4k_tablegen --profile FILE --out FILE.c [--origin NAME]\n"
               "Turns a q4k tuning profile into the C dispatch table of libq4k\n"
               "(what cmake -DQ4K_PROFILE=FILE builds). Same profile, same bytes out.\n");
}

/* A C string literal of s (profile text holds no control characters). */
static void put_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', f);
        if (*s == '?' && s[1] == '?') { /* no trigraphs */
            fputs("?\\", f);
            continue;
        }
        fputc(*s, f);
    }
    fputc('"', f);
}

/* A C comment line of s: never closes the comment it sits in. */
static void put_comment_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        fputc(*s, f);
        if (*s == '*' && s[1] == '/')
            fputc(' ', f);
    }
}

static uint64_t fnv1a64(const char *path)
{
    uint64_t h = 0xcbf29ce484222325u;
    FILE *f = fopen(path, "rb");
    int c;
    while (f && (c = fgetc(f)) != EOF)
        h = (h ^ (uint64_t)(unsigned char)c) * 0x100000001b3u;
    if (f)
        fclose(f);
    return h;
}

int main(int argc, char **argv)
{
    const char *profile_path = NULL, *out_path = NULL, *origin = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return 0;
        } else if (i + 1 < argc && !strcmp(argv[i], "--profile")) {
            profile_path = argv[++i];
        } else if (i + 1 < argc && !strcmp(argv[i], "--out")) {
            out_path = argv[++i];
        } else if (i + 1 < argc && !strcmp(argv[i], "--origin")) {
            origin = argv[++i];
        } else {
            fprintf(stderr, "q4k_tablegen: unknown or incomplete argument '%s'\n", argv[i]);
            usage(stderr);
            return 2;
        }
    }
    if (!profile_path || !out_path) {
        usage(stderr);
        return 2;
    }
    if (!origin) {
        const char *slash = strrchr(profile_path, '/');
        origin = slash ? slash + 1 : profile_path;
    }

    static q4k_profile p;
    static profile_table t;
    char err[512];
    int rc = q4k_profile_read(profile_path, &p, err, sizeof err);
    if (rc == Q4K_OK)
        rc = profile_table_from(&p, origin, 0, &t, err, sizeof err);
    if (rc != Q4K_OK) {
        fprintf(stderr, "q4k_tablegen: %s\n", err);
        return 1;
    }

    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", out_path);
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        fprintf(stderr, "q4k_tablegen: cannot write %s: %s\n", tmp, strerror(errno));
        return 1;
    }
    const char *out_name = strrchr(out_path, '/') ? strrchr(out_path, '/') + 1 : out_path;
    fprintf(f, "/* Auto-generated file. Do not edit!\n"
               " *   generator: tools/q4k_tablegen.c (parser and checks: runtime/profile/)\n *   profile: ");
    put_comment_text(f, origin);
    fprintf(f, " (fnv1a64 %016llx)\n *   device: ", (unsigned long long)fnv1a64(profile_path));
    put_comment_text(f, p.device);
    fprintf(f, ", measured ");
    put_comment_text(f, p.date);
    fprintf(f, "\n *   cpu: ");
    put_comment_text(f, p.cpu[0] ? p.cpu : "unknown");
    fprintf(f, ", compiler ");
    put_comment_text(f, p.compiler[0] ? p.compiler : "unknown");
    fprintf(f, "\n *   command: q4k_tablegen --profile ");
    put_comment_text(f, origin);
    fprintf(f, " --out %s\n *\n"
               " * The dispatch table compiled into libq4k: (operation, size bucket) ->\n"
               " * candidates, the first usable one wins (runtime/dispatch/dispatch_rule.c). */\n"
               "#include \"q4k_dispatch.h\"\n\n"
               "static const q4k_dispatch_bucket buckets[] = {\n",
            out_name);
    for (size_t i = 0; i < t.table.n_buckets; i++) {
        const q4k_dispatch_bucket *b = &t.table.buckets[i];
        fprintf(f, "    {(q4k_op)%d /* %s */, %zuu, {", (int)b->op, q4k_op_name(b->op), b->max_size);
        for (int c = 0; c < Q4K_DISPATCH_MAX_CANDIDATES && b->candidates[c]; c++) {
            fputs(c ? ", " : "", f);
            put_string(f, b->candidates[c]);
        }
        fprintf(f, "}, %uu, %uu},\n", b->vecs ? b->vecs : 1, b->threads ? b->threads : 1);
    }
    fprintf(f, "};\n\nconst q4k_dispatch_table q4k_dispatch_builtin = {\n    .source = ");
    put_string(f, t.table.source);
    fprintf(f, ",\n    .device = ");
    put_string(f, t.table.device);
    fprintf(f, ",\n    .date = ");
    put_string(f, t.table.date);
    fprintf(f, ",\n    .origin = ");
    put_string(f, t.table.origin);
    fprintf(f, ",\n    .n_buckets = sizeof buckets / sizeof buckets[0],\n    .buckets = buckets,\n};\n");
    if (fclose(f) != 0 || rename(tmp, out_path) != 0) {
        fprintf(stderr, "q4k_tablegen: cannot write %s: %s\n", out_path, strerror(errno));
        remove(tmp);
        return 1;
    }
    return 0;
}
