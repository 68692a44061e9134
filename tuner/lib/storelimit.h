/* storelimit.h - pure-store reference loops: the machine's limit for
 * writing a kernel's output bytes, measured beside the kernels (same sizes,
 * same run) so the report can say how close a kernel gets to it.
 *
 * Each loop writes `bytes` bytes (a multiple of 4: float32 1.0f) and reads
 * nothing; the tuner calls it with the output bytes of a call of the op it
 * is measured for (op_plan.out_bytes_per_unit per unit). The loops:
 *   limit:store   plain vector stores (the widest ISA the CPU has)
 *   limit:stream  non-temporal stores (x86 movntps, aarch64 stnp)
 *   limit:memset  the C library's memset (may avoid read-for-ownership) */
#ifndef Q4K_STORELIMIT_H
#define Q4K_STORELIMIT_H

#include <stddef.h>
#include "q4k.h"

typedef struct storelimit {
    const char *name;        /* "limit:store", "limit:stream", "limit:memset" */
    const char *method;      /* "store", "stream", "memset" */
    const char *isa;         /* instruction set the loop uses here */
    void (*fn)(void *out, size_t bytes);
} storelimit;

/* The loops available on this CPU (features checked with cpuid). */
size_t storelimit_count(void);
const storelimit *storelimit_at(size_t i);
/* By name ("limit:store"); NULL when unknown or not available here. */
const storelimit *storelimit_find(const char *name);

#endif
