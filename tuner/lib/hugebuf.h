/* hugebuf.h - large buffers for measuring: on a 2 MiB boundary and, where
 * the OS offers them (Linux transparent huge pages in "madvise" mode),
 * advised for huge pages, like the memory the library streams weights
 * from (q4k_gguf_load, the cache's buffers). With 4 KiB pages a cold
 * stream pays a page walk per 4 KiB (on a virtual machine a costly one),
 * which would charge the kernels for the TLB instead of their own work. */
#ifndef Q4K_HUGEBUF_H
#define Q4K_HUGEBUF_H

#include <stddef.h>

/* bytes (0 allowed) of uninitialised memory, at least 64-byte aligned;
 * free() releases it. NULL when out of memory. */
void *hugebuf_alloc(size_t bytes);

#endif
