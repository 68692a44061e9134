/* dispatch_state.h - the table in force (dispatch_state.c). Internal: the
 * public functions in q4k_dispatch.h (dispatch.c) wrap these after the
 * environment has been read once (dispatch_env.c). */
#ifndef Q4K_DISPATCH_STATE_H
#define Q4K_DISPATCH_STATE_H

#include <stddef.h>

#include "q4k_dispatch.h"

/* Validate t (dispatch_check, usable on this CPU), resolve every bucket
 * once and publish it; on failure the table in force stays. */
int dispatch_state_install(const q4k_dispatch_table *t, char *err, size_t errlen);
/* Install the compiled-in table (or, if this CPU cannot use it, a
 * scalar-only table, with a message on stderr). Idempotent per call. */
void dispatch_state_install_builtin(void);
/* The table in force; NULL before the first install. */
const q4k_dispatch_table *dispatch_state_table(void);
/* The resolved variant for the call in the table in force; NULL when the
 * table has no bucket for op or its bucket no candidate of that layout. */
const q4k_variant *dispatch_state_pick(q4k_op op, size_t size, unsigned vecs, unsigned threads, unsigned layout);

#endif
