/* storelimit.h - the memory limits: pure-store and pure-read reference
 * loops, the machine's limit for writing a kernel's output bytes or for
 * reading its input bytes, measured beside the kernels (same sizes, same
 * run) so the report can say how close a kernel gets to it.
 *
 * A store loop writes `bytes` bytes (a multiple of 4: float32 1.0f) and
 * reads nothing; the tuner calls it with the output bytes of a call of an
 * op whose plan compares with the store limits (dequant). The read loop
 * reads `bytes` bytes (any count, any alignment) and writes nothing but
 * one word at the end; the tuner calls it with the input bytes of a call of
 * an op that compares with the read limit (matvec: the weights). The loops:
 *   limit:store   plain vector stores (the widest ISA the CPU has)
 *   limit:stream  non-temporal stores (x86 movntps, aarch64 stnp)
 *   limit:memset  the C library's memset of a nonzero byte (may avoid
 *                 read-for-ownership; zeros may take a shortcut data cannot)
 *   limit:read    plain vector loads, summed (the widest ISA the CPU has) */
#ifndef Q4K_STORELIMIT_H
#define Q4K_STORELIMIT_H

#include <stddef.h>
#include "q4k.h"

typedef struct storelimit {
    const char *name;        /* "limit:store", "limit:stream", "limit:memset", "limit:read" */
    const char *method;      /* "store", "stream", "memset", "read" */
    const char *isa;         /* instruction set the loop uses here */
    void (*fn)(void *buf, size_t bytes); /* writes (or, reads = 1, reads) buf[0 .. bytes) */
    int reads;               /* 1: a read loop (buf is only read) */
} storelimit;

/* The loops available on this CPU (features checked with cpuid). */
size_t storelimit_count(void);
const storelimit *storelimit_at(size_t i);
/* By name ("limit:store"); NULL when unknown or not available here. */
const storelimit *storelimit_find(const char *name);

#endif
