/* profile_text.c - the profile writer (format and parser:
 * runtime/profile/profile_parse.h). Values are cut to the lengths the parser takes,
 * and per bucket a comment says why the winner won, for the person reading. */
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "profile_parse.h"
#include "profile_text.h"
#include "q4k.h"

static const char *header_or(const measure_set *set, const char *key, const char *fallback)
{
    const char *v = measure_header_get(set, key);
    return v && *v ? v : fallback;
}

/* "key value" with the value cut to what the parser accepts. */
static void put(FILE *f, const char *key, const char *value, size_t max)
{
    fprintf(f, "%s %.*s\n", key, (int)(max - 1), value);
}

/* The first "started" (a resumed run has several); "finished" if present. */
static const char *measurement_date(const measure_set *set)
{
    const char *fin = measure_header_get(set, "finished");
    if (fin)
        return fin;
    for (size_t i = 0; i < set->n_header; i++)
        if (!strcmp(set->header[i].key, "started"))
            return set->header[i].value;
    return "unknown";
}

/* 1 when buckets a and b would list the same variants. */
static int same_choice(const select_bucket *a, const select_bucket *b)
{
    if (a->n_layouts != b->n_layouts)
        return 0;
    for (size_t i = 0; i < a->n_layouts; i++)
        if (strcmp(a->by_layout[i]->variant, b->by_layout[i]->variant))
            return 0;
    return 1;
}

/* One series' bucket lines: the winner, then the fastest variant of each
 * other weight layout (so packed and unpacked calls both have theirs). A
 * bucket whose next one lists the same variants is left out: the next one
 * serves its sizes too, and the file stays short. */
static void write_series(FILE *f, const op_plan *p, unsigned vecs, unsigned threads, const select_bucket *bk,
                         size_t n)
{
    char series[48] = "";
    if (vecs != 1 || threads != 1)
        snprintf(series, sizeof series, " vecs=%u threads=%u", vecs, threads);
    for (size_t i = 0; i < n; i++) {
        const select_bucket *b = &bk[i];
        const measure_row *w = b->winner;
        fprintf(f, "# %zu %s, %s%s: %.2f +- %.2f ns/%s", b->size, p->units, b->mode, series, w->median_ns,
                w->mad_ns, p->unit);
        if (b->scalar && w->median_ns > 0)
            fprintf(f, ", %.2fx scalar", b->scalar->median_ns / w->median_ns);
        if (b->fastest != w)
            fprintf(f, "; fastest %s %.2f is within noise", b->fastest->variant, b->fastest->median_ns);
        if (b->best_rows && b->best_packed)
            fprintf(f, "; packed weights %.2fx GGUF rows", b->best_rows->median_ns / b->best_packed->median_ns);
        if (w->flags[0])
            fprintf(f, "; flagged %s", w->flags);
        fputc('\n', f);
        if (i + 1 < n && same_choice(b, &bk[i + 1]))
            continue;
        fprintf(f, "bucket %s %zu%s", p->name, b->size, series);
        for (size_t l = 0; l < b->n_layouts && l < Q4K_DISPATCH_MAX_CANDIDATES; l++)
            fprintf(f, " %s", b->by_layout[l]->variant);
        fputc('\n', f);
    }
}

int profile_write(FILE *f, const measure_set *set, const selection *sel, const char *source)
{
    q4k_profile *p = NULL; /* only for the field sizes */
    char q4k[200];
    snprintf(q4k, sizeof q4k, "%s %s", header_or(set, "version", "unknown"), header_or(set, "commit", "unknown"));

    fprintf(f, "# q4k tuning profile, written by `q4k select` from %s.\n", source ? source : "measurements");
    fprintf(f, "# Format: runtime/profile/profile_parse.h. Use it compiled in (cmake -DQ4K_PROFILE=this-file)\n"
               "# or at run time (Q4K_PROFILE=this-file, q4k_profile_load).\n");
    fprintf(f, "q4k-profile %d\n", Q4K_PROFILE_VERSION);
    put(f, "device", header_or(set, "device", "unknown"), sizeof p->device);
    put(f, "arch", header_or(set, "arch", "unknown"), sizeof p->arch);
    put(f, "cpu", header_or(set, "cpu", "unknown"), sizeof p->cpu);
    put(f, "features", header_or(set, "features", ""), sizeof p->features);
    put(f, "cores", header_or(set, "cores", "unknown"), sizeof p->cores);
    put(f, "os", header_or(set, "os", "unknown"), sizeof p->os);
    put(f, "compiler", header_or(set, "compiler", "unknown"), sizeof p->compiler);
    put(f, "flags", header_or(set, "flags", ""), sizeof p->flags);
    put(f, "generator", header_or(set, "generator", "unknown"), sizeof p->generator);
    put(f, "q4k", q4k, sizeof p->q4k);
    put(f, "date", measurement_date(set), sizeof p->date);
    const char *emu = measure_header_get(set, "emulated");
    if (emu && strncmp(emu, "no", 2))
        fprintf(f, "# MEASURED UNDER AN EMULATOR: the choices below are not performance data.\n");
    if (sel->llc_bytes) {
        char llc[32];
        machine_format_bytes(sel->llc_bytes, llc, sizeof llc);
        fprintf(f, "# Warm/cold decided against a last-level cache of %s (%.200s).\n", llc,
                sel->llc_source ? sel->llc_source : "as the measurements' header says");
    }
    for (size_t k = 0; k < sel->n_ops; k++) {
        const select_op *o = &sel->ops[k];
        const op_plan *p = o->plan;
        fprintf(f, "# %s (sizes in %s): largest size where %s is still as fast: %zu%s.\n", p->name, p->units,
                p->baseline, o->scalar_max, o->scalar_max ? "" : " (none)");
        fprintf(f, "# Per bucket (rule: tuner/lib/select_rule.h): ns/%s median +- MAD of the winner.\n", p->unit);
        write_series(f, p, 1, 1, o->buckets, o->n_buckets);
        for (size_t s = 0; s < o->n_series; s++)
            write_series(f, p, o->series[s].vecs, o->series[s].threads, o->series[s].buckets, o->series[s].n_buckets);
    }
    fprintf(f, "end\n");
    return ferror(f) ? Q4K_EIO : Q4K_OK;
}

int profile_write_file(const char *path, const measure_set *set, const selection *sel, const char *source,
                       char *err, size_t errlen)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem) {
        snprintf(err, errlen, "out of memory");
        return Q4K_ENOMEM;
    }
    int rc = profile_write(mem, set, sel, source);
    if (fclose(mem) != 0 && rc == Q4K_OK)
        rc = Q4K_ENOMEM;
    if (rc == Q4K_OK)
        rc = q4k_write_file_atomic(path, text, len, err, errlen);
    else
        snprintf(err, errlen, "cannot format the profile");
    free(text);
    return rc;
}
