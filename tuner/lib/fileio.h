/* fileio.h - whole-file reads and atomic writes for the q4k program. */
#ifndef Q4K_FILEIO_H
#define Q4K_FILEIO_H

#include <stddef.h>

/* Read a whole file into a malloc'd buffer (+1 NUL byte past the end).
 * 0 on success; on failure a negative q4k status and a message in err. */
int q4k_read_file(const char *path, void **data, size_t *size, char *err, size_t errlen);
/* Write via PATH.tmp.<pid> + rename, so a failure never leaves a half file. */
int q4k_write_file_atomic(const char *path, const void *data, size_t size, char *err, size_t errlen);

#endif
