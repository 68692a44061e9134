/* profile_text.h - write a tuning profile (format: runtime/profile/profile_parse.h)
 * from a selection and the measurements' header. */
#ifndef Q4K_PROFILE_TEXT_H
#define Q4K_PROFILE_TEXT_H

#include <stdio.h>

#include "measure_csv.h"
#include "select.h"

/* Write the profile text to f. Deterministic: the same measurements give
 * the same bytes (the date is the measurement's, not the clock's).
 * source: what it was selected from (the CSV path), for a comment. */
int profile_write(FILE *f, const measure_set *set, const selection *sel, const char *source);

/* The same into a file, atomically. */
int profile_write_file(const char *path, const measure_set *set, const selection *sel, const char *source,
                       char *err, size_t errlen);

#endif
