/* profile_table.c - a parsed profile as a checked dispatch table. */
#include <stdio.h>
#include <string.h>

#include "dispatch_check.h"
#include "profile_table.h"

int profile_table_from(const q4k_profile *p, const char *origin, int need_usable, profile_table *out,
                       char *err, size_t errlen)
{
    char msg[384] = "";
    int rc = Q4K_OK;
    memset(out, 0, sizeof *out);
    if (strcmp(p->arch, "any") && strcmp(p->arch, q4k_profile_host_arch())) {
        snprintf(msg, sizeof msg, "profile is for %s (device %s); this library runs on %s", p->arch, p->device,
                 q4k_profile_host_arch());
        rc = Q4K_EUNSUPPORTED;
    } else {
        for (size_t i = 0; i < p->n_buckets; i++) {
            out->buckets[i].op = p->buckets[i].op;
            out->buckets[i].max_size = p->buckets[i].max_size;
            out->buckets[i].vecs = p->buckets[i].vecs;
            out->buckets[i].threads = p->buckets[i].threads;
            for (unsigned c = 0; c < p->buckets[i].n_candidates; c++)
                out->buckets[i].candidates[c] = p->buckets[i].candidates[c];
        }
        out->table = (q4k_dispatch_table){
            .source = strcmp(p->device, "built-in-default") ? "profile" : "built-in default",
            .device = p->device,
            .date = p->date,
            .origin = origin ? origin : "",
            .n_buckets = p->n_buckets,
            .buckets = out->buckets,
        };
        rc = dispatch_check(&out->table, need_usable, msg, sizeof msg);
    }
    if (rc && err && errlen)
        snprintf(err, errlen, "%s: %s", origin ? origin : "profile", msg);
    return rc;
}
