/* llc_probe.h - the last-level cache size one core reaches, found from the
 * machine's behaviour instead of the OS's word (which a VM gets wrong:
 * 508 MiB reported, 32 MiB reached).
 *
 * The probe: the pure-store loop (limit:store, the widest plain vector
 * stores; storelimit.h) sweeps buffers of doubling size from 256 KiB up to
 * llc_probe_limit() bytes: twice the reported size, at least 128 MiB (more
 * than any core reaches, so the largest buffer lives in DRAM), at most
 * 1 GiB (256 MiB for --quick) and 1/8 of the RAM. Per size: a warm-up pass
 * (which also faults the pages in), then the fastest of 5 samples of at
 * least 64 MiB (--quick: 32 MiB) of stores each, in ns per byte.
 *
 * The knee (llc_probe_knee): the largest size whose per-byte time is at
 * most LLC_PROBE_CLEARLY (3/4) of the largest size's, i.e. the largest
 * buffer still clearly faster than DRAM. That size is the llc_bytes the
 * warm/cold rule uses (select_rule.h). No size that much faster (no
 * visible cache, or timings that mean nothing) = no knee: the reported
 * value is used, capped (machine_llc_from_report). Under an emulator the
 * probe is not run at all. */
#ifndef Q4K_LLC_PROBE_H
#define Q4K_LLC_PROBE_H

#include <stddef.h>

#include "machine.h"

#define LLC_PROBE_MIN ((size_t)256 << 10)
#define LLC_PROBE_FLOOR ((size_t)128 << 20)      /* the largest buffer is at least this */
#define LLC_PROBE_CEILING ((size_t)1 << 30)      /* ... and at most this */
#define LLC_PROBE_QUICK_CEILING ((size_t)256 << 20)
#define LLC_PROBE_RAM_FRACTION 8                 /* ... and at most RAM / this */
#define LLC_PROBE_CLEARLY 0.75                   /* "clearly faster": <= 3/4 of the DRAM time per byte */
#define LLC_PROBE_MAX_POINTS 16

typedef enum llc_probe_how {
    LLC_PROBE_NONE = 0,   /* take the reported value (capped) */
    LLC_PROBE_QUICK,      /* the cheap probe (--quick) */
    LLC_PROBE_FULL
} llc_probe_how;

typedef struct llc_probe {
    size_t n;
    size_t bytes[LLC_PROBE_MAX_POINTS];       /* buffer sizes, ascending */
    double ns_per_byte[LLC_PROBE_MAX_POINTS]; /* fastest sample per size */
    size_t knee;                              /* llc_probe_knee of the curve; 0: none */
} llc_probe;

/* Largest buffer to probe for a reported size (0: unknown), `ram` bytes
 * of memory (0: unknown). */
size_t llc_probe_limit(size_t reported, int quick, size_t ram);

/* Run the probe up to max_bytes. 0, or Q4K_ENOMEM (p->n == 0). */
int llc_probe_measure(size_t max_bytes, int quick, llc_probe *p);

/* The knee of a curve (sizes ascending): see above. 0 when there is none. */
size_t llc_probe_knee(const size_t *bytes, const double *ns_per_byte, size_t n);

/* The curve as text for a CSV header: "256K:215.5 512K:209.4 ... (GB/s)". */
void llc_probe_curve_text(const llc_probe *p, char *out, size_t outlen);

/* Find m->llc_bytes and m->llc_source: probe (how), or take the report
 * (capped) when how is LLC_PROBE_NONE, the machine is emulated, the probe
 * finds no knee or cannot get the memory. curve (may be NULL) gets
 * llc_probe_curve_text or "". Progress goes to stderr when verbose. */
void llc_probe_apply(q4k_machine *m, llc_probe_how how, int verbose, char *curve, size_t curvelen);

#endif
