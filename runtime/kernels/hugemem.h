/* hugemem.h - memory for weight and float streams: from 2 MiB up on a
 * 2 MiB boundary and, where the OS offers them (Linux transparent huge
 * pages in "madvise" mode), advised for huge pages. A stream through 4 KiB
 * pages pays a page walk per 4 KiB (on a virtual machine a costly one).
 * Used by q4k_gguf_load, q4k_pack*, the cache's default allocator and the
 * tuner's buffers. */
#ifndef Q4K_HUGEMEM_H
#define Q4K_HUGEMEM_H

#include <stddef.h>

/* bytes (0 allowed) of uninitialised memory, at least 64-byte aligned;
 * free() releases it. NULL when out of memory. */
void *q4k_huge_alloc(size_t bytes);

#endif
