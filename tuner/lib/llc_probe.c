/* llc_probe.c - measure the last-level cache one core reaches (llc_probe.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "hugemem.h"
#include "llc_probe.h"
#include "q4k.h"
#include "storelimit.h"
#include "timer.h"

size_t llc_probe_limit(size_t reported, int quick, size_t ram)
{
    size_t limit = reported > LLC_PROBE_CEILING / 2 ? LLC_PROBE_CEILING : 2 * reported;
    if (limit < LLC_PROBE_FLOOR)
        limit = LLC_PROBE_FLOOR;
    if (quick && limit > LLC_PROBE_QUICK_CEILING)
        limit = LLC_PROBE_QUICK_CEILING;
    if (ram && limit > ram / LLC_PROBE_RAM_FRACTION)
        limit = ram / LLC_PROBE_RAM_FRACTION;
    return limit;
}

size_t llc_probe_knee(const size_t *bytes, const double *ns_per_byte, size_t n)
{
    if (n < 2 || !(ns_per_byte[n - 1] > 0))
        return 0;
    const double clearly = LLC_PROBE_CLEARLY * ns_per_byte[n - 1];
    for (size_t i = n - 1; i-- > 0;)
        if (ns_per_byte[i] > 0 && ns_per_byte[i] <= clearly)
            return bytes[i];
    return 0;
}

static size_t ram_bytes(void)
{
    long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    size_t ram = pages > 0 && page > 0 ? (size_t)pages * (size_t)page : 0;
#if defined(_SC_AVPHYS_PAGES)
    long avail = sysconf(_SC_AVPHYS_PAGES);
    if (avail > 0 && page > 0 && (size_t)avail * (size_t)page < ram)
        ram = (size_t)avail * (size_t)page; /* what is free now */
#endif
    return ram;
}

int llc_probe_measure(size_t max_bytes, int quick, llc_probe *p)
{
    memset(p, 0, sizeof *p);
    const storelimit *store = storelimit_find("limit:store");
    if (!store || max_bytes < LLC_PROBE_MIN)
        return Q4K_EINVAL;
    /* 2 MiB aligned and, where the OS has them, huge pages: the probe is
     * about the caches, not the TLB, and faulting 1 GiB in 4 KiB pages is
     * slow. Pages are faulted in by each size's warm-up pass, untimed. */
    void *buf = q4k_huge_alloc(max_bytes);
    if (!buf)
        return Q4K_ENOMEM;
    const size_t per_sample = quick ? (size_t)32 << 20 : (size_t)64 << 20;
    const unsigned samples = 5;
    for (size_t size = LLC_PROBE_MIN; size <= max_bytes && p->n < LLC_PROBE_MAX_POINTS; size *= 2) {
        size_t passes = per_sample / size ? per_sample / size : 1;
        store->fn(buf, size); /* warm-up; faults in the new pages */
        double best = 0;
        for (unsigned s = 0; s < samples; s++) {
            uint64_t t0 = q4k_now_ns();
            for (size_t k = 0; k < passes; k++)
                store->fn(buf, size);
            double t = (double)(q4k_now_ns() - t0) / ((double)passes * (double)size);
            if (s == 0 || t < best)
                best = t;
        }
        p->bytes[p->n] = size;
        p->ns_per_byte[p->n] = best;
        p->n++;
    }
    free(buf);
    p->knee = llc_probe_knee(p->bytes, p->ns_per_byte, p->n);
    return Q4K_OK;
}

static void size_text(size_t bytes, char *out, size_t outlen)
{
    if (bytes >= ((size_t)1 << 30) && bytes % ((size_t)1 << 30) == 0)
        snprintf(out, outlen, "%zuG", bytes >> 30);
    else if (bytes >= ((size_t)1 << 20))
        snprintf(out, outlen, "%zuM", bytes >> 20);
    else
        snprintf(out, outlen, "%zuK", bytes >> 10);
}

void llc_probe_curve_text(const llc_probe *p, char *out, size_t outlen)
{
    size_t used = 0;
    if (!outlen)
        return;
    out[0] = '\0';
    for (size_t i = 0; i < p->n && used < outlen; i++) {
        char s[16];
        size_text(p->bytes[i], s, sizeof s);
        int k = snprintf(out + used, outlen - used, "%s%s:%.1f", i ? " " : "", s,
                         p->ns_per_byte[i] > 0 ? 1.0 / p->ns_per_byte[i] : 0.0);
        if (k < 0)
            break;
        used += (size_t)k;
    }
    if (p->n && used < outlen)
        snprintf(out + used, outlen - used, " (GB/s of plain stores by buffer size)");
}

void llc_probe_apply(q4k_machine *m, llc_probe_how how, int verbose, char *curve, size_t curvelen)
{
    if (curve && curvelen)
        curve[0] = '\0';
    if (how == LLC_PROBE_NONE) {
        machine_llc_from_report(m, "not measured");
        return;
    }
    if (m->emulated) {
        machine_llc_from_report(m, "not measured: under an emulator the probe's timings mean nothing");
        return;
    }
    const int quick = how == LLC_PROBE_QUICK;
    size_t limit = llc_probe_limit(m->llc_reported, quick, ram_bytes());
    char lim[32], said[32], knee[32];
    machine_format_bytes(limit, lim, sizeof lim);
    if (verbose)
        fprintf(stderr, "measure: finding the last-level cache: store loop over 256 KiB .. %s buffers\n", lim);
    llc_probe p;
    if (llc_probe_measure(limit, quick, &p) != Q4K_OK) {
        char why[96];
        snprintf(why, sizeof why, "the store-loop probe could not get %s of memory", lim);
        machine_llc_from_report(m, why);
        return;
    }
    if (curve)
        llc_probe_curve_text(&p, curve, curvelen);
    if (!p.knee) {
        char why[128];
        snprintf(why, sizeof why, "the store-loop probe found no knee up to %s", lim);
        machine_llc_from_report(m, why);
    } else {
        m->llc_bytes = p.knee;
        machine_format_bytes(m->llc_reported, said, sizeof said);
        if (m->llc_reported)
            snprintf(m->llc_source, sizeof m->llc_source, "measured%s: knee of the store loop (%s said %s)",
                     quick ? " (quick probe)" : "", m->llc_reported_by, said);
        else
            snprintf(m->llc_source, sizeof m->llc_source, "measured%s: knee of the store loop (the OS reports "
                     "no size)", quick ? " (quick probe)" : "");
    }
    if (verbose) {
        machine_format_bytes(m->llc_bytes, knee, sizeof knee);
        fprintf(stderr, "measure: last-level cache: %s, %s\n", knee, m->llc_source);
    }
}
