/* profile.c - load a tuning profile at run time and install its table.
 *
 * Everything is checked before anything changes: the format (profile_parse.c),
 * the architecture, that every variant is compiled into this library and
 * usable on this CPU. Only then is the table handed to q4k_dispatch_install,
 * which validates again and swaps it in; on any failure the table in force
 * stays and err says why. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile_parse.h"
#include "q4k_dispatch.h"

static void set_err(char *err, size_t errlen, const char *path, const char *msg)
{
    if (err && errlen)
        snprintf(err, errlen, "%s: %s", path, msg);
}

/* Every candidate known and usable here; the message names the first that is not. */
static int check_variants(const q4k_profile *p, const char *path, char *err, size_t errlen)
{
    char msg[320];
    for (size_t i = 0; i < p->n_buckets; i++) {
        const q4k_profile_bucket *b = &p->buckets[i];
        for (unsigned c = 0; c < b->n_candidates; c++) {
            const q4k_variant *v = q4k_variant_find(b->candidates[c]);
            if (!v) {
                snprintf(msg, sizeof msg,
                         "bucket %zu: unknown variant '%s' (not compiled into this library; "
                         "was the profile made by another q4k version?)",
                         b->max_blocks, b->candidates[c]);
                set_err(err, errlen, path, msg);
                return Q4K_ENOTFOUND;
            }
            if (!q4k_variant_usable(v)) {
                char missing[128];
                q4k_feature_names(v->features & ~q4k_cpu_features(), missing, sizeof missing);
                snprintf(msg, sizeof msg, "bucket %zu: variant '%s' needs CPU feature(s) %s, which this CPU lacks",
                         b->max_blocks, v->name, missing);
                set_err(err, errlen, path, msg);
                return Q4K_EUNSUPPORTED;
            }
        }
    }
    return Q4K_OK;
}

int q4k_profile_load(const char *path, char *err, size_t errlen)
{
    q4k_profile *p = malloc(sizeof *p);
    if (!p) {
        set_err(err, errlen, path ? path : "(null)", "out of memory");
        return Q4K_ENOMEM;
    }
    int rc = q4k_profile_read(path, p, err, errlen);
    if (rc)
        goto out;

    if (strcmp(p->arch, q4k_profile_host_arch())) {
        char msg[256];
        snprintf(msg, sizeof msg, "profile is for %s (device %s); this library runs on %s",
                 p->arch, p->device, q4k_profile_host_arch());
        set_err(err, errlen, path, msg);
        rc = Q4K_EUNSUPPORTED;
        goto out;
    }
    rc = check_variants(p, path, err, errlen);
    if (rc)
        goto out;

    q4k_dispatch_bucket buckets[Q4K_PROFILE_MAX_BUCKETS];
    memset(buckets, 0, sizeof buckets);
    for (size_t i = 0; i < p->n_buckets; i++) {
        buckets[i].max_blocks = p->buckets[i].max_blocks;
        for (unsigned c = 0; c < p->buckets[i].n_candidates; c++)
            buckets[i].candidates[c] = p->buckets[i].candidates[c];
    }
    q4k_dispatch_table t = {
        .source = "profile",
        .device = p->device,
        .date = p->date,
        .origin = path,
        .simd_threshold = p->simd_threshold,
        .n_buckets = p->n_buckets,
        .buckets = buckets,
    };
    char msg[256] = "";
    rc = q4k_dispatch_install(&t, msg, sizeof msg);
    if (rc)
        set_err(err, errlen, path, msg[0] ? msg : q4k_strerror(rc));
out:
    free(p);
    return rc;
}
