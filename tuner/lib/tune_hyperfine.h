/* tune_hyperfine.h - hyperfine confirmation of the winners for q4k tune. */
#ifndef Q4K_TUNE_HYPERFINE_H
#define Q4K_TUNE_HYPERFINE_H

#include <stddef.h>

#include "select.h"

/* Run hyperfine on `q4k bench` of the winner and the default variant at a
 * few sizes, exporting DIR/hyperfine.json and DIR/hyperfine.md. note gets
 * Markdown for the report (the table, or why it was skipped). 0 on success,
 * 1 when skipped (hyperfine missing), -1 when hyperfine failed. */
int tune_hyperfine(const char *dir, const selection *sel, int quick, char *note, size_t notelen);

#endif
